"""Both vector stores behind the same interface: FAISS files and Milvus (Milvus Lite, in index/milvus.db).

Building, incremental updates by content hash, deletion, rebuilds, killed builds, refused second builds and
searches during a rebuild, each on both stores with the fast HashEmbedder; the same search results on both
with the real MiniLM; the command line with --store milvus.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
from dataclasses import replace

import numpy as np
import pytest
from typer.testing import CliRunner

from chatbot import milvus_store, store
from chatbot.answer import Engine
from chatbot.build import build
from chatbot.cli import app
from chatbot.embed import HashEmbedder
from chatbot.errors import ChatbotError
from chatbot.evaluate import read_questions
from chatbot.retrieve import MODES, search
from chatbot.settings import Settings
from tests.conftest import DEV_QUESTIONS, ROOT, SEED_FILES

S000, S001, S002, S003 = SEED_FILES
STORES = ["faiss", "milvus"]
QUERIES = ["225 border flag meetings demarches", "railway Uzbekistan Mazar", "Moscow Taliban political cover",
           "Tashkeel Balochistan", "zero tolerance regional powers"]


class CountingEmbedder(HashEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.encoded: list[str] = []

    def encode(self, texts, progress=False):
        self.encoded.extend(texts)
        return super().encode(texts, progress)


@pytest.fixture(params=STORES)
def settings(request, seeds_dir, fake_settings):
    """The seeds folder and an index on this store; Milvus Lite's in-process server is stopped afterwards."""
    settings = replace(fake_settings, store=request.param)
    yield settings
    milvus_store.close(str(settings.index / "milvus.db"))


def results(index: store.Index) -> list:
    embedder = HashEmbedder()
    return [[(h.chunk.chunk_id, round(h.score, 5), round(h.similarity, 5)) for h in search(index, embedder, q, 5, m)]
            for q in QUERIES for m in MODES]


def collections(settings: Settings) -> set[str]:
    """The Milvus collections in the index folder's Milvus Lite database (none without one, as with FAISS)."""
    if not (settings.index / "milvus.db").exists():
        return set()
    client = milvus_store.connect(str(settings.index / "milvus.db"))
    return {c for c in client.list_collections() if c.startswith("chatbot_")}


def generations_collections(index_dir) -> set[str]:
    """The collections of the current and the previous generation (those a build keeps)."""
    m = store.read_manifest(index_dir)
    assert m is not None
    prefix = (index_dir / store.PREFIX_FILE).read_text(encoding="utf-8")
    return {store.collection_name(prefix, g) for g in (m["generation"], m["previous"]) if g}


def test_build_update_delete_and_rebuild(settings):
    embedder = CountingEmbedder()
    build(settings, embedder=embedder)
    first = store.load(settings.index, settings)
    m = first.manifest
    assert m["vectors"]["store"] == settings.store and m["vectors"]["type"] == "flat"
    assert first.vectors.ntotal == len(first.chunks) > 4 and first.vectors.dim == 64
    assert sorted(embedder.encoded) == sorted(c.text for c in first.chunks)
    for c in first.chunks[:5]:
        assert np.allclose(first.vectors.reconstruct(c.id), HashEmbedder().encode([c.text])[0], atol=1e-6)
    if settings.store == "milvus":
        assert m["vectors"]["uri"] == "milvus.db" and (settings.index / "milvus.db").is_dir()
        assert not (first.folder / "vectors.faiss").exists()
        assert collections(settings) == {m["vectors"]["collection"]}
        described = milvus_store.connect(str(settings.index / "milvus.db")).describe_index(
            m["vectors"]["collection"], "vector")
        assert (described["index_type"], described["metric_type"]) == ("FLAT", "IP")
    # a changed document: only its chunks are embedded, the others keep their ids and vectors
    path = settings.docs / S002
    path.write_text(path.read_text(encoding="utf-8") + "\nZanzibarite traders reopened the market.\n",
                    encoding="utf-8")
    embedder = CountingEmbedder()
    assert build(settings, embedder=embedder).changed == [S002]
    second = store.load(settings.index, settings)
    assert sorted(embedder.encoded) == sorted(c.text for c in second.chunks if c.doc == S002)
    kept = [c for c in first.chunks if c.doc != S002]
    assert kept == [c for c in second.chunks if c.doc != S002]
    assert np.array_equal(first.vectors.vectors_of(np.array([c.id for c in kept])),
                          second.vectors.vectors_of(np.array([c.id for c in kept])))
    assert second.vectors.ntotal == len(second.chunks)
    assert search(second, None, "Zanzibarite traders", 1, "bm25")[0].chunk.doc == S002
    # a deleted document is gone from every retriever
    (settings.docs / S001).unlink()
    embedder = CountingEmbedder()
    assert build(settings, embedder=embedder).removed == [S001] and embedder.encoded == []
    third = store.load(settings.index, settings)
    assert third.vectors.ntotal == len(third.chunks) == len(second.chunks) - second.docs[S001].chunks
    for mode in MODES:
        assert S001 not in [h.chunk.doc for h in search(third, HashEmbedder(), QUERIES[0], 50, mode)]
    # the current and the previous generation are kept, older ones dropped (folders and collections)
    prefix = third.manifest["vectors"].get("prefix", "")
    kept_generations = {third.manifest["generation"], third.manifest["previous"]}
    assert {p.name for p in settings.index.glob("gen-*")} == kept_generations
    if settings.store == "milvus":
        assert collections(settings) == {store.collection_name(prefix, g) for g in kept_generations}
    # a rebuild embeds everything again and gives the same answers
    embedder = CountingEmbedder()
    report = build(settings, rebuild=True, embedder=embedder)
    assert sorted(report.added) == [S000, S002, S003] and len(embedder.encoded) == report.chunks
    rebuilt = store.load(settings.index, settings)
    assert results(rebuilt) == results(third)
    if settings.store == "milvus":
        assert rebuilt.manifest["vectors"]["prefix"] == prefix  # the index keeps its collection names
        assert len(collections(settings)) == 2


