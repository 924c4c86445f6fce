"""What kind of answer a question asks for (a number, a date, a name, a place, what an acronym stands for),
and whether a line holds one: 'How many protest notes?' asks a number, and 'Pakistan issued protest notes.'
holds none. The ranker, the quote, the checks and the emphasis read it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, TypeVar

import lemminflect

from .acronyms import EXPANSION_Q, spelled_out
from .offices import asked_office
from .text import (
    CAPITALIZED,
    MONEY,
    MONTH_NAME,
    STOPWORDS,
    as_word,
    months,
    numbers,
    own_question,
    terms,
)
from .wordforms import participles

T = TypeVar("T", bound=tuple[str, Any])

# ('Over how long a period …?', 'In how many countries …?': found asking new questions, quoted another line)
_NUMBER_Q = re.compile(r"\s*(?:(?:and|so|but|then)\s+)?(?:(?:over|for|in|within|after|across)\s+)?"
                       r"(?:roughly\s+|approximately\s+|about\s+)?"
                       r"(?:how (?:many|much|long|old|far|big|large|often|high|tall|fast)\b|(?:at\s+)?what "
                       r"(?:percentage|proportion|share|number|amount|sum|fee|price|figure|speed)\b|by how much\b)",
                       re.I)
# 'What was the peak audience …?', "What's the maximum fine …?": a quantity the answer gives as a number
_QUANTITY_Q = re.compile(r"\s*(?:(?:and|so|but|then)\s+)?what(?:'s|’s|\s+(?:is|was|are|were|will\s+be|would\s+be))\s+"
                         r"(?:the\s+|its\s+|their\s+|his\s+|her\s+)?(?:[\w'’-]+\s+){0,3}?(?:audience|attendance|"
                         r"turnout|population|price|cost|salary|revenue|turnover|profit|loss|sales|value|budget|debt|"
                         r"deficit|rate|score|total|toll|age|height|length|size|speed|capacity|valuation|fine)s?\b",
                         re.I)
# 'What does the Nintendo DS cost?', 'What did the suits sell for?': an amount
_COST_Q = re.compile(r"\s*(?:(?:and|so|but|then)\s+)?what\s+(?:does|did|do|will|would)\s+[^?]{1,60}?\s+"
                     r"(?:cost|earn|charge|pay|fetch|sell\s+for)\b(?:\s+(?:in|for|to|at|on|from|per|a|each|now|today)\b[^?]*)?"
                     r"\s*\??\s*$", re.I)  # not 'What did the affair cost David Blunkett?', '… pay attention to?'
_PRICE_Q = re.compile(r"\b(?:cost|costs|price|prices|priced|fee|fees|pay|paid|earn|earns|earned|charge|charged|"
                      r"worth|fetch|fetched|sell\s+for|sold\s+for)\b", re.I)
# a change, a share or a stretch of time is no price: 'How much have house prices risen?' -> '12%'
_CHANGE_Q = re.compile(r"\bhow (?:many|long|old)\b|\b(?:rise|rose|risen|fall|fell|fallen|increase[ds]?|drop(?:ped)?|"
                       r"grow|grew|grown|percentage|per ?cent|proportion|share)\b", re.I)
# 'How fast …?' asks for a speed ('17m per second', '38mph'), not how fast a thing grows ('7.9%': found asking) or
# how fast a quantity or a currency falls ('How fast are house prices falling?', 'How fast is the pound falling?':
# found by reviews); a lift rising is a speed
SPEED_Q = re.compile(r"\bhow fast\b(?![^?]*\b(?:gr[eo]wn?|growing|expand\w*|increas\w*|declin\w*|shrink\w*|shrank)\b)"
                     r"(?!(?:\s+[\w'’-]+){0,3}?\s+(?:prices?|sales|profits?|shares|costs?|interest|inflation|unemployment|"
                     r"economy|population|demand|exports|imports|spending|debts?|deficits?|earnings|revenues?|incomes?|"
                     r"wages|values?|pound|dollar|euro|yen|lira|rouble|currency|sterling)\b)|"
                     r"\bwhat speed\b", re.I)
# '17m per second', '42.7 trillion calculations per second', '80 megaflops' (found asking new questions: refused)
RATE = re.compile(r"\d[\d.,]*\s*(?:(?:thousand|million|billion|trillion)\s+)?(?:[a-z]+\s*)?(?:(?:per|an|a)\s+|/\s*)"
                  r"(?:second|sec|s|hour|hr|h|minute|min)\b|"
                   r"\d[\d.,]*\s*(?:mph|kph|km/h|knots|[kmgt]?bps|(?:kilo|mega|giga|tera|peta)?(?:bits|bytes)\s+per|"
                   r"(?:kilo|mega|giga|tera|peta)?flops)\b", re.I)
# 'How long …?' may be answered by a stretch of time said without a number: 'almost a whole minute', 'half an hour'
HOW_LONG_Q = re.compile(r"\bhow long\b", re.I)
# 'How tall is the TFC 101 Tower?' asks its height, not by how much it beats another ('… more than 50m taller than
# the Petronas Towers' was generated and shown, found asking new questions; the line has '508m tall')
MEASURE_Q = re.compile(r"\bhow (?:tall|high|long|big|large|old|far|heavy|deep|wide|fast)\b", re.I)
DIFFERENCE = re.compile(r"\d[\d,.]*\s?[a-z]*\s+(?:[a-z]+er|more|less)\s+than\b", re.I)
# (after a word that says it lasts: not 'began a week after', 'for a second time', 'once a week', found in review)
_WORDED_TIME = re.compile(r"\b(?:for|lasts?|lasted|lasting|takes?|took|taken|spen[dt]|spends|almost|nearly|about|"
                          r"around|over|within|only|just|given|gets?|got)\s+(?:an?|half\s+an?)\s+(?:(?:whole|full|"
                          r"entire|single)\s+)?(?:second|minute|hour|day|week|fortnight|month|year|decade|century|"
                          r"lifetime)s?\b(?!\s+(?:time|shop|store|ago|after|before|later)\b)", re.I)
# ('On what exact date …?', 'since when …?': found asking new questions)
_DATE_Q = re.compile(r"\s*(?:(?:and|so|but|then)\s+)?(?:(?:since\s+|until\s+|till\s+|from\s+)?when\b|"
                     r"(?:in |on |by )?(?:what|which) (?:exact |precise )?(?:year|date|day|month)\b)", re.I)
_AUX = r"(?:did|does|do|is|was|were|are|has|have|had|will|would|can|could)\b"
_NAME_Q = re.compile(rf"\s*(?:(?:and|so|but|then)\s+)?(?:who|whom|whose|(?:which|what)"
                     rf"(?: (?!{_AUX}|the\b|an?\b)[\w'’-]+){{0,3}} "
                     r"(?:member|minister|official|man|woman|person|people|leader|boss|chief|executive|director|"
                     r"chairman|actor|actress|singer|writer|author|president|company|firm|band|country|countries|city|"
                     r"club|party)\b)", re.I)
# 'What is his poetry collection called?', "What's the full title of the biography?": a name is asked for too
# (not 'What is the name of the game about?')
_CALLED_Q = re.compile(r"\s*(?:(?:and|so|but|then)\s+)?(?:(?:what|which)\b[^?]*\b(?:called|named|titled)\s*(?:\?|$)|"
                       r"what(?:'s|’s|\s+is|\s+was|\s+are|\s+were)\s+(?:the\s+)?(?:full\s+|official\s+)?"
                       r"(?:name|title)s?\s+(?:of|for)\b(?![^?]*\b(?:about|after|for|from|with)\s*(?:\?|$)))", re.I)
# ... or a word the answer gives as what it is called: 'The process is called photosynthesis.'
_CALLED = re.compile(r"\b(?:called|named|titled|known as)\s+(?:an?\s+|the\s+)?[\"'‘“]?(\w[\w-]*(?:\s+\w[\w-]*)?)", re.I)
# who did it may be a group named by what it does ('the directors' insurers', 'the police'), not a name
WHO_Q = re.compile(r"\s*(?:(?:and|so|but|then)\s+)?(?:who|whom)\b", re.I)
_GROUP = re.compile(r"\b[a-z]{3,}(?:ers|ors|ists|ians)\b|\b(?:police|government|authorities|officials)\b", re.I)
_LEADING_CLAUSE = re.compile(r"^\s*(?:when|if|while|after|before|since|once|as)\s+\w[^,?]*,\s*"
                             r"(?=(?:who|whom|whose|what|which|when|where|why|how)\b)", re.I)
# a question asking in its first word (the patterns above read those), or a follow-up's 'And ITV1?'
_ASKS = re.compile(r"\s*(?:(?:and|so|but|then|or)\b|(?:who|whom|whose|what|which|when|where|why|how|is|are|was|were|"
                   r"do|does|did|has|have|had|can|could|will|would|should)\b)", re.I)
_INNER_HOW = re.compile(r"\bhow (?:many|much)\b", re.I)
# (found asking new questions: 'qantas total headcount?' took the model's reply with no number; 'pakistan fm name?')
_KEYWORD_COUNT = re.compile(r"^[^,;:]{0,40}\b(?:headcount|head count|number|total|price|cost|population|turnover|"
                            r"revenue|profit|salary|budget)\s*\??\s*$", re.I)
_KEYWORD_NAME = re.compile(r"^[^,;:]{0,40}\bname\s*\??\s*$", re.I)
_PLACE_Q = re.compile(r"\s*(?:(?:and|so|but|then)\s+)?where\b", re.I)
# … but where one ranks on a list is a number ('Where does Judy Craymer rank on the Sunday Times music rich list?':
# 'at number 31', calibration n400)
RANK_Q = re.compile(r"\s*(?:(?:and|so|but|then)\s+)?where\s+(?:does|did|do|is|was|will)\b[^?]{0,80}?"
                     r"\b(?:rank|ranks|ranked|rate|rated|chart|charted)\b", re.I)
# 'Who is Ishaq Dar?' asks what the person is ('Deputy Prime Minister …'), not for a name
_WHO_IS_Q = re.compile(r"\s*(?i:(?:(?:and|so|but|then)\s+)?who\s+(?:is|was|are|were)\s+)"
                       r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)\s*\??\s*$")
# ('Who is Prime Minister?' wants a name)
OFFICES = frozenset("minister president prime chancellor secretary leader chief head governor chairman director king "
                     "queen foreign general mayor speaker ambassador envoy deputy vice".split())
# a role naming no one: 'The Conservative Party Co-Chairman said …' for 'Which Conservative said …?' (found asking)
_ROLES = frozenset("co-chairman chairman chairwoman spokesman spokeswoman spokesperson party".split())


def answer_type(question: str, keywords: bool = True) -> str | None:
    """What kind of answer the question asks for. 'How many trips?' -> 'number'; 'Why?' -> None

    With `keywords`, a question typed as keywords or asking late is read too ('qantas total headcount?').

    A clause before the question is not asked: 'When she started out, what did people assume?' -> None
    """
    question = _LEADING_CLAUSE.sub("", question)
    if EXPANSION_Q.match(question):
        return "expansion"
    who = _WHO_IS_Q.match(question)
    if who and not {w.lower() for w in who.group(1).split()} & OFFICES:
        return None
    for kind, pattern in (("number", _NUMBER_Q), ("date", _DATE_Q), ("name", _NAME_Q), ("name", _CALLED_Q),
                          ("number", RANK_Q), ("place", _PLACE_Q), ("number", _QUANTITY_Q), ("number", _COST_Q)):
        if pattern.match(question):
            return kind
    return _keywords_type(own_question(question)) if keywords else None


def _keywords_type(question: str) -> str | None:
    """What a question typed as keywords, or asking late, asks for: 'telegraph how many extra colour pages',
    'Glazer's offer values Man Utd at how much?' -> 'number'; 'scottish tory leader?' -> 'name'"""
    if _ASKS.match(question):
        return None
    if _INNER_HOW.search(question) or _KEYWORD_COUNT.search(question):
        return "number"
    return "name" if asked_office(question) or _KEYWORD_NAME.search(question) else None


