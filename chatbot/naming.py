"""The names a question asks about, and the question in the passages' own writing.

A name the question uses must be found in the passages (the gate), in the article a line comes from (the answer), and
may be written there otherwise: an acronym spelled out ('the FT', "Pearson's Financial Times"), a people for its
country ('Italy', 'the Italian finance minister'), a word typed in small letters that the passages write as a name
('russia', 'Russia').
"""

from __future__ import annotations

import re

from .kinds import answer_type
from .peoples import as_people
from .text import STOPWORDS, as_acronym, mentioned, names, own_question, spelled_in

# Words a question may use without the passages containing them; a common noun in capitals names nothing ('On which
# TV show …?' of "Speaking on BBC One's Breakfast with Frost", found asking new questions)
GENERIC_NAMES = frozenset("i what which who whom whose when where why how and but so or according tv ceo".split())
_ACRONYM_PLURAL = re.compile(r"(?<!^)\b([A-Z][A-Z0-9]*[A-Z0-9])[’']?s\b")  # PS2s, MPs, CD's; not the first word


def asked_names(question: str, first: bool = False) -> set[str]:
    """Names the question uses (any capitalized word but its first, unless `first`), an acronym's plural as the
    acronym. 'Did Lavrov visit Kabul?' -> {lavrov, kabul}; 'How many PS2s were sold?' -> {ps2}"""
    question = _ACRONYM_PLURAL.sub(r"\1", question)
    return {n for n in names(question, first=first) if n not in GENERIC_NAMES}


def spelled_acronym(name: str, question: str, cased: str) -> bool:
    """Is the name an acronym of the question that the passages spell out? ('ft', 'How many reporters did the FT
    offer …?', "Pearson's Financial Times said …") -> True (found asking new questions: refused, 'never mention')"""
    return as_acronym(name, question) and spelled_in(name, cased, part=True)


def unnamed(question: str, article: str) -> list[str]:
    """The names the question itself asks about (not an earlier question's) that the article never mentions:
    a line of that article is about something else. ('What point did Trevor Phillips make about the NHS in
    the immigration debate?', the article about Lord Scarman that quotes Mr Phillips) -> ['nhs']"""
    own = own_question(question)
    return sorted(n for n in asked_names(own) if not mentioned(n, article) and not spelled_acronym(n, own, article)
                  and not as_people(n, article))  # 'Italy' as 'the Italian finance minister' (calibration n535)


def recased(question: str, cased: str) -> str:
    """A question typed all in small letters, its words that the passages write only as names or acronyms within a
    sentence written so: 'which by-election did turnour win' -> 'which by-election did Turnour win' ('… Tory Edward
    Turnour, who won …': found asking new questions, refused at 0.38), 'what does csto stand for' -> 'what does CSTO
    stand for' (refused at 0.17). Only in a question typed all in small letters: BBC style capitalises 'the
    Cabinet' (review)."""
    typed = typed_small(question, cased)
    return re.sub(r"\b[a-z][a-z'’-]{2,}\b", lambda m: typed.get(m.group(0), m.group(0)), question)


def acronym_recased(question: str, cased: str) -> str:
    """The question `recased`, when it then asks what an acronym stands for: 'what does csto stand for' (found asking
    new questions, quoted without the answer in bold). Not any other: recasing every question typed small made its
    names ones the source must have ('uk' cost calibration n318 its right answer)."""
    recased_question = recased(question, cased)
    return recased_question if answer_type(recased_question) == "expansion" else question


def typed_small(question: str, cased: str) -> dict[str, str]:
    """The words of a question typed all in small letters that the passages write only as names or acronyms, each
    with its form there: 'why did russia take the taliban off …' -> {'russia': 'Russia', 'taliban': 'Taliban'}."""
    if question != question.lower():
        return {}
    typed = {}
    for w in set(re.findall(r"\b[a-z][a-z'’-]{2,}\b", question)) - STOPWORDS:
        if re.search(rf"\b{re.escape(w)}\b", cased):
            continue  # written in small letters too
        if re.search(rf"\b{re.escape(w.upper())}\b", cased):
            typed[w] = w.upper()
        elif len(w) > 3 and re.search(rf"(?<![.!?\n]\s)(?<!^)\b{re.escape(w.capitalize())}\b", cased):
            typed[w] = w.capitalize()
    return typed
