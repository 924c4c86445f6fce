"""The index folder: vectors with ids, chunk and document records in JSON, a versioned manifest.

Layout: index/manifest.json names the current generation folder (index/<generation>/) holding
chunks.jsonl, documents.jsonl, bm25/ and, with the FAISS store, vectors.faiss; with the Milvus store the
vectors are in a collection named after the generation (the manifest's "vectors" entry says where).
A build writes a new generation beside the old one and then replaces manifest.json atomically, so a
killed build leaves the previous index intact.
"""

from __future__ import annotations

import json
import os
import secrets
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
from .files import file_sha256
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
    def remove(self, ids: np.ndarray) -> None: ...
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
        if manifest is None:
            raise ChatbotError(f"No index in {index_dir}/. Run: chatbot index")
        if settings is not None:
            check_store(manifest, settings)
        folder = index_dir / manifest["generation"]
        try:
            return _load_generation(folder, manifest, settings)
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


def check_store(manifest: dict[str, Any], settings: Settings) -> None:
    """The index was built on the configured vector store (an older manifest without one: FAISS)."""
    built = store_of(manifest)
    if built != settings.store:
        raise ChatbotError(f"The index in {settings.index} was built with the {built} vector store, but the "
                           f"configured store is {settings.store}. Run: chatbot index --rebuild --store "
                           f"{settings.store} (or use --store {built} / CHATBOT_STORE={built})")


def store_of(manifest: dict[str, Any]) -> str:
    return str(manifest.get("vectors", {}).get("store", "faiss"))


def _load_generation(folder: Path, manifest: dict[str, Any], settings: Settings | None) -> Index:
    if not folder.is_dir():
        raise FileNotFoundError(folder)
    for name, expected in manifest.get("files", {}).items():
        if file_sha256(folder / name) != expected:
            raise ChatbotError(
                f"The index in {folder.parent} is damaged ({folder.name}/{name} does not match its checksum). "
                "Run: chatbot index --rebuild"
            )
    try:
        vectors = _open_vectors(folder, manifest, settings)
        chunks = [Chunk(**json.loads(line)) for line in _lines(folder / "chunks.jsonl")]
        docs = {d["id"]: DocRecord(**d) for d in map(json.loads, _lines(folder / "documents.jsonl"))}
    except FileNotFoundError:
        raise
    except (RuntimeError, ValueError, TypeError, KeyError) as e:
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


def _open_vectors(folder: Path, manifest: dict[str, Any], settings: Settings | None) -> Vectors:
    entry = manifest.get("vectors", {})
    if store_of(manifest) == "faiss":
        return FaissVectors.read(folder)
    from .milvus_store import MilvusVectors

    uri = milvus_uri(folder.parent, settings.milvus_uri if settings else "", entry.get("uri", ""))
    return MilvusVectors.open(uri, entry["collection"], int(manifest["embedding"]["dim"]))


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

    uri = milvus_uri(settings.index, settings.milvus_uri)
    vectors = MilvusVectors.create(uri, collection_prefix(settings.index) + generation.replace("-", "_"), dim)
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
    recorded = settings.milvus_uri or "milvus.db"  # the default: a Milvus Lite file inside the index folder
    if settings.milvus_uri and "://" not in recorded:
        recorded = str(Path(recorded).resolve())
    return {**vectors.describe(recorded), "prefix": vectors.name[: vectors.name.index("gen_")]}


def milvus_uri(index_dir: Path, configured: str, recorded: str = "") -> str:
    """The Milvus URI to use: the configured one, else the manifest's; a relative Lite path is inside
    the index folder. ('index', '', 'milvus.db') -> 'index/milvus.db'"""
    uri = configured or recorded or "milvus.db"
    if "://" in uri or Path(uri).is_absolute() or configured:
        return uri
    return str(index_dir / uri)


def collection_prefix(index_dir: Path) -> str:
    """Names this index's Milvus collections (kept from build to build): 'chatbot_<8 hex>_'. Several
    index folders can then share one Milvus server without dropping each other's collections."""
    try:
        prefix = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))["vectors"]["prefix"]
        if isinstance(prefix, str) and prefix.startswith("chatbot_"):
            return prefix
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return f"chatbot_{secrets.token_hex(4)}_"


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
            _fsync(path)
            files[path.relative_to(folder).as_posix()] = file_sha256(path)
    _fsync_dir(folder)
    manifest = {**manifest, "generation": generation, "previous": _generation_of(index_dir),
                "files": files, "created_at": time.time()}
    tmp = index_dir / f".{MANIFEST}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    _fsync(tmp)
    os.replace(tmp, index_dir / MANIFEST)
    _fsync_dir(index_dir)


def remove_stale(index_dir: Path, settings: Settings | None = None) -> None:
    """Delete generation folders (and Milvus collections) other than the current one and the one it
    replaced (readers may hold it)."""
    try:
        manifest = read_manifest(index_dir)
    except ChatbotError:
        return
    keep = {manifest.get("generation"), manifest.get("previous")} if manifest else set()
    for path in index_dir.glob("gen-*"):
        if path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)
    for path in index_dir.glob(f".{MANIFEST}.*.tmp"):
        path.unlink(missing_ok=True)
    if manifest and store_of(manifest) == "milvus" and manifest["vectors"].get("prefix"):
        from .milvus_store import drop_stale

        entry = manifest["vectors"]
        uri = milvus_uri(index_dir, settings.milvus_uri if settings else "", entry.get("uri", ""))
        drop_stale(uri, entry["prefix"], {entry["prefix"] + str(g).replace("-", "_") for g in keep if g})


def _generation_of(index_dir: Path) -> str | None:
    """The generation the current manifest names, if it can be read at all (it may be damaged)."""
    try:
        value = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8")).get("generation")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def _write_jsonl(path: Path, rows: Any) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    _fsync(path)
