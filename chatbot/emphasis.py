"""Emphasis: the answering words of a quoted line (the number, the date, the name) in bold, chosen by the
question's kind, by the model's refused reply and by the question's words around them."""

from __future__ import annotations

import re

import lemminflect

from .acronyms import spelled_out
from .amounts import group_asked_one, undisclosed, whose_unsaid
from .besides import base_asked
from .bounds import clause_at, mentions, misnamed, price_of_level
from .counts import asked_count, counts_another_noun, counts_other, paid_for_other, unbound_number
from .deeds import count_done_otherwise, deed_unasked, done_by_other
from .fits import date_of_other_deed, deed_unsaid, when_unsaid
from .kinds import (
    CALENDAR,
    DIFFERENCE,
    HOW_LONG_Q,
    MEASURE_Q,
    MULTIPLE,
    OFFICES,
    RANK_Q,
    RATE,
    SPEED_Q,
    WHO_Q,
    answer_type,
    asks_times,
)
from .offices import asked_office, holder_missing, holders
from .order import PLACE_NUMBER
from .periods import part_for_whole
from .persons import name_runs, role_of_other
from .polarity import change_ways, overstated
from .screen import name_apart
from .text import (
    BOLD,
    HONORIFICS,
    MONTH_NAME,
    NUMBER_WORDS,
    STOPWORDS,
    YEAR,
    by_acronym,
    names,
    numbers,
    own_question,
    own_terms,
    sentence_spans,
    stems,
    terms,
)

_MONTH = rf"{MONTH_NAME}\.?"
_DATE = re.compile(rf"\b(?:\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?|{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|"
                   rf"{_MONTH}\s+\d{{4}}|(?:1[89]|20)\d\d)\b")
# a count and what it counts: '225 border flag meetings', and a name's plural '8 Joint Coordination Committee
# meetings' (not a year's or a date's next words: 'In 2019 Imran Khan was', '3 March Mr Smith says')
_SPELLED = "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty|forty|" \
    "fifty"
_COUNT = re.compile(r"(?:[$£€]|[A-Z]{1,3}\$)?\d[\d,.]*(?:\s?%|(?<!\b1[89]\d\d)(?<!\b20\d\d)"
                    rf"(?!\s+{_MONTH}\b)(?:\s+[A-Z][\w-]*){{1,3}}\s+(?!(?:was|has|is|says|does|goes)\b)[a-z][\w-]*s\b|"
                    r"(?:\s?(?:m|bn|k)\b)?(?:\s+(?![A-Z])[a-z][\w-]*){0,3})|"
                    r"\b(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|"
                    r"seven|eight|nine))(?:\s+[A-Za-z][\w-]*){0,2}|"  # 'Twenty-seven British films'
                    rf"(?:\b(?:{_SPELLED})|(?:^|(?<=[.!?]\s)|(?<=[\"“‘(]))(?:{_SPELLED.title()}))"
                    rf"(?:\s+[A-Z][\w-]*){{1,3}}\s+(?!(?:was|has|is|says|does|goes)\b)[a-z][\w-]*s\b|"
                    # 'four NSA trips', 'Three UK soldiers' opening a sentence; not 'Five Live listeners' (review)
                    rf"\b(?i:{_SPELLED}|hundred|thousand|million|billion)(?:\s+(?![A-Z])[a-z][\w-]*){{1,3}}")
_AFTER_COUNT = re.compile(r"\s+(?=(?:and|but|the|an?|for|of|to|in|on|at|by|with|from|over|into|during|since|until|"
                          r"through|across|had|has|have|was|were|is|"
                          r"are|be|been|that|which|who|as|than|it|its|their|his|her|this|these|those)\b)")
_TITLES = HONORIFICS | {"the"}
# a name, a body's name with 'for' ('the Department for International Development') too
_NAME = re.compile(r"\b(?:[A-Z][\w'’-]*\s+)*(?:Department|Ministry|Secretary|Office|Commission|Institute|Council|"
                   r"Committee|Fund|Foundation|Agency|Association|Organi[sz]ation|Alliance|Campaign)\s+for\s+(?:the\s+)?"
                   r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*|"
                   r"\b[A-Z][\w'’-]*[\w](?:\s+(?:of\s+|the\s+)?[A-Z][\w'’-]*[\w])*|\b[A-Z]{2,}\b")

