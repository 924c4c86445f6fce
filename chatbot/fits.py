"""Does a line to quote answer the question asked, or something else: another thing's count, another month's,
another person's, a deed it does not say?"""

from __future__ import annotations

import re

import lemminflect

from .about import named_elsewhere, part_named
from .bounds import total_of_list
from .counts import (
    amount_of_other,
    asked_count,
    compared_otherwise,
    count_mismatch,
    counts_another_noun,
    counts_other,
    other_month,
    owned_by_other,
)
from .kinds import WHO_DID_Q, answer_type, done_by_nobody
from .offices import holder_missing
from .peoples import as_people
from .periods import counts_given, other_period, share_for_whole
from .persons import someone_else
from .places import other_place
from .text import NUMBER_WORDS, SPEECH, STOPWORDS, mentioned, names, numbers, own_question, presumed, terms
from .wordforms import base_terms, begins_word
from .years import count_of_month, other_year


def misfit(line: str, question: str, typed: set[str], before: str = "", article: str = "",
           every_count: bool = True) -> str:
    """Why a line to quote answers about something else, or '': it counts other things ('13 press briefings'
    for 'How many protest notes?'), gives the question's year to another month ('October 2004' for '… in
    December 2004?'), leaves out a name the follow-up itself gave (`typed`) or, starting 'He', is about
    another person than the question's, whom the sentence `before` it names (`someone_else`, in `article`).
    Not `every_count` (the ranker's line): its counts are checked only when it counts another noun, leaves out
    the name the question counts by or is the line's only number; a list's first count often differs."""
    kind, counted = count_mismatch(line, question)
    if counted and not every_count and not (counts_another_noun(line, question) or count_unnamed(line, question)
                                            or len(numbers(line)) == 1 and kind == "other"):
        counted = ""  # a lone count of another noun is no list's first ('… fewer than 130,000 cars per year' for
        # how many people work there: found asking new questions)
    other = someone_else(line, before, question, article)
    elsewhere = named_elsewhere(line, before, article, question)
    part = part_named(line, question)  # 'Its Global Investors wing made £347m' for Barclays' profits
    return counted or amount_of_other(line, question) or other_month(question, line) \
        or other_period(question, line) or other_place(question, line) or other_year(question, line, before, article) \
        or owned_by_other(line, question, article, before) or compared_otherwise(line, question) or (
        "it shares no word with the question but its names" if topic_unsaid(line, question, article) else "") \
        or month_other(line, question) or origin_unsaid(line, question) or speech_unsaid(line, question) \
        or office_unsaid(line, question) or holder_missing(line, question, article) \
        or noun_of_other(line, question) \
        or number_unsaid(line, question, before) or share_for_whole(line, question, [line]) \
        or ratio_for_count(line, question) or list_total_for_item(line, question) or (
        "it leaves out what the follow-up names" if lacks(line, typed) else "") or (
        f"it is about {other}" if other else "") or (
        f"it goes on about a thing named before it, not '{elsewhere[0]}'" if elsewhere else "") or (
        f"it is about its '{part}'" if part else "")


def number_unsaid(line: str, question: str, before: str) -> str:
    """Why the line, with the sentence before it, leaves out a number the question gives of what it asks about, or
    ''. ('IBM has received 25,772 US patents in that period …', 'How many of the 500 patents IBM released are for
    database management?') -> "it leaves out the question's 500" (calibration n417, n415: the $499 Mac's UK price
    in bold for the $599 one's; both unanswerable). Not a year, said otherwise ('last year'), a name's ('PS2',
    calibration n091), nor a count the question takes as given ('Which two powers …?')."""
    own = re.sub(r"\b[A-Za-z]+-?\d[\w-]*", " ", own_question(question))  # not a name's: 'PS2', 'G-11'
    given = numbers(own) - presumed(question)
    unsaid = sorted(n for n in given - numbers(f"{before} {line}") if not re.fullmatch(r"(?:19|20)\d\d", n))
    return f"it leaves out the question's {unsaid[0]}" if unsaid else ""


# 'Who is Russia's special envoy …?' asks who holds an office: a line to quote names it; so do "And who's their
# chairman?" and "What was Charlie Bell's wife called?" (found asking new questions: '**Rod Eddington**, BA's chief
# executive, …' and '… chief executive **James Skinner** said' were quoted)
_WHO_HOLDS_Q = re.compile(r"\s*(?:(?:and|so|but|then)\s+)?(?:who(?:'s|’s|\s+(?:is|was|are|were))\s+(.+)|"
                          r"what(?:'s|’s|\s+(?:is|was))\s+(.+?)\s+(?:called|named)\s*\??\s*$)", re.I)
