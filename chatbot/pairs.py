"""When a generated sentence rests on two neighbouring source sentences: does each give something of it, does the
one giving the answer say more of it, and does the sentence link them as neither does? (`verify` tries a pair when
no single sentence supports the sentence.)"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from .text import YEAR, has_name, names, numbers, terms
from .wordforms import base_terms, forms, found_in, said_as_past


class Line(Protocol):
    """A source sentence: its text and where it starts in its passage (`verify.Source`)."""

    @property
    def text(self) -> str: ...

    @property
    def start(self) -> int: ...


def from_question(mine: dict[str, str], sentence: str, question: str) -> set[str]:
    """The sentence's terms (`mine`, as `forms` gives them) that the question gives: its words, in their base
    forms too ('sold' for 'sell'), and its verbs' irregular past forms as written ('fell' for 'fall')."""
    question_terms, question_bases, past = terms(question), base_terms(question), said_as_past(sentence, question)
    return {t for t in mine if t in question_terms or mine[t] in question_bases or t in past}


def idle_pair(sentence: str, question: str, chosen: Sequence[Line]) -> str:
    """Why one of two neighbouring sentences holds nothing of the sentence that the other lacks, or '': no word or
    number the sentence adds to the question, no name of the question. ('Global music sales fell by 1.3% in
    2004.', 'The UK music industry recorded an overall 3% increase …' + '… world music sales declined by 1.3% …')
    -> the first only lent its words to the pair (found in calibration n220: it was cited beside the second)."""
    if len(chosen) < 2:
        return ""
    mine = forms(sentence)
    echoed = from_question(mine, sentence, question)
    new_numbers, asked = numbers(sentence) - numbers(question), names(question)

    def gives(text: str, echoes: bool = False) -> set[str]:
        held = terms(text)
        return ({t for t in mine if (echoes or t not in echoed) and found_in(t, held)} | (numbers(text) & new_numbers)
                | {n for n in asked if has_name(n, text)})

    # 'The bank said it would cut jobs.' + 'It expects 2,000 posts to go.': the line a pronoun points back to
    # gives the question's words
    earlier, later = sorted(chosen[:2], key=lambda c: c.start)
    first, second = gives(earlier.text, bool(_STARTS_WITH_PRONOUN.match(later.text))), gives(later.text)
    return "one of its two source sentences adds nothing to the other" if not first - second or not second - first \
        else ""


def loose_pair(sentence: str, question: str, chosen: Sequence[Line]) -> str:
    """Why two neighbouring sentences do not support the sentence together, or ''. The one that gives a name
    or number the question did not must also hold a word of the sentence that is no name: 'Jim Callaghan took
    over from Lord Hattersley' does not rest on '… brought Jim Callaghan into Parliament …' beside 'Former
    cabinet colleague Lord Hattersley said …'. Or a pronoun ties it to the other sentence, which holds such a
    word: 'Police named the victim.' + 'He was John Smith.'; 'Harold Wilson resigned.' + 'Callaghan replaced him.'
    """
    if len(chosen) < 2:
        return ""
    earlier, later = sorted(chosen[:2], key=lambda c: c.start)
    new_names = names(sentence) - names(question, first=True)
    new_numbers = numbers(sentence) - numbers(question)
    words_of_it = base_terms(sentence) - base_terms(" ".join(names(sentence, first=True)))
    for source, other in ((earlier, later), (later, earlier)):
        gives = {n for n in new_names if has_name(n, source.text)} | (numbers(source.text) & new_numbers)
        if not gives or words_of_it & base_terms(source.text):
            continue
        tied = _STARTS_WITH_PRONOUN.match(later.text) if source is later else _PERSON_PRONOUN.search(later.text)
        if not (tied and words_of_it & base_terms(other.text)):
            return f"'{sorted(gives)[0]}' stands in a sentence that says nothing else of it"
    return ""


