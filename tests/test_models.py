"""Packaged models: parts joined in order into the cache, sha256-checked, never half-written."""

from __future__ import annotations

import hashlib
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from chatbot import models
from chatbot.errors import ChatbotError


@pytest.fixture
def parted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> models.PackagedModel:
    """A model split over three installed 'packages', each exposing get_part_path() like the real ones."""
    site = tmp_path / "site"
    data = [b"GGUF" + bytes(range(256)) * 40, b"second part" * 999, b"tail"]
    for i, blob in enumerate(data, 1):
        pkg = site / f"fakemodel_part{i}"
        (pkg / "data").mkdir(parents=True)
        (pkg / "data" / f"part{i:02d}.bin").write_bytes(blob)
        (pkg / "__init__.py").write_text("import os\ndef get_part_path():\n    return os.path.join("
                                         f"os.path.dirname(os.path.abspath(__file__)), 'data', 'part{i:02d}.bin')\n")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("CHATBOT_CACHE", str(tmp_path / "cache"))
    whole = b"".join(data)
    yield models.PackagedModel("fake", "Fake", "fake.gguf", hashlib.sha256(whole).hexdigest(), len(whole),
                               tuple(f"fakemodel_part{i}" for i in range(1, 4)), "fakemodel-part1..3", "fake", "MIT")
    for i in range(1, 4):
        sys.modules.pop(f"fakemodel_part{i}", None)


def test_parts_are_joined_in_order_and_checked(parted, tmp_path):
    seen: list[tuple[int, int]] = []
    path = models.path_of(parted, lambda stage, done, total: seen.append((done, total)))
    assert path == tmp_path / "cache" / "models" / "fake.gguf"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == parted.sha256
    assert seen[-1] == (parted.size, parted.size)  # progress reached the end
    assert models.installed(parted)


def test_an_assembled_model_is_reused_and_a_changed_one_rebuilt(parted):
    path = models.path_of(parted)
    stamp = path.stat().st_mtime_ns
    assert models.path_of(parted) == path and path.stat().st_mtime_ns == stamp  # stamped: not rebuilt
    path.write_bytes(b"tampered" + path.read_bytes()[8:])
    models._checked.clear()
    assert models.path_of(parted).read_bytes()[:4] == b"GGUF"  # a changed file is rebuilt from the parts


def test_parts_that_do_not_match_leave_no_file(parted, tmp_path):
    wrong = replace(parted, sha256="0" * 64)
    with pytest.raises(ChatbotError, match="do not add up to the official file"):
        models.path_of(wrong)
    folder = tmp_path / "cache" / "models"
    assert not any(folder.iterdir())  # neither the model nor a temporary part file


def test_a_missing_part_names_what_to_install(parted):
    missing = replace(parted, packages=(*parted.packages, "fakemodel_part9"))
    assert not models.installed(missing)
    with pytest.raises(ChatbotError, match="pip install fakemodel-part1..3"):
        models.path_of(missing)


def test_model_setting_accepts_a_path_a_packaged_key_or_the_models_folder(parted, tmp_path, monkeypatch):
    monkeypatch.setitem(models.PACKAGED, "fake", parted)
    assert models.resolve_model("fake", tmp_path) == tmp_path / "cache" / "models" / "fake.gguf"
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "mine.gguf").write_bytes(b"x")
    assert models.resolve_model("", tmp_path / "m") == tmp_path / "m" / "mine.gguf"
    with pytest.raises(ChatbotError, match="does not exist"):
        models.resolve_model(str(tmp_path / "nope.gguf"), tmp_path)


def test_the_registry_pins_every_packaged_model():
    assert models.DEFAULT in models.PACKAGED
    for m in models.PACKAGED.values():
        assert len(m.sha256) == 64 and m.licence and m.upstream and m.pip


def test_llama_cpp_is_built_for_this_cpu():
    """`make setup` builds llama.cpp portable, adding its AVX-512 kernels exactly when this CPU has them (1.3x
    faster prompt reading on an Intel Xeon); a build with them on a CPU without would crash."""
    llama_cpp = pytest.importorskip("llama_cpp")
    cpu = Path("/proc/cpuinfo")
    if not cpu.exists():
        pytest.skip("no /proc/cpuinfo to read this CPU's instruction sets from")
    flags = next((line.split() for line in cpu.read_text().splitlines() if line.startswith("flags")), [])
    has_avx512 = {"avx512f", "avx512cd", "avx512vl", "avx512dq", "avx512bw"} <= set(flags)
    built = llama_cpp.llama_print_system_info().decode()
    assert ("AVX512 = 1" in built) == has_avx512, built
    assert "AMX" not in built  # the native build with AMX crashes on these VMs
