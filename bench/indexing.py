"""1. Index build: full builds of the msmarco passages against direct encodes of the same chunk texts."""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from chatbot import store
from chatbot.build import build
from chatbot.embed import SentenceTransformerEmbedder
from chatbot.settings import Settings

from .common import BUILD_RUNS, SECOND_BUILD_PAIR_MAX_S, log, med, rnd, timed


class StageClock:
    """A build progress callback that notes when each stage is first and last reported."""

    def __init__(self) -> None:
        self.first: dict[str, float] = {}
        self.last: dict[str, float] = {}
        self.start = time.perf_counter()

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        self.first.setdefault(stage, now)
        self.last[stage] = now

    def breakdown(self, end: float) -> dict[str, float]:
        f, la = self.first, self.last
        read0, read1 = f.get("reading documents", self.start), la.get("reading documents", self.start)
        emb0, emb1 = f.get("embedding chunks", read1), la.get("embedding chunks", read1)
        wr0, wr1 = f.get("writing index", emb1), la.get("writing index", end)
        return {"scan_and_hash": read0 - self.start, "read_and_clean": read1 - read0,
                "dedupe_and_chunk": emb0 - read1, "embed": emb1 - emb0, "write_index_and_bm25": wr1 - wr0,
                "other": (end - self.start) - (wr1 - self.start) + (wr0 - emb1)}


def direct_encode(embedder: SentenceTransformerEmbedder, texts: list[str]) -> float:
    t = time.perf_counter()
    embedder.model.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True,
                          show_progress_bar=False)
    return time.perf_counter() - t


class TokenizerOnly:
    """The real embedder's tokenizer with a model that returns zeros: a build with it chunks exactly like the
    real one (same chunk texts) and measures everything a build does except the embedding itself."""

    def __init__(self, real: SentenceTransformerEmbedder) -> None:
        self.real = real
        self.name, self.sha256, self.dim, self.max_tokens = real.name, real.sha256, real.dim, real.max_tokens

    def encode(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        return np.zeros((len(texts), self.dim), dtype=np.float32)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return self.real.count_tokens(texts)

    def split_long(self, text: str, max_tokens: int) -> list[tuple[int, int]]:
        return self.real.split_long(text, max_tokens)



def section_build(settings: Settings, embedder: SentenceTransformerEmbedder, tmp: Path
                  ) -> tuple[dict[str, Any], list[str]]:
    """Full builds against direct encodes of the same chunk texts.

    The direct encode is split into two halves of equal length distribution run just before and just after
    each build, so a slow drift in the machine's load affects both sides alike.
    """
    scratch = dataclasses.replace(settings, index=tmp / "tokenizer-only-index")
    report, overhead_s, _ = timed(lambda: build(scratch, rebuild=True, embedder=TokenizerOnly(embedder)))  # type: ignore[arg-type]
    texts = [c.text for c in store.load(scratch.index).chunks]
    log(f"  build without embedding (tokenizer only): {len(texts)} chunks in {overhead_s:.1f} s")
    by_length = sorted(texts, key=len)
    halves = [by_length[0::2], by_length[1::2]]
    runs: list[dict[str, Any]] = []
    for r in range(BUILD_RUNS):
        load = os.getloadavg()[0]
        _, enc_a, cpu_a = timed(lambda: direct_encode(embedder, halves[0]))
        clock = StageClock()
        report, seconds, build_cpu = timed(lambda: build(settings, rebuild=True, embedder=embedder,
                                                         progress=clock))  # noqa: B023 - called at once
        end = time.perf_counter()
        _, enc_b, cpu_b = timed(lambda: direct_encode(embedder, halves[1]))
        enc, enc_cpu = enc_a + enc_b, cpu_a + cpu_b
        log(f"  build {r + 1}/{BUILD_RUNS}: {report.chunks} chunks in {seconds:.1f} s; direct encode of the same "
            f"texts (two halves around it) {enc:.1f} s")
        runs.append({"build_s": seconds, "chunks": report.chunks, "documents": len(report.added),
                     "build_chunks_per_s": report.chunks / seconds, "encode_s": enc,
                     "encode_chunks_per_s": len(texts) / enc, "ratio": (report.chunks / seconds) / (len(texts) / enc),
                     "build_cpu_s": build_cpu, "encode_cpu_s": enc_cpu,
                     "ratio_cpu": (report.chunks / build_cpu) / (len(texts) / enc_cpu), "load_average_1m": load,
                     "stages_s": {k: rnd(v, 3) for k, v in clock.breakdown(end).items()}})
        if r + 1 < BUILD_RUNS and seconds + enc > SECOND_BUILD_PAIR_MAX_S:
            log(f"  that took {seconds + enc:.0f} s (machine busy): no second pair, to stay in the time budget")
            break
    assert runs[0]["chunks"] == len(texts), "the tokenizer-only build chunked differently"
    out = {
        "runs": runs,
        "documents": runs[0]["documents"],
        "chunks": runs[0]["chunks"],
        "build_without_embedding_s": overhead_s,
        "build_s": med([r["build_s"] for r in runs]),
        "build_chunks_per_s": med([r["build_chunks_per_s"] for r in runs]),
        "encode_chunks_per_s": med([r["encode_chunks_per_s"] for r in runs]),
        "ratio": med([r["ratio"] for r in runs]),
        "ratio_cpu": med([r["ratio_cpu"] for r in runs]),
        "stages_s": {k: med([r["stages_s"][k] for r in runs]) for k in runs[0]["stages_s"]},
        "embed_stage_chunks_per_s": med([r["chunks"] / r["stages_s"]["embed"] for r in runs if r["stages_s"]["embed"]]),
    }
    # What the ratio would be if the embedding inside the build ran exactly as fast as the direct encode:
    # less sensitive to load changes than the measured ratio, since it needs only the non-embedding time.
    enc_s = len(texts) / out["encode_chunks_per_s"]
    out["ratio_from_overhead"] = enc_s / (enc_s + overhead_s)
    return out, texts

