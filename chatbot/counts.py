"""What a number in a sentence counts, and which months a year goes with: the checks that keep '13 protest
notes' off a source that says '836 protest notes, and 13 formal demarches', and 'December 2004' off one that
says 'in October 2004'.
"""

from __future__ import annotations

import re
from collections.abc import Collection

import lemminflect

from .peoples import plural
from .periods import LONGER, counts_given
from .synonyms import kin
from .text import (
    MONEY,
    MONTH_NAME,
    MONTHS,
    SOURCE_FRAME,
    STOPWORDS,
    YEAR,
    has_name,
    mentioned,
    months,
    names,
    numbers,
    own_question,
    stems,
    terms,
    words,
)

_MONTHS_RE = "|".join(sorted(MONTHS, key=len, reverse=True))  # longest first: 'September' before 'Sep'
# amounts and dates ('31 December'; not 'March 13', which may be 'In March 13 demarches were issued')
_NOT_COUNTS = re.compile(rf"[$£€]\s?\d[\d,.]*\w*|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS_RE})\b", re.I)


def asked_count(question: str) -> list[str]:
    """The words a how-many question counts. 'How many protest notes has it lodged?' -> ['protest', 'notes']"""
    m = re.search(r"\bhow (?:many|much)\s+(.+)", question, re.I)
    return [w for w in words(m.group(1)) if w not in STOPWORDS][:2] if m else []


def counts_other(sentence: str, question: str) -> str:
    """Why the sentence's numbers count something other than what the question asks about, or ''."""
    return count_mismatch(sentence, question)[1]


def count_mismatch(sentence: str, question: str) -> tuple[str, str]:
    """What kind of count mismatch the sentence has, and why: ("other", …) when its numbers count another
    thing, ("unsaid", …) when they name nothing the question counts, or ("", "").

    ('13 formal demarches.', 'How many protest notes?') -> "it counts 'formal demarches', not 'protest notes'". The
    question's names after a function word do not say what is counted ('Five million copies of Halo 2' for 'How many
    Xbox Live members have played Halo 2?' counts copies; 'About 130 games for the DS' for 'How many DS consoles were
    sold …?' counts games: found asking new questions, quoted with '**130 games**' in bold).
    """
    own = own_question(question)  # a joined follow-up counts what it asks ('And how many fighters?'), if it says
    asked = asked_count(own)
    if asked:
        question = own
    else:
        asked = asked_count(question)
    if not asked or (re.search(r"\bhow much\b", question, re.I) and MONEY.search(sentence)):
        return "", ""  # 'how much' asks for an amount: a line with one does not count something else
    ws = words(_NOT_COUNTS.sub(" ", sentence))  # '£10 one-way' is a price, '31 December' a date
    # a name the question counts by alone is what is counted: 'Twelve members of the Taliban' (review)
    named = names(question)
    apart = named if any(w not in named and "NOUN" in lemminflect.getAllLemmas(w) for w in asked) \
        else named - set(asked)
    counted = [(i, c) for i, t in enumerate(ws) if t[0].isdigit() and not YEAR.fullmatch(t)
               and (c := _counted(ws, i, apart))]
    said = kin(asked) + words(SOURCE_FRAME.sub("", question))  # 'players' for 'gamers'; not 'engagement' of '… the
    # op-ed on Russia's military engagement …' for '214 Afghan nationals engaged in …' (calibration s278: in bold)
    if plural(asked[0]) and re.search(rf"\b{re.escape(asked[0].capitalize())}\b", question) and not any(
            "NOUN" in lemminflect.getAllLemmas(w) for w in asked[1:]):
        said = said + ["people"]  # a people counted: 'How many Turks were put out of work …?' -> 'two million people
        # lost their jobs' (found asking new questions: refused); not 'How many Qantas jobs …?', nor Jaguars (review)
    # … nor a name the question gives besides what it counts ('Afghan' of '… from Afghan territory …'), when the
    # count has words of its own ('TFC 101 Tower' is all name)
    if counted and not any(_overlap([w for w in c if w not in named or w in asked] or c, said)
                           and not _other_noun(ws, i, c, asked, question) for i, c in counted):
        return "other", f"it counts '{' '.join(counted[0][1][:2])}', the question asks about '{' '.join(asked)}'"
    # numbers that name nothing they count ('from 370 to 870') count what the question asks only if the
    # sentence says it: 'Qantas increased the number of flight attendants … from 370 to 870' is no answer to
    # 'How many Qantas pilots went on strike?' (found asking new questions: it was shown, generated)
    nouns = [w for w in asked if "NOUN" in lemminflect.getAllLemmas(w)  # not 'sold' of 'How many were sold?'
             and not any(has_name(n, w) for n in names(question))]
    acts = set(stems(" ".join(words(question)))) - set(stems(" ".join(asked))) - set(stems(" ".join(named))) \
        - _TIME_WORDS  # 'scored' of 'Thierry Henry, who scored 30 last season' for '… goals …?' (review)
    if not counted and nouns and any(t[0].isdigit() and not YEAR.fullmatch(t) for t in ws) \
            and not _as_nouns(nouns) & _as_nouns(ws) and not (acts & set(stems(" ".join(ws)))):
        return "unsaid", f"it does not say it counts '{' '.join(nouns)}'"
    return "", ""


