"""One settings object: defaults, overridden by CHATBOT_* environment variables, then by CLI flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Settings:
    docs: Path = Path("seeds")
    index: Path = Path("index")
    models: Path = Path("models")
    embedding_model: str = "default"  # "default" = the packaged all-MiniLM-L6-v2, else a local folder
    embedding_backend: str = "onnx-int8"  # or "torch" (sentence-transformers): the same model, 3.6x slower builds
    model: str = ""  # a GGUF path or packaged key; empty = first GGUF in models/, else the packaged default
    llm_url: str = ""  # an OpenAI-compatible server; empty = run the GGUF in-process
    llm_model: str = ""  # the model name the server expects; empty = the first one it lists at /v1/models
    llm_timeout: float = 120.0  # seconds to wait for the server's next token (connecting waits 5 s)
    top_k: int = 6  # passages per question: the answer is in the best 4 for 0.89 of seed calibration questions, 6: 0.97
    mode: str = "hybrid"
    chunk_tokens: int = 200
    overlap_sentences: int = 1
    max_file_mb: float = 20.0
    n_ctx: int = 1536  # tokens of context: a prompt is 200-400 tokens; each 512 more cost the 1.5B model 14 MiB
    max_answer_tokens: int = 100
    prompt_words: int = 140  # source words given to the LLM (prompt processing dominates first-token time)
    threads: int = 0  # 0 = all cores
    auth: str = ""  # "user:password" for the web app
    store: str = "faiss"  # where the vectors live: "faiss" (a file per generation) or "milvus"
    milvus_uri: str = ""  # a Milvus server (http://host:19530) or a Milvus Lite file; empty = <index>/milvus.db

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Defaults < CHATBOT_<FIELD> environment variables < explicit overrides (None = not given)."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = os.environ.get(f"CHATBOT_{f.name.upper()}")
            if raw is not None and raw != "":
                values[f.name] = _convert(f.name, raw, cls)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **{k: _convert(k, v, cls) for k, v in values.items()})


def _convert(name: str, value: Any, cls: type) -> Any:
    default = getattr(cls(), name)
    if isinstance(default, Path):
        return Path(value)
    if isinstance(default, bool):
        return str(value).lower() in ("1", "true", "yes")
    if isinstance(default, int) and not isinstance(value, int):
        try:
            return int(value)
        except ValueError:
            from .errors import ChatbotError

            raise ChatbotError(f"CHATBOT_{name.upper()} must be a whole number, got {value!r}") from None
    if isinstance(default, float) and not isinstance(value, float):
        try:
            return float(value)
        except ValueError:
            from .errors import ChatbotError

            raise ChatbotError(f"CHATBOT_{name.upper()} must be a number, got {value!r}") from None
    return value
