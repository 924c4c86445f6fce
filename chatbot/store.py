"""The index folder: vectors with ids, chunk and document records in JSON, a versioned manifest.

Layout: index/manifest.json names the current generation folder (index/<generation>/) holding
chunks.jsonl, documents.jsonl, bm25/ and, with the FAISS store, vectors.faiss; with the Milvus store the
vectors are in a collection named after the generation (the manifest's "vectors" entry says where), its
name starting with the index's prefix kept in index/.milvus-prefix.
A build writes a new generation beside the old one and then replaces manifest.json atomically, so a
killed build leaves the previous index intact.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from . import lexical
from .chunk import Chunk
from .errors import ChatbotError
from .faiss_store import FaissVectors, new_faiss
from .files import file_sha256, fsync, fsync_dir
from .milvus_names import (
    LITE_FILE,
    PREFIX_FILE,
    collection_name,
    collection_prefix,
    is_lite,
    milvus_uri,
    prefix_of,
    same_uri,
)
from .settings import Settings

STORES = ("faiss", "milvus")

FORMAT = "chatbot-index"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"


@dataclass
class DocRecord:
    """One indexed document: its cleaned text (for citations and the viewer) and what cleaning removed."""

    id: str
    title: str
    sha256: str
    size: int
    text: str
    removed: list[dict[str, str]] = field(default_factory=list)
    duplicate_of: str | None = None
    indexed_at: float = 0.0
    chunks: int = 0

    def warnings(self) -> list[str]:
        out = []
        if self.removed:
            out.append(f"{len(self.removed)} boilerplate block(s) removed")
        if self.duplicate_of:
            out.append(f"near-duplicate of {self.duplicate_of}; indexed once")
        return out


class Vectors(Protocol):
    """A generation's vectors by chunk id: FaissVectors (faiss_store.py) or MilvusVectors (milvus_store.py)."""

    @property
    def ntotal(self) -> int: ...
    @property
    def dim(self) -> int: ...
    def add(self, vectors: np.ndarray, ids: np.ndarray) -> None: ...
    def search(self, qvecs: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]: ...
    def reconstruct(self, chunk_id: int) -> np.ndarray: ...
    def vectors_of(self, ids: np.ndarray) -> np.ndarray: ...
    def fit(self, ids: np.ndarray) -> Vectors: ...
    def save(self, folder: Path) -> None: ...
    def describe(self) -> dict[str, Any]: ...


@dataclass
class Index:
    """A loaded generation of the index."""

    folder: Path
    manifest: dict[str, Any]
    chunks: list[Chunk]
    docs: dict[str, DocRecord]
    vectors: Vectors
    bm25: Any = None
    by_id: dict[int, Chunk] = field(default_factory=dict)
    by_chunk_id: dict[str, Chunk] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {c.id: c for c in self.chunks}
        self.by_chunk_id = {c.chunk_id: c for c in self.chunks}

    def by_id_text(self, chunk_id: str) -> str:
        chunk = self.by_chunk_id.get(chunk_id)
        return chunk.text if chunk else ""


