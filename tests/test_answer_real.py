"""The answering engine with the real MiniLM and the real default GGUF (Qwen2.5-Coder-1.5B-Instruct)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from chatbot.answer import NOT_FOUND, Engine
from chatbot.evaluate import answer_metrics, contains_answer, read_questions
from chatbot.generate import LlamaGenerator, ScriptedGenerator
from chatbot.models import PACKAGED, path_of, resolve_model
from chatbot.prompt import build_messages

from .conftest import DEV_QUESTIONS, SEED_FILES

pytestmark = pytest.mark.slow
QUESTION = "How many border flag meetings has Pakistan held?"


@pytest.fixture(scope="module")
def default_gguf() -> Path:
    path = resolve_model("", Path("/nonexistent-models-folder"))
    assert path.name == PACKAGED["qwen2.5-coder-1.5b"].file
    return path


@pytest.fixture(scope="module")
def llama(default_gguf) -> LlamaGenerator:
    return LlamaGenerator(default_gguf, n_ctx=1536)


@pytest.fixture(scope="module")
def engine(real_index_settings, real_embedder, llama) -> Engine:
    return Engine(real_index_settings, embedder=real_embedder, generator=llama)


class CountingGenerator(ScriptedGenerator):
    pass


def test_seed_question_is_answered_in_the_models_words(engine):
    result = engine.ask(QUESTION)
    assert result.mode == "generated", result.removed
    assert "225" in result.answer.split("[")[0]  # the first sentence gives the number
    assert result.citations and result.citations[0].doc == "001_f832bd7ba533dded.txt"
    text = engine.index.docs["001_f832bd7ba533dded.txt"].text
    for c in result.citations:
        assert text[c.start:c.end] == c.quote and f"[{c.n}]" in result.answer
    assert any("225" in c.quote for c in result.citations)
    assert result.timings["total"] > 0 and "retrieval" in result.timings


def test_the_same_question_gets_the_same_answer_whatever_was_asked_before(engine, llama):
    """llama.cpp's arithmetic depends on how much of the prompt it reuses from its cache; only the fixed
    system prompt is reused, so a cold start, a repeat and a question after another all read alike (the
    1.5B model answered this one '836 border flag meetings' cold and '225 …' warm before)."""
    llama.llm.reset()  # a cold cache, as after start-up
    cold = engine.ask(QUESTION)
    engine.ask("How many Tashkeel infiltrated Balochistan?")
    again = engine.ask(QUESTION)
    repeat = engine.ask(QUESTION)  # the whole prompt is cached now
    assert cold.raw == again.raw == repeat.raw and "225" in cold.raw, (cold.raw, again.raw, repeat.raw)


# Shared dev questions the default model answered in its own words when measured (greedy decoding, so the
# same build gives the same answers); the dev set is not used for tuning. With the 1.5B default the
# "tariff" question (d10) is quoted instead (its reply added words no source has), so d06 took its place.
GENERATED = {
    "How many formal demarches has Pakistan issued?": "13",
    "How many Tashkeel infiltrated Balochistan?": "83",
    "How many new camps have solidified Al-Qaeda and TTP operational integration?": "three",
    "What does Moscow provide to the Taliban in their operational division of labor?": "political cover",
    "What does the Taliban require from its relationship with Russia?": "legitimacy",
    "Which northern Afghan city would the proposed railway from Uzbekistan pass through?": "Mazar-i-Sharif",
    "Which country bears the brunt of terrorism emanating from Taliban-controlled Afghanistan?": "Pakistan",
    "What should counterterrorism collaboration be based on, according to Pakistan?": "transparency",
    "What did Pakistan's intelligence dossiers on militant sanctuaries contain?": "training camps",
    "What have international monitoring bodies highlighted about militants in Afghanistan?": "mobility",
}
GENERATED_MIN = 8  # of 10: a little room for another llama.cpp build's arithmetic


def test_the_default_model_writes_the_answers(engine):
    """Fails if answers stop being generated: at least GENERATED_MIN of these come back in the model's own
    words, verified, and correct."""
    results = {q: engine.ask(q) for q in GENERATED}
    good = [q for q, r in results.items() if r.mode == "generated" and contains_answer(r.answer, [GENERATED[q]])]
    assert len(good) >= GENERATED_MIN, {q: (r.mode, r.answer) for q, r in results.items()}
    for r in results.values():
        assert len(r.answer.split()) <= 60  # short answers, not passages


@pytest.mark.parametrize("question", ["What is the capital of Australia?",
                                      "How many goals did Lionel Messi score in 2023?",
                                      "What is the boiling point of mercury?",
                                      "What did Sergey Lavrov say about the border flag meetings?"])
def test_off_topic_and_near_miss_questions_are_refused_without_the_llm(real_index_settings, real_embedder,
                                                                     question):
    generator = CountingGenerator("The answer is 42 [1].")
    result = Engine(real_index_settings, embedder=real_embedder, generator=generator).ask(question)
    assert result.mode == "abstained" and result.answer == NOT_FOUND
    assert not generator.calls and result.closest


def test_a_prompt_the_context_cannot_hold_gets_a_quote_not_an_error(default_gguf, real_index_settings,
                                                                    real_embedder):
    # llama.cpp raises on a prompt longer than its context (a 2,000-character question of digits is ~1,700
    # tokens): the model is not asked, and the best source line is quoted
    small = LlamaGenerator(default_gguf, n_ctx=80)  # (not even the prompt of the quoted line alone fits)
    messages = build_messages(QUESTION, ["In the meantime, 225 border flag meetings were held. " * 12])
    assert len(small.prompt_tokens(messages)) > 80
    assert list(small.stream(messages)) == []
    result = Engine(real_index_settings, embedder=real_embedder, generator=small).ask(QUESTION)
    assert result.mode == "extractive" and "225" in result.answer and not result.raw.strip()
    # with room for the quoted line alone, the model is asked again with it, and answers
    result = Engine(real_index_settings, embedder=real_embedder,
                    generator=LlamaGenerator(default_gguf, n_ctx=160)).ask(QUESTION)
    first, again = result.raw.split("\n")
    assert not first and result.mode == "generated" and result.answer.startswith("225") and again


def test_wrong_number_from_the_model_is_removed_with_the_real_embedder(real_index_settings, real_embedder):
    fake = ScriptedGenerator("Pakistan has held 225 border flag meetings. "
                             "Pakistan has also held 97 border flag meetings with Iran.")
    result = Engine(real_index_settings, embedder=real_embedder, generator=fake).ask(QUESTION)
    assert result.mode == "generated"
    assert "97" not in result.answer and "Iran" not in result.answer and "225" in result.answer
    assert any("97" in r["sentence"] for r in result.removed)


@pytest.mark.parametrize("reply, ok", [("Nine months.", True), ("Ten months.", False),
                                       ("By 1.3% to $33.6 billion.", True), ("By 3% to $33.6 billion.", False)])
def test_a_bare_answer_is_checked_together_with_its_question(real_embedder, reply, ok):
    """Replies of a few words ('Nine months.') mean little alone: their meaning is compared with the question
    in front (news calibration questions n028 and n220, both refused before although right)."""
    from chatbot.verify import Source, attribute

    question, source = {
        "months": ("How long was Robert Kilroy-Silk a UKIP member before he quit?",
                   "It marks the end of his membership of UKIP after just nine months."),
        "$": ("By how much did global music sales fall in 2004?",
              "However, world music sales declined by 1.3% to $33.6 billion (£17.7 billion)."),
    }["$" if "$" in reply else "months"]
    verdict = attribute(reply, question, [Source(0, 0, len(source), source)], [source], real_embedder)
    assert verdict.ok == ok, verdict.reason


def test_a_name_from_a_neighbour_that_says_nothing_else_of_it_is_no_support(real_embedder):
    """News calibration question n045: the two sentences read together were close in meaning to the reply, but
    the predecessor's name came from a sentence that says nothing of taking over."""
    from chatbot.verify import Source, attribute

    first = ("It was a commitment to public service that brought Jim Callaghan into Parliament in 1945, and while "
             "Jim rose to the top he never forgot his roots.")
    passage = f"{first} Former cabinet colleague Lord Hattersley said his first reaction was immense sadness."
    second = passage[len(first) + 1:]
    sources = [Source(0, 0, len(first), first), Source(0, len(first) + 1, len(passage), second)]
    question = "Who did Jim Callaghan take over from?"
    verdict = attribute("Jim Callaghan took over from Lord Hattersley.", question, sources, [passage], real_embedder)
    assert not verdict.ok, verdict


