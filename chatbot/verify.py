"""Check a generated sentence and find the source sentence that supports it.

The model writes; the product attributes. A generated sentence is kept only when one source sentence (or
two neighbouring ones) holds every number it states (attached to the same thing: '13 protest notes' is
refused when the source says '13 formal demarches'), every name (in that sentence's passage), most of the
words it adds to the question, a clause close in meaning, and the same polarity (no added 'not'). The
model's own [n] markers are only a hint. To a yes/no question, whose words are what is asked, a sentence must
rest on one line holding all its words, in order and close together. The checks of words and names are in
`wording`; those of numbers, people, places and polarity in their own modules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .about import goes_on, lead_in, part_named
from .acronyms import gloss_misread, gloss_supported
from .agents import agent_swapped, request_of_reason
from .amounts import member_for_group, whose_unsaid
from .appositive import named_apart
from .besides import value_of_base
from .bounds import (
    bound_lost,
    change_of_total,
    currency_swapped,
    dated_otherwise,
    described_otherwise,
    named_otherwise,
    other_size,
    price_of_level,
    total_of_list,
)
from .counts import (
    asked_elsewhere,
    counts_other,
    other_month,
    paid_for_other,
    unbound_number,
    unqualified,
)
from .deeds import deed_of_count_otherwise, deed_unasked
from .embed import Embedder
from .fits import ratio_for_count
from .offices import asked_office, holder_unsaid, holders
from .order import order_missing, place_of_amount, rank_missing
from .pairs import given_apart, idle_pair, linked_pair, loose_pair
from .periods import counts_given, part_for_whole, period_of_count, share_for_whole
from .persons import (
    deed_of_other,
    deed_shared,
    origin_unsaid,
    pronoun_swapped,
    replaced,
    role_of_other,
    said_of_other,
    said_of_self,
    subject_swapped,
    title_of_other,
)
from .places import other_place, place_unsaid, world_for_place
from .polarity import compared_backwards, opposite, overstated, prescribed, reason_unsaid, reversed_change, whose_duty
from .text import (
    HONORIFICS,
    clause_windows,
    earlier_question,
    names,
    numbers,
    own_question,
    sentence_before,
    stems,
    terms,
    times,
)
from .wordforms import only_a_modifier, predicate_unsaid
from .wording import SPEECH, names_missing, role_unsaid, unsaid, words_missing
from .years import compared_count, compared_year, count_year_unsaid, dated_lead, other_year, prior_year_count

# cosine similarity to the closest clause of the source. Whole sentences are a poor match for a short
# claim taken from a long list sentence (MiniLM: 'There were 225 border flag meetings' vs the source
# sentence 0.60, 'Pakistan issued 13 formal demarches' 0.31), so clauses are compared too.
SIMILARITY_MIN = 0.5
# The sentence a generated sentence rests on must score (rank.py) at least this share of the best source
# sentence's score: a model that copies a true but off-question sentence ('The Taliban question sits at the
# heart of this axis.') is refused, and so is one that pins the question's name on it ("Russia's decision at
# the Valdai club highlights the fractured nature of the regional order": 0.34 of the best). Not much more:
# a right answer often rests on a line worded unlike the question ("… to address mounting security threats"
# for "Why did Russia remove the Taliban from its terrorist list?" 0.60; "… the first Cadillac with a diesel
# engine" 0.59), refused at 0.6.
RELEVANCE_MIN = 0.4
FRAGMENT_WORDS = 4  # a reply of so few content words ('Nine months.') is compared with its question


@dataclass(frozen=True)
class Source:
    """A sentence of a retrieved passage: what a generated sentence can rest on."""

    passage: int  # index into the retrieved passages
    start: int  # span within that passage's text
    end: int
    text: str
    coverage: float = 1.0  # its share of the question's (rarity-weighted) words, from the ranking
    score: float = 1.0  # its ranking score (how well it answers the question)
    article: str = ""  # its document's title and text, where the question's names stand ('' = not checked)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str  # why not, when not ok
    sources: tuple[int, ...] = ()  # indexes into the sources list: one sentence, or two neighbours
    similarity: float = 0.0
    coverage: float = 0.0  # how much of the question the supporting sentence(s) cover


def attribute(sentence: str, question: str, sources: Sequence[Source], passages: Sequence[str],
              embedder: Embedder, hint: Sequence[int] = (), documents: Sequence[str] = (),
              strict: bool = False) -> Verdict:
    """The source sentence(s) that support the generated sentence, best first; `hint` = the model's [n].

    `documents[p]`: passage p with its document's title, where a name the question used may stand; the
    passage itself when not given. `strict` (for a yes/no question): the question's words are no given fact,
    so every word of the sentence must be in the source.
    """
    vec = embedder.encode([claim(sentence, question)])[0]
    documents = documents or passages
    reasons: dict[int, str] = {}
    best: Verdict | None = None
    for i, source in enumerate(sources):
        verdict = _check(sentence, question, [source], passages, documents, embedder, vec, (i,), strict)
        if not verdict.ok:
            reasons[i] = verdict.reason
            continue
        bonus = 0.05 if i in hint else 0.0
        if best is None or verdict.similarity + bonus > best.similarity:
            best = Verdict(True, "", verdict.sources, verdict.similarity + bonus, verdict.coverage)
    if best is None and not SPEECH.search(sentence) and not strict:  # a sentence that joins two facts: try pairs
        # (not reported speech: who said it must be in the sentence that says it, or named just before 'He said')
        for i, a in enumerate(sources):
            for j, b in enumerate(sources):
                if i < j and a.passage == b.passage and _close(a, b, passages[a.passage]):
                    verdict = _check(sentence, question, [a, b], passages, documents, embedder, vec, (i, j))
                    if verdict.ok and (best is None or verdict.similarity > best.similarity):
                        best = verdict
    if best is not None:
        top = max(s.score for s in sources)
        mine = max(sources[i].score for i in best.sources)
        if top > 0 and mine < RELEVANCE_MIN * top:
            return Verdict(False, "it rests on a sentence that answers the question much less well than the best one")
        return best
    # why not: by the line the model cited, else the one sharing most of its words (the line a reader would check)
    said = terms(sentence)
    closest = max(reasons, key=lambda i: len(said & terms(sources[i].text)), default=None)  # first of equals
    why = next((reasons[i] for i in hint if i in reasons), None) or (reasons[closest] if closest is not None else "")
    return Verdict(False, why or "no source sentence supports it")


def claim(sentence: str, question: str) -> str:
    """What the sentence claims, to compare in meaning: a bare answer means nothing without its question.

    ('Nine months.', 'How long was he a member?') -> 'How long was he a member? Nine months.'
    """
    return f"{question} {sentence}" if len(stems(sentence)) <= FRAGMENT_WORDS else sentence


def _inside(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    """Is the span `inner` strictly within `outer`? ((2, 4), (0, 9)) -> True"""
    return outer[0] <= inner[0] and inner[1] <= outer[1] and inner != outer


def _close(a: Source, b: Source, passage: str) -> bool:
    """Are the two sentences next to each other (nothing but spaces between them)?"""
    first, second = (a, b) if a.start < b.start else (b, a)
    return not passage[first.end:second.start].strip()


def _check(sentence: str, question: str, chosen: Sequence[Source], passages: Sequence[str], documents: Sequence[str],
           embedder: Embedder, vec: np.ndarray, index: tuple[int, ...], strict: bool = False) -> Verdict:
    lines = [s.text for s in chosen]
    text = " ".join(lines)
    if len(chosen) == 1 and gloss_supported(sentence, question, text):  # 'TTP stands for Tehreek-e-Taliban Pakistan.'
        return Verdict(True, "", index, 1.0, chosen[0].coverage)
    # a number the question used may stand anywhere in the article, as its names may ('Band Aid 20' in the
    # heading 'Band Aid 20 single storms to No 1', or lines before the passage)
    given = set() if strict else numbers(question) & numbers(f"{documents[chosen[0].passage]} {chosen[0].article}")
    # 'three times' is '… for the third time …'; not any number beside a 'second year' (review)
    counted_times = numbers(" ".join(re.findall(r"\b\w+\s+times\b", sentence, re.I)))
    missing = numbers(sentence) - numbers(text) - (times(text) & counted_times) - given
    if missing:
        return Verdict(False, f"number {sorted(missing)[0]} is not in the source")
    why = gloss_misread(sentence, question) or unbound_number(sentence, text, question) or other_size(sentence, text) \
        or bound_lost(sentence, question, text) \
        or described_otherwise(sentence, text) or named_otherwise(sentence, text) or dated_otherwise(sentence, text) \
        or value_of_base(sentence, text) \
        or total_of_list(sentence, text) or change_of_total(sentence, text) \
        or other_month(sentence, text) \
        or asked_elsewhere(sentence, question, text) or period_of_count(sentence, question, lines) \
        or part_for_whole(sentence, question, lines) or share_for_whole(sentence, question, lines) \
        or counts_other(sentence, question) or ratio_for_count(sentence, question) \
        or deed_of_count_otherwise(sentence, text) \
        or paid_for_other(sentence, question) or _deed_unasked(sentence, question) \
        or (other_place(question, text) if counts_given(sentence) else "") or unqualified(sentence, question, text) \
        or world_for_place(sentence, question, lines) or currency_swapped(sentence, question, text) \
        or place_of_amount(sentence, text) or member_for_group(sentence, text) \
        or named_apart(sentence, question, text)
    if why:
        return Verdict(False, why)
    before = sentence_before(passages[chosen[0].passage], chosen[0].start)
    # an amount of a line naming not whose it is, nor the line before it ('The two-screen clamshell gadget costs £99'
    # for 'how much does halo 2 cost': the Nintendo DS's)
    if whose_unsaid(text, question) and whose_unsaid(before, question):
        return Verdict(False, "the source does not say whose amount it is")
    lead = lead_in(passages[chosen[0].passage], chosen[0].start) if goes_on(text) else before  # only read then
    why = names_missing(sentence, question, text, before, documents[chosen[0].passage], chosen[0].article, lead) \
        or loose_pair(sentence, question, chosen) or idle_pair(sentence, question, chosen) \
        or linked_pair(sentence, chosen) or given_apart(sentence, question, chosen) \
        or place_unsaid(sentence, question, [text, before, chosen[0].article.split("\n", 1)[0]]) \
        or _part_left_out(sentence, chosen) \
        or only_a_modifier(sentence, text) or predicate_unsaid(sentence, text) \
        or other_year(question, text, before, chosen[0].article) or compared_count(sentence, question, text) \
        or count_year_unsaid(sentence, question, text, f"{dated_lead(passages[chosen[0].passage], chosen[0].start)} "
                             f"{before}", chosen[0].article or documents[chosen[0].passage]) \
        or prior_year_count(sentence, text) or compared_year(sentence, text)
    if why:
        return Verdict(False, why)
    why = (unsaid(sentence, question, text) if strict else
           words_missing(sentence, question, text, before, pair=len(chosen) > 1)) \
        or rank_missing(sentence, question, text, before, bare=len(stems(sentence)) <= FRAGMENT_WORDS) \
        or order_missing(sentence, f"{own_question(question)} {earlier_question(question)} {text} {before}")
    if why:
        return Verdict(False, why)
    windows = [w for s in chosen for w in clause_windows(passages[s.passage], s.start, s.end)]
    texts = [passages[chosen[0].passage][a:b] for a, b in windows]  # chosen sentences share one passage
    sims = embedder.encode(texts) @ vec
    best = int(np.argmax(sims))
    if float(sims[best]) < SIMILARITY_MIN and not _holder_named(sentence, question, text):
        return Verdict(False, f"its meaning is not close to the source (similarity {sims[best]:.2f})")
    # polarity is compared with the closest single clause: 'Peace cannot be negotiated; it must be built on…'
    clauses = [i for i, w in enumerate(windows) if not any(_inside(o, w) for o in windows if o != w)]
    closest = max(clauses, key=lambda i: sims[i]) if clauses else best
    if opposite(texts[closest], sentence, text, "" if strict else own_question(question)):
        return Verdict(False, "it says the opposite of the source (a 'not' added or dropped)")
    why = reversed_change(text, sentence) or compared_backwards(text, sentence)  # 'rise or fall?', or a question's
    # premise, leaves the way to the source
    if why:
        return Verdict(False, why)
    # 'Will HSBC …?' asks the 'will', hedges nothing; a bare answer claims what its question asks ('85 years in
    # prison.' for 'How many years … was Bernie Ebbers sentenced to?' on '… could face … up to 85 years')
    if overstated(text, claim(sentence, question), "" if strict else question):
        return Verdict(False, "it states as fact what the source only says could happen")
    if prescribed(text, sentence):
        return Verdict(False, "it says what should be done; the source does not")
    if reason_unsaid(text, sentence):
        return Verdict(False, "it gives a cause; the source gives none")
    why = whose_duty(text, sentence) or replaced(sentence, text) or pronoun_swapped(sentence, text) \
        or said_of_other(sentence, question, text) or title_of_other(sentence, text) or origin_unsaid(sentence, text) \
        or deed_of_other(sentence, text) or _swapped(sentence, question, lines) or deed_shared(sentence, text) \
        or role_of_other(sentence, text) or price_of_level(sentence, text) or said_of_self(sentence, question, text) \
        or role_unsaid(sentence, question, text) or agent_swapped(sentence, text) or request_of_reason(sentence, text) \
        or holder_unsaid(sentence, question, text, chosen[0].article or documents[chosen[0].passage])
    if why:
        return Verdict(False, why)
    return Verdict(True, "", index, float(sims[best]), max(s.coverage for s in chosen))


def _swapped(sentence: str, question: str, lines: Sequence[str]) -> str:
    """`persons.subject_swapped` on the lines together, and, of two, on the one holding the sentence's numbers alone:
    ('The TTP runs its own training camps in six provinces: …', ['Al-Qaeda has fighters and training stations in the
    six provinces: …', a line naming the TTP]) -> "the source says it of Al-Qaeda, not The TTP" (found asking new
    questions: shown, generated)."""
    counted = [line for line in lines if numbers(line) & numbers(sentence)] if len(lines) > 1 else []
    return next((why for text in [" ".join(lines), *counted] if (why := subject_swapped(sentence, question, text))), "")


def _deed_unasked(sentence: str, question: str) -> str:
    """Why the sentence counts what had another thing done to it than the question asks, or ''. ('Three new camps
    have been integrated into operations …', 'How many ISKP training camps have Taliban forces destroyed?') -> "it
    says what was done to its count, not what the question asks" (found asking new questions: shown, generated)."""
    return "it says what was done to its count, not what the question asks" if deed_unasked(sentence, question) else ""


def _holder_named(sentence: str, question: str, text: str) -> bool:
    """Does the sentence name, of all it adds, the one its source names beside the office the question asks about?
    Its meaning is then said, however far ('Peter Gregg is the chief financial officer at Qantas.' on '"We don't have
    as much hedging benefit …," said chief financial officer Peter Gregg.': similarity 0.44; found asking new
    questions)."""
    added = names(sentence, first=True) - names(question, first=True) - HONORIFICS  # 'Mr Domenico Siniscalco'
    held = {n for holder in holders(text, asked_office(own_question(question))) for n in names(holder, first=True)}
    return bool(added) and added <= held


def _part_left_out(sentence: str, chosen: Sequence[Source]) -> str:
    """Why the sentence says of a whole what its source says of a named part, or ''. ('Barclays made £347m in
    2004.', 'Its Global Investors wing made £347m, an 82% jump on 2003 figures.') -> "the source says it of its
    'Global Investors'" (found in the browser)."""
    part = next((p for p in (part_named(source.text, sentence) for source in chosen) if p), "")
    return f"the source says it of its '{part}'" if part else ""
