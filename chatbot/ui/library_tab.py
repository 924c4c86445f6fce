"""The Library tab: the documents, adding and deleting files, and rebuilding the index in the background."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from .. import library
from ..ingest import SUPPORTED
from .context import Context
from .render import _message, esc, render_library, render_report


class LibraryTab:
    """The library's callbacks and components; build() lays the tab out, wire() connects its events."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.docs = ctx.settings.docs

    def doc_choices(self) -> list[str]:
        return list(library.docs_files(self.docs))

    def outputs(self) -> tuple[str, Any]:
        """The library listing and the document dropdown, as they are now."""
        index, problem = self.ctx.current_index()
        return render_library(index, self.docs, problem), gr.Dropdown(choices=self.doc_choices(), value=None)

    def refresh(self) -> tuple[str, Any, str]:
        lib, dropdown = self.outputs()
        return lib, dropdown, self.ctx.stats()

    # -- callbacks -------------------------------------------------------------------------------

    def add_documents(self, paths: list[str] | None) -> tuple[Any, ...]:
        """Copy uploaded files into the docs folder under safe, unique names."""
        settings = self.ctx.settings
        added, refused = library.add_files(self.docs, paths or [], settings.max_file_mb,
                                           upload_folder=Path(gr.utils.get_upload_folder()))
        text = library.describe(added, refused)
        if refused:
            gr.Warning(esc(text))
        lib, dropdown = self.outputs()
        return _message(text, ok=not refused), lib, dropdown, None

    def ask_delete(self, doc_id: str | None) -> tuple[Any, ...]:
        """Delete pressed: name the file and ask to confirm, since the file itself is removed."""
        if not doc_id:
            return _message("Choose a document to delete first.", ok=False), gr.Row(visible=False)
        return (_message(f"Delete {doc_id}? The file is removed from {self.docs}/ and the index; this cannot be "
                         "undone.", ok=False), gr.Row(visible=True))

    def delete_document(self, doc_id: str | None) -> tuple[Any, ...]:
        """Remove a file from the docs folder (only a file inside it); the rebuild drops it from the index."""
        if not doc_id:
            msg = _message("Choose a document to delete first.", ok=False)
        else:
            ok, text = library.delete_document(self.docs, doc_id)
            msg = _message(text, ok=ok)
        lib, dropdown = self.outputs()
        return msg, lib, dropdown

    def rebuild(self, progress: gr.Progress = gr.Progress()) -> Iterator[tuple[Any, ...]]:  # noqa: B008
        """Rebuild in the background, reporting 'stage: done/total'; the old index answers meanwhile."""
        rebuilder = self.ctx.rebuilder
        started = rebuilder.start()
        note = "" if started else " (a rebuild was already running; it will run once more to include this)"
        while rebuilder.running:
            stage, done, total = rebuilder.progress
            text = f"Rebuilding{note} — {stage}: {done}/{total}" if total else f"Rebuilding{note} — {stage}…"
            if total:
                progress((done, total), desc=stage)
            yield _message(text, busy=True), gr.skip(), gr.skip(), gr.skip()
            rebuilder.wait(0.25)
        if rebuilder.error is not None:
            gr.Warning(esc(f"Rebuild failed: {rebuilder.error}"))
            status = _message(f"Rebuild failed: {rebuilder.error} The previous index is still answering "
                              "questions.", ok=False)
        elif rebuilder.report is not None:
            status = render_report(rebuilder.report)
        else:
            status = _message("Rebuild finished.")
        lib, dropdown, stats = self.refresh()
        yield status, lib, dropdown, stats

    # -- layout and events -----------------------------------------------------------------------

    def build(self) -> None:
        """The tab's components (inside `with gr.Tab(...)`)."""
        self.library = gr.HTML(elem_id="cb-library")
        with gr.Row(equal_height=False):
            with gr.Column():
                self.upload = gr.File(label=f"Add documents ({', '.join(SUPPORTED)}; up to "
                                            f"{self.ctx.settings.max_file_mb:g} MB each)",
                                      file_count="multiple", file_types=list(SUPPORTED), type="filepath",
                                      elem_id="cb-upload")
                self.lib_status = gr.HTML(elem_id="cb-lib-status")
            with gr.Column():
                # custom values allowed: delete_document checks the name itself, so an API client
                # can delete a file uploaded after its session started
                self.doc_pick = gr.Dropdown(label="Document file", choices=self.doc_choices(), value=None,
                                            allow_custom_value=True, elem_id="cb-doc-pick")
                self.delete = gr.Button("Delete document", variant="stop", elem_id="cb-delete")
                with gr.Row(visible=False) as self.confirm_row:  # deleting removes the user's file
                    self.really = gr.Button("Yes, delete the file", variant="stop", elem_id="cb-delete-yes")
                    self.keep = gr.Button("Keep it", elem_id="cb-delete-no")
                self.rebuild_btn = gr.Button("Rebuild index", variant="primary", elem_id="cb-rebuild")
                self.build_status = gr.HTML(elem_id="cb-build-status")

    def wire(self, stats: gr.HTML) -> None:
        """The tab's events; `stats` is the Settings tab's index statistics, refreshed after a rebuild."""
        rebuild_outputs = [self.build_status, self.library, self.doc_pick, stats]
        self.rebuild_btn.click(self.rebuild, None, rebuild_outputs, api_name="rebuild", concurrency_id="library",
                               concurrency_limit=1, show_progress_on=[self.build_status])
        self.upload.upload(self.add_documents, self.upload, [self.lib_status, self.library, self.doc_pick, self.upload],
                           api_name="add_documents", concurrency_id="library", concurrency_limit=1).then(
            self.rebuild, None, rebuild_outputs, api_visibility="private", concurrency_id="library",
            show_progress_on=[self.build_status])
        confirm = [self.lib_status, self.confirm_row]
        self.delete.click(self.ask_delete, self.doc_pick, confirm, api_visibility="private", queue=False)
        self.keep.click(lambda: (_message("Nothing deleted."), gr.Row(visible=False)), None, confirm,
                        api_visibility="private", queue=False)
        self.doc_pick.change(lambda: gr.Row(visible=False), None, self.confirm_row, api_visibility="private",
                             queue=False)
        self.really.click(lambda: gr.Row(visible=False), None, self.confirm_row, api_visibility="private",
                          queue=False)
        self.really.click(self.delete_document, self.doc_pick, [self.lib_status, self.library, self.doc_pick],
                          api_name="delete_document", concurrency_id="library", concurrency_limit=1).then(
            self.rebuild, None, rebuild_outputs, api_visibility="private", concurrency_id="library",
            show_progress_on=[self.build_status])
