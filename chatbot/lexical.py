"""BM25 over chunk texts (bm25s): tokenize, build and save, load, score.

Its own module so that the index (store) can build and load BM25 without importing the search that
uses it (retrieve), and so that what counts as a word for search is decided in one place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

_stemmer: Any = None


def tokens(texts: list[str]) -> list[list[str]]:
    """Lower-cased, stemmed, English-stopword-free tokens. 'The camps' -> [['camp']]"""
    global _stemmer
    import bm25s
    import Stemmer

    if _stemmer is None:
        _stemmer = Stemmer.Stemmer("english")
    return bm25s.tokenize(texts, stopwords="en", stemmer=_stemmer, return_ids=False, show_progress=False)


def build(texts: list[str], folder: Path) -> None:
    """Index the texts (in order: document i is texts[i]) and save the index to folder."""
    import bm25s

    retriever = bm25s.BM25()
    retriever.index(tokens(texts), show_progress=False)
    retriever.save(str(folder))


def load(folder: Path) -> Any:
    import bm25s

    return bm25s.BM25.load(str(folder))


def scores(bm25: Any, query: str) -> np.ndarray:
    """BM25 score of every indexed text for the query (empty when no query word is indexed)."""
    found = [t for t in tokens([query])[0] if t in bm25.vocab_dict]
    if not found:
        return np.zeros(0, dtype=np.float32)
    return np.asarray(bm25.get_scores(found), dtype=np.float32)
