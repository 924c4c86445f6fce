"""Which year a line speaks of, when it says 'last year' instead of naming it.

An article says 'Twenty-seven British films were made in the UK last year'; its 'last year' is the year
before it was written, which the product does not know. A question naming a year ('How many films were made
in the UK in 2005?') is answered from such a line only when the line, the sentence before it or the article's
title and first sentence name that year; else the line may be about another year (this one's is 2004, named
in its first sentence; the article names 2005 only further on, for what may happen).
"""

from __future__ import annotations

import itertools
import re

import lemminflect

from .about import heading
from .periods import counts_given
from .text import MONTH_NAME, MONTHS, YEAR, months, numbers, own_question, sentence_spans
from .wordforms import base_terms

# a year said relative to when the article was written
RELATIVE_YEAR = re.compile(r"\b(?:last|this|next|previous|past|coming)\s+year\b|\ba\s+year\s+(?:ago|earlier|before)\b",
                           re.I)
# a year a count is compared with is not the count's: '… an 82% jump on 2003 figures', '… from 102 in 2003'
# (the filler may hold an amount: '… compared with £3.8bn in 2003', review); 'on 2003', not 'on the 1981 riots'
_COMPARED = re.compile(r"\b(?:(?:compared\s+(?:with|to)|from|against|versus|vs\.?)\s+(?:[\w'’$£€.%-]*[\w%]\s+){0,4}?|"
                       r"(?:than|since|over)\s+(?:[\w'’-]+\s+){0,3}?|on\s+)(?:1[89]|20)\d\d\b", re.I)
_COUNT_Q = re.compile(r"\bhow (?:many|much)\b", re.I)
_YEAR_THEN = re.compile(r"\b((?:1[89]|20)\d\d)\b(?:\s+([a-z][\w-]*))?")
# what stands before a year ('Its 2003 sales', 'In 2004 profits rose'), not before a count ('sent 2000 troops')
_BEFORE_YEAR = frozenset("the its his her their our in during for since by until till before after this that and "
                         "or full-year fiscal financial calendar".split()) | frozenset(MONTHS)


def _said_years(line: str) -> list[str]:
    """The years a line names: not a count of four digits ('The US sent 2000 troops', review), but a year before a
    plural ('Its 2003 sales', review: it was taken for a count)."""
    def count(m: re.Match[str]) -> bool:
        before = re.findall(r"[\w'’]+", line[:m.start()])[-1:]
        if not before or before[0].lower() in _BEFORE_YEAR or before[0].endswith(("'s", "’s")):
            return False
        return bool(m.group(2) and m.group(2).endswith("s") and "NOUN" in (lemmas := lemminflect.getAllLemmas(
            m.group(2))) and any(lemma != m.group(2) for lemma in lemmas["NOUN"]))
    return [m.group(1) for m in _YEAR_THEN.finditer(line) if not count(m)]


def _asked_years(question: str) -> list[str]:
    return [y for y in re.findall(r"\b\d{4}\b", question) if YEAR.fullmatch(y)]


def _compared(line: str) -> list[re.Match[str]]:
    """The line's comparisons with a year ('… compared with 45 in 2003'), not a date's year ('… the year ending on 31
    December 2004', review)."""
    return [m for m in _COMPARED.finditer(line) if not re.search(rf"\b{MONTH_NAME}\b", m.group(0))]


def _uncompared(line: str) -> str:
    for m in reversed(_compared(line)):
        line = f"{line[:m.start()]} {line[m.end():]}"
    return line


_WHO_DID = re.compile(r"\W*who\s+(?:(?:did|does|do|was|were|is|has|have|had|will)\s+)?([a-z]+)", re.I)


