"""Retrieval with the real MiniLM model over a real index of the seed articles."""

from __future__ import annotations

import pytest

from chatbot import clean, prompt, store
from chatbot.build import build
from chatbot.chunk import sentence_spans
from chatbot.evaluate import read_questions, retrieval_metrics
from chatbot.rank import asked_terms, rank_sentences
from chatbot.retrieve import search
from chatbot.settings import Settings
from chatbot.text import terms
from tests.conftest import DEV_QUESTIONS, SEED_FILES, SEEDS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def questions():
    qs = read_questions(DEV_QUESTIONS)
    assert len([q for q in qs if q.answers]) >= 10
    return qs


def test_the_real_index(real_index, real_embedder):
    m = real_index.manifest
    assert m["embedding"]["model"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert m["embedding"]["dim"] == real_embedder.dim == 384
    assert sorted(real_index.docs) == SEED_FILES
    assert real_index.vectors.ntotal == len(real_index.chunks)
    counts = real_embedder.count_tokens([c.text for c in real_index.chunks])
    assert max(counts) <= min(200, real_embedder.max_tokens)  # the default chunk_tokens


def test_gold_document_in_hybrid_top5(real_index, real_embedder, questions):
    missed = []
    for q in questions:
        if not q.answers:
            continue
        docs = [h.chunk.doc for h in search(real_index, real_embedder, q.question, k=5, mode="hybrid")]
        if not set(docs) & set(q.sources):
            missed.append((q.id, q.question, docs))
    assert not missed, missed


def test_hybrid_is_at_least_as_good_as_either_retriever(real_index, real_embedder, questions):
    metrics = retrieval_metrics(real_index, real_embedder, questions, k=5)
    assert set(metrics) == {"hybrid", "dense", "bm25"}
    hybrid = metrics["hybrid"]["hit@5"]
    assert hybrid == 1.0
    assert hybrid >= max(metrics["dense"]["hit@5"], metrics["bm25"]["hit@5"]), metrics
    assert metrics["hybrid"]["mrr"] >= 0.8, metrics
    assert metrics["hybrid"]["questions"] == len([q for q in questions if q.answers])


def test_border_flag_meetings(real_index, real_embedder):
    for mode in ("hybrid", "dense", "bm25"):
        hits = search(real_index, real_embedder, "How many border flag meetings has Pakistan held?", k=5,
                      mode=mode)
        assert any("225 border flag meetings" in h.chunk.text for h in hits[:3]), mode
    top = search(real_index, real_embedder, "How many border flag meetings has Pakistan held?", k=1)[0]
    assert top.chunk.doc == "001_f832bd7ba533dded.txt" and "225 border flag meetings" in top.chunk.text
    assert 0.3 < top.similarity <= 1.0


def test_unrelated_question_is_less_similar(real_index, real_embedder):
    related = search(real_index, real_embedder, "How many border flag meetings has Pakistan held?", k=1)[0]
    unrelated = search(real_index, real_embedder, "How many goals did Lionel Messi score in 2023?", k=1)[0]
    assert unrelated.similarity < related.similarity - 0.2


@pytest.mark.parametrize("name", SEED_FILES)
def test_every_sentence_is_findable(real_index, name):
    text = real_index.docs[name].text
    assert text == clean.clean((SEEDS / name).read_text(encoding="utf-8")).text
    chunk_texts = [c.text for c in real_index.chunks if c.doc == name]
    spans = sentence_spans(text)
    assert len(spans) >= 10
    for s, e in spans:
        assert any(text[s:e] in chunk for chunk in chunk_texts), text[s:e]


def test_incremental_update_with_the_real_model(real_index_settings, real_embedder, tmp_path):
    """A changed seed is re-embedded with the real model and its new sentence is found by meaning."""
    import shutil
    from dataclasses import replace

    work = tmp_path / "work"
    shutil.copytree(real_index_settings.docs, work / "docs")
    shutil.copytree(real_index_settings.index, work / "index")
    settings = replace(real_index_settings, docs=work / "docs", index=work / "index")
    path = settings.docs / "002_1e5b2a263020c2f4.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nThe Kabul zoo received two snow leopards from a "
                    "Russian wildlife park in March, a gift officials called a gesture of goodwill.\n",
                    encoding="utf-8")
    report = build(settings, embedder=real_embedder)
    assert report.changed == ["002_1e5b2a263020c2f4.txt"] and len(report.unchanged) == 3
    index = store.load(settings.index)
    hits = search(index, real_embedder, "Which animals did Russia give to Afghanistan's zoo?", k=3,
                  mode="dense")
    assert "snow leopards" in hits[0].chunk.text


