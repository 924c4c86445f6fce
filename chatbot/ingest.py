"""Find the documents in the docs folder and read each one into plain text."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .files import file_sha256

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")


@dataclass(frozen=True)
class Source:
    """One file in the docs folder: its stable id is its path relative to that folder."""

    id: str
    path: Path
    sha256: str
    size: int


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}


class UnreadableFile(Exception):
    """A file that cannot be turned into text; the message is the reason shown to the user."""


def scan(docs: Path, max_bytes: int) -> tuple[list[Source], list[Skipped]]:
    """List the readable documents under `docs` (sorted by id) and the files skipped, with reasons."""
    root = docs.resolve()
    sources: list[Source] = []
    skipped: list[Skipped] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root):
                    skipped.append(Skipped(rel, "symbolic link to a file outside the docs folder; not followed"))
                    continue
            if path.suffix.lower() not in SUPPORTED:
                skipped.append(
                    Skipped(rel, f"unsupported file type '{path.suffix or name}'; use {', '.join(SUPPORTED)}")
                )
                continue
            try:
                size = path.stat().st_size
                if size > max_bytes:
                    limit = max_bytes / 1e6
                    skipped.append(
                        Skipped(rel, f"file is {size / 1e6:.1f} MB, over the {limit:g} MB limit "
                                     "(raise it with CHATBOT_MAX_FILE_MB)")
                    )
                    continue
                sources.append(Source(rel, path, file_sha256(path), size))
            except OSError as e:
                skipped.append(Skipped(rel, f"cannot read the file: {e.strerror or e}"))
    return sources, skipped


def read(source: Source) -> tuple[str, str]:
    """Return (text, title hint) of a document; raises UnreadableFile with the reason."""
    try:
        data = source.path.read_bytes()
    except OSError as e:
        raise UnreadableFile(f"cannot read the file: {e.strerror or e}") from None
    suffix = source.path.suffix.lower()
    if suffix == ".pdf":
        return _read_pdf(data)
    text = decode(data)
    if suffix in (".html", ".htm"):
        return _read_html(text)
    if suffix in (".md", ".markdown"):
        return _read_markdown(text)
    return text, ""


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 or UTF-16 (by BOM), else Windows-1252/Latin-1; refuses binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    sample = data[:65536]
    if sample and _looks_utf16(sample):
        return data.decode("utf-16-le" if sample[1] == 0 else "utf-16-be", errors="replace")
    if b"\x00" in sample:
        raise UnreadableFile("binary data, not text (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    controls = sum(1 for c in text[:65536] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > 0.05 * max(1, min(len(text), 65536)):
        raise UnreadableFile("binary data, not text (too many control characters)")
    return text


def _looks_utf16(sample: bytes) -> bool:
    even, odd = sample[0::2], sample[1::2]
    return len(sample) >= 4 and (odd.count(0) > 0.4 * len(odd) or even.count(0) > 0.4 * len(even))


def _read_html(html: str) -> tuple[str, str]:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    if not text or not text.strip():
        raise UnreadableFile("no article text found in this HTML page")
    meta = trafilatura.extract_metadata(html)
    return text, (meta.title if meta and meta.title else "") or ""


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__|`)")


def _read_markdown(md: str) -> tuple[str, str]:
    first = re.search(r"^\s{0,3}#\s+(.+)$", md, re.M)
    text = _MD_EMPHASIS.sub("", _MD_HEADING.sub("", _MD_LINK.sub(r"\1", md)))
    return text, first.group(1).strip() if first else ""


def _read_pdf(data: bytes) -> tuple[str, str]:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or ""
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as e:
        raise UnreadableFile(f"corrupt or unreadable PDF ({e})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise UnreadableFile("the PDF has no extractable text (scanned images need OCR first)")
    return text, str(title)
