"""2. Incremental updates: add and remove one document, no-op builds in process and through the CLI."""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import numpy as np

from chatbot.build import build
from chatbot.embed import SentenceTransformerEmbedder
from chatbot.settings import Settings

from .common import CLI_RUNS, NOOP_RUNS, UPDATE_RUNS, chatbot_cli, log, med, run_measured


def probe_text(n: int, vocabulary: list[str]) -> str:
    rng = np.random.default_rng(1000 + n)
    words = [vocabulary[i] for i in rng.integers(len(vocabulary), size=120)]
    return f"Update probe number {n}\n\n" + " ".join(words).capitalize() + "."


def section_update(settings: Settings, embedder: SentenceTransformerEmbedder, full_build_s: float,
                   vocabulary: list[str]) -> dict[str, Any]:
    probes = []
    for r in range(UPDATE_RUNS):
        path = settings.docs / f"zz-bench-probe-{r}.txt"
        path.write_text(probe_text(r, vocabulary), encoding="utf-8")
        t = time.perf_counter()
        report = build(settings, embedder=embedder)
        seconds = time.perf_counter() - t
        probes.append({"seconds": seconds, "added": len(report.added), "changed": len(report.changed),
                       "removed": len(report.removed), "chunks": report.chunks})
        log(f"  add one document {r + 1}/{UPDATE_RUNS}: {seconds:.2f} s, added {len(report.added)}")
    noop = []
    for _ in range(NOOP_RUNS):
        t = time.perf_counter()
        report = build(settings, embedder=embedder)
        noop.append(time.perf_counter() - t)
        assert not (report.added or report.changed or report.removed), "no-op build changed something"
    cli = []
    for r in range(CLI_RUNS):
        res = run_measured([chatbot_cli(), "index", "--docs", str(settings.docs),
                            "--index", str(settings.index), "--json"])
        report_json = json.loads(res["stdout"]) if res["rc"] == 0 else {}
        cli.append({"seconds": res["seconds"], "rc": res["rc"], "build_seconds": report_json.get("seconds"),
                    "changed_anything": bool(report_json.get("added") or report_json.get("changed")
                                             or report_json.get("removed")), "maxrss_mb": res["maxrss_mb"],
                    "stderr": res["stderr"][-300:] if res["rc"] else ""})
        log(f"  CLI no-op {r + 1}/{CLI_RUNS}: {res['seconds']:.2f} s (rc {res['rc']})")
    import_s = run_measured([sys.executable, "-X", "importtime", "-c", "import chatbot.cli, chatbot.build"])
    removals = []
    for r in range(UPDATE_RUNS):
        (settings.docs / f"zz-bench-probe-{r}.txt").unlink()
        t = time.perf_counter()
        report = build(settings, embedder=embedder)
        removals.append(time.perf_counter() - t)
        assert len(report.removed) == 1
    add_s = med([p["seconds"] for p in probes])
    return {
        "add_one_runs": probes, "add_one_s": add_s, "add_one_share_of_full": add_s / full_build_s,
        "added_each_time": sorted({p["added"] for p in probes}),
        "remove_one_s": med(removals),
        "noop_in_process_runs": noop, "noop_in_process_s": med(noop),
        "noop_cli_runs": cli, "noop_cli_s": med([c["seconds"] for c in cli]),
        "noop_cli_inside_build_s": med([c["build_seconds"] for c in cli if c["build_seconds"] is not None]),
        "import_time_top": _import_top(import_s["stderr"]),
    }


def _import_top(importtime: str, n: int = 6) -> list[tuple[str, float]]:
    """The slowest top-level imports of `python -X importtime` (cumulative seconds)."""
    rows = []
    for line in importtime.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2]
            if not name.startswith("  ") and name.strip():
                rows.append((name.strip(), int(parts[1]) / 1e6))
    return sorted(rows, key=lambda r: -r[1])[:n]

