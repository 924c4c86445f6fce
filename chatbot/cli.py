"""The command line: chatbot index | search | ask | eval | models | serve."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from .errors import ChatbotError
from .settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Ask questions about your articles, answered only from what they say.")

DocsOpt = Annotated[Path | None, typer.Option("--docs", help="Documents folder [env CHATBOT_DOCS; default seeds/]")]
IndexOpt = Annotated[Path | None, typer.Option("--index", help="Index folder [env CHATBOT_INDEX; default index/]")]
StoreOpt = Annotated[str | None, typer.Option("--store", help="Vector store: faiss or milvus (Milvus Lite file "
                                                "<index>/milvus.db, or CHATBOT_MILVUS_URI) [env CHATBOT_STORE; "
                                                "default faiss]")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON")]
ModelOpt = Annotated[str | None, typer.Option("--model", help="GGUF file or packaged model (see `chatbot models`) "
                                              "[env CHATBOT_MODEL; default: first GGUF in models/, else "
                                              "qwen2.5-coder-1.5b]")]
UrlOpt = Annotated[str | None, typer.Option("--llm-url", help="OpenAI-compatible server instead of a GGUF "
                                            "[env CHATBOT_LLM_URL]")]
LlmModelOpt = Annotated[str | None, typer.Option("--llm-model", help="Model name the --llm-url server expects "
                                                 "[env CHATBOT_LLM_MODEL; default: the first it lists]")]


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


class _Bars:
    """tqdm progress bars, one per build stage, on a terminal only."""

    def __init__(self, enabled: bool) -> None:
        self.enabled, self.bars = enabled, {}  # type: ignore[var-annotated]

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        bar = self.bars.get(stage)
        if bar is None:
            bar = self.bars[stage] = tqdm(total=total, desc=stage, unit="", leave=True, file=sys.stderr)
        bar.total = total
        bar.n = done
        bar.refresh()
        if done >= total:
            bar.close()

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


@app.command("index")
def index_cmd(docs: DocsOpt = None, index: IndexOpt = None, store: StoreOpt = None,
              rebuild: Annotated[bool, typer.Option("--rebuild", help="Start from scratch")] = False,
              json_out: JsonOpt = False) -> None:
    """Build or update the index of the documents folder (only new or changed files are embedded)."""
    from .build import build

    settings = Settings.from_env(docs=docs, index=index, store=store)
    bars = _Bars(sys.stderr.isatty() and not json_out)
    try:
        report = build(settings, rebuild=rebuild, progress=bars)
    finally:
        bars.close()
    if json_out:
        _print_json(report.to_dict())
        return
    typer.echo(f"Indexed {settings.docs}/ into {settings.index}/ in {report.seconds:.1f} s: "
               f"{len(report.added)} added, {len(report.changed)} changed, {len(report.removed)} removed, "
               f"{len(report.unchanged)} unchanged; {report.chunks} chunks.")
    for s in report.skipped:
        typer.echo(f"  skipped {s['path']}: {s['reason']}")
    for d in report.duplicates:
        typer.echo(f"  {d['path']} nearly duplicates {d['duplicate_of']}: indexed once")


def _load(settings: Settings, need_embedder: bool = True) -> tuple[Any, Any]:
    """The index (checked against the configured embedding model and store) and, if needed, that model."""
    from .answer import Engine

    engine = Engine(settings)
    return engine.reload(), engine.embedder if need_embedder else None


@app.command()
def search(query: Annotated[str, typer.Argument(help="What to look for")],
           k: Annotated[int, typer.Option("-k", help="Number of passages")] = 5,
           mode: Annotated[str, typer.Option("--mode", help="hybrid, dense or bm25")] = "hybrid",
           index: IndexOpt = None, store: StoreOpt = None, json_out: JsonOpt = False) -> None:
    """Show the passages that best match QUERY."""
    from .retrieve import MODES
    from .retrieve import search as run_search

    if mode not in MODES:
        raise ChatbotError(f"--mode must be one of {', '.join(MODES)}, not {mode!r}")
    settings = Settings.from_env(index=index, store=store)
    idx, embedder = _load(settings, need_embedder=mode != "bm25")
    hits = run_search(idx, embedder, query, k=k, mode=mode)
    if json_out:
        _print_json([h.to_dict() for h in hits])
        return
    if not hits:
        typer.echo("No matching passages.")
    for n, h in enumerate(hits, 1):
        typer.echo(f"[{n}] {h.chunk.title} ({h.chunk.chunk_id}, chars {h.chunk.start}-{h.chunk.end}, "
                   f"score {h.score:.3f})")
        typer.echo("    " + h.chunk.text.replace("\n", " ")[:400] + "\n")


@app.command()
def ask(question: Annotated[str, typer.Argument(help="Your question")],
        model: ModelOpt = None, llm_url: UrlOpt = None, llm_model: LlmModelOpt = None,
        k: Annotated[int | None, typer.Option("-k", help="Number of passages")] = None,
        index: IndexOpt = None, store: StoreOpt = None, json_out: JsonOpt = False) -> None:
    """Answer QUESTION from the indexed documents, citing the passages; unsupported sentences are dropped."""
    from .answer import Engine

    settings = Settings.from_env(index=index, model=model, llm_url=llm_url, llm_model=llm_model, top_k=k,
                                 store=store)
    engine = Engine(settings)
    engine.reload()  # checks the index against the configured embedding model and store
    shown = ""
    result = None
    for result in engine.stream(question):
        if not json_out and result.answer.startswith(shown) and not result.done:
            typer.echo(result.answer[len(shown):], nl=False)
            shown = result.answer
    assert result is not None
    if json_out:
        _print_json(result.to_dict())
        return
    if shown and result.answer.startswith(shown):
        typer.echo(result.answer[len(shown):])
    else:
        typer.echo(("\n" if shown else "") + result.answer)
    label = {"generated": "generated and verified", "extractive": "quoted from the sources",
             "abstained": "not found"}[result.mode]
    typer.echo(f"\n({label})")
    for c in result.citations:
        typer.echo(f"[{c.n}] {c.title} — {c.doc}, chars {c.start}-{c.end}\n    “{c.quote}”")
    if result.mode == "abstained":
        typer.echo("Closest passages:")
        for p in result.closest[:3]:
            typer.echo(f"  {p['title']} — {p['chunk_id']}: {p['text'][:200]}…")


@app.command("eval")
def eval_cmd(questions: Annotated[Path | None, typer.Argument(help="Questions file (JSON lines)")] = None,
             beir: Annotated[Path | None, typer.Option("--beir", help="Evaluate retrieval on a BEIR folder")] = None,
             out: Annotated[Path | None, typer.Option("--out", help="Write one JSON line per question")] = None,
             retrieval_only: Annotated[bool, typer.Option("--retrieval-only")] = False,
             split: Annotated[str | None, typer.Option("--split", help="Only the questions of this split "
                                                       "(calibration or report)")] = None,
             k: Annotated[int, typer.Option("-k")] = 5,
             model: ModelOpt = None, llm_url: UrlOpt = None, llm_model: LlmModelOpt = None,
             index: IndexOpt = None, store: StoreOpt = None, json_out: JsonOpt = False) -> None:
    """Measure retrieval and answers on QUESTIONS, or retrieval on a BEIR benchmark (--beir DIR)."""
    from . import evaluate

    settings = Settings.from_env(index=index, store=store)
    if beir is not None:
        report: dict[str, Any] = {"beir": str(beir), "retrieval": _eval_beir(beir, settings, index is not None)}
    elif questions is not None:
        qs = evaluate.read_questions(questions)
        if split:
            qs = [q for q in qs if q.split == split]
            if not qs:
                raise ChatbotError(f"No question in {questions} has \"split\": \"{split}\".")
        from .answer import Engine

        engine = Engine(settings)  # follow-ups are searched as the engine makes them stand alone
        idx, embedder = engine.reload(), engine.embedder

        def standalone(q: evaluate.Question) -> str:
            return engine.standalone(q.question, q.turns)

        report = {"questions": str(questions),
                  "retrieval": evaluate.retrieval_metrics(idx, embedder, qs, k, standalone)}
        answers: list[dict[str, Any]] = []
        if not retrieval_only:
            settings = Settings.from_env(index=index, model=model, llm_url=llm_url, llm_model=llm_model, store=store)
            report["answers"], answers = _answer_eval(settings, qs, k)
        if out is not None:
            with open(out, "w", encoding="utf-8") as f:
                records = evaluate.retrieval_records(idx, embedder, qs, settings.top_k, settings.mode, standalone)
                for n, rec in enumerate(records):
                    if answers:
                        rec["result"] = answers[n]
                        rec["correct"] = bool(qs[n].answers) and answers[n]["mode"] != "abstained" and \
                            evaluate.contains_answer(answers[n]["answer"], qs[n].answers)
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    else:
        raise ChatbotError("Give a questions file (chatbot eval QA.jsonl) or a BEIR folder (--beir DIR).")
    if json_out:
        _print_json(report)
        return
    typer.echo("Retrieval")
    for mode, m in report["retrieval"].items():
        typer.echo(f"  {mode:>7}: " + "  ".join(f"{key} {v:.3f}" if isinstance(v, float) else f"{key} {v}"
                                                for key, v in m.items()))
    if "answers" in report:
        typer.echo("Answers")
        for key, v in report["answers"].items():
            typer.echo(f"  {key}: {v:.3f}" if isinstance(v, float) else f"  {key}: {v}")


@app.command()
def models(install: Annotated[list[str] | None, typer.Option("--install", help="Assemble and check this packaged "
                                                             "model (repeatable; 'default' for the default)")] = None,
           json_out: JsonOpt = False) -> None:
    """List the packaged answering models; --install assembles one from its parts into the cache (sha256-checked)."""
    from . import models as packaged

    for key in install or []:
        model = packaged.PACKAGED.get(packaged.DEFAULT if key == "default" else key)
        if model is None:
            raise ChatbotError(f"No packaged model {key!r}; choose one of {', '.join(packaged.PACKAGED)}.")
        path = packaged.path_of(model, packaged.print_progress() if sys.stderr.isatty() else None)
        typer.echo(f"{model.key}: {path} (sha256 {model.sha256[:12]}… checked)")
        if key == "default":  # and the default embedder's int8 ONNX file (made once from the packaged MiniLM)
            from .embed import describe

            name, sha = describe("default", Settings.from_env().embedding_backend)
            typer.echo(f"embedder: {name} (sha256 {sha[:12]}… checked)")
    rows = [{"key": m.key, "label": m.label, "installed": packaged.installed(m), "file": m.file,
             "sha256": m.sha256, "source": m.upstream, "licence": m.licence, "packages": m.pip,
             "default": m.key == packaged.DEFAULT} for m in packaged.PACKAGED.values()]
    if json_out:
        _print_json(rows)
    elif not install:
        for r in rows:
            state = "installed" if r["installed"] else f"not installed (pip install {r['packages']})"
            typer.echo(f"{r['key']:<20} {r['label']} — {state}\n{'':<21}{r['source']}, {r['licence']}")


@app.command()
def serve(host: Annotated[str, typer.Option("--host", help="Address to bind (loopback by default)")] = "127.0.0.1",
          port: Annotated[int, typer.Option("--port")] = 7860,
          model: ModelOpt = None, llm_url: UrlOpt = None, llm_model: LlmModelOpt = None, docs: DocsOpt = None,
          index: IndexOpt = None, store: StoreOpt = None) -> None:
    """Start the chat page in the browser (http://HOST:PORT)."""
    from .store import check_store, read_manifest
    from .ui import serve as run_app

    settings = Settings.from_env(docs=docs, index=index, model=model, llm_url=llm_url, llm_model=llm_model,
                                 store=store)
    # the app serves a damaged index (the Library tab rebuilds it), but not one on another store or URI
    check_store(read_manifest(settings.index), settings)
    run_app(settings, host=host, port=port)


def _answer_eval(settings: Settings, qs: list[Any], k: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    from .answer import Engine
    from .evaluate import answer_metrics

    engine = Engine(settings)
    results = []
    bar = _Bars(sys.stderr.isatty())
    for n, q in enumerate(qs):
        bar("answering", n, len(qs))
        results.append(engine.ask(q.question, history=q.turns))
    bar("answering", len(qs), len(qs))
    return answer_metrics(qs, results, engine.index), [r.to_dict() for r in results]


def _eval_beir(folder: Path, settings: Settings, index_given: bool) -> dict[str, Any]:
    """Index the BEIR corpus as one document per passage (cached under .cache/beir/), then measure."""
    from dataclasses import replace

    from . import evaluate
    from .build import build

    corpus, _, _ = evaluate.read_beir(folder)
    work = Path(".cache/beir") / folder.resolve().name
    settings = replace(settings, docs=work / "docs", index=settings.index if index_given else work / "index")
    evaluate.write_beir_docs(corpus, settings.docs)
    build(settings, progress=_Bars(sys.stderr.isatty()))
    idx, embedder = _load(settings)
    return evaluate.beir_metrics(idx, embedder, folder)


def main() -> None:
    """Entry point: user-fixable problems print one line and exit 1; bugs keep their traceback."""
    try:
        app()
    except ChatbotError as e:
        typer.echo(f"Error: {e}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
