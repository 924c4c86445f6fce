"""Which answering model: every packaged model through the same engine, side by side in one run.

For each model (and the 0.5B re-quantized to Q4_0), in a fresh process so its memory is its own: the
shared dev questions and the report half of our two question sets (seeds, news), answered by the real
engine. Per model: correct answers, generated-and-verified share, median answer words, first sentence
answers, refusals, time to first token, generation speed, peak memory. Writes bench/models.json and
bench/models.md.

    .venv/bin/python -m bench.models                 # all models (about an hour on 2 cores)
    .venv/bin/python -m bench.models --only qwen2.5-coder-0.5b
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from chatbot import models
from chatbot.answer import Engine
from chatbot.build import build
from chatbot.embed import SentenceTransformerEmbedder
from chatbot.evaluate import answer_metrics, read_questions
from chatbot.generate import LlamaGenerator
from chatbot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SETS = {  # name: (documents, questions, split)
    "dev": (ROOT / "seeds", DATA / "seeds_dev.jsonl", ""),
    "seeds report": (ROOT / "seeds", DATA / "questions" / "seeds.jsonl", "report"),
    "news report": (DATA / "news", DATA / "questions" / "news.jsonl", "report"),
}
Q4_0 = "qwen2.5-coder-0.5b-q4_0"
ORDER = [models.QWEN_15B.key, models.QWEN_05B.key, Q4_0, models.SMOLLM2.key]
COLUMNS = ("correct", "generated_share", "generated_correct_share", "extractive_share", "false_refusals",
           "near_miss_refused", "median_answer_words", "first_sentence_answers", "wrong_answers", "unsupported_facts")


def model_path(key: str) -> Path:
    """The GGUF for a key; Q4_0 is made once from the 0.5B model with llama.cpp's own quantizer."""
    if key != Q4_0:
        return models.path_of(models.PACKAGED[key])
    target = models.cache_dir() / f"{Q4_0}.gguf"
    if not target.exists():
        import ctypes

        import llama_cpp

        params = llama_cpp.llama_model_quantize_default_params()
        params.ftype, params.allow_requantize, params.nthread = llama_cpp.LLAMA_FTYPE_MOSTLY_Q4_0, True, 2
        source = models.path_of(models.QWEN_05B)
        tmp = target.with_suffix(".tmp")
        if llama_cpp.llama_model_quantize(str(source).encode(), str(tmp).encode(), ctypes.byref(params)) != 0:
            raise RuntimeError("llama_model_quantize failed")
        tmp.rename(target)
    return target


def evaluate_one(key: str) -> dict[str, Any]:
    """Answer every question of every set with one model (run in its own process)."""
    embedder = SentenceTransformerEmbedder()
    path = model_path(key)
    t = time.perf_counter()
    generator = LlamaGenerator(path, n_ctx=Settings().n_ctx)
    load_s = time.perf_counter() - t
    out: dict[str, Any] = {"model": key, "file": path.name, "size_mb": round(path.stat().st_size / 1e6),
                           "load_s": round(load_s, 2), "sets": {}}
    firsts, rates, all_q, all_r = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        indexes: dict[Path, Engine] = {}
        for name, (docs, questions, split) in SETS.items():
            if docs not in indexes:
                settings = replace(Settings(), docs=docs, index=Path(tmp) / docs.name)
                build(settings, embedder=embedder)
                indexes[docs] = Engine(settings, embedder=embedder, generator=generator)
            engine = indexes[docs]
            qs = [q for q in read_questions(questions) if not split or q.split == split]
            results = [engine.ask(q.question, history=q.turns) for q in qs]
            out["sets"][name] = {k: _round(v) for k, v in answer_metrics(qs, results, engine.index).items()}
            out["sets"][name]["answers"] = [{"id": q.id, "mode": r.mode, "answer": r.answer}
                                            for q, r in zip(qs, results, strict=True)]
            firsts += [r.timings["first_token"] for r in results if "first_token" in r.timings]
            rates += [r.timings["tokens_per_second"] for r in results if r.timings.get("tokens_per_second")]
            all_q += qs
            all_r += results
            print(f"{key} {name}: correct {out['sets'][name]['correct']:.2f}", file=sys.stderr, flush=True)
        report_q = [(q, r) for q, r in zip(all_q, all_r, strict=True) if q.split == "report"]
        out["report"] = {k: _round(v) for k, v in answer_metrics(
            [q for q, _ in report_q], [r for _, r in report_q], Both(indexes)).items()}
    firsts.sort()
    out["ttft_p50_s"] = _round(statistics.median(firsts)) if firsts else None
    out["ttft_p95_s"] = _round(firsts[int(0.95 * (len(firsts) - 1))]) if firsts else None
    out["tokens_per_s"] = _round(statistics.median(rates)) if rates else None
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


