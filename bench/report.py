"""The report: the goals table, results.md (one function per table) and the short summary printed at the end."""

from __future__ import annotations

from typing import Any

from chatbot.retrieve import MODES

from .common import CLI_RUNS, FAISS_SIZES, HNSW_MAX, NOOP_RUNS, SERVE_RUNS, UPDATE_RUNS, med


def goals(R: dict[str, Any]) -> list[dict[str, Any]]:
    s = R["sections"]
    b, u, r, a, m, e = s["build"], s["update"], s["retrieval"], s["answer"], s["memory"], s["backends"]
    rows = [
        ("1", "index build: chunks/s of a full build ÷ direct SentenceTransformer.encode", "≥ 0.90",
         b["ratio"], f"{b['ratio']:.2f} ({b['build_chunks_per_s']:.1f} vs {b['encode_chunks_per_s']:.1f} chunks/s)",
         b["ratio"] >= 0.9),
        ("2", "add one document: time as share of a full build", "< 5 %", u["add_one_share_of_full"],
         f"{100 * u['add_one_share_of_full']:.1f} % ({u['add_one_s']:.2f} s of {b['build_s']:.1f} s)",
         u["add_one_share_of_full"] < 0.05),
        ("2", "add one document: report.added", "= 1", u["added_each_time"], str(u["added_each_time"]),
         u["added_each_time"] == [1]),
        ("2", "no-op update, in process", "< 2 s", u["noop_in_process_s"], f"{u['noop_in_process_s']:.2f} s",
         u["noop_in_process_s"] < 2),
        ("2", "no-op update, `chatbot index --json` in a fresh process", "< 2 s", u["noop_cli_s"],
         f"{u['noop_cli_s']:.2f} s", u["noop_cli_s"] < 2),
        ("3", f"hybrid retrieval p50 per query ({r['chunks']:,} chunks)", "< 30 ms", r["hybrid"]["p50_ms"],
         f"{r['hybrid']['p50_ms']:.1f} ms", r["hybrid"]["p50_ms"] < 30),
        ("4", "time to first token p50 (20 dev questions, default model)", "< 3 s", a["ttft_p50_s"],
         f"{a['ttft_p50_s']:.2f} s", a["ttft_p50_s"] < 3),
        ("4", "generation tokens/s: engine ÷ plain llama-cpp-python", "≥ 0.95", a["gen_ratio"],
         f"{a['gen_ratio']:.2f} ({a['engine_gen_tps']:.1f} vs {a['plain_gen_tps']:.1f} tok/s)",
         a["gen_ratio"] >= 0.95),
        ("6", "peak RSS of a serving process (default models, one answer)", "< 1.5 GB", m["serve_maxrss_mb"],
         f"{m['serve_maxrss_mb'] * 1.048576:.0f} MB", 0 < m["serve_maxrss_mb"] * 2**20 < 1.5e9),
        ("7", "full build speed: the default embedding backend (onnx-int8) ÷ torch, same run", "≥ 1.4",
         e["speedup"], f"{e['speedup']:.2f} ({e['onnx-int8']['build_s']:.1f} vs {e['torch']['build_s']:.1f} s)",
         e["speedup"] >= 1.4),
        ("7", "dense nDCG@10 on msmarco: onnx-int8 − torch", "≥ −0.01", e["dense_ndcg_delta"],
         f"{e['dense_ndcg_delta']:+.4f}", e["dense_ndcg_delta"] >= -0.01),
    ]
    return [{"section": sec, "what": what, "goal": goal, "value": value, "measured": shown, "met": bool(met)}
            for sec, what, goal, value, shown, met in rows]


def fmt_ms(x: float) -> str:
    return f"{x:.2f}" if x < 10 else f"{x:.1f}"



def markdown(R: dict[str, Any]) -> str:
    lines = [*header_md(R), *goals_md(R), *build_md(R), *update_md(R), *retrieval_md(R), *faiss_md(R),
             *answer_md(R), *quality_md(R), *memory_md(R), *backends_md(R), *stores_md(R)]
    return "\n".join(lines) + "\n"


