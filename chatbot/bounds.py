"""How a sentence writes its numbers: in which size (`other_size`: "15 million" is not "15 minutes") and
bounded how: 'more than 14 million', 'nearly £50m', 'about 200', '20 or more'.

A model that reads 'More than 14 million people saw …' writes '14 million people watched': a bare figure
claims more than its source. `with_bounds` puts the source's bound back; `bound_lost` refuses a bound the
source does not give ('Over 14 million' on '14 million'). A mention of a number is matched only to one in the
source with the same currency, size and counted word ('2%' is not '2 million customers').
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from .text import NUMBER_WORDS, STOPWORDS, YEAR, names, norm_number, number_of, numbers, stems

_BOUNDS = {  # longest first where one starts another ('no more than' before 'more than')
    "more_than": r"(?:a\s+)?minimum(?:\s+[a-z]+)?\s+of|"  # 'a minimum payment of'
                 r"no\s+(?:fewer|less)\s+than|more\s+than|over|above|at\s+least|in\s+excess\s+of|upwards\s+of|"
                 r"exceeding|topped|passed|surpassed|exceeded",
    "less_than": r"(?:a\s+)?maximum(?:\s+[a-z]+)?\s+of|capped\s+at|"  # 'a maximum fine of £1,000' (found asking)
                 r"no\s+more\s+than|at\s+most|as\s+(?:many|much)\s+as|less\s+than|fewer\s+than|under|below|up\s+to|"
                 r"nearly|almost|close\s+to|approaching",
    "about": r"about|around|roughly|approximately|some|an\s+estimated|estimated|circa|in\s+the\s+region\s+of",
}
_VERB_BOUNDS = {"topped", "passed", "surpassed", "exceeded"}  # a bound, but no words to put before a number
_BOUND_BEFORE = re.compile(r"(?:\b(?:just|well|slightly|a\s+little)\s+)?\b(?:" + "|".join(
    f"(?P<{k}>{v})" for k, v in _BOUNDS.items()) + r")\s+[$£€]?$", re.I)
# not a bound: 'went up to 5%', 'a row over 300 jobs', 'over two days', 'up to 31 March', 'a film about 2 sisters'
_NOT_BOUND = re.compile(r"\b(?:(?:rose|rise[sn]?|rising|went|go(?:es|ne|ing)?|climb\w*|jump\w*|mov\w*|shot|c[oa]me|"
                        r"row|fears?|anger|angry|concerns?|talks|probe|dispute|worr\w*|film|book|story|handed|taken|"
                        r"took|take)\s+(?:over|up\s+to|about|under)|(?:arrest\w*|charg\w*)\s+(?:over|under))\s+[$£€]?$",
                        re.I)  # 'arrested about 20 journalists' is a bound (found asking new questions)
_TIME_AFTER = re.compile(r"\s*(?:days?|weeks?|months?|years?|hours?|minutes?|decades?|nights?|January|February|"
                         r"March|April|May|June|July|August|September|October|November|December)\b")
_BOUND_AFTER = re.compile(r"(?:(?P<more_than>\s+or\s+more|-plus\b|\+)|(?P<less_than>\s+or\s+(?:less|fewer))|"
                          r"(?P<about>\s+or\s+so))", re.I)
_SIZE = re.compile(r"\s*(?:(million|mn|m|billion|bn|thousand|k|per\s*cent)\b|(%))", re.I)
# one name for each size a figure is written in: '14.2 million' and '14.2m' are the same figure
_SIZES = {"million": "m", "mn": "m", "m": "m", "billion": "bn", "bn": "bn", "thousand": "k", "k": "k",
          "trillion": "tn", "per cent": "%", "percent": "%", "%": "%"}
_FIGURE = re.compile(r"(?<![\w.,])(?<!No )(?<!No\. )(\d+(?:[.,]\d+)*|(?:" + "|".join(
    w for w, n in NUMBER_WORDS.items() if 1 < n < 100) + r")\b)", re.I)
_ARTICLE = re.compile(r"\b(?:a|an|the)\s+[$£€]?$", re.I)


class Mention(NamedTuple):
    number: str  # normalized: '14', '5000'
    unit: str  # currency and size: '£m', '%', ''
    noun: str  # the stem of the word after it: 'peopl'
    then: str  # the next content word's stem in its clause: 'tune' in '30 million people tuned in'
    bound: str  # 'more_than', 'less_than', 'about' or '' (bare)
    words: str  # the bound's own words: 'More than', 'or more'
    start: int  # where the mention starts (its currency sign; not its bound) and ends (its size)
    end: int


def mentions(text: str) -> list[Mention]:
    """The numbers of a text with their bounds; years and dates ('over 12 months', 'up to 31 March') are left out.
    'More than £14m saw it' -> [Mention('14', '£m', 'saw', '', 'more_than', 'More than', 10, 14)]"""
    out = []
    for m in _FIGURE.finditer(text):
        token = m.group(1).lower()
        start, end = m.start(), m.end()
        size = _SIZE.match(text, end)
        if (YEAR.fullmatch(token) and not size) or _TIME_AFTER.match(text, end):
            continue
        currency = re.search(r"[$£€]\s?$", text[:start])
        start -= len(currency.group(0)) if currency else 0
        end = size.end() if size else end
        sized = re.sub(r"\s+", " ", (size.group(1) or size.group(2)).lower()) if size else ""
        unit = (currency.group(0).strip() if currency else "") + _SIZES.get(sized, sized)
        lead = text[max(0, start - 60):start]
        before = None if _NOT_BOUND.search(lead) else _BOUND_BEFORE.search(lead.rstrip() + " ")
        after = _BOUND_AFTER.match(text, end)
        found = before or after
        bound = next((k for k, v in found.groupdict().items() if v), "") if found else ""
        said = before.group(0).strip() if before else after.group(0).strip() if after else ""
        noun = re.match(r"\s*(?:or\s+\w+\s+|-plus\s+|\+\s*)?([^\W\d_]+)", text[end:])
        first = stems(noun.group(1))[:1] if noun else []
        later = stems(re.split(r"[,.;:!?]", text[end + noun.end():])[0])[:1] if first and noun else []
        n = number_of(token)
        out.append(Mention(n, unit, "".join(first), "".join(later), bound, said, start, end))
    return out


def _alike(m: Mention, theirs: list[Mention]) -> list[Mention]:
    """The source's mentions of the same figure of the same thing: the same number, currency and size, and the
    same word after it (when both have one); else a noun one adds before the other's next word ('30 million
    people tuned in' is 'more than 30 million tuned in', found in the browser; '20 firefighters were injured' is
    'nearly 20 injured … were firefighters'), but only where no mention matches by its own word (found in review:
    '50 new jobs … in Wales' is not 'more than 50 jobs will go at the Swindon site'). Not matched: two words added
    ('30 million UK viewers tuned in'); matched wrongly: '10 million extra viewers' for 'over 10 million viewers'."""
    same = [t for t in theirs if t.number == m.number and t.unit == m.unit]
    exact = [t for t in same if t.noun == m.noun or not t.noun or not m.noun]
    return exact or [t for t in same if m.then == t.noun or t.then == m.noun]


def bound_lost(sentence: str, question: str, source: str) -> str:
    """Why the sentence bounds a number otherwise than the source does, or ''. ('Over 14 million people
    watched.', '14 million people saw …') -> "the source says 14 million, not 'Over 14 million'". A sentence
    may say 'about' of any number and may give it bare (`with_bounds` puts the source's bound back); numbers
    the question gives are not checked."""
    theirs, given = mentions(source), numbers(question)
    for m in mentions(sentence):
        alike = _alike(m, theirs)
        if m.bound in {"", "about"} or not alike or m.number in given or any(t.bound == m.bound for t in alike):
            continue
        t = alike[0]
        return f"the source says {' '.join(filter(None, (t.words, source[t.start:t.end])))}, not " \
               f"'{m.words} {sentence[m.start:m.end]}'"
    return ""


def with_bounds(sentence: str, question: str, source: str) -> str:
    """The sentence with the bound its source gives a number put back where the sentence gives it bare.
    ('14 million people watched.', 'More than 14 million people saw …') -> 'More than 14 million people watched.'
    Left as it is: a number the question gives, one the source also states bare or bounds two ways, one after
    'a'/'the' ('a 20% rise'), and a bound said by a verb ('viewing topped 14 million')."""
    theirs, given = mentions(source), numbers(question)
    for m in sorted(mentions(sentence), key=lambda m: -m.start):
        alike = _alike(m, theirs)
        if m.bound or not alike or m.number in given or _ARTICLE.search(sentence[:m.start]):
            continue
        if len({(t.bound, t.words.lower()) for t in alike}) > 1 or alike[0].words.lower() in _VERB_BOUNDS:
            continue
        words = alike[0].words
        if not words:
            continue
        if words.startswith(("-", "+")):  # '14m-plus'
            sentence = sentence[:m.end] + words + sentence[m.end:]
        elif words.lower().startswith("or "):  # '20 or more'
            sentence = f"{sentence[:m.end]} {words}{sentence[m.end:]}"
        else:
            words = words[0].upper() + words[1:] if m.start == 0 else words[0].lower() + words[1:]
            sentence = f"{sentence[:m.start]}{words} {sentence[m.start:]}"
    return sentence


# a number with its size: '14.2 million', '14.2m', '£9.4bn', 'five million', '20,000' is none
_SIZED = re.compile(r"(\d[\d,]*(?:\.\d+)?|\b(?:" + "|".join(NUMBER_WORDS) + r"))\s*-?\s*"
                    r"(million|mn|m|billion|bn|thousand|k|trillion)\b", re.I)


def _sized(text: str) -> dict[str, set[str]]:
    """Each number with the sizes it is given in: '£9.4bn, 9.4 people and 3 more' -> {'9.4': {'bn'}, '3': set()}"""
    out: dict[str, set[str]] = {}
    for n in numbers(text):
        out.setdefault(n, set())
    for m in _SIZED.finditer(text):
        out.setdefault(number_of(m.group(1)), set()).add(_SIZES[m.group(2).lower()])
    return out


def other_size(sentence: str, source: str) -> str:
    """Why a number the sentence gives in millions or billions stands in the source in another size, or ''.
    ('The game sold 15 million copies.', 'It sold 15 copies in its first hour and 2 million in a week.') ->
    "the source gives 15, not 15m"; ('Barclays made £2bn.', '… up from £2m') -> "… gives 2m, not 2bn" (found in review:
    '15 million' was read from 'the last 15 minutes')."""
    theirs = _sized(source)
    for n, sizes in _sized(sentence).items():
        if n in theirs and sizes and not sizes & theirs[n]:
            given = sorted(theirs[n] - {""})
            return f"the source gives {n}{given[0] if given else ''}, not {n}{sorted(sizes)[0]}"
    return ""


# 'The current minimum age for an MP is 18': what the sentence says the number is, its subject before 'is'
_VALUE_IS = re.compile(r"([^,;:]+?)\s+(?:is|was|are|were|stands\s+at|stood\s+at|(costs?|(?:will|would)\s+cost))\s+"
                       r"(?:now\s+|currently\s+)?[$£€]?(\d[\d,.]*)", re.I)
_TOKEN = re.compile(r"[$£€]?\d[\d,.]*\w*|[^\W\d_][\w'’-]*")


def described_otherwise(sentence: str, source: str) -> str:
    """Why a number the sentence says something is stands in the source beside other words, while another
    number stands beside them, or '': of the words (no names) of what the sentence says is that number, less
    than half are next to it in the source and at least half next to another number (back to the number before,
    on to the number after, ten words at most each way, in its sentence). Found asking new questions: 'The
    current minimum age for an MP is 18.' on '… the current minimum age of 21 for an MP would be reduced to
    18.' (its 18 is what the age will be). A number joined to the one before by 'and' and a verb shares that one's
    subject, not its verb (calibration n090: 'peaked at 14.2 million' is the audience's peak). What the sentence
    says costs a sum is checked against what the source's other numbers count (`_cost_of_counted`)."""
    for m in _VALUE_IS.finditer(sentence):
        said = {s for w in re.findall(r"[^\W\d_][\w'’-]*", m.group(1)) if w.lower() not in STOPWORDS
                and not w[0].isupper() for s in stems(w.lower())}
        number = norm_number(m.group(3))
        if m.group(2):  # what costs it: the thing another number counts ('15 games'), none next to its own
            if said and (why := _cost_of_counted(said, number, m.group(1).strip(), source)):
                return why
            continue
        if len(said) < 2:
            continue
        near = _near_numbers(source)
        mine = [(words, shared) for n, words, shared in near if n == number]
        other = max((len(said & words) for n, words, _ in near if n != number and not YEAR.fullmatch(n)), default=0)
        if mine and 2 * other >= len(said) and all(2 * len(said & words) < len(said) and len(said & shared) < other
                                                   for words, shared in mine):
            return f"in the source {number} is not what it says '{m.group(1).strip()}' is"
    return ""


def _near_numbers(source: str) -> list[tuple[str, set[str], set[str]]]:
    """Each number of the source with the words (stemmed) next to it: back to the number before, on to the number
    after, ten words at most each way, in its sentence; and those words with the subject it shares with the number
    before ('averaged 13.7 million and peaked at 14.2 million')."""
    out = []
    for line in re.split(r"(?<=[.!?])\s+", source):
        # an aside before 'is' keeps the subject beside its number: 'The minimum age, lowered from 25 in 2006, is 18'
        line = _ASIDE.sub(r"\1", line)  # (found in review)
        tokens = _TOKEN.findall(line)
        digits = [i for i, t in enumerate(tokens) if re.match(r"[$£€]?\d", t)]
        starts: list[int] = []
        for k, i in enumerate(digits):
            a = max(i - 10, digits[k - 1] + 1 if k else 0)
            starts.append(a)
            # 'The audience averaged 13.7 million and peaked at 14.2 million': the subject, not the verb, of the first
            shared = tokens[starts[k - 1]:digits[k - 1] - 1] \
                if k and _SAME_SUBJECT.fullmatch(" ".join(tokens[digits[k - 1] + 1:i])) else []
            b = min(i + 11, digits[k + 1] if k + 1 < len(digits) else len(tokens))
            words = {s for w in tokens[a:i] + tokens[i + 1:b] for s in stems(w.lower())}
            out.append((norm_number(re.sub(r"[^\d,.]", "", tokens[i])), words,
                        words | {s for w in shared for s in stems(w.lower())}))
    return out


# between two numbers, a second verb of the same subject: '13.7 million and peaked at 14.2', '5% and fell to 3%'; not
# a second subject: '… was £9.4bn and profit £1.2bn' (review)
_SAME_SUBJECT = re.compile(r"(?:\S+\s)?and\s(?:[a-z]+ed|rose|fell|grew|hit|sank|won|lost|made|took|saw|had)"
                           r"(?:\s(?:at|to|by|of|on|in|around|about|nearly|almost|over|some))?", re.I)


def _cost_of_counted(said: set[str], number: str, subject: str, source: str) -> str:
    """Why what the sentence says costs `number` is a thing another number of the source counts, none of its words
    next to that number, or ''. ({'game'}, '99', 'The DS games', '… gadget costs £99 (149 euros) and 15 games are
    available …') -> "in the source 99 is not what it says 'The DS games' is"; not a console sold 'on 11 March' that
    'will cost £99' (review)."""
    tokens = [t for line in re.split(r"(?<=[.!?])\s+", source) for t in _TOKEN.findall(line) + [""]]
    at = [(i, norm_number(re.sub(r"[^\d,.]", "", t))) for i, t in enumerate(tokens) if re.match(r"[$£€]?\d", t)]
    counted = {s for i, n in at if n != number for t in tokens[i + 1:i + 3] for s in stems(t.lower())}
    mine = {s for i, n in at if n == number for t in tokens[max(0, i - 6):i + 3] for s in stems(t.lower())}
    return f"in the source {number} is not what it says '{subject}' is" \
        if any(n == number for _, n in at) and said & counted and not said & mine else ""


_ASIDE = re.compile(r",[^,;:]{1,80},(\s+(?:is|was|are|were)\s)", re.I)


# where a sentence's clauses part: 'almost 60% … tuned into EastEnders …, leaving ITV1 with about 13%'; not the comma
# of '4,000', nor a bracket ('£100m ($190m)', review)
CLAUSE = re.compile(r",(?!\d)|[;:]|\s(?:while|whereas|leaving|but)\s", re.I)


def misnamed(sentence: str, source: str, years: bool = False) -> tuple[str, str] | None:
    """The number and name of `named_otherwise` (with `years`: a year and name of `dated_otherwise`), or None."""
    figures_of = _years if years else _figures
    split = _YEAR_PART if years else CLAUSE
    said = names(sentence, first=True)
    lines = [[(names(part, first=k > 0), figures_of(part), _after_figure(part, figures_of))
              for k, part in enumerate(split.split(line))]
             for line in re.split(r"(?<=[.!?])\s+", source)]  # not a line's first word: 'Growth will be 3.5% …'
    for clause in split.split(sentence):
        figures = figures_of(clause)
        for name in sorted(names(clause, first=True)) if figures else []:
            if any(name in named and figures & found for parts in lines for named, found, _ in parts):
                continue  # the source says it in one clause too
            for parts in lines:
                first = next((k for k, (_, found, _) in enumerate(parts) if found), len(parts))
                # the number's own clause names another: '… 60% … tuned into EastEnders …', not 'Shares rose 3%'
                theirs = {n for named, found, _ in parts if named - said for n in found} & figures
                if theirs and any(found and (k > first or k == first and name in after)
                                  for k, (named, found, after) in enumerate(parts) if name in named):
                    return sorted(theirs)[0], name
    return None


def _after_figure(part: str, figures_of: Callable[[str], set[str]]) -> set[str]:
    """The names of the clause after its first number (a name before it is its subject)."""
    m = next((m for m in re.finditer(r"\d[\d,.]*", part) if figures_of(part[:m.end() + 12])), None)
    return names(part[m.end():], first=True) if m else set()


# a clause of years: '… won the Whitbread Prize in 1987 with A Little Lower than Angels and in 1994 with Gold Dust'
_YEAR_PART = re.compile(rf"{CLAUSE.pattern}|\s+and\s+(?=(?:in|on|with|for|from|to)\s)", re.I)


def _years(text: str) -> set[str]:
    return {n for n in numbers(text) if YEAR.fullmatch(n)}


def dated_otherwise(sentence: str, source: str) -> str:
    """Why a year the sentence gives a name in one clause with stands in the source beside another name, the name
    beside another year, or '' (`named_otherwise` for years). ('… won the Whitbread children's category with A Little
    Lower than Angels in 1994.', '… won the Whitbread Prize in 1987 with A Little Lower than Angels and in 1994 with
    Gold Dust.') -> "in the source 1994 is not said of 'angels'" (found asking new questions: shown, generated)."""
    found = misnamed(sentence, source, years=True)
    return f"in the source {found[0]} is not said of '{found[1]}'" if found else ""


def named_otherwise(sentence: str, source: str) -> str:
    """Why a number the sentence gives a name in one clause with stands in the source in another clause than that
    name, which has a number of its own there, while the number's clause names another name, or ''. ('Almost 60% of
    the viewing public was watching ITV1.', '… almost 60% of the viewing public tuned into EastEnders between 2000
    and 2100 GMT, leaving ITV1 with about 13%.') -> "in the source 60 is not said of 'itv1'" (found asking new
    questions: shown, generated). A name before the source's first number is its subject, said of every number
    after it ('Tesco, whose sales were £3bn, made £200m')."""
    found = misnamed(sentence, source)
    return f"in the source {found[0]} is not said of '{found[1]}'" if found else ""


def _figures(text: str) -> set[str]:
    """The numbers of the text but years, clock times ('between 2000 and 2100 GMT'), names' ('ITV1'), days ('on 12
    January') and spans of time ('for five years')."""
    text = re.sub(r"\b\d{4}\s+GMT\b|\b[^\W\d_]+\d\w*|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|"
                  r"May|June|July|August|September|October|November|December)\b|"
                  r"\b(?:\w+)\s+(?:years?|months?|weeks?|days?|hours?)\b", " ", text)
    return {n for n in numbers(text) if not YEAR.fullmatch(n)}


def clause_at(sentence: str, start: int) -> str:
    """The clause of the sentence holding position `start`, as `CLAUSE` parts them."""
    ends = [m.start() for m in CLAUSE.finditer(sentence)]
    return sentence[max([e for e in ends if e < start], default=0):min([e for e in ends if e > start],
                                                                      default=len(sentence))]


# an amount for a list of things: '… earned up to £85,000 from speeches, articles and advice'
_FOR_LIST = re.compile(r"([$£€]?\d[\d,.]*)\s*(?:m|bn|k|million|billion)?\s+(?:from|for|on)\s+((?:[a-z][\w-]*,\s+)+"
                       r"[a-z][\w-]*,?\s+and\s+[a-z][\w-]*)")


def total_of_list(sentence: str, source: str, given: bool = False) -> str:
    """Why the sentence gives one thing of a list the amount the source gives them all, or ''. ('His speeches earned
    up to £85,000.', 'Alan Milburn earned up to £85,000 from speeches, articles and advice …') -> "in the source
    85000 is for 'speeches, articles and advice'" (found asking new questions: shown, generated). `given`: the
    amount is the one asked about, whatever the sentence's numbers."""
    for m in _FOR_LIST.finditer(source):
        items = re.split(r",\s+|,?\s+and\s+", m.group(2))
        named = [bool(re.search(rf"\b{re.escape(w[:max(4, len(w) - 2)])}", sentence, re.I)) for w in items]
        if (numbers(m.group(1)) & numbers(sentence) or given) and any(named) and not all(named):
            return f"in the source {norm_number(m.group(1).lstrip('$£€'))} is for '{m.group(2)}'"
    return ""


_HEDGE = r"(?:(?:about|around|almost|nearly|some|roughly|over|under|(?:more|less)\s+than|just\s+(?:over|under))\s+)?"
_NUM = r"([$£€]?\d[\d,.]*)"
# a number said as a change: 'up by 20%', 'By 30 billion, texts were up', 'rose 5%', 'an increase of 20%'
_AS_CHANGE = re.compile(r"(?:\b(?:up|down|rose|rise[sn]?|rising|fell|fall(?:en|s|ing)?|increased?|decreased?|dropped|"
                        r"grew|grown|jumped|climbed)(?:\s+by)?|^\W*by|(?:an?\s+)?\b(?:increase|rise|fall|drop|jump|decline)"
                        r"\s+of)\s+" + _HEDGE + _NUM, re.I)  # not the doer of 'signed by 50,000 people' (review)
# a number said as a total: 'a total of 30 billion', 'totalling £3m', '3.5 million in total'
_AS_TOTAL = re.compile(r"\btotal(?:l?ing|l?ed)?\s+(?:of\s+)?" + _HEDGE + _NUM + r"|" + _NUM +
                       r"\s*(?:m|bn|k|million|billion|thousand)?\s+[a-z]*\s*in\s+total\b", re.I)


def change_of_total(sentence: str, source: str) -> str:
    """Why the sentence gives as a change a number the source gives only as a total, or ''. ('By 30 billion, texts
    were up on the year before.', '… with forecasts suggesting a total of 30 billion for 2005.') -> "in the source 30
    is a total, not a change" (found asking new questions: shown, generated, for how much texts were up)."""
    changes = {n for m in _AS_CHANGE.finditer(sentence) for n in numbers(m.group(1))}
    if not changes:  # (read on every source line of every generated sentence: most say no change)
        return ""
    totals = {n for m in _AS_TOTAL.finditer(source) for n in numbers(m.group(1) or m.group(2))}
    source_changes = {n for m in _AS_CHANGE.finditer(source) for n in numbers(m.group(1))}
    both = sorted(changes & totals - source_changes)
    return f"in the source {both[0]} is a total, not a change" if both else ""


def price_of_level(sentence: str, source: str) -> str:
    """Why the sentence gives as a price ('for £75m') a number the source gives as what something rose or fell to,
    or ''. ('Simon Fuller sold his company 19 for £75m.', '… has seen his wealth plummet from £220m last year to £75m
    after selling his entertainment company 19 …') -> "in the source £75m is what something went to, not a price"
    (found asking new questions: shown, generated, for how much he sold it for; never said)."""
    if re.search(r"\b(?:price|cost|fee|fare|valu)", source, re.I):  # '… cut from £425 to £349' is a price (review)
        return ""
    for m in re.finditer(r"\bfor\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+)?([$£€]\d[\d,.]*\w*)", sentence):
        price = numbers(m.group(1))
        if price and any(price & numbers(t.group(1)) for t in re.finditer(
                r"\bfrom\s+[$£€]?\d[\d,.]*\w*(?:\s+[a-z]+){0,3}\s+to\s+([$£€]?\d[\d,.]*\w*)", source)):
            return f"in the source {m.group(1)} is what something went to, not a price"
    return ""


def currency_swapped(sentence: str, question: str, source: str) -> str:
    """Why the sentence gives an amount in a currency its source and question never give it in, or ''. ('The $599 Mac
    mini is £599 in the UK.', question 'How much is the $599 Mac mini in the UK?', '… sold for £339 in the UK')
    -> "the source gives 599 in $, not £" (found asking new questions: the question's dollars made pounds)."""
    signs: dict[str, set[str]] = {}  # each number's currencies, '499 euros' as '€499' (review)
    for t in mentions(_IN_WORDS.sub(lambda w: f"{_SIGNS[w.group(2)[:4].lower()]}{w.group(1)}", f"{source} {question}")):
        signs.setdefault(t.number, set()).add(t.unit[:1] if t.unit[:1] in "$£€" else "")
    for m in mentions(sentence):
        sign, theirs = m.unit[:1], signs.get(m.number, set())
        if sign and sign in "$£€" and sign not in theirs and theirs - {""}:
            return f"the source gives {m.number} in {sorted(theirs - {''})[0]}, not {sign}"
    return ""


_IN_WORDS = re.compile(r"(\d[\d,.]*(?:\s?(?:m|bn|million|billion))?)\s+(euros?|pounds?|dollars?)\b", re.I)
_SIGNS = {"euro": "€", "poun": "£", "doll": "$"}
