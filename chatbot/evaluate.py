"""Measure retrieval (and answers) on a question file or on a BEIR-format benchmark."""

from __future__ import annotations

import json
import math
import re
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import followup
from .errors import ChatbotError
from .retrieve import MODES, Hit, search


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    answers: list[str]  # any of them in the answer makes it correct; [] = the documents do not answer
    sources: list[str]
    history: tuple[str, ...] = ()  # earlier questions of the conversation, oldest first
    kind: str = ""  # fact | explain | yes-no | follow-up | near-miss | off-topic (optional)
    split: str = ""  # calibration | report (optional)
    evidence: str = ""  # the hand-picked sentence that answers (optional)
    said: tuple[str, ...] = ()  # what was answered to the earlier questions, where the file gives it

    @property
    def turns(self) -> list[tuple[str, str]]:
        """The conversation before the question, as (question, answer) pairs ('' where no answer is given)."""
        return [(h, self.said[i] if i < len(self.said) else "") for i, h in enumerate(self.history)]


def read_questions(path: Path) -> list[Question]:
    """Questions in the format {"id","question","answers":[any of],"sources":[doc file]}."""
    if not path.exists():
        raise ChatbotError(f"Question file {path} does not exist.")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict) or not isinstance(row.get("question"), str):
                raise TypeError("a question record is an object with a 'question' string")
            history = row.get("history", [])
            if not isinstance(history, list) or not all(isinstance(h, str) or isinstance(h, dict) and isinstance(
                    h.get("question"), str) and isinstance(h.get("answer", ""), str) for h in history):
                raise TypeError("'history' must be a list of earlier questions, each a string or "
                                '{"question": "…", "answer": "…"}')
            turns = [(h, "") if isinstance(h, str) else (h["question"], h.get("answer", "")) for h in history]
            out.append(Question(str(row["id"]), row["question"], list(row.get("answers", [])),
                                list(row.get("sources", [])), tuple(q for q, _ in turns), str(row.get("kind", "")),
                                str(row.get("split", "")), str(row.get("evidence", "")), tuple(a for _, a in turns)))
        except (ValueError, KeyError, TypeError) as e:
            raise ChatbotError(f"{path}:{n}: not a question record ({e}); expected "
                               '{"id","question","answers":[...],"sources":[...]} and optionally '
                               '"history":["earlier question" or {"question","answer"}, ...], "kind", "split", '
                               '"evidence"') from None
    return out


def plain(answer: str) -> str:
    """The answer without [n] markers and **bold**. 'It held **225** meetings [1].' -> 'It held 225 meetings.'"""
    return re.sub(r"\s*\[\d+\]", "", answer).replace("**", "")


def contains_answer(text: str, answers: list[str]) -> bool:
    """Does the text hold one of the answers, as whole words at its start ('two' is not in 'network') and
    whole numbers ('2' is not in '2025')?"""
    low = plain(text).lower()
    for a in answers:
        a = a.lower().strip()
        end = r"(?![\d])" if a[-1:].isdigit() else ""
        if a and re.search(rf"(?<!\w){re.escape(a)}{end}", low):
            return True
    return False


def _source_match(doc: str, sources: list[str]) -> bool:
    return any(doc == s or doc.endswith("/" + s) or Path(doc).name == s for s in sources)


def _by_rule(q: Question) -> str:
    """The question made to stand alone by rule alone, when no engine is at hand."""
    return followup.standalone(q.question, *q.turns[-1]) if q.history else q.question


def retrieval_metrics(index: Any, embedder: Any, questions: list[Question], k: int,
                      standalone: Callable[[Question], str] | None = None) -> dict[str, dict[str, float]]:
    """Per mode: hit@1 and hit@k of the gold source, answer string in the top k, MRR (answerable only).

    `standalone`: the question as it is searched (the engine's Engine.standalone); by default a follow-up is
    made to stand alone by rule.
    """
    answerable = [q for q in questions if q.answers]
    results: dict[str, dict[str, float]] = {}
    searched = [(standalone or _by_rule)(q) for q in answerable]
    for mode in MODES:
        hit1 = hitk = answer = rr = 0.0
        for q, text in zip(answerable, searched, strict=True):
            hits = search(index, embedder, text, k=max(k, 10), mode=mode)
            docs = [h.chunk.doc for h in hits]
            first = next((i for i, d in enumerate(docs) if _source_match(d, q.sources)), None)
            hit1 += first == 0
            hitk += first is not None and first < k
            rr += 1 / (first + 1) if first is not None else 0
            answer += any(contains_answer(h.chunk.text, q.answers) for h in hits[:k])
        n = max(1, len(answerable))
        results[mode] = {"hit@1": hit1 / n, f"hit@{k}": hitk / n, f"answer@{k}": answer / n, "mrr": rr / n,
                         "questions": len(answerable)}
    return results


