"""Conversations kept in the browser: what is stored, archived, reopened, and flagged when documents change."""

from __future__ import annotations

from chatbot.ui import history, render


def turn(question: str, doc: str = "a.txt", sha: str = "s1", done: bool = True) -> dict:
    return {"question": question, "answer": "225 meetings [1].", "mode": "generated", "done": done,
            "evidence": {"similarity": 0.7}, "raw": "model output", "timings": {"total": 1.5, "first_token": 1.0},
            "citations": [{"n": 1, "doc": doc, "title": "A", "chunk_id": "c", "start": 0, "end": 5,
                           "quote": "225 meetings.", "sha256": sha}],
            "passages": [{"n": 1, "doc": doc, "title": "A", "chunk_id": "c", "start": 0, "end": 5,
                          "text": "225 meetings."}]}


def test_only_finished_turns_are_kept_and_only_what_showing_them_needs():
    stored = history.remember(None, [turn("one"), turn("still answering", done=False)])
    assert [t["question"] for t in stored["current"]] == ["one"]
    kept = stored["current"][0]
    assert "evidence" not in kept and "raw" not in kept and kept["timings"] == {"total": 1.5}
    assert kept["citations"][0]["sha256"] == "s1" and stored["earlier"] == []


def test_a_new_conversation_archives_the_current_one_and_an_earlier_one_reopens():
    stored = history.archive(history.remember(None, [turn("first question")]), [turn("first question")])
    assert stored["current"] == [] and [c["title"] for c in stored["earlier"]] == ["first question"]
    stored = history.archive(stored, [turn("second question"), turn("and a follow-up")])
    labels = [label for label, _ in history.choices(stored)]
    assert "second question (2 questions)" in labels[0] and "first question (1 question)" in labels[1]
    # reopening the older one while a third conversation is on screen: the third is archived, not lost
    stored, shown = history.reopen(stored, [turn("third question")], 1)
    assert [t["question"] for t in shown] == ["first question"]
    assert [c["title"] for c in stored["earlier"]] == ["third question", "second question"]
    assert stored["current"] == shown
    assert history.archive(stored, [])["earlier"] == stored["earlier"]  # nothing asked: nothing archived
    many = history.empty()
    for n in range(history.EARLIER_MAX + 3):
        many = history.archive(many, [turn(f"q{n}")])
    assert len(many["earlier"]) == history.EARLIER_MAX and many["earlier"][0]["title"] == f"q{history.EARLIER_MAX + 2}"


def test_a_restored_answer_says_which_sources_changed_or_were_removed():
    turns = [turn("one", "a.txt", "s1"), turn("two", "b.txt", "s2"), turn("three", "c.txt", "s3")]
    marked = history.mark_stale(turns, {"a.txt": "s1", "b.txt": "s2-edited"})
    assert [c.get("stale") for t in marked for c in t["citations"]] == [None, "changed", "removed"]
    assert render.stale_note(marked[0]) == ""
    assert render.stale_note(marked[1]) == "Since this answer was given, the document of source 1 has changed."
    assert "has been removed" in render.stale_note(marked[2])
    both = {"citations": [{"n": 1, "stale": "changed"}, {"n": 2, "stale": "changed"}, {"n": 3, "stale": "removed"}]}
    assert render.stale_note(both) == ("Since this answer was given, the documents of sources 1 and 2 have changed; "
                                       "the document of source 3 has been removed.")
    html = render.render_answer(marked[1], 1) + render.render_sources(marked)
    assert "cb-warn" in html and "This document has changed since the answer was given." in html
    assert "This document has been removed from the library." in html
    assert history.mark_stale(marked, {"a.txt": "s1", "b.txt": "s2", "c.txt": "s3"})[1]["citations"][0].get(
        "stale") is None  # checked afresh each time


def test_the_page_restores_the_browsers_conversation_checked_against_the_index_now():
    from types import SimpleNamespace

    from chatbot.ui.chat import ChatTab

    tab = ChatTab(SimpleNamespace(documents=lambda: {"a.txt": "s1-edited"}))  # type: ignore[arg-type]
    stored = history.archive(history.remember(None, [turn("older")]), [turn("older")])
    stored = history.remember(stored, [turn("current one")])
    chat, turns, sources, earlier = tab.restore(stored)
    assert [t["question"] for t in turns] == ["current one"] and turns[0]["citations"][0]["stale"] == "changed"
    assert "has changed" in chat[1]["content"] and "has changed since the answer" in sources
    assert [label.split(" · ")[1] for label, _ in earlier.choices] == ["older (1 question)"]
    chat, turns, sources, _ = tab.restore(None)  # a first visit
    assert chat == [] and turns == [] and sources == render.EMPTY_SOURCES
