"""Generators: stream an answer for chat messages. llama.cpp in-process, an OpenAI-compatible server, or fakes."""

from __future__ import annotations

import json
import os
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from .errors import ChatbotError
from .models import print_progress, resolve_model

Messages = list[dict[str, str]]


class Generator(Protocol):
    """The generation swap point: llama.cpp, an HTTP server and the test fakes all fit it."""

    name: str

    def stream(self, messages: Messages, max_tokens: int = 256, stop: threading.Event | None = None
               ) -> Iterator[str]: ...

    def count_tokens(self, text: str) -> int: ...


def take_turn(lock: threading.Lock, stop: threading.Event | None, poll: float = 0.05) -> bool:
    """Wait for the lock; False (without it) as soon as `stop` is set: Stop also reaches a question still
    waiting for the model while another one is answered."""
    while not lock.acquire(timeout=poll):
        if stop is not None and stop.is_set():
            return False
    return True


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

    def stream(self, messages: Messages, max_tokens: int = 256, stop: threading.Event | None = None
               ) -> Iterator[str]:
        if not take_turn(self.lock, stop):
            return
        try:
            chunks = self.llm.create_chat_completion(
                messages=messages, max_tokens=max_tokens, temperature=0.0, stream=True  # type: ignore[arg-type]
            )
            for chunk in chunks:
                if stop is not None and stop.is_set():
                    break
                delta = chunk["choices"][0].get("delta", {}).get("content")  # type: ignore[index,union-attr]
                if delta:
                    yield str(delta)
        finally:
            self.lock.release()


class OpenAIGenerator:
    """Any OpenAI-compatible chat server (llama.cpp server, vLLM, Ollama) at base URL `url`."""

    def __init__(self, url: str, model: str = "default", timeout: float = 120.0) -> None:
        self.url = url.rstrip("/")
        if not self.url.endswith("/v1"):
            self.url += "/v1"
        self.model, self.timeout, self.name = model, timeout, f"{model} at {url}"

    def count_tokens(self, text: str) -> int:
        return len(re.findall(r"\w+|[^\w\s]", text)) * 4 // 3 + 1  # a safe over-estimate without a tokenizer

    def stream(self, messages: Messages, max_tokens: int = 256, stop: threading.Event | None = None
               ) -> Iterator[str]:
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
                    if data == "[DONE]" or (stop is not None and stop.is_set()):
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

    def stream(self, messages: Messages, max_tokens: int = 256, stop: threading.Event | None = None
               ) -> Iterator[str]:
        self.calls.append(messages)
        for word in re.findall(r"\S+\s*", self.reply):
            if stop is not None and stop.is_set():
                return
            yield word


class EchoGenerator(ScriptedGenerator):
    """A fake that answers with source sentence [1], cited: a faithful generator for tests."""

    name = "echo"

    def __init__(self) -> None:
        super().__init__("")

    def stream(self, messages: Messages, max_tokens: int = 256, stop: threading.Event | None = None
               ) -> Iterator[str]:
        m = re.search(r"^\[1\] (.+)$", messages[-1]["content"], re.M)
        self.reply = f"{m.group(1).strip()} [1]" if m else "NOT FOUND"
        yield from super().stream(messages, max_tokens, stop)


def load_generator(model: str, models_dir: Path, llm_url: str = "", n_ctx: int = 4096, threads: int = 0) -> Generator:
    if llm_url:
        return OpenAIGenerator(llm_url)
    if model == "echo":
        return EchoGenerator()
    progress = print_progress() if sys.stderr.isatty() else None
    return LlamaGenerator(resolve_model(model, models_dir, progress), n_ctx=n_ctx, threads=threads)