# a place is where a thing is or goes: 'in Miami Beach', 'from the Kabul'
_LOCATIVE = re.compile(r"\b(?:in|at|from|to|near|outside|inside|across|into|on|via|through|towards?|around|"
                       r"throughout|within|between)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$", re.I)
_UNIT = re.compile(r"(?<![a-z])(?:second|minute|hour|day|night|week|fortnight|month|year|decade|centur(?:y|ie)|mile|"
                   r"kilomet(?:re|er)|met(?:re|er)|feet|foot|yard|inch(?:e)?|km|cm|mm|ft|m|hrs?|mins?|s)s?\b", re.I)
# 'Who said …?' asks for a speaker (quote.py reads it too: the speaker is named a sentence or two back)
WHO_SAID = re.compile(r"\s*who\s+(?:said|says|told|tells|called|calls|described|describes|warned|added)\b", re.I)


def _dated(sentence: str, start: int, found: str) -> bool:
    """Is the number `found` at `start` part of a date or a name, which count nothing: a day before or after
    its month ('31 December', 'on November 11'), a year after one ('the March 2024 attack'), a name's number
    ('the G-11 Judicial Complex', 'PlayStation 2')? '2000 troops in May', 'In March 12 people died', 'his
    mid-40s' count."""
    number = re.match(r"\D?\d[\d,.]*", found)
    if number is None:
        return False
    before = sentence[:start]
    # a product's number: 'Sony PlayStation 2's slimmer shape' (found asking new questions: '2' was bold)
    product = re.search(r"(?:^|[^.!?]\s)[A-Z][a-z]+[A-Z][A-Za-z]*\s$", before) and re.fullmatch(r"\d{1,3}",
                                                                                           number.group(0))
    return bool(product or re.match(rf"\s+{_MONTH}\b", sentence[start + number.end():])
                or re.search(r"\b[A-Z][A-Za-z]*-$", before)
                or re.search(rf"\b{_MONTH}\s+$", before) and not re.search(rf"\b(?:in|since|during)\s+{_MONTH}\s+$",
                                                                        before, re.I) and (
                    re.fullmatch(r"(?:19|20)\d\d|\d{1,2}", number.group(0))))


def _asked_name(found: str, found_words: set[str], question: str, asked_words: set[str]) -> bool:
    """Is the run of capitalised words (`found_words`: its words, lower-case, without "'s") a name the question
    gives, or no name? 'Mr Kilroy-Silk', 'Foreign Minister Ishaq Dar' for 'Ishaq Dar', 'The UK Independence
    Party' for 'UKIP', "Robert Kilroy-Silk's" for "Kilroy-Silk's" (the same surname in the same form: 'Victoria
    Beckham' is no "Beckham's"); 'Wednesday'."""
    person = found_words - _TITLES - OFFICES
    runs = name_runs(found)
    owner = re.search(r"([\w-]+)['’]s\W*$", found)
    owned = {m.group(1).lower() for m in re.finditer(r"\b([A-Z][\w-]*)['’]s\b", question)}
    return (found_words - _TITLES - {"the"} <= asked_words | by_acronym(found, question)
            or found_words <= STOPWORDS | CALENDAR or (bool(person) and person <= asked_words)
            or (owner is not None and bool(runs) and len(runs[-1]) > 1 and owner.group(1).lower() in owned))


def _modifier(sentence: str, start: int, found: str, question: str) -> bool:
    """Is the one word said of a thing named after it, to a question asking who? ("Russia's", 'While Russia's decision
    has …', 'Who is Pakistan's top diplomat?') -> True; 'Labour' of 'a Labour decision' too; not 'Blair' of 'Blair
    said', nor a group's 'Pakistani' of 'The Pakistani agencies killed …' (calibration s257: 'Russia's' in bold)"""
    if " " in found or not WHO_Q.match(own_question(question)):
        return False
    after = re.match(r"\s+([a-z][\w-]*)", sentence[start + len(found):])
    if not after:
        return False
    kinds = set(lemminflect.getAllLemmas(after.group(1)))
    return bool(re.search(r"['’]s$", found)) or (bool(kinds) and kinds <= {"NOUN", "ADJ"}
                                                  and not _DOERS.fullmatch(after.group(1)))