def test_a_build_that_fails_midway_leaves_the_previous_index(settings):
    build(settings, embedder=HashEmbedder())
    before_manifest = json.loads((settings.index / "manifest.json").read_text(encoding="utf-8"))
    before = results(store.load(settings.index, settings))
    (settings.docs / S000).unlink()
    (settings.docs / "new.txt").write_text("Quinoa farmers on the Altiplano doubled their harvest. " * 20,
                                           encoding="utf-8")

    def fail(stage: str, done: int, total: int) -> None:
        if stage == "embedding chunks" and done > 0:
            raise RuntimeError("killed mid-way")

    with pytest.raises(RuntimeError, match="killed mid-way"):
        build(settings, embedder=HashEmbedder(), progress=fail)
    assert json.loads((settings.index / "manifest.json").read_text(encoding="utf-8")) == before_manifest
    assert results(store.load(settings.index, settings)) == before
    if settings.store == "milvus":
        assert len(collections(settings)) == 2  # the half-filled collection of the failed build, unused
    report = build(settings, embedder=HashEmbedder())
    assert report.removed == [S000] and report.added == ["new.txt"]
    if settings.store == "milvus":
        assert collections(settings) == generations_collections(settings.index)


def test_a_second_build_is_refused_and_questions_are_answered_during_a_build(settings):
    from filelock import FileLock

    build(settings, embedder=HashEmbedder())
    old = store.load(settings.index, settings)
    before = results(old)
    with FileLock(str(settings.index / ".build.lock")):
        with pytest.raises(ChatbotError, match="Another build"):
            build(settings, embedder=HashEmbedder())
    (settings.docs / S003).unlink()
    embedding, release = threading.Event(), threading.Event()

    def held(stage: str, done: int, total: int) -> None:
        if stage == "writing index" and done == 0:
            embedding.set()
            assert release.wait(30)

    builder = threading.Thread(target=build, args=(settings,), kwargs={"embedder": HashEmbedder(), "progress": held})
    builder.start()
    try:
        assert embedding.wait(30)
        assert results(old) == before  # the loaded index, while the new one is being written
        assert results(store.load(settings.index, settings)) == before  # a fresh load still gets the old one
        with pytest.raises(ChatbotError, match="Another build"):
            build(settings, embedder=HashEmbedder())
    finally:
        release.set()
        builder.join(30)
    new = store.load(settings.index, settings)
    assert S003 not in new.docs and results(new) != before
    assert results(old) == before  # readers of the previous generation keep working after the switch


