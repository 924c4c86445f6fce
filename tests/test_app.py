"""The browser app through its HTTP API (gradio_client), launched in this process on a free port.

Fast tests use the hash embedder and the echo generator; the slow one the real MiniLM and default GGUF.
"""

from __future__ import annotations

import html
import shutil
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from gradio_client import Client, handle_file

from chatbot import library, ui
from chatbot.answer import Engine
from chatbot.build import build
from chatbot.errors import ChatbotError
from chatbot.settings import Settings
from chatbot.ui import chat as chat_tab
from chatbot.ui import render, server, settings_tab

PAKISTAN_Q = "How many border flag meetings has Pakistan held?"
PAKISTAN_DOC = "001_f832bd7ba533dded.txt"
ZORBLAX = ("The Zorblax Festival\n\nThe Zorblax festival of kites is held every April in the town of Quenton. "
           "It draws twelve thousand visitors who fly hand-painted kites over the Quenton dunes.\n")
LIGHTHOUSE = ("Plimbus Lighthouse\n\nThe Plimbus lighthouse was painted green by the harbour guild. "
              "Its lamp can be seen from forty kilometres away on clear nights.\n")


# -- a small conftest_app: launch the app on a free port, close it after the test --------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def launch_app() -> Iterator[Callable[..., tuple[str, Engine, Any]]]:
    """start(settings, engine=None, host=...) -> (url, engine, demo): the real app, served in a thread."""
    demos: list[Any] = []

    def start(settings: Settings, engine: Engine | None = None, host: str = "127.0.0.1") -> tuple[str, Engine, Any]:
        engine = engine or Engine(settings)
        demo = ui.build_app(engine, settings)
        ui.launch(demo, settings, host, free_port(), block=False)
        demos.append(demo)
        return f"http://127.0.0.1:{demo.server_port}/", engine, demo

    yield start
    for demo in demos:
        demo.close()


@pytest.fixture
def echo_settings(fake_settings: Settings, seeds_dir: Path) -> Settings:
    """The four seeds indexed with the hash embedder; answers by the echo generator."""
    settings = replace(fake_settings, model="echo")
    build(settings)
    return settings


def client(url: str, **kw: Any) -> Client:
    return Client(url, verbose=False, **kw)


def ask(c: Client, question: str, k: int = 4) -> tuple[list[dict[str, Any]], str, dict[str, Any]]:
    chat, _box, sources, details = c.predict(question, k, api_name="/ask")
    return chat, sources, details


def text_of(message: dict[str, Any]) -> str:
    content = message["content"]
    return "".join(part.get("text", "") for part in content) if isinstance(content, list) else str(content)


# -- pure helpers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [
    ("../../evil.txt", "evil.txt"),
    ("..\\..\\windows\\evil.txt", "evil.txt"),
    ("/etc/passwd", "passwd"),
    (".hidden.md", "hidden.md"),
    ("..", ""),
    ("...", ""),
    ("a\x00b\x1fc\x7f.txt", "abc.txt"),
    ("rapport\u202etxt.exe", "rapporttxt.exe"),  # right-to-left override dropped
    ("Café ☕ notes.md", "Café ☕ notes.md"),
    ("what?<is>:this|*.txt", "what__is__this__.txt"),
    ("  spaced out .txt  ", "spaced out .txt"),
])
def test_safe_filename(raw: str, expected: str) -> None:
    assert library.safe_filename(raw) == expected


def test_safe_filename_long_keeps_extension() -> None:
    name = library.safe_filename("x" * 500 + ".pdf")
    assert name.endswith(".pdf") and len(name) <= library.MAX_NAME_CHARS


