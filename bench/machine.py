"""The machine and the library versions the benchmark ran on (results.json "machine" and "versions")."""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path
from typing import Any


def machine_info() -> dict[str, Any]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")),
               platform.processor() or "unknown")
    flags = next((line.split(":", 1)[1].split() for line in cpuinfo.splitlines() if line.startswith("flags")), [])
    mem_kb = 0
    if Path("/proc/meminfo").exists():
        mem_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                          if line.startswith("MemTotal")))
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gib": round(mem_kb / 1024**2, 1),
            "simd": [f for f in ("avx2", "avx512f", "avx512_vnni", "amx_tile") if f in flags],
            "os": platform.platform(), "load_average_start": [round(x, 2) for x in os.getloadavg()]}


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for label, dist in (("torch", "torch"), ("sentence-transformers", "sentence-transformers"),
                        ("transformers", "transformers"), ("faiss", "faiss-cpu"),
                        ("llama-cpp-python", "llama-cpp-python"), ("bm25s", "bm25s"), ("numpy", "numpy")):
        try:
            out[label] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[label] = "not installed"
    return out