def test_a_wrong_list_item_from_the_model_is_removed_and_the_right_one_quoted(real_index_settings, real_embedder):
    fake = ScriptedGenerator("Islamabad has lodged 13 protest notes.")
    result = Engine(real_index_settings, embedder=real_embedder, generator=fake).ask(
        "How many protest notes has Islamabad lodged?")
    assert result.mode == "extractive" and "**836 protest notes**" in result.answer
    assert any("13 counts 'formal demarches'" in r["reason"] for r in result.removed)


def test_a_list_item_with_the_right_noun_but_another_items_number_is_quoted_instead(real_index_settings,
                                                                                   real_embedder):
    """The 1.5B model answered "4 secretary trips" in the browser; four counts the foreign minister trips."""
    fake = ScriptedGenerator("4 secretary trips [1].")
    result = Engine(real_index_settings, embedder=real_embedder, generator=fake).ask(
        "How many secretary trips has Islamabad sent to Kabul?")
    assert result.mode == "extractive" and "**five secretary trips**" in result.answer
    assert any("are counted by 5, not 4" in r["reason"] for r in result.removed)


def test_the_joint_coordination_committee_question_is_answered(engine, real_index_settings, real_embedder):
    """Issue 10: refused by the gate (MiniLM similarity 0.37 < 0.40) though one sentence names all it asks;
    then the model's right '8 … meetings took place' was refused over 'took place', and the quote put
    **225 border flag meetings** in bold."""
    question = "How many Joint Coordination Committee meetings took place?"
    result = engine.ask(question)
    assert result.mode == "generated" and "8 Joint Coordination Committee meetings" in result.answer.split("[")[0]
    wrong = Engine(real_index_settings, embedder=real_embedder,
                   generator=ScriptedGenerator("12 Joint Coordination Committee meetings took place.")).ask(question)
    assert wrong.mode == "extractive" and "**8 Joint Coordination Committee meetings**" in wrong.answer