class Both:
    """The documents of several indexes, for the independent fact check across both report sets."""

    def __init__(self, engines: dict[Path, Engine]) -> None:
        self.docs = {k: v for e in engines.values() for k, v in e.index.docs.items()}


def _round(x: Any) -> Any:
    return round(x, 3) if isinstance(x, float) else x


def markdown(rows: list[dict[str, Any]]) -> str:
    lines = ["# Answering models, side by side", "",
             f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores by `python -m bench.models`: the report "
             "half of tests/data/questions (seeds and news) plus the shared dev set, each model through the same "
             "engine. Shares are of answerable questions; near-misses are the unanswerable questions about "
             "something the documents do not mention.", "",
             "| model | size | correct | generated and verified | generated and correct | quoted | false refusals | "
             "near-misses refused | median words | first sentence answers | TTFT p50 | TTFT p95 | gen tok/s | "
             "peak memory |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        m = r["report"]
        lines.append(
            f"| {r['model']} | {r['size_mb']} MB | {m['correct']:.2f} | {m['generated_share']:.2f} | "
            f"{m['generated_correct_share']:.2f} | {m['extractive_share']:.2f} | {m['false_refusals']:.2f} | "
            f"{m['near_miss_refused']:.2f} | {m['median_answer_words']:g} | {m['first_sentence_answers']:.2f} | "
            f"{r['ttft_p50_s']:.2f} s | {r['ttft_p95_s']:.2f} s | {r['tokens_per_s']:.1f} | {r['peak_rss_mb']} MB |")
    lines += ["", "Per question set (correct / generated and verified / false refusals / near-misses refused):", "",
              "| model | " + " | ".join(SETS) + " |", "|---|" + "---|" * len(SETS)]
    for r in rows:
        cells = [f"{s['correct']:.2f} / {s['generated_share']:.2f} / {s['false_refusals']:.2f} / "
                 + (f"{s['near_miss_refused']:.2f}" if s["near_miss"] else "–") for s in r["sets"].values()]
        lines.append(f"| {r['model']} | " + " | ".join(cells) + " |")
    lines += ["", "Unsupported facts shown (numbers or names in an answer that appear in no hand-labelled source "
              "document; independent of the verifier): " + ", ".join(f"{r['model']} {r['report']['unsupported_facts']}"
                                                             for r in rows) + "."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", action="append", help="a model key (repeatable)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--markdown", action="store_true", help="only rewrite models.md from models.json")
    args = parser.parse_args()
    if args.markdown:
        (ROOT / "bench" / "models.md").write_text(markdown(json.loads((ROOT / "bench" / "models.json").read_text())))
        return
    if args.child:
        print(json.dumps(evaluate_one(args.child)))
        return
    rows = []
    for key in args.only or ORDER:
        run = subprocess.run([sys.executable, "-m", "bench.models", "--child", key], cwd=ROOT, check=True,
                             stdout=subprocess.PIPE, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})
        rows.append(json.loads(run.stdout.strip().splitlines()[-1]))
    (ROOT / "bench" / "models.json").write_text(json.dumps(rows, indent=1) + "\n")
    (ROOT / "bench" / "models.md").write_text(markdown(rows))
    print(markdown(rows))


if __name__ == "__main__":
    main()