def other_year(question: str, line: str, before: str, article: str) -> str:
    """Why a line may not be about the year the question names, or '': it says 'last year' (or 'this year')
    and neither the line, the sentence `before` it nor its article's (`article`: title and text) title and
    first sentence name that year; or, saying no such thing, for a 'how many' it names other years and not
    that one, or names none in an article that never names that one. An article of '' is not known: only the
    line's own years are checked.

    ('How many films were made in the UK in 2005?', '… 27 British films were made in the UK last year …', '',
    "Film production 'falls' 40% in UK\n\nThe number … fell 40% in 2004 …") -> "the question asks about 2005;
    the source says 'last year' and does not say it is 2005"
    """
    asked = _asked_years(question)
    if not asked:
        return ""
    relative = RELATIVE_YEAR.search(line)
    near = f"{heading(article)} {before} {line}"
    unnamed = [y for y in asked if not re.search(rf"\b{y}\b", near)]
    if relative and article:  # its other years are what it compares with ('… last year …, compared with 45 in 2003')
        year = unnamed[0] if unnamed else ""
        return f"the question asks about {year}; the source says '{relative.group(0)}' and does not say it is {year}" \
            if year else ""
    said = _said_years(_uncompared(line))
    # a count's year ('… US films shot in the UK during 2004' for 'How many … in 2005?'), not a cause's ('The drop
    # was put down to 2003 being an especially good year' for 'Why did production fall in 2004?')
    # and the year of a who-question's deed: "Britain's first mobile phone call was made … on 1 January 1985 by …
    # Ernie Wise" does not say who made one in 1973 (found asking new questions: shown, generated); not a year of
    # something else ('Spain, who won Euro 2008, …', 'born in 1961', review)
    who = _WHO_DID.match(own_question(question))
    if who:
        dated = [y for y in said if not re.search(rf"(?:\b(?!{MONTH_NAME}\b)[A-Z][\w-]*|\bborn\s+in|\bsince|\baged)\s+"
                                                  rf"{y}\b", line)]
        done = base_terms(who.group(1)) & base_terms(line)
        return f"the question asks about {asked[0]}; the source speaks of {dated[0]}" \
            if dated and done and not set(asked) & set(said) else ""
    if not _COUNT_Q.search(question):
        return ""
    if said and not set(asked) & set(said):
        return f"the question asks about {asked[0]}; the source speaks of {said[0]}"
    # a count said for no year, in an article that never names the asked one ('Profits for the year to 31
    # December rose 20% to £4.6bn' for 'How much profit did Barclays make in 2005?': the article's are 2004's)
    absent = [y for y in asked if article and not re.search(rf"\b{y}\b", article)]
    return f"the question asks about {absent[0]}; its article never names {absent[0]}" if not said and absent else ""


def count_year_unsaid(sentence: str, question: str, line: str, before: str, article: str) -> str:
    """Why the sentence gives its count the question's year, which its line, what comes `before` it (the sentence
    before, and the `dated_lead`) and its article's title (`article`: title and text, as for `other_year`)
    never say, or ''. ('8 Joint Coordination Committee meetings took place in 2025.', '… in 2025?', '… institutional
    processes have also been busy with 8 Joint Coordination Committee meetings …', after 'Within four years, …') ->
    "the source does not give this count for 2025" (found asking new questions: shown, generated); not for 'Global
    music sales fell by 1.3% in 2004.' on 'However, world music sales declined by 1.3% …' two sentences after 'But
    global sales … were flat in 2004, …' (calibration n220, refused). `other_year` lets such a line be of the year
    the article names elsewhere; a sentence that states the year with the count says more than the line."""
    if not counts_given(sentence):
        return ""
    near = numbers(f"{line} {before} {heading(article)}")
    missing = sorted(n for n in numbers(sentence) & numbers(question) if YEAR.fullmatch(n) and n not in near)
    return f"the source does not give this count for {missing[0]}" if missing else ""


# a sentence that says when: a year, or a period of its own ('Within four years, …')
_WHEN = re.compile(r"\b(?:(?:1[89]|20)\d\d|years?|months?|weeks?|decades?|quarters?)\b", re.I)


def dated_lead(passage: str, start: int) -> str:
    """The nearest sentence before `start`, in its paragraph, that says when: what dates the line there. ('But
    global sales of recorded music were flat in 2004. The UK industry recorded a 3% rise. However, world music
    sales declined by 1.3%.', at 'However') -> 'But global sales … in 2004.'; 'Within four years, …' stops the
    search: the line after it is no longer of the year named before."""
    lead = passage.rfind("\n", 0, start) + 1
    spans = sentence_spans(passage[lead:start])[::-1]
    return next((passage[lead + s:lead + e] for s, e in spans if _WHEN.search(passage[lead + s:lead + e])), "")


def compared_count(sentence: str, question: str, line: str) -> str:
    """Why a sentence gives the asked year a count its source `line` gives another year, or '': the line names that
    year only to compare with it, and the sentence's counts are not the ones compared. ('Twenty-seven British films
    were made in the UK in 2003.', '… 27 … were made in the UK last year, compared with 45 in 2003.') -> "the
    source's count for 2003 is 45" (review: it was shown, generated)."""
    asked = _asked_years(question)
    mine = numbers(sentence) - set(asked) - numbers(question)
    for year in asked:
        if not mine or re.search(rf"\b{year}\b", _uncompared(line)):
            continue
        theirs = [numbers(m.group(0)) - {year} for m in _compared(line) if re.search(rf"\b{year}\b", m.group(0))]
        if theirs and not any(mine & counts for counts in theirs):
            counts = sorted(set().union(*theirs), key=_amount)
            return f"the source's count for {year} is {counts[0]}" if counts else \
                f"the source names {year} only to compare with it"
    return ""


def _amount(number: str) -> float:
    try:
        return float(number)
    except ValueError:
        return 0.0


# a count given for the year before the one the source names: '… halved in 2004 to $200m from $500m the previous year'
_PRIOR_COUNT = re.compile(r"([$£€]?\d[\d,.]*\s?(?:m|bn|k|million|billion)?)\s+(?:[^\W\d][\w'’-]*\s+){0,3}?(?:the\s+)?"
                          r"(?:(?:previous|prior|preceding)\s+year|year\s+before)\b|"
                          r"([$£€]?\d[\d,.]*\s?(?:m|bn|k|million|billion)?)\s+a\s+year\s+(?:earlier|before)\b", re.I)