def test_the_app_answers_during_a_background_rebuild(settings):
    """The app's rebuild (library.Rebuilder, in the serving process) on each store: questions asked while it
    runs are answered from the old index; afterwards the engine has the new one."""
    from chatbot import library
    from chatbot.answer import Engine
    from chatbot.generate import EchoGenerator

    build(settings, embedder=HashEmbedder())
    engine = Engine(settings, embedder=HashEmbedder(), generator=EchoGenerator())
    question = "How many border flag meetings has Pakistan held?"
    def ask() -> tuple:
        result = engine.ask(question)
        return result.answer, result.mode, [c.chunk_id for c in result.citations], result.passages

    before = ask()
    old_generation = engine.index.manifest["generation"]
    writing, release = threading.Event(), threading.Event()

    def held_build(*args, progress, **kwargs):
        def held(stage: str, done: int, total: int) -> None:
            progress(stage, done, total)
            if stage == "writing index" and done == 0:  # embedded, the new generation not yet written
                writing.set()
                assert release.wait(30)

        return build(*args, progress=held, **kwargs)

    (settings.docs / S001).unlink()
    rebuilder = library.Rebuilder(engine, settings, build_fn=held_build)
    try:
        assert rebuilder.start() and writing.wait(30)
        during = [ask() for _ in range(3)]
        assert rebuilder.running and engine.index.manifest["generation"] == old_generation
    finally:
        release.set()
    rebuilder.wait(60)
    assert rebuilder.error is None and rebuilder.report is not None and rebuilder.report.removed == [S001]
    assert during == [before] * 3
    assert engine.index.manifest["generation"] != old_generation and S001 not in engine.index.docs
    assert before[2] and S001 not in {c.split("#")[0] for c in ask()[2]}


KILL_SCRIPT = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path

    from chatbot import store
    from chatbot.build import build
    from chatbot.embed import HashEmbedder
    from chatbot.settings import Settings

    docs, index, kind, point = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
    rebuild = sys.argv[5:] == ["--rebuild"]
    real_replace = os.replace

    def replace(src, dst):
        if point == "before-manifest-switch" and Path(dst) == index / "manifest.json":
            os.kill(os.getpid(), signal.SIGKILL)
        real_replace(src, dst)
        if point == "after-manifest-switch" and Path(dst) == index / "manifest.json":
            os.kill(os.getpid(), signal.SIGKILL)

    def progress(stage, done, total):
        if point == "after-an-embedding-batch" and stage == "embedding chunks" and done > 0:
            os.kill(os.getpid(), signal.SIGKILL)

    os.replace = replace
    build(Settings(docs=docs, index=index, embedding_model="fake", store=kind), rebuild=rebuild,
          embedder=HashEmbedder(), progress=progress)