# a group that may be who did it: 'The **Pakistani** agencies killed the cell.'
_DOERS = re.compile(r"[a-z]{3,}(?:ers|ors|ists|ians)|agenc(?:y|ies)|forces?|troops|government|police|authorities|"
                    r"officials|army|military|militants|groups?|firms?|company|companies")


def _title_of_asked(sentence: str, end: int, found_words: set[str], asked_words: set[str]) -> bool:
    """Is the run of capitalised words an office held by the question's own person, named right after it?
    ('… the timing of Deputy Prime Minister and Foreign Minister Ishaq Dar's visit …', 'Deputy Prime Minister',
    for 'Who did Ishaq Dar meet in Kabul?') -> True; 'He met the Deputy Prime Minister.' -> False"""
    if not found_words - _TITLES <= OFFICES:
        return False
    after = re.match(r"[\s,]*(?:and\s+)?((?:[A-Z][\w'’-]*\s*)+)", sentence[end:])
    return after is not None and bool({w.lower() for w in re.findall(r"\w+", after.group(1))} - OFFICES & asked_words)


# 'What's the name of Charlie Bell's wife?', 'Who is Jobs's successor?': the one a named one has, by a common noun
_WHOSE_ONE_Q = re.compile(r"\s*(?:(?:and|so|but)\s+)?(?:who(?:'s|’s|\s+(?:is|was|are|were))|"
                          r"what(?:'s|’s|\s+(?:is|was|are|were))\s+the\s+names?\s+of)\s+(?:the\s+)?(?-i:(?:[A-Z][\w.-]*\s+)*[A-Z][\w.-]*)['’]s?\s+"
                          r"(?:[a-z][\w-]*\s+){0,2}?(?-i:([a-z][\w-]*))\s*\??\s*$", re.I)


def _named_apart_from_asked(text: str, start: int, question: str) -> bool:
    """Is the name at `start` in another sentence than the one holding the person asked about, by the noun the
    question asks them by? ('Mr Bell leaves a wife and daughter. "…," chief executive James Skinner said …', "What's
    the name of Charlie Bell's wife?") -> True: the line speaks of his wife and names no one as her (found asking
    new questions: **James Skinner** was bold). A line without the noun may name the one asked ('He married
    Victoria Beckham' for 'Who is Beckham's wife?'), but not by who speaks its quote ('"… keep Charlie's family in
    your hearts," chief executive James Skinner said.', quoted alone for Mr Bell's wife: calibration n678). Not for
    an office: who holds it is read by `holders`."""
    own = own_question(question)
    m = _WHOSE_ONE_Q.match(own)
    if m is None or asked_office(own):
        return False
    noun = terms(m.group(1))
    holding = [(s, e) for s, e in sentence_spans(text) if noun & terms(text[s:e])]
    if not holding:  # the speaker of a quote: '"…," chief executive James Skinner said', '"…," said Mr Skinner'
        quoted = re.search(r"[,.!?][\"”’]\s*((?:said|says|added)\s+)?(?:[a-z][\w-]*\s+){0,4}$", text[:start])
        return bool(quoted and (quoted.group(1) or re.match(r"(?:[A-Z][\w'’.-]*\s+){1,4}(?:said|says|added)\b",
                                                             text[start:])))
    return not any(s <= start < e for s, e in holding)


