"""Shared fixtures: every test runs against tmp folders, never the real index/, docs or models."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from chatbot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(p.name for p in SEEDS.glob("*.txt"))
DATA = ROOT / "tests" / "data"
DEV_QUESTIONS = DATA / "seeds_dev.jsonl"  # a copy of ../shared/eval/seeds_dev.jsonl
SEED_QUESTIONS = DATA / "questions" / "seeds.jsonl"  # ours: calibration and report splits
NEWS = DATA / "news"  # 48 BBC articles (tests/data/news_SOURCE.md), the second corpus
NEWS_QUESTIONS = DATA / "questions" / "news.jsonl"


@pytest.fixture(autouse=True)
def _isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """CHATBOT_* settings point into tmp_path, so nothing reads or writes the project's own folders."""
    for name in list(os.environ):
        if name.startswith("CHATBOT_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("CHATBOT_DOCS", str(tmp_path / "docs"))
    monkeypatch.setenv("CHATBOT_INDEX", str(tmp_path / "index"))
    monkeypatch.setenv("CHATBOT_MODELS", str(tmp_path / "models"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture
def seeds_dir(tmp_path: Path) -> Path:
    """A copy of the four seed articles in the (tmp) docs folder that CHATBOT_DOCS points to."""
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    for name in SEED_FILES:
        shutil.copy2(SEEDS / name, docs / name)
    assert len(SEED_FILES) == 4
    return docs


@pytest.fixture
def fake_settings(tmp_path: Path) -> Settings:
    """Settings from the (tmp) environment, with the fast deterministic HashEmbedder."""
    settings = Settings.from_env(embedding_model="fake")
    assert settings.docs == tmp_path / "docs" and settings.index == tmp_path / "index"
    return settings


@pytest.fixture(scope="session")
def real_embedder():
    """The packaged all-MiniLM-L6-v2, loaded once per test session."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from chatbot.embed import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder("default")


@pytest.fixture(scope="session")
def real_index_settings(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> Settings:
    """A real index (MiniLM, FAISS, BM25) of the four seeds, built once per session."""
    from chatbot.build import build

    root = tmp_path_factory.mktemp("real-index")
    docs = root / "docs"
    docs.mkdir()
    for name in SEED_FILES:
        shutil.copy2(SEEDS / name, docs / name)
    settings = replace(Settings(), docs=docs, index=root / "index", models=root / "models", embedding_backend="torch")
    report = build(settings, embedder=real_embedder)
    assert sorted(report.added) == SEED_FILES
    return settings


@pytest.fixture(scope="session")
def real_index(real_index_settings: Settings):
    from chatbot import store

    return store.load(real_index_settings.index)
