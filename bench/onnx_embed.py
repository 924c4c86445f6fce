"""MiniLM through ONNX Runtime, for the benchmark's optional ONNX section (not used by the product).

The model is exported locally from the packaged sentence-transformers folder with torch.onnx (no download,
no optimum: optimum-onnx needs transformers<4.58, the product uses 5.x). Encoding mirrors
SentenceTransformer.encode: texts sorted by length, batches of 32, mean pooling, L2 normalization.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np


def export(st_model: Any, folder: Path) -> Path:
    """Write the transformer of a SentenceTransformer (BERT-like) to folder/model.onnx."""
    import torch

    bert = st_model[0].auto_model.eval()
    sample = st_model.tokenizer(["an example sentence", "another one, a bit longer"], padding=True,
                                return_tensors="pt")
    names = list(sample.keys())

    class Wrapper(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, *args: Any) -> Any:
            return self.bert(**dict(zip(names, args, strict=True))).last_hidden_state

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "model.onnx"
    axes = {name: {0: "batch", 1: "sequence"} for name in [*names, "last_hidden_state"]}
    with torch.no_grad():
        torch.onnx.export(Wrapper(), tuple(sample[n] for n in names), str(path), input_names=names,
                          output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=17, dynamo=False)
    return path


def quantize(path: Path) -> Path:
    """Dynamic int8 quantization of the weights (activations stay float)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out = path.with_name(path.stem + ".int8.onnx")
    quantize_dynamic(str(path), str(out), weight_type=QuantType.QInt8)
    return out


class OnnxEmbedder:
    """Same interface as chatbot.embed.SentenceTransformerEmbedder.encode, run by onnxruntime."""

    def __init__(self, st_model: Any, path: Path, name: str) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = os.cpu_count() or 1
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.tokenizer = st_model.tokenizer
        self.max_length = int(st_model.max_seq_length or 256)
        self.name = name
        get_dim = getattr(st_model, "get_embedding_dimension", None) or st_model.get_sentence_embedding_dimension
        self.dim = int(get_dim() or 384)

    def encode(self, texts: Sequence[str], progress: bool = False, batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        order = np.argsort([-len(t) for t in texts], kind="stable")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            idx = order[start : start + batch_size]
            enc = self.tokenizer([texts[i] for i in idx], padding=True, truncation=True, max_length=self.max_length,
                                 return_tensors="np")
            feed = {k: np.asarray(v, dtype=np.int64) for k, v in enc.items() if k in self.inputs}
            hidden = self.session.run(None, feed)[0]
            mask = feed["attention_mask"][..., None].astype(np.float32)
            pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
            out[idx] = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return out


def timed_encode(encode: Any, texts: Sequence[str]) -> tuple[np.ndarray, float]:
    t = time.perf_counter()
    vectors = encode(texts)
    return vectors, time.perf_counter() - t
