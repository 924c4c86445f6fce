"""6. Memory: peak RSS of a serving process (one answer) and of a cold `chatbot index` full build."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from chatbot.settings import Settings

from .common import SERVE_RUNS, chatbot_cli, log, med, run_measured

SERVE_SCRIPT = """
import json, resource, sys, time
from pathlib import Path
from chatbot.answer import Engine
from chatbot.settings import Settings
t = time.perf_counter()
engine = Engine(Settings(docs=Path(sys.argv[1]), index=Path(sys.argv[2]), models=Path(sys.argv[3])))
engine.reload()
result = engine.ask(sys.argv[4])
hwm = [int(x.split()[1]) for x in open("/proc/self/status") if x.startswith("VmHWM")]
print(json.dumps({"maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "vmhwm_kb": hwm[0] if hwm else 0,
                  "mode": result.mode, "model": result.model, "seconds": time.perf_counter() - t}))
"""


def section_memory(seeds: Settings, msmarco_docs: Path, tmp: Path, question: str) -> dict[str, Any]:
    index = tmp / "memory-seeds-index"  # built as a user's would be: the CLI with the default settings
    res = run_measured([chatbot_cli(), "index", "--docs", str(seeds.docs), "--index", str(index), "--json"])
    if res["rc"]:
        raise RuntimeError(f"chatbot index of the seeds failed: {res['stderr'][-500:]}")
    serve = []
    for r in range(SERVE_RUNS):
        res = run_measured([sys.executable, "-c", SERVE_SCRIPT, str(seeds.docs), str(index),
                            str(seeds.models), question])
        info = json.loads(res["stdout"].strip().splitlines()[-1]) if res["rc"] == 0 else {}
        serve.append({"maxrss_mb": info.get("maxrss_kb", 0) / 1024, "vmhwm_mb": info.get("vmhwm_kb", 0) / 1024,
                      "launcher_maxrss_mb": res["maxrss_mb"],
                      "mode": info.get("mode"), "model": info.get("model"), "wall_s": res["seconds"],
                      "rc": res["rc"], "stderr": res["stderr"][-300:] if res["rc"] else ""})
        log(f"  serving process {r + 1}/{SERVE_RUNS}: peak RSS {serve[-1]['maxrss_mb']:.0f} MB ({info.get('mode')})")
    res = run_measured([chatbot_cli(), "index", "--docs", str(msmarco_docs),
                        "--index", str(tmp / "memory-index"), "--json"])
    report = json.loads(res["stdout"]) if res["rc"] == 0 else {}
    log(f"  CLI full build: peak RSS {res['maxrss_mb']:.0f} MB, {res['seconds']:.1f} s (rc {res['rc']})")
    return {"serve_runs": serve, "serve_maxrss_mb": med([s["maxrss_mb"] for s in serve]),
            "serve_vmhwm_mb": med([s["vmhwm_mb"] for s in serve]),
            "build_maxrss_mb": res["maxrss_mb"], "build_cli_wall_s": res["seconds"], "build_rc": res["rc"],
            "build_chunks": report.get("chunks"), "build_stderr": res["stderr"][-300:] if res["rc"] else ""}