def has_type(text: str, kind: str | None, question: str = "") -> bool:
    """Does the text hold an answer of that kind that the question did not already give?

    'It held 225 meetings.' has a 'number'; a 'name' or 'place' must be a name the question does not use, or
    for 'who' a group named by what it does ('the insurers'), for 'what is it called' the word after 'called'.
    """
    if kind is None:
        return True
    if kind == "expansion":
        return spelled_out(text, question) is not None
    if kind == "number":
        own = own_question(question)
        if re.search(r"\bhow many\b", own, re.I) and not re.search(r"%|\bper ?cent", own, re.I):
            text = _NOT_COUNT.sub(" ", text)  # '40% fewer films than in 2003' does not say how many films
            if not asks_times(own):
                text = MULTIPLE.sub(" ", text)  # 'five million times faster' counts nothing
        if _PRICE_Q.search(own) and not _CHANGE_Q.search(own) and not MONEY.search(text):
            return False  # 'What does the DS cost?' asks for an amount: not 'Nintendo has sold almost 4m DS consoles'
        if MEASURE_Q.search(own):
            text = DIFFERENCE.sub(" ", text)
        if HOW_LONG_Q.search(own) and _WORDED_TIME.search(text):
            return True  # 'The lifts take almost a whole minute to come down.'
        return bool(numbers(text) - numbers(question)) and (not SPEED_Q.search(own) or bool(RATE.search(text)) or bool(
            re.search(r"\b\d+\.\d+\b(?!\s*(?:%|per\s*cent))", text)))  # a measure: 'clocked up 35.86' (found asking)
    if kind == "date":
        return bool({n for n in numbers(text) if len(n) == 4} | months(text)) or bool(
            re.search(r"\b(?:yesterday|today|last (?:week|month|year)|this (?:week|month|year)|monday|tuesday|"
                      r"wednesday|thursday|friday|saturday|sunday|century|decade)\b", text, re.I))
    asked = {w.lower() for w in re.findall(r"\w+", question)}
    asked |= {"".join(w[0] for w in re.findall(r"[A-Z]\w*", question)[i:j]).lower()  # MDA for Mobile Data Association
              for i in range(len(question.split())) for j in range(i + 2, i + 6)}
    if kind == "name":
        if done_by_nobody(text, question):
            return False
        text = _without_restated_person(text, question)
        if WHO_Q.match(own_question(question)) and {w.lower() for w in _GROUP.findall(text)} - asked:
            return True  # 'Who pays the rest?' -> 'The directors' insurers.': a group, not a name
        if _CALLED_Q.match(own_question(question)) and {w.lower() for m in _CALLED.findall(text)
                                                         for w in m.split()} - asked - STOPWORDS:
            return True  # 'What is the process called?' -> 'It is called photosynthesis.'; no name needed; 'the
            # new lira' for 'What is the new Turkish currency called?' (found asking new questions: refused)
    found = {re.sub(r"['’]s$", "", as_word(w)) for w in CAPITALIZED.findall(text)}
    # UKIP: 'UK Independence Party' is asked (not two letters: 'Mark Pritchard' is no 'MP')
    acronyms = {w.lower() for w in re.findall(r"\b[A-Z]{3,}\b", question)}
    found -= {w.lower() for run in _RUN.findall(text) for part in _parts(run.split()) if _initials(part) in acronyms
              for w in part}
    new = {w for w in found if not set(re.split(r"[-/'’]", w)) <= asked}
    return bool(new - _STARTERS - CALENDAR - STOPWORDS - _ROLES)