""")
KILLS = ["after-an-embedding-batch", "before-manifest-switch", "after-manifest-switch"]


def test_killed_builds_leave_a_working_index(settings, tmp_path):
    """SIGKILLed in three places (Milvus Lite's database is written by the killed process too): the index
    loads and answers as before the build (or after it, if the manifest had switched)."""
    build(settings, embedder=HashEmbedder())
    before = results(store.load(settings.index, settings))
    base_generation = store.read_manifest(settings.index)["generation"]  # type: ignore[index]
    milvus_store.close(str(settings.index / "milvus.db"))  # Milvus Lite: one process at a time
    works = {}
    for point in KILLS:
        works[point] = tmp_path / point
        shutil.copytree(settings.docs, works[point] / "docs")
        shutil.copytree(settings.index, works[point] / "index")
        (works[point] / "docs" / S001).unlink()
        (works[point] / "docs" / "new.txt").write_text("Quinoa farmers doubled their harvest. " * 40, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = {p: subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(w / "docs"), str(w / "index"),
                                  settings.store, p], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 env=env) for p, w in works.items()}
    for point, proc in procs.items():
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == -signal.SIGKILL, (point, err)
        work = replace(settings, docs=works[point] / "docs", index=works[point] / "index")
        try:
            loaded = store.load(work.index, work)
            switched = loaded.manifest["generation"] != base_generation
            assert switched == (point == "after-manifest-switch"), point
            if not switched:
                assert results(loaded) == before, point
            report = build(work, embedder=HashEmbedder())  # the next build finishes the job
            assert bool(report.removed) != switched, point
            after = store.load(work.index, work)
            assert S001 not in after.docs and "new.txt" in after.docs and after.vectors.ntotal == len(after.chunks)
            assert len(collections(work)) in ((0,) if settings.store == "faiss" else (2,)), point
        finally:
            milvus_store.close(str(work.index / "milvus.db"))


def kill_build(settings: Settings, point: str, rebuild: bool = False) -> None:
    """Run a build in another process and SIGKILL it at `point` (one of KILLS)."""
    milvus_store.close(str(settings.index / "milvus.db"))  # Milvus Lite: one process at a time
    run = subprocess.run([sys.executable, "-c", KILL_SCRIPT, str(settings.docs), str(settings.index),
                          settings.store, point, *(["--rebuild"] if rebuild else [])],
                         capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == -signal.SIGKILL, run.stderr


@pytest.mark.parametrize("start", ["no index", "faiss index"])
def test_a_killed_first_milvus_build_leaves_no_collection_behind(seeds_dir, fake_settings, start):
    """The first Milvus build (or a --rebuild from FAISS) killed mid-way: its half-filled collection carries
    the index's prefix (index/.milvus-prefix, written before it was created), so the next build drops it."""
    settings = replace(fake_settings, store="milvus")
    if start == "faiss index":
        build(replace(settings, store="faiss"), embedder=HashEmbedder())
    try:
        kill_build(settings, "after-an-embedding-batch", rebuild=start == "faiss index")
        prefix = (settings.index / store.PREFIX_FILE).read_text(encoding="utf-8")
        (half_filled,) = collections(settings)
        assert half_filled.startswith(prefix)
        build(settings, rebuild=start == "faiss index", embedder=HashEmbedder())
        assert collections(settings) == {store.load(settings.index).manifest["vectors"]["collection"]}
        assert half_filled not in collections(settings)  # the previous generation is none, or on FAISS
    finally:
        milvus_store.close(str(settings.index / "milvus.db"))


def test_switching_from_milvus_to_faiss_drops_the_collections(seeds_dir, fake_settings):
    """--rebuild --store faiss keeps only the previous generation's collection (readers may hold it); the
    next build, whose previous generation is on FAISS too, drops that one."""
    milvus_settings, faiss_settings = replace(fake_settings, store="milvus"), replace(fake_settings, store="faiss")
    try:
        build(milvus_settings, embedder=HashEmbedder())
        (fake_settings.docs / S000).unlink()
        build(milvus_settings, embedder=HashEmbedder())
        assert len(collections(milvus_settings)) == 2
        last_on_milvus = store.load(milvus_settings.index).manifest["vectors"]["collection"]
        build(faiss_settings, rebuild=True, embedder=HashEmbedder())
        assert collections(milvus_settings) == {last_on_milvus}
        (fake_settings.docs / S001).unlink()
        assert build(faiss_settings, embedder=HashEmbedder()).removed == [S001]
        assert collections(milvus_settings) == set()
        assert sorted(store.load(faiss_settings.index, faiss_settings).docs) == [S002, S003]
    finally:
        milvus_store.close(str(fake_settings.index / "milvus.db"))


def test_milvus_failures_are_one_line_errors(seeds_dir, fake_settings):
    """A failing Milvus call names the URI and the collection; missing rows are an error, not zeros; a
    failing drop of a stale collection does not fail a build whose manifest has switched."""
    settings = replace(fake_settings, store="milvus")
    db = str(settings.index / "milvus.db")
    try:
        build(settings, embedder=HashEmbedder())
        index = store.load(settings.index, settings)
        absent = max(c.id for c in index.chunks) + 1
        with pytest.raises(ChatbotError, match=f"lacks the vectors of 1 chunk.*{absent}.*chatbot index --rebuild"):
            index.vectors.vectors_of(np.array([index.chunks[0].id, absent]))
        client = milvus_store.connect(db)
        name = index.manifest["vectors"]["collection"]

        def refuse(*args, **kwargs):
            from pymilvus.exceptions import MilvusException

            raise MilvusException(message="refused\nsecond line")

        real_drop = client.drop_collection
        client.drop_collection = refuse
        try:
            (settings.docs / S000).unlink()
            build(settings, embedder=HashEmbedder())
            (settings.docs / S001).unlink()
            assert build(settings, embedder=HashEmbedder()).removed == [S001]  # the stale drop failed quietly
            assert len(collections(settings)) == 3
        finally:
            client.drop_collection = real_drop
        build(settings, embedder=HashEmbedder())  # nothing changed: the next build drops it
        assert collections(settings) == generations_collections(settings.index)
        current = store.load(settings.index, settings)
        client.drop_collection(current.manifest["vectors"]["collection"])  # gone under a loaded index
        with pytest.raises(ChatbotError) as e:
            current.vectors.search(HashEmbedder().encode(["flag meetings"]), 5)
        message = str(e.value)
        assert "\n" not in message and db in message and current.manifest["vectors"]["collection"] in message
        assert name not in collections(settings)
    finally:
        milvus_store.close(db)


def test_a_search_for_more_hits_than_milvus_returns(settings):
    """k above Milvus's limit (16384) is clamped; the rest is padded as FAISS pads it."""
    build(settings, embedder=HashEmbedder())
    index = store.load(settings.index, settings)
    scores, ids = index.vectors.search(HashEmbedder().encode(["border flag meetings"]), milvus_store.TOPK_MAX + 5)
    assert ids.shape == scores.shape == (1, milvus_store.TOPK_MAX + 5)
    assert sorted(ids[ids >= 0]) == sorted(c.id for c in index.chunks) and (ids[0, len(index.chunks):] == -1).all()


def refusals(settings) -> list[str]:
    """The errors with which loading the index and building it are both refused under these settings."""
    out = []
    for action in (lambda: store.load(settings.index, settings), lambda: build(settings, embedder=HashEmbedder())):
        with pytest.raises(ChatbotError) as e:
            action()
        out.append(str(e.value))
    return out


def test_the_index_is_loaded_from_the_milvus_uri_it_recorded(seeds_dir, fake_settings, tmp_path):
    """Loading uses the manifest's URI; a different CHATBOT_MILVUS_URI is refused with the fix (a rebuild
    there), creating nothing; a Lite path must end in .db."""
    settings = replace(fake_settings, store="milvus")
    elsewhere = replace(settings, milvus_uri=str(tmp_path / "other" / "vectors.db"))
    try:
        build(settings, embedder=HashEmbedder())
        for error in refusals(elsewhere):
            assert str(settings.index / "milvus.db") in error and elsewhere.milvus_uri in error
            assert "chatbot index --rebuild" in error and "unset CHATBOT_MILVUS_URI" in error
        assert not (tmp_path / "other").exists()
        build(elsewhere, rebuild=True, embedder=HashEmbedder())
        assert store.load(settings.index).manifest["vectors"]["uri"] == elsewhere.milvus_uri
        assert store.load(settings.index, elsewhere).vectors.uri == elsewhere.milvus_uri
        with pytest.raises(ChatbotError, match="CHATBOT_MILVUS_URI"):
            store.load(settings.index, replace(settings, milvus_uri=str(settings.index / "milvus.db")))
        with pytest.raises(ChatbotError, match="ending in .db"):
            build(replace(settings, milvus_uri=str(tmp_path / "vectors")), rebuild=True, embedder=HashEmbedder())
        milvus_store.close(elsewhere.milvus_uri)
        shutil.rmtree(tmp_path / "other")
        with pytest.raises(ChatbotError, match="incomplete"):
            store.load(settings.index)
        assert not (tmp_path / "other").exists()  # loading created no empty database
    finally:
        milvus_store.close()


def test_an_index_built_on_the_other_store_is_refused(seeds_dir, fake_settings):
    faiss_settings = replace(fake_settings, store="faiss")
    milvus_settings = replace(fake_settings, store="milvus")
    try:
        build(faiss_settings, embedder=HashEmbedder())
        for error in refusals(milvus_settings):
            assert "built with the faiss vector store" in error
            assert "chatbot index --rebuild --store milvus" in error
        faiss_results = results(store.load(faiss_settings.index))
        assert sorted(build(milvus_settings, rebuild=True, embedder=HashEmbedder()).added) == SEED_FILES
        assert results(store.load(milvus_settings.index)) == faiss_results  # the manifest says which store
        with pytest.raises(ChatbotError, match="--rebuild --store faiss"):
            store.load(faiss_settings.index, faiss_settings)
        with pytest.raises(ChatbotError, match="Unknown vector store 'pinecone'"):
            build(replace(fake_settings, store="pinecone"), embedder=HashEmbedder())
    finally:
        milvus_store.close(str(fake_settings.index / "milvus.db"))


def test_a_milvus_uri_outside_the_index_folder(seeds_dir, fake_settings, tmp_path):
    """CHATBOT_MILVUS_URI: the manifest records it (absolute), so loading needs no settings; stale
    collections are dropped there."""
    db = tmp_path / "shared" / "vectors.db"
    settings = replace(fake_settings, store="milvus", milvus_uri=str(db))
    try:
        build(settings, embedder=HashEmbedder())
        (settings.docs / S000).unlink()
        build(settings, embedder=HashEmbedder())
        (settings.docs / S001).unlink()
        build(settings, embedder=HashEmbedder())
        index = store.load(settings.index)
        m = index.manifest["vectors"]
        assert m["uri"] == str(db.resolve()) and db.is_dir() and not (settings.index / "milvus.db").exists()
        assert sorted(index.docs) == [S002, S003] and index.vectors.ntotal == len(index.chunks)
        assert len(milvus_store.connect(str(db)).list_collections()) == 2
    finally:
        milvus_store.close(str(db))


def test_milvus_lite_in_another_process_is_a_one_line_error(seeds_dir, fake_settings):
    """Milvus Lite locks its database for one process: a second one (a CLI build while the app serves) is
    told so in one line, with what to do."""
    settings = replace(fake_settings, store="milvus")
    build(settings, embedder=HashEmbedder())
    try:
        store.load(settings.index, settings)  # this process holds the database, as the app would
        run = subprocess.run([sys.executable, "-m", "chatbot", "search", "flag meetings", "--store", "milvus"],
                             capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT),
                                                                               "CHATBOT_EMBEDDING_MODEL": "fake"})
    finally:
        milvus_store.close(str(settings.index / "milvus.db"))
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and "open in another process" in run.stderr, run.stderr
    assert "CHATBOT_MILVUS_URI=http://" in run.stderr


