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
    mine = names(sentence) - names(question)
    for apart in re.finditer(rf"\b(?i:{'|'.join(map(re.escape, forms))}),\s+({_NAME})", text):
        given = names(apart.group(1))
        if mine and given and not given & names(sentence):
            return f"the source names {apart.group(1)} as the {lemmas['NOUN'][0]}"
    return ""
