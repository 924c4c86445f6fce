"""What the app's tabs share: the engine, the settings and the background rebuild, passed to each tab."""

from __future__ import annotations

from ..answer import Engine
from ..errors import ChatbotError
from ..library import Rebuilder
from ..settings import Settings
from ..store import Index
from .render import render_stats


class Context:
    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine, self.settings = engine, settings
        self.rebuilder = Rebuilder(engine, settings)

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
