"""What the app's tabs share: the engine, the settings and the background rebuild, passed to each tab."""

from __future__ import annotations

import os
import secrets

from ..answer import Engine
from ..errors import ChatbotError
from ..library import Rebuilder
from ..models import cache_dir
from ..settings import Settings
from ..store import Index
from .render import render_stats


class Context:
    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine, self.settings = engine, settings
        self.rebuilder = Rebuilder(engine, settings)

    def browser_secret(self) -> str:
        """The key that encrypts conversations kept in the browser: made once per user account (in the cache
        folder, beside the models), so a conversation survives a reload and a restart of the app."""
        path = cache_dir().parent / "browser-key"
        try:
            return path.read_text(encoding="utf-8").strip()
        except OSError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(key)
        return key

    def documents(self) -> dict[str, str]:
        """Document name -> sha256 in the index answering now (empty without one)."""
        index, _ = self.current_index()
        return {name: doc.sha256 for name, doc in index.docs.items()} if index is not None else {}

    def current_index(self) -> tuple[Index | None, str]:
        """The index answering now, or None and why there is none."""
        try:
            return self.engine.index, ""
        except ChatbotError as e:
            return None, str(e)

    def generator_name(self) -> str:
        try:
            return self.engine.generator_name
        except ChatbotError as e:
            return f"no model: {e}"

    def stats(self, generator: str | None = None) -> str:
        """The index statistics as HTML (with the answering model, or `generator` when given)."""
        index, problem = self.current_index()
        return render_stats(index, generator if generator is not None else self.generator_name(), problem)