def _per_one(sentence: str, start: int, question: str) -> bool:
    """Is the number at `start` said of each one of a kind ('Every officer had an annual target of 8,000
    applications'), while the question asks how many of that kind there are, or a total? ('How many entry
    clearance officers does the UK have …?', 'What is the total number of visa applications the UK handles in a
    year?') -> True (found asking new questions: **8,000 applications** was bold for both)."""
    each = re.search(r"\b(?:every|each)\s+([a-z]+)", re.split(r"[;:]", sentence[:start])[-1], re.I)
    if each is None or re.search(r"\b(?:every|each|per|average|apiece)\b", question, re.I):
        return False
    many = re.search(r"\bhow\s+many\s+((?:(?!(?:did|does|do|is|are|was|were|has|have|had|will|would|can|could)\b)"
                     r"[\w-]+\s*){1,4})", question, re.I)  # what it counts: 'entry clearance officers'; not 'did …'
    return bool(re.search(r"\b(?:total|overall|altogether|in\s+all)\b", question, re.I)
                or many and terms(each.group(1)) & terms(many.group(1)))


def _one_asked(sentence: str, question: str) -> tuple[int, int] | None:
    """Where the sentence gives the thing a how-many question counts as one ('… and an NSA trip to Kabul' for 'How
    many NSA trips …?'; found asking new questions: '**five secretary trips**' was bold), or None."""
    asked = asked_count(own_question(question)) or asked_count(question)
    rest = rf"\s+{re.escape(asked[1][:4])}\w*" if len(asked) > 1 else ""
    if not asked:
        return None
    thing = rf"\s+{re.escape(asked[0])}{rest}\b"
    ones = list(re.finditer(rf"\b(?:an?|one){thing}", sentence, re.I))
    counted = list(re.finditer(rf"(?:\d|\b(?:{'|'.join(set(NUMBER_WORDS) - {'one'})}))\b[\d,.]*{thing}", sentence,
                               re.I))
    want = terms(question) - terms(" ".join(asked))

    def said(m: re.Match[str]) -> int:  # the question's words its clause goes on with: '… to Kabul'
        return len(want & terms(re.split(r"[,;:(]", sentence[m.end():])[0]))
    best = max(ones, key=said, default=None)  # not '… four NSA trips to Kabul in 2023, after an NSA trip to Delhi'
    return (best.start(), best.end()) if best and said(best) > max(map(said, counted), default=-1) else None  # (review)


def _count_bonus(sentence: str, start: int, found: str, years: set[str], money: bool, change: bool) -> int:
    """What more (or less) the count `found` at `start` is worth as the answer, beyond the question's words."""
    bonus = 0
    if re.match(r"(?:19|20)\d\d\b(?!\s*(?:%|m\b|bn\b|k\b))", found):
        bonus -= 3  # a year counts nothing: 'at Christmas 1986, when more than 30 million tuned in'
    end = start + len(found)
    after = re.split(r"\d", sentence[end: end + 25] + "0")[0]  # up to the next number
    if any(re.match(rf"{y}\b", sentence[end + len(after):]) for y in years):
        bonus += 10  # the count of the asked year: '… compared with **45** in 2003' for '… in 2003?'; not '**81**
        # from 102 in 2003' (review)
    if money and re.search(r"[$£€]|\d\s?(?:m|bn|k)\b", found):
        bonus += 3  # 'how much' asks for an amount
    if change and ("%" in found or sentence[:start].endswith("by ")):
        bonus += 4  # 'by how much did sales fall?' asks for the change, not the new level
    return bonus