_OFFICES = frozenset("""envoy ambassador spokesman spokeswoman spokesperson chairman chairwoman boss director manager
editor founder leader minister secretary president chancellor governor commander coach captain owner judge mayor
executive wife husband widow""".split())


def office_unsaid(line: str, question: str) -> str:
    """Why a line quoted for who holds an office does not name the office, or ''. (found asking new questions: the
    near-miss 'Who is Russia's special envoy handling the mediation …?' quoted '… the goodwill of **Kabul** …')"""
    m = _WHO_HOLDS_Q.match(own_question(question))
    if m is None:
        return ""
    role = (m.group(1) or re.sub(r".*['’]s\s+", "", m.group(2))).lower()  # no owner: "What is the chairman's book
    # called?"; 'Finance Director' in capitals (review)
    asked = {w for w in re.findall(r"[a-z]+", role) if w in _OFFICES}
    said = set(re.findall(r"[a-z]+", line.lower()))
    said |= {w for group in _SAME_OFFICE for w in group if group & said}  # 'England boss' for 'coach' (review)
    if asked and not asked & said:
        return f"it does not name the {sorted(asked)[0]}"
    # nor the kind of office: 'Qantas boss Mr Dixon' is no 'finance director' (found asking new questions), 'chief
    # financial officer' is; not a word that describes the holder ('special envoy', 'current chairman': review)
    kinds = re.findall(rf"\b({'|'.join(_KINDS)})\s+({'|'.join(sorted(asked))})\b", role) if asked else []
    unsaid = [f"{k} {office}" for k, office in kinds if not any(w.startswith(k[:5]) for w in said)]
    return f"it does not name the {unsaid[0]}" if unsaid else ""


# what an office is of: a finance director is no boss of marketing
_KINDS = ("finance", "financial", "foreign", "home", "defence", "defense", "health", "education", "culture", "trade",
          "transport", "environment", "justice", "interior", "treasury", "sports?", "music", "fashion", "marketing",
          "sales", "operating", "technical", "technology", "commercial", "managing", "creative", "artistic", "news",
          "political", "business", "deputy", "general", "assistant", "vice")


_SAME_OFFICE = (frozenset("boss coach manager head chief executive director".split()),
                frozenset("minister premier pm leader".split()), frozenset("chairman chairwoman chair".split()),
                frozenset("owner bought owns".split()), frozenset("spokesman spokeswoman spokesperson".split()),
                frozenset("wife husband widow married spouse".split()))


# 'Where are the four detainees from?'; not 'Where will the money come from?' (review)
_FROM_Q = re.compile(r"\s*where\s+(?:is|are|was|were)\b.*\bfrom\W*$", re.I)
_ORIGIN = re.compile(r"\bfrom\s+(?:the\s+)?[A-Z]|\bof\s+(?:[A-Z][\w'’-]*,?\s+)*[A-Z]|(?i:\bborn\b|-born\b|\bnative\b|"
                     r"\bhails?\b|\bhailed\b|\bgrew\s+up\b|\bformed\s+in\b)")  # '… of Hall Green, Birmingham' (review)


def origin_unsaid(line: str, question: str) -> str:
    """Why a line quoted for where someone is from does not say where anyone is from, or ''. (found asking new
    questions: '… the treatment of the detainees in **Cuba**' for 'Where are the four detainees from?'; the article
    says '… Moazzam Begg, from Birmingham, …')"""
    asks = _FROM_Q.match(own_question(question))
    return "it does not say where anyone is from" if asks and not _ORIGIN.search(line) else ""


_SAY_Q = re.compile(r"\s*what\s+(?:did|does|do)\b.*\b(?:say|tell)\b", re.I)


def speech_unsaid(line: str, question: str) -> str:
    """Why a line quoted for what someone said says nothing anyone said, or ''. (found asking new questions: "What did
    Ernie Wise say on the first call?", never said, quoted "Britain's first mobile phone call was made … by veteran
    comedian Ernie Wise.")"""
    return "it says nothing anyone said" if _SAY_Q.match(own_question(question)) and not SPEECH.search(line) else ""