def test_the_words_naming_the_article_do_not_rank_lines_on_its_subject_first(real_index, real_embedder):
    # calibration s304: the line giving the environment ranked sixth, below lines on Russia's military engagement with
    # the Taliban (the words naming the op-ed), and was not among those the model read; a quote of another was wrong
    question = ("In the op-ed on Russia's military engagement with the Taliban, what sort of environment does the "
                "author fear Afghanistan keeps offering groups like the TTP?")
    hits = search(real_index, real_embedder, question, k=Settings().top_k, mode="hybrid")
    ranked = rank_sentences(question, [h.chunk.text for h in hits], real_embedder,
                            [(h.chunk.doc, h.chunk.start) for h in hits])
    texts = [hits[c.passage].chunk.text[c.start:c.end] for c in ranked]
    read = prompt.fitting(texts, Settings().prompt_words)
    assert any("permissive environment for groups like the TTP" in texts[i] for i in read)
    # (review) the coverage the gate and the quote read still counts the article's words: a question on an article the
    # documents lack is not found better covered for leaving them out
    unframed = rank_sentences("What sort of environment does the author fear Afghanistan keeps offering groups like "
                              "the TTP?", [h.chunk.text for h in hits], real_embedder,
                              [(h.chunk.doc, h.chunk.start) for h in hits])
    line = "permissive environment for groups like the TTP"
    framed_coverage = next(c.coverage for c, t in zip(ranked, texts, strict=True) if line in t)
    assert framed_coverage < next(c.coverage for c in unframed if line in hits[c.passage].chunk.text[c.start:c.end])


def test_which_words_name_the_article():
    framed = {
        "In the op-ed on Russia's military engagement with the Taliban, what sort of environment does the author fear "
        "Afghanistan keeps offering groups like the TTP?": "op-ed militari engag russia taliban",
        "According to the Moscow-Kabul-Islamabad piece, what tends to win out over ideology?": "moscow kabul islamabad "
                                                                                               "piec",
        "Why do investors hold the shares, according to the article on the club opening its books to Glazer?":
            "club open book glazer",
        "What could closer Pakistan-Russia ties become, in the author's view?": "author view",
        # a frame between two asks takes neither (review: 'and why did Pakistan refuse' was taken as the article's)
        "What did Russia offer, according to the piece on Kabul, and why did Pakistan refuse?": "piece kabul",
        # a pronoun standing for a name the question itself gives: the frame still only names the article
        "In the Moscow to Kabul via Islamabad piece, what does Russia risk while it guards its flank?":
            "Moscow to Kabul via Islamabad piece",
    }
    for question, frame in framed.items():
        assert terms(question) - asked_terms(question) == terms(frame), question
    for question in ("In the ISKP threat chain the article sketches, what serves as the transit corridor?",  # ('chain
                     # in the …' once read as naming the article)
                     "In the end, what should Pakistan fold Russia's opening to the Taliban into?",  # no article
                     "According to the UN monitoring team report, how many ETIM fighters are there?",  # cited by it
                     "in this article who is the ceo of the firm, and how much does he earn",  # (review) no comma
                     # after the frame, 'ceo of the firm' is what is asked
                     "In the piece on Salman Rushdie, what award did he win?",  # (review) the frame names 'he'
                     "In the Moscow to Kabul via Islamabad piece, what is it?"):  # a frame alone is all it asks
        assert asked_terms(question) == terms(question), question