def test_cli_on_milvus(seeds_dir, monkeypatch, tmp_path):
    monkeypatch.setenv("CHATBOT_EMBEDDING_MODEL", "fake")
    monkeypatch.setenv("CHATBOT_MODEL", "echo")
    runner = CliRunner()

    def run(*args: str, code: int = 0):
        result = runner.invoke(app, list(args))
        assert result.exit_code == code, (result.output, result.exception)
        return result

    try:
        report = json.loads(run("index", "--store", "milvus", "--json").stdout)
        assert sorted(report["added"]) == SEED_FILES
        assert json.loads((tmp_path / "index" / "manifest.json").read_text())["vectors"]["store"] == "milvus"
        hits = json.loads(run("search", "border flag meetings", "--store", "milvus", "--json").stdout)
        assert hits[0]["doc"] == S001
        monkeypatch.setenv("CHATBOT_STORE", "milvus")
        answer = json.loads(run("ask", "How many border flag meetings has Pakistan held?", "--json").stdout)
        # the echo generator answers with passage [1], cited: the sentence with the number, verified
        assert answer["mode"] == "generated" and "225 border flag meetings" in answer["answer"], answer
        assert [c["chunk_id"].split("#")[0] for c in answer["citations"]] == [S001]
        monkeypatch.delenv("CHATBOT_STORE")
        refused = run("search", "border flag meetings", code=1)
        assert isinstance(refused.exception, ChatbotError) and "--rebuild --store faiss" in str(refused.exception)
    finally:
        milvus_store.close(str(tmp_path / "index" / "milvus.db"))


