"""The Milvus vector store: one collection per generation, exact search (FLAT, inner product).

The URI is a Milvus server (http://host:19530) or a Milvus Lite database (a local path ending in .db,
served in-process by milvus-lite). A build fills a new collection and the manifest switches to it, so a
killed build leaves the previous collection in use; collections of stale generations are dropped.
Milvus Lite holds its database for one process at a time: a second process gets a ChatbotError, and so does
every failing Milvus call (`failing`: one line naming the URI and the collection).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from .errors import ChatbotError
from .milvus_names import is_lite

ID, VECTOR = "id", "vector"
BATCH = 1000  # rows per insert or get request (a 384-d batch is ~1.5 MB, far below gRPC's limit)
TOPK_MAX = 16384  # Milvus refuses a search for more hits than this

_clients: dict[str, Any] = {}
_lock = threading.Lock()


class MilvusVectors:
    """A generation's vectors in the Milvus collection `name`."""

    def __init__(self, client: Any, uri: str, name: str, dim: int, ntotal: int = 0) -> None:
        self.client, self.uri, self.name, self.dim, self._ntotal = client, uri, name, dim, ntotal

    @classmethod
    def create(cls, uri: str, name: str, dim: int) -> MilvusVectors:
        """An empty collection (replacing one left under the same name by a killed build)."""
        from pymilvus import DataType

        client = connect(uri)
        with failing(uri, f"create the collection {name}"):
            if client.has_collection(name):
                client.drop_collection(name)
            schema = client.create_schema(auto_id=False)
            schema.add_field(ID, DataType.INT64, is_primary=True)
            schema.add_field(VECTOR, DataType.FLOAT_VECTOR, dim=dim)
            params = client.prepare_index_params()
            params.add_index(field_name=VECTOR, index_type="FLAT", metric_type="IP")
            # Strong: a search or get sees every row inserted before it (a server's default, Bounded, may not)
            client.create_collection(name, schema=schema, consistency_level="Strong")
            client.create_index(name, params, sync=False)  # sync waits 0.5 s at least, for an empty collection
            client.load_collection(name)
        return cls(client, uri, name, dim)

    @classmethod
    def open(cls, uri: str, name: str, dim: int) -> MilvusVectors:
        """The collection of a written generation; FileNotFoundError if it (or its Lite database) is gone."""
        if is_lite(uri) and not Path(uri).exists():
            raise FileNotFoundError(uri)  # connecting would create an empty database
        client = connect(uri)
        with failing(uri, f"open the collection {name}"):
            if not client.has_collection(name):
                raise FileNotFoundError(f"Milvus collection {name} at {uri}")
            client.load_collection(name)
            rows = int(client.get_collection_stats(name)["row_count"])
        return cls(client, uri, name, dim, rows)

    @property
    def ntotal(self) -> int:
        return self._ntotal

    def add(self, vectors: np.ndarray, ids: np.ndarray) -> None:
        with failing(self.uri, f"insert into the collection {self.name}"):
            for i in range(0, len(ids), BATCH):
                rows = [{ID: int(c), VECTOR: v}
                        for c, v in zip(ids[i : i + BATCH], vectors[i : i + BATCH], strict=True)]
                self.client.insert(self.name, rows)
        self._ntotal += len(ids)

    def search(self, qvecs: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids) as FAISS gives them: one row per query, padded with -1 ids past the hits
        (and past TOPK_MAX, the most Milvus returns)."""
        with failing(self.uri, f"search the collection {self.name}"):
            found = self.client.search(self.name, data=list(qvecs), limit=max(1, min(k, TOPK_MAX)),
                                       output_fields=[ID])
        scores = np.full((len(qvecs), k), -np.inf, dtype=np.float32)
        ids = np.full((len(qvecs), k), -1, dtype=np.int64)
        for row, hits in enumerate(found):
            for col, hit in enumerate(list(hits)[:k]):
                scores[row, col], ids[row, col] = hit["distance"], hit[ID]
        return scores, ids

    def reconstruct(self, chunk_id: int) -> np.ndarray:
        return self.vectors_of(np.array([chunk_id]))[0]

    def vectors_of(self, ids: np.ndarray) -> np.ndarray:
        """The stored vectors of these chunk ids, in their order (ChatbotError if any is missing)."""
        out = np.zeros((len(ids), self.dim), dtype=np.float32)
        row = {int(c): n for n, c in enumerate(ids)}
        found: set[int] = set()
        with failing(self.uri, f"read vectors from the collection {self.name}"):
            for i in range(0, len(ids), BATCH):
                for hit in self.client.get(self.name, ids=[int(c) for c in ids[i : i + BATCH]],
                                           output_fields=[VECTOR]):
                    out[row[int(hit[ID])]] = hit[VECTOR]
                    found.add(int(hit[ID]))
        if len(found) < len(row):
            missing = sorted(set(row) - found)
            raise ChatbotError(f"The Milvus collection {self.name} at {self.uri} lacks the vectors of "
                               f"{len(missing)} chunk(s) (ids {missing[:5]}). Run: chatbot index --rebuild")
        return out

    def fit(self, ids: np.ndarray) -> MilvusVectors:
        return self  # always exact (FLAT)

    def save(self, folder: Path) -> None:
        """Make the inserted vectors durable (the generation folder itself holds no vectors)."""
        with failing(self.uri, f"flush the collection {self.name}"):
            self.client.flush(self.name)
            self.client.load_collection(self.name)

    def describe(self, recorded_uri: str = "") -> dict[str, Any]:
        return {"store": "milvus", "uri": recorded_uri or self.uri, "collection": self.name, "type": "flat"}


@contextmanager
def failing(uri: str, action: str) -> Iterator[None]:
    """Milvus's (and gRPC's) exceptions inside become one-line ChatbotErrors saying what failed and where."""
    try:
        yield
    except errors() as e:
        raise ChatbotError(f"Milvus at {uri} could not {action} ({_message(e)}). Check that Milvus is running "
                           "and reachable there (CHATBOT_MILVUS_URI); if the index is damaged, run: chatbot "
                           "index --rebuild") from None


def errors() -> tuple[type[BaseException], ...]:
    """The exceptions a Milvus call raises for a server-side or connection problem (none without pymilvus)."""
    try:
        import grpc
        from pymilvus.exceptions import MilvusException
    except ImportError:
        return ()
    return MilvusException, grpc.RpcError


def _message(e: BaseException) -> str:
    """The first line of what Milvus said. MilvusException(code=1, message='x') -> 'x'"""
    lines = str(getattr(e, "message", "") or e).strip().splitlines()
    return lines[0][:200] if lines else type(e).__name__


def connect(uri: str) -> Any:
    """A client for the URI, shared by every index loaded in this process (ChatbotError when unreachable)."""
    uri = _key(uri)
    with _lock:
        client = _clients.get(uri)
        if client is not None:
            return client
        try:
            from pymilvus import MilvusClient
        except ImportError:
            raise ChatbotError("The Milvus store needs pymilvus and milvus-lite. Run: pip install pymilvus "
                               "milvus-lite (or make setup), or use CHATBOT_STORE=faiss") from None
        if is_lite(uri):
            _check_lite_path(uri)
            _check_not_locked(Path(uri))
            Path(uri).parent.mkdir(parents=True, exist_ok=True)
        # Milvus Lite answers on a loopback port of this process: no keep-alive pings, which its gRPC server
        # answers, after a few idle minutes, with a GOAWAY (too_many_pings) printed to stderr
        quiet = {"grpc.keepalive_time_ms": 2**31 - 1, "grpc.keepalive_permit_without_calls": 0}
        options = quiet if is_lite(uri) else {}
        try:
            client = MilvusClient(uri=uri, grpc_options=options)
        except errors() as e:
            if is_lite(uri):
                _check_not_locked(Path(uri))  # taken by another process meanwhile
                raise ChatbotError(f"Cannot open the Milvus Lite database {uri} ({_message(e)}). Check the path "
                                   "(CHATBOT_MILVUS_URI), or run: chatbot index --rebuild") from None
            raise ChatbotError(f"Cannot reach Milvus at {uri} ({_message(e)}). Start the server, or point "
                               "CHATBOT_MILVUS_URI at it.") from None
        _clients[uri] = client
        return client


def drop_stale(uri: str, prefix: str, keep: set[str]) -> None:
    """Drop this index's collections (named prefix…) other than those kept. Best effort: an unreachable
    server, a busy or missing Lite database or a failing drop is skipped (the next build tries again)."""
    if is_lite(uri) and not Path(uri).exists():
        return
    unreachable: tuple[type[BaseException], ...] = (ChatbotError, *errors())
    try:
        client = connect(uri)
        names = client.list_collections()
    except unreachable:
        return
    for name in names:
        if name.startswith(prefix) and name not in keep:
            try:
                client.drop_collection(name)
            except errors():
                continue


def close(uri: str | None = None) -> None:
    """Close the client of the URI (all clients without one) and stop its in-process Milvus Lite server."""
    with _lock:
        uris = [_key(uri)] if uri is not None else list(_clients)
        for u in uris:
            client = _clients.pop(u, None)
            if client is not None:
                client.close()
            if is_lite(u):
                from milvus_lite.server_manager import server_manager_instance

                server_manager_instance.release_server(u)


def _key(uri: str) -> str:
    return str(Path(uri).resolve()) if is_lite(uri) else uri


def _check_lite_path(uri: str) -> None:
    """Milvus Lite takes only a path ending in .db (anything else it reads as a server address)."""
    if not uri.endswith(".db"):
        raise ChatbotError(f"The Milvus URI {uri} is neither a server (http://HOST:19530) nor a Milvus Lite "
                           "database path ending in .db. Fix CHATBOT_MILVUS_URI (for example index/milvus.db)")


def _check_not_locked(path: Path) -> None:
    """Milvus Lite takes an exclusive lock on its database; say so plainly if another process holds it."""
    import fcntl

    lock = path / "LOCK"
    if not lock.exists():
        return
    with open(lock, "a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise ChatbotError(_locked_message(path)) from None
        fcntl.flock(f, fcntl.LOCK_UN)


def _locked_message(path: Path) -> str:
    return (f"The Milvus Lite database {path} is open in another process (Milvus Lite allows one process at a "
            "time: the app or a chatbot command). Stop that process and retry, rebuild from the app's Library "
            "tab, or use a Milvus server: CHATBOT_MILVUS_URI=http://HOST:19530")