def header_md(R: dict[str, Any]) -> list[str]:
    """The title, how the figures were made, the machine and the library versions."""
    mach, ver = R["machine"], R["versions"]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (python -m bench) on {R['date']}; the run took {R['seconds'] / 60:.1f} min. "
        "Raw figures: bench/results.json (not committed). Every figure is the median of several runs (counts below); "
        "every ratio is measured against its baseline in the same run, interleaved.",
        "",
    ]
    if R["quick"]:
        lines += ["**BENCH_QUICK run: 500 passages and fewer runs; not the reference figures.**", ""]
    return lines + [
        "| machine | |", "| --- | --- |",
        f"| CPU | {mach['cpu']} ({', '.join(mach['simd']) or 'no AVX2'}) |",
        f"| cores | {mach['cores']} |",
        f"| RAM | {mach['ram_gib']} GiB |",
        f"| load average at start / end | {' '.join(map(str, mach['load_average_start']))} / "
        f"{' '.join(map(str, mach['load_average_end']))} |",
        "",
        "| " + " | ".join(ver) + " |", "|" + " --- |" * len(ver), "| " + " | ".join(ver.values()) + " |",
    ]


def goals_md(R: dict[str, Any]) -> list[str]:
    lines = [
        "",
        "## Goals",
        "",
        "| § | what | goal | measured | met |",
        "| --- | --- | --- | --- | --- |",
    ]
    for g in R["goals"]:
        lines.append(f"| {g['section']} | {g['what']} | {g['goal']} | {g['measured']} | "
                     f"{'met' if g['met'] else '**not met**'} |")
    return lines


def build_md(R: dict[str, Any]) -> list[str]:
    b, st, cores = R["sections"]["build"], R["sections"]["build"]["stages_s"], R["machine"]["cores"]
    return [
        "",
        f"## 1. Index build (msmarco, {b['documents']:,} passages as .txt, {b['chunks']:,} chunks, "
        f"{len(b['runs'])} build(s), each between two half direct encodes)",
        "",
        "| figure | value |", "| --- | --- |",
        f"| full build (`--rebuild`, model preloaded) | {b['build_s']:.1f} s, {b['build_chunks_per_s']:.1f} chunks/s |",
        f"| direct `SentenceTransformer.encode(batch_size=32, normalize_embeddings=True)` | "
        f"{b['encode_chunks_per_s']:.1f} chunks/s |",
        f"| ratio | {b['ratio']:.2f} |",
        f"| embedding stage inside the build | {b['embed_stage_chunks_per_s']:.1f} chunks/s |",
        f"| build stages (s) | scan+hash {st['scan_and_hash']:.1f}, read+clean {st['read_and_clean']:.1f}, "
        f"dedupe+chunk {st['dedupe_and_chunk']:.1f}, embed {st['embed']:.1f}, write+BM25 "
        f"{st['write_index_and_bm25']:.1f} |",
        f"| the same ratio in CPU time | {b['ratio_cpu']:.2f} (cores this process got: build "
        f"{med([x['build_cpu_s'] / x['build_s'] for x in b['runs']]):.2f}, direct encode "
        f"{med([x['encode_cpu_s'] / x['encode_s'] for x in b['runs']]):.2f} of {cores}) |",
        f"| build with a tokenizer-only embedder (everything but the embedding) | "
        f"{b['build_without_embedding_s']:.1f} s → ratio if the build's embedding ran at the direct speed: "
        f"{b['ratio_from_overhead']:.2f} |",
        f"| embedding model load: first (imports torch + sentence-transformers) / again | "
        f"{R['sections']['embedder_first_load_s']:.1f} / {R['sections']['embedder_load_s']:.2f} s |",
    ]


def update_md(R: dict[str, Any]) -> list[str]:
    u = R["sections"]["update"]
    return [
        "",
        f"## 2. Incremental update ({UPDATE_RUNS} adds, {NOOP_RUNS} in-process no-ops, {CLI_RUNS} CLI no-ops)",
        "",
        "| figure | value |", "| --- | --- |",
        f"| add one document | {u['add_one_s']:.2f} s = {100 * u['add_one_share_of_full']:.1f} % of a full build; "
        f"added {u['added_each_time']} |",
        f"| remove one document | {u['remove_one_s']:.2f} s |",
        f"| no-op, in process | {u['noop_in_process_s']:.3f} s |",
        f"| no-op, `chatbot index --json` (fresh process) | {u['noop_cli_s']:.2f} s wall, of which "
        f"{u['noop_cli_inside_build_s']:.2f} s inside build() |",
        f"| slowest imports (`-X importtime`, s) | "
        f"{', '.join(f'{n} {t:.2f}' for n, t in u['import_time_top'])} |",
    ]


