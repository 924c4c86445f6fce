"""The documents folder as the app changes it: deleting (symbolic links too) and the background rebuild."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest

from chatbot import library
from chatbot.build import Report
from chatbot.settings import Settings

# -- deleting ----------------------------------------------------------------------------------------


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("the article")
    return folder


def test_delete_removes_the_file(docs: Path) -> None:
    ok, text = library.delete_document(docs, "a.txt")
    assert ok and "Deleted a.txt" in text and not (docs / "a.txt").exists()


def test_delete_symlink_to_a_doc_removes_the_link_not_the_doc(docs: Path) -> None:
    os.symlink("a.txt", docs / "b.txt")
    assert "b.txt" in library.docs_files(docs)
    ok, text = library.delete_document(docs, "b.txt")
    assert ok, text
    assert (docs / "a.txt").read_text() == "the article"
    assert not (docs / "b.txt").is_symlink() and not (docs / "b.txt").exists()


def test_delete_symlink_pointing_outside_leaves_the_outside_file(docs: Path, tmp_path: Path) -> None:
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    os.symlink(outside, docs / "link.txt")
    ok, text = library.delete_document(docs, "link.txt")
    assert ok, text
    assert outside.read_text() == "keep me" and not os.path.lexists(docs / "link.txt")


def test_delete_dangling_symlink(docs: Path) -> None:
    os.symlink("gone.txt", docs / "dangling.txt")
    ok, _ = library.delete_document(docs, "dangling.txt")
    assert ok and not os.path.lexists(docs / "dangling.txt")


def test_delete_refuses_names_outside_or_not_listed(docs: Path, tmp_path: Path) -> None:
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    (docs / "sub").mkdir()
    (docs / "sub" / "c.txt").write_text("c")
    os.symlink(tmp_path, docs / "linkdir")  # a link to a folder: its files are not the library's
    for bad in ("../precious.txt", str(outside), "nonexistent.txt", "sub", ".", "sub/../../precious.txt",
                "linkdir/precious.txt", "linkdir", "sub/../a.txt"):
        ok, text = library.delete_document(docs, bad)
        assert not ok and "nothing deleted" in text, bad
    assert outside.read_text() == "keep me" and (docs / "a.txt").exists() and (docs / "sub" / "c.txt").exists()
    ok, _ = library.delete_document(docs, "sub/c.txt")
    assert ok and not (docs / "sub" / "c.txt").exists()


# -- the background rebuild -------------------------------------------------------------------------


class FakeEngine:
    def __init__(self) -> None:
        self.reloads = 0
        self.index = object()

    def reload(self) -> None:
        self.reloads += 1


class GatedBuild:
    """A build function whose n-th call (from 1) announces itself on entered[n] and waits for release[n]."""

    def __init__(self, reports: list[Report]) -> None:
        self.reports = reports
        self.calls = 0
        self.entered = [threading.Event() for _ in reports]
        self.release = [threading.Event() for _ in reports]

    def __call__(self, settings: Settings, **kw: Any) -> Report:
        n = self.calls
        self.calls += 1
        self.entered[n].set()
        assert self.release[n].wait(30)
        return self.reports[n]


def test_a_rebuild_requested_while_one_runs_builds_again_before_reporting(tmp_path: Path) -> None:
    first = Report(added=["a.txt"], unchanged=["old.txt"], chunks=5, seconds=1.0)
    second = Report(added=["b.txt"], unchanged=["a.txt", "old.txt"], chunks=7, seconds=2.0)
    fake = GatedBuild([first, second])
    engine = FakeEngine()
    rebuilder = library.Rebuilder(engine, Settings(docs=tmp_path), build_fn=fake)  # type: ignore[arg-type]

    assert rebuilder.start()
    assert fake.entered[0].wait(30)
    assert not rebuilder.start()  # b.txt was uploaded meanwhile: not started again, but marked dirty
    fake.release[0].set()
    assert fake.entered[1].wait(30)  # the second build starts after the first, in the same job
    assert rebuilder.running and rebuilder.report is None and rebuilder.error is None  # not "done" yet
    fake.release[1].set()
    rebuilder.wait(30)
    assert not rebuilder.running and fake.calls == 2 and engine.reloads == 2
    report = rebuilder.report
    assert report is not None and report.added == ["a.txt", "b.txt"] and report.unchanged == ["old.txt"]
    assert report.chunks == 7 and report.seconds == 3.0


def test_a_single_request_builds_once(tmp_path: Path) -> None:
    only = Report(added=["a.txt"], chunks=2)
    fake = GatedBuild([only])
    fake.release[0].set()
    rebuilder = library.Rebuilder(FakeEngine(), Settings(docs=tmp_path), build_fn=fake)  # type: ignore[arg-type]
    assert rebuilder.start()
    rebuilder.wait(30)
    assert not rebuilder.running and fake.calls == 1 and rebuilder.report is only


def test_a_failed_second_build_is_reported(tmp_path: Path) -> None:
    calls: list[int] = []
    entered, release = threading.Event(), threading.Event()

    def build(settings: Settings, **kw: Any) -> Report:
        calls.append(1)
        if len(calls) == 1:
            entered.set()
            assert release.wait(30)
            return Report(added=["a.txt"])
        raise RuntimeError("disk on fire")

    rebuilder = library.Rebuilder(FakeEngine(), Settings(docs=tmp_path), build_fn=build)  # type: ignore[arg-type]
    assert rebuilder.start()
    assert entered.wait(30)
    assert not rebuilder.start()
    release.set()
    rebuilder.wait(30)
    assert len(calls) == 2 and rebuilder.report is None and rebuilder.error == "RuntimeError: disk on fire"


def test_merge_reports() -> None:
    first = Report(added=["a", "x"], changed=["c"], removed=["r"], unchanged=["u", "c2"], chunks=3, seconds=1)
    then = Report(added=["b"], changed=["c2"], removed=["x"], unchanged=["u", "a", "c"], chunks=4, seconds=2)
    merged = library.merge_reports(first, then)
    # x came and went between the two builds: the index had it neither before nor after
    assert merged.added == ["a", "b"] and merged.changed == ["c", "c2"] and merged.removed == ["r"]
    assert merged.unchanged == ["u"] and merged.chunks == 4 and merged.seconds == 3