WHO_DID_Q = re.compile(r"\s*(?:(?:and|so|but|then)\s+)?who\s+"
                       r"(?:(?:is|are|was|were)\s+(?=(?!being\b|going\b)[a-z]{2,}ing\b))?"
                       r"(?!(?:is|are|was|were|has|have|had|will|would|can|could|did|does|do|should|may|might|must)\b)"
                       r"([a-z]{3,})\b", re.I)  # 'Who is directing …?' asks a deed too (found asking new questions)


def done_by_nobody(text: str, question: str) -> bool:
    """Does the text say the question's deed was done without saying by whom? 'Who killed Dirty Den?': '… Dirty
    Den Watts killed off on Friday, marking EastEnders' 20th anniversary' names a show, not who killed him (found
    asking new questions: generated and shown, 'EastEnders' taken for the answer). A passive with 'by' names
    the doer: 'Barclays was founded by …'."""
    m = WHO_DID_Q.match(own_question(question))
    if not m:
        return False
    done = participles(m.group(1))
    said = [w for w in re.finditer(r"[\w'’-]+", text) if w.group().lower() in done
            and (_PASSIVE_BEFORE.search(text[:w.start()]) or _SEEN_BEFORE.search(text[:w.start()]))]
    # the doer may come later in the clause: 'Barclays was founded in London in 1690 by John Freame.' (review)
    return bool(said) and not any(re.match(r"[^,;:.]*?\bby\b", text[w.end():]) for w in said)


