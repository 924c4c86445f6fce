"""Where an index's Milvus collections are and what they are called (no pymilvus needed).

A Lite database path or a server URI, recorded in the manifest; collections named
'chatbot_<8 hex>_gen_<generation>', the prefix kept in index/.milvus-prefix.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from .errors import ChatbotError
from .files import write_atomically

PREFIX_FILE = ".milvus-prefix"  # names this index's Milvus collections, written before the first is created
LITE_FILE = "milvus.db"  # the default: a Milvus Lite database inside the index folder


def is_lite(uri: str) -> bool:
    """A local Milvus Lite database rather than a server. 'index/milvus.db' -> True"""
    return "://" not in uri


def milvus_uri(index_dir: Path, uri: str, configured: bool = False) -> str:
    """Where the vectors are: a manifest's recorded URI (a relative Lite path is inside the index folder)
    or, for a new build, the configured one (a relative path is from the working directory); empty is the
    default, milvus.db in the index folder. ('index', 'milvus.db') -> 'index/milvus.db'"""
    if not is_lite(uri) or Path(uri).is_absolute() or (configured and uri):
        return uri
    return str(index_dir / (uri or LITE_FILE))


def same_uri(a: str, b: str) -> bool:
    """The same server or the same Lite database. ('index/milvus.db', '/abs/index/milvus.db') -> True"""
    if not (is_lite(a) and is_lite(b)):
        return a.rstrip("/") == b.rstrip("/")
    return Path(a).resolve() == Path(b).resolve()


def collection_name(prefix: str, generation: str) -> str:
    """The Milvus collection of a generation. ('chatbot_1a2b3c4d_', 'gen-2026…') -> 'chatbot_1a2b3c4d_gen_2026…'"""
    return prefix + generation.replace("-", "_")


def prefix_of(collection: str) -> str:
    """The prefix a collection was named with. 'chatbot_1a2b3c4d_gen_2026…' -> 'chatbot_1a2b3c4d_'"""
    return collection[: collection.index("gen_")]


def collection_prefix(index_dir: Path, create: bool = True, recorded: str = "") -> str:
    """Names this index's Milvus collections: 'chatbot_<8 hex>_', kept in index/.milvus-prefix (written
    atomically before the first collection is created, so a build killed at any point leaves nothing the
    next one cannot find). Several index folders can then share one Milvus server without dropping each
    other's collections. An index from before the file: the prefix its manifest recorded (`recorded`).
    Without the file and with create=False: ''."""
    path = index_dir / PREFIX_FILE
    try:
        prefix = path.read_text(encoding="utf-8").strip()
    except OSError:
        prefix = recorded if valid_prefix(recorded) else ""
        if not prefix and not create:
            return ""
        prefix = prefix or f"chatbot_{secrets.token_hex(4)}_"
        write_atomically(path, prefix)
    if not valid_prefix(prefix):
        raise ChatbotError(f"{path} does not hold a collection prefix (chatbot_<8 hex>_). Delete it, then run: "
                           "chatbot index --rebuild (collections left by earlier builds stay in Milvus)")
    return prefix


def valid_prefix(prefix: str) -> bool:
    return re.fullmatch(r"chatbot_[0-9a-f]{8}_", prefix) is not None
