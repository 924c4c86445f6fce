"""Eight questions at once through the app's API while a rebuild runs, with the real models."""

from __future__ import annotations

import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest

from chatbot import library
from chatbot.answer import Engine
from chatbot.build import build
from chatbot.generate import LlamaGenerator
from chatbot.models import resolve_model
from chatbot.settings import Settings

from .conftest import SEED_FILES, SEEDS
from .test_app import client, launch_app, text_of  # noqa: F401 - launch_app is a fixture

pytestmark = pytest.mark.slow

QUESTIONS = {
    "How many border flag meetings has Pakistan held?": "225",
    "How many protest notes has Pakistan sent?": "836",
    "How many formal demarches has Pakistan issued?": "13",
    "How many Tashkeel infiltrated Balochistan?": "83",
    "Which northern Afghan city would the proposed railway from Uzbekistan pass through?": "Mazar",
    "What does Moscow provide to the Taliban in their operational division of labor?": "political cover",
    "What principle must regional powers not compromise on while cooperating on security?": "zero tolerance",
    "What should counterterrorism collaboration be based on, according to Pakistan?": "transparency",
}


class ReentrancyProbe:
    """Wraps Llama.create_chat_completion and records the most threads ever inside it at once."""

    def __init__(self, llm) -> None:
        self.inner, self.inside, self.most, self.calls = llm.create_chat_completion, 0, 0, 0
        self.lock = threading.Lock()
        llm.create_chat_completion = self

    def __call__(self, *args, **kwargs):
        chunks = self.inner(*args, **kwargs)
        with self.lock:
            self.inside += 1
            self.calls += 1
            self.most = max(self.most, self.inside)
        try:
            yield from chunks
        finally:
            with self.lock:
                self.inside -= 1


def test_eight_questions_during_a_rebuild(tmp_path, real_embedder, launch_app, monkeypatch):  # noqa: F811
    docs = tmp_path / "served-docs"
    docs.mkdir()
    for name in SEED_FILES:
        shutil.copy2(SEEDS / name, docs / name)
    settings = replace(Settings(), docs=docs, index=tmp_path / "served-index", models=tmp_path / "models",
                       embedding_backend="torch")  # the real_embedder
    build(settings, embedder=real_embedder)
    llama = LlamaGenerator(resolve_model("", settings.models))
    probe = ReentrancyProbe(llama.llm)
    engine = Engine(settings, embedder=real_embedder, generator=llama)
    url, engine, _ = launch_app(settings, engine)
    # enough new documents that the rebuild works while the questions are answered
    for n in range(400):
        (docs / f"extra-{n:03d}.txt").write_text(f"Extra note {n}. The harbour of town {n} handled {n * 7} ships "
                                                 f"in the spring, according to the port authority report {n}.")
    old_index = engine.index
    started, answered = threading.Event(), threading.Event()

    def held_build(*args, **kwargs):  # the real build, whose new index waits until the questions are answered
        started.set()
        report = build(*args, **kwargs)
        assert answered.wait(600)
        return report

    monkeypatch.setattr(library, "build", held_build)
    job = client(url).submit(api_name="/rebuild")
    assert started.wait(120), "the rebuild did not start"

    def one(question: str) -> str:
        chat = client(url).predict(question, 4, api_name="/ask")[0]
        return text_of(chat[-1])

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = dict(zip(QUESTIONS, pool.map(one, QUESTIONS), strict=True))
    assert engine.index is old_index, "the questions were answered from the old index, during the rebuild"
    answered.set()
    job.result(timeout=600)
    generation_before = old_index.manifest["generation"]
    for question, expected in QUESTIONS.items():
        assert expected.lower() in answers[question].lower(), (question, answers[question])
    assert probe.calls >= len(QUESTIONS)
    assert probe.most == 1, "two threads were inside the LLM at once"
    assert engine.index.manifest["generation"] != generation_before
    assert "extra-000.txt" in engine.index.docs
