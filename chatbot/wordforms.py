"""Content words in the forms the checks compare: stemmed, an irregular verb form as its base ('sold' ->
'sell'), by lemminflect. Kept apart from text.py, which indexing uses: lemminflect takes 0.1 s to import."""

from __future__ import annotations

import functools

import lemminflect

from .text import PEOPLE_ENDINGS, STOPWORDS, stems, words


def forms(text: str) -> dict[str, str]:
    """Content words, stemmed, each with its base form if it is an irregular verb form ('sold' -> 'sell'); a
    form that is a base of its own stays as it is ('fell', 'lay', 'found').

    'Shares rose as it sold more.' -> {'share': 'share', 'rose': 'rise', 'sold': 'sell'}
    """
    return dict(in_order(text))


def in_order(text: str) -> list[tuple[str, str]]:
    """Content words in order, stemmed, each with its base form. 'Shares rose.' -> [('share', 'share'), ('rose',
    'rise')]"""
    return [(t, _base(w)) for w in words(text) if len(w) > 1 and w not in STOPWORDS and not w[0].isdigit()
            for t in stems(w)]


def base_terms(text: str) -> set[str]:
    """Content words, stemmed, irregular verb forms as their base: 'Shares rose.' -> {'share', 'rise'}"""
    return set(forms(text).values())


def is_verb(word: str) -> bool:
    """Is the word a verb's base form? 'buy' -> True; 'shareholders', 'prevailed' -> False"""
    return word.lower() in lemminflect.getAllLemmas(word.lower(), upos="VERB").get("VERB", ())


@functools.cache
def _base(word: str) -> str:
    lemmas = lemminflect.getAllLemmas(word, upos="VERB").get("VERB", ())
    found = stems(lemmas[0] if lemmas and word not in lemmas else word)
    return found[0] if found else ""


_DERIVED = (*PEOPLE_ENDINGS, "es")  # and 'es': the stemmer cuts 'japanese' to 'japanes'


def found_in(term: str, pool: set[str]) -> bool:
    """Is the stemmed term in the pool, or a place and its people ('australia', 'australian')? Not any
    longer word it begins: 'islam' is not in 'islamabad'."""
    return term in pool or any(p == term + end or term == p + end for p in pool for end in _DERIVED)
