"""Building the index: incremental updates, skipped files, encodings, errors, locking and crash safety.

All on real files and a real FAISS/BM25 index, with the fast deterministic HashEmbedder.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from chatbot import build as build_module
from chatbot import clean, faiss_store, store
from chatbot.build import build
from chatbot.embed import HashEmbedder
from chatbot.errors import ChatbotError
from chatbot.retrieve import MODES, search
from chatbot.settings import Settings
from tests.conftest import SEED_FILES, SEEDS

S000, S001, S002, S003 = SEED_FILES


def assert_found(index: store.Index, query: str, doc: str) -> None:
    """BM25 ranks the document first; hybrid (mostly the fake, non-semantic embedder) has it in the top 5."""
    assert docs_found(index, query, "bm25")[0] == doc
    assert doc in docs_found(index, query, "hybrid", k=5)


class CountingEmbedder(HashEmbedder):
    """The fake embedder, recording every text it is asked to embed."""

    def __init__(self, dim: int = 64) -> None:
        super().__init__(dim)
        self.calls = 0
        self.encoded: list[str] = []

    def encode(self, texts, progress=False):
        self.calls += 1
        self.encoded.extend(texts)
        return super().encode(texts, progress)


def gen_folders(index_dir: Path) -> set[str]:
    return {p.name for p in index_dir.glob("gen-*")}


def manifest(index_dir: Path) -> dict:
    return json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))


def chunk_texts(index: store.Index, doc: str) -> list[str]:
    return [c.text for c in index.chunks if c.doc == doc]


def docs_found(index: store.Index, query: str, mode: str, k: int = 10) -> list[str]:
    embedder = HashEmbedder() if mode != "bm25" else None
    return [h.chunk.doc for h in search(index, embedder, query, k=k, mode=mode)]


@pytest.fixture
def built(seeds_dir: Path, fake_settings: Settings):
    """The seeds indexed once; returns (settings, first report)."""
    embedder = CountingEmbedder()
    report = build(fake_settings, embedder=embedder)
    return fake_settings, report, embedder


# Building and incremental updates --------------------------------------------------------------------


def test_build_seeds(built):
    settings, report, embedder = built
    assert sorted(report.added) == SEED_FILES
    assert report.changed == report.removed == report.unchanged == report.skipped == report.duplicates == []
    index = store.load(settings.index)
    assert report.chunks == len(index.chunks) == index.vectors.ntotal > 4
    assert sorted(index.docs) == SEED_FILES
    for name in SEED_FILES:
        doc = index.docs[name]
        assert doc.text == clean.clean((SEEDS / name).read_text(encoding="utf-8")).text
        assert doc.chunks == len(chunk_texts(index, name)) > 0
        assert doc.sha256 == manifest(settings.index)["documents"][name]["sha256"]
    for c in index.chunks:
        assert c.text == index.docs[c.doc].text[c.start : c.end]
        assert c.title == index.docs[c.doc].title
    assert index.docs[S000].title == "Moscow to Kabul via Islamabad"
    assert index.docs[S000].removed and index.docs[S002].removed == []
    # every chunk embedded exactly once, and its stored vector is its embedding
    assert sorted(embedder.encoded) == sorted(c.text for c in index.chunks)
    for c in index.chunks[:5]:
        assert np.allclose(index.vectors.reconstruct(c.id), HashEmbedder().encode([c.text])[0], atol=1e-6)
    # the files on disk match the documented layout, inside the tmp index folder
    m = manifest(settings.index)
    assert (m["format"], m["version"]) == (store.FORMAT, store.FORMAT_VERSION)
    assert m["embedding"]["model"] == "fake-hash-64" and m["embedding"]["dim"] == 64
    folder = settings.index / m["generation"]
    for name in ("vectors.faiss", "chunks.jsonl", "documents.jsonl", "bm25"):
        assert (folder / name).exists(), name
    assert gen_folders(settings.index) == {m["generation"]}


def test_second_build_is_a_no_op(built, monkeypatch):
    settings, _, _ = built
    before = manifest(settings.index)
    embedder = CountingEmbedder()
    report = build(settings, embedder=embedder)
    assert sorted(report.unchanged) == SEED_FILES
    assert report.added == report.changed == report.removed == []
    assert report.chunks == before["chunks"]
    assert embedder.calls == 0
    assert manifest(settings.index) == before  # no new generation written

    # without an embedder given: the model is never loaded when nothing changed
    def no_model(setting):
        raise AssertionError("the embedding model was loaded for a no-op build")

    monkeypatch.setattr(build_module, "load_embedder", no_model)
    report = build(settings)
    assert sorted(report.unchanged) == SEED_FILES and report.added == report.changed == []
    assert manifest(settings.index) == before


def test_changed_file_only_its_chunks_are_embedded(built):
    settings, _, _ = built
    old = store.load(settings.index)
    path = settings.docs / S002
    path.write_text(path.read_text(encoding="utf-8") + "\nZanzibarite traders reopened the northern market "
                    "on Thursday, officials said.\n", encoding="utf-8")
    embedder = CountingEmbedder()
    report = build(settings, embedder=embedder)
    assert report.changed == [S002]
    assert sorted(report.unchanged) == sorted(set(SEED_FILES) - {S002})
    assert report.added == report.removed == []
    new = store.load(settings.index)
    assert sorted(embedder.encoded) == sorted(chunk_texts(new, S002))
    assert any("Zanzibarite" in t for t in chunk_texts(new, S002))
    # the other documents keep their chunks, ids and vectors
    for name in set(SEED_FILES) - {S002}:
        old_chunks = [c for c in old.chunks if c.doc == name]
        assert old_chunks == [c for c in new.chunks if c.doc == name]
        for c in old_chunks:
            assert np.array_equal(old.vectors.reconstruct(c.id), new.vectors.reconstruct(c.id))
    # the old chunks of the changed document are gone, ids are never reused
    old_ids = {c.id for c in old.chunks if c.doc == S002}
    assert not old_ids & {c.id for c in new.chunks}
    assert new.vectors.ntotal == len(new.chunks)
    assert_found(new, "Zanzibarite traders", S002)


def test_added_file_only_it_is_embedded(built):
    settings, _, _ = built
    (settings.docs / "sub").mkdir()
    (settings.docs / "sub" / "new.md").write_text(
        "# Quarterly harvest\n\nThe **quinoa** harvest in the [Altiplano](http://example.com) doubled this "
        "year. Farmers credited new irrigation canals.\n", encoding="utf-8")
    embedder = CountingEmbedder()
    report = build(settings, embedder=embedder)
    assert report.added == ["sub/new.md"]
    assert sorted(report.unchanged) == SEED_FILES and report.changed == report.removed == []
    index = store.load(settings.index)
    assert sorted(embedder.encoded) == sorted(chunk_texts(index, "sub/new.md")) and embedder.encoded
    doc = index.docs["sub/new.md"]
    assert doc.title == "Quarterly harvest"
    assert "**" not in doc.text and "http://example.com" not in doc.text and "Altiplano" in doc.text
    assert_found(index, "quinoa harvest Altiplano", "sub/new.md")


def test_deleted_file_is_removed_everywhere(built):
    settings, _, _ = built
    before = store.load(settings.index)
    assert S001 in docs_found(before, "225 border flag meetings demarches", "bm25")
    (settings.docs / S001).unlink()
    embedder = CountingEmbedder()
    report = build(settings, embedder=embedder)
    assert report.removed == [S001]
    assert sorted(report.unchanged) == sorted(set(SEED_FILES) - {S001})
    assert embedder.calls == 0
    index = store.load(settings.index)
    assert S001 not in index.docs and S001 not in manifest(settings.index)["documents"]
    assert chunk_texts(index, S001) == []
    assert index.vectors.ntotal == len(index.chunks)
    assert len(index.chunks) == len(before.chunks) - len(chunk_texts(before, S001))
    for mode in MODES:  # dense included: any chunk of the document would be a hit
        assert S001 not in docs_found(index, "225 border flag meetings demarches", mode, k=50)
    stored = (index.folder / "chunks.jsonl").read_text(encoding="utf-8")
    assert S001 not in stored and "225 border flag meetings" not in stored


def test_rebuild_starts_over(built):
    settings, first, _ = built
    old_generation = manifest(settings.index)["generation"]
    embedder = CountingEmbedder()
    report = build(settings, rebuild=True, embedder=embedder)
    assert sorted(report.added) == SEED_FILES and report.unchanged == []
    index = store.load(settings.index)
    assert sorted(embedder.encoded) == sorted(c.text for c in index.chunks)
    assert report.chunks == first.chunks
    assert manifest(settings.index)["generation"] != old_generation
    assert len(gen_folders(settings.index)) <= 2


def test_near_duplicate_is_indexed_once(built):
    settings, _, _ = built
    text = (settings.docs / S001).read_text(encoding="utf-8")
    copy = text.replace("Islamabad has received", "Pakistan has received", 1).replace(
        "genuinely good", "truly good", 1).replace("Source link", "Originally published elsewhere", 1)
    assert copy != text
    (settings.docs / "zz_syndicated.txt").write_text(copy, encoding="utf-8")
    embedder = CountingEmbedder()
    report = build(settings, embedder=embedder)
    assert report.added == ["zz_syndicated.txt"]
    assert report.duplicates == [{"path": "zz_syndicated.txt", "duplicate_of": S001}]
    assert embedder.calls == 0
    index = store.load(settings.index)
    assert index.docs["zz_syndicated.txt"].duplicate_of == S001
    assert "near-duplicate of " + S001 in " ".join(index.docs["zz_syndicated.txt"].warnings())
    assert chunk_texts(index, "zz_syndicated.txt") == []
    assert manifest(settings.index)["documents"]["zz_syndicated.txt"]["duplicate_of"] == S001
    hits = docs_found(index, "225 border flag meetings", "hybrid")
    assert hits[0] == S001 and "zz_syndicated.txt" not in hits
    # a no-op build still reports it
    again = build(settings, embedder=CountingEmbedder())
    assert again.duplicates == report.duplicates and again.added == []
    # when the original goes, the copy is indexed in its place
    (settings.docs / S001).unlink()
    embedder = CountingEmbedder()
    report = build(settings, embedder=embedder)
    assert report.removed == [S001] and report.duplicates == []
    index = store.load(settings.index)
    assert index.docs["zz_syndicated.txt"].duplicate_of is None
    assert sorted(embedder.encoded) == sorted(chunk_texts(index, "zz_syndicated.txt")) and embedder.encoded
    assert docs_found(index, "225 border flag meetings", "hybrid")[0] == "zz_syndicated.txt"


def test_skipped_files_are_reported_and_the_rest_is_indexed(seeds_dir, fake_settings, tmp_path):
    docs = seeds_dir
    (docs / "empty.txt").write_bytes(b"")
    (docs / "blank.md").write_text("   \n\n  \n", encoding="utf-8")
    (docs / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (docs / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    (docs / "noext").write_text("no extension", encoding="utf-8")
    (docs / "only-boilerplate.txt").write_text("LEAVE A REPLY\nPlease enter your comment!\n",
                                               encoding="utf-8")
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (docs / ".hidden.txt").write_text("Hidden files are ignored.", encoding="utf-8")
    outside = tmp_path / "outside.txt"
    outside.write_text("A xylophonist file outside the docs folder.", encoding="utf-8")
    (docs / "link.txt").symlink_to(outside)
    (docs / "inside-link.txt").symlink_to(docs / S002)  # inside the folder: followed (and a duplicate)
    report = build(fake_settings, embedder=CountingEmbedder())
    reasons = {s["path"]: s["reason"] for s in report.skipped}
    assert set(reasons) == {"empty.txt", "blank.md", "binary.txt", "image.png", "noext",
                            "only-boilerplate.txt", "broken.pdf", "link.txt"}
    assert reasons["empty.txt"] == "empty file" and reasons["blank.md"] == "empty file"
    assert "binary data" in reasons["binary.txt"]
    assert "unsupported file type '.png'" in reasons["image.png"] and ".txt" in reasons["image.png"]
    assert "unsupported file type 'noext'" in reasons["noext"]
    assert reasons["only-boilerplate.txt"] == "no article text left after removing boilerplate"
    assert "PDF" in reasons["broken.pdf"]
    assert "symbolic link" in reasons["link.txt"] and "outside the docs folder" in reasons["link.txt"]
    assert sorted(report.added) == sorted(SEED_FILES + ["inside-link.txt"])
    assert report.duplicates == [{"path": "inside-link.txt", "duplicate_of": S002}]
    index = store.load(fake_settings.index)
    assert sorted(index.docs) == sorted(SEED_FILES + ["inside-link.txt"])
    assert "xylophonist" not in (index.folder / "documents.jsonl").read_text(encoding="utf-8")
    # the next build changes nothing and reports the same skipped files again
    embedder = CountingEmbedder()
    again = build(fake_settings, embedder=embedder)
    assert again.added == again.changed == again.removed == [] and embedder.calls == 0
    assert {s["path"]: s["reason"] for s in again.skipped} == reasons
    # fixing a skipped file gets it indexed
    (docs / "empty.txt").write_text("The lighthouse keeper retired after forty years.", encoding="utf-8")
    fixed = build(fake_settings, embedder=CountingEmbedder())
    assert fixed.added == ["empty.txt"] and "empty.txt" not in {s["path"] for s in fixed.skipped}


def test_oversized_file_is_skipped(seeds_dir, fake_settings):
    (seeds_dir / "huge.txt").write_text("word " * 300_000, encoding="utf-8")
    report = build(replace(fake_settings, max_file_mb=1.0), embedder=CountingEmbedder())
    [skipped] = report.skipped
    assert skipped["path"] == "huge.txt" and "1.5 MB, over the 1 MB limit" in skipped["reason"]
    assert "CHATBOT_MAX_FILE_MB" in skipped["reason"]
    assert sorted(report.added) == SEED_FILES


FRENCH = "Le café de la gare a fermé. Les habitués de Zürich étaient déçus.\n"


@pytest.mark.parametrize(("name", "data"), [
    ("latin1.txt", FRENCH.encode("latin-1")),
    ("cp1252.txt", FRENCH.replace(". Les", " — Les").encode("cp1252")),
    ("utf16.txt", FRENCH.encode("utf-16")),
    ("utf16le.txt", FRENCH.encode("utf-16-le")),
    ("utf16be.md", FRENCH.encode("utf-16-be")),
    ("bom.txt", ("\ufeff" + FRENCH).encode()),
])
def test_encodings_are_decoded(seeds_dir, fake_settings, name, data):
    (seeds_dir / name).write_bytes(data)
    report = build(fake_settings, embedder=CountingEmbedder())
    assert name in report.added and report.skipped == []
    index = store.load(fake_settings.index)
    text = index.docs[name].text
    assert text.startswith("Le café de la gare a fermé") and "Zürich" in text and "\ufffd" not in text
    assert "\ufeff" not in text and "\x00" not in text
    assert_found(index, "café", name)
    assert_found(index, "habitués Zürich déçus", name)


def test_html_is_reduced_to_its_article(seeds_dir, fake_settings):
    body = " ".join(f"The museum's new wing holds {n} paintings from the northern school." for n in range(12))
    (seeds_dir / "page.html").write_text(
        "<html><head><title>Museum opens wing</title></head><body><nav>Home | About | Contact</nav>"
        f"<article><h1>Museum opens wing</h1><p>{body}</p></article>"
        "<footer>Copyright 2024 Example Corp</footer></body></html>", encoding="utf-8")
    build(fake_settings, embedder=CountingEmbedder())
    doc = store.load(fake_settings.index).docs["page.html"]
    assert doc.title == "Museum opens wing"
    assert "northern school" in doc.text and "<p>" not in doc.text and "Copyright 2024" not in doc.text


# Errors the user can fix -----------------------------------------------------------------------------


def test_missing_docs_folder(fake_settings):
    with pytest.raises(ChatbotError) as e:
        build(fake_settings, embedder=CountingEmbedder())
    msg = str(e.value)
    assert str(fake_settings.docs) in msg and "does not exist" in msg and "--docs" in msg
    assert "run: chatbot index" in msg
    assert not (fake_settings.index / "manifest.json").exists()


def test_empty_docs_folder(fake_settings):
    fake_settings.docs.mkdir()
    (fake_settings.docs / ".hidden").write_text("x", encoding="utf-8")
    with pytest.raises(ChatbotError) as e:
        build(fake_settings, embedder=CountingEmbedder())
    assert str(fake_settings.docs) in str(e.value) and "no documents" in str(e.value)
    assert "run: chatbot index" in str(e.value)


def test_no_index_yet(fake_settings):
    with pytest.raises(ChatbotError) as e:
        store.load(fake_settings.index)
    assert str(fake_settings.index) in str(e.value) and "Run: chatbot index" in str(e.value)


def test_other_embedding_model(built):
    settings, _, _ = built
    with pytest.raises(ChatbotError) as e:
        build(settings, embedder=CountingEmbedder(dim=32))
    msg = str(e.value)
    assert str(settings.index) in msg and "fake-hash-64" in msg and "chatbot index --rebuild" in msg
    # the manifest names another model (a different sentence-transformers folder, say)
    m = manifest(settings.index)
    m["embedding"]["model"] = "/models/some-other-model"
    (settings.index / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    with pytest.raises(ChatbotError) as e:
        build(settings)  # embedding_model="fake" from the settings
    assert "/models/some-other-model" in str(e.value) and "chatbot index --rebuild" in str(e.value)
    # --rebuild fixes it
    report = build(settings, rebuild=True, embedder=CountingEmbedder(dim=32))
    assert sorted(report.added) == SEED_FILES
    assert store.load(settings.index).vectors.dim == 32


def test_other_chunker_settings(built):
    settings, first, _ = built
    with pytest.raises(ChatbotError) as e:
        build(replace(settings, chunk_tokens=100), embedder=CountingEmbedder())
    assert str(settings.index) in str(e.value) and "chatbot index --rebuild" in str(e.value)
    report = build(replace(settings, chunk_tokens=100), rebuild=True, embedder=CountingEmbedder())
    assert sorted(report.added) == SEED_FILES and report.chunks > first.chunks


def test_newer_format_version(built):
    settings, _, _ = built
    m = manifest(settings.index)
    m["version"] = store.FORMAT_VERSION + 1
    (settings.index / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    for action in (lambda: store.load(settings.index), lambda: build(settings, embedder=CountingEmbedder())):
        with pytest.raises(ChatbotError) as e:
            action()
        msg = str(e.value)
        assert str(settings.index) in msg and "newer" in msg and "chatbot index --rebuild" in msg
    assert sorted(build(settings, rebuild=True, embedder=CountingEmbedder()).added) == SEED_FILES


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "manifest-not-json"])
def test_damaged_index(built, damage):
    settings, _, _ = built
    m = manifest(settings.index)
    vectors = settings.index / m["generation"] / "vectors.faiss"
    data = vectors.read_bytes()
    if damage == "garbage":
        vectors.write_bytes(b"not a faiss index" * 10)
    elif damage == "truncated":
        vectors.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        vectors.write_bytes(b"")
    else:
        (settings.index / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ChatbotError) as e:
        store.load(settings.index)
    msg = str(e.value)
    assert str(settings.index) in msg and "chatbot index --rebuild" in msg
    # a build that has changes to make hits the same error, with the same advice
    (settings.docs / S003).unlink()
    with pytest.raises(ChatbotError) as e:
        build(settings, embedder=CountingEmbedder())
    assert "chatbot index --rebuild" in str(e.value)
    report = build(settings, rebuild=True, embedder=CountingEmbedder())
    assert sorted(report.added) == [S000, S001, S002]
    assert len(store.load(settings.index).docs) == 3


def test_missing_generation_folder(built):
    settings, _, _ = built
    shutil.rmtree(settings.index / manifest(settings.index)["generation"])
    with pytest.raises(ChatbotError) as e:
        store.load(settings.index)
    assert str(settings.index) in str(e.value) and "chatbot index --rebuild" in str(e.value)


def test_inconsistent_generation(built):
    settings, _, _ = built
    chunks = settings.index / manifest(settings.index)["generation"] / "chunks.jsonl"
    lines = chunks.read_text(encoding="utf-8").splitlines(keepends=True)
    chunks.write_text("".join(lines[:-1]), encoding="utf-8")
    with pytest.raises(ChatbotError) as e:
        store.load(settings.index)
    assert "inconsistent" in str(e.value) and "chatbot index --rebuild" in str(e.value)


def test_second_concurrent_build_is_refused(built):
    from filelock import FileLock

    settings, _, _ = built
    (settings.docs / S003).unlink()
    before = manifest(settings.index)
    with FileLock(str(settings.index / ".build.lock")):
        with pytest.raises(ChatbotError) as e:
            build(settings, embedder=CountingEmbedder())
        assert "Another build" in str(e.value) and str(settings.index) in str(e.value)
        assert manifest(settings.index) == before
    assert build(settings, embedder=CountingEmbedder()).removed == [S003]


def test_concurrent_build_from_another_process_is_refused(built):
    settings, _, _ = built
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from filelock import FileLock\n"
         "with FileLock(sys.argv[1]):\n    print('locked', flush=True); time.sleep(30)",
         str(settings.index / ".build.lock")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(ChatbotError, match="Another build"):
            build(settings, embedder=CountingEmbedder())
    finally:
        holder.kill()
        holder.wait()
    assert sorted(build(settings, embedder=CountingEmbedder()).unchanged) == SEED_FILES


def test_reader_sees_a_complete_index_while_a_build_replaces_it(built):
    """Loading during and after a build gives the old or the new index, never a mix."""
    settings, _, _ = built
    old = store.load(settings.index)
    (settings.docs / S000).unlink()
    build(settings, embedder=CountingEmbedder())
    # the previous generation is kept for readers that loaded it before the switch
    assert old.folder.is_dir()
    new = store.load(settings.index)
    assert S000 in old.docs and S000 not in new.docs
    assert new.vectors.ntotal == len(new.chunks)


# Crash safety: a build killed at any moment leaves the previous index working --------------------------

N_DOCS = 90
CHANGES = (18, 24, 9)  # added, changed, removed by _apply_changes
QUERIES = ["marker007 marker042", "changed003 changed012", "fresh0005 fresh0017", "w17 w230 w999",
           "w5 w6 w7 w8", "marker080 w77", "marker000"]
CRASH_SCRIPT = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path

    import faiss

    from chatbot import lexical, store
    from chatbot.build import build
    from chatbot.embed import HashEmbedder
    from chatbot.settings import Settings

    docs, index, point = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    real_replace, real_write_index, real_build_bm25 = os.replace, faiss.write_index, lexical.build

    def replace(src, dst):
        if point == "before-manifest-switch" and Path(dst).name == "manifest.json":
            die()  # the new generation is complete on disk, the manifest still names the old one
        real_replace(src, dst)
        if point == "after-manifest-switch" and Path(dst).name == "manifest.json":
            die()  # switched, but the directory not synced and old generations not cleaned

    def write_index(*args):
        real_write_index(*args)
        if point == "vectors-written":
            die()

    def build_bm25(*args):
        real_build_bm25(*args)
        if point == "bm25-written":
            die()

    os.replace, faiss.write_index, lexical.build = replace, write_index, build_bm25
    if point == "before-cleanup":
        store.remove_stale = lambda *args, **kwargs: die()

    def progress(stage, done, total):
        if point == "mid-reading" and stage == "reading documents" and done == total // 2:
            die()
        if point == "after-an-embedding-batch" and stage == "embedding chunks" and done > 0:
            die()

    print("started", flush=True)
    report = build(Settings(docs=docs, index=index, embedding_model="fake"), embedder=HashEmbedder(),
                   progress=progress)
    print("finished", len(report.added), len(report.changed), len(report.removed), flush=True)
""")
# Kill points inside the build (deterministic) and from outside (timed, or on seeing files appear).
INTERNAL = ["mid-reading", "after-an-embedding-batch", "vectors-written", "bm25-written", "before-manifest-switch",
            "after-manifest-switch", "before-cleanup"]
