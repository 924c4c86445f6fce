"""Build or update the index: only new and changed documents are read, cleaned, chunked and embedded."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from . import clean, ingest, store
from .chunk import Chunk, chunk_document
from .embed import Embedder, describe, load_embedder
from .errors import ChatbotError
from .settings import Settings

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class Report:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    duplicates: list[dict[str, str]] = field(default_factory=list)
    chunks: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def chunker_settings(settings: Settings) -> dict[str, Any]:
    return {"max_tokens": settings.chunk_tokens, "overlap_sentences": settings.overlap_sentences,
            "cleaner_version": clean.CLEANER_VERSION}


def build(
    settings: Settings,
    rebuild: bool = False,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
) -> Report:
    """Bring the index in settings.index up to date with settings.docs, holding the index lock."""
    from filelock import FileLock, Timeout

    started = time.perf_counter()
    docs_dir, index_dir = settings.docs, settings.index
    store.check_setting(settings)
    if not docs_dir.is_dir():
        raise ChatbotError(f"Docs folder {docs_dir}/ does not exist. Create it and put .txt, .md, .html or "
                           ".pdf files in it, or point --docs / CHATBOT_DOCS at your folder; then run: "
                           "chatbot index")
    index_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(index_dir / ".build.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise ChatbotError(f"Another build of {index_dir}/ is running. Wait for it to finish, then retry.") from None
    try:
        report = _build_locked(settings, rebuild, embedder, progress or (lambda *_: None))
    finally:
        lock.release()
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _build_locked(settings: Settings, rebuild: bool, embedder: Embedder | None, progress: Progress) -> Report:
    docs_dir, index_dir = settings.docs, settings.index
    sources, skipped = ingest.scan(docs_dir, int(settings.max_file_mb * 1e6))
    if not sources and not skipped:
        raise ChatbotError(f"Docs folder {docs_dir}/ has no documents. Add .txt, .md, .html or .pdf files to it, "
                           "then run: chatbot index")
    name, sha = ((embedder.name, embedder.sha256) if embedder
                 else describe(settings.embedding_model, settings.embedding_backend))
    old_manifest = None if rebuild else store.read_manifest(index_dir)
    if old_manifest is not None:
        store.check_compatible(old_manifest, name, sha, index_dir)
        store.check_store(old_manifest, settings)
        if old_manifest.get("chunker") != chunker_settings(settings):
            raise ChatbotError(
                f"The index in {index_dir}/ was built with other chunking settings "
                f"({old_manifest.get('chunker')}). Run: chatbot index --rebuild"
            )
    report = _compare(sources, skipped, old_manifest)
    if old_manifest is not None and not (report.added or report.changed or report.removed):
        if [s["path"] for s in old_manifest.get("skipped", [])] == [s["path"] for s in report.skipped]:
            report.duplicates = [{"path": d, "duplicate_of": r["duplicate_of"]}
                                 for d, r in old_manifest["documents"].items() if r.get("duplicate_of")]
            report.chunks = int(old_manifest.get("chunks", 0))
            store.remove_stale(index_dir, settings)  # folders left by a build that was killed
            return report

    old = store.load(index_dir, settings) if old_manifest is not None else None
    if embedder is None:
        progress("loading embedding model", 0, 1)
        embedder = load_embedder(settings.embedding_model, settings.embedding_backend, progress)
    docs = _read_documents(report, {s.id: s for s in sources}, old, progress)
    _mark_duplicates(docs, report)
    next_id = int(old_manifest.get("next_id", 0)) if old_manifest else 0
    generation = store.new_generation()
    chunks, vectors, next_id = _update_vectors(settings, embedder, docs, old, next_id, progress, generation)

    progress("writing index", 0, 1)
    manifest = {
        "format": store.FORMAT,
        "version": store.FORMAT_VERSION,
        "embedding": {"model": name, "sha256": sha, "dim": embedder.dim, "max_tokens": embedder.max_tokens},
        "chunker": chunker_settings(settings),
        "vectors": store.describe_vectors(settings, vectors),
        "documents": {d.id: {"sha256": d.sha256, "title": d.title, "size": d.size, "chunks": d.chunks,
                             "indexed_at": d.indexed_at, "duplicate_of": d.duplicate_of,
                             "removed": len(d.removed)} for d in sorted(docs.values(), key=lambda d: d.id)},
        "skipped": report.skipped,
        "chunks": len(chunks),
        "next_id": next_id,
    }
    store.write_generation(index_dir, generation, manifest, chunks, dict(sorted(docs.items())), vectors)
    store.remove_stale(index_dir, settings)
    progress("writing index", 1, 1)
    report.chunks = len(chunks)
    return report


def _compare(sources: list[ingest.Source], skipped: list[Any], old_manifest: dict[str, Any] | None) -> Report:
    """What is added, changed, unchanged and removed since the last build (by content hash)."""
    old_docs: dict[str, Any] = old_manifest["documents"] if old_manifest else {}
    report = Report(skipped=[s.to_dict() for s in skipped])
    old_skipped = {s["path"]: s for s in (old_manifest or {}).get("skipped", []) if s.get("sha256")}
    for s in sources:
        before = old_docs.get(s.id)
        if s.id in old_skipped and old_skipped[s.id]["sha256"] == s.sha256:
            report.skipped.append(old_skipped[s.id])  # still unreadable, unchanged: report it again
        elif before is None:
            report.added.append(s.id)
        elif before["sha256"] != s.sha256:
            report.changed.append(s.id)
        else:
            report.unchanged.append(s.id)
    report.removed = sorted(set(old_docs) - {s.id for s in sources})
    return report


def _read_documents(report: Report, current: dict[str, ingest.Source], old: store.Index | None,
                    progress: Progress) -> dict[str, store.DocRecord]:
    """The documents of the new index: unchanged ones as they were, new and changed ones read and cleaned
    (an unreadable or empty one is skipped and reported)."""
    docs: dict[str, store.DocRecord] = {}
    for doc_id in report.unchanged:
        assert old is not None
        docs[doc_id] = old.docs[doc_id]
    to_read = report.added + report.changed
    for n, doc_id in enumerate(to_read):
        progress("reading documents", n, len(to_read))
        source = current[doc_id]
        try:
            raw, hint = ingest.read(source)
        except ingest.UnreadableFile as e:
            report.skipped.append({"path": doc_id, "reason": str(e), "sha256": source.sha256})
            continue
        cleaned = clean.clean(raw)
        if not cleaned.text.strip():
            reason = "empty file" if not raw.strip() else "no article text left after removing boilerplate"
            report.skipped.append({"path": doc_id, "reason": reason, "sha256": source.sha256})
            continue
        docs[doc_id] = store.DocRecord(doc_id, clean.title_of(cleaned.text, hint), source.sha256, source.size,
                                       cleaned.text, cleaned.removed, indexed_at=time.time())
    progress("reading documents", len(to_read), len(to_read))
    for bad in {s["path"] for s in report.skipped}:
        for lst in (report.added, report.changed):
            if bad in lst:
                lst.remove(bad)
    return docs


def _mark_duplicates(docs: dict[str, store.DocRecord], report: Report) -> None:
    duplicates = clean.near_duplicates({d: r.text for d, r in docs.items()})
    for dup, original in duplicates.items():
        docs[dup].duplicate_of = original
        report.duplicates.append({"path": dup, "duplicate_of": original})
    for doc in docs.values():
        if doc.id not in duplicates:
            doc.duplicate_of = None


def _update_vectors(settings: Settings, embedder: Embedder, docs: dict[str, store.DocRecord],
                    old: store.Index | None, next_id: int, progress: Progress,
                    generation: str) -> tuple[list[Chunk], store.Vectors, int]:
    """Keep the vectors of unchanged documents, drop the rest, embed what is new: (chunks, the generation's
    vectors (a FAISS index of the type that fits their number, or a Milvus collection), the next free id)."""
    keep_ids = {c.id for c in old.chunks if c.doc in docs and docs[c.doc].sha256 == old.docs[c.doc].sha256
                and not docs[c.doc].duplicate_of and not old.docs[c.doc].duplicate_of} if old else set()
    chunks = [c for c in old.chunks if c.id in keep_ids] if old else []
    vectors = store.start_vectors(settings, generation, embedder.dim, old,
                                  np.array([c.id for c in chunks], dtype=np.int64))
    kept_docs = {c.doc for c in chunks}
    new_chunks: list[Chunk] = []
    for doc in docs.values():
        if doc.duplicate_of or doc.id in kept_docs:
            continue
        made = chunk_document(doc.id, doc.title, doc.text, next_id, embedder.count_tokens, embedder.split_long,
                              min(settings.chunk_tokens, embedder.max_tokens), settings.overlap_sentences)
        next_id += len(made)
        new_chunks.extend(made)
    too_long = [c.chunk_id for c, n in zip(new_chunks, embedder.count_tokens([c.text for c in new_chunks]),
                                          strict=True) if n > embedder.max_tokens]
    if too_long:
        raise AssertionError(f"chunker produced chunks over the model limit: {too_long[:3]}")
    progress("embedding chunks", 0, len(new_chunks))
    # Longest first across all new chunks, so each model batch pads to similar lengths (as one big
    # encode() call would) while progress is still reported batch by batch.
    by_length = sorted(new_chunks, key=lambda c: -len(c.text))
    batch = 64  # the embedder is locked per batch: keep batches short so questions get in between
    for i in range(0, len(by_length), batch):
        part = by_length[i : i + batch]
        vectors.add(embedder.encode([c.text for c in part]), np.array([c.id for c in part], dtype=np.int64))
        progress("embedding chunks", i + len(part), len(new_chunks))
    chunks.extend(new_chunks)
    chunks.sort(key=lambda c: (c.doc, c.index))
    for doc in docs.values():
        doc.chunks = 0
    for c in chunks:
        docs[c.doc].chunks += 1
    return chunks, vectors.fit(np.array([c.id for c in chunks], dtype=np.int64)), next_id
