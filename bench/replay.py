"""Answer every question of our sets through the real engine, recording the model's replies, and replay them.

The model's reply depends only on the prompt, and decoding is greedy, so a reply recorded once can stand in
for the model while the checks after it (verification, quoting, the gate) change: a rule is measured on all
372 questions in a few minutes instead of 45. Prompts never seen before (a ranking change) are answered by
the real default model and recorded too.

Prints, per set and split, what `chatbot eval` reports (correct, generated, first sentence, refusals, …),
without and with the yes/no questions, and the answers that changed since the last run.

Run: .venv/bin/python -m bench.replay            (replies kept in .cache/replay/replies.jsonl)
     .venv/bin/python -m bench.replay --show n013 s040   (the answers to these questions, in full)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from chatbot.answer import Engine
from chatbot.build import build
from chatbot.embed import load_embedder
from chatbot.evaluate import Question, answer_metrics, contains_answer, read_questions
from chatbot.generate import Generator, Messages, load_generator
from chatbot.settings import Settings

from .common import DEV, REPO
from .models import Both
from .question_sets import SETS as OUR_SETS

CACHE = REPO / ".cache" / "replay"
SETS = {**OUR_SETS, "dev": (REPO / "seeds", DEV)}
SHOWN = ("correct", "generated_share", "median_answer_words", "first_sentence_answers", "false_refusals",
         "near_miss_refused", "unsaid_refused", "unsaid_generated", "wrong_answers", "unsupported_facts")


class Recorder:
    """A generator that replays the reply recorded for the same messages, or asks the real one and records."""

    def __init__(self, real: Generator, path: Path) -> None:
        self.real, self.path, self.name = real, path, real.name
        self.replies: dict[str, str] = {}
        self.asked = 0
        if path.exists():
            for line in path.open(encoding="utf-8"):
                row = json.loads(line)
                self.replies[row["key"]] = row["reply"]

    @staticmethod
    def key(messages: Messages, max_tokens: int) -> str:
        return hashlib.sha256(json.dumps([messages, max_tokens], ensure_ascii=False).encode()).hexdigest()

    def count_tokens(self, text: str) -> int:
        return self.real.count_tokens(text)

    def stream(self, messages: Messages, max_tokens: int = 256, stop: threading.Event | None = None
               ) -> Iterator[str]:
        key = self.key(messages, max_tokens)
        if key not in self.replies:
            self.asked += 1
            self.replies[key] = "".join(self.real.stream(messages, max_tokens, stop))
            with self.path.open("a", encoding="utf-8") as f:
                f.write(json.dumps({"key": key, "reply": self.replies[key]}, ensure_ascii=False) + "\n")
        yield self.replies[key]


def answer_all(recorder: Recorder) -> tuple[dict[str, list[tuple[Question, Any]]], Both]:
    """Every question of every set, answered by one engine per corpus (the dev set shares the seeds'), all
    with one embedder and the recorder; and the documents of both corpora, for the independent fact check."""
    out: dict[str, list[tuple[Question, Any]]] = {}
    settings = Settings.from_env()
    embedder = load_embedder(settings.embedding_model, settings.embedding_backend)
    engines: dict[Path, Engine] = {}
    for name, (docs, questions) in SETS.items():
        if docs not in engines:
            here = replace(settings, docs=docs, index=CACHE / f"index-{docs.name}")
            build(here, embedder=embedder)
            engines[docs] = Engine(here, embedder=embedder, generator=recorder)
        out[name] = [(q, engines[docs].ask(q.question, history=q.turns)) for q in read_questions(questions)]
    print(f"{recorder.asked} prompts answered by the model and recorded; the rest replayed")
    return out, Both(engines)


def _short(metric: str) -> str:
    """'near_miss_refused' -> 'near'; 'unsaid_generated' -> 'unsaid-generated'"""
    return "unsaid-generated" if metric == "unsaid_generated" else metric.split("_")[0]


def _cell(metric: str, m: dict[str, Any]) -> str:
    """A figure as shown; '–' for a share of no questions (the report half has no unsaid ones, dev no near-misses)."""
    of = {"near_miss_refused": "near_miss", "unsaid_refused": "unsaid", "unsaid_generated": "unsaid"}.get(metric)
    if of and not m[of]:
        return "–"
    return f"{m[metric]:.3f}" if isinstance(m[metric], float) else str(m[metric])


def groups(answered: dict[str, list[tuple[Question, Any]]]) -> dict[str, list[tuple[Question, Any]]]:
    """The splits we report: report and calibration halves (seeds + news), per corpus, and the dev set."""
    g: dict[str, list[tuple[Question, Any]]] = {}
    for split in ("report", "calibration"):
        for name in ("seeds", "news"):
            g[f"{split} {name}"] = [(q, r) for q, r in answered[name] if q.split == split]
            g.setdefault(split, []).extend(g[f"{split} {name}"])
    g["dev"] = answered["dev"]
    return g


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", nargs="*", default=[], help="question ids whose answers to print in full")
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    settings = Settings.from_env()
    real = load_generator(settings.model, settings.models, settings.llm_url, settings.n_ctx, settings.threads,
                          settings.llm_model, settings.llm_timeout)
    answered, both = answer_all(Recorder(real, CACHE / "replies.jsonl"))
    rows = []
    for label, pairs in groups(answered).items():
        no_yes = [(q, r) for q, r in pairs if q.kind != "yes-no"]
        for suffix, chosen in (("", no_yes), (" +yes/no", pairs)):
            if suffix and len(chosen) == len(no_yes):
                continue
            m = answer_metrics([q for q, _ in chosen], [r for _, r in chosen], both)
            rows.append(f"{label + suffix:<26}" + "  ".join(f"{_short(k)} {_cell(k, m)}" for k in SHOWN)
                        + f"  (answerable {m['answerable']})")
    print("\n".join(rows))
    now = {q.id: {"mode": r.mode, "answer": r.answer, "correct": bool(q.answers) and r.mode != "abstained"
                  and contains_answer(r.answer, q.answers)}
           for name in SETS for q, r in answered[name]}
    last_path = CACHE / "answers.json"
    last = json.loads(last_path.read_text()) if last_path.exists() else {}
    for qid, a in now.items():
        was = last.get(qid)
        if was and (was["answer"] != a["answer"] or was["mode"] != a["mode"]):
            print(f"changed {qid}: {was['mode']} {'right' if was['correct'] else 'wrong'} -> {a['mode']} "
                  f"{'right' if a['correct'] else 'wrong'}: {a['answer'][:160]!r}")
    for qid in args.show:
        print(f"{qid}: {now.get(qid)}")
    last_path.write_text(json.dumps(now, ensure_ascii=False, indent=0))


if __name__ == "__main__":
    main()