SWITCHED = {"after-manifest-switch", "before-cleanup"}
EXTERNAL = ["timer-0.05s", "timer-0.3s", "when-generation-folder-appears",
            "when-new-vectors-appear", "when-temporary-manifest-appears"]


def _doc(rng: random.Random, marker: str) -> str:
    words = [f"w{i}" for i in range(1000)]
    sentences = [" ".join(rng.choice(words) for _ in range(10)).capitalize() + "." for _ in range(16)]
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, 16, 4)]
    return f"Report {marker}\n\n{marker} " + "\n\n".join(paragraphs)


def _apply_changes(docs: Path) -> None:
    """Change 24 documents, add 18, delete 9: a build with something of every kind to do."""
    rng = random.Random(2)
    for n in range(0, 72, 3):
        (docs / f"doc{n:03d}.txt").write_text(_doc(rng, f"changed{n:03d}"), encoding="utf-8")
    for n in range(18):
        (docs / f"fresh{n:04d}.txt").write_text(_doc(rng, f"fresh{n:04d}"), encoding="utf-8")
    for n in range(72, 90):
        if n % 2:
            (docs / f"doc{n:03d}.txt").unlink()


def _results(index_dir: Path) -> list:
    index = store.load(index_dir)
    embedder = HashEmbedder()
    return [[(h.to_dict(), round(h.similarity, 6)) for h in search(index, embedder, q, k=5, mode=mode)]
            for q in QUERIES for mode in MODES]


