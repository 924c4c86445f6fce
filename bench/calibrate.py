"""Calibrate the answerability gate for the embedding model, on the calibration half of our question sets.

Each calibration question (seeds and news, tests/data/questions/*.jsonl, "split": "calibration") is
answered once by the real engine with the gate open. Then every pair of thresholds is replayed on the
records: refuse before the model when the best passage's similarity is below `min_similarity` (unless the
question names things all found and one sentence covers `named_coverage` of its words), or when a name
of the question appears in no passage, which needs no threshold; when nothing the model wrote survives,
quote the best sentence only if it covers at least `min_coverage` of the question. A right answer scores
+1, a refusal 0, a wrong answer -1; a refusal of an unanswerable question +1, answering it -1. Among the pairs
that refuse at most 5 % of the answerable questions, the best (lowest coverage, then the middle of the best
similarity range) is written to chatbot/calibration.json under the embedding model's sha256.

The 50 msmarco queries (../shared/bench/msmarco) join as off-topic questions for the seeds: with only a
few off-topic questions of our own, they fix how low the similarity threshold may go.

Run: .venv/bin/python -m bench.calibrate   (about 15 minutes on 2 cores with the default models)
     .venv/bin/python -m bench.calibrate --backend torch | --model all-mpnet-base-v2   (another embedder)
     .venv/bin/python -m bench.calibrate --records FILE   (replay the per-question lines an earlier run logged)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from chatbot import gate
from chatbot.answer import Engine
from chatbot.build import build
from chatbot.embed import Embedder, load_embedder
from chatbot.evaluate import contains_answer, read_questions
from chatbot.rank import rank_sentences
from chatbot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BENCH_SHARED") or ROOT.parent / "shared")
MAX_FALSE_REFUSALS = 0.05  # of answerable calibration questions (the goal on the report half is 0.03)
DATA = ROOT / "tests" / "data"
SETS = {"seeds": (ROOT / "seeds", DATA / "questions" / "seeds.jsonl"),
        "news": (DATA / "news", DATA / "questions" / "news.jsonl")}


def records(embedder: Embedder, split: str = "calibration") -> list[dict]:
    """One record per question: what the gate saw, and what each path (generated, quoted) would say."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (docs, questions) in SETS.items():
            settings = replace(Settings(), docs=docs, index=Path(tmp) / name)
            build(settings, embedder=embedder)
            engine = Engine(settings, embedder=embedder)
            engine.limits = gate.Thresholds(min_similarity=-1.0, min_coverage=0.0, refusal_coverage=0.0)
            for q in read_questions(questions):
                if q.split != split:
                    continue
                r = engine.ask(q.question, history=q.turns)
                quote = r.evidence.get("quote") or {}
                out.append({"id": q.id, "answerable": bool(q.answers), "similarity": r.evidence.get("similarity", 0),
                            "named": r.evidence.get("named", False), "defined": r.evidence.get("defined", False),
                            "coverage": r.evidence.get("coverage", 0),
                            "missing": bool(r.evidence.get("missing")) or r.evidence.get("coverage", 1) <= 0,
                            "generated": r.mode == "generated",
                            "correct": r.mode == "generated" and contains_answer(r.answer, q.answers),
                            "quote_coverage": quote.get("coverage", -1.0),
                            "quote_correct": bool(quote) and contains_answer(quote.get("text", ""), q.answers)})
                print(json.dumps(out[-1]), file=sys.stderr, flush=True)
    return out


def off_topic_records(embedder: Embedder) -> list[dict]:
    """The msmarco queries (../shared/bench/msmarco), all off-topic for the seeds: only the gate's view is
    needed, and one that passes the gate counts as answered (wrongly)."""
    queries = SHARED / "bench" / "msmarco" / "queries.jsonl"
    if not queries.exists():
        print(f"note: {queries} not found; calibrating without the msmarco off-topic queries", file=sys.stderr)
        return []
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        settings = replace(Settings(), docs=ROOT / "seeds", index=Path(tmp) / "seeds")
        build(settings, embedder=embedder)
        engine = Engine(settings, embedder=embedder)
        for line in queries.open(encoding="utf-8"):
            text = json.loads(line)["text"]
            hits = engine.retrieve(text)
            candidates = rank_sentences(text, [h.chunk.text for h in hits], embedder,
                                        [(h.chunk.doc, h.chunk.start) for h in hits])
            ev = gate.evidence(text, [h.chunk.text for h in hits], [h.similarity for h in hits],
                               [c.coverage for c in candidates])
            out.append({"id": "msmarco", "answerable": False, "similarity": ev.similarity, "named": ev.named,
                        "defined": ev.defined, "coverage": ev.coverage,
                        "missing": bool(ev.missing) or ev.coverage <= 0, "generated": True, "correct": False,
                        "quote_coverage": ev.coverage, "quote_correct": False})
    return out


def utility(rows: list[dict], min_similarity: float, min_coverage: float) -> tuple[int, int]:
    """(score, false refusals) of the gate with these thresholds replayed on the records."""
    score = refused_answerable = 0
    waived = gate.Thresholds().named_coverage
    for r in rows:
        if r["missing"] or (r["similarity"] < min_similarity
                            and not (r.get("named") and r.get("coverage", 0.0) >= waived) and not r.get("defined")):
            answered, right = False, False
        elif r["generated"]:
            answered, right = True, r["correct"]
        else:
            answered = r["quote_coverage"] >= min_coverage
            right = answered and r["quote_correct"]
        if r["answerable"]:
            score += 1 if right else (-1 if answered else 0)
            refused_answerable += not answered
        else:
            score += -1 if answered else 1
    return score, refused_answerable


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=Path, help="replay records logged by an earlier run (JSON lines)")
    parser.add_argument("--backend", default=Settings().embedding_backend, help="onnx-int8 (default) or torch")
    parser.add_argument("--model", default="default", help="the embedding model (default: MiniLM; all-mpnet-base-v2)")
    args = parser.parse_args()
    embedder = load_embedder(args.model, args.backend)
    rows = [json.loads(line) for line in args.records.open()] if args.records else records(embedder)
    rows = [r for r in rows if r["id"] != "msmarco"] + off_topic_records(embedder)
    grid = [(s / 100, c / 100) for s in range(20, 61) for c in range(0, 81, 2)]
    scored = {t: utility(rows, *t) for t in grid}
    answerable = sum(r["answerable"] for r in rows)
    allowed = [t for t in grid if scored[t][1] <= MAX_FALSE_REFUSALS * answerable] or grid
    top = max((scored[t][0], -scored[t][1]) for t in allowed)
    best_cov = min(t[1] for t in allowed if (scored[t][0], -scored[t][1]) == top)
    tied = sorted(t[0] for t in allowed if (scored[t][0], -scored[t][1]) == top and t[1] == best_cov)
    best = (tied[len(tied) // 2], best_cov)  # the middle of the best similarity range: the widest margin
    score, refused = scored[best]
    entry = {"model": embedder.name, "min_similarity": best[0], "min_coverage": best[1],
             "refusal_coverage": gate.Thresholds().refusal_coverage,
             "calibrated_on": f"{len(rows)} calibration questions (seeds + news + msmarco queries as off-topic), "
                              f"utility {score}, answerable refused {refused}, {Settings().top_k} passages each"}
    data = json.loads(gate.CALIBRATION_FILE.read_text()) if gate.CALIBRATION_FILE.exists() else {}
    data[embedder.sha256] = entry
    gate.CALIBRATION_FILE.write_text(json.dumps(data, indent=2) + "\n")
    print(json.dumps(entry, indent=2))


if __name__ == "__main__":
    main()
