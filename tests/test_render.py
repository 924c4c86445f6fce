"""Every render function escapes every piece of text it inserts: markup in any field stays inert."""

from __future__ import annotations

import html
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from chatbot.build import Report
from chatbot.store import DocRecord
from chatbot.ui import render

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
EVIL = f"{SCRIPT} {IMG}"
RAW = re.compile(r"<\s*(script|img)", re.IGNORECASE)


def assert_inert(out: Any) -> None:
    text = out if isinstance(out, str) else repr(out)
    assert not RAW.search(text), text
    assert "&lt;script&gt;" in text or "&lt;img" in text, text  # the evil text is shown, escaped


def evil_turn(mode: str, matching_quote: bool = True) -> dict[str, Any]:
    passage = f"Before. {EVIL} after."
    start = passage.index("<script>")
    end = start + len(EVIL)
    return {
        "question": EVIL, "answer": f"{EVIL} [1] **{EVIL}** [2]", "mode": mode, "done": True,
        "standalone": EVIL, "model": EVIL, "timings": {"total": 1.25},
        "removed": [{"sentence": EVIL, "reason": EVIL}, {"sentence": EVIL, "reason": EVIL}],
        "citations": [{"n": 1, "doc": EVIL, "title": EVIL, "chunk_id": EVIL, "start": 10 + start, "end": 10 + end,
                       "quote": EVIL if matching_quote else EVIL + " (not in the passage)"}],
        "passages": [{"n": 1, "doc": EVIL, "title": EVIL, "chunk_id": EVIL, "start": 10, "end": 10 + len(passage),
                      "text": passage}],
        "closest": [{"n": EVIL, "doc": EVIL, "title": EVIL, "chunk_id": EVIL, "start": 0, "end": 5, "text": EVIL}],
    }


MODES = ["generated", "extractive", "abstained", "pending", "generating", "stopped", EVIL]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("current", [False, True])
def test_answer_and_chat_escape_every_field(mode: str, current: bool) -> None:
    turn = evil_turn(mode)
    assert_inert(render.render_answer(turn, 1, current=current))
    unfinished = {**turn, "done": False}
    assert_inert(render.render_answer(unfinished, 1, current=current))
    for message in render.render_chat([turn, unfinished], live=current):
        assert_inert(message["content"])


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("matching", [True, False])
def test_sources_escape_every_field(mode: str, matching: bool) -> None:
    out = render.render_sources([evil_turn(mode, matching), {**evil_turn(mode, matching), "citations": []}])
    assert_inert(out)


def evil_record() -> DocRecord:
    return DocRecord(id=EVIL, title=EVIL, sha256="0" * 64, size=1234, text=f"Intro. {EVIL} outro.",
                     removed=[{"text": EVIL}], duplicate_of=EVIL, indexed_at=1.7e9, chunks=3)


def evil_index() -> Any:
    return SimpleNamespace(
        docs={EVIL: evil_record()}, chunks=[], folder=Path(EVIL),
        manifest={"embedding": {"model": EVIL, "dim": EVIL}, "created_at": None,
                  "skipped": [{"path": EVIL, "reason": EVIL}]})


def test_article_escapes_title_text_name_and_warnings() -> None:
    index = evil_index()
    assert_inert(render.render_article(index, EVIL, 7, 7 + len(EVIL)))
    assert_inert(render.render_article(index, EVIL, -1, 10**6))  # offsets out of range: no mark, still escaped
    assert_inert(render.render_article(index, EVIL + "missing", 0, 1))


def test_library_escapes_file_names_titles_reasons_and_problems(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "<script>alert(1).txt").write_text("x")
    (docs / f"{IMG}.txt").write_text("y")
    out = render.render_library(evil_index(), docs, problem=EVIL)
    assert_inert(out)
    assert "&lt;script&gt;alert(1).txt" in out and "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.txt" in out
    assert_inert(render.render_library(None, docs, problem=EVIL))


def test_stats_escape_every_value() -> None:
    assert_inert(render.render_stats(evil_index(), EVIL, EVIL))
    assert_inert(render.render_stats(None, EVIL, EVIL))