@pytest.fixture(scope="module")
def crash_base(tmp_path_factory):
    """An index of 90 generated documents, and the search results before and after a docs change."""
    root = tmp_path_factory.mktemp("crash")
    base = root / "base"
    rng = random.Random(1)
    (base / "docs").mkdir(parents=True)
    for n in range(N_DOCS):
        (base / "docs" / f"doc{n:03d}.txt").write_text(_doc(rng, f"marker{n:03d}"), encoding="utf-8")
    settings = Settings(docs=base / "docs", index=base / "index", embedding_model="fake")
    build(settings, embedder=HashEmbedder())
    before = _results(base / "index")
    # the same change built without interruption: what a finished build must give
    ref = root / "reference"
    shutil.copytree(base, ref)
    _apply_changes(ref / "docs")
    report = build(replace(settings, docs=ref / "docs", index=ref / "index"), embedder=HashEmbedder())
    assert (len(report.added), len(report.changed), len(report.removed)) == CHANGES
    after = _results(ref / "index")
    assert before != after
    return root, base, before, after, manifest(base / "index")["generation"]


def _run_and_kill(work: Path, point: str) -> tuple[int, str]:
    """Run the build in a subprocess on work/docs, work/index and kill it at `point`; (returncode, stdout)."""
    index = work / "index"
    old_gens = gen_folders(index)
    proc = subprocess.Popen([sys.executable, "-c", CRASH_SCRIPT, str(work / "docs"), str(index),
                             point if point in INTERNAL else "none"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=work)
    started = time.monotonic()
    if point.startswith("timer-"):  # a delay after the build started (imports done)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "started"
        time.sleep(float(point[6:-1]))
        proc.send_signal(signal.SIGKILL)
    elif point in EXTERNAL:
        while proc.poll() is None and time.monotonic() - started < 60:
            new = gen_folders(index) - old_gens
            if point == "when-generation-folder-appears" and new:
                break
            if point == "when-new-vectors-appear" and any((index / g / "vectors.faiss").exists()
                                                          for g in new):
                break
            if point == "when-temporary-manifest-appears" and any(index.glob(".manifest.json.*.tmp")):
                break
            time.sleep(0.0005)
        proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=60)
    assert "Traceback" not in err, err
    return proc.returncode, out