def topic_unsaid(line: str, question: str, article: str) -> bool:
    """Does a line quoted for a count or an amount share none of the question's words but its names, in an
    `article` that has none of them either? Its number is then another thing's (found asking new questions:
    '… phones … cost about **£2,000** …' for 'How much did Vodafone pay for its licence?', never said). A line
    may say it in other words ('trips' for 'visits'), which its article will use somewhere. An article of '' is
    not known: nothing is checked."""
    asked = base_terms(question) - base_terms(" ".join(names(question)))
    return bool(article) and answer_type(question) == "number" and bool(asked) \
        and not asked & base_terms(f"{line} {article}")


def month_other(line: str, question: str) -> str:
    """A count of another month than the one a how-many question names (years.count_of_month), or ''."""
    return count_of_month(question, line) if answer_type(question) == "number" else ""


def lacks(line: str, typed: set[str]) -> bool:
    """Does the line leave out a name the follow-up itself gave? ('… Russia's soft southern flank' for 'What
    about India?' after 'Which countries form Russia's soft southern flank?': it answers the earlier question;
    'Pakistan's officials' do hold 'What about Pakistani officials?')"""
    return any(not mentioned(n, line) for n in typed)


def count_unnamed(line: str, question: str) -> bool:
    """Does the line leave out a name the question counts by? ('… the 6,000-strong TTP presence …', 'How many
    ISKP fighters are in Afghanistan?', never said; found asking new questions: quoted)"""
    asked = asked_count(own_question(question)) or asked_count(question)
    return any(w.lower() in names(question) and not mentioned(w, line) for w in asked)


def deed_unsaid(line: str, question: str) -> bool:
    """Does the line leave out the deed a 'who did' question asks the doer of, or say it was done by nobody named?
    Then no name of it is bold: bold says 'this is the answer'. Found asking new questions: '**Damian Hockney**
    said … Mr Kilroy-Silk would "deliver better" as the leader …' for 'Who replaced Kilroy-Silk as UKIP leader?'
    (never said), '… a Barclays tie-up … **California-based Wells Fargo**' for 'Who founded Barclays?'. The cost:
    a right name said with another verb loses its bold too ('told the Commons' for 'announced', calibration n044;
    report n115). The line is still quoted: refusing it lost report n115's right answer."""
    m = WHO_DID_Q.match(own_question(question))
    deed = base_terms(m.group(1)) if m else set()  # none for a stopword: 'Who said so?'
    if not deed:
        return False
    pool = base_terms(line)
    return not any(v in pool or begins_word(v, pool) for v in deed) or done_by_nobody(line, question)


_WHEN_Q = re.compile(r"\s*(?:(?:and|so|but|then)\s+)?when\s+(?:did|does|do|will|was|were|is|are|has|have|had|would|"
                     r"could|can)\s+(.+?)\s*[?.!]*$", re.I)  # (not 'In what year …?': 'In what year did Jim Callaghan
# become prime minister?' lost the bold of its right '… entered Downing Street in 1976 …', calibration n038)
_ANY_TIME = base_terms("happen take place occur first last time year month day date")  # in any dated line


def when_unsaid(line: str, question: str) -> bool:
    """Does the line leave out every word of what a 'when' question asks the date of, the question's names aside?
    Then its date is not bold. Found asking new questions: 'When will Ossie Davis's last film, Retirement, be
    released?' (never said) quoted '… received Kennedy Center honours in **2004** …', the line the refused reply
    ('… was released in 2004') was read from."""
    m = _WHEN_Q.match(own_question(question))
    event = base_terms(m.group(1)) - base_terms(" ".join(names(m.group(1), first=True))) - _ANY_TIME if m else set()
    pool = base_terms(line)
    return bool(event) and not any(v in pool or begins_word(v, pool) for v in event)


_DATE_Q = re.compile(r"\s*(?:(?:and|so|but|then)\s+)?(?:when|(?:in|on)\s+what\s+(?:year|date|day)|what\s+year)\s+"
                     r"(?:did|does|do|will|was|were|is|are|has|have|had)\s+(.+?)\s*[?.!]*$", re.I)
_AND_THEN = re.compile(r"\band\s+(?:([a-z]+)\s+)?([a-z]+)\b")  # '… and together received …'