def retrieval_md(R: dict[str, Any]) -> list[str]:
    r = R["sections"]["retrieval"]
    lines = [
        "",
        f"## 3. Retrieval latency ({r['chunks']:,} chunks, {r['queries']} msmarco queries × {r['passes']} passes, "
        f"k={r['k']})",
        "",
        "| mode | p50 ms | p95 ms |", "| --- | --- | --- |",
    ]
    for mode in [*MODES, "query_embedding"]:
        lines.append(f"| {mode.replace('_', ' ')} | {fmt_ms(r[mode]['p50_ms'])} | {fmt_ms(r[mode]['p95_ms'])} |")
    return lines


def faiss_md(R: dict[str, Any]) -> list[str]:
    f = R["sections"]["faiss"]
    lines = [
        "",
        f"### FAISS alone, synthetic clustered unit vectors (dim {f['dim']}, {f['queries']} queries, top 10, "
        "one query per call)",
        "",
        "| vectors | index | build s | p50 ms/query | recall@10 vs flat | memory MB |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in f["sizes"]:
        lines.append(f"| {row['n']:,} | IndexFlatIP (exact) | 0 | {fmt_ms(row['flat_p50_ms'])} | 1.000 | "
                     f"{row['flat_memory_mb']:.0f} |")
        for ap in row["approx"]:
            lines.append(f"| {row['n']:,} | {ap['index']} | {ap['build_s']:.1f} | {fmt_ms(ap['p50_ms'])} | "
                         f"{ap['recall@10']:.3f} | {ap['memory_mb']:.0f} |")
    est = f["hnsw_1m_build_estimate_s"]
    return lines + [
        "",
        f"Exact search costs {f['flat_ms_per_million_vectors']:.0f} ms per million vectors per query here. "
        f"**Recommendation: keep IndexFlatIP up to about {f['switch_threshold_vectors']:,} chunks** (where exact "
        f"search alone reaches {f['flat_budget_ms']:.0f} ms, a third of the 30 ms hybrid budget); above that use "
        "HNSW (M=32, efSearch 64-128), or IVF when the index must support removals or be built faster"
        + (f"; HNSW was not built at 1M (estimated ~{est / 60:.0f} min on this machine)." if est and
           max(FAISS_SIZES) > HNSW_MAX else "."),
        "See docs/scaling.md.",
    ]


def answer_md(R: dict[str, Any]) -> list[str]:
    a = R["sections"]["answer"]
    w = a["whatif_short_prompt"]
    return [
        "",
        f"## 4. Answering (packaged {a['model']}, default settings, seeds index, {a['questions']} dev questions × "
        f"{len(a['passes'])} passes)",
        "",
        "| figure | value |", "| --- | --- |",
        f"| time to first token p50 / p95 (first token, else total) | {a['ttft_p50_s']:.2f} / "
        f"{a['ttft_p95_s']:.2f} s |",
        f"| the same, questions that reached the LLM ({a['llm_called']} of {a['questions']}) | "
        f"{a['ttft_generated_p50_s']:.2f} s = {a['pre_llm_p50_s']:.2f} s retrieval + sentence ranking, then "
        f"{a['llm_first_token_p50_s']:.2f} s in llama.cpp |",
        f"| first text shown to the user p50 (first verified sentence, or the final answer) | "
        f"{a.get('first_shown_p50_s', float('nan')):.2f} s |",
        f"| prompt processing (cold, cache reset) | {a['prompt_tps']:.0f} tokens/s; median prompt "
        f"{a['prompt_tokens_p50']:.0f} tokens, of which {a['system_prompt_tokens']} system prompt (reused from the "
        "KV cache after the first question) |",
        f"| generation, engine (tokens after the first, as they reach the engine) | {a['engine_gen_tps']:.1f} tok/s |",
        f"| generation, plain llama-cpp-python, same messages | {a['plain_gen_tps']:.1f} tok/s |",
        f"| ratio | {a['gen_ratio']:.2f} |",
        f"| Result.timings['tokens_per_second'] (its clock includes prompt processing) | "
        f"{a['engine_tokens_per_second_field']:.1f} tok/s |",
        f"| model load | {a['model_load_s']:.2f} s |",
        f"| plain output == engine output (same messages) | {100 * a['same_output_share']:.0f} % of answers |",
        f"| what-if prompt_words={w['prompt_words']} (default {a['prompt_words']}), 1 pass | prompt p50 "
        f"{w.get('llm_prompt_tokens_p50', float('nan')):.0f} tokens (default "
        f"{a['passes'][0].get('llm_prompt_tokens_p50', float('nan')):.0f}), TTFT p50 "
        f"{w['ttft_p50_s']:.2f} s, correct {w['answer_metrics']['correct']:.2f}, generated "
        f"{w['answer_metrics']['generated_share']:.2f}, "
        f"citation precision {w['answer_metrics']['citation_precision']:.2f} |",
    ]


def quality_md(R: dict[str, Any]) -> list[str]:
    q, am = R["sections"]["quality"], R["sections"]["answer"]["answer_metrics"]
    lines = [
        "",
        "## 5. Quality",
        "",
        "| msmarco | nDCG@10 | recall@10 |", "| --- | --- | --- |",
    ]
    for mode in MODES:
        lines.append(f"| {mode} | {q['beir'][mode]['ndcg@10']:.3f} | {q['beir'][mode]['recall@10']:.3f} |")
    lines += question_sets_md(q.get("question_sets"))
    return lines + [
        "",
        "| dev questions (pass 1) | value |", "| --- | --- |",
        f"| correct (answerable) | {am['correct']:.2f} |",
        f"| generated and verified / quoted / refused (answerable) | {am['generated_share']:.2f} / "
        f"{am['extractive_share']:.2f} / {am['false_refusals']:.2f} |",
        f"| unanswerable refused | {am['unanswerable_refused']:.2f} |",
        f"| median answer words; first sentence answers | {am['median_answer_words']:g}; "
        f"{am['first_sentence_answers']:.2f} |",
        f"| citation precision (cites the labelled document) | {am['citation_precision']:.2f} |",
    ]


def memory_md(R: dict[str, Any]) -> list[str]:
    b, m = R["sections"]["build"], R["sections"]["memory"]
    return [
        "",
        "## 6. Memory",
        "",
        "| process | peak RSS |", "| --- | --- |",
        f"| serving: Engine with MiniLM + the default model, one answer ({SERVE_RUNS} runs; ru_maxrss, VmHWM agrees: "
        f"{m['serve_vmhwm_mb']:.0f} MiB) | {m['serve_maxrss_mb']:.0f} MiB = {m['serve_maxrss_mb'] * 1.048576:.0f} MB |",
        f"| `chatbot index` full build of {b['documents']:,} passages (1 run, {m['build_cli_wall_s']:.0f} s wall "
        f"incl. start-up and model load) | {m['build_maxrss_mb']:.0f} MiB |",
    ]


def backends_md(R: dict[str, Any]) -> list[str]:
    o = R["sections"]["backends"]
    rows = [f"| {name}{' (default)' if name == 'onnx-int8' else ''} | {o[name]['build_s']:.1f} s "
            f"({', '.join(f'{x:.1f}' for x in o[name]['builds_s'])}) | "
            f"{o['torch']['build_s'] / o[name]['build_s']:.2f} | {o[name]['query_p50_ms']:.1f} | "
            f"{o[name]['dense_ndcg@10']:.3f} | {o[name]['hybrid_ndcg@10']:.3f} |" for name in ("torch", "onnx-int8")]
    return [
        "",
        "## 7. Embedding backends",
        "",
        f"The same all-MiniLM-L6-v2: torch (sentence-transformers) and the default, its int8 ONNX export run by "
        f"onnxruntime (sha256 `{o['onnx_sha256'][:12]}…`, made from the packaged weights in {o['onnx_load_s']:.1f} s "
        f"when first loaded). Full builds of the {o['chunks']:,} msmarco chunks, {o['rounds']} per backend, "
        f"alternating; query: one msmarco query encoded per call, p50. Vectors: cosine to torch's over "
        f"{o['cosine_sample']:,} chunk texts, mean {o['cosine_mean']:.4f}, min {o['cosine_min']:.4f}.",
        "",
        "| backend | full build (runs) | speed vs torch | query ms | dense nDCG@10 | hybrid nDCG@10 |",
        "| --- | --- | --- | --- | --- | --- |",
        *rows,
    ]


def question_sets_md(qs: dict[str, Any] | None) -> list[str]:
    """Dense, BM25 and hybrid on our own question sets (answerable questions; follow-ups made to stand alone)."""
    if not qs:
        return []
    k = qs["k"]
    lines = ["", f"| our questions | mode | answer in top {k} | source first | MRR |",
             "| --- | --- | --- | --- | --- |"]
    for name in ("seeds", "news"):
        for mode in MODES:
            m = qs[name][mode]
            lines.append(f"| {name} ({m['questions']}) | {mode} | {m[f'answer@{k}']:.3f} | {m['hit@1']:.3f} | "
                         f"{m['mrr']:.3f} |")
    return lines


def stores_md(R: dict[str, Any]) -> list[str]:
    """8. FAISS against Milvus Lite, side by side (older results have no such section)."""
    s = R["sections"].get("stores")
    if not s:
        return []
    lines = ["", "## 8. Vector stores: FAISS against Milvus Lite", "",
             f"The same {s['chunks']:,} chunks ({s['embedder']}), built {s['rounds']}x on each store, alternating; "
             f"latencies over {s['queries']} queries. BM25 and the fusion are the same on both.", "",
             "| store | full build | load | vector search p50 (50 candidates) | dense search p50 | hybrid p50 "
             "| nDCG@10 dense | nDCG@10 hybrid |", "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name in ("faiss", "milvus"):
        x = s[name]
        lines.append(f"| {name if name == 'faiss' else 'milvus (Lite)'} | {x['build_s']:.1f} s | {x['load_s']:.2f} s "
                     f"| {fmt_ms(x['vector_search_p50_ms'])} ms | {fmt_ms(x['dense_p50_ms'])} ms "
                     f"| {fmt_ms(x['hybrid_p50_ms'])} ms | {x['dense_ndcg@10']:.4f} | {x['hybrid_ndcg@10']:.4f} |")
    return lines


def compact(R: dict[str, Any]) -> str:
    out = [f"{'§':<2} {'what':<78} {'goal':>9} {'measured':<42} met"]
    for g in R["goals"]:
        out.append(f"{g['section']:<2} {g['what'][:78]:<78} {g['goal']:>9} {g['measured'][:42]:<42} "
                   f"{'yes' if g['met'] else 'NO'}")
    q = R["sections"]["quality"]["beir"]
    out.append("nDCG@10 " + ", ".join(f"{mode} {q[mode]['ndcg@10']:.3f}" for mode in MODES))
    qs = R["sections"]["quality"].get("question_sets")
    for name in ("seeds", "news") if qs else ():
        key = f"answer@{qs['k']}"
        out.append(f"{name} {key} " + ", ".join(f"{mode} {qs[name][mode][key]:.3f}" for mode in MODES))
    o = R["sections"]["backends"]
    out.append(f"embedding backends: onnx-int8 builds {o['speedup']:.2f}x torch, dense nDCG "
               f"{o['onnx-int8']['dense_ndcg@10']:.3f} vs {o['torch']['dense_ndcg@10']:.3f}")
    st = R["sections"].get("stores")
    if st:
        out.append("vector stores: " + ", ".join(
            f"{n} build {st[n]['build_s']:.1f} s, vector search p50 {st[n]['vector_search_p50_ms']:.2f} ms, "
            f"dense nDCG {st[n]['dense_ndcg@10']:.3f}" for n in ("faiss", "milvus")))
    return "\n".join(out)