def test_a_yes_no_question_gets_the_line_that_answers_it_never_the_models_yes(engine, real_index_settings,
                                                                            real_embedder):
    """The model says 'Yes' to nearly anything ('Yes, Pakistan has not changed its stance', 'Yes, the Taliban
    attended the Valdai meeting'); its restatement of the question is no answer (word checks see no roles), so
    the line that answers is quoted."""
    result = engine.ask("Has Pakistan changed its stance?")
    assert result.mode == "extractive", result.removed
    assert "Pakistan has not changed its stance" in result.answer and not result.answer.startswith("Yes")
    for question, reply in (("Did the Taliban attend the Valdai meeting?",
                             "Yes, the Taliban attended the Valdai meeting."),
                            ("Did Islamabad use ultimatums?", "Yes, Islamabad used ultimatums.")):
        said = Engine(real_index_settings, embedder=real_embedder, generator=ScriptedGenerator(reply)).ask(question)
        assert said.mode != "generated" and "Yes" not in said.answer, said.answer
    assert "has not used ultimatums" in said.answer  # the line that says no is quoted


@pytest.mark.parametrize("question, reply, kept", [
    # issue 10's example: the reason rests on a line worded unlike the question (0.60 of the best with the
    # int8 embedder, which refused it at the old 0.6; more with torch, which these tests use)
    ("Why did Russia remove the Taliban from its terrorist list?",
     "Russia removed the Taliban from its terrorist list to address mounting security threats within the region.",
     True),
    # a true sentence with the question's name pinned on it rests on a line far from the best one (0.34)
    ("What did Russia say at the Valdai club?", "Russia's decision at the Valdai club highlights the fractured "
     "nature of the regional order and the growing complexity of international alliances.", False)])
def test_a_reply_must_rest_on_a_line_near_the_best(real_index_settings, real_embedder, question, reply, kept):
    result = Engine(real_index_settings, embedder=real_embedder, generator=ScriptedGenerator(reply)).ask(question)
    assert (result.mode == "generated") == kept, (result.answer, result.removed)
    if not kept:
        assert any("much less well than the best one" in r["reason"] for r in result.removed)


def test_follow_ups_through_the_real_follow_up_path(engine):
    first = engine.ask(QUESTION)
    follow = engine.ask("And how many protest notes?", history=[(QUESTION, first.answer)])
    assert follow.standalone == "How many protest notes has Pakistan held?"
    assert follow.mode != "abstained" and "836" in follow.answer
    again = engine.ask("What about demarches?", history=[(QUESTION, first.answer)])
    assert again.standalone == "How many demarches has Pakistan held?" and "13" in again.answer


def test_a_follow_up_answered_as_the_earlier_question_is_quoted_instead(real_index_settings, real_embedder):
    """The 1.5B model's reply to 'What about the other faction …?' after 'Which Taliban faction is based in
    Kabul?' answered the earlier question again; the line that answers both is quoted instead."""
    earlier = "Which Taliban faction is based in Kabul?"
    fake = ScriptedGenerator("The Taliban faction based in Kabul is the Haqqani network.")
    result = Engine(real_index_settings, embedder=real_embedder, generator=fake).ask(
        "What about the other faction, what is it centered on?", history=[(earlier, "The Haqqani network [1].")])
    assert result.mode == "extractive" and "ideological purity" in result.answer, result.answer
    assert any(r["reason"] == "it seems to answer the earlier question, not the follow-up" for r in result.removed)


def test_off_topic_question_after_an_answer_is_not_found(engine):
    """The previous question must not lend its passages to an unrelated one (found in review: 'capital'
    matched 'capitalize' in a Pakistan passage once the two questions were searched together)."""
    first = engine.ask(QUESTION)
    for question in ("What is the capital of France?", "Who won the 2018 World Cup?"):
        result = engine.ask(question, history=[(QUESTION, first.answer)])
        assert result.mode == "abstained", (question, result.answer)