def test_report_and_messages_escape_every_name() -> None:
    report = Report(added=[EVIL], changed=[EVIL], removed=[EVIL], unchanged=[EVIL],
                    skipped=[{"path": EVIL, "reason": EVIL}], duplicates=[{"path": EVIL, "duplicate_of": EVIL}],
                    chunks=4, seconds=1.5)
    assert_inert(render.render_report(report))
    for ok in (True, False):
        for busy in (True, False):
            assert_inert(render._message(EVIL, ok=ok, busy=busy))
    assert render.esc(EVIL) == ("&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x "
                                "onerror=alert(1)&gt;")


def test_the_viewer_says_when_the_cited_article_has_changed() -> None:
    index = evil_index()
    now = index.docs[EVIL].sha256
    assert render.CHANGED in html.unescape(render.render_article(index, EVIL, 0, 5, sha256="1" * 64))
    assert render.CHANGED not in html.unescape(render.render_article(index, EVIL, 0, 5, sha256=now))
    assert render.CHANGED not in html.unescape(render.render_article(index, EVIL, 0, 5))  # no hash: nothing to say
    turn = {"question": "q", "answer": "a [1].", "mode": "generated", "done": True, "passages": [],
            "citations": [{"n": 1, "doc": EVIL, "title": "t", "chunk_id": "c", "start": 0, "end": 5, "quote": "x",
                           "sha256": now}]}
    assert f'data-sha="{now}"' in render.render_sources([turn])


def test_citations_of_one_passage_share_its_card_and_passages_not_cited_are_folded():
    text = "Pakistan held 225 border flag meetings. It sent 836 protest notes. It issued 13 demarches."
    passage = {"n": 1, "doc": "a.txt", "title": "Talks", "chunk_id": "c1", "start": 100, "end": 100 + len(text),
               "text": text}
    other = {"n": 2, "doc": "b.txt", "title": "Other", "chunk_id": "c2", "start": 0, "end": 12, "text": "Not cited."}

    def cite(n: int, sentence: str, chunk: str = "c1") -> dict[str, Any]:
        start = 100 + text.index(sentence)
        return {"n": n, "doc": "a.txt", "title": "Talks", "chunk_id": chunk, "start": start,
                "end": start + len(sentence), "quote": sentence}

    turn = {"question": "How many meetings and notes?", "answer": "225 meetings [1] and 836 notes [2].",
            "mode": "generated", "done": True, "passages": [passage, other],
            "citations": [cite(1, "Pakistan held 225 border flag meetings."), cite(2, "It sent 836 protest notes.")]}
    out = render.render_sources([turn])
    assert out.count('class="cb-src"') == 2  # one card for both citations, one folded uncited passage
    card = out.split('<div class="cb-src" id="src-1-1" data-cites="src-1-1 src-1-2">')[1].split("</div></div>")[0]
    assert '<mark data-n="1">Pakistan held 225 border flag meetings.</mark>' in card
    assert '<mark data-n="2">It sent 836 protest notes.</mark>' in card and "13 demarches." in card
    assert 'cb-ref-src-1-1">[1]</span> <span class="cb-num cb-ref-src-1-2">[2]' in card
    assert '<details class="cb-more"><summary>More passages (1): retrieved, not cited</summary>' in out
    assert 'id="more-1-2"' in out and "Not cited." in out.split("cb-more")[1]
    turn["citations"][1] = cite(2, "It issued 13 demarches.", chunk="c9")  # a passage not in the list: quoted
    out = render.render_sources([turn])
    assert '<div class="cb-src" id="src-1-2" data-cites="src-1-2">' in out
    assert '<mark data-n="2">It issued 13 demarches.</mark>' in out


def test_a_follow_up_read_beside_the_earlier_question_says_so_in_words() -> None:
    turn = {"question": "Why?", "answer": "Because [1].", "mode": "extractive", "done": True, "citations": [],
            "standalone": "Why? (after: Why did Russia remove the Taliban from its list?)"}
    out = render.render_answer(turn, 1)
    assert "read as a follow-up to: Why did Russia remove the Taliban from its list?" in out
    assert "(after:" not in out
    rewritten = {**turn, "standalone": "How many protest notes has Pakistan held?"}
    assert "understood as: How many protest notes has Pakistan held?" in render.render_answer(rewritten, 1)
    # … escaped like every other field
    assert_inert(render.render_answer({**turn, "standalone": f"Why? (after: {EVIL})"}, 1))
