"""4. Answering: time to first token and generation speed through the engine, against plain llama-cpp-python."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from chatbot.answer import Engine
from chatbot.build import build
from chatbot.embed import Embedder
from chatbot.evaluate import answer_metrics, read_questions
from chatbot.generate import LlamaGenerator
from chatbot.models import DEFAULT, PACKAGED, resolve_model
from chatbot.prompt import build_messages
from chatbot.settings import Settings

from .common import ANSWER_PASSES, BUDGET_S, DEV, MEMORY_RESERVE_S, T0, WHATIF_PROMPT_WORDS, log, med, pct


class TimedGenerator:
    """Wraps the real generator; notes when each streamed piece reaches the engine (and the messages it got)."""

    def __init__(self, inner: LlamaGenerator) -> None:
        self.inner, self.name = inner, inner.name
        self.calls: list[dict[str, Any]] = []

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def stream(self, messages: list[dict[str, str]], max_tokens: int = 256, stop: threading.Event | None = None
               ) -> Iterator[str]:
        call: dict[str, Any] = {"messages": messages, "max_tokens": max_tokens, "times": [], "text": "",
                                "start": time.perf_counter()}  # runs when the engine starts iterating
        self.calls.append(call)
        for piece in self.inner.stream(messages, max_tokens, stop):
            call["times"].append(time.perf_counter())
            call["text"] += piece
            yield piece


def decode_rate(times: list[float]) -> float | None:
    """Tokens per second after the first token (the first one waits for the prompt)."""
    if len(times) < 3 or times[-1] <= times[0]:
        return None
    return (len(times) - 1) / (times[-1] - times[0])


def plain_stream(generator: LlamaGenerator, messages: list[dict[str, str]], max_tokens: int
                 ) -> tuple[list[float], str]:
    times, text = [], ""
    llm: Any = generator.llm
    for chunk in llm.create_chat_completion(messages=messages, max_tokens=max_tokens, temperature=0.0, stream=True):
        delta = chunk["choices"][0].get("delta", {}).get("content")
        if delta:
            times.append(time.perf_counter())
            text += delta
    restore(generator, messages)
    return times, text


def restore(generator: LlamaGenerator, messages: list[dict[str, str]]) -> None:
    """Put back the cache a user's next question finds (the system prompt alone, evaluated on its own), untimed.

    The engine reuses only such a system prompt; after using the model directly, that is gone.
    """
    generator.llm.reset()
    generator.keep_only_the_system_prompt(messages, generator.prompt_tokens(messages))


def prompt_speed(generator: LlamaGenerator, messages: list[dict[str, str]]) -> dict[str, Any]:
    """Prompt tokens per second: a cold (cache reset) non-streamed completion of one token."""
    llm: Any = generator.llm
    llm.reset()
    t = time.perf_counter()
    out = llm.create_chat_completion(messages=messages, max_tokens=1, temperature=0.0)
    seconds = time.perf_counter() - t
    n_usage = int(out["usage"]["prompt_tokens"])
    n_tok = format_tokens(generator, messages) or n_usage
    restore(generator, messages)
    return {"tokens": n_tok, "usage_tokens": n_usage, "seconds": seconds, "tokens_per_s": n_tok / seconds}


def format_tokens(generator: LlamaGenerator, messages: list[dict[str, str]]) -> int | None:
    """Tokens of the chat-formatted prompt, as llama-cpp-python formats it (None if that cannot be rebuilt)."""
    return len(generator.prompt_tokens(messages)) or None


def answer_pass(engine: Engine, generator: TimedGenerator, questions: list[Any], baseline: bool, prompt: bool = False
                ) -> tuple[dict[str, Any], list[Any]]:
    """Ask every question once; with baseline, also run plain llama-cpp-python on the same messages (it reuses
    the engine's prompt from the KV cache, so only generation is compared); with prompt, time a cold prompt."""
    settings = engine.settings
    results, ttft, ttft_gen, pre_llm, llm_first, eng_rates, plain_rates, prompt_rows, tps_field, same = (
        [], [], [], [], [], [], [], [], [], [])
    first_shown: list[float] = []
    call_tokens: list[int] = []
    for q in questions:
        generator.calls.clear()
        t_ask = time.perf_counter()
        shown = None
        for r in engine.stream(q.question):
            if shown is None and r.answer:
                shown = time.perf_counter() - t_ask  # the first text a user sees (a verified sentence)
        results.append(r)
        first_shown.append(shown if shown is not None else time.perf_counter() - t_ask)
        ttft.append(r.timings.get("first_token", r.timings.get("total", 0.0)))
        if not generator.calls or not generator.calls[0]["times"]:
            continue  # abstained before generating
        call = generator.calls[0]
        ttft_gen.append(r.timings["first_token"])
        call_tokens.append(format_tokens(generator.inner, call["messages"]) or 0)
        t0 = call["times"][0] - r.timings["first_token"]
        pre_llm.append(call["start"] - t0)  # retrieval, sentence ranking, prompt building
        llm_first.append(call["times"][0] - call["start"])  # prompt processing (uncached part) + first token
        tps_field.append(r.timings.get("tokens_per_second", 0.0))
        if not baseline:
            continue
        # the same messages the engine sent (with a follow-up rewrite there would be two calls; none here)
        messages = call["messages"]
        times, text = plain_stream(generator.inner, messages, settings.max_answer_tokens)
        er, pr = decode_rate(call["times"]), decode_rate(times)
        if er and pr:
            eng_rates.append(er)
            plain_rates.append(pr)
            same.append(text == call["text"])
        if prompt:
            prompt_rows.append(prompt_speed(generator.inner, messages))
    row: dict[str, Any] = {
        "ttft_p50_s": pct(ttft, 50), "ttft_p95_s": pct(ttft, 95), "ttft_generated_p50_s": pct(ttft_gen, 50),
        "first_shown_p50_s": pct(first_shown, 50), "llm_prompt_tokens_p50": pct(call_tokens, 50),
        "llm_called": len(ttft_gen), "pre_llm_p50_s": pct(pre_llm, 50), "llm_first_token_p50_s": pct(llm_first, 50),
        "engine_tokens_per_second_field": med(tps_field), "modes": [r.mode for r in results],
    }
    if baseline:
        row |= {
            "engine_gen_tps": med(eng_rates), "plain_gen_tps": med(plain_rates),
            "gen_ratio": med(eng_rates) / med(plain_rates) if eng_rates else float("nan"),
            "prompt_tps": med([x["tokens_per_s"] for x in prompt_rows]),
            "prompt_tokens_p50": med([x["tokens"] for x in prompt_rows]),
            "prompt_tokens_match_usage": all(x["tokens"] == x["usage_tokens"] for x in prompt_rows),
            "prompt_measured": len(prompt_rows),
            "same_output_share": sum(same) / len(same) if same else float("nan"),
        }
    return row, results


def section_answer(settings: Settings, embedder: Embedder) -> dict[str, Any]:
    t = time.perf_counter()
    build(settings, rebuild=True, embedder=embedder)
    seeds_build_s = time.perf_counter() - t
    model_path = resolve_model("", settings.models)
    t = time.perf_counter()
    generator = TimedGenerator(LlamaGenerator(model_path, n_ctx=settings.n_ctx, threads=settings.threads))
    load_s = time.perf_counter() - t
    engine = Engine(settings, embedder, generator)  # type: ignore[arg-type]
    questions = read_questions(DEV)
    engine.ask(questions[-1].question)  # warm-up (the last question: pass 1 then starts like every pass)
    passes = []
    first_results: list[Any] = []
    pass_s = 0.0
    for p in range(ANSWER_PASSES):
        if p and time.perf_counter() - T0 + 1.6 * pass_s + MEMORY_RESERVE_S > BUDGET_S:
            log(f"  skipping answer passes {p + 1}-{ANSWER_PASSES} to stay in the time budget")
            break
        t = time.perf_counter()
        row, results = answer_pass(engine, generator, questions, baseline=True, prompt=p == 0)
        pass_s = time.perf_counter() - t
        passes.append(row)
        first_results = first_results or results
        log(f"  answer pass {p + 1}/{ANSWER_PASSES}: TTFT p50 {row['ttft_p50_s']:.2f} s, "
            f"gen {row['engine_gen_tps']:.1f} vs plain {row['plain_gen_tps']:.1f} tok/s")
    metrics = answer_metrics(questions, first_results, engine.index)
    system = build_messages("", [])[0]
    system_tokens = format_tokens(generator.inner, [system])
    # What if the passages given to the model were shorter? One pass, same model and index.
    short = Engine(dataclasses.replace(settings, prompt_words=WHATIF_PROMPT_WORDS), embedder,
                   generator)  # type: ignore[arg-type]
    whatif, whatif_results = answer_pass(short, generator, questions, baseline=False)
    whatif["prompt_words"] = WHATIF_PROMPT_WORDS
    whatif["answer_metrics"] = answer_metrics(questions, whatif_results, short.index)
    log(f"  what-if prompt_words={WHATIF_PROMPT_WORDS}: TTFT p50 {whatif['ttft_p50_s']:.2f} s")
    keys = ("ttft_p50_s", "ttft_p95_s", "ttft_generated_p50_s", "first_shown_p50_s", "pre_llm_p50_s",
            "llm_first_token_p50_s", "engine_gen_tps", "plain_gen_tps", "gen_ratio", "engine_tokens_per_second_field",
            "same_output_share")
    return {
        "prompt_tps": passes[0]["prompt_tps"], "prompt_tokens_p50": passes[0]["prompt_tokens_p50"],
        "model": model_path.name, "model_is_packaged_default": _is_default(model_path),
        "model_load_s": load_s, "seeds_build_s": seeds_build_s, "questions": len(questions),
        "max_answer_tokens": settings.max_answer_tokens, "prompt_words": settings.prompt_words,
        "system_prompt_tokens": system_tokens, "llm_called": passes[0]["llm_called"],
        **{k: med([p[k] for p in passes]) for k in keys},
        "passes": passes, "answer_metrics": metrics, "whatif_short_prompt": whatif,
        "answers": [{"id": q.id, "mode": r.mode, "answer": r.answer} for q, r in zip(questions, first_results,
                                                                                    strict=True)],
    }


def _is_default(path: Path) -> bool:
    from chatbot.files import file_sha256

    return path.name == PACKAGED[DEFAULT].file and file_sha256(path) == PACKAGED[DEFAULT].sha256
