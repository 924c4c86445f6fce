"""The command line: index / search / eval through typer's runner, errors through the real entry point."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chatbot import store
from chatbot.cli import app
from chatbot.errors import ChatbotError
from tests.conftest import SEED_FILES

REPORT_KEYS = {"added", "changed", "removed", "unchanged", "skipped", "duplicates", "chunks", "seconds"}
HIT_KEYS = {"doc", "title", "chunk_id", "start", "end", "score", "text"}
S000, S001, S002, S003 = SEED_FILES


@pytest.fixture
def cli(monkeypatch, seeds_dir):
    """Run the CLI in-process with the fake embedder; the env already points at tmp docs/index folders."""
    monkeypatch.setenv("CHATBOT_EMBEDDING_MODEL", "fake")
    runner = CliRunner()

    def run(*args: str, ok: bool = True):
        result = runner.invoke(app, list(args))
        if ok:
            assert result.exit_code == 0, (result.output, result.exception)
        return result

    return run


@pytest.fixture
def indexed(cli):
    cli("index", "--json")
    return cli


def test_index_json_report(cli, tmp_path):
    result = cli("index", "--json")
    report = json.loads(result.stdout)
    assert set(report) == REPORT_KEYS
    assert sorted(report["added"]) == SEED_FILES
    assert report["changed"] == report["removed"] == report["unchanged"] == []
    assert report["skipped"] == report["duplicates"] == []
    assert isinstance(report["chunks"], int) and report["chunks"] > 4
    assert isinstance(report["seconds"], float)
    assert (tmp_path / "index" / "manifest.json").exists()  # CHATBOT_INDEX, not the project's index/
    again = json.loads(cli("index", "--json").stdout)
    assert set(again) == REPORT_KEYS and sorted(again["unchanged"]) == SEED_FILES and again["added"] == []
    assert again["chunks"] == report["chunks"]


def test_index_text_report(cli, seeds_dir):
    (seeds_dir / "empty.txt").write_text("", encoding="utf-8")
    (seeds_dir / "copy.txt").write_text((seeds_dir / S002).read_text(encoding="utf-8"), encoding="utf-8")
    out = cli("index").stdout
    assert "5 added, 0 changed, 0 removed, 0 unchanged" in out
    assert "skipped empty.txt: empty file" in out
    assert f"copy.txt nearly duplicates {S002}: indexed once" in out
    (seeds_dir / S003).unlink()
    out = cli("index").stdout
    assert "0 added, 0 changed, 1 removed, 4 unchanged" in out


def test_index_and_docs_options_override_the_environment(cli, seeds_dir, tmp_path):
    other = tmp_path / "elsewhere"
    report = json.loads(cli("index", "--docs", str(seeds_dir), "--index", str(other), "--json").stdout)
    assert sorted(report["added"]) == SEED_FILES
    assert (other / "manifest.json").exists() and not (tmp_path / "index").exists()
    hits = json.loads(cli("search", "border flag meetings", "--index", str(other), "--json", "--mode", "bm25")
                      .stdout)
    assert hits and hits[0]["doc"] == S001


def test_index_rebuild(indexed):
    report = json.loads(indexed("index", "--rebuild", "--json").stdout)
    assert sorted(report["added"]) == SEED_FILES and report["unchanged"] == []


def test_search_json(indexed, tmp_path):
    result = indexed("search", "How many border flag meetings has Pakistan held?", "--json", "-k", "3",
                     "--mode", "bm25")
    hits = json.loads(result.stdout)
    assert isinstance(hits, list) and len(hits) == 3
    index = store.load(tmp_path / "index")
    for hit in hits:
        assert set(hit) == HIT_KEYS
        assert hit["text"] == index.docs[hit["doc"]].text[hit["start"] : hit["end"]]
        assert hit["chunk_id"].startswith(hit["doc"] + "#")
        assert hit["title"] == index.docs[hit["doc"]].title
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert hits[0]["doc"] == S001 and "225 border flag meetings" in hits[0]["text"]


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_search_modes(indexed, mode):
    hits = json.loads(indexed("search", "Trans-Afghan railway Mazar-i-Sharif", "--json", "--mode", mode)
                      .stdout)
    assert len(hits) == 5 and all(set(h) == HIT_KEYS for h in hits)
    if mode != "dense":  # the fake embedder is not a semantic model
        assert hits[0]["doc"] == S003


def test_search_text_output(indexed):
    out = indexed("search", "border flag meetings", "-k", "2").stdout
    assert out.startswith("[1] ") and "[2] " in out and "[3] " not in out
    assert f"({S001}#" in out and "chars " in out and "score " in out
    assert "No matching passages." in indexed("search", "   ").stdout


def test_search_errors_in_process(cli):
    result = cli("search", "foo", ok=False)  # no index yet
    assert result.exit_code == 1 and isinstance(result.exception, ChatbotError)
    assert "chatbot index" in str(result.exception)
    result = cli("search", "foo", "--mode", "fuzzy", ok=False)
    assert isinstance(result.exception, ChatbotError) and "--mode" in str(result.exception)


QUESTIONS = [
    {"id": "q1", "question": "How many border flag meetings has Pakistan held?", "answers": ["225"],
     "sources": [S001]},
    {"id": "q2", "question": "Which city would the Trans-Afghan railway pass through?",
     "answers": ["Mazar-i-Sharif"], "sources": [S003]},
    {"id": "q3", "question": "What is the capital of Australia?", "answers": [], "sources": []},
]


def test_eval_prints_metrics_and_writes_records(indexed, tmp_path):
    questions = tmp_path / "qa.jsonl"
    questions.write_text("\n".join(json.dumps(q) for q in QUESTIONS) + "\n\n", encoding="utf-8")
    out = tmp_path / "records.jsonl"
    result = indexed("eval", str(questions), "--retrieval-only", "--out", str(out))
    lines = result.stdout.splitlines()
    for mode in ("hybrid", "dense", "bm25"):
        [line] = [line for line in lines if line.strip().startswith(mode + ":")]
        assert "hit@1" in line and "hit@5" in line and "mrr" in line and "questions 2" in line
    bm25_line = next(line for line in lines if line.strip().startswith("bm25:"))
    assert "hit@5 1.000" in bm25_line
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["q1", "q2", "q3"]
    for r, q in zip(records, QUESTIONS, strict=True):
        assert {"id", "question", "retrieved"} <= set(r)
        assert r["question"] == q["question"]
        assert len(r["retrieved"]) == 6  # the default top_k
        assert all(set(h) == HIT_KEYS for h in r["retrieved"])
    assert records[0]["retrieved"][0]["doc"] == S001 or any(
        "225" in h["text"] for h in records[0]["retrieved"])


def test_eval_json(indexed, tmp_path):
    questions = tmp_path / "qa.jsonl"
    questions.write_text("\n".join(json.dumps(q) for q in QUESTIONS), encoding="utf-8")
    report = json.loads(indexed("eval", str(questions), "--retrieval-only", "--json", "-k", "3").stdout)
    assert set(report["retrieval"]) == {"hybrid", "dense", "bm25"}
    for metrics in report["retrieval"].values():
        assert {"hit@1", "hit@3", "answer@3", "mrr", "questions"} <= set(metrics)
        assert metrics["questions"] == 2 and 0.0 <= metrics["hit@3"] <= 1.0
    assert report["retrieval"]["bm25"]["hit@3"] == 1.0


def test_eval_bad_question_file(indexed, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    result = indexed("eval", str(bad), "--retrieval-only", ok=False)
    assert isinstance(result.exception, ChatbotError) and "bad.jsonl:1" in str(result.exception)
    result = indexed("eval", str(tmp_path / "missing.jsonl"), "--retrieval-only", ok=False)
    assert isinstance(result.exception, ChatbotError) and "does not exist" in str(result.exception)


# The real entry point, in a subprocess: one-line errors, exit code 1, no traceback -----------------------


def run_module(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    return subprocess.run([sys.executable, "-m", "chatbot", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=cwd, timeout=120)


def test_errors_from_the_real_entry_point(tmp_path):
    empty_index = tmp_path / "empty-index"
    empty_index.mkdir()
    cases = {
        "no index": (["search", "foo"], {"CHATBOT_INDEX": str(empty_index)},
                     ["No index in", "chatbot index"]),
        "bad mode": (["search", "foo", "--mode", "fuzzy"], {}, ["--mode must be one of"]),
        "missing docs": (["index", "--docs", str(tmp_path / "nowhere")], {},
                         ["nowhere", "does not exist"]),
        "bad number": (["search", "foo"], {"CHATBOT_TOP_K": "many"}, ["CHATBOT_TOP_K"]),
    }
    with ThreadPoolExecutor(len(cases)) as pool:
        runs = pool.map(lambda c: run_module(*c[0], env=c[1], cwd=tmp_path), cases.values())
        results = dict(zip(cases, runs, strict=True))
    for name, proc in results.items():
        expected = cases[name][2]
        assert proc.returncode == 1, (name, proc.stdout, proc.stderr)
        assert "Traceback" not in proc.stderr, (name, proc.stderr)
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), (name, proc.stderr)
        for text in expected:
            assert text in lines[0], (name, lines[0])
    assert not (tmp_path / "index").exists()


def test_help_from_the_real_entry_point(tmp_path):
    proc = run_module("--help", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    for command in ("index", "search", "eval"):
        assert command in proc.stdout
    proc = run_module("index", "--help", cwd=tmp_path)
    assert proc.returncode == 0 and "--rebuild" in proc.stdout and "--json" in proc.stdout


def test_an_llm_server_that_is_down_is_one_line_from_the_real_entry_point(indexed, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}"  # nothing listens there once the socket closes
    proc = run_module("ask", "--llm-url", url, "How many border flag meetings has Pakistan held?",
                      env={"CHATBOT_EMBEDDING_MODEL": "fake"}, cwd=tmp_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.strip() == (f"Error: The LLM server at {url} is not answering (connection refused; tried 3 "
                                   "times). Start it, or unset CHATBOT_LLM_URL to run the model in-process.")
