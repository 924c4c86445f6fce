"""Rank the sentences of retrieved passages by how well they answer the question.

The best few go to the model; the best one is quoted when no generated sentence survives verification.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .embed import Embedder
from .kinds import SPEED_Q, answer_type, has_type
from .offices import asked_office, holds_office
from .text import by_acronym, names, own_question, own_terms, sentence_spans, terms

# In a follow-up read beside the earlier question ('What was he charged with? (after: …)'), the words only the
# follow-up has weigh this many times their rarity, in the score and in the coverage the gate and the quote
# read. Measured on the calibration half's follow-ups (README): the answering line came first for 3 more of
# 10, and was read for 1 more.
OWN_WORDS_WEIGHT = 3.0


# The previous sentence counts for a little (measured on the calibration questions: the answering sentence
# is among the best four for 0.86 of news questions, 0.82 without it; seeds unchanged).
# a sentence holding the kind of answer asked for gets a bonus; the line that spells out an acronym says what it
# stands for, however it ranks otherwise
_TYPE_BONUS = {"number": 0.1, "date": 0.1, "expansion": 0.3}
# a line naming the holder of the office a question asks for ('Rod Eddington, BA's chief executive, …' for 'Who runs
# British Airways?') shares few of its words: it holds those that are no name, and this bonus
OFFICE_BONUS = 0.15
CONTEXT_WEIGHT = 0.9  # similarity of the two sentences read together, discounted
PREV_SHARE = 0.5  # question words found only in the previous sentence count half


@dataclass(frozen=True)
class Candidate:
    passage: int  # index into the passages list
    start: int  # span within the passage text
    end: int
    score: float
    coverage: float  # share of the question's (rarity-weighted) content words found in the sentence
    similarity: float


# words a question asks for without saying them: 'What did he die of?' asks what news writes as the cause of
# death ('The cause of death appears to be natural'); 'How fast …?' asks for a speed ('the 17m per second speed
# of the two lifts', found asking new questions: no line that gives it was among the three a quote comes from)
_IMPLIED = ((re.compile(r"\b(?:die|died|dies|dying)\s+(?:of|from)\b", re.I), "cause of death"), (SPEED_Q, "speed"))

# the article named before what is asked ('In the op-ed on Russia's military engagement with the Taliban, what sort of
# environment …?', 'According to the Moscow-Kabul-Islamabad piece, …'), not 'In the ISKP threat chain the article
# sketches, …', whose chain is what is asked about, nor a report the article cites ('According to the UN monitoring
# team report, …': lines on what it says are what is asked for); it ends at its comma, before any question word ('in
# this article who is the ceo of the firm, and …' names no article: review); after what is asked, up to a comma
# ('What did Russia offer, according to the article, and why did Pakistan refuse?': review)
_NOT_ASKING = r"(?:(?!\b(?:what|who|whom|whose|which|when|where|why|how)\b)[^,?])*"
_ARTICLE = r"(?:in|according\s+to|per)\s+(?:the|this)\s+"
_ARTICLE_FIRST = re.compile(rf"^\s*{_ARTICLE}(?:(?!the\b)[\w'’-]+\s+){{0,6}}?(?:article|piece|op-ed|analysis|writer|"
                            rf"author)\b{_NOT_ASKING},", re.I)
_ARTICLE_AFTER = re.compile(rf",?\s+{_ARTICLE}(?:article|piece|op-ed|analysis|writer|author)\b[^,?]*", re.I)
_PRONOUN = re.compile(r"\b(?:it|its|he|his|him|she|her|they|their|them)\b", re.I)  # whom a frame may name


def asked_terms(question: str) -> set[str]:
    """The question's words but those that only name the article it asks about, which retrieval has read: they say
    where to look, not what is asked, and a line on the article's subject holds them without answering. Only the
    ranking reads it: the coverage the gate and the quote read counts every word (a question on an article the
    documents do not have is refused as before: review).
    "What sort of environment does Afghanistan offer the TTP, according to the op-ed on Russia's military ties?" ->
    {'sort', 'environ', 'afghanistan', 'offer', 'ttp'} (calibration s304: the answering line ranked sixth, unread)"""
    own = own_question(question)
    rest = _ARTICLE_AFTER.sub("", _ARTICLE_FIRST.sub("", own, count=1))
    if not terms(rest) or _PRONOUN.search(rest) and not names(rest):  # a frame alone is all it asks; or it names
        return terms(question)  # whom the question asks about ('In the piece on Salman Rushdie, what did he win?')
    return terms(question) - (terms(own) - terms(rest))


def rank_sentences(
    question: str, passages: Sequence[str], embedder: Embedder, offsets: Sequence[tuple[str, int]] | None = None,
    weight: float = 0.6,
) -> list[Candidate]:
    """Sentences of the passages, best answer first.

    Score = (1 - weight) x meaning similarity to the question + weight x coverage of the question's words,
    weighted by their rarity among the candidate sentences (so 'demarches' counts more than 'Pakistan') and,
    in a follow-up read beside the earlier question, by whose they are (OWN_WORDS_WEIGHT); a
    sentence that holds the kind of answer asked for (a number for 'how many') gets a small bonus.
    """
    all_spans = [(p, s, e) for p, text in enumerate(passages) for s, e in sentence_spans(text)]
    before = {span: all_spans[i - 1] for i, span in enumerate(all_spans) if i and all_spans[i - 1][0] == span[0]}
    spans = [(p, s, e) for p, s, e in all_spans if len(passages[p][s:e].split()) >= 4]
    if offsets is not None:  # overlapping passages repeat sentences: keep each once, in its best passage
        seen: set[tuple[str, int]] = set()
        unique = []
        for p, s, e in spans:
            key = (offsets[p][0], offsets[p][1] + s)
            if key not in seen:
                seen.add(key)
                unique.append((p, s, e))
        spans = unique
    if not spans:
        return []
    texts = [passages[p][s:e] for p, s, e in spans]
    # A sentence often leans on the one before it ('This duality creates a gap.'): read the two together too.
    prev = [passages[p][before[(p, s, e)][1]:before[(p, s, e)][2]] if (p, s, e) in before else "" for p, s, e in spans]
    vecs = embedder.encode(texts)
    ctx_vecs = embedder.encode([f"{a} {b}".strip() for a, b in zip(prev, texts, strict=True)])
    qv = embedder.encode([question])[0]
    implied = set().union(*(terms(words) for asks, words in _IMPLIED if asks.search(question)))
    q_terms, asked = terms(question) | implied, asked_terms(question) | implied
    sentence_terms = [terms(t) | terms(" ".join(by_acronym(question, t))) for t in texts]  # MDA: Mobile Data …
    prev_terms = [terms(t) for t in prev]
    idf = {t: math.log(1 + len(texts) / (1 + sum(t in ts for ts in sentence_terms))) for t in q_terms}
    for t in own_terms(question) & idf.keys():
        idf[t] *= OWN_WORDS_WEIGHT  # a follow-up read beside the earlier question asks what its own words ask
    total = sum(idf.values()) or 1.0
    asked_total = sum(idf[t] for t in asked) or 1.0
    kind = answer_type(question)
    offices = asked_office(own_question(question))
    office_terms = q_terms - terms(" ".join(names(question))) if offices else set()
    out = []
    for i, ((p, s, e), text, ts) in enumerate(zip(spans, texts, sentence_terms, strict=True)):
        held = holds_office(text, offices)
        ts = ts | office_terms if held else ts
        coverage = sum(idf[t] for t in q_terms & ts) / total
        covers = sum(idf[t] for t in asked & ts) / asked_total  # (the article's own name aside)
        context = sum(idf[t] for t in (asked & prev_terms[i]) - ts) / asked_total
        sim = max(float(vecs[i] @ qv), CONTEXT_WEIGHT * float(ctx_vecs[i] @ qv))
        bonus = _TYPE_BONUS[kind] if kind in _TYPE_BONUS and has_type(text, kind, question) else 0.0
        bonus += OFFICE_BONUS if held else 0.0
        score = (1 - weight) * sim + weight * (covers + CONTEXT_WEIGHT * PREV_SHARE * context) + bonus - 0.02 * p
        out.append(Candidate(p, s, e, score, coverage, sim))
    return sorted(out, key=lambda c: -c.score)