@pytest.mark.slow
def test_both_stores_give_the_same_results_with_the_real_model(real_index, real_index_settings, real_embedder,
                                                              tmp_path):
    settings = replace(real_index_settings, index=tmp_path / "milvus-index", store="milvus")
    build(settings, embedder=real_embedder)
    try:
        milvus = store.load(settings.index, settings)
        assert [c.chunk_id for c in milvus.chunks] == [c.chunk_id for c in real_index.chunks]
        questions = [q.question for q in read_questions(DEV_QUESTIONS)]
        assert len(questions) >= 10
        for q in questions:
            for mode in ("dense", "hybrid"):
                on_faiss = search(real_index, real_embedder, q, 10, mode)
                on_milvus = search(milvus, real_embedder, q, 10, mode)
                assert [h.chunk.chunk_id for h in on_milvus] == [h.chunk.chunk_id for h in on_faiss], (q, mode)
                assert np.allclose([h.similarity for h in on_milvus], [h.similarity for h in on_faiss], atol=1e-5)
        # and the same answers with the same citations (the engine's ranking, checks and quoting on top)
        engines = [Engine(replace(x, model="echo"), embedder=real_embedder) for x in (real_index_settings, settings)]
        modes = []
        for q in questions:
            a, b = (e.ask(q) for e in engines)
            assert (b.mode, b.answer, b.citations) == (a.mode, a.answer, a.citations), q
            modes.append(a.mode)
        assert modes.count("generated") >= len(questions) // 2, modes  # answers with citations, not refusals
    finally:
        milvus_store.close(str(settings.index / "milvus.db"))
