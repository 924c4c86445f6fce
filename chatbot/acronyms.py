"""Acronyms spelled out: where a text gives the words an acronym's letters begin ('What does CSTO stand for?')."""

from __future__ import annotations

import re

from .text import own_question

# 'What does CSTO stand for?', typed short too ('BLA stands for?', "what's TTP short for": found asking new
# questions, refused): the words its letters begin
EXPANSION_Q = re.compile(r"\s*(?i:(?:(?:and|so|but|then)\s+)?(?:what(?:'s|’s|\s+(?:does|did|do|is))\s+(?:the\s+)?)?)"
                         r"([A-Z][A-Z0-9]{2,})s?\s+(?i:stands?\s+for|means?|(?:is\s+)?short\s+for)"
                         r"(?i:,?\s+(?:in|according\s+to)\s+(?:the|this)\s+(?:article|piece|op-ed|analysis|story|report|"
                         r"text)\b[^?]*)?\s*\??\s*$")
# ('… stand for in the article on Russia's mediation offer?', found asking new questions: quoted another line)

_CONNECTORS = frozenset("of and for the e i ul al de".split())  # 'Tehrik-i-Taliban Pakistan', 'Bank of England'


def spelled_out(text: str, question: str) -> tuple[int, int] | None:
    """Where the text spells out the acronym the question asks about ('What does CSTO stand for?'), if it does."""
    m = EXPANSION_Q.match(own_question(question))
    return expansion(text, m.group(1)) if m else None


def expansion(text: str, acronym: str) -> tuple[int, int] | None:
    """Where the text spells the acronym out: the first letters of its words, in order, are the acronym (of
    capitalized words, or of lower-case ones; 'of', 'and', '-e-' may come between; a word in capitals gives
    all its letters).

    ('… the Collective Security Treaty Organization (CSTO) …', 'CSTO') -> the span of 'Collective … Organization';
    ('the UK Independence Party', 'UKIP'), ('its chief executive officer', 'CEO') -> their spans
    """
    words = list(re.finditer(r"[^\W\d_][\w'’]*", text))
    for i, first in enumerate(words):
        if first.group(0).lower() in _CONNECTORS:
            continue
        capitals, letters, end = first.group(0)[0].isupper(), "", first.start()
        for w in words[i:]:
            word, gap, end = w.group(0), text[end:w.start()], w.end()
            if gap.strip(" -"):  # 'Nawaz Sharif, Pakistan' is no one name
                break
            if word.lower() in _CONNECTORS and w is not first:
                continue
            if word[0].isupper() != capitals:
                break
            letters += word if word.isupper() and len(word) > 1 else word[0]
            if letters.upper() == acronym.upper() and w is not first:  # (the acronym alone spells nothing out)
                return first.start(), w.end()
            if len(letters) >= len(acronym) or not acronym.upper().startswith(letters.upper()):
                break
    return None
