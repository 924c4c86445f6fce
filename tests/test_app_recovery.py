"""A damaged index does not stop the app: it starts, says what is wrong, and Rebuild repairs it."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from chatbot import store
from chatbot.answer import Engine
from chatbot.build import build
from chatbot.ui import server

from .test_app import client, launch_app, text_of  # noqa: F401 - launch_app is a fixture


@pytest.mark.parametrize("damage", ["flipped", "manifest"])
def test_damaged_index_is_reported_and_rebuilt_from_the_app(fake_settings, seeds_dir, launch_app, damage,  # noqa: F811
                                                            monkeypatch):
    settings = replace(fake_settings, model="echo")
    build(settings)
    manifest = store.read_manifest(settings.index)
    assert manifest is not None
    if damage == "flipped":
        vectors = settings.index / manifest["generation"] / "vectors.faiss"
        data = bytearray(vectors.read_bytes())
        data[-3] ^= 0xFF
        vectors.write_bytes(bytes(data))
    else:
        (settings.index / "manifest.json").write_text("{ not json", encoding="utf-8")

    # serve() starts anyway instead of exiting (or crash-looping under a supervisor)
    launched: dict[str, Any] = {}
    monkeypatch.setattr(server, "launch", lambda demo, s, host, port, block=True: launched.update(demo=demo))
    server.serve(settings, "127.0.0.1", 7998)
    assert "demo" in launched
    monkeypatch.undo()

    url, engine, _ = launch_app(settings, Engine(settings))
    c = client(url)
    chat, _box, _sources, details = c.predict("How many border flag meetings has Pakistan held?", 4,
                                              api_name="/ask")
    assert "chatbot index --rebuild" in details["error"]
    c.predict(api_name="/rebuild")
    chat, _box, _sources, details = c.predict("How many border flag meetings has Pakistan held?", 4,
                                              api_name="/ask")
    assert details["mode"] == "generated" and "225" in text_of(chat[-1])