@pytest.mark.parametrize("question, docs", [
    ("What are these articles about?", SEED_FILES),
    ("What is the main argument of the op-ed about Russia's military ties with the Taliban?",
     ["002_1e5b2a263020c2f4.txt"]),
])
def test_questions_about_the_articles_themselves_get_their_openings(real_index_settings, real_embedder, question,
                                                                     docs):
    """Before, "not found" (similarity 0.18) or a garbled generated line; now the openings, without the model."""
    generator = CountingGenerator("NOT FOUND")
    result = Engine(real_index_settings, embedder=real_embedder, generator=generator).ask(question)
    assert result.mode == "extractive" and not generator.calls
    assert list(dict.fromkeys(c.doc for c in result.citations)) == docs
    firsts = {c.doc: c for c in reversed(result.citations)}
    assert all(c.start < 200 for c in firsts.values()), "each document is quoted from its opening"


def test_an_articles_summary_says_what_it_says_about_the_subject(real_index_settings, real_embedder):
    """Found in the browser: the railway article opens with Moscow's policy and its summary never said 'railway'."""
    result = Engine(real_index_settings, embedder=real_embedder, generator=CountingGenerator("")).ask(
        "Summarize the article about the Trans-Afghan railway")
    assert result.mode == "extractive" and {c.doc for c in result.citations} == {"003_7bec4d67e398b8fb.txt"}
    assert "railway" in result.citations[-1].quote and "… " in result.answer


def test_an_article_about_what_the_documents_do_not_cover_is_not_found(real_index_settings, real_embedder):
    result = Engine(real_index_settings, embedder=real_embedder, generator=CountingGenerator("")).ask(
        "Summarize the article about the Ukraine war")
    assert result.mode == "abstained" and result.answer == NOT_FOUND


def test_dev_questions_meet_the_bar(engine):
    """The shared dev questions (not used for tuning) with the default model."""
    questions = read_questions(DEV_QUESTIONS)
    results = [engine.ask(q.question) for q in questions]
    m = answer_metrics(questions, results, engine.index)
    assert m["correct"] >= 0.85, m
    assert m["false_refusals"] <= 0.06, m
    assert m["generated_share"] >= 0.5, m
    assert m["unsupported_facts"] == 0, m
    off_topic = [r for q, r in zip(questions, results, strict=True) if q.id in ("d18", "d19")]
    assert all(r.mode == "abstained" for r in off_topic)


def test_a_gguf_dropped_into_models_is_used(real_index_settings, real_embedder, tmp_path):
    models = tmp_path / "models"
    models.mkdir()
    (models / "my-model.gguf").symlink_to(path_of(PACKAGED["smollm2-135m"]))
    assert resolve_model("", models) == models / "my-model.gguf"
    settings = replace(real_index_settings, models=models)
    engine = Engine(settings, embedder=real_embedder)
    result = engine.ask(QUESTION)
    assert result.model == "my-model.gguf" and "225" in result.answer


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SERVED = "qwen2.5-coder-1.5b"  # the name the test server lists at /v1/models


@pytest.fixture(scope="module")
def llama_server(default_gguf, tmp_path_factory):
    """llama-cpp-python's OpenAI-compatible server with the default GGUF; its URL once /v1/models answers."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("server") / "server.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(default_gguf), "--model_alias", SERVED,
             "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096", "--n_threads", str(os.cpu_count() or 1)],
            stdout=subprocess.DEVNULL, stderr=log, env={**os.environ, "OMP_WAIT_POLICY": "PASSIVE"},
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while not _answers(f"{url}/v1/models"):
            if proc.poll() is not None:
                pytest.fail(f"llama_cpp.server exited: {log_path.read_text()[-2000:]}")
            if time.monotonic() > deadline:
                pytest.fail("llama_cpp.server did not start in 120 s")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def test_the_model_on_a_server_answers_as_in_process(llama_server, real_index_settings, real_embedder):
    """Through --llm-url: the model name comes from /v1/models, the answer is generated, verified and cited."""
    engine = Engine(replace(real_index_settings, llm_url=llama_server), embedder=real_embedder)
    # The server reuses its cache its own way (cold for this first request): the seed question's list of
    # counts is read right only warm by the 1.5B model there, this one either way.
    result = engine.ask("How many Tashkeel infiltrated Balochistan?")
    assert result.model == f"{SERVED} at {llama_server}"
    assert result.mode == "generated", (result.answer, result.removed)
    assert re.search(r"\b83\b", result.answer.split("[")[0])  # not the 836 of the same paragraph
    assert result.citations and result.citations[0].doc == "001_f832bd7ba533dded.txt"
    text = engine.index.docs["001_f832bd7ba533dded.txt"].text
    for c in result.citations:
        assert text[c.start:c.end] == c.quote and f"[{c.n}]" in result.answer