def test_killed_builds_leave_a_working_index(crash_base):
    root, base, before, after, base_generation = crash_base
    points = INTERNAL + EXTERNAL
    works = {}
    for point in points:
        works[point] = root / point
        shutil.copytree(base, works[point])
        _apply_changes(works[point] / "docs")
    with ThreadPoolExecutor(max_workers=len(points)) as pool:
        outcomes = dict(zip(points, pool.map(lambda p: _run_and_kill(works[p], p), points), strict=True))

    for point, (returncode, out) in outcomes.items():
        index = works[point] / "index"
        if point in INTERNAL:
            assert returncode == -signal.SIGKILL, (point, returncode, out)
            assert "started" in out and "finished" not in out
        # the index still loads, and answers exactly as before the build (or as after it, if it switched)
        loaded = store.load(index)
        results = _results(index)
        if point in SWITCHED:
            assert loaded.manifest["generation"] != base_generation, point
            assert results == after, point
        elif point in INTERNAL:
            assert loaded.manifest["generation"] == base_generation, point
            assert results == before, point
        else:
            assert results == (before if loaded.manifest["generation"] == base_generation else after), point
        if point in ("vectors-written", "bm25-written", "before-manifest-switch"):
            # the killed build had written (part of) a new generation: it is left over, unused
            assert len(gen_folders(index)) == 2, point
        if point == "before-manifest-switch":
            assert list(index.glob(".manifest.json.*.tmp")), "the new manifest was written but not switched"

        # the next normal build finishes the job and removes what the killed one left behind
        report = build(Settings(docs=works[point] / "docs", index=index, embedding_model="fake"),
                       embedder=HashEmbedder())
        switched = store.load(index).manifest["generation"] != base_generation
        assert switched
        assert _results(index) == after, point
        if loaded.manifest["generation"] == base_generation:
            assert (len(report.added), len(report.changed), len(report.removed)) == CHANGES, point
            assert gen_folders(index) == {manifest(index)["generation"], base_generation}, point
        else:  # the killed build had already switched: nothing left to do
            assert report.added == report.changed == report.removed == [], point
        assert not list(index.glob(".manifest.json.*.tmp")), point
        if point in SWITCHED:
            # one more change: everything but the current and the previous generation is cleaned
            (works[point] / "docs" / "doc001.txt").unlink()
            build(Settings(docs=works[point] / "docs", index=index, embedding_model="fake"),
                  embedder=HashEmbedder())
            assert len(gen_folders(index)) == 2, point