def retrieval_records(index: Any, embedder: Any, questions: list[Question], k: int, mode: str,
                      standalone: Callable[[Question], str] | None = None) -> Iterator[dict]:
    for q in questions:
        hits: list[Hit] = search(index, embedder, (standalone or _by_rule)(q), k=k, mode=mode)
        yield {"id": q.id, "question": q.question, "kind": q.kind, "split": q.split,
               "history": [{"question": h, "answer": a} if a else h for h, a in q.turns],
               "answers": q.answers, "retrieved": [h.to_dict() for h in hits]}


def answer_metrics(questions: list[Question], results: list[Any], index: Any) -> dict[str, Any]:
    """What a user feels, per run: correct answers, who wrote them, refusals, length, answer first.

    `unsupported_facts` is independent of the verifier: numbers and names shown in an answer that appear
    neither in the hand-labelled source documents nor in the documents it cites (a plain text search);
    `facts_outside_evidence` counts numbers shown that are not in the hand-picked evidence sentence (worth a
    look: right from elsewhere, or wrong).
    """
    pairs = list(zip(questions, results, strict=True))
    answerable = [(q, r) for q, r in pairs if q.answers]
    answered = [(q, r) for q, r in answerable if r.mode != "abstained"]
    near = [r for q, r in pairs if not q.answers and q.kind == "near-miss"]
    off = [r for q, r in pairs if not q.answers and q.kind in ("off-topic", "")]
    # about an article's own subject, with an answer it never gives ('How many were arrested?' of a riot whose
    # article counts only the injured): the hardest to refuse, and the likeliest to be answered with a stretch
    unsaid = [r for q, r in pairs if not q.answers and q.kind not in ("near-miss", "off-topic", "")]
    firsts = sorted(r.timings.get("first_token", r.timings.get("total", 0.0)) for r in results)
    words = sorted(len(plain(r.answer).split()) for _, r in answered)
    cited = [(q, c) for q, r in answered for c in r.citations]
    unsupported, outside = _independent_check(answered, index)
    n = len(answerable) or 1
    return {
        "correct": _share(r.mode != "abstained" and contains_answer(r.answer, q.answers) for q, r in answerable),
        "generated_share": sum(r.mode == "generated" for _, r in answerable) / n,
        "generated_correct_share": sum(r.mode == "generated" and contains_answer(r.answer, q.answers)
                                       for q, r in answerable) / n,
        "extractive_share": sum(r.mode == "extractive" for _, r in answerable) / n,
        "false_refusals": sum(r.mode == "abstained" for _, r in answerable) / n,
        "near_miss_refused": _share(r.mode == "abstained" for r in near),
        "off_topic_refused": _share(r.mode == "abstained" for r in off),
        "unsaid_refused": _share(r.mode == "abstained" for r in unsaid),
        "unsaid_generated": sum(r.mode == "generated" for r in unsaid),
        "unanswerable_refused": _share(r.mode == "abstained" for r in near + off + unsaid),
        "median_answer_words": statistics.median(words) if words else 0.0,
        "first_sentence_answers": _share(contains_answer(_first_sentence(r.answer), q.answers) for q, r in answered),
        "wrong_answers": sum(not contains_answer(r.answer, q.answers) for q, r in answered),
        "unsupported_facts": len(unsupported),
        "facts_outside_evidence": len(outside),
        "citation_precision": _share(_cites_source(c.doc, q) for q, c in cited),
        "first_token_p50_s": _percentile(firsts, 50),
        "first_token_p95_s": _percentile(firsts, 95),
        "questions": len(results), "answerable": len(answerable), "near_miss": len(near), "off_topic": len(off),
        "unsaid": len(unsaid),
    }


def _first_sentence(answer: str) -> str:
    from .text import sentence_spans

    spans = sentence_spans(plain(answer))
    return plain(answer)[spans[0][0]:spans[0][1]] if spans else ""


def _cites_source(doc: str, q: Question) -> bool:
    return _source_match(doc, q.sources) if q.sources else False


def _independent_check(answered: list[tuple[Question, Any]], index: Any) -> tuple[list[str], list[str]]:
    """(facts in no labelled source document, numbers not in the labelled evidence), as 'id: fact'."""
    from .text import names, numbers, sentence_spans

    unsupported, outside = [], []
    for q, r in answered:
        cited = {c.doc for c in r.citations}
        docs = [d.text for name, d in index.docs.items() if _source_match(name, q.sources) or name in cited]
        if not docs:
            continue
        text = " ".join(docs)
        shown = plain(r.answer)
        # a number written as an ordinal is that number: 'three times' is '… for the third time …'
        said = numbers(text) | {str(i + 2) for i, w in enumerate(_ORDINALS)
                                if re.search(rf"\b{w}\s+time\b", text, re.I)}
        for n in sorted(numbers(shown) - numbers(q.question)):
            if n not in said:
                unsupported.append(f"{q.id}: {n}")
            elif q.evidence and n not in numbers(q.evidence):
                outside.append(f"{q.id}: {n}")
        low, spelled = text.lower(), _initials(text)
        shown_names = {n for s, e in sentence_spans(shown) for n in names(shown[s:e])}
        # as a number the question gives: 'Britain' of the question, typed small too ('apple ceo?' for 'Apple CEO')
        asked = {n.lower() for n in names(q.question)} | {w.lower() for w in re.findall(r"[\w'’-]+", q.question)}
        unsupported += [f"{q.id}: {name}" for name in sorted(shown_names)
                        if name not in low and name not in spelled and name not in asked]
    return unsupported, outside