def given_apart(sentence: str, question: str, chosen: Sequence[Line]) -> str:
    """Why a year or a name a sentence adds stands in one of two neighbouring sentences while a name the question
    gives stands only in the other, or '': it is said of something else, unless the later sentence gives it and
    goes on about the earlier one ('It sold 200,000 …', 'His offer values the club at £800m') or, for a name, a
    person is pointed at ('Callaghan replaced him.', 'When home secretary, he ordered British troops …': n178).
    ('The round of Pakistan-Taliban talks under the Doha Agreement framework was held in 2021.', 'Starting in 2021,
    Pakistan has involved the Taliban regime by means of … formal dialogue rounds …' + 'A system of three dialogue
    rounds, including one within the Doha Agreement framework …') -> '2021' is when the dialogue started; ('The
    three new al-Qaeda-TTP camps are located in Ghazni, Helmand, and Kandahar provinces.', 'Al-Qaeda has fighters
    and training stations in the six provinces: Ghazni, Helmand, …' + 'Al-Qaeda-TTP integration of operations is
    further solidified through three new camps.') -> the provinces are the fighters' (both found asking new
    questions: shown as generated; calibration s295, s306)."""
    if len(chosen) < 2:
        return ""
    earlier, later = sorted(chosen[:2], key=lambda c: c.start)
    added = {n for n in numbers(sentence) - numbers(question) if YEAR.fullmatch(n)}  # a date: not '14 years' of
    # 'An Iranian weblogger has been jailed for 14 years.' + 'Arash Sigarchi …' (calibration n259 was generated)
    goes_on = bool(_POINTS_BACK.match(later.text))
    new_names = set() if goes_on or _PERSON_PRONOUN.search(f"{earlier.text} {later.text}") else \
        names(sentence) - names(question, first=True)
    asked = names(question)
    for giver, other in ((earlier, later), (later, earlier)):
        given = [] if added & numbers(other.text) or (giver is later and goes_on) \
            else sorted(numbers(giver.text) & added)
        given += sorted(n for n in new_names if has_name(n, giver.text) and not has_name(n, other.text))
        apart = sorted(n for n in asked if has_name(n, other.text) and not has_name(n, giver.text))
        if given and apart:
            return f"'{given[0]}' stands in a sentence that does not name '{apart[0]}'"
    return ""


# not 'through' (a place: 'passes through Afghanistan') nor 'by morning', 'by Beijing' (review)
_LINK = re.compile(r"\b(?:(?-i:by\s+(?:[a-z]+ly\s+)?(?!(?:morning|evening|spring|nothing|something|anything|"
                   r"everything|building|king|thing|wing|ring|string)\b)[a-z]+ing)|because(?:\s+of)?|due\s+to|"
                   r"thanks\s+to|as\s+a\s+result(?:\s+of)?|so\s+that|in\s+order\s+to|(?:which|that)\s+"
                   r"(?:results?|leads?|led)|leading\s+to|resulting\s+in)\b", re.I)


def linked_pair(sentence: str, chosen: Sequence[Line]) -> str:
    """Why a sentence resting on two neighbouring sentences says one thing is the way to, or the cause of, the
    other, when no one of them holds most of both: the link is the model's. Found asking new questions: 'Moscow
    subsidizes the Taliban without cash transfers by increasing the volume of shared actionable intelligence …'
    on '… the primary mechanism for Moscow to subsidize the Taliban administration without direct cash
    transfers' (petroleum) beside '… the volume of shared actionable intelligence …'."""
    m = _LINK.search(sentence) if len(chosen) > 1 else None
    if not m:
        return ""
    head, tail = base_terms(sentence[:m.start()]), base_terms(sentence[m.end():])
    if not head or not tail:
        return ""
    for source in chosen:
        held = base_terms(source.text)
        if len(head & held) >= len(head) / 2 and len(tail & held) >= len(tail) / 2:
            return ""
    return f"it links what two sentences say apart ('{m.group(0)}')"


_PERSON_PRONOUN = re.compile(r"\b(?:he|him|she|her|they|them)\b", re.I)  # pointing back at a name
# a sentence going on about the one before: 'His offer …', 'The club …'
_POINTS_BACK = re.compile(r"\W*(?:he|she|it|they|his|her|its|their|this|that|these|those|the|such)\b", re.I)
_STARTS_WITH_PRONOUN = re.compile(r"\W*(?:he|she|it|they)\b", re.I)  # 'He was John Smith.' goes on about the one before
