"""Evaluation: question files with history, answers matched as words, the metrics a user feels."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chatbot import naming
from chatbot.answer import Citation, Result
from chatbot.errors import ChatbotError
from chatbot.evaluate import Question, answer_metrics, contains_answer, read_questions
from chatbot.text import numbers

from .conftest import DEV_QUESTIONS, NEWS, NEWS_QUESTIONS, SEED_QUESTIONS, SEEDS


def test_answers_match_as_words_and_whole_numbers():
    assert contains_answer("Pakistan made **two** trips [1].", ["two"])
    assert not contains_answer("a network of trips", ["two"])
    assert not contains_answer("in 2025 alone", ["2"]) and contains_answer("2 trips", ["2"])
    assert contains_answer("It offered to mediate.", ["mediat"])  # a word's beginning is enough


def test_question_files_read_history_kind_and_split(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"id": "a", "question": "And why?", "answers": ["x"], "history": ["Who?"],
                                "kind": "follow-up", "split": "report"}) + "\n")
    [q] = read_questions(path)
    assert q.history == ("Who?",) and q.kind == "follow-up" and q.split == "report"
    path.write_text(json.dumps({"id": "a", "question": "q", "history": "Who?"}) + "\n")
    with pytest.raises(ChatbotError, match="history"):
        read_questions(path)
    # an earlier turn may say what was answered: a follow-up after 'Who …?' leans on the answer's person
    path.write_text(json.dumps({"id": "a", "question": "When did he die?", "answers": ["26 February"], "history": [
        "Who led the Macintosh team?", {"question": "Who founded Information Appliance?",
                                        "answer": "Mr Raskin founded it [1]."}]}) + "\n")
    [q] = read_questions(path)
    assert q.history == ("Who led the Macintosh team?", "Who founded Information Appliance?")
    assert q.turns == [("Who led the Macintosh team?", ""), ("Who founded Information Appliance?",
                                                              "Mr Raskin founded it [1].")]
    for bad in ([{"answer": "no question"}], [{"question": "q", "answer": None}], [{"question": 5}], [[1, 2]]):
        path.write_text(json.dumps({"id": "a", "question": "q", "history": bad}) + "\n")
        with pytest.raises(ChatbotError, match="history"):
            read_questions(path)
    for bad_line in ("[1]", '"x"', json.dumps({"id": "a", "question": 5})):  # found in review: stack traces
        path.write_text(bad_line + "\n")
        with pytest.raises(ChatbotError, match="q.jsonl:1"):
            read_questions(path)


@pytest.mark.parametrize("path, docs", [(SEED_QUESTIONS, SEEDS), (NEWS_QUESTIONS, NEWS)])
def test_our_question_sets_hold_what_the_issue_asks(path, docs):
    """>= 60 questions per corpus, >= 15 near-misses and >= 10 follow-up pairs in all, two splits, and every
    answer really in its hand-picked evidence sentence, which really is in the named document."""
    qs = read_questions(path)
    assert len(qs) >= 60 and {q.split for q in qs} == {"calibration", "report"}
    corpus = " ".join(p.read_text(encoding="utf-8") for p in docs.glob("*.txt")).lower()
    for q in qs:
        if q.kind == "near-miss":  # it names something no document mentions
            named = naming.asked_names(q.question) | numbers(q.question)
            assert any(name not in corpus for name in named), q.id
        if q.answers:
            assert contains_answer(q.evidence, q.answers), q.id
            text = " ".join(" ".join((docs / s).read_text(encoding="utf-8").split()) for s in q.sources)
            assert " ".join(q.evidence.split()) in text, q.id
        for h in q.history:
            earlier = next(e for e in qs if e.question == h)
            assert earlier.split == q.split and earlier.answers
    everything = read_questions(SEED_QUESTIONS) + read_questions(NEWS_QUESTIONS)
    assert sum(q.kind == "near-miss" for q in everything) >= 15
    assert sum(bool(q.history) for q in everything) >= 10
    assert len(read_questions(DEV_QUESTIONS)) == 20


class _Doc:
    def __init__(self, text: str) -> None:
        self.text = text


class _Index:
    docs = {"a.txt": _Doc("Pakistan held 225 border flag meetings and sent five trips in 2025.")}


def _result(answer: str, mode: str) -> Result:
    cites = [Citation(1, "a.txt", "A", "a.txt#0", 0, 10, "Pakistan held")] if mode != "abstained" else []
    return Result("q", answer=answer, mode=mode, citations=cites, done=True, timings={"first_token": 1.0})


def test_metrics_count_what_users_feel():
    qs = [Question("1", "How many meetings?", ["225"], ["a.txt"], evidence="Pakistan held 225 border flag meetings"),
          Question("2", "How many trips?", ["five"], ["a.txt"], evidence="sent five trips"),
          Question("3", "How many camps?", ["three"], ["a.txt"], evidence="three camps"),
          Question("4", "What did Lavrov say?", [], [], kind="near-miss"),
          Question("5", "Capital of France?", [], [], kind="off-topic"),
          # about the article's subject, its answer never given: quoted, then answered
          Question("6", "How many meetings were held in 2024?", [], [], kind="fact"),
          Question("7", "How many trips were cancelled?", [], [], kind="fact")]
    results = [_result("Pakistan held 225 border flag meetings [1].", "generated"),
               _result("It was in 2025 [1]. It sent **five** trips in 2026 with Lavrov [1].", "extractive"),
               _result("I could not find this in the indexed documents.", "abstained"),
               _result("I could not find this in the indexed documents.", "abstained"),
               _result("Paris [1].", "generated"),
               _result("Pakistan held **225** border flag meetings [1].", "extractive"),
               _result("Pakistan held 225 border flag meetings [1].", "generated")]
    m = answer_metrics(qs, results, _Index())
    assert m["correct"] == pytest.approx(2 / 3) and m["false_refusals"] == pytest.approx(1 / 3)
    assert m["generated_share"] == pytest.approx(1 / 3) and m["extractive_share"] == pytest.approx(1 / 3)
    assert m["first_sentence_answers"] == 0.5  # the trips answer comes second
    assert m["near_miss_refused"] == 1.0 and m["off_topic_refused"] == 0.0
    assert m["unsaid"] == 2 and m["unsaid_refused"] == 0.0 and m["unsaid_generated"] == 1
    assert m["unanswerable_refused"] == pytest.approx(1 / 4)
    assert m["median_answer_words"] == 9  # (6 + 12) / 2
    assert m["unsupported_facts"] == 2  # 2026 and Lavrov are in no labelled source document
    assert m["facts_outside_evidence"] == 1  # 2025: in the document, not in the evidence sentence
    assert "uncited_sentences" not in m  # a metric that could not fail (the renderer adds every marker)
    # an acronym is found where the document writes it out (news question n116: 'the IMF loan')
    _Index.docs["b.txt"] = _Doc("The International Monetary Fund lent Turkey $18bn. Gordon Brown spoke.")
    try:
        imf = Result("q", answer="The IMF loan was $18bn [1]. The WTO and the GB agreed [1].", mode="generated",
                     done=True,
                     citations=[Citation(1, "b.txt", "B", "b.txt#0", 0, 10, "Turkey")], timings={"first_token": 1.0})
        m = answer_metrics([Question("6", "How big was the loan?", ["$18bn"], ["b.txt"])], [imf], _Index())
        assert m["unsupported_facts"] == 2  # the WTO, and GB: 'Gordon Brown' is no acronym of three letters
        # a number written as an ordinal in the source is that number (calibration n298)
        _Index.docs["b.txt"] = _Doc("She won the award for the third time, and a second prize.")
        times = Result("q", answer="She has won it three times, or 4, or 2 [1].", mode="generated", done=True,
                       citations=[Citation(1, "b.txt", "B", "b.txt#0", 0, 10, "She")], timings={"first_token": 1.0})
        m = answer_metrics([Question("7", "How many times has she won?", ["three"], ["b.txt"])], [times], _Index())
        assert m["unsupported_facts"] == 2  # 4, and 2: 'a second prize' is no count
    finally:
        del _Index.docs["b.txt"]


def test_eval_reads_follow_ups_from_the_file(fake_settings, seeds_dir, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from chatbot import gate
    from chatbot.build import build
    from chatbot.cli import app

    monkeypatch.setattr(gate, "thresholds", lambda sha: gate.Thresholds(min_similarity=0.0, min_coverage=0.0))
    monkeypatch.setenv("CHATBOT_EMBEDDING_MODEL", "fake")
    monkeypatch.setenv("CHATBOT_MODEL", "echo")
    build(fake_settings)
    path = tmp_path / "q.jsonl"
    rows = [{"id": "1", "question": "How many border flag meetings has Pakistan held?", "answers": ["225"],
             "sources": ["001_f832bd7ba533dded.txt"], "split": "report"},
            {"id": "2", "question": "And how many protest notes?", "answers": ["836"], "split": "report",
             "history": ["How many border flag meetings has Pakistan held?"], "kind": "follow-up"},
            {"id": "3", "question": "Unused?", "answers": [], "split": "calibration"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out.jsonl"
    run = CliRunner().invoke(app, ["eval", str(path), "--split", "report", "--out", str(out), "--json"])
    assert run.exit_code == 0, run.output
    report = json.loads(run.stdout)
    assert report["answers"]["answerable"] == 2
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == ["1", "2"]
    assert records[1]["result"]["standalone"] == "How many protest notes has Pakistan held?"
    assert records[1]["history"] == ["How many border flag meetings has Pakistan held?"]
    assert Path(str(out)).exists()


def test_retrieval_is_measured_on_the_question_as_the_engine_searches_it(monkeypatch):
    from chatbot import evaluate

    seen: list[str] = []
    monkeypatch.setattr(evaluate, "search", lambda index, embedder, text, k, mode: seen.append(text) or [])
    qs = [evaluate.Question("1", "And how many protest notes?", ["836"], [],
                            history=("How many border flag meetings has Pakistan held?",))]
    evaluate.retrieval_metrics(None, None, qs, 4, standalone=lambda q: "as the engine made it")
    assert set(seen) == {"as the engine made it"}
    seen.clear()
    evaluate.retrieval_metrics(None, None, qs, 4)  # without an engine: the rule
    assert set(seen) == {"How many protest notes has Pakistan held?"}


def test_a_name_the_question_gives_is_no_fact_the_answer_adds():
    """'… came into Britain …' restates the question's name, where the article says 'the UK' (report n480): as a
    number the question gives, it is not counted as unsupported; a name neither gives still is."""
    _Index.docs["visa.txt"] = _Doc("Investigations found more than 7,000 people had entered the UK under the scheme.")
    try:
        q = Question("v", "How many people came into Britain on the scheme?", ["7,000"], ["visa.txt"])
        shown = _result("More than 7,000 people came into Britain on the scheme [1].", "generated")
        assert answer_metrics([q], [shown], _Index())["unsupported_facts"] == 0
        shown = _result("More than 7,000 people came into France on the scheme [1].", "generated")
        assert answer_metrics([q], [shown], _Index())["unsupported_facts"] == 1
        # a word the question typed small is the question's as well ('apple ceo?' for 'Apple CEO …': calibration n555)
        q = Question("v", "how many people came into britain on the scheme", ["7,000"], ["visa.txt"])
        shown = _result("More than 7,000 people came into Britain on the scheme [1].", "generated")
        assert answer_metrics([q], [shown], _Index())["unsupported_facts"] == 0
    finally:
        del _Index.docs["visa.txt"]
