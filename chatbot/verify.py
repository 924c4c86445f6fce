"""Check each generated sentence against the passage it cites; rank source sentences for quoting.

A sentence is supported by a passage when every number and name in it appears in the passage, most of
its content words do, and it is close in meaning (embedding similarity) to a sentence of the passage.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .chunk import sentence_spans
from .embed import Embedder
from .retrieve import bm25_tokens

LEXICAL_MIN = 0.6  # share of the sentence's content words found in the passage
# cosine similarity to the closest passage sentence or clause. Whole sentences are a poor match for a
# short claim taken from a long list sentence (MiniLM: 'There were 225 border flag meetings' vs the
# source sentence 0.60, 'Pakistan issued 13 formal demarches' 0.31), so clauses are compared too.
SIMILARITY_MIN = 0.5

_CITATION = re.compile(r"\s*\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"\b[A-Z][\w'’-]*[\w]|\b[A-Z]{2,}\b")
_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
          "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}


@dataclass(frozen=True)
class Support:
    ok: bool
    reason: str  # why not, when not ok
    start: int = 0  # span of the best supporting sentence within the passage text
    end: int = 0
    similarity: float = 0.0


def citations(sentence: str) -> tuple[str, list[int]]:
    """Split off [n] markers. 'Five trips [1][2, 3].' -> ('Five trips.', [1, 2, 3])"""
    found = [int(n) for m in _CITATION.finditer(sentence) for n in re.split(r"[,;]", m.group(1))]
    text = _CITATION.sub("", sentence).strip()
    return re.sub(r"\s+([.,;:!?])", r"\1", text), list(dict.fromkeys(found))


def numbers(text: str) -> set[str]:
    """Numbers in digits or words, normalized. 'five trips, 1,200 men' -> {'5', '1200'}"""
    out = {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}
    out |= {str(_WORDS[w]) for w in re.findall(r"[a-z]+", text.lower()) if w in _WORDS and w != "one"}
    return out


def names(sentence: str) -> set[str]:
    """Capitalized words and acronyms, except a sentence's first word. 'The TTP hit Kabul' -> {'ttp', 'kabul'}"""
    found = set()
    for m in _NAME.finditer(sentence):
        word = re.sub(r"['’]s$", "", m.group(0))
        if m.start() == 0 and not word.isupper():
            continue
        if word.lower() not in ("i", "the", "a", "an"):
            found.add(word.lower())
    return found


def content_terms(text: str) -> set[str]:
    return set(bm25_tokens([text])[0])


def support(sentence: str, passage: str, embedder: Embedder, sentence_vec: np.ndarray | None = None) -> Support:
    """Does the passage support the sentence? Checks facts, content words and meaning."""
    low = passage.lower()
    missing_numbers = numbers(sentence) - numbers(passage)
    if missing_numbers:
        return Support(False, f"number {sorted(missing_numbers)[0]} is not in the cited passage")
    missing_names = [n for n in names(sentence) if n not in low]
    if missing_names:
        return Support(False, f"'{missing_names[0]}' is not in the cited passage")
    terms = content_terms(sentence)
    if not terms:
        return Support(False, "the sentence says nothing checkable")
    overlap = len(terms & content_terms(passage)) / len(terms)
    if overlap < LEXICAL_MIN:
        return Support(False, f"only {overlap:.0%} of its words are in the cited passage")
    spans = sentence_spans(passage) or [(0, len(passage))]
    windows = [(i, s, e) for i, span in enumerate(spans) for s, e in _clause_windows(passage, *span)]
    vecs = embedder.encode([passage[s:e] for _, s, e in windows])
    qv = sentence_vec if sentence_vec is not None else embedder.encode([sentence])[0]
    sims = vecs @ qv
    best = int(np.argmax(sims))
    if float(sims[best]) < SIMILARITY_MIN:
        return Support(False, f"its meaning is not close to the cited passage (similarity {sims[best]:.2f})")
    start, end = spans[windows[best][0]]
    return Support(True, "", start, end, float(sims[best]))


def _clause_windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence, its clauses and pairs of adjacent clauses. 'A, b; c.' -> whole, 'A', 'b', 'c.', 'A, b', 'b; c.'"""
    cuts = [start] + [start + m.end() for m in re.finditer(r"[,;:]\s", text[start:end])] + [end]
    pieces = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if text[a:b].strip()]
    out = [(start, end)]
    if len(pieces) > 1:
        out += pieces + [(pieces[i][0], pieces[i + 1][1]) for i in range(len(pieces) - 1)]
    return out


@dataclass(frozen=True)
class Candidate:
    passage: int  # index into the passages list
    start: int  # span within the passage text
    end: int
    score: float
    coverage: float
    similarity: float


def rank_sentences(
    question: str, passages: Sequence[str], embedder: Embedder, offsets: Sequence[tuple[str, int]] | None = None,
    weight: float = 0.5,
) -> list[Candidate]:
    """Sentences of the passages, best answer first.

    Score = half meaning similarity to the question, half coverage of the question's words weighted by
    their rarity among the candidate sentences (so 'demarches' counts more than 'Pakistan'); a sentence
    with a number gets a small bonus when the question asks how many, how much or when.
    """
    spans = [(p, s, e) for p, text in enumerate(passages) for s, e in sentence_spans(text)]
    spans = [(p, s, e) for p, s, e in spans if len(passages[p][s:e].split()) >= 4]
    if offsets is not None:  # overlapping passages repeat sentences: keep each once, in its best passage
        seen: set[tuple[str, int]] = set()
        unique = []
        for p, s, e in spans:
            key = (offsets[p][0], offsets[p][1] + s)
            if key not in seen:
                seen.add(key)
                unique.append((p, s, e))
        spans = unique
    if not spans:
        return []
    texts = [passages[p][s:e] for p, s, e in spans]
    vecs = embedder.encode(texts)
    qv = embedder.encode([question])[0]
    q_terms = content_terms(question)
    terms = [content_terms(t) for t in texts]
    idf = {t: math.log(1 + len(texts) / (1 + sum(t in ts for ts in terms))) for t in q_terms}
    total = sum(idf.values()) or 1.0
    wants_number = bool(_QUANTITY.match(question))
    out = []
    for (p, s, e), text, vec, ts in zip(spans, texts, vecs, terms, strict=True):
        coverage = sum(idf[t] for t in q_terms & ts) / total
        sim = float(vec @ qv)
        bonus = 0.1 if wants_number and numbers(text) else 0.0
        out.append(Candidate(p, s, e, (1 - weight) * sim + weight * coverage + bonus - 0.02 * p, coverage, sim))
    return sorted(out, key=lambda c: -c.score)


_QUANTITY = re.compile(r"\s*(how (many|much|long|old|far)|when|what year|in what year|what date)\b", re.I)
