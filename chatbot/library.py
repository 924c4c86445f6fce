"""The documents folder as the app changes it: safe names, adding uploads, deleting, rebuilding the index.

No Gradio here: the web app (chatbot.ui) calls these and only formats what they return. File names come
from the browser and are untrusted: a name can only ever land directly inside the docs folder, and a
delete only removes a file listed in it (a symbolic link is removed itself, never what it points to).
"""

from __future__ import annotations

import os
import re
import threading
import traceback
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

from .answer import Engine
from .build import Report, build
from .errors import ChatbotError
from .ingest import SUPPORTED
from .settings import Settings

MAX_NAME_CHARS = 180

_INVISIBLE = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")  # control, format, surrogate, private, unassigned


def safe_filename(name: str) -> str:
    """A file name that can only land directly inside the docs folder; '' when nothing usable is left.

    Keeps letters with accents, spaces and emoji; drops any path (both separators), control and
    invisible format characters (e.g. right-to-left overrides), characters Windows forbids, and
    leading dots (no hidden files, no '..').
    """
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch) not in _INVISIBLE)
    name = re.sub(r'[<>:"|?*]', "_", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    name = name.lstrip(".").strip()
    if len(name) > MAX_NAME_CHARS:
        stem, dot, ext = name.rpartition(".")
        ext = ext if dot and len(ext) <= 10 else ""
        name = name[: MAX_NAME_CHARS - len(ext) - 1].rstrip(" .") + ("." + ext if ext else "")
    return name


def unique_name(folder: Path, name: str) -> str:
    """name, or name-1, name-2 … (before the extension) when a file of that name already exists."""
    stem, ext = os.path.splitext(name)
    candidate, n = name, 0
    existing = {p.name.casefold() for p in folder.iterdir()} if folder.is_dir() else set()
    while candidate.casefold() in existing:
        n += 1
        candidate = f"{stem}-{n}{ext}"
    return candidate


def docs_files(docs: Path) -> dict[str, int]:
    """Files in the docs folder (as ingest.scan sees them: hidden ones left out) -> size in bytes."""
    root = docs.resolve()
    found: dict[str, int] = {}
    if not root.is_dir():
        return found
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            try:
                found[path.relative_to(root).as_posix()] = path.lstat().st_size
            except OSError:
                continue
    return dict(sorted(found.items()))


def is_inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass  # not empty, or already gone


# -- adding and deleting --------------------------------------------------------------------------------


def _refusal(src: Path, name: str, size: int, max_file_mb: float) -> str | None:
    """Why an upload cannot be added (None: it can)."""
    ext = os.path.splitext(name)[1].lower()
    if not name:
        return f"{src.name}: no usable file name"
    if ext not in SUPPORTED:
        return f"{name}: file type '{ext or 'none'}' is not supported; use {', '.join(SUPPORTED)}"
    if size > int(max_file_mb * 1e6):
        return f"{name}: {size / 1e6:.1f} MB is over the {max_file_mb:g} MB limit"
    if size == 0:
        return f"{name}: the file is empty"
    return None


def add_one(src: Path, root: Path, max_file_mb: float, added: list[str], refused: list[str]) -> None:
    """Copy one uploaded file into the docs folder `root` (resolved), or say in `refused` why not."""
    name = safe_filename(src.name)
    try:
        size = src.stat().st_size
    except OSError:
        refused.append(f"{src.name}: the upload did not arrive; try again")
        return
    reason = _refusal(src, name, size, max_file_mb)
    if reason is not None:
        refused.append(reason)
        return
    data = src.read_bytes()
    same = next((f for f, n in docs_files(root).items() if n == size and (root / f).read_bytes() == data), None)
    if same is not None:
        refused.append(f"{name}: the same file is already in the library as {same}")
        return
    for _ in range(100):
        final = unique_name(root, name)
        dest = root / final
        if dest.resolve().parent != root:  # cannot happen after safe_filename; belt and braces
            refused.append(f"{name}: unsafe file name")
            return
        try:
            with open(dest, "xb") as f:  # never overwrite, even if two uploads race
                f.write(data)
        except FileExistsError:
            continue
        added.append(final if final == name else f"{final} (renamed: {name} already exists)")
        return


def add_files(docs: Path, paths: Iterable[str], max_file_mb: float,
              upload_folder: Path | None = None) -> tuple[list[str], list[str]]:
    """Copy uploaded files into the docs folder under safe, unique names: (added, refused with reasons).

    Each upload inside `upload_folder` (the web server's upload cache) is removed afterwards, so it
    cannot stay downloadable by its URL after the document is deleted.
    """
    added: list[str] = []
    refused: list[str] = []
    docs.mkdir(parents=True, exist_ok=True)
    root = docs.resolve()
    for p in paths:
        src = Path(str(p))
        try:
            add_one(src, root, max_file_mb, added, refused)
        finally:
            if upload_folder is not None and is_inside(src, upload_folder):
                src.unlink(missing_ok=True)
                _remove_if_empty(src.parent)
    return added, refused


def describe(added: list[str], refused: list[str]) -> str:
    """What an upload did, in one message."""
    parts: list[str] = []
    if added:
        parts.append("Added " + ", ".join(added) + ". The index is being rebuilt to include "
                     + ("them." if len(added) > 1 else "it."))
    if refused:
        parts.append("Not added: " + "; ".join(refused) + ".")
    if not parts:
        parts.append("No files received.")
    return " ".join(parts)


def delete_document(docs: Path, doc_id: str) -> tuple[bool, str]:
    """Remove the file `doc_id` (a name docs_files lists) from the docs folder: (deleted, what happened).

    The name is checked and removed as it is, not resolved: deleting a symbolic link removes the link,
    never the file it points to (inside the docs folder or not).
    """
    root = docs.resolve()
    path = Path(os.path.normpath(root / doc_id))
    if path == root or not path.is_relative_to(root) or doc_id not in docs_files(root):
        return False, f"{doc_id} is not a file in the docs folder; nothing deleted."
    try:
        path.unlink()
    except OSError as e:
        return False, f"Could not delete {doc_id}: {e.strerror or e}"
    return True, f"Deleted {doc_id}. The index is being rebuilt without it."


# -- the background rebuild -------------------------------------------------------------------------


def merge_reports(first: Report, then: Report) -> Report:
    """One report for two builds run back to back: what changed in either, the state after the second."""
    earlier = set(first.added) | set(first.changed)
    removed_later = set(then.removed)
    return Report(
        added=[a for a in first.added if a not in removed_later] + [a for a in then.added if a not in first.added],
        changed=[c for c in first.changed if c not in removed_later]
        + [c for c in then.changed if c not in earlier],
        removed=[r for r in first.removed if r not in then.added]
        + [r for r in then.removed if r not in earlier and r not in first.removed],
        unchanged=[u for u in then.unchanged if u not in earlier],
        skipped=then.skipped, duplicates=then.duplicates, chunks=then.chunks,
        seconds=first.seconds + then.seconds,
    )


class Rebuilder:
    """Runs build() in a background thread, then swaps the new index into the engine.

    Questions keep being answered from the old index meanwhile; if the build fails, the old index stays.
    One build at a time: a request while one runs marks it dirty, and the running job builds once more
    when the current build ends (a file added meanwhile is never left out of a finished rebuild); the
    report then covers both builds.
    """

    def __init__(self, engine: Engine, settings: Settings,
                 build_fn: Callable[..., Report] | None = None) -> None:
        self.engine, self.settings = engine, settings
        self._build_fn = build_fn
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._busy = False
        self._dirty = False
        self.progress: tuple[str, int, int] = ("", 0, 0)
        self.report: Report | None = None
        self.error: str | None = None

    @property
    def running(self) -> bool:
        with self._lock:
            return self._busy

    def start(self) -> bool:
        """Start a build; False when one is already running (it then builds once more before it ends)."""
        with self._lock:
            if self._busy:
                self._dirty = True
                return False
            self._busy, self._dirty = True, False
            self.progress, self.report, self.error = ("starting", 0, 0), None, None
            self._thread = threading.Thread(target=self._run, name="chatbot-rebuild", daemon=True)
            self._thread.start()
            return True

    def wait(self, timeout: float | None = None) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _on_progress(self, stage: str, done: int, total: int) -> None:
        self.progress = (stage, done, total)

    def _run(self) -> None:
        report: Report | None = None
        while True:
            error, new = self._build_once()
            if new is not None:
                report = new if report is None else merge_reports(report, new)
            with self._lock:
                if self._dirty:  # asked again while building: build once more before saying it is done
                    self._dirty = False
                    self.progress = ("starting again for the latest changes", 0, 0)
                    continue
                self.report, self.error = (None, error) if error is not None else (report, None)
                self._busy = False
                return

    def _build_once(self) -> tuple[str | None, Report | None]:
        """One build and reload: (error, report)."""
        try:
            # build() loads its own embedder: the engine's one is locked per call, and sharing it would
            # make questions wait behind each embedding batch of the rebuild (measured: no answer came
            # back until the rebuild had finished).
            try:
                self.engine.index  # noqa: B018 - is the current index usable?
                usable = True
            except ChatbotError:
                usable = False  # damaged, mismatched or missing: build a fresh one beside it
            build_fn = self._build_fn or build  # looked up now, so tests can replace library.build
            report = build_fn(self.settings, rebuild=not usable, progress=self._on_progress)
            self.progress = ("loading the new index", 0, 1)
            self.engine.reload()
            return None, report
        except ChatbotError as e:
            return str(e), None
        except Exception as e:  # a bug: keep serving the old index, show what happened, log the traceback
            traceback.print_exc()
            return f"{type(e).__name__}: {e}", None

