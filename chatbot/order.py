"""Words of rank and order ('first', 'biggest', 'after') that a generated sentence may only say where its source
does: 'Andrea Levy won the first novel award' does not rest on '… after winning novel of the year'."""

from __future__ import annotations

import re

import lemminflect

from .bounds import mentions
from .offices import DEPUTY_Q
from .text import ORDINALS, STOPWORDS, number_of, own_question, terms
from .wordforms import found_in


def rank_missing(sentence: str, question: str, text: str, before: str, bare: bool = False) -> str:
    """Why the sentence repeats the question's 'first', 'last' or 'biggest' about something the supporting
    sentence(s) and the one before do not give it to, or ''. ('Andrea Levy won the first novel award' on '…
    after winning novel of the year' -> "the source does not say 'first'")

    A `bare` answer claims the question's rank without repeating it: 'The Joe Louis Story.' for 'What was
    Ossie Davis's last film?' on '… best known roles included The Joe Louis Story' (found asking new questions).
    A period is no rank: 'A$458.4m' for 'How much did it make in the first half?'. Nor is a rank from the sentence
    before, where the supporting sentence gives the thing another: "Levy's fourth novel" (`_other_ordinal`).
    """
    missing = _missing_ranks(sentence, question, text, before, bare)
    return f"the source does not say '{missing[0]}'" if missing else ""


def ordinal_unsaid(line: str, question: str, before: str) -> bool:
    """Does a line quoted for the question's 'first', 'second', 'third' or 'last' not give it, or give the thing
    another? ('… Andrea Levy is favourite to win …, after winning novel of the year' for 'Who won the first novel
    award?', "Small Island, Levy's fourth novel, …" for 'What was the title of Levy's first novel?': found asking
    new questions, quoted with a name in bold). Not a superlative: 'our elevators as world record-holders' says
    which lifts are the fastest (calibration n163)."""
    asked = {m.group(1).lower() for m in _ORDINAL_OF_THING.finditer(own_question(question))}
    return bool(set(_missing_ranks(line, question, line, before, bare=True)) & asked)


def _missing_ranks(sentence: str, question: str, text: str, before: str, bare: bool) -> list[str]:
    ranks = _ranks(question)
    mine = terms(sentence) | (terms(" ".join(ranks)) if bare else set())
    pool = terms(text) | terms(before)
    alike = _SAME_TOP if not _SINCE.search(f"{before} {text}") else frozenset()
    # 'most' is a stopword, read as a word: 'Ghazni has the most al-Qaeda fighters.' on '… fighters and training
    # stations in the six provinces: Ghazni, …' (found asking new questions: shown, generated); any rank the source
    # gives will do ('the largest nuclear arsenal', 'more goals than any other team': review)
    pool_words = re.findall(r"[a-z]+", f"{text} {before}".lower())
    ranked = any(w in (*_MOST, "top", "topped", "tops") or _superlative(w) for w in pool_words) or re.search(
        r"\bthan\s+any\b", f"{text} {before}", re.I)
    said = [w for w in ranks & _MOST if (bare or re.search(rf"\b{w}\b", sentence, re.I)) and not ranked]
    return sorted(said + [w for w in ranks - _MOST if terms(w) <= mine and (not any(
        all(found_in(t, pool) for t in terms(same)) for same in (alike if w in alike else {w}))
        or _other_ordinal(w, sentence, question, text))])


def _other_ordinal(word: str, sentence: str, question: str, text: str) -> bool:
    """Does the supporting sentence give the thing the sentence calls `word` ('first novel') another rank ("Small
    Island, Levy's fourth novel, …", found asking new questions: 'The title of Andrea Levy's first novel was "Small
    Island".' was shown, its 'first' from the sentence before: '… categories - first novel, novel, …')?"""
    m = next((m for said in (sentence, question)  # a `bare` answer says it in the question's words
              if (m := re.search(rf"\b{re.escape(word)}\s+([a-z]+)", said, re.I))), None)
    if m is None or m.group(1).lower() in STOPWORDS or re.search(rf"\b{re.escape(word)}\s+{re.escape(m.group(1))}\b",
                                                                  text, re.I):
        return False  # not 'first, ahead of …' / '… who was second to cross the line' (review)
    others = "|".join(w for w in ("first", *ORDINALS, "last") if w != word)
    return bool(re.search(rf"\b(?:{others})\s+{re.escape(m.group(1))}\b", text, re.I))


# 'biggest ever audience' is 'The show's highest audience', not 'its highest audience for a year'
_SAME_TOP = frozenset({"biggest", "largest", "highest", "greatest"})
_SINCE = re.compile(r"\b(?:for|in|of) (?:a|the|\w+) (?:years?|decades?|months?|weeks?)\b|\bsince\b|\bso far\b|"
                    r"\bthis (?:year|month|season)\b", re.I)


