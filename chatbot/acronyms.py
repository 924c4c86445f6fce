"""Acronyms spelled out: where a text gives the words an acronym's letters begin ('What does CSTO stand for?')."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .text import own_question, sentence_spans

# 'What does CSTO stand for?', typed short too ('BLA stands for?', "what's TTP short for": found asking new
# questions, refused): the words its letters begin; one written as a word stands for something too ('What does
# Gavi stand for?': the model's right answer was refused), not what it means ('What does Brexit mean?')
EXPANSION_Q = re.compile(r"\s*(?i:(?:(?:and|so|but|then)\s+)?(?:what(?:'s|’s|\s+(?:does|did|do|is))\s+(?:the\s+)?)?)"
                         r"([A-Z](?:[A-Z0-9]{1,}|[a-z]{2,5}(?=\s+(?i:stands?\s+for))))s?\s+"
                         r"(?i:stands?\s+for|means?|(?:is\s+)?short\s+for)"
                         r"(?i:,?\s+(?:in|according\s+to)\s+(?:the|this)\s+(?:article|piece|op-ed|analysis|story|report|"
                         r"text)\b[^?]*)?\s*\??\s*$")
# ('… stand for in the article on Russia's mediation offer?', found asking new questions: quoted another line)

_CONNECTORS = frozenset("of and for the e i ul al de".split())  # 'Tehrik-i-Taliban Pakistan', 'Bank of England'


def spelled_out(text: str, question: str) -> tuple[int, int] | None:
    """Where the text spells out the acronym the question asks about ('What does CSTO stand for?'), if it does."""
    m = EXPANSION_Q.match(own_question(question))
    return expansion(text, m.group(1)) if m else None


def glossed(text: str, question: str) -> bool:
    """Does a sentence of the text spell out the acronym the question asks about and name it too ('… the
    Tehreek-e-Taliban Pakistan (TTP) …')? A line with the words alone ('groups like the Tehreek-e-Taliban
    Pakistan') does not show that they are what the acronym stands for (found asking new questions: the model's
    right answer was cited to such a line, while another article glosses TTP)."""
    m = EXPANSION_Q.match(own_question(question))
    if m is None:
        return False
    acronym = m.group(1)
    return any(re.search(rf"\b{re.escape(acronym)}\b", text[a:b], re.I) and expansion(text[a:b], acronym) is not None
               for a, b in sentence_spans(text))


def gloss_supported(sentence: str, question: str, line: str) -> bool:
    """Does the sentence say no more than what the acronym stands for ('TTP stands for Tehreek-e-Taliban
    Pakistan.'), with the words a line that glosses it gives ('… the Tehreek-e-Taliban Pakistan (TTP), …')? Then
    the line supports it however little else of it the sentence repeats (found asking new questions: such a
    sentence was refused for the line's 'not' and for its meaning, 0.50 from a list of groups)."""
    m = EXPANSION_Q.match(own_question(question))
    said = expansion(sentence, m.group(1)) if m else None
    if not m or said is None or not glossed(line, question):
        return False
    rest = re.sub(r"\[\d+\]", " ", sentence[:said[0]] + sentence[said[1]:]).lower()
    if set(re.findall(r"[^\W\d_][\w'’]*", rest)) - {m.group(1).lower(), *_GLOSS_WORDS}:
        return False
    given = expansion(line, m.group(1))
    return given is not None and _words(line[given[0]:given[1]]) == _words(sentence[said[0]:said[1]])


def gloss_misread(sentence: str, question: str) -> str:
    """Why a sentence answering what an acronym stands for says its words stand for something else, or ''. ('Al-Qaeda
    stands for Islamic State Khorasan Province.', 'What does AQ stand for …?') -> "it says 'Al-Qaeda' stands for
    something else" (calibration s193, generated from a list glossing both)."""
    m = EXPANSION_Q.match(own_question(question))
    said = next(_spans(sentence, m.group(1)), None) if m else None  # beside it or not
    gloss = re.search(r"\b(?:stands?|stood)\s+for\b|\bmeans?\b|\bshort\s+for\b", sentence, re.I)
    if not m or said is None or not gloss or said[1] > gloss.start():
        return ""
    return "" if re.search(rf"\b{re.escape(m.group(1))}\b", sentence[:gloss.start()]) else \
        f"it says '{sentence[said[0]:said[1]]}' stands for something else"


_GLOSS_WORDS = frozenset("the a an is stands stand for short means its it abbreviation acronym of".split())


def _words(text: str) -> list[str]:
    """'Tehreek-e-Taliban Pakistan' -> ['tehreek', 'e', 'taliban', 'pakistan']"""
    return re.findall(r"[^\W_]+", text.lower())


def expansion(text: str, acronym: str) -> tuple[int, int] | None:
    """Where the text spells the acronym out: the first letters of its words, in order, are the acronym (of
    capitalized words, or of lower-case ones; 'of', 'and', '-e-' may come between; a word in capitals gives
    all its letters). Where it stands beside the acronym ('… Organization (CSTO)', 'CSTO (… Organization)'),
    when it is spelled out more than once.

    ('… the Collective Security Treaty Organization (CSTO) …', 'CSTO') -> the span of 'Collective … Organization';
    ('the UK Independence Party', 'UKIP'), ('its chief executive officer', 'CEO') -> their spans
    """
    spans = list(_spans(text, acronym))
    beside = re.escape(acronym)
    # two letters are spelled by many a pair of words ('Abu Qatada, accused of AQ links'): only one beside them counts
    return next((s for s in spans if re.match(rf"\s*\(\s*{beside}\s*\)", text[s[1]:])
                 or re.search(rf"\b{beside}\s*(?:\(|(?:stands?|stood|is\s+short)\s+for(?:\s+the)?)\s*$", text[:s[0]])),
                spans[0] if spans and len(acronym) > 2 else None)


def _spans(text: str, acronym: str) -> Iterator[tuple[int, int]]:
    """Each span of the text whose words spell the acronym out, in order."""
    words = list(re.finditer(r"[^\W\d_][\w'’]*", text))
    for i, first in enumerate(words):
        if first.group(0).lower() in _CONNECTORS and not (first.group(0)[0].isupper()
                                                          and text.startswith("-", first.end())):  # 'Al-Qaeda' (s193)
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
                yield first.start(), w.end()
                break
            if len(letters) >= len(acronym) or not acronym.upper().startswith(letters.upper()):
                break
