"""Content words in the forms the checks compare: stemmed, an irregular verb form as its base ('sold' ->
'sell'), by lemminflect, and what a sentence saying what a named thing is needs of its source (`only_a_modifier`).
Kept apart from text.py, which indexing uses: lemminflect takes 0.1 s to import."""

from __future__ import annotations

import functools
import re

import lemminflect

from .peoples import ENDINGS
from .text import STOPWORDS, stems, words


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


def participles(verb: str) -> set[str]:
    """The past participles of a verb in any form: 'killed', 'kills' -> {'killed'}; 'chairs' -> {'chaired'}"""
    lemmas = lemminflect.getAllLemmas(verb.lower(), upos="VERB").get("VERB", ())
    return {f.lower() for lemma in lemmas for f in lemminflect.getInflection(lemma, "VBN")}


def inflections(verb: str) -> set[str]:
    """Every form of the verb's lemmas, with the lemmas: 'pushed' -> {'push', 'pushes', 'pushed', 'pushing'}; none for
    a word that is no verb."""
    lemmas = lemminflect.getAllLemmas(verb, upos="VERB").get("VERB", ())
    return {f.lower() for lemma in lemmas for fs in lemminflect.getAllInflections(lemma, upos="VERB").values()
            for f in fs} | set(lemmas)


def past_forms(text: str) -> set[str]:
    """The irregular past forms of the text's verbs, which `forms` keeps as they are ('fell' may be a verb of its
    own); not of a verb in a choice ('rise or fall'). 'By how much did sales fall?' -> {'fell', 'fallen'}"""
    ws = words(text)
    out: set[str] = set()
    for i, w in enumerate(ws):
        if w in STOPWORDS or "or" in ws[max(0, i - 1):i + 2] or not is_verb(w):
            continue
        for tag in ("VBD", "VBN"):
            out.update(f for f in lemminflect.getInflection(w, tag, inflect_oov=False) if not f.endswith("ed"))
    return out


def said_as_past(sentence: str, question: str) -> set[str]:
    """Stems of the sentence's words that are a past form of a verb of the question, as written ('founded' is no
    'found'): ('Sales fell by 1.3%.', 'By how much did sales fall?') -> {'fell'}"""
    past = past_forms(question)
    return {t for w in words(sentence) if w in past for t in stems(w)}


_DERIVED = (*ENDINGS, "es")  # and 'es': the stemmer cuts 'japanese' to 'japanes'


def found_in(term: str, pool: set[str]) -> bool:
    """Is the stemmed term in the pool, or a place and its people ('australia', 'australian')? Not any
    longer word it begins: 'islam' is not in 'islamabad'."""
    return term in pool or any(p == term + end or term == p + end for p in pool for end in _DERIVED)


_DEFINES = re.compile(r"\W*(?:The\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s+(?:is|was|are|were)\s+(?:a|an|the|one)\b")


def only_a_modifier(sentence: str, text: str) -> str:
    """Why a sentence saying what a named thing is rests on a source that names it only as a word before a
    noun, or ''. ('The Doha Agreement is a system of three dialogue rounds …', 'A system of three dialogue
    rounds, including one within the Doha Agreement framework …') -> "the source names 'Doha Agreement' only
    in 'Doha Agreement framework'" (found asking new questions of the seeds)."""
    m = _DEFINES.match(sentence)
    if not m or " " not in m.group(1):  # a name of two words or more: 'Russia is a …' may rest on 'Russian troops'
        return ""
    name = re.escape(m.group(1)).replace(r"\ ", r"\s+")
    # not a possessive ('Prime Minister Tony Blair's spokesman'), nor the noun the sentence says it is ('The Nintendo
    # DS is a handheld game console' on 'The Nintendo DS handheld game console went on sale')
    found = list(re.finditer(rf"\b{name}\b(['’]s\b)?(\s+([a-z]+))?", text))
    said = sentence[m.end():].lower().split()[:3]
    nouns = [f.group(3) for f in found if f.group(3) and not f.group(1) and noun_only(f.group(3)) and f.group(3)
             not in said]
    if found and len(nouns) == len(found):
        return f"the source names '{m.group(1)}' only in '{m.group(1)} {nouns[0]}'"
    return ""


def predicate_unsaid(sentence: str, text: str) -> str:
    """Why a sentence saying what a named thing is says what its source does not, or '': most words of what it
    is said to be are not in the source. ('The Islamic State Khorasan Province (ISKP) is a terrorist
    organization.', '… asymmetric security threats, specifically the Islamic State Khorasan Province (ISKP).')
    -> 'the source does not say it is a terrorist organization' (found asking new questions: shown for 'What is
    the ISKP?')."""
    m = _DEFINED.match(sentence)
    if not m:
        return ""
    said = in_order(sentence[m.end():])
    held = {t for pair in in_order(text) for t in pair}
    missing = [t for t, base in said if t not in held and base not in held]
    if not said or 2 * len(missing) <= len(said):
        return ""
    what = re.sub(r"[^\w)]+$", "", sentence[m.end():])
    return f"the source does not say it is {what}"


# 'The Islamic State Khorasan Province (ISKP) is a …', 'ISKP was an …'; not 'There was a …' (review)
_DEFINED = re.compile(r"\W*(?!(?:There|It|This|That|These|Those|He|She|They|We|You|I)\b)"
                      r"(?:The\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’-]*)*(?:\s+\([A-Z][\w-]*\))?\s+"
                      r"(?:is|was|are|were)\s+(?=(?:a|an|the|one)\s)")


def noun_only(word: str) -> bool:
    """Is the word a noun and no verb? 'framework' -> True; 'was', 'signed', 'talks' -> False"""
    lemmas = lemminflect.getAllLemmas(word)
    return "NOUN" in lemmas and not {"VERB", "AUX"} & set(lemmas)


def begins_word(term: str, pool: set[str]) -> bool:
    """Does a word of the pool begin with the term, a noun made of it ('chair', 'chairman'; 'lead', 'leader')? Not
    a short one but its doer: 'war' is not in 'ward'."""
    return any(p.startswith(term) and len(p) <= len(term) + 3 and (len(term) >= 5 or p in (term + "er", term + "or"))
               for p in pool)
