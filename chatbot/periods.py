"""Over which stretch of time a count is given: one day ('on New Year's Day', 'every day'), one month, a year
('in total in 2004'), and whether a source's count covers the stretch a question asks about."""

from __future__ import annotations

import re

from .text import MONTH_NAME, YEAR, numbers


def counts_given(sentence: str) -> bool:
    """Does the sentence give a number that is not a year or a day of a month? ('26 billion.' -> True)"""
    return any(not YEAR.fullmatch(n) for n in numbers(_DAY_OF_MONTH.sub(" ", sentence)))


def period_of_count(sentence: str, question: str, lines: list[str]) -> str:
    """Why a source line the sentence takes its count from counts over another stretch of time than the question's
    ('26 billion.' for '… on New Year's Day?' from '… 26 billion texts were sent in total in 2004'), or ''."""
    if not counts_given(sentence):
        return ""
    asked, mine = f"{question} {sentence}", numbers(sentence)
    return next((why for line in lines if mine & numbers(line) and (why := other_period(asked, line))), "")


def other_period(asked: str, source: str) -> str:
    """Why the source's count covers another stretch of time than the one `asked` (a question, and the answer
    given to it) names, or '': one day asked, a year's or a month's total given, or the other way round.

    ("How many texts were sent on New Year's Day? 26 billion.", '… 26 billion texts were sent in total in 2004.')
    -> "the question asks about one day ('New Year's Day'), the source counts 'in total'"; ('How many texts were
    sent in 2004?', 'Every day 78 million messages are sent …') -> "the question asks about 'in 2004', the source
    counts 'Every day'"; ('How many texts were sent that month? 26 billion.', '… in total in 2004') -> one month
    asked, a year counted.
    Only when the source gives a count (not a year) and names its stretch of time, not a day of its own ('Between
    midnight on 31 December and midnight on 1 January, 133m text messages were sent')."""
    if not counts_given(source):
        return ""
    day, theirs = _ONE_DAY.search(asked), _ONE_DAY.search(source)
    if day and not theirs and (longer := LONGER.search(source) or _IN_YEAR.search(source)):
        return f"the question asks about one day ('{day.group(0)}'), the source counts '{longer.group(0)}'"
    longer = LONGER.search(asked) or _IN_YEAR.search(asked)
    rate = _A_DAY.search(source)
    if longer and not day and rate and not (LONGER.search(source) or _IN_YEAR.search(source)):
        return f"the question asks about '{longer.group(0)}', the source counts '{rate.group(0)}'"
    month, year = _ONE_MONTH.search(asked), _A_YEAR.search(source)
    if month and year and not theirs and not re.search(rf"\bmonths?\b|(?-i:\b{MONTH_NAME}\b)", source, re.I):
        return f"the question asks about one month ('{month.group(0)}'), the source counts '{year.group(0)}'"
    return ""


_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY_OF_MONTH = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_NAME}\b|"
                           rf"\b{MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\d)")
_IN_YEAR = re.compile(rf"\b(?:in|during|for|throughout)\s+(?:(?:1[89]|20)\d\d|{MONTH_NAME}(?!\s+\d{{1,2}}\b))\b", re.I)
_S = r"(?:['’]s)?"
# one month asked ('How many texts were sent that month?'), a year's count given ('… 26 billion … in total in 2004')
_ONE_MONTH = re.compile(rf"\b(?:(?:that|the\s+same|this|one|a\s+single)\s+month|in\s+{MONTH_NAME}(?!\s+\d{{1,2}}\b))\b",
                        re.I)
_A_YEAR = re.compile(r"\b(?:in\s+total|annual(?:\s+total)?|yearly|(?:per|each|every|the\s+whole|the\s+full)\s+year|"
                     r"(?<!on\s)a\s+year(?!\s+(?:earlier|ago|before))|for\s+the\s+year|"
                     r"(?:in|during|for|throughout)\s+(?:1[89]|20)\d\d)\b", re.I)  # review: not 'on a year earlier'
# a count's day (named, midnight to midnight, or every day), not the day a thing was said on ('on Monday')
_A_DAY = re.compile(rf"\b(?:(?:New\s+Year{_S}|Christmas|Boxing|Valentine{_S}|Election|Independence|Polling|Budget|"
                    rf"Inauguration|Remembrance|St\.?\s+Patrick{_S}|Mother{_S}|Father{_S})\s+(?:Day|Eve)|Easter\s+"
                    rf"(?:Sunday|Monday)|Good\s+Friday|midnight|(?:in\s+)?(?:one|a\s+single)\s+day|"
                    rf"(?:a|per|each|every)\s+day|(?-i:daily)|(?:in|within)\s+24\s+hours)\b", re.I)
# ('daily' in small letters: not 'Screen Daily'); one day: those, a date, a weekday, 'that day', 'today'
_ONE_DAY = re.compile(rf"{_A_DAY.pattern}|\b(?:(?:on|last|that|this|next)\s+{_WEEKDAY}|(?:that|the\s+same|on\s+the)"
                      rf"\s+day|today|yesterday)\b|(?-i:{_DAY_OF_MONTH.pattern})", re.I)