def read_manifest(index_dir: Path) -> dict[str, Any] | None:
    path = index_dir / MANIFEST
    if not path.exists():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ChatbotError(
            f"The index manifest {path} is unreadable ({e}). Run: chatbot index --rebuild"
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ChatbotError(f"{path} is not a chatbot index manifest. Run: chatbot index --rebuild")
    version = manifest.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ChatbotError(
            f"The index in {index_dir} has format version {version}, newer than this program supports "
            f"({FORMAT_VERSION}). Upgrade chatbot, or run: chatbot index --rebuild"
        )
    return manifest


def check_compatible(manifest: dict[str, Any], name: str, sha256: str, index_dir: Path) -> None:
    emb = manifest.get("embedding", {})
    if emb.get("model") != name or emb.get("sha256") != sha256:
        raise ChatbotError(
            f"The index in {index_dir} was built with embedding model {emb.get('model')} "
            f"(dimension {emb.get('dim')}), but the configured model is {name}. "
            "Run: chatbot index --rebuild"
        )


def load(index_dir: Path, settings: Settings | None = None) -> Index:
    """Load the current generation; a missing or damaged index stops with the command that fixes it.
    With settings, an index built on another vector store than settings.store is refused."""
    for attempt in range(3):
        manifest = read_manifest(index_dir)
        if settings is not None:
            check_store(manifest, settings, index_dir)
        if manifest is None:
            raise ChatbotError(f"No index in {index_dir}/. Run: chatbot index")
        folder = index_dir / manifest["generation"]
        try:
            return _load_generation(folder, manifest)
        except FileNotFoundError:
            if attempt == 2:
                raise ChatbotError(
                    f"The index in {index_dir} is incomplete ({folder.name} or its vectors are missing). "
                    "Run: chatbot index --rebuild"
                ) from None
            time.sleep(0.2)  # a build switched generations while we read; read the new manifest
    raise AssertionError("unreachable")


def check_setting(settings: Settings) -> None:
    if settings.store not in STORES:
        raise ChatbotError(f"Unknown vector store {settings.store!r}: set --store / CHATBOT_STORE to "
                           f"{' or '.join(STORES)}")


def check_store(manifest: dict[str, Any] | None, settings: Settings, index_dir: Path | None = None) -> None:
    """The configured vector store is known and, with a manifest, the index was built on it (an older
    manifest without one: FAISS) and, on Milvus, at the configured URI if one is set."""
    check_setting(settings)
    if manifest is None:
        return
    index_dir = settings.index if index_dir is None else index_dir
    built = store_of(manifest)
    if built != settings.store:
        raise ChatbotError(f"The index in {index_dir} was built with the {built} vector store, but the "
                           f"configured store is {settings.store}. Run: chatbot index --rebuild --store "
                           f"{settings.store} (or use --store {built} / CHATBOT_STORE={built})")
    if built == "milvus" and settings.milvus_uri:
        recorded = milvus_uri(index_dir, manifest["vectors"].get("uri", ""))
        if not same_uri(recorded, settings.milvus_uri):
            raise ChatbotError(f"The index in {index_dir} has its vectors at {recorded}, but CHATBOT_MILVUS_URI "
                               f"is {settings.milvus_uri}. Run: chatbot index --rebuild (to build at the new "
                               "URI), or unset CHATBOT_MILVUS_URI")


def store_of(manifest: dict[str, Any]) -> str:
    return str(manifest.get("vectors", {}).get("store", "faiss"))


def _load_generation(folder: Path, manifest: dict[str, Any]) -> Index:
    if not folder.is_dir():
        raise FileNotFoundError(folder)
    for name, expected in manifest.get("files", {}).items():
        if file_sha256(folder / name) != expected:
            raise ChatbotError(
                f"The index in {folder.parent} is damaged ({folder.name}/{name} does not match its checksum). "
                "Run: chatbot index --rebuild"
            )
    try:
        vectors = _open_vectors(folder, manifest)
        chunks = [Chunk(**json.loads(line)) for line in _lines(folder / "chunks.jsonl")]
        docs = {d["id"]: DocRecord(**d) for d in map(json.loads, _lines(folder / "documents.jsonl"))}
    except (FileNotFoundError, ChatbotError):
        raise
    except _damage_errors(manifest) as e:
        raise ChatbotError(
            f"The index in {folder.parent} is damaged ({folder.name}: {str(e).splitlines()[0][:200]}). "
            "Run: chatbot index --rebuild"
        ) from None
    if vectors.ntotal != len(chunks) or vectors.dim != manifest["embedding"]["dim"]:
        raise ChatbotError(
            f"The index in {folder.parent} is inconsistent ({vectors.ntotal} vectors, {len(chunks)} chunks). "
            "Run: chatbot index --rebuild"
        )
    bm25 = None
    if (folder / "bm25").is_dir() and chunks:
        bm25 = lexical.load(folder / "bm25")
    return Index(folder, manifest, chunks, docs, vectors, bm25)


def _open_vectors(folder: Path, manifest: dict[str, Any]) -> Vectors:
    """The generation's vectors: its FAISS file, or its collection at the URI the manifest recorded."""
    entry = manifest.get("vectors", {})
    if store_of(manifest) == "faiss":
        return FaissVectors.read(folder)
    from .milvus_store import MilvusVectors

    uri = milvus_uri(folder.parent, entry.get("uri", ""))
    return MilvusVectors.open(uri, entry["collection"], int(manifest["embedding"]["dim"]))


def _damage_errors(manifest: dict[str, Any]) -> tuple[type[BaseException], ...]:
    """What reading a damaged generation raises: parse errors, FAISS's RuntimeError and, on Milvus, its
    exceptions (milvus_store turns those of its own calls into ChatbotErrors already)."""
    parsing: tuple[type[BaseException], ...] = (RuntimeError, ValueError, TypeError, KeyError)
    if store_of(manifest) != "milvus":
        return parsing
    from .milvus_store import errors

    return parsing + errors()


def _lines(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as f:
        return [line for line in f if line.strip()]


# -- the vector store of a new generation ---------------------------------------------------------------


def new_generation() -> str:
    """A fresh generation name. 'gen-20260101-120000-4242-123456'"""
    return f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"


def start_vectors(settings: Settings, generation: str, dim: int, old: Index | None, keep: np.ndarray) -> Vectors:
    """The new generation's vectors, holding the old generation's vectors of the chunk ids kept.
    FAISS: the old index with the other ids removed. Milvus: a new collection the kept vectors are copied to
    (the old collection stays untouched and searchable until the manifest switches)."""
    check_setting(settings)
    if settings.store == "faiss":
        if old is None or not isinstance(old.vectors, FaissVectors):
            return FaissVectors(new_faiss(dim))
        old.vectors.remove(np.setdiff1d(np.array([c.id for c in old.chunks], dtype=np.int64), keep))
        return old.vectors
    from .milvus_store import MilvusVectors

    if old is not None and isinstance(old.vectors, MilvusVectors):
        uri = old.vectors.uri  # an update stays where the index is (check_store refused another configured one)
    else:
        uri = milvus_uri(settings.index, settings.milvus_uri, configured=True)
    prefix = collection_prefix(settings.index, recorded=_manifest_prefix(settings.index))
    vectors = MilvusVectors.create(uri, collection_name(prefix, generation), dim)
    if old is not None:
        for i in range(0, len(keep), 4096):
            vectors.add(old.vectors.vectors_of(keep[i : i + 4096]), keep[i : i + 4096])
    return vectors


def describe_vectors(settings: Settings, vectors: Vectors) -> dict[str, Any]:
    """The manifest's "vectors" entry. {'store': 'faiss', 'type': 'flat'} or {'store': 'milvus', 'uri':
    'milvus.db', 'collection': 'chatbot_1a2b3c4d_gen_…', 'type': 'flat', 'prefix': 'chatbot_1a2b3c4d_'}"""
    if isinstance(vectors, FaissVectors):
        return vectors.describe()
    from .milvus_store import MilvusVectors

    assert isinstance(vectors, MilvusVectors)
    uri = vectors.uri
    if is_lite(uri):  # the default Lite file inside the index folder stays relative (the folder can move)
        inside = Path(uri).resolve() == (settings.index / LITE_FILE).resolve()
        uri = LITE_FILE if inside else str(Path(uri).resolve())
    return {**vectors.describe(uri), "prefix": prefix_of(vectors.name)}


def _manifest_prefix(index_dir: Path) -> str:
    """The collection prefix the current manifest records ('' if none; collection_prefix checks it)."""
    vectors = _raw_manifest(index_dir).get("vectors")
    prefix = vectors.get("prefix") if isinstance(vectors, dict) else None
    return prefix if isinstance(prefix, str) else ""


def write_generation(index_dir: Path, generation: str, manifest: dict[str, Any], chunks: list[Chunk],
                     docs: dict[str, DocRecord], vectors: Vectors) -> None:
    """Write a complete new generation, then switch manifest.json to it atomically."""
    index_dir.mkdir(parents=True, exist_ok=True)
    folder = index_dir / generation
    folder.mkdir()
    vectors.save(folder)
    _write_jsonl(folder / "chunks.jsonl", (asdict(c) for c in chunks))
    _write_jsonl(folder / "documents.jsonl", (asdict(d) for d in docs.values()))
    if chunks:
        lexical.build([c.text for c in chunks], folder / "bm25")
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            fsync(path)
            files[path.relative_to(folder).as_posix()] = file_sha256(path)
    fsync_dir(folder)
    manifest = {**manifest, "generation": generation, "previous": _generation_of(index_dir),
                "files": files, "created_at": time.time()}
    tmp = index_dir / f".{MANIFEST}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    fsync(tmp)
    os.replace(tmp, index_dir / MANIFEST)
    fsync_dir(index_dir)


def remove_stale(index_dir: Path, settings: Settings | None = None) -> None:
    """Delete generation folders and Milvus collections other than the current generation's and the
    previous one's (readers may hold it); collections are dropped best-effort, whichever store the manifest
    now names (after a switch to FAISS too)."""
    try:
        manifest = read_manifest(index_dir)
    except ChatbotError:
        return
    keep = {manifest.get("generation"), manifest.get("previous")} if manifest else set()
    for path in index_dir.glob("gen-*"):
        if path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)
    for pattern in (f".{MANIFEST}.*.tmp", f"{PREFIX_FILE}.*.tmp"):
        for path in index_dir.glob(pattern):
            path.unlink(missing_ok=True)
    if manifest:
        _drop_stale_collections(index_dir, manifest, settings, {str(g) for g in keep if g})


def _drop_stale_collections(index_dir: Path, manifest: dict[str, Any], settings: Settings | None,
                            keep: set[str]) -> None:
    """Drop this index's collections but those of the kept generations, where the manifest's vectors are
    and where the configured URI points (a build killed there before its manifest was written)."""
    try:
        prefix = collection_prefix(index_dir, create=False, recorded=_manifest_prefix(index_dir))
    except (ChatbotError, OSError):
        return  # an unreadable prefix file: drop nothing rather than guess
    if not prefix:
        return  # this index never created a Milvus collection
    uris = []
    if store_of(manifest) == "milvus":
        uris.append(milvus_uri(index_dir, manifest["vectors"].get("uri", "")))
    if settings is not None:
        uris.append(milvus_uri(index_dir, settings.milvus_uri, configured=True))
    from .milvus_store import drop_stale

    for uri in [u for n, u in enumerate(uris) if not any(same_uri(u, v) for v in uris[:n])]:
        drop_stale(uri, prefix, {collection_name(prefix, g) for g in keep})


def _generation_of(index_dir: Path) -> str | None:
    """The generation the current manifest names, if it can be read at all (it may be damaged)."""
    value = _raw_manifest(index_dir).get("generation")
    return value if isinstance(value, str) else None


def _raw_manifest(index_dir: Path) -> dict[str, Any]:
    """manifest.json as it is, without read_manifest's checks ({} when missing or unreadable): what a build
    can still learn from a damaged index."""
    try:
        value = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _write_jsonl(path: Path, rows: Any) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
