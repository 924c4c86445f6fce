"""Sentence splitting and chunking: offsets are exact, chunks overlap, nothing exceeds the model limit."""

from __future__ import annotations

import base64
import random

import pytest

from chatbot import clean
from chatbot.chunk import MAX_CHARS_PER_TOKEN, Chunk, chunk_document, sentence_spans, windows
from chatbot.embed import HashEmbedder
from tests.conftest import SEED_FILES, SEEDS


@pytest.fixture(scope="module")
def seed_texts() -> dict[str, str]:
    return {name: clean.clean((SEEDS / name).read_text(encoding="utf-8")).text for name in SEED_FILES}


def chunks_of(name: str, text: str, embedder, max_tokens: int, overlap: int = 1) -> list[Chunk]:
    return chunk_document(name, "T", text, 100, embedder.count_tokens, embedder.split_long, max_tokens,
                          overlap)


def check_chunks(text: str, chunks: list[Chunk], embedder, max_tokens: int, overlap: int = 1,
                 exact_overlap: bool = False) -> None:
    """The invariants every chunking must keep."""
    assert chunks
    for n, c in enumerate(chunks):
        assert c.text == text[c.start : c.end]
        assert c.text and c.text == c.text.strip()
        assert (c.id, c.index, c.title) == (100 + n, n, "T")
        assert c.chunk_id == f"{c.doc}#{n}"
    sizes = embedder.count_tokens([c.text for c in chunks])
    assert max(sizes) <= max_tokens, f"chunk of {max(sizes)} tokens, limit {max_tokens}"
    assert_covers(text, chunks)
    spans = sentence_spans(text)
    fits = max(embedder.count_tokens([text[s:e] for s, e in spans])) <= max_tokens
    if fits:  # every sentence lies inside one chunk, which starts and ends on sentence boundaries
        for s, e in spans:
            assert any(c.start <= s and e <= c.end for c in chunks), text[s:e]
        starts, ends = {s for s, _ in spans}, {e for _, e in spans}
        for c in chunks:
            assert c.start in starts and c.end in ends
    for a, b in zip(chunks, chunks[1:], strict=False):
        assert a.start < b.start and a.end < b.end, "a chunk inside the previous one"
        if not overlap:
            assert b.start > a.end
            continue
        if not fits:
            continue
        whole = [sp for sp in spans if a.start <= sp[0] and sp[1] <= a.end]
        shared = [sp for sp in whole if b.start <= sp[0]]
        # the next chunk starts with the last sentence(s) of this one ...
        assert 0 < len(whole) and len(shared) <= overlap
        if shared:
            assert b.start == shared[0][0] and shared == whole[-len(shared) :]
        else:
            assert b.start > a.end
        # ... as many as `overlap`, unless they and the next new sentence would not fit together
        if len(shared) < min(overlap, len(whole) - 1):
            new = next(sp for sp in spans if sp[0] >= a.end)
            keep = whole[-(len(shared) + 1) :] + [new]
            assert sum(n + 2 for n in embedder.count_tokens([text[s:e] for s, e in keep])) > max_tokens
        if exact_overlap:
            assert len(shared) == overlap


def assert_covers(text: str, chunks: list[Chunk]) -> None:
    """Every non-space character of the text is in some chunk: nothing was dropped or truncated."""
    covered = bytearray(len(text))
    for c in chunks:
        covered[c.start : c.end] = b"\x01" * (c.end - c.start)
    missing = [i for i, ch in enumerate(text) if not covered[i] and not ch.isspace()]
    assert not missing, f"text not in any chunk near {text[missing[0] : missing[0] + 60]!r}"


# sentence_spans ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "sentences"), [
    ("A b. C d.\nE", ["A b.", "C d.", "E"]),
    ("Dr. Smith met Mr. Jones in the U.S. capital. They talked.",
     ["Dr. Smith met Mr. Jones in the U.S. capital.", "They talked."]),
    ("The U.S. Army arrived. It stayed.", ["The U.S. Army arrived.", "It stayed."]),
    ("Talks with Dr. Ahmed and Prof. Lee ended. Gen. Khan left.",
     ["Talks with Dr. Ahmed and Prof. Lee ended.", "Gen. Khan left."]),
    ("J. K. Rowling wrote it. Fans cheered.", ["J. K. Rowling wrote it.", "Fans cheered."]),
    ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
    ("It cost 3.5 million. Next year 4 million.", ["It cost 3.5 million.", "Next year 4 million."]),
    ("Why? Because! Yes.", ["Why?", "Because!", "Yes."]),
    ("Wait… Then it came.", ["Wait…", "Then it came."]),
    ("See e.g. this one. And No. 5 too.", ["See e.g. this one.", "And No. 5 too."]),
    ("The U.N. said so. In 2020 it grew.", ["The U.N. said so.", "In 2020 it grew."]),
    ("  Heading  \n\n  Body text.  ", ["Heading", "Body text."]),
    ("", []),
    ("\n\n  \n", []),
])
def test_sentence_spans(text, sentences):
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == sentences
    assert spans == sorted(spans)


def test_sentence_spans_docstring_offsets():
    assert sentence_spans("A b. C d.\nE") == [(0, 4), (5, 9), (10, 11)]


@pytest.mark.parametrize("name", SEED_FILES)
def test_sentence_spans_cover_every_word_of_a_seed(name, seed_texts):
    text = seed_texts[name]
    spans = sentence_spans(text)
    covered = "".join(" " if not any(s <= i < e for s, e in spans) else ch for i, ch in enumerate(text))
    assert covered.split() == text.split()
    for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False):
        assert e1 <= s2 and not text[e1:s2].strip()


# chunking with the fake tokenizer --------------------------------------------------------------------


