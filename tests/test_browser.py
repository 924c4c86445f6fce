"""End to end in a real headless chromium: streamed answer, citations, article viewer, no HTML injection.

Runs the real embedder and the real default GGUF over the four seeds plus one article whose text is
full of markup. Screenshots go to tests/artifacts/ (git-ignored); the overview is copied to docs/.
"""

from __future__ import annotations

import re
import shutil
import socket
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from chatbot import ui
from chatbot.answer import Engine
from chatbot.build import build
from chatbot.settings import Settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ANSWER_TIMEOUT_MS = 240_000  # the 135M model on two CPU cores: ~10 s; leave room for a loaded CI box
PAKISTAN_Q = "How many border flag meetings has Pakistan held?"
PAKISTAN_DOC = "001_f832bd7ba533dded.txt"
SCRIPT_TEXT = "<script>window.__pwned=1</script>"
IMG_TEXT = '<img src=x onerror="window.__pwned=2">'
INJECTED = f"""Quillfeather <b>Museum</b> <img src=x onerror="window.__pwned=3"> of Typewriters

The Quillfeather Museum of Antique Typewriters opened in Lisbon in 1987 and owns 312 typewriters.

The museum guestbook password is {SCRIPT_TEXT} according to its curator Ana Ribeiro.

A poster in the Quillfeather museum shop shows the text {IMG_TEXT} in large red letters.
"""


def chromium_path() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


# -- a small conftest_app: the real app over seeds + the injected article, served in a thread -------


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Iterator[str]:
    root = tmp_path_factory.mktemp("browser-app")
    docs = root / "docs"
    docs.mkdir()
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy2(seed, docs / seed.name)
    (docs / "quillfeather.txt").write_text(INJECTED, encoding="utf-8")
    settings = replace(Settings(), docs=docs, index=root / "index", models=root / "models", embedding_backend="torch")
    build(settings, embedder=real_embedder)
    engine = Engine(settings, embedder=real_embedder)
    engine.reload()
    _ = engine.generator  # the default GGUF, loaded before the page asks
    demo = ui.build_app(engine, settings)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ui.launch(demo, settings, "127.0.0.1", port, block=False)
    yield f"http://127.0.0.1:{demo.server_port}/"
    demo.close()
    for thread in threading.enumerate():  # a stopped answer's model run ends at its next token: let it,
        if thread.name == "chatbot-answer":  # so the interpreter never exits with llama.cpp mid-decode
            thread.join(timeout=120)