def _as_nouns(ws: list[str]) -> set[str]:
    """Each word as a noun's singular, if it can be one (not stemmed: 'text' is a stopword, 'texts' is not).
    ['texts', 'sent'] -> {'text', 'sent'}"""
    return {lemma for w in ws for lemma in (lemminflect.getAllLemmas(w).get("NOUN") or (w,))}


def counts_another_noun(phrase: str, question: str) -> bool:
    """Does a count in the phrase share only a name with what the question counts? ('214 Afghan nationals', 'How
    many Afghan refugees …?') -> True: a quote is not to bold it as the answer."""
    asked = asked_count(own_question(question)) or asked_count(question)
    ws = words(_NOT_COUNTS.sub(" ", phrase))
    return any(t[0].isdigit() and (c := _counted(ws, i)) and _other_noun(ws, i, c, asked, question)
               for i, t in enumerate(ws))


def _other_noun(ws: list[str], i: int, counted: list[str], asked: list[str], question: str) -> bool:
    """Does the number at ws[i] count another noun after the name it shares with the question? ('214 Afghan
    nationals', 'How many Afghan refugees …?': the name says whose, the noun what; found asking new questions: the
    line was shown, generated, as the answer). Not '172 Tashkeel of almost 4,000 militants' ('Tashkeel' is what
    it counts), nor '3,000 Afghan refugees'."""
    if len(counted) < 2 or len(asked) < 2 or ws[i + 2 : i + 3] != counted[1:2]:
        return False
    lemmas = lemminflect.getAllLemmas(counted[1])
    noun = "NOUN" in lemmas and set(lemmas.get("VERB", ())) <= set(lemmas["NOUN"])  # 'soldiers', not 'died'
    given = set(stems(" ".join(names(question))))
    return noun and set(stems(counted[0])) <= given and stems(asked[0]) == stems(counted[0]) \
        and not _overlap(counted[1:2], asked[1:] + words(question))


def amount_of_other(line: str, question: str) -> str:
    """Why a line gives the amount of another thing than the one the question asks about, or '': it starts with
    a thing 'for' or 'of' the question's subject that the question does not name. ('Games for the DS are expected
    to cost £19.', 'What does the Nintendo DS cost?') -> "it is about 'Games for the DS'"; not an attribute asked
    in other words ('The price of the DS is £99.')."""
    own = own_question(question)
    if not _AMOUNT_Q.search(own) or re.search(r"\bhow many\b", own, re.I):  # a count: counts_other's
        return ""
    m = _THING_OF.match(line)
    if not m or m.group(1).lower() in _ATTRIBUTES or terms(m.group(1)) <= terms(question):
        return ""
    subject = names(m.group(3), first=True)
    return f"it is about '{line[m.start(1):m.end(3)]}'" if subject and all(
        has_name(n, question) for n in subject) else ""


_PAID_FOR = re.compile(r"\b(?:pa(?:y|ys|id|ying)|earn(?:s|ed|t)?|receiv(?:e|es|ed)|charg(?:e|es|ed)|spen[dt]|spends)\b"
                       r"(?:[^.;:?]|\.(?=\d))*?\bfor\s+([^.;:?,()]+)", re.I)  # '$1.65bn for …' (review)