def test_flipped_bytes_are_caught_by_the_checksums(built):
    settings, _, _ = built
    folder = settings.index / manifest(settings.index)["generation"]
    data = bytearray((folder / "vectors.faiss").read_bytes())
    data[-5] ^= 0xFF  # same length, different content
    (folder / "vectors.faiss").write_bytes(bytes(data))
    with pytest.raises(ChatbotError, match="checksum.*chatbot index --rebuild"):
        store.load(settings.index)


def test_no_op_build_removes_folders_left_by_a_killed_build(built):
    settings, _, _ = built
    leftover = settings.index / "gen-19990101-000000-1-000001"
    leftover.mkdir()
    (leftover / "vectors.faiss").write_bytes(b"half written")
    report = build(settings, embedder=CountingEmbedder())
    assert not report.added and not report.changed
    assert not leftover.exists()
    assert manifest(settings.index)["generation"] in gen_folders(settings.index)


# The vector index follows the size -------------------------------------------------------------------


def test_the_index_type_follows_the_number_of_chunks_through_real_builds(built, monkeypatch):
    """With the line lowered to 20 chunks, the seeds (~40 chunks) are indexed as IVF: searched, updated in
    place (a deleted document's vectors removed) and recorded in the manifest; below 10 it is exact again."""
    settings, _, _ = built
    assert manifest(settings.index)["vectors"] == {"store": "faiss", "type": "flat"}
    monkeypatch.setattr(faiss_store, "FLAT_MAX", 20)
    (settings.docs / "zz-new.txt").write_text("Quinoa farmers on the Altiplano doubled their harvest this year. "
                                              "Prices at the Cusco market fell by a third.", encoding="utf-8")
    build(settings, embedder=HashEmbedder())
    index = store.load(settings.index)
    assert manifest(settings.index)["vectors"]["type"] == "ivf"
    assert faiss_store.describe_faiss(index.vectors.index)["type"] == "ivf"
    assert index.vectors.ntotal == len(index.chunks) > 20
    assert docs_found(index, "quinoa harvest Altiplano Cusco", "dense", k=3)[0] == "zz-new.txt"
    (settings.docs / S001).unlink()  # removal in place from the IVF index
    build(settings, embedder=HashEmbedder())
    index = store.load(settings.index)
    assert index.vectors.ntotal == len(index.chunks) and S001 not in docs_found(index, "flag meetings", "dense", 50)
    for c in index.chunks[:5]:
        assert np.allclose(index.vectors.reconstruct(c.id), HashEmbedder().encode([c.text])[0], atol=1e-6)
    monkeypatch.setattr(faiss_store, "FLAT_MAX", 10_000)  # far fewer chunks than half the line: exact again
    (settings.docs / "zz-new.txt").unlink()
    build(settings, embedder=HashEmbedder())
    assert manifest(settings.index)["vectors"] == {"store": "faiss", "type": "flat"}
    assert store.load(settings.index).vectors.ntotal == len(store.load(settings.index).chunks)