def date_of_other_deed(line: str, start: int, question: str) -> bool:
    """Is the date at `start` said of another deed, one joined by 'and' after the deed the question asks the date
    of? ('Davis and Dee were married for more than 56 years and together received Kennedy Center honours in 2004',
    'In what year did Ossie Davis and Ruby Dee get married?' -> True: calibration n720, never said, had **2004**)"""
    m = _DATE_Q.match(own_question(question))
    deed = base_terms(m.group(1)) - base_terms(" ".join(names(m.group(1), first=True))) - _ANY_TIME - {"get"} \
        if m else set()
    before = line[:start]
    for j in _AND_THEN.finditer(before):
        adverb, verb = j.group(1), j.group(2).lower()
        lemmas = lemminflect.getAllLemmas(verb)
        if adverb and "ADV" not in lemminflect.getAllLemmas(adverb.lower()):
            continue
        base = lemmas.get("VERB", ("",))[0]
        if not base or "NOUN" in lemmas or verb not in {*lemminflect.getInflection(base, "VBD"),
                                                         *lemminflect.getInflection(base, "VBN")}:
            continue  # '… and together received …', not '… and the honours …'
        if deed & base_terms(before[:j.start()]) and not deed & base_terms(before[j.start():]):
            return True
    return False


_NAMED_NOUN = re.compile(r"\b([A-Z][A-Za-z0-9'’&-]*)\s+([a-z]{4,})\b")  # 'BLA presence', 'Pakistan-Taliban talks'


def noun_of_other(line: str, question: str) -> str:
    """Why a line says of another name the thing the question asks of a name it gives, never naming that one, or
    '': ('The very Taliban officials support … safe havens for the 6,000-strong TTP presence in Afghanistan …',
    'What is the estimated size of the BLA presence inside Afghanistan?') -> 'it is about the TTP presence, not the
    BLA presence' (calibration s203, never said: **6,000** was bold)."""
    own = own_question(question)
    for m in _NAMED_NOUN.finditer(own):
        if re.search(r"\b(?:which|what)\s+$", own[:m.start()], re.I):
            continue  # the thing asked for: 'Which Taliban faction …?' is answered '… the Haqqani faction …'
        name, noun = re.sub(r"['’]s$", "", m.group(1)), m.group(2)
        lemmas = lemminflect.getAllLemmas(noun)
        if name.lower() in STOPWORDS or "NOUN" not in lemmas or "VERB" in lemmas or mentioned(name.lower(), line) \
                or as_people(name.lower(), line):  # 'the Russian presence' for Russia's
            continue
        for other in re.finditer(rf"\b([A-Z][A-Za-z0-9'’&-]*)\s+{noun}\b", line):
            if other.group(1).lower() not in STOPWORDS and not terms(other.group(1)) & terms(own):
                return f"it is about the {other.group(1)} {noun}, not the {name} {noun}"
    return ""


_NUM = rf"(?:\d[\d,.]*|{'|'.join(w for w, n in NUMBER_WORDS.items() if 1 <= n <= 100)})"
_RATIO = re.compile(rf"\b{_NUM}\s+(?:out\s+of|in\s+every)\s+{_NUM}\b|\b\d[\d.]*\s*(?:%|per\s*cent\b|percent\b)", re.I)
_SHARE_ASKED = re.compile(r"\b(?:share|proportion|percentage|per\s*cent|percent|fraction|ratio|out\s+of)\b|%", re.I)


def ratio_for_count(sentence: str, question: str) -> str:
    """Why the sentence answers a how-many question with a share ('nine out of 10', '60%'), or ''. ('Nine out of 10
    Xbox Live members have played the game.', 'How many members does Xbox Live have in total?') -> "it gives a share,
    not the count asked" (calibration n359, unanswerable: shown, generated; then quoted, '**10 Xbox Live members**'
    in bold)."""
    own = own_question(question)
    if not re.search(r"\bhow\s+many\b", own, re.I) or _SHARE_ASKED.search(own) or not _RATIO.search(sentence):
        return ""
    rest = _RATIO.sub(" ", sentence)  # nor any other count of what is asked ('… for an average of 91 minutes …')
    counted = counts_given(rest) or re.search(r"\b\d{1,3}(?:,\d{3})+\b", rest)  # '2,000 jobs' is no year (review)
    return "" if counted and not counts_other(rest, question) else "it gives a share, not the count asked"


_HOW_MUCH = re.compile(r"\bhow\s+much\b", re.I)
_PRICE = re.compile(r"\b(?:costs?|costing|priced?|prices|each|per|a\s+head)\b", re.I)


def list_total_for_item(line: str, question: str) -> str:
    """Why a line to quote for how much one thing made gives one sum for a list of things, or '' (calibration n337:
    '… earned up to **£85,000** from speeches, articles and advice …' quoted for how much he got for his speeches)."""
    if not _HOW_MUCH.search(question) or _PRICE.search(line):  # a price is for each: 'Tickets cost £20 for adults,
        return ""  # children and pensioners' (review)
    return total_of_list(own_question(question), line, given=True)
