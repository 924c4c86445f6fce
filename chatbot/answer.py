"""The answering engine: question -> standalone question -> retrieve -> gate -> generate -> attribute ->
(quote) -> a cited Result.

The model writes the answer from the best few source sentences; every sentence it writes is shown only if
a source sentence supports it (verify.attribute), and that sentence becomes its citation. When nothing
the model wrote survives, the one source sentence that answers is quoted with the answer in bold (the model is
first asked once more with that sentence alone; what it writes then must also give the bold answer); when the
documents do not cover the question, the answer says so.
"""

from __future__ import annotations

import copy
import threading
import time
from collections import abc
from collections.abc import Iterator, Sequence
from dataclasses import asdict, replace

from . import emphasis, followup, gate, naming, overview, prompt, quote, store
from .acronyms import glossed, spelled_out
from .bounds import with_bounds
from .counts import amount_of_other, counts_other
from .embed import Embedder, describe, load_embedder
from .generate import Generator, OpenAIGenerator, load_generator
from .kinds import answer_type, answering_first, answers_asked
from .offices import about_asked, asked_office, holder_missing
from .prompt import NOT_FOUND
from .rank import Candidate, rank_sentences
from .result import Citation, Result, cited, passage_dict
from .retrieve import Hit, article, first_match, search, titled
from .screen import citations, screen
from .settings import Settings
from .text import BOLD, HONORIFICS, clean_question, own_question, sentence_before, sentence_spans, terms, yes_no
from .verify import Source, attribute

SOURCE_POOL = 8  # the best-ranked sentences a generated sentence may rest on
MAX_SENTENCES = 3  # an answer is short: generation stops after this many sentences
OFFICE_DEPTH = 3  # a passage naming an office's holder is looked for in the articles of this many times the passages


