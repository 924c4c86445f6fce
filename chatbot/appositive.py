"""A thing the source names beside its noun ('… a film he adapted from his own play, Purlie Victorious'): the answer to
'Which of his own plays …?' is that name, not another the line gives."""

from __future__ import annotations

import re

import lemminflect

from .text import STOPWORDS, names, own_question

_WHICH = re.compile(r"\s*(?:(?:and|so|but|then)\s+)?(?:which|what)\s+(?:(?:one|ones)\s+)?"
                    r"(?:of\s+(?:his|her|its|their|the)\s+(?:own\s+)?)?([a-z]+)\b", re.I)
_NAME = r"[A-Z][\w'’-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’-]*)*"


def named_apart(sentence: str, question: str, text: str) -> str:
    """Why the sentence gives another name than the one its source sets beside the noun a which-question asks about,
    or ''. ('The Joe Louis Story was one of Davis's own plays that he adapted into the film Gone Are the Days.',
    'which of his own plays did ossie davis adapt into the film gone are the days', '… Gone Are the Days - a film he
    adapted from his own play, Purlie Victorious.') -> "the source names Purlie Victorious as the play" (calibration
    n335: shown, generated)."""
    m = _WHICH.match(own_question(question))
    noun = m.group(1).lower() if m else ""
    lemmas = lemminflect.getAllLemmas(noun)
    if not noun or noun in STOPWORDS or "NOUN" not in lemmas or "VERB" in lemmas and "AUX" in lemmas:
        return ""
    forms = {noun, *lemmas["NOUN"], *(f for lemma in lemmas["NOUN"] for f in lemminflect.getInflection(lemma, "NNS"))}
    mine = names(sentence, first=True) - names(question, first=True)
    # beside the noun after 'his', 'the', …, and closed by a comma or the sentence's end: not 'After the film, Sidney
    # Poitier called him' (review)
    given = [(m.group(1), names(m.group(1), first=True)) for m in re.finditer(
        rf"(?i:\b(?:the|a|an|his|her|its|their|own|[\w'’]+['’]s)\s+(?:[a-z]+\s+)?(?:{'|'.join(map(re.escape, forms))}))"
        rf",\s+({_NAME})(?=\s*(?:[,.;:)]|\s-\s|$))", text)]
    given = [(said, g) for said, g in given if g]
    if not mine or not given or any(g & names(sentence, first=True) for _, g in given):
        return ""  # none set beside it, or the sentence gives one of them ('the foreign minister, Jack Straw, …')
    return f"the source names {given[0][0]} as the {lemmas['NOUN'][0]}"