def order_missing(sentence: str, said: str) -> str:
    """Why the sentence orders things in time where neither the question nor the source does, or ''.
    ('225 border flag meetings took place after 8 Joint Coordination Committee meetings', on a list of
    both -> "the source does not say 'after'")"""
    missing = [w for w in re.findall(r"\b(?:after|before|following)\b", sentence.lower())
               if not re.search(rf"\b{w}\b", said, re.I)]
    return f"the source does not say '{missing[0]}'" if missing else ""


def _ranks(question: str) -> set[str]:
    """The rank words a question asks about: 'Who won the first novel award?' -> {'first'}; 'Who set the
    fastest time?' -> {'fastest'}. Not a period ('the first half', 'the latest figures'), a name ('the Top 500
    list') nor a job ('top diplomat', 'second in command')."""
    asked = own_question(question)
    found = set()
    for m in re.finditer(r"[A-Za-z]+", asked):
        word = m.group(0)
        if not (word.lower() in _RANK_WORDS or _superlative(word.lower())) or (word[0].isupper() and m.start() > 0):
            continue
        if word.lower() == "latest" or (word.lower() in _ORDINALS and _PERIOD.match(asked, m.end())) \
                or (word.lower() == "top" and _TOP_ROLE.match(asked, m.end())) \
                or (word.lower() == "second" and DEPUTY_Q.match(asked, m.start())):
            continue
        found.add(word.lower())
    return found | {m.group(1).lower() for m in re.finditer(r"\bthe\s+(most|fewest|least)\s+(?!of\b)", asked, re.I)}


def _superlative(word: str) -> bool:
    """'biggest', 'best' -> True; 'honest', 'protest' -> False"""
    adjective = lemminflect.getAllLemmas(word).get("ADJ", ())
    return word.endswith("est") and bool(adjective) and word not in adjective


# a job, no rank: 'Who is Pakistan's top diplomat?' (calibration s257: "the source does not say 'top'")
_TOP_ROLE = re.compile(r"\s+(?:diplomat|official|aide|adviser|advisor|lawyer|executive|prosecutor|general|commander|"
                       r"civil\s+servant|judge|negotiator)s?\b", re.I)
_ORDINALS = frozenset("first second third last".split())  # 'last' as they are: 'the last film', not 'last year'
_RANK_WORDS = _ORDINALS | {"top", "overall"}
_MOST = frozenset({"most", "fewest", "least"})  # 'the most …' of a question
# an ordinal of a thing: 'the first novel', "Levy's first novel", not 'When did England last win …?', 'Who first
# proposed it?' (review)
_ORDINAL_OF_THING = re.compile(rf"\b(?i:the|its|his|her|their|[\w-]+['’]s)\s+(?:[A-Z][\w-]*\s+){{0,3}}"
                               rf"(?i:({'|'.join(sorted(_ORDINALS))}))\s+[a-z]")  # 'the Whitbread first novel award'
_PERIOD = re.compile(r"[\s-]+(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few)\s+)?"
                     r"(?:half|quarter|week|weekend|day|night|month|year|season|hours?|minutes?|days|weeks|months|"
                     r"years)\b",
                     re.I)  # 'the first half', 'first-quarter', 'the first nine months': a period, not a rank


def later_unsaid(line: str, question: str, before: str) -> bool:
    """`ordinal_unsaid` for a 'second' or 'third' thing, whatever the question asks of it (not a period: 'the
    second half'): 'An Iranian weblogger has been jailed for 14 years …' is the first blogger's, for 'How long was
    the second blogger, Motjaba Saminejad, jailed for?' (calibration n418, never said: **14 years** was bold)."""
    own = own_question(question)
    return any(m.group(1).lower() in ("second", "third") and not _PERIOD.match(own, m.end(1))
               for m in _ORDINAL_OF_THING.finditer(own)) and ordinal_unsaid(line, question, before)


# a place on a list or chart: 'number 31', 'No 5', 'No. 1'
PLACE_NUMBER = re.compile(r"\b(?:number|no\.?)\s+(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b(?!\s*%)",
                           re.I)


def place_of_amount(sentence: str, source: str) -> str:
    """Why the sentence gives as a place on a list a number its source only gives as an amount, or ''. ('Joss Stone
    ranks at number 5 on the list.', 'Joss Stone is a new entry on a list of … millionaires with £5m.') -> "in the
    source 5 is an amount (£5m), not a place" (calibration n647: shown, generated)."""
    places = {number_of(m.group(1)) for m in PLACE_NUMBER.finditer(source)}
    for m in PLACE_NUMBER.finditer(sentence):
        n = number_of(m.group(1))
        theirs = [t for t in mentions(source) if t.number == n]
        if theirs and n not in places and all(t.unit for t in theirs):
            unit = theirs[0].unit
            sign = unit[:1] if unit[:1] in "$£€" else ""
            return f"in the source {n} is an amount ({sign}{n}{unit[len(sign):]}), not a place"
    return ""
