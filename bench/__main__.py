"""The benchmark (make bench): index build, updates, retrieval latency, FAISS scaling, answering, quality, memory,
embedding backends, vector stores.

Writes bench/results.json (every raw figure, git-ignored) and bench/results.md (the summary, committed).
Each figure is the median of several runs; every speed figure that has a baseline is a ratio to that
baseline measured in the same run, interleaved with it. All documents and indexes live in a temporary folder.

    make bench                   # the full run: msmarco 5,000 passages, about 15-20 minutes on 2 cores
    BENCH_QUICK=1 make bench     # development: 500 passages, fewer runs, FAISS up to 100k vectors
    BENCH_SHARED=/path/shared    # where bench/msmarco and eval/seeds_dev.jsonl live (default: ../shared)
    BENCH_BUDGET_MIN=19          # time budget: on a busy machine some repeats are skipped to stay within it
    python -m bench --report-only   # rewrite results.md from results.json
    python -m bench --only stores   # one section alone (FAISS against Milvus Lite): printed, results-stores.json

One module per section (indexing, update, retrieval, faiss_scale, answering, memory, backends, stores), the
settings and shared helpers in common, the tables of results.md in report.
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from chatbot import embed, store
from chatbot.embed import SentenceTransformerEmbedder
from chatbot.evaluate import beir_metrics, read_beir, read_questions, write_beir_docs
from chatbot.settings import Settings

from .answering import section_answer
from .backends import section_backends
from .common import DEV, HERE, MSMARCO, PASSAGES, QUICK, REPO, T0, log, med
from .faiss_scale import section_faiss
from .indexing import section_build
from .machine import machine_info, versions
from .memory import section_memory
from .question_sets import section_question_sets
from .report import compact, goals, markdown, stores_md
from .retrieval import section_retrieval
from .stores import section_stores
from .update import section_update


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--report-only", action="store_true",
                        help="re-render results.md from results.json (after editing the report code)")
    parser.add_argument("--only", choices=["stores"], help="run one section alone; writes bench/results-NAME.json")
    args = parser.parse_args()
    if args.report_only:
        report_only()
        return
    for need in (MSMARCO / "corpus.jsonl", DEV):
        if not need.exists():
            sys.exit(f"bench: {need} is missing (set BENCH_SHARED to the folder holding bench/ and eval/)")
    os.chdir(REPO)
    if args.only:
        only_stores()
        return
    R: dict[str, Any] = {"date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
                         "quick": QUICK, "machine": machine_info(), "versions": versions(), "sections": {}}
    log(f"bench {'(quick) ' if QUICK else ''}on {R['machine']['cpu']}, {R['machine']['cores']} cores, "
        f"load {R['machine']['load_average_start']}")
    corpus, queries, _ = read_beir(MSMARCO)
    if PASSAGES:
        corpus = dict(list(corpus.items())[:PASSAGES])
    with tempfile.TemporaryDirectory(prefix="chatbot-bench-") as tmp_name:
        run_sections(R["sections"], corpus, list(queries.values()), Path(tmp_name))
    R["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    R["seconds"] = time.perf_counter() - T0
    R["goals"] = goals(R)
    (HERE / "results.json").write_text(json.dumps(R, indent=1, default=str) + "\n", encoding="utf-8")
    (HERE / "results.md").write_text(markdown(R), encoding="utf-8")
    print()
    print(compact(R))
    print(f"\nwrote bench/results.md and bench/results.json in {R['seconds'] / 60:.1f} min")


def only_stores() -> None:
    """Section 8 alone, on the msmarco passages, with the default embedder."""
    corpus = read_beir(MSMARCO)[0]
    if PASSAGES:
        corpus = dict(list(corpus.items())[:PASSAGES])
    R: dict[str, Any] = {"date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
                         "quick": QUICK, "machine": machine_info(), "versions": versions(), "sections": {}}
    with tempfile.TemporaryDirectory(prefix="chatbot-bench-") as tmp_name:
        tmp = Path(tmp_name)
        write_beir_docs(corpus, tmp / "msmarco-docs")
        log(f"8. vector stores: FAISS against Milvus Lite, {len(corpus):,} passages")
        R["sections"]["stores"] = section_stores(embed.load_embedder("default"), Settings(docs=tmp / "msmarco-docs"),
                                                 tmp)
    R["seconds"] = time.perf_counter() - T0
    (HERE / "results-stores.json").write_text(json.dumps(R, indent=1, default=str) + "\n", encoding="utf-8")
    print("\n".join(stores_md(R)))


def report_only() -> None:
    R = json.loads((HERE / "results.json").read_text(encoding="utf-8"))
    R["goals"] = goals(R)
    (HERE / "results.md").write_text(markdown(R), encoding="utf-8")
    print(compact(R))


def run_sections(S: dict[str, Any], corpus: dict[str, Any], queries: list[str], tmp: Path) -> None:
    """Every section in order, each figure into S (results.json "sections")."""
    docs = tmp / "msmarco-docs"
    write_beir_docs(corpus, docs)
    msmarco = Settings(docs=docs, index=tmp / "msmarco-index")
    embedder = load_embedder(S)

    log(f"1. index build: {len(corpus):,} passages")
    S["build"], texts = section_build(msmarco, embedder, tmp)

    log("3. retrieval latency")
    index = store.load(msmarco.index)
    S["retrieval"] = section_retrieval(index, embedder, queries, Settings().top_k)

    log("5. quality: msmarco nDCG@10")
    S["quality"] = {"beir": beir_metrics(index, embedder, MSMARCO)}
    log("5b. quality: our question sets")
    S["quality"]["question_sets"] = section_question_sets(embedder, tmp)

    del index

    log("2. incremental update")
    vocabulary = sorted({w.strip(".,;:()").lower() for t in texts[:300] for w in t.split() if w.isalpha()})
    S["update"] = section_update(msmarco, embedder, S["build"]["build_s"], vocabulary)

    log("3b. FAISS at scale")
    S["faiss"] = section_faiss()

    log("4. answering")
    seeds = Settings(docs=REPO / "seeds", index=tmp / "seeds-index", models=tmp / "no-models")
    S["answer"] = section_answer(seeds, embed.load_embedder("default"))  # as users get it: the ONNX embedder
    S["quality"]["answers"] = S["answer"]["answer_metrics"]

    log("6. memory")
    S["memory"] = section_memory(seeds, docs, tmp, read_questions(DEV)[0].question)

    log("7. embedding backends: the default onnx-int8 against torch")
    S["backends"] = section_backends(embedder, msmarco, tmp, S["quality"]["beir"])
    logging.getLogger().setLevel(logging.WARNING)  # onnxruntime's quantizer turns the root logger up

    log("8. vector stores: FAISS against Milvus Lite")
    S["stores"] = section_stores(embed.load_embedder("default"), msmarco, tmp)


def load_embedder(S: dict[str, Any]) -> SentenceTransformerEmbedder:
    """Load the embedding model three times (the first load imports torch), keep the last, warm it up."""
    loads = []
    for _ in range(3):
        t = time.perf_counter()
        embedder = SentenceTransformerEmbedder("default")
        loads.append(time.perf_counter() - t)
    S["embedder_first_load_s"] = loads[0]  # includes importing torch and sentence-transformers
    S["embedder_load_s"] = med(loads[1:])
    embedder.encode(["warm-up"] * 64)
    return embedder


if __name__ == "__main__":
    main()