def prior_year_count(sentence: str, line: str) -> str:
    """Why a sentence gives a year a count its source gives the year before, or ''. ('Saab lost $500m in 2004.',
    '… losses halved in 2004 to $200m (£104m; 151m euros) from $500m the previous year.') -> "in the source 500m is
    the previous year's, not 2004's" (found asking new questions: shown, generated, for 'And the year before?')."""
    if _PRIOR_COUNT.search(sentence) or RELATIVE_YEAR.search(sentence):
        return ""
    years = [y for y in _said_years(sentence) if re.search(rf"\b{y}\b", line)]
    prior = {n for m in _PRIOR_COUNT.finditer(line) for n in numbers(m.group(1) or m.group(2))}
    given = sorted(numbers(sentence) & prior - set(years))
    return f"in the source {given[0]} is the previous year's, not {years[0]}'s" if years and given else ""


def compared_year(sentence: str, line: str) -> str:
    """Why a sentence gives another time a count its source gives only as what it compares with in a year, or ''.
    ('45 British films were made in the UK last year.', 'Twenty-seven British films were made in the UK last year …,
    compared with 45 in 2003 …') -> "in the source 45 is 2003's" (found asking new questions: shown, generated)."""
    said = set(_said_years(sentence)) | ({"relative"} if RELATIVE_YEAR.search(sentence) else set())
    mine = numbers(_uncompared(re.sub(r"\b(?:from|compared\s+(?:with|to)|against|than|versus)\s+[$£€]?\d[\d,.]*\w*",
                                      " ", sentence, flags=re.I)))  # not '… from £4bn' (its own comparison)
    uncompared = numbers(_uncompared(line))
    for m in _compared(line) if said else []:
        year = re.findall(r"(?:1[89]|20)\d\d", m.group(0))[-1]
        given = sorted(mine & (numbers(m.group(0)) - {year}) - uncompared)
        if given and year not in said:
            return f"in the source {given[0]} is {year}'s"
    return ""


_MONTH_WORD = re.compile(rf"\b({MONTH_NAME})\b")  # as prose writes it: not the verb 'may' (review)
# a question may be typed in lower case ('how many texts … in december?', review), but 'may', 'march' are verbs too
_ANY_CASE = MONTH_NAME.replace("March|", "").replace("May|", "").replace("Mar|", "").replace("(?:", "(?i:", 1)
_ASKED_MONTH = re.compile(rf"\b({_ANY_CASE}|March|May|Mar)\b")
_A_COUNT = re.compile(r"[$£€]?\b\d[\d,.]*\b(?!['’]s)")


_CLAUSE_END = re.compile(r"[;:()–—]|,(?!\d)|\b(?:that|when|while|after|before)\b", re.I)  # not '20,000'


def _day(line: str, m: re.Match[str]) -> bool:
    """Is the number the day of a date: '3 March', 'March 3' (review); not 'in December 2.3 billion', 'In December 3
    billion …' (review)."""
    amount = re.match(r"\s*(?:%|(?:billion|million|thousand|bn|m|k|per\s*cent)\b)", line[m.end():])
    return bool(re.match(r"\d\d?$", m.group(0)) and not amount and (
        re.match(rf"\s*{MONTH_NAME}\b", line[m.end():]) or re.search(rf"\b{MONTH_NAME}\s+$", line[:m.start()])))


def count_of_month(question: str, line: str) -> str:
    """Why the line's count is another month's than the one the question names, or '': the month nearest each of
    its counts is another, and the count's clause does not name the asked month. ('How many texts were sent in
    December?', "Before December's bumper text record, the previous highest monthly total was in October 2004, when
    2.3 billion were sent.") -> "its count is October's" (found asking new questions: quoted, '2.3 billion' in bold);
    not for 'Figures released on March 3 show 2.3 billion texts were sent in December.' (review)."""
    asked = months(" ".join(_ASKED_MONTH.findall(own_question(question)) or _ASKED_MONTH.findall(question)))
    found = [(m.start(), m.group(1)) for m in _MONTH_WORD.finditer(line)]
    counts = [m.start() for m in _A_COUNT.finditer(line) if not YEAR.fullmatch(m.group(0))
              and not _day(line, m)]
    if not asked or not found or not counts:
        return ""
    cuts = [0, *(m.end() for m in _CLAUSE_END.finditer(line)), len(line) + 1]
    clauses = list(itertools.pairwise(cuts))
    if any(months(" ".join(_MONTH_WORD.findall(line[s:e]))) & asked for at in counts for s, e in clauses
           if s <= at < e):
        return ""  # 'show 2.3 billion texts were sent in December'
    nearest = {min(found, key=lambda f: abs(f[0] - at))[1] for at in counts}
    return "" if months(" ".join(nearest)) & asked else f"its count is {sorted(nearest)[0]}'s"
