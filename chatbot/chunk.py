"""Split a cleaned document into sentence-aware windows that fit the embedding model."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# A sentence ends at . ! ? or … (plus closing quotes/brackets) followed by space and a capital, digit
# or opening quote; or at a line break. Common abbreviations and initials do not end a sentence.
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Mt|No|vs|etc|e\.g|i\.e|U\.S|U\.K|U\.N|Inc|Ltd|Co|Gen|Col|Lt|Sgt|Rep|Sen"
    r"|Gov|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Fig|approx)|\b[A-Z])\.$"
)


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


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of sentences. 'A b. C d.\\nE' -> [(0, 4), (5, 9), (10, 11)]"""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for m in _END.finditer(line.group(0)):
            end = line.start() + m.end()
            if _ABBREV.search(text[max(start, end - 6) : end]):
                continue
            spans.append((start, end))
            start = end
        spans.append((start, line.end()))
    return [_strip(text, s, e) for s, e in spans if text[s:e].strip()]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


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
    units: list[tuple[int, int]] = []
    spans = sentence_spans(text)
    for (s, e), n in zip(spans, count_tokens([text[s:e] for s, e in spans]), strict=True):
        if n <= max_tokens:
            units.append((s, e))
        else:
            units.extend((s + a, s + b) for a, b in split_long(text[s:e], max_tokens))
    if not units:
        return []
    # Token count of a window = tokens of the text it spans (spaces between sentences add none).
    sizes = count_tokens([text[s:e] for s, e in units])
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(units):
        j, total = i, 0
        while j < len(units) and total + sizes[j] + 2 <= max_tokens or j == i:
            total += sizes[j] + 2  # slack for tokenization differences at sentence joins
            j += 1
        out.append((units[i][0], units[j - 1][1]))
        if j >= len(units):
            break
        i = max(i + 1, j - overlap)
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
