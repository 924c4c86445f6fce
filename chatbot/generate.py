"""Generators: stream an answer for chat messages. llama.cpp in-process, an OpenAI-compatible server, or fakes."""

from __future__ import annotations

import json
import os
import queue
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .errors import ChatbotError
from .models import print_progress, resolve_model

if TYPE_CHECKING:
    import httpx

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


MIN_REPLY_TOKENS = 32  # a prompt must leave at least this much of the context for the reply


class LlamaGenerator:
    """A GGUF model run by llama-cpp-python; one call at a time (a Llama object is not thread-safe)."""

    def __init__(self, path: Path, n_ctx: int = 1536, threads: int = 0) -> None:
        try:
            from llama_cpp import Llama
        except ImportError:
            raise ChatbotError("llama-cpp-python is not installed. Run: make setup") from None
        self.path, self.name = path, path.name
        try:  # read, not mapped: llama.cpp repacks most weights into memory of its own, and a mapped file kept
            # their first copy resident as well (a serving process with the 1.5B model: 2097 MiB mapped, 1505 read)
            self.llm = Llama(model_path=str(path), n_ctx=n_ctx, n_threads=threads or os.cpu_count() or 1,
                             n_batch=128, use_mmap=False, verbose=False)
        except (ValueError, RuntimeError) as e:
            raise ChatbotError(f"Could not load the model {path}: {e}. Is it a valid GGUF chat model?") from None
        self.n_ctx = n_ctx
        self.lock = threading.Lock()
        self._prefixes: dict[str, list[int]] = {}
        self._formatter = self._chat_formatter()

    def count_tokens(self, text: str) -> int:
        return len(self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def keep_only_the_system_prompt(self, messages: Messages, prompt: list[int]) -> None:
        """Leave in llama.cpp's cache only the fixed system prompt, evaluated on its own.

        The same question must get the same answer whatever was asked before. Reusing a longer cached prefix
        (a repeated question, a follow-up on the same lines), or none, changes how llama.cpp batches the
        prompt, which changes the last bits of its arithmetic, and greedy decoding can then take another
        word (measured: the seed question got '836 border flag meetings' on a cold cache and '225 …' warm).
        `prompt`: the messages' prompt tokens (prompt_tokens).
        """
        system = messages[0]["content"] if messages and messages[0]["role"] == "system" else ""
        if system not in self._prefixes:
            one, two = (self.prompt_tokens([*messages[:1], {"role": "user", "content": c}]) for c in ("a", "b"))
            common = next((i for i, (x, y) in enumerate(zip(one, two, strict=False)) if x != y), 0)
            self._prefixes[system] = one[:common] if system else []
        prefix = self._prefixes[system]
        if not prefix or prompt[: len(prefix)] != prefix:
            return  # no template to render, or a prompt that does not start with it: llama.cpp's own reuse
        llm = self.llm
        if llm.n_tokens >= len(prefix) and list(llm.input_ids[: len(prefix)]) == prefix:
            llm.n_tokens = len(prefix)  # generation drops the rest of the cache and reads on from here
        else:
            llm.reset()
            llm.eval(prefix)

    def _too_long(self, messages: Messages, prompt: list[int]) -> bool:
        """Does the prompt leave the model less than MIN_REPLY_TOKENS of its context? (A 2,000-character
        question of digits alone takes ~1,700 tokens.)"""
        used = len(prompt) or sum(self.count_tokens(m["content"]) for m in messages)
        return used + MIN_REPLY_TOKENS > self.n_ctx

    def prompt_tokens(self, messages: Messages) -> list[int]:
        """The prompt llama-cpp-python's chat completion reads, rendered by the GGUF's own chat template."""
        if self._formatter is None:
            return []
        rendered = self._formatter(messages=messages)
        return list(self.llm.tokenize(rendered.prompt.encode("utf-8"), add_bos=not rendered.added_special,
                                      special=True))

    def _chat_formatter(self) -> Any:
        """The formatter llama-cpp-python made from the GGUF's chat template (None for any other chat format)."""
        from llama_cpp import llama_chat_format

        template = self.llm.metadata.get("tokenizer.chat_template")
        if not template or self.llm.chat_format != "chat_template.default":
            return None
        eos, bos = self.llm.token_eos(), self.llm.token_bos()
        text = self.llm._model.token_get_text
        return llama_chat_format.Jinja2ChatFormatter(template=template, eos_token=text(eos) if eos != -1 else "",
                                                     bos_token=text(bos) if bos != -1 else "",
                                                     stop_token_ids=[eos])

    def stream(self, messages: Messages, max_tokens: int = 256, stop: threading.Event | None = None
               ) -> Iterator[str]:
        if not take_turn(self.lock, stop):
            return
        try:
            prompt = self.prompt_tokens(messages)  # rendered and tokenized once for both
            if self._too_long(messages, prompt):
                return  # llama.cpp would raise: no reply, and the product quotes a source line instead
            self.keep_only_the_system_prompt(messages, prompt)
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


RETRY_STATUS = (502, 503, 504)  # a proxy, or a server still loading its model: worth another try


class OpenAIGenerator:
    """Any OpenAI-compatible chat server (llama.cpp server, vLLM, Ollama) at base URL `url`.

    `model` empty = the first model the server lists at /v1/models. A connection that fails before the server
    answers (refused, none within `connect_timeout` seconds, a 502/503/504) is tried `retries` more times; an
    answer that breaks off half-way is not. `timeout` is the longest wait for the next token."""

    def __init__(self, url: str, model: str = "", timeout: float = 120.0, connect_timeout: float = 5.0,
                 retries: int = 2, backoff: float = 0.5) -> None:
        self.base = url.rstrip("/")
        self.url = self.base if self.base.endswith("/v1") else self.base + "/v1"
        self.model, self.timeout, self.connect_timeout = model, timeout, connect_timeout
        self.retries, self.backoff = retries, backoff
        self.name = _server_name(model or "LLM server", self.base)

    def count_tokens(self, text: str) -> int:
        return len(re.findall(r"\w+|[^\w\s]", text)) * 4 // 3 + 1  # a safe over-estimate without a tokenizer

    def discover(self, halt: threading.Event | None = None) -> str:
        """The model name to send: the configured one, else the first id at /v1/models, else "default"."""
        if not self.model:
            served = self.served_models(halt)
            self.model = served[0] if served else "default"
            self.name = _server_name(self.model, self.base)
        return self.model

    def served_models(self, halt: threading.Event | None = None) -> list[str]:
        """The model ids the server lists at /v1/models ([] when it has no such list)."""
        with self._client() as client:
            r = self._send(client, "GET", "/models", None, halt)
            try:
                r.read()
            finally:
                r.close()
        try:
            return [str(m["id"]) for m in r.json()["data"]] if r.status_code == 200 else []
        except (ValueError, KeyError, TypeError):
            return []

    def stream(self, messages: Messages, max_tokens: int = 256, stop: threading.Event | None = None
               ) -> Iterator[str]:
        """The tokens as the server sends them. The request runs in a worker thread, so `stop` ends the stream
        at once, even while the server is still reading the prompt; the worker hangs up on the server when the
        next token arrives (llama.cpp's servers notice then and stop generating)."""
        body = {"messages": messages, "max_tokens": max_tokens, "temperature": 0.0, "stream": True}
        pieces: queue.Queue[str | Exception | None] = queue.Queue()
        halt = threading.Event()
        threading.Thread(target=self._pump, args=(body, pieces, halt), name="llm-server", daemon=True).start()
        try:
            while True:
                try:
                    piece = pieces.get(timeout=0.05)
                except queue.Empty:
                    piece = ""
                if piece is None or (stop is not None and stop.is_set()):
                    return
                if isinstance(piece, Exception):
                    raise piece
                if piece:
                    yield piece
        finally:
            halt.set()

    def _pump(self, body: dict[str, Any], pieces: queue.Queue[str | Exception | None],
              halt: threading.Event) -> None:
        """The worker: put each token on `pieces`, then None (after the error, if one stops it)."""
        try:
            body["model"] = self.discover(halt)
            with self._client() as client:
                r = self._send(client, "POST", "/chat/completions", body, halt)
                try:
                    if r.status_code != 200:
                        raise self._refused(r, body["model"])
                    self._read(r, pieces, halt)
                finally:
                    r.close()
        except Exception as e:  # raised again by stream(), in the caller's thread
            pieces.put(e)
        finally:
            pieces.put(None)

    def _client(self) -> httpx.Client:
        import httpx

        return httpx.Client(timeout=httpx.Timeout(self.timeout, connect=self.connect_timeout))

    def _send(self, client: httpx.Client, method: str, path: str, body: dict[str, Any] | None,
              halt: threading.Event | None) -> httpx.Response:
        """The server's streamed response, retrying a connection that fails before the server answers."""
        import httpx

        reason, wait = "", halt or threading.Event()
        for attempt in range(self.retries + 1):
            if attempt and wait.wait(self.backoff * 2 ** (attempt - 1)):
                break  # stopped: nobody waits for the answer any more
            try:
                r = client.send(client.build_request(method, self.url + path, json=body), stream=True)
            except httpx.ConnectTimeout:
                reason = f"no connection within {self.connect_timeout:g} s"
            except httpx.ConnectError as e:
                reason = "connection refused" if "refused" in str(e).lower() else _one_line(str(e) or repr(e))
            except (httpx.RemoteProtocolError, httpx.ReadError):
                reason = "it hung up without answering"
            except httpx.ReadTimeout:
                raise self._silent() from None
            except (httpx.HTTPError, httpx.InvalidURL) as e:  # 'localhost:8000' without http://, and the like
                raise ChatbotError(f"Cannot talk to the LLM server at {self.base} ({_one_line(str(e) or repr(e))}). "
                                   "Give its address as http://HOST:PORT.") from None
            else:
                if r.status_code not in RETRY_STATUS:
                    return r
                r.close()
                reason = f"it answered {r.status_code} {r.reason_phrase}"
        tries = f"; tried {attempt + 1} times" if attempt else ""
        raise ChatbotError(f"The LLM server at {self.base} is not answering ({reason}{tries}). Start it, or unset "
                           "CHATBOT_LLM_URL to run the model in-process.")

    def _read(self, r: httpx.Response, pieces: queue.Queue[str | Exception | None], halt: threading.Event) -> None:
        """Put the tokens of an SSE chat stream on `pieces` until [DONE] or `halt`; a break is an error."""
        import httpx

        started = False
        try:
            for line in r.iter_lines():
                if halt.is_set():
                    return
                data = line[5:].strip() if line.startswith("data:") else ""
                if data == "[DONE]":
                    return
                delta = _delta(data, self.base) if data else ""
                if delta:
                    pieces.put(delta)
                    started = True
        except httpx.ReadTimeout:
            if not started:
                raise self._silent() from None
            raise ChatbotError(f"The LLM server at {self.base} stopped in the middle of the answer (no token for "
                               f"{self.timeout:g} s). Ask again, or raise CHATBOT_LLM_TIMEOUT.") from None
        except httpx.TransportError as e:
            raise ChatbotError(f"The LLM server at {self.base} stopped in the middle of the answer "
                               f"({_one_line(str(e) or repr(e))}). Ask again; if it keeps happening, look at "
                               "the server's log.") from None

    def _silent(self) -> ChatbotError:
        return ChatbotError(f"The LLM server at {self.base} sent nothing for {self.timeout:g} s. It may be "
                            "overloaded; set CHATBOT_LLM_TIMEOUT (seconds) to wait longer.")

    def _refused(self, r: httpx.Response, model: str) -> ChatbotError:
        """The one-line error for a status other than 200: a model it does not serve, a wrong URL, or else."""
        r.read()
        if r.status_code == 404:
            served = self.served_models()
            if served and model not in served:
                return ChatbotError(f"The LLM server at {self.base} does not serve the model '{model}'; it serves "
                                    f"{', '.join(served)}. Set CHATBOT_LLM_MODEL (or --llm-model) to one of them, "
                                    "or leave it empty to use the first.")
            return ChatbotError(f"The LLM server at {self.base} has no {self.url}/chat/completions (404). Give "
                                "the server's base address, for example http://host:8000.")
        return ChatbotError(f"The LLM server at {self.base} answered {r.status_code}: {_one_line(r.text)}")


def _delta(data: str, base: str) -> str:
    """The text of one SSE chat chunk. '{"choices": [{"delta": {"content": "Hi"}}]}' -> 'Hi'."""
    try:
        chunk = json.loads(data)
        if "error" in chunk:
            raise ChatbotError(f"The LLM server at {base} stopped with an error: {_one_line(str(chunk['error']))}")
        choices = chunk.get("choices") or [{}]  # a last chunk may carry only the usage
        return str((choices[0].get("delta") or {}).get("content") or "")
    except (ValueError, TypeError, AttributeError, IndexError):
        raise ChatbotError(f"The LLM server at {base} sent a line that is not an OpenAI chat stream: "
                           f"{_one_line(data)}") from None


def _one_line(text: str, limit: int = 200) -> str:
    return " ".join(text.split())[:limit]


def _server_name(model: str, base: str) -> str:
    """How the UI names the model. '/m/qwen.gguf', 'http://h:8000' -> 'qwen.gguf at http://h:8000'."""
    return f"{Path(model).name if model.endswith('.gguf') else model} at {base}"


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


def load_generator(model: str, models_dir: Path, llm_url: str = "", n_ctx: int = 1536, threads: int = 0,
                   llm_model: str = "", llm_timeout: float = 120.0) -> Generator:
    """The configured model: a server at `llm_url`, the echo fake, or a GGUF run in-process."""
    if llm_url:  # the model name is asked for with the first question, not here (the engine holds a lock)
        return OpenAIGenerator(llm_url, llm_model, llm_timeout)
    if model == "echo":
        return EchoGenerator()
    progress = print_progress() if sys.stderr.isatty() else None
    return LlamaGenerator(resolve_model(model, models_dir, progress), n_ctx=n_ctx, threads=threads)
