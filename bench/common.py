"""Settings of the benchmark run (from the BENCH_* environment variables) and helpers every section uses."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from chatbot.settings import Settings

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
SHARED = Path(os.environ.get("BENCH_SHARED") or REPO.parent / "shared")
MSMARCO = SHARED / "bench" / "msmarco"
DEV = REPO / "tests" / "data" / "seeds_dev.jsonl"  # a copy of the shared dev questions

PASSAGES = 500 if QUICK else 0  # 0 = the whole corpus
BUILD_RUNS = 1 if QUICK else 2  # full builds (about 1-2 min each) and as many direct encodes, alternating
UPDATE_RUNS = 3
NOOP_RUNS = 5
CLI_RUNS = 2 if QUICK else 3
SEARCH_PASSES = 2 if QUICK else 5
FAISS_SIZES = (10_000, 100_000) if QUICK else (10_000, 100_000, 1_000_000)
FAISS_QUERIES = 100
FLAT_LATENCY_QUERIES = 30  # per-query timing of exact search at 1M vectors costs ~0.1-0.5 s each
HNSW_MAX = 100_000  # HNSW build at 1M takes many minutes on 2 cores: IVF only there
ANSWER_PASSES = 1 if QUICK else 2  # each: 20 questions through the engine and plain llama-cpp-python
BACKEND_ROUNDS = 1 if QUICK else 2  # full builds with each embedding backend, alternating
# The run aims to finish within BENCH_BUDGET_MIN minutes: on a slow (busy) machine the second build/encode
# pair and the second answering pass are skipped, and results.md shows the counts actually run.
BUDGET_S = float(os.environ.get("BENCH_BUDGET_MIN") or 19) * 60
SECOND_BUILD_PAIR_MAX_S = 300  # run the second build/encode pair only if the first took less than this
MEMORY_RESERVE_S = 240  # time kept for the memory section (serving processes and a cold CLI build)
SERVE_RUNS = 1 if QUICK else 3
WHATIF_PROMPT_WORDS = Settings().prompt_words // 2  # a what-if pass with half the passage words
FLAT_BUDGET_MS = 10.0  # vector search share of the 30 ms hybrid latency goal

T0 = time.perf_counter()


def log(msg: str) -> None:
    print(f"[{time.perf_counter() - T0:7.1f}s] {msg}", flush=True)


def med(xs: Sequence[float]) -> float:
    return float(statistics.median(xs)) if xs else float("nan")


def pct(xs: Sequence[float], p: float) -> float:
    return float(np.percentile(np.asarray(xs, dtype=np.float64), p)) if len(xs) else float("nan")


def rnd(x: float, digits: int = 4) -> float:
    return round(float(x), digits)


def timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """(result, wall seconds, CPU seconds of this process)."""
    cpu, t = time.process_time(), time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t, time.process_time() - cpu


def clean_env() -> dict[str, str]:
    """The environment for subprocesses: no CHATBOT_* overrides, so the defaults are measured."""
    return {k: v for k, v in os.environ.items() if not k.startswith("CHATBOT_")}


def chatbot_cli() -> str:
    """The `chatbot` command of this interpreter's environment."""
    return str(Path(sys.executable).parent / "chatbot")


LAUNCHER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.run(sys.argv[2:]).returncode
seconds = time.perf_counter() - t
with open(sys.argv[1], "w") as f:
    json.dump({"rc": rc, "seconds": seconds, "maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}, f)
sys.exit(rc)
"""


def run_measured(cmd: list[str], timeout: float = 900) -> dict[str, Any]:
    """Run a command; its wall time, exit code, output and peak RSS.

    The command is started by a small launcher process that reports the peak RSS of its child. Measured
    directly, a child of this (large) process would report at least our own RSS: Linux carries the
    parent's RSS high-water mark across fork and exec into ru_maxrss.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(suffix=".json") as usage:
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", LAUNCHER, usage.name, *cmd], stdout=out, stderr=err,
                              env=clean_env(), cwd=REPO, timeout=timeout)
        wall = time.perf_counter() - t  # includes the launcher's start-up; the launcher times the child alone
        out.seek(0)
        err.seek(0)
        try:
            info = json.loads(Path(usage.name).read_text())
        except (OSError, ValueError):
            info = {}
        return {"rc": proc.returncode, "seconds": info.get("seconds", wall),
                "stdout": out.read().decode("utf-8", "replace"),
                "stderr": err.read().decode("utf-8", "replace")[-2000:], "maxrss_mb": info.get("maxrss_kb", 0) / 1024}
