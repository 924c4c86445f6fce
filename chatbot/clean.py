"""Remove web boilerplate from article text, keeping a record of every removal.

The rules are general shapes of boilerplate (comment forms, subscription prompts, "read next"
insertions, teaser lists, decoration lines, repeated paragraphs), never strings of one site.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

CLEANER_VERSION = 2
_SHORT = 200  # boilerplate lines are short; a long paragraph is never removed by a line rule

_LINE_RULES: list[tuple[str, re.Pattern[str]]] = [
    (rule, re.compile(rf"^\W*(?:{pattern})\W*$", re.I))
    for rule, pattern in [
        ("comment form", r"leave a (?:reply|comment)|post (?:a )?comment|cancel reply|\d+ comments?|comments?"
                         r"|please enter your (?:comment|name|e-?mail|website)(?: address)?(?: here)?"
                         r"|(?:your )?e-?mail address will not be published.*|required fields are marked.*"
                         r"|save my name,? e-?mail.*|you must be logged in to post a comment.*"),
        ("subscription prompt", r"(?:subscribe|sign up|join|register)\b.*\b(?:newsletter|inbox|mailing list"
                                r"|keep reading|full archive)\b.*|(?:get|receive) (?:our|the) .*\bnewsletter\b.*"
                                r"|(?:our |the |free )?newsletter|discover more from .+"
                                r"|continue reading|subscribe(?: now| today)?|type your e-?mail.*"),
        ("source link", r"source link|original source|source:? link"),
        ("share prompt", r"share (?:this|on)(?: \w+)?|share|tweet|click to share.*|follow us on .+"),
        ("advertisement", r"advertisement|sponsored(?: content)?|ad"),
    ]
]

_TEASER_HEADING = re.compile(
    r"^\W*(?:must read|read more|read next|related(?: articles| posts| stories| news)?|you (?:may|might) also like"
    r"|recommended(?: for you| reading)?|more (?:from|stories|news)\b.*|popular(?: posts| now)?|trending(?: now)?"
    r"|latest (?:news|posts|stories)|also read|more on this(?: story| topic)?)\W*$",
    re.I,
)

_INSERTIONS = re.compile(
    r"(?:^|(?<=[.!?:;]))[ \t]*(?:"
    r"if you (?:enjoyed|liked|loved) (?:this|the) (?:piece|article|story|post|read)\b"
    r"|for (?:another|a different|more|further) (?:angle|take|perspective|view|coverage|context) on this"
    r" (?:story|topic|issue|subject)\b"
    r"|(?:also read|read also|read more|see also|related|recommended):\s"
    r"|click here to (?:read|subscribe|sign up)\b"
    r")[^\n]*?(?:[.!?](?=\s|$)|$)",
    re.I | re.M,
)


@dataclass
class Cleaned:
    text: str
    removed: list[dict[str, str]] = field(default_factory=list)


def clean(raw: str) -> Cleaned:
    """Strip boilerplate; blocks (non-empty lines) are joined by blank lines.

    'Intro.\\nLEAVE A REPLY\\nPlease enter your comment!' -> 'Intro.' with two removals recorded.
    """
    removed: list[dict[str, str]] = []
    lines = [_normalize(line) for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    kept: list[str] = []
    seen: set[str] = set()
    teaser = False
    for line in lines:
        if teaser:
            if _looks_like_teaser(line):
                removed.append({"rule": "teaser of another article", "text": line})
                continue
            teaser = False
        if len(line) <= _SHORT and _TEASER_HEADING.match(line):
            removed.append({"rule": "teaser heading", "text": line})
            teaser = True
            continue
        rule = _line_rule(line)
        if rule:
            removed.append({"rule": rule, "text": line})
            continue
        if not any(c.isalnum() for c in line):
            removed.append({"rule": "decoration", "text": line})
            continue
        line, inserted = _strip_insertions(line)
        removed.extend({"rule": "read-next insertion", "text": s} for s in inserted)
        if not line:
            continue
        key = _paragraph_key(line)
        if len(key.split()) >= 8:
            if key in seen:
                removed.append({"rule": "repeated paragraph", "text": line})
                continue
            seen.add(key)
        kept.append(line)
    return Cleaned("\n\n".join(kept), removed)


def _normalize(line: str) -> str:
    line = unicodedata.normalize("NFC", line).replace("\u00a0", " ").replace("\u200b", "")
    return re.sub(r"[ \t\f\v]+", " ", line).strip()


def _line_rule(line: str) -> str | None:
    if len(line) > _SHORT:
        return None
    for rule, pattern in _LINE_RULES:
        if pattern.match(line):
            return rule
    return None


def _looks_like_teaser(line: str) -> bool:
    """A headline (short, no final full stop) or an excerpt cut off with an ellipsis."""
    if line.endswith(("...", "…")):
        return True
    return len(line) <= 150 and not line.endswith((".", "!", "?", '"', "”", ":"))


def _strip_insertions(line: str) -> tuple[str, list[str]]:
    found = [m.group(0).strip() for m in _INSERTIONS.finditer(line)]
    if not found:
        return line, []
    return re.sub(r"[ \t]{2,}", " ", _INSERTIONS.sub("", line)).strip(), found


def _paragraph_key(line: str) -> str:
    return re.sub(r"[\W_]+", " ", line.lower()).strip()


def title_of(text: str, hint: str = "") -> str:
    """A short first line, else the text's first sentence cut to about 80 characters."""
    if hint.strip():
        return _normalize(hint)[:120]
    first = text.strip().split("\n", 1)[0].strip()
    if first and len(first) <= 100 and not first.endswith("."):
        return first
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    if len(sentence) <= 80:
        return sentence.rstrip(".")
    return sentence[:80].rsplit(" ", 1)[0] + "…"


def shingles(text: str, n: int = 5) -> set[int]:
    words = _paragraph_key(text).split()
    return {hash(" ".join(words[i : i + n])) for i in range(max(1, len(words) - n + 1))}


def near_duplicates(texts: dict[str, str], threshold: float = 0.85) -> dict[str, str]:
    """Map each document id that nearly duplicates an earlier one (by id order) to that original.

    Jaccard similarity of 5-word shingles; candidates found through shared shingles, so it stays fast.
    """
    sets = {doc: shingles(text) for doc, text in sorted(texts.items()) if text.strip()}
    postings: dict[int, list[str]] = {}
    duplicates: dict[str, str] = {}
    for doc, s in sets.items():
        counts: dict[str, int] = {}
        for h in s:
            for other in postings.get(h, ()):
                counts[other] = counts.get(other, 0) + 1
        for other, shared in sorted(counts.items(), key=lambda kv: -kv[1]):
            if shared / len(s | sets[other]) >= threshold:
                duplicates[doc] = other
                break
        if doc not in duplicates:
            for h in s:
                postings.setdefault(h, []).append(doc)
    return duplicates