class Engine:
    """Answers questions from the index. Thread-safe; the index can be swapped while serving."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None,
                 generator: Generator | None = None) -> None:
        self.settings = settings
        self._embedder = embedder
        self._generator = generator
        self._index: store.Index | None = None
        self._lock = threading.Lock()
        self._index_lock = threading.Lock()  # one index load at a time, so an older one never replaces a newer
        self.limits: gate.Thresholds | None = None  # None: the thresholds calibrated for the embedder

    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                self._embedder = load_embedder(self.settings.embedding_model, self.settings.embedding_backend)
            return self._embedder

    @property
    def generator(self) -> Generator:
        with self._lock:
            if self._generator is None:
                s = self.settings
                self._generator = load_generator(s.model, s.models, s.llm_url, s.n_ctx, s.threads, s.llm_model,
                                                 s.llm_timeout)
            return self._generator

    @property
    def index(self) -> store.Index:
        index = self._index
        return index if index is not None else self.reload(first=True)

    def reload(self, first: bool = False) -> store.Index:
        """Load the current index from disk (after a build) and swap it in; never an older generation than
        the one in use (a question's first load that ends after a rebuild's reload is dropped)."""
        with self._index_lock:
            if first and self._index is not None:  # another thread loaded it while this one waited
                return self._index
            index = store.load(self.settings.index, self.settings)
            name, sha = (self._embedder.name, self._embedder.sha256) if self._embedder else describe(
                self.settings.embedding_model, self.settings.embedding_backend)
            store.check_compatible(index.manifest, name, sha, self.settings.index)
            current = self._index
            if current is None or index.manifest.get("created_at", 0) >= current.manifest.get("created_at", 0):
                self._index = current = index
            return current

    def thresholds(self) -> gate.Thresholds:
        """The gate's thresholds: set on the engine, else those calibrated for its embedding model."""
        return self.limits or gate.thresholds(self.embedder.sha256)

    @property
    def loaded_generator(self) -> Generator | None:
        """The model that answers, if it is loaded (without loading it)."""
        return self._generator

    def set_generator(self, generator: Generator) -> None:
        with self._lock:
            self._generator = generator

    # -- answering ------------------------------------------------------------------------------

    def retrieve(self, question: str, history: Sequence[tuple[str, str]] = (), k: int | None = None,
                 index: store.Index | None = None) -> list[Hit]:
        """Passages for the question, read as a follow-up of the conversation when it is one."""
        standalone = self.standalone(question, history) if history else question
        return self._search(index or self.index, standalone, k or self.settings.top_k)

    def standalone(self, question: str, history: Sequence[tuple[str, str]], index: store.Index | None = None) -> str:
        """The question in a form that stands on its own. A follow-up ("And how many protest notes?", or a
        question that finds nothing close on its own) is rewritten with the previous question's words, or else
        joined to it; an unrelated question ("What is the capital of France?", or one naming something new) is
        left alone. The previous question is read as it was understood when it was itself a follow-up."""
        if not history or followup.new_subject(question, history[-1][0]):
            return question
        follows = followup.is_follow_up(question) and not followup.names_other_things(question, *history[-1])
        if not follows or question == question.lower():  # 'russia' before 'its' may be a name the documents write
            hits = search(index or self.index, self.embedder, question, k=self.settings.top_k, mode=self.settings.mode)
            follows = follows and followup.is_follow_up(
                question, naming.typed_small(question, " ".join(h.chunk.text for h in hits)))
        if not follows:
            if max((h.similarity for h in hits), default=0.0) >= self.thresholds().min_similarity:
                return question
            ev = gate.evidence(question, [h.chunk.text for h in hits], [h.similarity for h in hits], [])
            if ev.defined or ev.named:
                return question  # not close, but a sentence holds its words or it names what they have: read as
                # follow-ups in the browser, 'What are the three strategic imperatives …?' (0.37), 'which by-election
                # did turnour win' (0.38)
        return followup.standalone(question, followup.understood(history), history[-1][1])

    def _search(self, index: store.Index, question: str, k: int) -> list[Hit]:
        """The passages for the question; for 'What does TTP stand for?' one that spells it out beside it ('the
        Tehreek-e-Taliban Pakistan (TTP)'), or else at least spells it out, among them; for 'Who runs British
        Airways?' one naming the holder of that office ('Rod Eddington, BA's chief executive')."""
        hits = search(index, self.embedder, question, k=k, mode=self.settings.mode)
        found = None
        if hits and answer_type(question) == "expansion" and not any(glossed(h.chunk.text, question) for h in hits):
            docs = {h.chunk.doc for h in hits}
            found = first_match(index, self.embedder, question, docs, lambda text: glossed(text, question))
            if found is None and not any(spelled_out(h.chunk.text, question) for h in hits):
                found = first_match(index, self.embedder, question, docs,
                                    lambda text: spelled_out(text, question) is not None)
        elif hits and (offices := asked_office(own_question(question))):
            found = self._holder(index, question, offices, hits, k)
        return hits if found is None else [*hits[:-1], found] if len(hits) > 1 else [*hits, found]

    def _holder(self, index: store.Index, question: str, offices: tuple[str, ...], hits: list[Hit], k: int
                ) -> Hit | None:
        """A passage naming who holds the office the question asks about, when none of the hits does: of the
        articles a deeper search finds, best first, one whose line naming the holder names what the question
        names ('… United's chief executive David Gill said …'), else one whose passage does ('… said chief
        financial officer Peter Gregg. Qantas is facing …'); a line naming the holder shares few words with such
        a question (found asking new questions)."""

        def in_passage(text: str) -> bool:  # a line names them for what is asked, no branch's leader nor a former
            # one ('The Scottish Conservative Party leader, …'; '… the former head of …': calibration n543, n519)
            return about_asked(question, text) and any(not holder_missing(text[a:b], question, text)
                                                       for a, b in sentence_spans(text))

        def in_line(text: str) -> bool:
            return any(in_passage(text[a:b]) for a, b in sentence_spans(text))

        if any(in_passage(h.chunk.text) for h in hits):
            return None
        deeper = search(index, self.embedder, question, k=OFFICE_DEPTH * k, mode=self.settings.mode)
        docs = list(dict.fromkeys(h.chunk.doc for h in [*hits, *deeper]))
        return next((found for wanted in (in_line, in_passage) for doc in docs
                     if (found := first_match(index, self.embedder, question, {doc}, wanted))), None)

    def ask(self, question: str, history: Sequence[tuple[str, str]] = (), k: int | None = None) -> Result:
        *_, final = self.stream(question, history, k)
        return final

    @property
    def generator_name(self) -> str:
        """The name of the model that answers, without loading it."""
        if self._generator is not None:
            return self._generator.name
        if self.settings.llm_url:  # named as the server's generator will name itself (no request made)
            return OpenAIGenerator(self.settings.llm_url, self.settings.llm_model).name
        from .models import resolve_model

        return resolve_model(self.settings.model, self.settings.models).name

    def stream(self, question: str, history: Sequence[tuple[str, str]] = (), k: int | None = None,
               stop: threading.Event | None = None) -> Iterator[Result]:
        """Yield the growing answer (only verified sentences are ever shown); the last Result is final.

        Setting `stop` ends generation at the next token; the answer is finished from what was generated.
        """
        question = clean_question(question)
        t0 = time.perf_counter()
        index = self.index  # one index for the whole question, even if a rebuild swaps it meanwhile
        scope, own_subject = self._scope(question, history, index)
        earlier = overview.content(history)  # no follow-up to 'What are these articles about?'
        standalone = scope.subject if scope else self.standalone(question, earlier, index)
        k = k or self.settings.top_k
        if scope and scope.subject and scope.articles > 1:  # 'Which articles are about X?' finds more of them
            k = max(k, 2 * scope.articles)
        hits = self._search(index, standalone, k) if standalone else []
        result = Result(question, passages=[passage_dict(n, h) for n, h in enumerate(hits, 1)],
                        standalone=standalone if standalone != question and not scope else "",
                        timings={"retrieval": time.perf_counter() - t0})
        if scope and not scope.subject:
            yield self._overview(result, index, scope, hits, t0)
            return
        standalone = naming.acronym_recased(standalone, " ".join(h.chunk.text for h in hits))  # 'csto' as 'CSTO'
        candidates = rank_sentences(standalone, [h.chunk.text for h in hits], self.embedder,
                                    [(h.chunk.doc, h.chunk.start) for h in hits])
        limits = self.thresholds()
        ev = gate.evidence(standalone, [h.chunk.text for h in hits], [h.similarity for h in hits],
                           [c.coverage for c in candidates], first=own_subject)
        result.evidence = ev.to_dict()
        why = gate.refuse_before(ev, limits)
        if why and not (scope and not ev.missing and overview.covered(standalone, hits)):
            yield self._abstain(result, hits, t0, why)
            return
        if scope:
            ranked = [(hits[c.passage], c.start, c.end) for c in candidates]
            yield self._overview(result, index, scope, hits, t0, ranked)
            return
        pool = candidates[:SOURCE_POOL]
        sources = [Source(c.passage, c.start, c.end, hits[c.passage].chunk.text[c.start:c.end], c.coverage,
                          c.score, article(hits[c.passage], index))
                   for c in pool]
        shown = prompt.fitting([s.text for s in sources], self.settings.prompt_words)
        texts = [s.text for s in sources]
        fallback = quote.choose(pool, texts, standalone, 0.0)
        if fallback is not None:  # what would be quoted, for the record (and the calibration of min_coverage)
            result.evidence["quote"] = {"coverage": round(pool[fallback].coverage, 4), "text": texts[fallback]}
        generator = self.generator
        result.model, result.mode = generator.name, "generating"
        yield copy.deepcopy(result)  # the passages are found; the model is reading them
        kept = yield from self._generate(standalone, hits, sources, shown, generator, result, t0, stop)
        result.model = generator.name  # a model server names its model once asked (with the first question)
        if not kept and prompt.declined(result.raw) and ev.coverage < limits.refusal_coverage:
            yield self._abstain(result, hits, t0, "the model found no answer in the passages")
            return
        picked: list[tuple[str, list[Citation]]] = []
        if not kept:
            pick, picked = self._quote(question, standalone, result.raw, hits, pool, texts, shown, index, limits)
            if pick is None:
                yield self._abstain(result, hits, t0, "no sentence of the passages answers the question")
                return
            if BOLD.search(picked[0][0]) and shown != [pick] and not (stop is not None and stop.is_set()):
                # asked again with only the line that would be quoted, when it has an answer in bold: a small model
                # misreads a list among other lines ('836 border flag meetings') and reads it right alone; what it
                # writes then must give the bold answer too (alone, it also reads lines that do not answer)
                first = result.raw
                kept = yield from self._generate(standalone, hits, sources, [pick], generator, result, t0, stop,
                                                 picked[0][0])
                result.raw = f"{first}\n{result.raw}"
        if kept:
            (result.answer, result.citations), result.mode = cited(kept), "generated"
        else:
            (result.answer, result.citations), result.mode = cited(picked), "extractive"
        result.timings["total"] = time.perf_counter() - t0
        result.done = True
        yield result

    def _quote(self, question: str, standalone: str, raw: str, hits: Sequence[Hit], pool: Sequence[Candidate],
               texts: Sequence[str], shown: Sequence[int], index: store.Index, limits: gate.Thresholds
               ) -> tuple[int | None, list[tuple[str, list[Citation]]]]:
        """The line to quote when nothing the model wrote survived, with the answer in bold: the line the
        model's refused reply was read from, else the best-ranked line that answers (None: no line answers).
        A sentence saying it found nothing points nowhere ('NOT FOUND': 'found' is no 'founded')."""
        reply = " ".join(raw[s:e] for s, e in sentence_spans(raw) if not prompt.declined(raw[s:e]))
        # 'What about India?'
        typed = naming.asked_names(question) - HONORIFICS if standalone != question else set()
        passages = titled(hits)
        context = [_context(hits[c.passage], c.start, index)._replace(passage=passages[c.passage]) for c in pool]
        pick = quote.fallback(reply, pool, texts, shown, standalone, limits.min_coverage, typed,
                              naming.asked_names(standalone), context)
        if pick is None:
            return None, []
        c, chunk, before = pool[pick], hits[pool[pick].passage].chunk.text, context[pick].before
        at = chunk.rfind(before, 0, c.start) if before else -1  # 'They …' with the sentence naming them
        start = at if at >= 0 and quote.leans_back(texts[pick], before, standalone) and \
            not chunk[at + len(before):c.start].strip() else quote.speaker_start(chunk, c.start, standalone)
        end = quote.quote_end(chunk, c.start, c.end, standalone)  # the reason or quotation that follows the line,
        line = emphasis.emphasise(chunk[start:c.end], standalone, reply) + chunk[c.end:end]  # never bold: asked
        return pick, [(line, [self._citation(1, hits[c.passage], start, end)])]  # again, the model sees the line alone

    def _generate(self, question: str, hits: Sequence[Hit], sources: Sequence[Source], shown: Sequence[int],
                  generator: Generator, result: Result, t0: float,
                  stop: threading.Event | None, quoted: str = ""
                  ) -> abc.Generator[Result, None, list[tuple[str, list[Citation]]]]:
        """Stream the model's answer, keeping each sentence a source supports (and that gives what the `quoted`
        line has in bold); returns the kept sentences."""
        messages = prompt.build_messages(question, [sources[i].text for i in shown])
        kind = answer_type(question)
        raw, pending, tokens = "", 0, 0
        kept: list[tuple[str, list[Citation]]] = []
        t_gen = time.perf_counter()
        pieces = generator.stream(messages, self.settings.max_answer_tokens, stop=stop)
        try:
            for piece in pieces:
                if stop is not None and stop.is_set():
                    break
                if "first_token" not in result.timings:
                    result.timings["first_token"] = time.perf_counter() - t0
                tokens += 1
                raw += piece
                complete = sentence_spans(raw)[:-1]  # the last span may still be growing
                for s, e in complete[pending:]:
                    if self._keep(raw[s:e], question, hits, sources, shown, result, kept, quoted) and answers_asked(
                            kept, kind, question):
                        so_far = answering_first(kept, kind, question)
                        (result.answer, result.citations), result.raw = cited(so_far), raw
                        yield copy.deepcopy(result)
                pending = len(complete)
                if pending >= MAX_SENTENCES:
                    break
        finally:  # also when our caller stops reading: the model's lock is released now, not at garbage collection
            getattr(pieces, "close", lambda: None)()
        for s, e in sentence_spans(raw)[pending:MAX_SENTENCES]:
            self._keep(raw[s:e], question, hits, sources, shown, result, kept, quoted)
        result.raw = raw
        seconds = time.perf_counter() - t_gen
        result.timings["generation"] = result.timings.get("generation", 0.0) + seconds  # (both asks, if asked again)
        result.timings.setdefault("tokens_per_second", tokens / seconds if seconds > 0 else 0.0)
        if kept and not answers_asked(kept, kind, question):
            result.removed.append({"sentence": " ".join(t for t, _ in kept),
                                   "reason": f"it does not give the {kind or 'reason'} the question asks for"})
            return []
        return answering_first(kept, kind, question)

    def _keep(self, sentence: str, question: str, hits: Sequence[Hit], sources: Sequence[Source],
              shown: Sequence[int], result: Result, kept: list[tuple[str, list[Citation]]], quoted: str = "") -> bool:
        """Keep a generated sentence if a source sentence supports it; cite that sentence."""
        text, cited = citations(sentence)
        if prompt.declined(text):  # the model's own "not found": a signal for the gate, not an answer
            result.removed.append({"sentence": sentence.strip(), "reason": "the model found no answer"})
            return False
        text, why = screen(text, question)
        why = why or counts_other(text, question) or amount_of_other(text, question) or followup.answers_earlier(
            text, question, " ".join(sources[i].text for i in shown)) or emphasis.bold_unsaid(text, quoted)
        if why:
            result.removed.append({"sentence": sentence.strip(), "reason": why})
            return False
        hint = [shown[n - 1] for n in cited if 1 <= n <= len(shown)]
        verdict = attribute(text, question, sources, [h.chunk.text for h in hits], self.embedder, hint,
                            titled(hits), strict=yes_no(question))
        article = sources[verdict.sources[0]].article if verdict.ok else ""
        unnamed = naming.unnamed(question, article) if article else []  # 'Trevor Phillips praised Lord Scarman'
        if not verdict.ok or unnamed:
            why = verdict.reason or f"its source stands in an article that never mentions '{unnamed[0]}'"
            result.removed.append({"sentence": sentence.strip(), "reason": why})
            return False
        cites = [self._citation(0, hits[sources[i].passage], sources[i].start, sources[i].end) for i in verdict.sources]
        text = with_bounds(text, question, " ".join(c.quote for c in cites))  # '14m' -> 'More than 14m'
        if any(terms(text) == terms(t) for t, _ in kept):  # (compared once bounds are back: '14m' is 'More than 14m')
            result.removed.append({"sentence": sentence.strip(), "reason": "it repeats an earlier sentence"})
            return False
        kept.append((text, cites))
        return True

    @staticmethod
    def _citation(n: int, hit: Hit, start: int, end: int) -> Citation:
        c = hit.chunk
        return Citation(n, c.doc, c.title, c.chunk_id, c.start + start, c.start + end, c.text[start:end],
                        hit.doc_sha256)

    def _scope(self, question: str, history: Sequence[tuple[str, str]], index: store.Index
               ) -> tuple[overview.Scope | None, bool]:
        """What a question about the documents themselves asks for (overview.py; None for one about what they
        say), 'the article' read as the conversation's; and whether it typed its subject ('Name the two …' no)."""
        scope = overview.asked(question) or (overview.chosen(question, *history[-1]) if history else None)
        typed = bool(scope and scope.subject)
        if scope and not scope.subject and scope.articles == 1 and not scope.nth and history:  # '… the article'
            subject, nth = overview.earlier(history, lambda i: self.standalone(history[i][0], history[:i], index))
            scope = replace(scope, subject=subject, nth=nth)
        return scope, typed

    def _overview(self, result: Result, index: store.Index, scope: overview.Scope, hits: Sequence[Hit],
                  t0: float, ranked: Sequence[tuple[Hit, int, int]] = ()) -> Result:
        """The answer to a question about the documents themselves: their openings, quoted (overview.py)."""
        intro, quoted = overview.summarize(index, scope, hits, ranked)
        result.evidence["overview"] = asdict(scope)  # Answer details say how the question was read
        if not quoted:
            return self._abstain(result, hits, t0, intro or "no document has a sentence to quote")
        text, result.citations = cited([(f"{before}{h.chunk.text[s:e]}", [self._citation(1, h, s, e)])
                                         for before, h, s, e in quoted])
        result.answer, result.mode, result.done = f"{intro}\n{text}".replace(" \n", "\n").strip(), "extractive", True
        result.timings["total"] = time.perf_counter() - t0
        return result

    def _abstain(self, result: Result, hits: Sequence[Hit], t0: float, why: str) -> Result:
        result.answer, result.mode, result.done, result.citations = NOT_FOUND, "abstained", True, []
        result.closest = [passage_dict(n, h) for n, h in enumerate(hits, 1)]
        result.removed.append({"sentence": "", "reason": why})
        result.timings["total"] = time.perf_counter() - t0
        return result


def _context(hit: Hit, start: int, index: store.Index) -> quote.Context:
    """What the passage's line at `start` stands in: the sentence before it in its document (the passage's
    first line follows one too) and the document's title and text (`retrieve.article`)."""
    doc = index.docs.get(hit.chunk.doc)
    before = sentence_before(doc.text, hit.chunk.start + start) if doc else sentence_before(hit.chunk.text, start)
    return quote.Context(before, article(hit, index))