@pytest.mark.parametrize("name", SEED_FILES)
@pytest.mark.parametrize("max_tokens", [200, 60])
def test_seed_chunks_fake_tokenizer(name, max_tokens, seed_texts):
    embedder = HashEmbedder()
    text = seed_texts[name]
    chunks = chunks_of(name, text, embedder, max_tokens)
    check_chunks(text, chunks, embedder, max_tokens, exact_overlap=max_tokens == 200)
    if max_tokens == 60:
        assert len(chunks) > len(chunks_of(name, text, embedder, 200))


def test_no_overlap_setting(seed_texts):
    embedder = HashEmbedder()
    text = seed_texts["000_64165a36e853f229.txt"]
    check_chunks(text, chunks_of("d", text, embedder, 80, overlap=0), embedder, 80, overlap=0)


def test_overlap_of_two_sentences(seed_texts):
    embedder = HashEmbedder()
    text = seed_texts["001_f832bd7ba533dded.txt"]
    spans = sentence_spans(text)
    chunks = chunks_of("d", text, embedder, 120, overlap=2)
    check_chunks(text, chunks, embedder, 120, overlap=2)
    shared = [len([sp for sp in spans if b.start <= sp[0] and sp[1] <= a.end])
              for a, b in zip(chunks, chunks[1:], strict=False)]
    assert shared.count(2) >= len(shared) // 2


def test_no_chunk_repeats_only_the_overlap():
    """Two long sentences that do not fit together: three chunks, not a fourth holding only the second."""
    embedder = HashEmbedder()
    first = "Alpha " + " ".join(f"alpha{i}" for i in range(60)) + "."
    second = "Beta " + " ".join(f"beta{i}" for i in range(60)) + "."
    third = "Gamma " + " ".join(f"gamma{i}" for i in range(60)) + "."
    text = f"Short one. {first} {second} {third}"
    chunks = chunks_of("d", text, embedder, 100)
    assert [c.text for c in chunks] == ["Short one. " + first, second, third]
    check_chunks(text, chunks, embedder, 100)


def test_long_sentence_is_cut_not_truncated():
    embedder = HashEmbedder()
    long_sentence = " ".join(f"word{i}" for i in range(700)) + "."
    text = "A short opening sentence. " + long_sentence + " A short closing sentence."
    chunks = chunks_of("d", text, embedder, 100)
    assert len(chunks) >= 7
    assert max(embedder.count_tokens([c.text for c in chunks])) <= 100
    check_chunks(text, chunks, embedder, 100)
    # the fake tokenizer cuts words of up to 8 characters at word boundaries
    assert {w for c in chunks for w in c.text.split()} == set(text.split())


def test_empty_text_gives_no_chunks():
    embedder = HashEmbedder()
    assert chunks_of("d", "", embedder, 100) == []
    assert windows("  \n ", embedder.count_tokens, embedder.split_long, 100) == []


def covers_everything(text: str, chunks: list[Chunk]) -> None:
    assert chunks[0].start == 0 and chunks[-1].end == len(text)
    for a, b in zip(chunks, chunks[1:], strict=False):
        assert a.start < b.start <= a.end, "a gap between chunks"


def test_one_megabyte_line_without_spaces_fake_tokenizer():
    embedder = HashEmbedder()
    for text in ["x" * 1_000_000, "ab1," * 250_000]:
        chunks = chunks_of("big", text, embedder, 254)
        assert len(chunks) > 100
        assert max(embedder.count_tokens([c.text for c in chunks])) <= 254
        for c in chunks[:50] + chunks[-50:]:
            assert c.text == text[c.start : c.end]
        covers_everything(text, chunks)


# chunking with the real MiniLM tokenizer ----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_chunks_real_tokenizer(name, seed_texts, real_embedder):
    assert real_embedder.max_tokens == 254
    text = seed_texts[name]
    for max_tokens in (real_embedder.max_tokens, 200, 40):
        chunks = chunks_of(name, text, real_embedder, max_tokens)
        check_chunks(text, chunks, real_embedder, max_tokens, exact_overlap=max_tokens >= 200)
    # what the model itself sees: the chunk (plus [CLS] and [SEP]) fits its window, so nothing is cut off
    chunks = chunks_of(name, text, real_embedder, real_embedder.max_tokens)
    ids = real_embedder.model.tokenizer([c.text for c in chunks], truncation=False)["input_ids"]
    assert max(len(i) for i in ids) <= real_embedder.model.max_seq_length


@pytest.mark.slow
def test_one_megabyte_line_without_spaces_real_tokenizer(real_embedder):
    # one unknown 'word' of a million letters is a single [UNK] token for WordPiece
    rng = random.Random(7)
    blob = base64.b64encode(rng.randbytes(750_000)).decode()
    for text in ["x" * 1_000_000, blob]:
        assert len(text) == 1_000_000 and " " not in text
        chunks = chunks_of("big", text, real_embedder, real_embedder.max_tokens)
        assert len(chunks) > 100
        assert max(real_embedder.count_tokens([c.text for c in chunks])) <= real_embedder.max_tokens
        assert max(len(c.text) for c in chunks) <= real_embedder.max_tokens * MAX_CHARS_PER_TOKEN
        for c in chunks:
            assert c.text == text[c.start : c.end]
        covers_everything(text, chunks)


@pytest.mark.slow
def test_long_sentence_real_tokenizer(real_embedder):
    text = ("Intro sentence here. " + " ".join(f"Pakistan{i} Afghanistan{i}" for i in range(400)) + ". End.")
    chunks = chunks_of("d", text, real_embedder, 100)
    assert len(chunks) >= 16
    assert max(real_embedder.count_tokens([c.text for c in chunks])) <= 100
    assert_covers(text, chunks)
