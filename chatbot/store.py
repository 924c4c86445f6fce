"""The index folder: FAISS vectors with ids, chunk and document records in JSON, a versioned manifest.

Layout: index/manifest.json names the current generation folder (index/<generation>/) holding
vectors.faiss, chunks.jsonl, documents.jsonl and bm25/. A build writes a new generation beside the old
one and then replaces manifest.json atomically, so a killed build leaves the previous index intact.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from . import lexical
from .chunk import Chunk
from .errors import ChatbotError
from .files import file_sha256

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


@dataclass
class Index:
    """A loaded generation of the index."""

    folder: Path
    manifest: dict[str, Any]
    chunks: list[Chunk]
    docs: dict[str, DocRecord]
    faiss_index: Any
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


def load(index_dir: Path) -> Index:
    """Load the current generation; a missing or damaged index stops with the command that fixes it."""
    for attempt in range(3):
        manifest = read_manifest(index_dir)
        if manifest is None:
            raise ChatbotError(f"No index in {index_dir}/. Run: chatbot index")
        folder = index_dir / manifest["generation"]
        try:
            return _load_generation(folder, manifest)
        except FileNotFoundError:
            if attempt == 2:
                raise ChatbotError(
                    f"The index in {index_dir} is incomplete ({folder.name} is missing). "
                    "Run: chatbot index --rebuild"
                ) from None
            time.sleep(0.2)  # a build switched generations while we read; read the new manifest
    raise AssertionError("unreachable")


def _load_generation(folder: Path, manifest: dict[str, Any]) -> Index:
    import faiss

    if not folder.is_dir():
        raise FileNotFoundError(folder)
    for name, expected in manifest.get("files", {}).items():
        if file_sha256(folder / name) != expected:
            raise ChatbotError(
                f"The index in {folder.parent} is damaged ({folder.name}/{name} does not match its checksum). "
                "Run: chatbot index --rebuild"
            )
    try:
        faiss_index = faiss.read_index(str(folder / "vectors.faiss"))
        chunks = [Chunk(**json.loads(line)) for line in _lines(folder / "chunks.jsonl")]
        docs = {d["id"]: DocRecord(**d) for d in map(json.loads, _lines(folder / "documents.jsonl"))}
    except FileNotFoundError:
        raise
    except (RuntimeError, ValueError, TypeError, KeyError) as e:
        raise ChatbotError(
            f"The index in {folder.parent} is damaged ({folder.name}: {str(e).splitlines()[0][:200]}). "
            "Run: chatbot index --rebuild"
        ) from None
    if faiss_index.ntotal != len(chunks) or faiss_index.d != manifest["embedding"]["dim"]:
        raise ChatbotError(
            f"The index in {folder.parent} is inconsistent ({faiss_index.ntotal} vectors, {len(chunks)} chunks). "
            "Run: chatbot index --rebuild"
        )
    bm25 = None
    if (folder / "bm25").is_dir() and chunks:
        bm25 = lexical.load(folder / "bm25")
    return Index(folder, manifest, chunks, docs, faiss_index, bm25)


def _lines(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as f:
        return [line for line in f if line.strip()]


# The vector index follows the collection's size (measured in make bench §3b and docs/scaling.md): exact
# search costs about 0.2 ms per 1,000 chunks, so up to FLAT_MAX chunks it stays exact (IndexFlatIP); above,
# IVF (nlist ≈ 4·√N, nprobe 64: recall@10 about 0.98 at 9 ms for a million chunks) which, unlike HNSW,
# still removes and adds vectors in place, so incremental builds keep working.
FLAT_MAX = 50_000
NPROBE = 64


def new_faiss(dim: int, vectors: np.ndarray | None = None, ids: np.ndarray | None = None) -> Any:
    """An index of the type that fits len(vectors) (an empty exact index without them), holding them."""
    import faiss

    n = 0 if vectors is None else len(vectors)
    index: Any
    if n <= FLAT_MAX:
        index = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
    else:
        assert vectors is not None
        nlist = _nlist(n)
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
        index.cp.niter = 10
        sample = vectors[np.random.default_rng(0).choice(n, size=min(n, 64 * nlist), replace=False)]
        index.train(sample)
        index.set_direct_map_type(faiss.DirectMap.Hashtable)  # type: ignore[attr-defined]  # by chunk id
        index.nprobe = NPROBE
    if n:
        index.add_with_ids(vectors, ids)
    return index


def _nlist(n: int) -> int:
    return int(2 ** round(np.log2(4 * np.sqrt(n))))


def fit_faiss(index: Any, ids: np.ndarray) -> Any:
    """The index, rebuilt as the type its size calls for when it crossed a line: exact above FLAT_MAX
    chunks becomes IVF; IVF below half of it becomes exact again; IVF that outgrew its lists is retrained."""
    kind, n = describe_faiss(index)["type"], len(ids)
    if (kind == "flat" and n > FLAT_MAX) or (kind == "ivf" and (n < FLAT_MAX // 2 or _nlist(n) > 2 * index.nlist)):
        vectors = np.vstack([index.reconstruct(int(i)) for i in ids]) if n else None
        return new_faiss(index.d, vectors, ids)
    return index


def describe_faiss(index: Any) -> dict[str, Any]:
    """What the manifest records about the vector index. {'type': 'flat'} or {'type': 'ivf', 'nlist': …}"""
    if hasattr(index, "nlist"):
        return {"type": "ivf", "nlist": int(index.nlist), "nprobe": int(index.nprobe)}
    return {"type": "flat"}


def write_generation(
    index_dir: Path, manifest: dict[str, Any], chunks: list[Chunk], docs: dict[str, DocRecord], faiss_index: Any
) -> None:
    """Write a complete new generation, then switch manifest.json to it atomically."""
    import faiss

    index_dir.mkdir(parents=True, exist_ok=True)
    generation = f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
    folder = index_dir / generation
    folder.mkdir()
    faiss.write_index(faiss_index, str(folder / "vectors.faiss"))
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


def remove_stale(index_dir: Path) -> None:
    """Delete generation folders other than the current one and the one it replaced (readers may hold it)."""
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