# a stretch longer than a day that a count is given for: 'in total in 2004', 'the annual total', 'in December
# alone', 'a week', 'in the third quarter'
LONGER = re.compile(rf"\b(?:in\s+total|(?:annual|yearly|monthly|weekly|quarterly)(?:\s+total)?|"
                    rf"(?:a|per|each|every|this|last|next|the\s+whole|the\s+full)\s+(?:year|month|week)|"
                    rf"for\s+the\s+(?:year|month|week)|year-on-year|(?:first|second|third|fourth|last|final)\s+"
                    rf"(?:quarter|half)|in\s+{MONTH_NAME}\s+alone)\b", re.I)


# a whole year asked or said, against a part of one a count is given for ('During the first six months …')
_WHOLE_YEAR = re.compile(r"\b(?:full|whole|entire)(?:\s+(?:financial|fiscal|calendar))?\s+year\b|\bannual\b|"
                         r"\bfor\s+the\s+year\b|\byear\s+to\b|\blast\s+year\b", re.I)  # 'Profit for the year' (review)
_PART_YEAR = re.compile(r"\b(?:(?:first|second|third|last|final)\s+(?:half|quarter)|(?:first\s+)?(?:three|six|nine)\s+"
                        r"months|half-year(?:ly)?)\b", re.I)
_COMPARED = re.compile(r"\b(?:from|against|than|compared\s+with|versus)\b[^,;]*$|\bon\s+$", re.I)  # review
_AMOUNT = re.compile(r"(?:[A-Z]{0,2}[$£€])?\d[\d,.]*(?:\s?(?:m|bn|k|million|billion)\b)?")


def part_for_whole(sentence: str, question: str, lines: list[str], quoted: bool = False) -> str:
    """Why the sentence gives a whole year's count its source gives for part of one, or the other way round, or ''.
    A period goes with the count nearest it. ('Qantas ended up saving A$245m from cost cuts over the full financial
    year.', 'During the first six months of the fiscal year, Qantas made savings of A$245m, and is on track to top
    its target of A$500m for the full year.') -> "the source gives A$245m for 'first six months', not the full year"
    (found asking new questions: shown, generated, for a question the article never answers). A `quoted` line
    is its own source: only the question says which period is asked."""
    for asked in (question,) if quoted else (question, sentence):  # the question's period first ('… in the second
        whole, part = _WHOLE_YEAR.search(asked), _PART_YEAR.search(asked)  # half …?': not the reply's 'last year')
        if bool(whole) != bool(part):
            break
    else:
        return ""
    said = "the full year" if whole else f"'{part.group(0)}'" if part else ""
    for line in lines:
        counts = [m for m in _AMOUNT.finditer(line) if numbers(m.group(0)) and not YEAR.fullmatch(m.group(0))]
        for m in counts:
            if not numbers(m.group(0)) & numbers(sentence):
                continue
            periods = [p for p in (*_WHOLE_YEAR.finditer(line), *_PART_YEAR.finditer(line))
                       if not _COMPARED.search(line[max(0, p.start() - 30):p.start()])  # 'up from £1bn last year'
                       and min(counts, key=lambda c: min(abs(c.start() - p.end()), abs(p.start() - c.end()))) is m]
            other = _PART_YEAR if whole else _WHOLE_YEAR
            if periods and all(other.fullmatch(p.group(0)) for p in periods):
                return f"the source gives {m.group(0).strip()} for '{periods[0].group(0)}', not {said}"
    return ""


# 'How much of BA's quarterly turnover came from cargo?': a part of the whole it names ('turnover'), the part after
_SHARE_Q = re.compile(r"\bhow\s+much\s+of\s+(?:the\s+|its\s+|their\s+|[\w'’-]+['’]s?\s+)?(?:[a-z]+\s+){0,2}?([a-z]+)\s+"
                      r"(?:came|come|comes|was|were|went|goes|go|is|are)\s+(.+)", re.I)


def share_for_whole(sentence: str, question: str, lines: list[str]) -> str:
    """Why the sentence gives as the part a 'How much of …' question asks about an amount its source gives for the
    whole, or '': the whole's word stands before the amount in its line, and no word of the part near them. ('£1.97bn.',
    'How much of BA's quarterly turnover came from cargo?', 'Turnover for the quarter was up 4.3% to £1.97bn, further
    benefiting from a rise in cargo revenue.') -> "the source gives £1.97bn for the whole turnover, not the part
    asked about" (found asking new questions: shown, generated, for a question the article never answers)."""
    m = _SHARE_Q.search(question)
    if not m:
        return ""
    whole, part = m.group(1).lower(), {w.lower() for w in re.findall(r"[a-z]{3,}", m.group(2), re.I)} - _LINKS
    for line in lines:
        for amount in _AMOUNT.finditer(line):
            if not numbers(amount.group(0)) & numbers(sentence) or YEAR.fullmatch(amount.group(0).strip()):
                continue
            said = line[max(0, amount.start() - 60):amount.start()].lower()
            at = said.rfind(whole)
            if at >= 0 and not part & set(re.findall(r"[a-z]{3,}", said[max(0, at - 30):])):
                return f"the source gives {amount.group(0).strip()} for the whole {whole}, not the part asked about"
    return ""


_LINKS = frozenset("from the its their for and into with".split())