def emphasise(sentence: str, question: str, reply: str = "") -> str:
    """The sentence with its answering words in **bold**, chosen by the question's kind, by the model's refused
    `reply` (its number or name, when the sentence has it) and by how many of the question's words surround them.

    ('… 225 border flag meetings, 836 protest notes …', 'How many protest notes?') -> '… **836 protest notes** …';
    ('… agreed to pay $54m, including $18m from their own pockets …', 'How much … from their own pockets?',
    reply '$18m') -> '… including **$18m** from …' (found asking new questions: '$54m' was bold)
    """
    kind = answer_type(question, keywords=False)  # bold says 'this is the answer': not when the question's kind
    # is only guessed from its keywords ('scottish tory leader?' had the UK Tory leader's name in bold), unless the
    # line names the holder of the office it asks, of what it asks (calibration n578: '… leader, David McLetchie, …')
    offices = asked_office(own_question(question)) if kind is None else ()
    if offices and not holder_missing(sentence, question, ""):  # (which asks that someone is named the holder)
        kind = "name"
    spelled = spelled_out(sentence, question) if kind == "expansion" else _one_asked(sentence, question) \
        if kind == "number" else None  # 'an NSA trip' for 'How many NSA trips …?'
    if spelled is not None:  # 'What does CSTO stand for?' -> '… the **Collective Security Treaty Organization** (CSTO)'
        return f"{sentence[:spelled[0]]}**{sentence[spelled[0]:spelled[1]]}**{sentence[spelled[1]:]}"
    pattern = {"number": _COUNT, "date": _DATE, "name": _NAME, "place": _NAME}.get(kind or "")
    number = kind == "number" and (counts_other(sentence, question) or undisclosed(sentence, question)
                                   or deed_unasked(sentence, question) or whose_unsaid(sentence, question)
                                   or done_by_other(sentence, question)  # IBM's patents, for Microsoft's
                                   or bool(paid_for_other(sentence, question))
                                   or bool(part_for_whole(sentence, question, [sentence], quoted=True)))
    number = number or (kind == "number" and base_asked(sentence, question))  # not what the salary is topped up by
    # nor, asked where one ranks, an amount: '… a new entry on a list of … millionaires with £5m' (calibration n647)
    number = number or bool(RANK_Q.match(question) and not PLACE_NUMBER.search(sentence))
    number = number or (kind == "number" and group_asked_one(sentence, question))  # the two titles', for one of them
    if pattern is None or number or deed_unsaid(sentence, question) or when_unsaid(sentence, question):
        return sentence  # bold says 'this is the answer': not a count of other things ('… in the six provinces')
    if role_of_other(reply, sentence) or price_of_level(reply, sentence) or (reply and overstated(
            sentence, reply if len(stems(reply)) > 4 else f"{question} {reply}", question)):
        return sentence  # nor what the refused reply made of the line ('Leslie Grantham played … Angie'), nor what
        # it states as done that the line says could be ('85 years in prison.' on 'could face … up to 85 years')
    asked = terms(question)
    own = own_terms(question)  # a follow-up read beside the earlier question: what it asks itself counts more
    money = bool(re.search(r"\bhow much\b|\b(?:price|cost|profit|loss|sum|amount|worth|paid|pay|fine|salary|revenue|"
                           r"turnover|budget|debt|deficit|valuation)(?:s|es)?\b", question, re.I))
    asked_words = {w.lower() for w in re.findall(r"\w+", question)}
    speed = SPEED_Q.search(question)
    how_many = bool(re.search(r"\bhow many\b", question, re.I)) and not money
    asks_much = re.search(r"\bby how much\b|\bhow much did\b", question, re.I)
    # the reply's numbers, unless they count something else ('172 Tashkeel' for 'How many fighters?', '13 protest
    # notes' where the line's 13 counts formal demarches)
    swapped = misnamed(reply, sentence)  # the reply gave a name another clause's number: (number, name)
    wrong = counts_other(reply, question) or unbound_number(reply, sentence) or swapped
    counts = {m.number for m in mentions(reply) if m.noun or m.unit}  # not the 'Three' of 'Three were killed'
    replied = (set() if wrong else counts - numbers(question)) | (
        names(reply, first=True) - asked_words)
    years = {n for n in numbers(question) if YEAR.fullmatch(n)}
    held = {w.lower() for h in holders(sentence, asked_office(own_question(question))) for w in re.findall(r"\w+", h)} \
        if kind == "name" else set()  # who holds the office asked about
    how_long, measure = HOW_LONG_Q.search(own_question(question)), MEASURE_Q.search(own_question(question))
    change = asks_much and ("by" in asks_much.group(0).lower() or change_ways(question[asks_much.end():]))
    best, best_score = None, -1.0
    for m in pattern.finditer(sentence):
        start, found = m.start(), m.group(0).strip()
        lead = re.match(r"\w+-\w+\s+", found)  # 'Kabul-based Haqqani' for '… the network based in Kabul?'
        if kind in ("name", "place") and lead and {w.lower() for w in re.findall(r"\w+", lead.group(0))} <= asked_words:
            start, found = start + lead.end(), found[lead.end():]  # the name is 'Haqqani'
        # "the UK's Department for …" is the Department; "Chelsea's Frank Lampard" keeps Chelsea (review)
        owner = re.match(r"[A-Z][\w-]*['’]s\s+(?=[A-Z])", found)
        rest = found[owner.end():] if owner else ""
        if kind in ("name", "place") and owner and not _asked_name(
                rest, {w.lower() for w in re.findall(r"\w+", rest)}, question, asked_words):
            start, found = start + owner.end(), found[owner.end():]
        opener = re.match(r"([A-Z][a-z]*)\s+(?=[A-Z])", found)  # 'If Afghanistan …', 'The Pakistani agencies'
        if kind in ("name", "place") and opener and opener.group(1).lower() in STOPWORDS \
                and not re.search(r"\w", sentence[:start]):  # opening the sentence: not 'Will Smith', 'The Hague'
            start, found = start + opener.end(), found[opener.end():]  # bold 'Afghanistan', not 'If Afghanistan'
        found_words = {w.lower() for w in re.findall(r"\w+", re.sub(r"['’]s\b", "", found))}
        if kind in ("name", "place") and (_asked_name(found, found_words, question, asked_words) or (
                not re.search(r"\w", sentence[:start])  # '"Fresh out of …', found asking new questions
                and {"ADV", "ADJ"} & set(lemminflect.getAllLemmas(found.lower())))
                or _title_of_asked(sentence, start + len(found), found_words, asked_words)):
            continue  # the question's own names ('Mr Kilroy-Silk') are not the answer; 'Within', 'Former' no name
        if kind == "name" and name_apart(sentence, start, question):
            continue  # nor 'ISIS-K' of '… a Moscow concert hall, attributed to ISIS-K' for the hall's name (s185)
        if kind == "name" and _named_apart_from_asked(sentence, start, question):
            continue  # nor 'James Skinner' of the next sentence, for the wife a line says Mr Bell leaves
        if kind == "date" and date_of_other_deed(sentence, start, question):
            continue  # nor the year of honours received, for the year they married (calibration n720)
        if kind == "name" and _modifier(sentence, start, found, question):
            continue  # nor "Russia's" of "While Russia's decision …" for 'Who is Pakistan's top diplomat?'
        if kind == "name" and re.search(r"['’]s$", found) and WHO_SAID.match(own_question(question)) \
                and re.match(r"(?:\s+[a-z][\w-]*){1,3}\s+[A-Z]", sentence[start + len(found):]):
            continue  # a who-question's person is 'Jane Smith' of "Waterstone's buyer Jane Smith" (review)
        if kind == "number" and (not re.search(r"[\d$£€]|[a-z]", found[:1], re.I) or _dated(sentence, start, found)
                                 or numbers(found) <= numbers(question)):
            continue  # nor a number the question gave: the '2' of 'Halo 2'
        if kind == "number" and ((re.search(r"(?:[A-Za-z]|[A-Z]-)$", sentence[:start]) or re.search(
                r"\b[A-Z]{2,}\s$", sentence[:start]) and re.match(r"\d+\s+[A-Z]", sentence[start:]))
                and found[:1].isdigit() or how_long and not _UNIT.search(found)):
            continue  # nor a name's digit ('One2One', 'G-11', 'TFC 101 Tower'); nor, for 'How long …?', a count of
            # no time or length ('four young daughters' for 'How long does the film run?': calibration n505, n610)
        if kind == "number" and measure and DIFFERENCE.match(sentence, start):
            continue  # nor, for 'How tall are the Petronas Towers?', by how much another beats it: '50m taller than'
        if kind == "place" and not _LOCATIVE.search(sentence[:start]):
            continue  # nor, for 'where', a name said of no place: '**Sir Trevor McDonald**', 'the first **Macintosh**
            # computer' (new questions, calibration n622, n620)
        if kind == "number" and how_many and re.match(r"[$£€]|\S+\s+(?:euros?|pounds?|dollars?)\b", found, re.I):
            continue  # nor a sum for a count: '151m euros' for 'how many cars a year …?' (calibration n589)
        if kind == "number" and MULTIPLE.match(found) and not asks_times(question):
            continue  # nor a multiple for a count: 'five million times faster' (found asking new questions)
        if kind == "number" and re.match(r"\d*(?:st|nd|rd|th)\b", sentence[m.end():]):
            continue  # nor an ordinal: 'the **36**th UN … Report' (found asking new questions)
        if kind == "number" and _per_one(sentence, start, question):
            continue  # nor what every officer has, for how many officers
        if kind == "number" and counts_another_noun(found, question):
            continue  # nor '214 Afghan nationals' for 'How many Afghan refugees …?'
        if kind == "number" and count_done_otherwise(found, sentence, question):
            continue  # nor '400 people were injured' for 'How many people were arrested …?' (new questions)
        rate = RATE.match(sentence, start) if kind == "number" and speed else None
        if rate:  # 'how fast' asks for a speed: '17m per second', not 'two lifts'
            found = rate.group(0)
        elif kind == "number":  # the count's own words: '£2,000', not '£2,000 and had a'; '10 years', not '… for the'
            found = re.split(r"(?<=\d)[,.;:]\s", _AFTER_COUNT.split(found, maxsplit=1)[0], maxsplit=1)[0]  # '57', not
            # '57, said before' ("Mr Nogar's son Stephen, 57, said before the auction", found asking new questions)
        window = sentence[max(0, start - 30): m.end() + 30]
        if kind in ("name", "place"):  # a name new to the question first: 'Russia', not 'the Afghan Taliban'
            score = len(asked & terms(window)) + (4 if not asked_words & (found_words - _TITLES) else 0)
        else:  # a count with the question's words: '836 protest notes'; what leads to it: 'peaked at 14.2 million'
            clause = re.split(r"[;:,(]", sentence[max(0, start - 30):start])[-1]  # not across '; 83 Tashkeel'
            lead_in = " ".join(re.findall(r"[^\W\d_]+", clause)[-2:])
            score = 2 * len(asked & terms(found)) + len(asked & terms(window)) + 3 * len(own & terms(found)) \
                + len(asked & terms(lead_in))
        if rate:
            score += 6
        if kind == "name" and found_words - _TITLES & held:
            score += 6  # the holder of the office asked about: 'Lord Woolf' of 'The Lord Chief Justice, Lord Woolf, …'
        if replied & (numbers(found) if kind == "number" else found_words):
            # the model read the line for this answer, though its own sentence failed the checks (a refused
            # reply's name is less often the one asked for than its count: review)
            score += 6 if kind == "number" else 3
        if kind == "number":
            score += _count_bonus(sentence, start, found, years, money, bool(change))
            # after such a reply, the count in the clause naming the name it gave another's number: '…, leaving ITV1
            # with about **13%**' (found asking new questions: **60%** was bold, the reply's)
            score += 3 if swapped and swapped[1] in names(clause_at(sentence, start), first=True) else 0
        if score > best_score:
            best, best_score = (start, found), score
    if best is None:
        return sentence
    start, end = best[0], best[0] + len(best[1].rstrip(" ,;:."))
    return f"{sentence[:start]}**{sentence[start:end]}**{sentence[end:]}"


def bold_unsaid(sentence: str, quoted: str) -> str:
    """Why the sentence does not give what the quoted line has in bold ('' when it does, or nothing is bold): each
    bold span's numbers and content words must be in it. A model asked again with that line alone may read it
    wrongly too: ('The minimum age for an MP now is 18.', '… the current minimum age of **21** …') -> a reason."""
    for span in BOLD.findall(quoted):
        if not numbers(span) <= numbers(sentence) or not terms(span) <= terms(sentence):
            return f"it does not give '{span}', what the line it rests on answers"
    return ""