_OWNED = frozenset("club company firm group site business team side newspaper newspapers paper papers network bank "
                   "airline carrier chain retailer operator brand label maker outfit stake share shares".split())


def paid_for_other(sentence: str, question: str) -> str:
    """Why the sentence gives what was paid for another thing than the question's, or ''. ('Robin Cook was paid
    between £45,001 and £50,000 for the paperback edition of his book …', 'How much was Robin Cook paid for his
    Guardian column?') -> "it is paid for 'the paperback edition …', not 'his Guardian column'" (found asking new
    questions: shown, generated; the article never says)."""
    asked = _PAID_FOR.search(own_question(question))
    said = [m.group(1).strip() for m in _PAID_FOR.finditer(sentence)]
    if not asked or not re.search(r"\bhow much\b", question, re.I) or not said:
        return ""
    wanted = terms(asked.group(1))  # a thing named in a word or two may be the asked one ('for the club', 'for it')
    if not wanted or wanted & terms(sentence) or len(terms(said[0])) < 2 or said[0].split()[-1].lower() in _OWNED:
        return ""  # 'the Old Trafford club' is Manchester United (review)
    return f"it is paid for '{said[0]}', not '{asked.group(1).strip()}'"


def owned_by_other(line: str, question: str, article: str, before: str = "") -> str:
    """Why a line gives how many another owner has, or '': the question asks how many its names have, the line
    (and the sentence `before` it) names none of them, and names another before its first number, one its
    article names mid-sentence (a name, not 'Police'). ('Now Vodafone has 14m customers in the UK alone.', 'How
    many customers does O2 have?') -> "it is about 'Vodafone'" (found asking new questions: '**14m customers**'
    was quoted bold, then '… it took Vodafone almost nine years to rack up its first **million customers** …')."""
    own = own_question(question)
    asked = names(own)
    first_number = re.search(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|million|billion)\b", line)
    if not asked or not first_number or not re.search(r"\bhow (?:many|much)\b", own, re.I) \
            or any(mentioned(n, f"{before} {line}") for n in asked):
        return ""
    for m in _NAME_RUN.finditer(line[:first_number.start()]):
        run = m.group(1).split()
        while run and run[0].lower() in STOPWORDS:  # 'Now Vodafone'
            run.pop(0)
        owner = " ".join(run)
        if run and not terms(owner) & terms(question) and re.search(rf"[a-z,]\s+{re.escape(run[0])}\b", article):
            return f"it is about '{owner}'"
    return ""


_NAME_RUN = re.compile(r"\b([A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*)*?)(?:['’]s)?(?=\s+[a-z]|\W*$)")


def compared_otherwise(line: str, question: str) -> str:
    """Why a line compares with another thing than the one the question names after 'than', or '': it names none
    of those names. ('The Blue Gene/L machine … will be five million times faster.', 'How much faster is Blue
    Gene/L than Japan's Earth Simulator?') -> "it compares with another thing than Japan's Earth Simulator" (found
    asking new questions: quoted bold, though the line before says it compares with the Cray-1)."""
    own = own_question(question)
    m = re.search(r"\bthan\s+(.+?)\s*[?.!]*$", own, re.I)
    other = names(m.group(1), first=True) if m else set()
    if not m or not other:
        return ""
    if not any(mentioned(n, line) for n in other):
        return f"it compares with another thing than {m.group(1)}"
    how = re.search(r"\bhow\s+(?:much|many\s+times)\s+([a-z]+er|more|less)\b", own, re.I)  # 'How much faster …?'
    if not how:
        return ""
    said = how.group(1).lower()
    stem = said if said in ("more", "less") else said[:-3] if said[-3] == said[-4] else said[:-2]  # 'big', 'fast'
    return "" if any(w.startswith(stem) for w in words(line)) else f"it says nothing is {said}"


