"""The model on a server, against a scripted OpenAI-compatible server: model names, retries, errors and Stop.
(The real llama-cpp-python server is in test_answer_real.py.)"""

from __future__ import annotations

import json
import select
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from chatbot.errors import ChatbotError
from chatbot.generate import OpenAIGenerator, load_generator

MESSAGES = [{"role": "user", "content": "Say hello."}]
VLLM_404 = {"object": "error", "message": "The model `qwen` does not exist.", "type": "NotFoundError", "code": 404}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FakeServer(ThreadingHTTPServer):
    """Each chat request takes the next scripted action ("answer" once the script is used up)."""

    daemon_threads = True

    def __init__(self, actions: list[str], models: list[str] | None) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.actions, self.models = actions, models
        self.chats: list[dict] = []
        self.model_lists = 0
        self.release = threading.Event()  # lets a "held" or "stall" answer go on
        self.hung_up = threading.Event()  # the client closed a "stall" answer after its second token

    def handle_error(self, request, client_address) -> None:  # a client that hung up on a stalled answer
        pass


class Handler(BaseHTTPRequestHandler):
    server: FakeServer

    def log_message(self, format, *args) -> None:
        pass

    def do_GET(self) -> None:
        self.server.model_lists += 1
        if self.server.models is None:
            return self._json(404, {"detail": "Not Found"})
        self._json(200, {"object": "list", "data": [{"id": m, "object": "model"} for m in self.server.models]})

    def do_POST(self) -> None:
        self.server.chats.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        action = self.server.actions.pop(0) if self.server.actions else "answer"
        if action == "hang up":
            return  # the connection closes without a response
        if action == "503":
            return self._json(503, {"detail": "loading the model"})
        if action == "404":
            return self._json(404, VLLM_404)
        if action == "held":  # reading a long prompt: nothing until the test releases it
            self.server.release.wait(30)
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        if action == "break":
            self.send_header("Content-Length", "100000")  # then hangs up long before that
        self.end_headers()
        self._token("Hello")
        if action == "break":
            return
        if action == "stall":  # a token, then nothing until released, then one more: is the client gone?
            self.server.release.wait(30)
            self._token(" world.")
            if select.select([self.connection], [], [], 30)[0] and not self.connection.recv(1):
                self.server.hung_up.set()
            return
        self._token(" world.")
        self.wfile.write(b"data: [DONE]\n\n")

    def _token(self, text: str) -> None:
        chunk = {"choices": [{"index": 0, "delta": {"content": text}}]}
        self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
        self.wfile.flush()

    def _json(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def serve() -> Iterator:
    """serve(actions, models) -> (the fake server, its URL); models None = no /v1/models list."""
    servers: list[FakeServer] = []

    def start(actions: tuple[str, ...] = (), models: list[str] | None = None):
        server = FakeServer(list(actions), models)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
        return server, f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.release.set()
        server.shutdown()
        server.server_close()


def test_the_model_name_comes_from_the_server(serve):
    server, url = serve(models=["Qwen/Qwen2.5-1.5B-Instruct", "other"])
    generator = load_generator("", Path("unused"), llm_url=url + "/")
    assert "".join(generator.stream(MESSAGES)) == "Hello world."
    assert generator.name == f"Qwen/Qwen2.5-1.5B-Instruct at {url}"
    assert [c["model"] for c in server.chats] == ["Qwen/Qwen2.5-1.5B-Instruct"] and server.model_lists == 1
    assert server.chats[0]["stream"] is True and server.chats[0]["temperature"] == 0.0


def test_a_configured_model_name_is_sent_as_is_and_a_server_without_a_list_gets_default(serve):
    server, url = serve(models=None)
    configured = OpenAIGenerator(url + "/v1", model="my-model")
    assert "".join(configured.stream(MESSAGES)) == "Hello world." and server.model_lists == 0
    guessed = OpenAIGenerator(url)
    assert "".join(guessed.stream(MESSAGES)) == "Hello world." and server.model_lists == 1
    assert [c["model"] for c in server.chats] == ["my-model", "default"] and guessed.name == f"default at {url}"


@pytest.mark.parametrize("first", ["503", "hang up"])
def test_a_failed_connection_is_tried_again(serve, first):
    server, url = serve((first,))
    assert "".join(OpenAIGenerator(url, "m", backoff=0.05).stream(MESSAGES)) == "Hello world."
    assert len(server.chats) == 2


def test_an_answer_that_breaks_off_is_not_tried_again(serve):
    server, url = serve(("break",))
    got = []
    with pytest.raises(ChatbotError, match="stopped in the middle of the answer") as e:
        for piece in OpenAIGenerator(url, "m", backoff=0.05).stream(MESSAGES):
            got.append(piece)
    assert got == ["Hello"] and len(server.chats) == 1 and "\n" not in str(e.value)


def test_a_model_the_server_does_not_serve_is_named_with_the_ones_it_does(serve):
    server, url = serve(("404",), models=["Qwen/Qwen2.5-1.5B-Instruct"])
    with pytest.raises(ChatbotError) as e:
        list(OpenAIGenerator(url, "qwen").stream(MESSAGES))
    assert str(e.value) == (f"The LLM server at {url} does not serve the model 'qwen'; it serves "
                            "Qwen/Qwen2.5-1.5B-Instruct. Set CHATBOT_LLM_MODEL (or --llm-model) to one of them, "
                            "or leave it empty to use the first.")
    assert len(server.chats) == 1


def test_a_server_that_is_down_is_one_clear_line():
    url = f"http://127.0.0.1:{free_port()}"
    expected = (f"The LLM server at {url} is not answering (connection refused; tried 3 times). Start it, or "
                "unset CHATBOT_LLM_URL to run the model in-process.")
    generator = OpenAIGenerator(url, backoff=0.01)
    with pytest.raises(ChatbotError) as e:
        generator.discover()
    assert str(e.value) == expected
    with pytest.raises(ChatbotError) as e:
        list(generator.stream(MESSAGES))
    assert str(e.value) == expected


def test_an_address_without_http_is_one_clear_line():
    with pytest.raises(ChatbotError) as e:
        list(OpenAIGenerator("localhost:8000").stream(MESSAGES))
    assert str(e.value).startswith("Cannot talk to the LLM server at localhost:8000 (")
    assert str(e.value).endswith("Give its address as http://HOST:PORT.") and "\n" not in str(e.value)


def test_a_silent_server_times_out_without_a_second_try(serve):
    server, url = serve(("held",))
    with pytest.raises(ChatbotError, match=r"sent nothing for 0.5 s.*CHATBOT_LLM_TIMEOUT"):
        list(OpenAIGenerator(url, "m", timeout=0.5).stream(MESSAGES))
    assert len(server.chats) == 1


def test_stop_before_the_first_token_ends_the_answer_at_once(serve):
    server, url = serve(("held",))
    stop = threading.Event()
    threading.Timer(0.2, stop.set).start()  # while the server is still "reading the prompt"
    assert list(OpenAIGenerator(url, "m").stream(MESSAGES, stop=stop)) == []  # no time-out error
    assert not server.release.is_set()


def test_stop_between_tokens_hangs_up_on_the_server(serve):
    server, url = serve(("stall",))
    stop = threading.Event()
    pieces = OpenAIGenerator(url, "m").stream(MESSAGES, stop=stop)
    assert next(pieces) == "Hello"
    stop.set()
    assert list(pieces) == []  # not the rest of the answer
    server.release.set()  # the server sends its next token: the client must have closed the connection
    assert server.hung_up.wait(30)


def test_the_settings_reach_the_server(serve, fake_settings, seeds_dir, monkeypatch):
    """--llm-model is the name sent; CHATBOT_LLM_URL / CHATBOT_LLM_TIMEOUT configure the engine's generator."""
    from typer.testing import CliRunner

    from chatbot.answer import Engine
    from chatbot.build import build
    from chatbot.cli import app
    from chatbot.settings import Settings

    monkeypatch.setenv("CHATBOT_EMBEDDING_MODEL", "fake")
    build(fake_settings)
    server, url = serve(models=["served/model"])
    out = CliRunner().invoke(app, ["ask", "How many border flag meetings has Pakistan held?", "--llm-url", url,
                                   "--llm-model", "my-model", "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["model"] == f"my-model at {url}"
    # (asked again with one line, as its reply fails the checks: the same name each time)
    assert server.chats and {c["model"] for c in server.chats} == {"my-model"} and server.model_lists == 0
    monkeypatch.setenv("CHATBOT_LLM_URL", url)
    monkeypatch.setenv("CHATBOT_LLM_TIMEOUT", "2.5")
    generator = Engine(Settings.from_env()).generator
    assert isinstance(generator, OpenAIGenerator) and generator.timeout == 2.5
    assert server.model_lists == 0  # the server is asked for its model with the first question, not under a lock
    assert "".join(generator.stream(MESSAGES)) == "Hello world."
    assert generator.name == f"served/model at {url}" and server.model_lists == 1