_ORDINALS = "second third fourth fifth sixth seventh eighth ninth tenth".split()


def _initials(text: str) -> set[str]:
    """Acronyms of three letters or more that the text writes out: the initials of each run of capitalized
    words and of its tails ('The International Monetary Fund' -> {'imf'}; 'Organization of the Petroleum
    Exporting Countries' -> {'opec', 'pec'}), so that an acronym is found where the text spells it out."""
    out = set()
    for run in re.finditer(r"[A-Z][a-z]+(?:\s+(?:(?:of|the|and|for|&)\s+)*[A-Z][a-z]+)+", text):
        letters = [w[0].lower() for w in run.group(0).split() if w[0].isupper() and w != "The"]
        out |= {"".join(letters[i:]) for i in range(len(letters)) if len(letters) - i >= 3}
    return out


def _share(flags: Any) -> float:
    values = list(flags)
    return sum(values) / len(values) if values else 0.0


def _percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    pos = (len(values) - 1) * p / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return values[lo] + (values[hi] - values[lo]) * (pos - lo)


# BEIR ---------------------------------------------------------------------------------------------


def read_beir(folder: Path) -> tuple[dict[str, dict], dict[str, str], dict[str, dict[str, int]]]:
    """(corpus, queries, qrels) of a BEIR folder: corpus.jsonl, queries.jsonl, qrels/test.tsv."""
    try:
        corpus = {r["_id"]: r for r in map(json.loads, (folder / "corpus.jsonl").open(encoding="utf-8"))}
        queries = {r["_id"]: r["text"] for r in map(json.loads, (folder / "queries.jsonl").open(encoding="utf-8"))}
        qrels: dict[str, dict[str, int]] = {}
        for n, line in enumerate((folder / "qrels" / "test.tsv").open(encoding="utf-8")):
            parts = line.rstrip("\n").split("\t")
            if n == 0 and not parts[-1].isdigit():
                continue
            qrels.setdefault(parts[0], {})[parts[1]] = int(parts[2])
    except (OSError, ValueError, KeyError) as e:
        raise ChatbotError(
            f"{folder} is not a BEIR folder (corpus.jsonl, queries.jsonl, qrels/test.tsv): {e}"
        ) from None
    return corpus, queries, qrels


def write_beir_docs(corpus: dict[str, dict], docs: Path) -> None:
    """One .txt document per passage (title line first when there is one); unchanged files are left alone."""
    docs.mkdir(parents=True, exist_ok=True)
    for pid, row in corpus.items():
        text = (row.get("title", "").strip() + "\n\n" if row.get("title", "").strip() else "") + row["text"]
        path = docs / f"{_safe(pid)}.txt"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def _safe(pid: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in pid)


def ndcg_at(ranked: list[str], rels: dict[str, int], k: int = 10) -> float:
    dcg = sum((2 ** rels.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(rels.values(), reverse=True)[:k]
    idcg = sum((2**r - 1) / math.log2(i + 2) for i, r in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def beir_metrics(index: Any, embedder: Any, folder: Path, modes: tuple[str, ...] = MODES) -> dict[str, dict]:
    """nDCG@10 and recall@10 per mode over the judged queries."""
    _, queries, qrels = read_beir(folder)
    dup_of = {d: r.duplicate_of for d, r in index.docs.items() if r.duplicate_of}
    out: dict[str, dict] = {}
    for mode in modes:
        ndcgs, recalls = [], []
        for qid, rels in qrels.items():
            if qid not in queries or not any(v > 0 for v in rels.values()):
                continue
            hits = search(index, embedder, queries[qid], k=30, mode=mode)
            ranked = _dedupe([h.chunk.doc.removesuffix(".txt") for h in hits])[:10]
            # A passage indexed once for its near-duplicates stands for them too.
            credit = {d: max([rels.get(d, 0)] + [rels.get(x.removesuffix(".txt"), 0) for x, o in dup_of.items()
                                                 if o.removesuffix(".txt") == d]) for d in ranked}
            ndcgs.append(ndcg_at(ranked, {**rels, **{d: v for d, v in credit.items() if v}}))
            relevant = {d for d, v in rels.items() if v > 0}
            found = {d for d in ranked[:10] if credit.get(d, 0) > 0}
            recalls.append(min(1.0, len(found) / len(relevant)))
        out[mode] = {"ndcg@10": statistics.fmean(ndcgs) if ndcgs else 0.0,
                     "recall@10": statistics.fmean(recalls) if recalls else 0.0, "queries": len(ndcgs)}
    return out


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [x for x in items if not (x in seen or seen.add(x))]  # type: ignore[func-returns-value]