_AMOUNT_Q = re.compile(r"\bhow (?:many|much)\b|\b(?:cost|costs|price|worth|pay|paid|earn|earned|charge)\b", re.I)
_THING_OF = re.compile(r"\W*(?:The\s+|A\s+|An\s+)?([A-Za-z][a-z]+)\s+(for|of)\s+(?:the\s+)?"
                       r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\b")
_ATTRIBUTES = frozenset("price prices cost costs value number amount total size age name title rate level figure sum "
                        "sales profit profits revenue revenues turnover budget bill valuation earnings income salary "
                        "wages fee fees "
                        "share rest majority most half some all many none one each".split())


def other_month(sentence: str, source: str) -> str:
    """Why the sentence dates something to a month of a year that the source gives only other months of, or
    ''.

    ('2.3 billion were sent in December 2004.', '… in October 2004, when 2.3 billion were sent.') ->
    "in the source 2004 goes with October, not December"; and of a year the source gives as a whole, naming no
    month: ('… in December 2004?', '… 26 billion texts were sent in total in 2004.') -> "the source gives 2004 as
    a whole, not December"; and of a month where the sentence gives a year as a whole: ('26 billion were sent in
    2004.', '… 2.4 billion were fired off in December alone.') -> "the source counts December, not 2004 as a whole"
    """
    theirs = _month_years(source)
    named = {w[:3] for w in words(source) if w in MONTHS}
    for year, mine in _month_years(sentence).items():
        if theirs.get(year) and not mine.keys() & theirs[year].keys():
            return f"in the source {year} goes with {sorted(theirs[year].values())[0]}, not {sorted(mine.values())[0]}"
        if not theirs.get(year) and year in numbers(source) and not mine.keys() & named:
            return f"the source gives {year} as a whole, not {sorted(mine.values())[0]}"
    whole = {y for y in numbers(sentence) if YEAR.fullmatch(y)} - set(_month_years(sentence))
    month = _IN_MONTH.search(source)
    if whole and month and not months(sentence) and not whole & (numbers(source) - set(theirs)):
        return f"the source counts {month.group(1)}, not {sorted(whole)[0]} as a whole"
    return ""


def unqualified(sentence: str, question: str, line: str) -> str:
    """Why the sentence gives a count of the line without the short stretch of time the line counts it over, or
    ''. ('50,000 consoles were sold in the UK.', 'How many PS2 consoles has Sony sold in the UK?', '… with 50,000
    sold in its first week on sale.') -> "the source counts it 'in its first week'"; the question or the sentence
    may say so ('in December', 'in its first week')."""
    first = _SHORT.search(line)
    if not first or not counts_given(sentence) or not numbers(sentence) & numbers(line):
        return ""
    own = [m.end() for m in re.finditer(r"\d[\d,.]*", line)
           if numbers(m.group(0)) & numbers(sentence) and not YEAR.fullmatch(m.group(0))]
    # its count has a stretch of its own: '… 750,000 copies in its first week and 3.5 million in total'; not '… in
    # total over its first week' (review)
    if own and all(re.match(rf"(?:\s*[^\W\d]+){{0,2}}\s+{LONGER.pattern}", line[end:], re.I)
                   and not _SHORT.search(re.split(r"\d", line[end:] + "0")[0]) for end in own):
        return ""
    said = set(words(f"{question} {sentence}"))
    span = first.group("span") or first.group("month")
    return "" if set(stems(span)) & set(stems(" ".join(said))) else f"the source counts it '{first.group(0)}'"


_SHORT = re.compile(rf"\b(?:in|on|over|during|within)\s+(?:its|their|the|his|her|a)\s+(?:first|opening|debut|launch)"
                    rf"\s+(?P<span>(?:\w+\s+)?(?:days?|weeks?|weekends?|months?|hours?|nights?))\b|"
                    rf"\bin\s+(?P<month>{MONTH_NAME})\s+alone\b")


def _month_years(text: str) -> dict[str, dict[str, str]]:
    """Year -> the months written with it ('Oct' as 'oct'), a range's both ends: '30 November to 2 December
    2004' -> {'2004': {'nov': 'November', 'dec': 'December'}}"""
    out: dict[str, dict[str, str]] = {}
    for m in _MONTH_YEAR.finditer(text):
        for month in (m.group(1), m.group(2)):
            if month:
                out.setdefault(m.group(3), {})[month.lower()[:3]] = month.title()
    return out


_DAY = r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?"
# a count within a month: 'in December alone', not 'in December 2004' (and not the modal 'may')
_IN_MONTH = re.compile(rf"\bin\s+({MONTH_NAME}\b)(?!\.?{_DAY},?\s+(?:of\s+)?(?:1[89]|20)\d\d)")
_MONTH_YEAR = re.compile(rf"\b(?:({_MONTHS_RE})\b\.?{_DAY}\s*(?:-|–|to|until|till|through|and|or)\s+"
                         rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?)?({_MONTHS_RE})\b\.?{_DAY},?\s+(?:of\s+)?((?:1[89]|20)\d\d)\b",
                         re.I)