def done_by_named(text: str, question: str) -> bool:
    """Does the text name, after 'by', who did the question's deed? ('The chancellor was speaking at an event jointly
    organised by the UK's Department for International Development …', 'Who organised the event …?') -> True"""
    asked = own_question(question)
    m = WHO_DID_Q.match(asked)
    done = participles(m.group(1)) if m else set()
    # what was done, named right before it: 'an event jointly organised by …', not 'The September dossier, written
    # by …' for 'Who wrote the report …?', nor 'completed by May 2006' (review)
    what = {t for t in terms(asked[m.end():]) if t not in STOPWORDS} if m else set()
    return any(w.group().lower() in done and what & terms(text[max(0, w.start() - 40):w.start()])
               and _BY_DOER.match(text, w.end()) for w in re.finditer(r"[\w'’-]+", text))


_BY_DOER = re.compile(rf"\s+by\s+(?:the\s+|an?\s+)?(?!(?:{MONTH_NAME}|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b)"
                      r"(?:[A-Z][\w'’-]*\s+)*[A-Z]")  # 'by the UK's Department …', not 'by May 2006' (review)


_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|gets|got)(?:\s+\w+ly)?\s+$", re.I)
# '… people saw "Dirty" Den Watts killed off': what was seen done is a passive too
_SEEN_BEFORE = re.compile(r"\b(?:saw|see|sees|seen|watch|watched|watches|witnessed|heard)\s+[^.;:,]{1,40}?\s+$", re.I)