def test_unique_name(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("1")
    (tmp_path / "A-1.txt").write_text("2")
    assert library.unique_name(tmp_path, "b.txt") == "b.txt"
    assert library.unique_name(tmp_path, "a.txt") == "a-2.txt"


def test_auth_and_host_helpers() -> None:
    assert server.parse_auth("") is None
    assert server.parse_auth("alice:pa:ss") == ("alice", "pa:ss")
    for bad in ("alice", ":pw", "alice:"):
        with pytest.raises(ChatbotError):
            server.parse_auth(bad)
    assert all(server.is_loopback(h) for h in ("127.0.0.1", "::1", "localhost", "127.0.0.2"))
    assert not any(server.is_loopback(h) for h in ("0.0.0.0", "192.168.1.20", "example.com", "::"))


EVIL = '<script>window.__pwned=1</script> and <img src=x onerror="window.__pwned=2">'


def evil_turn() -> dict[str, Any]:
    passage = f"Intro sentence. The secret is {EVIL} here. Outro."
    start = passage.index("The secret")
    end = passage.index(" Outro")
    return {
        "question": "<b>what</b> is the secret?", "answer": f"The secret is {EVIL} here [1].", "mode": "extractive",
        "done": True, "model": "", "timings": {"total": 0.5}, "removed": [],
        "citations": [{"n": 1, "doc": "<i>evil</i>.txt", "title": "<img src=y onerror=alert(1)>",
                       "chunk_id": "<i>evil</i>.txt#0", "start": 100 + start, "end": 100 + end,
                       "quote": passage[start:end]}],
        "passages": [{"n": 1, "doc": "<i>evil</i>.txt", "title": "t", "chunk_id": "<i>evil</i>.txt#0",
                      "start": 100, "end": 100 + len(passage), "text": passage}],
        "closest": [],
    }


def test_rendering_escapes_document_text() -> None:
    turn = evil_turn()
    chat = render.render_chat([turn])
    sources = render.render_sources([turn])
    for out in (chat[0]["content"], chat[1]["content"], sources):
        assert "<script" not in out and "<img" not in out and "<b>what" not in out and "<i>evil" not in out
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in chat[1]["content"]
    assert "cb-ref-src-1-1" in chat[1]["content"] and "✔" not in chat[1]["content"]
    assert "❝ quoted from the sources" in chat[1]["content"]
    assert 'id="src-1-1"' in sources
    marked = sources.split("<mark data-n=\"1\">")[1].split("</mark>")[0]
    assert html.unescape(marked) == turn["citations"][0]["quote"]
    assert 'data-doc="&lt;i&gt;evil&lt;/i&gt;.txt"' in sources


def test_history_pairs_skip_unfinished() -> None:
    turns = [{"question": "q1", "answer": "a1", "done": True}, {"question": "q2", "answer": "", "done": False},
             {"question": "q3", "answer": "partial", "done": False},
             {"question": "q4", "answer": "I could not find this.", "done": True, "mode": "abstained"}]
    assert chat_tab.history_pairs(turns) == [("q1", "a1")]


def test_render_answer_modes() -> None:
    abstained = {"question": "q", "answer": "I could not find this.", "mode": "abstained", "done": True,
                 "citations": [], "closest": [{"n": 1, "doc": "d.txt", "title": "T <x>", "chunk_id": "d.txt#0",
                                               "start": 0, "end": 5, "text": "Close <passage> text"}]}
    out = render.render_answer(abstained, 1)
    assert "✖ not found" in out and "Close &lt;passage&gt; text" in out and "T &lt;x&gt;" in out
    generated = {**evil_turn(), "mode": "generated", "model": "echo"}
    assert "✔ generated and verified" in render.render_answer(generated, 1)
    unfinished = {"question": "q", "answer": "Half [1].", "mode": "generating", "done": False, "citations": []}
    assert "writing" in render.render_answer(unfinished, 1, current=True)
    assert "■ stopped" in render.render_answer(unfinished, 1, current=False)
    assert "before the answer was complete" in render.render_answer(unfinished, 1, current=False)
    nothing_yet = {**unfinished, "answer": "", "mode": "stopped"}
    assert "before an answer was ready" in render.render_answer(nothing_yet, 1)


def test_quoted_answer_bold_and_the_question_as_understood() -> None:
    turn = {"question": "And how many <b>notes</b>?", "answer": "… 225 meetings, **836 <i>protest</i> notes** [1].",
            "mode": "extractive", "done": True, "citations": [{"n": 1}],
            "standalone": "How many <b>notes</b> has Pakistan held?"}
    out = render.render_answer(turn, 1)
    assert "<strong>836 &lt;i&gt;protest&lt;/i&gt; notes</strong>" in out  # bold, and still escaped
    assert "understood as: How many &lt;b&gt;notes&lt;/b&gt; has Pakistan held?" in out


def test_settings_offer_every_installed_packaged_model(echo_settings: Settings) -> None:
    from chatbot.models import PACKAGED, installed

    values = {v for _, v in settings_tab.model_choices(echo_settings)}
    assert {k for k, m in PACKAGED.items() if installed(m)} <= values
    assert "qwen2.5-coder-0.5b" in values


# -- the running app ----------------------------------------------------------------------------------


def test_chat_upload_rebuild_delete(echo_settings: Settings, launch_app: Any, tmp_path: Path) -> None:
    url, engine, _ = launch_app(echo_settings)
    c = client(url)

    chat, sources, details = ask(c, PAKISTAN_Q)
    assert details["mode"] == "generated" and details["citations"]  # echo repeats a source sentence
    assert "225" in details["answer"]
    assert any(cit["doc"] == PAKISTAN_DOC and "225" in cit["quote"] for cit in details["citations"])
    assert [m["role"] for m in chat] == ["user", "assistant"]
    assert "cb-ref-src-1-1" in text_of(chat[1]) and "cb-badge" in text_of(chat[1])
    assert 'id="src-1-1"' in sources and "<mark data-n=\"1\">" in sources and PAKISTAN_DOC in sources

    first = details["citations"][0]
    viewer = c.predict(first["doc"], first["start"], first["end"], api_name="/article")
    assert '<mark id="cb-hit">' + html.escape(first["quote"]) + "</mark>" in viewer
    assert "cb-changed" not in c.predict(first["doc"], first["start"], first["end"], first["sha256"],
                                         api_name="/article")
    changed = c.predict(first["doc"], first["start"], first["end"], "0" * 64, api_name="/article")
    assert "cb-changed" in changed and "has changed since the answer" in changed  # an older version was cited

    # a follow-up keeps the conversation: two turns in the chat
    chat, sources, details = ask(c, "And how many protest notes?")
    assert len(chat) == 4 and 'id="src-2-1"' in sources

    # upload a new article, then one with the same name (kept as -1), then an identical copy (refused)
    src = tmp_path / "upload" / "zorblax.txt"
    src.parent.mkdir()
    src.write_text(ZORBLAX, encoding="utf-8")
    status, library, _drop, _file = c.predict([handle_file(str(src))], api_name="/add_documents")
    assert "Added zorblax.txt" in html.unescape(status)
    assert "zorblax.txt" in library and "Waiting for the next rebuild" in library
    other = tmp_path / "upload2" / "zorblax.txt"
    other.parent.mkdir()
    other.write_text(LIGHTHOUSE, encoding="utf-8")
    status, *_ = c.predict([handle_file(str(other))], api_name="/add_documents")
    assert "zorblax-1.txt (renamed" in html.unescape(status)
    status, *_ = c.predict([handle_file(str(src))], api_name="/add_documents")
    assert "already in the library as zorblax.txt" in html.unescape(status)
    docs = echo_settings.docs
    assert (docs / "zorblax.txt").read_text(encoding="utf-8") == ZORBLAX
    assert (docs / "zorblax-1.txt").read_text(encoding="utf-8") == LIGHTHOUSE

    status, library, _drop, stats = c.predict(api_name="/rebuild")
    assert "2 added" in html.unescape(status) and "4 unchanged" in html.unescape(status)
    assert "Zorblax" in library and "Waiting" not in library
    assert "<th>Documents</th><td>6</td>" in stats

    _, _, details = ask(c, "When is the Zorblax festival of kites held in Quenton?")
    assert details["citations"] and details["citations"][0]["doc"] == "zorblax.txt"
    assert "April" in details["answer"]

    status, library, _drop = c.predict("zorblax.txt", api_name="/delete_document")
    assert "Deleted zorblax.txt" in html.unescape(status)
    assert not (docs / "zorblax.txt").exists() and (docs / "zorblax-1.txt").exists()
    status, library, *_ = c.predict(api_name="/rebuild")
    assert "1 removed" in html.unescape(status)
    assert "zorblax.txt" not in library.replace("zorblax-1.txt", "")
    _, _, details = ask(c, "When is the Zorblax festival of kites held in Quenton?")
    assert all(cit["doc"] != "zorblax.txt" for cit in details["citations"])
    assert engine.index.docs.keys() >= {"zorblax-1.txt", PAKISTAN_DOC}


def test_delete_refuses_paths_outside_docs(echo_settings: Settings, launch_app: Any, tmp_path: Path) -> None:
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    url, _, _ = launch_app(echo_settings)
    c = client(url)
    (echo_settings.docs / "sub").mkdir()
    for bad in ("../precious.txt", str(outside), "nonexistent.txt", "sub", ".", "", "sub/../../precious.txt"):
        status, *_ = c.predict(bad, api_name="/delete_document")
        assert "nothing deleted" in html.unescape(status) or "Choose a document" in html.unescape(status), bad
    assert outside.read_text() == "keep me"
    assert len(list(echo_settings.docs.glob("*.txt"))) == 4 and (echo_settings.docs / "sub").is_dir()


def test_upload_refusals_and_safe_names(echo_settings: Settings, launch_app: Any, tmp_path: Path) -> None:
    url, _, _ = launch_app(echo_settings)
    c = client(url)
    docs = echo_settings.docs
    before = sorted(p.name for p in docs.iterdir())

    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ not a document")
    with pytest.raises(Exception, match="(?i)invalid file type|not supported"):
        c.predict([handle_file(str(exe))], api_name="/add_documents")
    assert sorted(p.name for p in docs.iterdir()) == before

    # a browser could send any file name: the upload route keeps its base name, the app sanitizes it
    r = httpx.post(url + "gradio_api/upload",
                   files=[("files", ("../../evil.txt", b"An evil article about nothing at all.", "text/plain"))])
    assert r.status_code == 200, r.text
    server_path = r.json()[0]
    status, *_ = c.predict([{"path": server_path, "orig_name": "../../evil.txt", "meta": {"_type": "gradio.FileData"}}],
                           api_name="/add_documents")
    assert "Added evil.txt" in html.unescape(status)
    assert (docs / "evil.txt").is_file()
    # the upload's copy in Gradio's cache is gone: after a delete, no URL would still serve the document
    assert not Path(server_path).exists()
    assert httpx.get(url + "gradio_api/file=" + server_path).status_code != 200
    assert not (docs.parent / "evil.txt").exists() and not (docs.parent.parent / "evil.txt").exists()

    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    status, *_ = c.predict([handle_file(str(empty))], api_name="/add_documents")
    assert "empty.md: the file is empty" in html.unescape(status) and not (docs / "empty.md").exists()


def test_upload_size_limit(echo_settings: Settings, launch_app: Any, tmp_path: Path) -> None:
    settings = replace(echo_settings, max_file_mb=0.002)  # 2 kB
    url, _, _ = launch_app(settings)
    big = tmp_path / "big.txt"
    big.write_text("word " * 2000)
    with pytest.raises(ValueError, match="maximum file size"):  # the client reads the limit from the app
        client(url).predict([handle_file(str(big))], api_name="/add_documents")
    r = httpx.post(url + "gradio_api/upload", files=[("files", ("big.txt", big.read_bytes(), "text/plain"))])
    assert r.status_code == 413  # and the server enforces it
    assert not (settings.docs / "big.txt").exists()
    # Gradio counts in MiB: a file over 2,000 bytes but within 2 KiB passes it; the app refuses it itself
    edge = tmp_path / "edge.txt"
    edge.write_text("w" * 2050)
    status, *_ = client(url).predict([handle_file(str(edge))], api_name="/add_documents")
    assert "over the 0.002 MB limit" in html.unescape(status) and not (settings.docs / "edge.txt").exists()


def test_data_folders_not_served(echo_settings: Settings, launch_app: Any) -> None:
    models = echo_settings.models
    models.mkdir(parents=True, exist_ok=True)
    (models / "secret.gguf").write_bytes(b"GGUF weights")
    url, _, _ = launch_app(echo_settings)
    targets = [echo_settings.docs / PAKISTAN_DOC, echo_settings.index / "manifest.json", models / "secret.gguf"]
    targets += [p for p in echo_settings.index.glob("gen-*/chunks.jsonl")]
    for path in targets:
        assert path.is_file()
        for form in (str(path.resolve()), str(path)):
            r = httpx.get(f"{url}gradio_api/file={form}")
            assert r.status_code != 200, (path, r.status_code)
            assert b"Pakistan" not in r.content and b"GGUF" not in r.content
    # the route itself works: an uploaded file is served back
    r = httpx.post(url + "gradio_api/upload", files=[("files", ("note.txt", b"hello upload", "text/plain"))])
    served = httpx.get(f"{url}gradio_api/file={r.json()[0]}")
    assert served.status_code == 200 and served.content == b"hello upload"


def test_auth_required_when_set(echo_settings: Settings, launch_app: Any) -> None:
    settings = replace(echo_settings, auth="alice:s3cret-pw")
    url, _, _ = launch_app(settings)
    assert httpx.get(url + "config").status_code in (401, 403)
    with pytest.raises(Exception):  # noqa: B017 - gradio_client cannot even read the app's config
        client(url).predict(PAKISTAN_Q, 4, api_name="/ask")
    with pytest.raises(Exception):  # noqa: B017
        client(url, auth=("alice", "wrong")).predict(PAKISTAN_Q, 4, api_name="/ask")
    _, _, details = ask(client(url, auth=("alice", "s3cret-pw")), PAKISTAN_Q)
    assert details["citations"]


def test_not_found_and_bad_questions(echo_settings: Settings, launch_app: Any) -> None:
    url, _, _ = launch_app(echo_settings)
    c = client(url)
    chat, sources, details = ask(c, "xyzzy plugh frobnicate?")
    assert details["mode"] == "abstained" and details["closest"]
    assert "✖ not found" in text_of(chat[-1]) and "Closest passages" in text_of(chat[-1])
    assert "Not found" in sources
    chat, _box, _sources, details = c.predict("   ", 4, api_name="/ask")
    assert len(chat) == 2 and "✖ not found" in text_of(chat[-1])  # the earlier turn stays
    assert not (details or {}).get("error")  # and its details are not replaced
    chat, box, _sources, details = c.predict("why " * 600, 4, api_name="/ask")
    assert "limit" in details["error"] and box.startswith("why")  # the question is given back to edit
    assert len(chat) == 2


def test_rebuild_in_background_keeps_answering(echo_settings: Settings, launch_app: Any,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """While a rebuild runs the old index answers; a failed rebuild leaves it serving."""
    gate = threading.Event()
    entered = threading.Event()
    real_build = library.build

    def slow_build(settings: Settings, **kw: Any) -> Any:
        entered.set()
        assert gate.wait(30)
        return real_build(settings, **kw)

    monkeypatch.setattr(library, "build", slow_build)
    url, engine, demo = launch_app(echo_settings)
    (echo_settings.docs / "zorblax.txt").write_text(ZORBLAX, encoding="utf-8")
    c = client(url)
    job = c.submit(api_name="/rebuild")
    assert entered.wait(30)
    old = engine.index
    _, _, details = ask(client(url), "When is the Zorblax festival of kites held in Quenton?")
    assert all(cit["doc"] != "zorblax.txt" for cit in details["citations"])  # the old index answered
    assert demo.rebuilder.running and not demo.rebuilder.start()  # only one rebuild at a time
    gate.set()
    status, *_ = job.result(timeout=60)
    assert "1 added" in html.unescape(status) and engine.index is not old
    _, _, details = ask(c, "When is the Zorblax festival of kites held in Quenton?")
    assert details["citations"][0]["doc"] == "zorblax.txt"

    def broken_build(settings: Settings, **kw: Any) -> Any:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(library, "build", broken_build)
    current = engine.index
    status, *_ = c.predict(api_name="/rebuild")
    assert "Rebuild failed: RuntimeError: disk on fire" in html.unescape(status)
    assert "previous index is still answering" in html.unescape(status)
    assert engine.index is current
    monkeypatch.setattr(library, "build", real_build)
    shutil.rmtree(echo_settings.docs)  # build() itself refuses: a ChatbotError, shown the same way
    status, *_ = c.predict(api_name="/rebuild")
    assert "does not exist" in html.unescape(status) and engine.index is current
    _, _, details = ask(c, PAKISTAN_Q)
    assert details["citations"]


def test_settings_model_switch(echo_settings: Settings, launch_app: Any) -> None:
    url, engine, _ = launch_app(echo_settings)
    c = client(url)
    status, *_ = c.predict("echo", api_name="/set_model")
    assert "Answers now come from echo" in html.unescape(status)
    assert engine.generator.name == "echo"
    status, *_ = c.predict("/etc/passwd", api_name="/set_model")
    assert "not one of the choices" in html.unescape(status) and engine.generator.name == "echo"
    # a file dropped into models/ while the app runs is offered; a broken one is refused, the old model stays
    echo_settings.models.mkdir(parents=True, exist_ok=True)
    broken = echo_settings.models / "broken.gguf"
    broken.write_bytes(b"GGUF but not really")
    assert str(broken.resolve()) in {v for _, v in settings_tab.model_choices(echo_settings)}
    status, *_ = c.predict(str(broken), api_name="/set_model")
    assert "Could not load the model" in html.unescape(status) and "still come from echo" in html.unescape(status)
    assert engine.generator.name == "echo"
    _, _, details = ask(c, PAKISTAN_Q, k=2)
    assert len(details["passages"]) == 2


def test_launch_warns_without_password_off_loopback(echo_settings: Settings, launch_app: Any,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    launch_app(echo_settings, host="0.0.0.0")
    assert "without a password" in capsys.readouterr().err


def test_busy_port_is_a_user_error(echo_settings: Settings) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        demo = ui.build_app(Engine(echo_settings), echo_settings)
        with pytest.raises(ChatbotError, match="--port"):
            ui.launch(demo, echo_settings, "127.0.0.1", s.getsockname()[1], block=False)
        demo.close()


def test_serve_builds_missing_index(fake_settings: Settings, seeds_dir: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    launched: dict[str, Any] = {}

    def fake_launch(demo: Any, settings: Settings, host: str, port: int, block: bool = True) -> str:
        launched.update(demo=demo, host=host, port=port, block=block)
        return "http://x/"

    monkeypatch.setattr(server, "launch", fake_launch)
    settings = replace(fake_settings, model="echo")
    assert not (settings.index / "manifest.json").exists()
    server.serve(settings, "127.0.0.1", 7999)
    assert (settings.index / "manifest.json").exists()
    assert launched["port"] == 7999 and launched["block"] is True
    with pytest.raises(ChatbotError):
        server.serve(replace(settings, auth="nopassword"), "127.0.0.1", 7999)


# -- slow: the real embedder and the real default model ------------------------------------------------


@pytest.mark.slow
def test_real_model_answers_with_citation(real_index_settings: Settings, real_embedder: Any,
                                          launch_app: Any) -> None:
    engine = Engine(real_index_settings, embedder=real_embedder)
    url, _, _ = launch_app(real_index_settings, engine)
    chat, sources, details = ask(client(url), PAKISTAN_Q)
    assert "225" in details["answer"], details
    cited = [c for c in details["citations"] if "225" in c["quote"]]
    assert cited and cited[0]["doc"] == PAKISTAN_DOC
    assert details["mode"] == "generated"  # the default model answers this one (tests/test_answer_real.py)
    assert "225" in text_of(chat[-1]) and PAKISTAN_DOC in sources
