"""Split a cleaned document into sentence-aware windows that fit the embedding model."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .text import sentence_spans

__all__ = ["Chunk", "chunk_document", "sentence_spans", "windows"]

MAX_CHARS_PER_TOKEN = 10  # English averages about 4-5 characters per token


@dataclass(frozen=True)
class Chunk:
    """A passage of a document; text == cleaned_document[start:end]."""

    id: int
    doc: str
    title: str
    index: int
    start: int
    end: int
    text: str

    @property
    def chunk_id(self) -> str:
        return f"{self.doc}#{self.index}"


def windows(
    text: str,
    count_tokens: Callable[[Sequence[str]], list[int]],
    split_long: Callable[[str, int], list[tuple[int, int]]],
    max_tokens: int,
    overlap: int = 1,
) -> list[tuple[int, int]]:
    """Pack consecutive sentences into spans of at most `max_tokens`, repeating `overlap` sentences.

    A sentence longer than the limit is cut at token boundaries, so nothing is ever truncated.
    """
    # A tokenizer can map a huge run of characters to one token (a 'word' of a million letters is one
    # unknown token), so windows are limited in characters too; normal text never comes near the limit.
    max_chars = max_tokens * MAX_CHARS_PER_TOKEN
    units: list[tuple[int, int]] = []
    pending = sentence_spans(text)
    while pending:
        cut: list[tuple[int, int]] = []
        for (s, e), n in zip(pending, count_tokens([text[s:e] for s, e in pending]), strict=True):
            if n <= max_tokens and e - s <= max_chars:
                units.append((s, e))
            elif n > max_tokens:
                pieces = [(s + a, s + b) for a, b in split_long(text[s:e], max_tokens)]
                if pieces == [(s, e)]:  # the tokenizer cannot cut it further
                    units.append((s, e))
                else:
                    cut.extend(pieces)
            else:
                cut.extend((c, min(e, c + max_chars)) for c in range(s, e, max_chars))
        pending = cut  # every piece is shorter than what it came from, so this ends
    units.sort()
    if not units:
        return []
    # Token count of a window = tokens of the text it spans (spaces between sentences add none).
    sizes = count_tokens([text[s:e] for s, e in units])

    def end_of_window(i: int) -> int:
        j, total = i, 0
        while (j < len(units) and total + sizes[j] + 2 <= max_tokens
               and units[j][1] - units[i][0] <= max_chars) or j == i:
            total += sizes[j] + 2  # slack for tokenization differences at sentence joins
            j += 1
        return j

    out: list[tuple[int, int]] = []
    i = 0
    while i < len(units):
        j = end_of_window(i)
        out.append((units[i][0], units[j - 1][1]))
        if j >= len(units):
            break
        # Repeat the last `overlap` units, fewer if they leave no room for a new one (a window holding
        # only repeated units would be a useless copy of part of this one).
        i = next((n for n in range(max(i + 1, j - overlap), j) if end_of_window(n) > j), j)
    return out


def chunk_document(
    doc: str,
    title: str,
    text: str,
    first_id: int,
    count_tokens: Callable[[Sequence[str]], list[int]],
    split_long: Callable[[str, int], list[tuple[int, int]]],
    max_tokens: int,
    overlap: int = 1,
) -> list[Chunk]:
    spans = windows(text, count_tokens, split_long, max_tokens, overlap)
    return [Chunk(first_id + n, doc, title, n, s, e, text[s:e]) for n, (s, e) in enumerate(spans)]
