"""The FAISS vector store: one file per generation (vectors.faiss), exact or IVF by the number of chunks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

FILE = "vectors.faiss"

# The vector index follows the collection's size (measured in make bench §3 and docs/scaling.md): exact
# search costs 0.06-0.2 ms per 1,000 chunks (bench runs differ), so up to FLAT_MAX chunks it stays exact
# (IndexFlatIP); above, IVF (nlist ≈ 4·√N, nprobe 64: recall@10 about 0.98 at 9 ms for a million chunks)
# which, unlike HNSW, still removes and adds vectors in place, so incremental builds keep working.
FLAT_MAX = 50_000
NPROBE = 64


class FaissVectors:
    """A generation's vectors in a FAISS index kept in memory and saved as vectors.faiss."""

    def __init__(self, index: Any) -> None:
        self.index = index

    @classmethod
    def read(cls, folder: Path) -> FaissVectors:
        import faiss

        return cls(faiss.read_index(str(folder / FILE)))

    @property
    def ntotal(self) -> int:
        return int(self.index.ntotal)

    @property
    def dim(self) -> int:
        return int(self.index.d)

    def add(self, vectors: np.ndarray, ids: np.ndarray) -> None:
        self.index.add_with_ids(vectors, ids)

    def remove(self, ids: np.ndarray) -> None:
        if ids.size:
            self.index.remove_ids(ids)

    def search(self, qvecs: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        scores, ids = self.index.search(qvecs, k)
        return scores, ids

    def reconstruct(self, chunk_id: int) -> np.ndarray:
        return np.asarray(self.index.reconstruct(int(chunk_id)), dtype=np.float32)

    def vectors_of(self, ids: np.ndarray) -> np.ndarray:
        return np.vstack([self.reconstruct(int(i)) for i in ids]) if len(ids) else np.zeros((0, self.dim), np.float32)

    def fit(self, ids: np.ndarray) -> FaissVectors:
        return FaissVectors(fit_faiss(self.index, ids))

    def save(self, folder: Path) -> None:
        import faiss

        faiss.write_index(self.index, str(folder / FILE))

    def describe(self) -> dict[str, Any]:
        return {"store": "faiss", **describe_faiss(self.index)}


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