def unbound_number(sentence: str, source: str, question: str = "") -> str:
    """Why a count in the sentence counts something else in the source, or ''.

    '13 protest notes' vs '836 protest notes, and 13 formal demarches' -> "in the source 13 counts 'formal
    demarches', not 'protest notes'"; nor a multiple ('five million times faster'). Years, amounts ('$1m'), numbers not
    followed by a noun and a count the `question` gives of the same thing are not checked ('… one of the ten
    ex-WorldCom directors …' for 'Which of the ten ex-WorldCom directors …?', calibration n718)."""
    mine, theirs, asked = words(sentence), words(source), words(question)
    for i, token in enumerate(mine):
        if not token[0].isdigit() or YEAR.fullmatch(token):
            continue
        counted = _counted(mine, i)
        if not counted or any(t == token and (c := _counted(asked, j)) and c[:2] == counted[:2]
                              for j, t in enumerate(asked)):
            continue
        contexts = [_counted(theirs, j) for j, t in enumerate(theirs) if t == token]
        if contexts and all(theirs[j + 1:j + 2] == ["times"] for j, t in enumerate(theirs) if t == token):
            return f"in the source {token} is how many times, not a count of '{' '.join(counted[:2])}'"  # 'five
            # million processors' on '… will be five million times faster' (found asking new questions: shown)
        if contexts and not any(c is None or _overlap(counted[:2], c) for c in contexts):
            said = next(c for c in contexts if c)
            return f"in the source {token} counts '{' '.join(said)}', not '{' '.join(counted[:2])}'"
        # what the sentence says of its count runs to its next number: 'Two dialogue rounds were held within the
        # Doha Agreement framework and two within the Istanbul track' sets its first two apart by Doha, not Istanbul
        # (found asking new questions: shown, generated)
        upto = next((j for j in range(i + 1, len(mine)) if mine[j][0].isdigit()), len(mine))
        part = _part_of_total(token, counted, mine[:upto], theirs) if None in contexts and not any(
            c and _overlap(counted[:2], c) for c in contexts) else ""  # not where it also counts the same thing
        if part:
            return part
        # a list whose items share a noun ('four foreign minister trips, …, five secretary trips'): the word right
        # after the number tells them apart ('4 secretary trips' is refused; not '172 Tashkeel infiltrated Khyber'
        # beside '4,000 militants infiltrating Khyber', which shares only words further on)
        first = _stem(counted[0])
        if contexts and None not in contexts and first not in {_stem(c[0]) for c in contexts if c}:
            other = next((t for j, t in enumerate(theirs) if t[0].isdigit() and t != token and not YEAR.fullmatch(t)
                          and (c := _counted(theirs, j)) and _stem(c[0]) == first), None) or next((
                "1" for j, t in enumerate(theirs[:-1]) if t in ("a", "an", "one") and _stem(theirs[j + 1]) == first
                and token != "1"), None)  # '… and an NSA trip' (found asking new questions: '4 NSA trips' shown)
            if other:
                return f"in the source '{' '.join(counted[:2])}' are counted by {other}, not {token}"
    return ""