@pytest.fixture(scope="module")
def page(app_url: str) -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        pytest.skip("no chromium binary found: install it (apt-get install chromium) to run the browser test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1440, "height": 1000})
        pg.set_default_timeout(30_000)
        pg.outside_requests = []  # type: ignore[attr-defined]
        local = {"127.0.0.1", "localhost"}
        pg.on("request", lambda r: pg.outside_requests.append(r.url)  # type: ignore[attr-defined]
              if urlparse(r.url).hostname not in local and not r.url.startswith(("data:", "blob:")) else None)
        pg.goto(app_url)
        pg.wait_for_selector("#cb-question textarea")
        yield pg
        browser.close()


def ask(page: Any, question: str) -> Any:
    """Type a question, send it, wait until its streamed answer is final; the answer's locator."""
    before = page.locator("#cb-chat .cb-answer").count()
    page.fill("#cb-question textarea", question)
    page.press("#cb-question textarea", "Enter")
    page.wait_for_function(
        """n => { const a = document.querySelectorAll('#cb-chat .cb-answer');
                  return a.length > n && !a[a.length - 1].matches('.cb-mode-pending, .cb-mode-generating'); }""",
        arg=before, timeout=ANSWER_TIMEOUT_MS)
    return page.locator("#cb-chat .cb-answer").last


def shot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    return path


def test_answer_citation_and_viewer(page: Any) -> None:
    from playwright.sync_api import expect

    answer = ask(page, PAKISTAN_Q)
    assert "225" in answer.inner_text()
    badge = answer.locator(".cb-badge").inner_text()
    assert badge == "✔ generated and verified"  # the default model answers this one (test_answer_real.py)

    # the marker whose source sentence says 225
    markers = answer.locator(".cb-cite")
    assert markers.count() >= 1
    target = None
    for i in range(markers.count()):
        ref = next(c for c in markers.nth(i).get_attribute("class").split() if c.startswith("cb-ref-"))
        cite = ref.removeprefix("cb-ref-")  # src-<turn>-<n>: the card of that passage lists it in data-cites
        entry = page.locator(f"#cb-sources [data-cites~='{cite}']")
        if "225" in entry.locator(f"mark[data-n='{cite.rsplit('-', 1)[1]}']").inner_text():
            target = (markers.nth(i), entry, cite.rsplit("-", 1)[1])
            break
    assert target is not None, "no citation of the sentence with 225"
    marker, entry, n = target
    assert PAKISTAN_DOC in entry.locator(".cb-file").inner_text()
    page.locator("#cb-sources").evaluate("el => { el.scrollTop = 0; }")
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")  # move away, then come back
    marker.click()
    mark = entry.locator(f"mark[data-n='{n}']")
    expect(mark).to_be_visible()
    expect(mark).to_be_in_viewport()
    assert "225 border flag meetings" in mark.inner_text()
    shot(page, "01-answer-sources.png")

    entry.locator(".cb-open").click()
    hit = page.locator("#cb-viewer mark#cb-hit")
    expect(hit).to_have_text(mark.inner_text())
    expect(hit).to_be_in_viewport()
    full_text = page.locator("#cb-viewer .cb-article-text").inner_text()
    assert len(full_text) > len(entry.locator(".cb-passage").inner_text())  # the whole article
    shot(page, "02-article-viewer.png")  # docs/screenshot.png is copied from here by hand, never by a test
    assert page.outside_requests == []  # offline: nothing fetched from the internet


def test_markup_in_articles_stays_text(page: Any) -> None:
    from playwright.sync_api import expect

    answer = ask(page, "What is the guestbook password of the Quillfeather museum?")
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    sources = page.locator("#cb-sources details[open]")
    expect(sources.get_by_text(SCRIPT_TEXT).first).to_be_visible()
    if "password" in answer.inner_text():  # the answer quotes the sentence: shown as text there too
        assert SCRIPT_TEXT in answer.inner_text()
    for where in ("#cb-chat", "#cb-sources", "#cb-viewer"):
        assert page.locator(f"{where} script, {where} img[src='x'], {where} b").count() == 0, where
    sources.locator(".cb-open").first.click()
    expect(page.locator("#cb-viewer .cb-viewer[data-doc='quillfeather.txt']")).to_be_visible()
    expect(page.locator("#cb-viewer").get_by_text(IMG_TEXT).first).to_be_visible()
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    shot(page, "03-markup-as-text.png")

    page.get_by_role("tab", name="Library").click()
    library = page.locator("#cb-library")
    expect(library.get_by_text("quillfeather.txt").first).to_be_visible()
    expect(library.get_by_text("5 documents indexed", exact=False)).to_be_visible()
    assert library.locator("img, script, b:has-text('Museum')").count() == 0
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    shot(page, "04-library.png")
    page.get_by_role("tab", name="Chat").click()
    assert page.outside_requests == []


def test_what_the_articles_are_about_is_a_cited_list_of_their_openings(page: Any) -> None:
    """Before, "not found" (similarity 0.18); now each document's first sentence, one per line, each cited."""
    answer = ask(page, "What are these articles about?")
    assert answer.locator(".cb-badge").inner_text() == "❝ quoted from the sources"
    text = answer.locator(".cb-text").inner_text()
    assert text.startswith("The 5 indexed documents, each by its opening:")
    lines = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(lines) == 5 and answer.locator(".cb-cite").count() == 5, text  # one line and one marker each
    assert any("Quillfeather <b>Museum</b>" in line for line in lines), "a title with markup stays text"
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    sources = page.locator("#cb-sources")
    assert sources.locator("mark").count() >= 5 and "quillfeather.txt" in sources.inner_text()
    shot(page, "05-overview.png")


def test_stop_then_ask_again(page: Any) -> None:
    from playwright.sync_api import expect

    page.get_by_role("button", name="New conversation").click()
    expect(page.locator("#cb-chat .cb-answer")).to_have_count(0)
    expect(page.locator("#cb-stop")).to_be_disabled()  # nothing to stop
    page.fill("#cb-question textarea", "What did Pakistan present to the Taliban in the dialogue rounds?")
    page.press("#cb-question textarea", "Enter")
    expect(page.locator("#cb-chat .cb-answer")).to_have_count(1)
    # while it answers, the box is locked (a second question cannot be lost) and Stop is offered
    expect(page.locator("#cb-question textarea")).to_be_disabled()
    expect(page.locator("#cb-stop")).to_be_enabled()
    # well before the answer can be ready (retrieval and the model's reading of the passages take over a
    # second here), so the Stop always lands on a running question
    page.wait_for_timeout(300)
    page.locator("#cb-stop").click()
    expect(page.locator("#cb-chat .cb-mode-stopped")).to_have_count(1, timeout=10_000)
    expect(page.locator("#cb-chat .cb-mode-stopped")).to_contain_text("stopped before")
    # at once, without waiting for anything: this question used to be dropped now and then (issue 4)
    answer = ask(page, PAKISTAN_Q)
    assert "225" in answer.inner_text()
    expect(page.locator("#cb-chat .cb-mode-stopped")).to_have_count(1)
    expect(page.locator("#cb-question textarea")).to_be_enabled()
    expect(page.locator("#cb-question textarea")).to_be_focused()  # type the next question right away
    expect(page.locator("#cb-stop")).to_be_disabled()
    shot(page, "05-stopped-then-answered.png")


def test_stop_reaches_a_question_waiting_in_the_queue(page: Any, app_url: str) -> None:
    """Four API callers fill the answer slots; the page's question waits in the queue; Stop ends it there."""
    from gradio_client import Client
    from playwright.sync_api import expect

    page.get_by_role("button", name="New conversation").click()
    expect(page.locator("#cb-chat .cb-answer, #cb-chat .cb-question")).to_have_count(0)
    client = Client(app_url, verbose=False)
    jobs = [client.submit(PAKISTAN_Q, 4, api_name="/ask") for _ in range(ui.ANSWER_SLOTS)]
    page.wait_for_timeout(500)  # the four are running
    page.fill("#cb-question textarea", "What did Pakistan present to the Taliban in the dialogue rounds?")
    page.press("#cb-question textarea", "Enter")
    expect(page.locator("#cb-chat")).to_contain_text("queue", timeout=10_000)
    page.locator("#cb-stop").click()
    stopped = page.locator("#cb-chat .cb-mode-stopped")
    expect(stopped).to_have_count(1, timeout=ANSWER_TIMEOUT_MS)  # when a slot frees, it ends at once
    expect(stopped).to_contain_text("before an answer was ready")
    expect(page.locator("#cb-question textarea")).to_be_enabled()
    for job in jobs:
        assert "225" in str(job.result(timeout=ANSWER_TIMEOUT_MS / 1000)[0])


NEW_ARTICLE = """Kestrel Valley dam opens in northern Tajikistan

DUSHANBE — The Kestrel Valley hydroelectric dam, built over six years on the Vakhsh river, began operating on
Monday. Its four turbines will produce 640 megawatts, enough for about two million homes, according to the
energy ministry. Engineers said the reservoir took eleven months to fill.
"""


def test_upload_rebuild_progress_then_answer(page: Any, tmp_path: Path) -> None:
    """The rest of a new user's first visit: add an article, watch the rebuild, ask about it."""
    from playwright.sync_api import expect

    src = tmp_path / "kestrel dam.txt"
    # with a long appendix, so the rebuild takes a few seconds and its stages are seen on any machine
    gauges = "\n".join(f"Gauge {i % 37} on day {i} of the {1990 + i % 30} season read {i * 7 % 113} centimetres "
                       f"below the spillway, and the downstream orchard number {i * 13 % 251} was irrigated."
                       for i in range(1500))
    src.write_text(f"{NEW_ARTICLE}\nAppendix: river gauge readings.\n\n{gauges}\n", encoding="utf-8")
    page.get_by_role("tab", name="Library").click()
    # record every state of the build status, so the test sees the progress even when the rebuild is quick
    page.evaluate("""() => { window.__statuses = [];
        const el = document.querySelector('#cb-build-status');
        new MutationObserver(() => window.__statuses.push(el.innerText)).observe(
            el, {subtree: true, childList: true, characterData: true}); }""")
    page.locator("#cb-upload input[type=file]").set_input_files(str(src))
    status = page.locator("#cb-build-status")
    expect(status).to_contain_text("Index updated", timeout=ANSWER_TIMEOUT_MS)
    expect(status).to_contain_text("1 added")
    statuses = page.evaluate("() => window.__statuses")
    assert any(re.search(r"Rebuilding — [a-z ]+: \d+/\d+", s) for s in statuses), statuses  # stage: done/total
    library = page.locator("#cb-library")
    expect(library.get_by_text("kestrel dam.txt").first).to_be_visible()
    expect(library.get_by_text("6 documents indexed", exact=False)).to_be_visible()
    shot(page, "06-uploaded-and-rebuilt.png")

    page.get_by_role("tab", name="Chat").click()
    page.get_by_role("button", name="New conversation").click()
    expect(page.locator("#cb-chat .cb-answer")).to_have_count(0)
    answer = ask(page, "How many megawatts will the Kestrel Valley dam produce?")
    assert "640" in answer.inner_text()
    expect(page.locator("#cb-sources .cb-file").first).to_contain_text("kestrel dam.txt")

    # delete it again: the file goes only after a confirmation
    page.get_by_role("tab", name="Library").click()
    pick = page.locator("#cb-doc-pick input")
    pick.fill("kestrel dam.txt")
    pick.press("Enter")
    page.locator("#cb-delete").click()
    expect(page.locator("#cb-lib-status")).to_contain_text("cannot be undone")
    page.locator("#cb-delete-no").click()
    expect(page.locator("#cb-lib-status")).to_contain_text("Nothing deleted")
    page.locator("#cb-delete").click()
    page.locator("#cb-delete-yes").click()
    expect(page.locator("#cb-build-status")).to_contain_text("1 removed", timeout=ANSWER_TIMEOUT_MS)
    expect(library.get_by_text("5 documents indexed", exact=False)).to_be_visible()
    expect(library.get_by_text("kestrel dam.txt")).to_have_count(0)
    page.get_by_role("tab", name="Chat").click()
    assert page.outside_requests == []