def answers_asked(kept: Sequence[tuple[str, Any]], kind: str | None, question: str) -> bool:
    """Does some kept sentence (text, citations) give the kind of answer asked for (a number for 'how many'), or
    to a why-question any word that gives a reason?"""
    if kind is None and WHY_Q.match(own_question(question)):
        asked = _lemmas(question)  # not the question's own word ('… its concerns …': '… is concerned with …'; 'make':
        # 'made', review)
        return any(not _lemmas(m.group(0)) & asked for text, _ in kept for m in _REASON.finditer(text))
    return any(has_type(text, kind, question) for text, _ in kept)


def _lemmas(text: str) -> set[str]:
    """Each word of the text in small letters and as each base form it may have. 'made it' -> {'made', 'make', 'it'}"""
    words = re.findall(r"[a-z]+", text.lower())
    return {*words, *(lemma for w in words for forms in lemminflect.getAllLemmas(w).values() for lemma in forms)}


WHY_Q = re.compile(r"\W*(?:(?:and|but|so|then)\s+)?why\b", re.I)
# a reason is given by a word like these; without one, a sentence restates what the question asks why of ('The Barclay
# twins bought the Telegraph Group last year, …' for why they did: calibration n443, s173, n738, generated)
_REASON = re.compile(r"\b(?:because|due|since|so|thanks|owing|as|for|to|after|following|amid|given|"
                     r"driv\w*|lead\w*|led|caus\w*|result\w*|reason\w*|help\w*|allow\w*|enabl\w*|mak\w*|made|"
                     r"aim\w*|hop\w*|want\w*|seek\w*|sought|need\w*|fear\w*|concern\w*|cit(?:e|es|ed|ing)|therefore|thus|"
                     r"hence)\b", re.I)


def answering_first(kept: list[T], kind: str | None, question: str) -> list[T]:
    """The kept sentences (text, citations) with the first one that answers moved to the front (answer first)."""
    if not kept:
        return []
    first = next((i for i, (text, _) in enumerate(kept) if has_type(text, kind, question)), 0)
    return [kept[first]] + kept[:first] + kept[first + 1:]