def _part_of_total(token: str, counted: list[str], mine: list[str], theirs: list[str]) -> str:
    """Why a count the source gives bare, as a part of another count of the same thing, is given as if it were the
    whole, or ''. ('2 dialogue rounds were held', '3 dialogue rounds, including 1 within the Doha framework and 2
    within the Istanbul track') -> "in the source 'dialogue rounds' are counted by 3; 2 are those within the istanbul
    track" (found asking new questions). Not when the sentence keeps what sets the part apart ('200 staff work in
    London' on '500 staff, and 200 of them work in London')."""
    total = next((t for j, t in enumerate(theirs) if t[0].isdigit() and t != token and not YEAR.fullmatch(t)
                  and (c := _counted(theirs, j)) and _overlap(counted[:2], c[:2])), None)
    at = next(j for j, t in enumerate(theirs) if t == token and _counted(theirs, j) is None)
    at += 2 if theirs[at + 1:at + 3] in (["of", "them"], ["of", "whom"]) else 0  # '300 of them at Longbridge'
    apart = [w for w in theirs[at + 1:at + 5] if w not in STOPWORDS and not w[0].isdigit()]
    if total is None or not apart or _overlap(apart, mine):
        return ""
    return f"in the source '{' '.join(counted[:2])}' are counted by {total}; {token} are those " \
           f"{' '.join(theirs[at + 1:at + 5])}"


def asked_elsewhere(sentence: str, question: str, source: str) -> str:
    """Why the sentence gives another count of the source than the one of what the question counts, or ''.

    ('172 Tashkeel infiltrated Khyber.', 'How many militants infiltrated Khyber?', '172 Tashkeel of almost
    4,000 militants infiltrating Khyber') -> "in the source 'militants' are counted by 4000, not 172". Only for
    'how many' (not 'how much'), and a follow-up's own count ('And soldiers?' counts nothing of its own).
    """
    own = own_question(question)
    asked = asked_count(own) if re.search(r"\bhow many\b", own, re.I) else []
    mine = words(sentence)
    if not asked or _overlap(asked[:1], mine):
        return ""
    theirs = words(source)
    head = _stem(asked[0])
    given = [t for j, t in enumerate(theirs) if t[0].isdigit() and not YEAR.fullmatch(t)
             and (c := _counted(theirs, j)) and head in map(_stem, c[:2])]
    # its own counts of a noun of their own ('172 Tashkeel'; not '9,500 were vaccinated' of '12,000 children')
    said = [t for i, t in enumerate(mine) if t[0].isdigit() and not YEAR.fullmatch(t) and _counted(mine, i)]
    if given and said and not numbers(" ".join(said)) & numbers(" ".join(given)):
        return f"in the source '{asked[0]}' are counted by {given[0]}, not {said[0]}"
    return ""


def _stem(word: str) -> str:
    return next(iter(stems(word)), word)


_UNITS = frozenset("m bn k pm am per cent percent th st nd rd s x times".split())


_TIME_WORDS = frozenset(stems("last this next year month week season summer winter spring autumn weekend day"))
_WHEN = [[when, span] for when in ("last", "this", "next") for span in ("year", "month", "week", "season", "summer",
                                                                      "winter", "spring", "autumn", "weekend")]


def _counted(ws: list[str], i: int, apart: Collection[str] = ()) -> list[str] | None:
    """The words that the number at ws[i] counts, or None when no noun follows it; not the names `apart` once a
    function word comes between ('5 copies of Halo 2' counts copies, not Halo; '172 Tashkeel …' counts Tashkeel)."""
    nxt = ws[i + 1] if i + 1 < len(ws) else ""
    if not nxt or nxt[0].isdigit() or nxt in STOPWORDS or nxt in _UNITS or len(nxt) < 2 or ws[i - 1:i] == ["aged"] \
            or ws[i + 1:i + 3] in _WHEN:
        return None  # an age counts nothing after it: "… who died in 1994 aged 72, always used to make …"; nor a
    # time: '… fell from 102 in 2003 to 81 last year' (found asking new questions: '**81 last year**' was bold)
    after = ws[i + 1 : i + 6]
    cut = next((j for j, w in enumerate(after) if w in STOPWORDS), len(after))
    return [w for j, w in enumerate(after) if w not in STOPWORDS and not w[0].isdigit() and not (j > cut and w in apart)
            ][:3]


def _overlap(a: list[str], b: list[str] | set[str]) -> bool:
    """Do two word lists share a word, stemmed? (['protest', 'notes'], ['note']) -> True"""
    return bool(set(stems(" ".join(a))) & set(stems(" ".join(b))))

