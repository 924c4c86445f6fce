"""The app's CSS and JavaScript, kept as files in static/ (shipped as package data) and read once at import."""

from __future__ import annotations

from importlib import resources


def _read(name: str) -> str:
    return (resources.files(__package__ or "chatbot.ui") / "static" / name).read_text(encoding="utf-8")


CSS = _read("app.css")

# Citation markers in the chat (and the [n] of a source) carry the class cb-ref-src-<turn>-<n> naming the
# id of a source entry (the chat's sanitizer drops data-* attributes): a click opens that turn's sources
# and brings the passage into view.
JS = _read("app.js")

# The sources panel turns a click on "Open article" into a Python event carrying doc and offsets.
SOURCES_JS = _read("sources.js")

# After an article opens in the viewer: scroll its marked sentence into view.
SCROLL_TO_HIT_JS = _read("scroll_to_hit.js")

# After an answer: the question box has the focus again, ready for the next question without a click.
FOCUS_QUESTION_JS = _read("focus_question.js")
