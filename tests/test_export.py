"""Answers taken away as Markdown: [n] markers become footnotes naming the document and quoting the sentence."""

from __future__ import annotations

from chatbot.ui.export import answer_markdown, conversation_markdown

PAKISTAN = {
    "question": "How many border flag meetings has Pakistan held?", "mode": "generated", "done": True,
    "answer": "Pakistan has held **225** border flag meetings [1], and issued 836 protest notes [2].",
    "citations": [
        {"n": 1, "doc": "001.txt", "title": "Russia and the Taliban", "chunk_id": "a", "start": 0, "end": 10,
         "quote": "In the meantime, 225 border flag meetings,\n836 protest notes."},
        {"n": 2, "doc": "001.txt", "title": "Russia and the Taliban", "chunk_id": "a", "start": 0, "end": 10,
         "quote": "836 protest notes [were] issued <b>officially</b>."},
    ],
}
NOT_FOUND = {"question": "Who won the 2022 World Cup?", "mode": "abstained", "done": True,
             "answer": "I could not find this in the indexed documents.", "citations": []}


def test_an_answer_keeps_its_sources_as_footnotes():
    md = answer_markdown(PAKISTAN)
    first, *rest = md.splitlines()
    assert first == "Pakistan has held **225** border flag meetings [^1], and issued 836 protest notes [^2]."
    assert "*Answer written by the model, each sentence checked against its source.*" in rest
    source = "Russia and the Taliban (001.txt)"
    assert f"[^1]: {source}: “In the meantime, 225 border flag meetings, 836 protest notes.”" in rest
    # markup in a quote cannot break the Markdown or become HTML where it is pasted
    assert f"[^2]: {source}: “836 protest notes \\[were\\] issued \\<b\\>officially\\</b\\>.”" in rest


def test_a_marker_without_a_citation_stays_text_and_a_refusal_says_so():
    turn = {**PAKISTAN, "answer": "225 meetings [3].", "citations": PAKISTAN["citations"][:1]}
    assert answer_markdown(turn).splitlines()[0] == "225 meetings [3]."
    assert "[^1]:" not in answer_markdown(turn)  # only footnotes the text refers to
    assert answer_markdown(NOT_FOUND).splitlines()[:3] == [
        "I could not find this in the indexed documents.", "", "*Answer not found in the documents.*"]


def test_a_conversation_numbers_its_footnotes_per_turn():
    md = conversation_markdown([PAKISTAN, NOT_FOUND, PAKISTAN])
    assert md.startswith("# Conversation\n\n## How many border flag meetings has Pakistan held?\n")
    assert md.count("## ") == 3
    for label in ("1.1", "1.2", "3.1", "3.2"):
        assert f"[^{label}]" in md and f"[^{label}]: Russia and the Taliban" in md
    assert "[^1]" not in md and "[^2.1]" not in md