def _initials(run: Sequence[str]) -> str:
    """['UK', 'Independence', 'Party'] -> 'ukip': an acronym's letters (all of them for an acronym within)."""
    return "".join(w if w.isupper() else w[0] for w in run).lower()


def _parts(run: Sequence[str]) -> list[Sequence[str]]:
    """Every stretch of two or more words of the run."""
    return [run[i:j] for i in range(len(run)) for j in range(i + 2, len(run) + 1)]


_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+")  # a run of capitalized words: 'UK Independence Party'


def _without_restated_person(text: str, question: str) -> str:
    """The text without the full names of a person the question names by surname, when the text names them
    by surname as well, or in the question's possessive: it restates the question's person, it does not say who.

    ("The member who defected to Kilroy-Silk's party is Robert Kilroy-Silk.", "Which member defected to
    Kilroy-Silk's new party?") -> "The member who defected to Kilroy-Silk's party is ."; so "… lost one of its
    members to Robert Kilroy-Silk's new party" (calibration n032), but not 'Victoria Beckham' for "Beckham's wife"
    """
    spans = []
    for m in _FIRST_AND_SURNAME.finditer(text):
        first, surname = m.group(1), re.sub(r"['’]s$", "", m.group(2))
        rest = text[: m.start(1)] + text[m.end(2):]
        owned = m.group(2) != surname and re.search(rf"(?<![\w-]){re.escape(m.group(2))}", question)
        if (owned or re.search(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", rest)) and _asked_person(first, surname,
                                                                                                 question):
            spans.append((m.start(1), m.end(2)))
    for start, end in reversed(spans):
        text = text[:start] + text[end:]
    return text


def _asked_person(first: str, surname: str, question: str) -> bool:
    """Does the question name this person by surname? Another first name before it is someone else ('Ed' for
    'Who replaced David Miliband?'); a title or the same first name is not."""
    said = re.search(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", question, re.I)
    if said is None:
        return False
    before = re.findall(r"[\w'’-]+", question[: said.start()])
    other = len(before) > 1 and before[-1][0].isupper() and before[-1] != first  # not the question's first word
    return not other or before[-1].lower() in _STARTERS


_FIRST_AND_SURNAME = re.compile(r"(?=\b([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?([A-Z][\w'’-]*\w))")  # every 'Robert Kilroy-Silk'


# a share, or a year ('a crowd of 2000' is a count, so is 'rose to 2000 troops'), or a date ('The March 2024
# attack', '31 December', 'on November 11'; with the month capitalized: 'another 15 may lose their jobs' counts),
# or a name's number ('the G-11 Judicial Complex', 'F-16')
_NOT_COUNT = re.compile(r"\d[\d,.]*\s?(?:%|per ?cent\b)|"
                        r"\b(?:in|since|from|until|by|to|compared (?:to|with)|(?:end|start|beginning|middle) of)\s+"
                        r"(?:19|20)\d\d\b(?!\s+[a-z]+s\b)|"
                        rf"(?:\b\d{{1,2}}\s+)?\b(?-i:{MONTH_NAME})\.?\s+(?:\d{{1,2}},?\s+)?(?:19|20)\d\d\b|"
                        rf"\b\d{{1,2}}\s+(?-i:{MONTH_NAME})\b|(?<!\bin\s)(?<!\bsince\s)(?<!\bduring\s)\b(?-i:{MONTH_NAME})\.?\s+"
                        r"\d{1,2}\b(?![\d,.])|"
                        r"\b(?-i:[A-Z][A-Za-z]*)-\d[\d.]*\b", re.I)
# a multiple: 'five million times faster' counts no processors (found asking new questions: in bold for 'how many
# processors …?'), unless the question asks how many times
MULTIPLE = re.compile(r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred)"
                      r"(?:\s+(?:hundred|thousand|million|billion))?\s+times\b", re.I)


def asks_times(question: str) -> bool:
    """Does the question ask how many times, so that a multiple answers it? 'How many times faster is it?' -> True"""
    return bool(re.search(r"\btimes\b", question, re.I))

CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may "
                     "june july august september october november december".split())
_STARTERS = frozenset("mr mrs ms dr sir lord lady the a an it its this that these those he she they we in on at for "
                      "and but as by from with "
                      "according however while after before during since".split())