@pytest.mark.slow
def test_sixty_thousand_vectors_become_ivf_with_high_recall_and_in_place_removal(tmp_path):
    import faiss

    rng = np.random.default_rng(1)
    centers = rng.standard_normal((500, 384)).astype(np.float32)
    vectors = centers[rng.integers(500, size=60_000)] + 0.5 * rng.standard_normal((60_000, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = np.arange(1000, 61_000, dtype=np.int64)
    flat = faiss_store.new_faiss(384)  # the index so far was exact; a build added 60,000 chunks to it
    flat.add_with_ids(vectors, ids)
    assert faiss_store.describe_faiss(flat) == {"type": "flat"}
    index = faiss_store.fit_faiss(flat, ids)  # crossed the line: rebuilt as IVF from the stored vectors
    assert faiss_store.describe_faiss(index) == {"type": "ivf", "nlist": 1024, "nprobe": faiss_store.NPROBE}
    queries = vectors[rng.choice(60_000, size=50, replace=False)] + 0.1 * rng.standard_normal((50, 384)).astype(
        np.float32)
    exact = faiss.IndexFlatIP(384)
    exact.add(vectors)
    _, truth = exact.search(queries, 10)
    _, found = index.search(queries, 10)
    recall = np.mean([len(set(ids[t].tolist()) & set(f.tolist())) / 10 for t, f in zip(truth, found, strict=True)])
    assert recall >= 0.9, recall
    gone = ids[:5000]
    index.remove_ids(gone)
    assert index.ntotal == 55_000
    _, after = index.search(queries, 10)
    assert not set(after.ravel().tolist()) & set(gone.tolist())
    assert np.allclose(index.reconstruct(int(ids[-1])), vectors[-1], atol=1e-6)
    faiss.write_index(index, str(tmp_path / "v.faiss"))  # the type and nprobe survive a save and load
    again = faiss.read_index(str(tmp_path / "v.faiss"))
    assert faiss_store.describe_faiss(again) == faiss_store.describe_faiss(index)
    assert np.allclose(again.reconstruct(int(ids[-1])), vectors[-1], atol=1e-6)
    small = faiss_store.fit_faiss(again, ids[-1000:][:20_000])  # shrunk below half the line: exact again
    assert faiss_store.describe_faiss(small) == {"type": "flat"} and small.ntotal == 1000
