"""The Settings tab: which model answers, how many passages per question, and the index statistics."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import gradio as gr

from ..errors import ChatbotError
from ..files import package_dir
from ..generate import load_generator
from ..models import PACKAGED, cache_dir, installed
from ..settings import Settings
from .context import Context
from .render import _message, esc


def model_choices(settings: Settings) -> list[tuple[str, str]]:
    """(label, path) of the models one can answer with: the configured one, each GGUF in models/ (read
    now, so a file added while the app runs is offered) and the packaged default."""
    folder = settings.models
    ggufs = sorted(p for p in folder.glob("*.gguf") if p.is_file()) if folder.is_dir() else []
    choices = [(f"{Path(settings.model).name} (configured)", settings.model)] if settings.model else []
    choices += [(p.name, str(p)) for p in ggufs]
    choices += [(m.label, m.key) for m in PACKAGED.values() if installed(m)]
    unique: dict[str, tuple[str, str]] = {}
    for label, value in choices:
        unique.setdefault(model_key(value), (label, value if value in PACKAGED else model_key(value)))
    return list(unique.values())


def model_key(model: str) -> str:
    """One spelling per model file (its real path; a packaged model's key once its file exists); other
    values ('echo', a packaged model not yet assembled) as they are."""
    if model in PACKAGED:
        m = PACKAGED[model]
        path = cache_dir() / m.file if m.split else (package_dir(m.packages[0]) or Path("/nonexistent")) / m.file
        return os.path.realpath(path) if path.is_file() else model
    return os.path.realpath(model) if os.path.isfile(model) else model


class SettingsTab:
    """The settings' callbacks and components; build() lays the tab out, wire() connects its events."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def models_dropdown(self) -> Any:
        """The model list as it is now, with the model that answers selected."""
        settings, loaded = self.ctx.settings, self.ctx.engine.loaded_generator
        current = model_key(str(getattr(loaded, "path", None) or getattr(loaded, "name", "") or settings.model))
        choices = model_choices(settings)
        selected = next((v for _, v in choices if model_key(v) == current), None)
        return gr.Dropdown(choices=choices, value=selected)

    def set_model(self, choice: str | None) -> tuple[Any, ...]:
        """Load the chosen model; on any problem the model that answered before keeps answering."""
        settings, engine = self.ctx.settings, self.ctx.engine
        choice = choice or ""
        if settings.llm_url:
            return _message(f"Answers come from the LLM server at {settings.llm_url}; the model is chosen "
                            "there.", ok=False), gr.skip(), gr.skip()
        if model_key(choice) not in {model_key(v) for _, v in model_choices(settings)}:
            return (_message("That model is not one of the choices; nothing changed.", ok=False), gr.skip(),
                    self.models_dropdown())
        try:
            generator = load_generator(choice, settings.models, "", settings.n_ctx, settings.threads)
        except ChatbotError as e:
            gr.Warning(esc(str(e)))
            still = engine.generator_name
            return _message(f"{e} Answers still come from {still}.", ok=False), gr.skip(), self.models_dropdown()
        engine.set_generator(generator)
        return _message(f"Answers now come from {generator.name}."), self.ctx.stats(generator.name), gr.skip()

    def build(self) -> None:
        """The tab's components (inside `with gr.Tab(...)`)."""
        settings = self.ctx.settings
        # custom values allowed: set_model checks against the list as it is now (files come and go)
        self.model = gr.Dropdown(label="Answer model", choices=model_choices(settings), value=None,
                                 allow_custom_value=True, interactive=not settings.llm_url, elem_id="cb-model",
                                 info="GGUF files in the models folder (the list is read when you open it); "
                                      "used from the next question on.")
        self.model_status = gr.HTML()
        self.top_k = gr.Slider(1, 10, value=settings.top_k, step=1, label="Passages per question",
                               info="Passages searched for the answering sentences; the model reads the best of "
                                    "them (about 140 words). More passages search longer and let the gate find a "
                                    "question's names in more text (it is calibrated for 6).",
                               elem_id="cb-top-k")
        gr.Markdown("**Index**")
        self.stats = gr.HTML(elem_id="cb-stats")

    def wire(self) -> None:
        self.model.input(self.set_model, self.model, [self.model_status, self.stats, self.model], api_name="set_model",
                         concurrency_limit=1)
