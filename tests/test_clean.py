"""Boilerplate removal on the real seed articles and on synthetic text, near-duplicates and titles."""

from __future__ import annotations

import re

import pytest

from chatbot import clean
from chatbot.chunk import sentence_spans
from tests.conftest import SEED_FILES, SEEDS

# Every line of the seeds that is web boilerplate, by seed file, exactly as it appears in the raw file.
BOILERPLATE_LINES: dict[str, list[str]] = {
    "000_64165a36e853f229.txt": [
        "LEAVE A REPLY",
        "Please enter your comment!",
        "Please enter your name here",
        "Must Read",
        "Indian military challenges exposed as Pakistan-India tensions escalate",  # teaser headline
        "ISLAMABAD: As Pakistan-India tensions escalate over a deadly attack in Illegally Indian Occupied "
        # the teaser's excerpt
        "Jammu and Kashmir (IIOJK), experts warn that India's military shortcomings could...",
    ],
    "001_f832bd7ba533dded.txt": [
        "Source link",
        "Leave a Reply",
        "Discover more from Occasional Digest",
        "Subscribe now to keep reading and get access to the full archive.",
        "Continue reading",
    ],
    "002_1e5b2a263020c2f4.txt": [],
    "003_7bec4d67e398b8fb.txt": ["│", "▼", "│", "▼"],
}
# Sentences inserted into body paragraphs that point to other articles.
INSERTIONS: dict[str, list[str]] = {
    "003_7bec4d67e398b8fb.txt": [
        "If you enjoyed this piece, you should read: this related article.",
        "For another angle on this story, check out the recent update from Associated Press.",
    ],
}
# Phrases that must not survive anywhere in a cleaned seed (case-insensitive).
FORBIDDEN = [
    "LEAVE A REPLY", "Please enter your comment", "Please enter your name", "Source link", "Must Read",
    "Indian military challenges exposed", "experts warn that India's military shortcomings",
    "If you enjoyed this piece", "For another angle on this story", "Subscribe now", "Discover more from",
    "Continue reading", "Occasional Digest", "Associated Press", "this related article",
]
REPEATED = "This is not merely a diplomatic moment"
BOX_DRAWING = re.compile(r"^[\s\u2500-\u257f\u2580-\u259f\u25a0-\u25ff|+\-=_*~•·]+$")


def ws(text: str) -> str:
    return " ".join(text.split())


def raw(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def cleaned() -> dict[str, clean.Cleaned]:
    return {name: clean.clean(raw(name)) for name in SEED_FILES}


def test_the_boilerplate_lists_match_the_seed_files():
    for name in SEED_FILES:
        lines = [line.strip() for line in raw(name).splitlines()]
        for line in BOILERPLATE_LINES[name]:
            assert line in lines, (name, line)
        for sentence in INSERTIONS.get(name, []):
            assert sentence in raw(name)
    assert raw("000_64165a36e853f229.txt").count(REPEATED) == 2


@pytest.mark.parametrize("name", SEED_FILES)
def test_no_boilerplate_survives(name, cleaned):
    text = cleaned[name].text
    low = text.lower()
    for phrase in FORBIDDEN:
        assert phrase.lower() not in low, phrase
    for line in text.split("\n"):
        if line.strip():
            assert not BOX_DRAWING.match(line), f"decoration line kept: {line!r}"
            assert any(c.isalnum() for c in line), line
    for line in BOILERPLATE_LINES[name]:
        if any(c.isalnum() for c in line):
            assert line not in text.split("\n\n"), line


def test_the_repeated_paragraph_is_kept_once(cleaned):
    text = cleaned["000_64165a36e853f229.txt"].text
    assert text.count(REPEATED) == 1
    removed = [r for r in cleaned["000_64165a36e853f229.txt"].removed if r["rule"] == "repeated paragraph"]
    assert len(removed) == 1 and removed[0]["text"].startswith(REPEATED)
    # the kept copy stays where the article first had it, before the following paragraph
    assert text.index(REPEATED) < text.index("Russia’s decision to de-list the Afghan Taliban")


@pytest.mark.parametrize("name", SEED_FILES)
def test_every_body_sentence_survives(name, cleaned):
    text = ws(cleaned[name].text)
    boilerplate = set(BOILERPLATE_LINES[name])
    checked = 0
    seen_repeated = False
    for line in raw(name).splitlines():
        line = line.strip()
        if not line or line in boilerplate:
            continue
        if line.startswith(REPEATED):
            if seen_repeated:  # the second copy of the repeated paragraph: removed, its first copy is checked
                continue
            seen_repeated = True
        for inserted in INSERTIONS.get(name, []):
            if inserted in line:
                assert ws(inserted) not in text, inserted
                line = line.replace(inserted, "").strip()
        for s, e in sentence_spans(line):
            sentence = ws(line[s:e])
            assert sentence in text, f"{name}: sentence lost by cleaning: {sentence!r}"
            checked += 1
    assert checked >= 15, checked


@pytest.mark.parametrize("name", SEED_FILES)
def test_removed_records_name_rule_and_text(name, cleaned):
    removed = cleaned[name].removed
    for r in removed:
        assert set(r) == {"rule", "text"}
        assert r["rule"].strip() and r["text"].strip()
    expected = list(BOILERPLATE_LINES[name]) + list(INSERTIONS.get(name, []))
    if name.startswith("000"):
        expected.append("repeated paragraph")
    texts = [r["text"] for r in removed]
    assert len(removed) == len(expected)
    for line in BOILERPLATE_LINES[name] + INSERTIONS.get(name, []):
        assert ws(line) in [ws(t) for t in texts], line


def test_removed_rules_on_seeds(cleaned):
    rules = {(r["rule"], r["text"]) for doc in cleaned.values() for r in doc.removed}
    assert ("comment form", "LEAVE A REPLY") in rules
    assert ("comment form", "Please enter your comment!") in rules
    assert ("comment form", "Leave a Reply") in rules
    assert ("teaser heading", "Must Read") in rules
    assert ("teaser of another article",
            "Indian military challenges exposed as Pakistan-India tensions escalate") in rules
    assert ("source link", "Source link") in rules
    assert ("subscription prompt", "Discover more from Occasional Digest") in rules
    assert ("subscription prompt", "Continue reading") in rules
    assert ("decoration", "│") in rules and ("decoration", "▼") in rules
    assert ("read-next insertion",
            "If you enjoyed this piece, you should read: this related article.") in rules
    assert cleaned["002_1e5b2a263020c2f4.txt"].removed == []


def test_insertion_leaves_the_rest_of_the_paragraph(cleaned):
    text = cleaned["003_7bec4d67e398b8fb.txt"].text
    assert ("Russia requires a stable buffer zone against transnational jihadism, while the Taliban "
            "requires diplomatic legitimacy and economic insulation to consolidate its domestic "
            "authority.\n\n") in text
    assert "This security architecture relies on a clear cause-and-effect chain:\n\n" in text


def test_cleaned_text_is_blocks_separated_by_blank_lines(cleaned):
    for doc in cleaned.values():
        assert "\n\n\n" not in doc.text
        assert doc.text == doc.text.strip()
        for block in doc.text.split("\n\n"):
            assert block and "\n" not in block and block == block.strip() and "  " not in block


# Generic rules, on text that is not from the seeds --------------------------------------------------

ARTICLE = ("The city council approved the new budget on Tuesday after a debate that lasted most of the "
           "afternoon and drew residents from every district.")
LATER = "The mayor said the first projects would start in the spring, weeks earlier than planned."


def test_comment_and_subscription_prompts():
    out = clean.clean("\n".join([ARTICLE, "Leave a comment", "Sign up for our newsletter",
                                 "Your email address will not be published. Required fields are marked *",
                                 LATER, "Subscribe today", "12 Comments"]))
    assert out.text == ARTICLE + "\n\n" + LATER
    assert [r["rule"] for r in out.removed] == ["comment form", "subscription prompt", "comment form",
                                                "subscription prompt", "comment form"]


def test_related_articles_heading_and_its_teasers():
    out = clean.clean("\n".join([ARTICLE, "Related Articles", "Mayor resigns after budget row",
                                 "New bridge opens downtown", "Floods close three schools…", LATER]))
    assert out.text == ARTICLE + "\n\n" + LATER
    assert out.removed[0] == {"rule": "teaser heading", "text": "Related Articles"}
    assert {r["rule"] for r in out.removed[1:]} == {"teaser of another article"}
    assert len(out.removed) == 4


def test_read_more_insertion_inside_a_paragraph():
    out = clean.clean("The council met on Monday. Read more: Why the council matters. The vote is next week.")
    assert out.text == "The council met on Monday. The vote is next week."
    assert out.removed == [{"rule": "read-next insertion", "text": "Read more: Why the council matters."}]


def test_a_paragraph_mentioning_newsletter_is_kept():
    paragraph = ("In 1998 she started a newsletter for the farmers of the valley, typed on a borrowed "
                 "machine and carried from door to door, and within ten years it had become the region's "
                 "most trusted source of weather and market prices.")
    out = clean.clean(ARTICLE + "\n\n" + paragraph)
    assert out.text == ARTICLE + "\n\n" + paragraph
    assert out.removed == []


def test_headings_and_lists_are_kept():
    text = "Budget Day\nThe Vote\n- First item of the plan.\n- Second item: more money for schools."
    assert clean.clean(text).text == text.replace("\n", "\n\n")


def test_whitespace_and_line_endings_are_normalized():
    out = clean.clean("First\u00a0line  with\tspaces.\r\n\r\n\r\nSecond\u200b line.\r")
    assert out.text == "First line with spaces.\n\nSecond line."


def test_short_repeated_lines_are_not_treated_as_repeated_paragraphs():
    out = clean.clean("Background\nOne.\nBackground\nTwo.")
    assert out.text == "Background\n\nOne.\n\nBackground\n\nTwo."


def test_empty_and_all_boilerplate_input():
    assert clean.clean("").text == ""
    out = clean.clean("LEAVE A REPLY\n\nPlease enter your comment!\n───────")
    assert out.text == ""
    assert [r["rule"] for r in out.removed] == ["comment form", "comment form", "decoration"]


# Near-duplicates ---------------------------------------------------------------------------------------


def test_near_duplicates_flags_a_syndicated_copy(cleaned):
    original = cleaned["001_f832bd7ba533dded.txt"].text
    copy = (original.replace("Islamabad has received", "Pakistan has received", 1)
            .replace("positive and genuinely good", "positive and truly good", 1)
            .replace("The Pakistani agencies killed", "Pakistani agencies neutralised", 1))
    assert copy != original
    texts = {name: doc.text for name, doc in cleaned.items()}
    texts["zz_syndicated.txt"] = copy
    assert clean.near_duplicates(texts) == {"zz_syndicated.txt": "001_f832bd7ba533dded.txt"}
    # the earlier id is the original, whichever file is the copy
    texts = {"001_f832bd7ba533dded.txt": original, "000_syndicated.txt": copy}
    assert clean.near_duplicates(texts) == {"001_f832bd7ba533dded.txt": "000_syndicated.txt"}


def test_near_duplicates_leaves_different_articles_alone(cleaned):
    texts = {name: doc.text for name, doc in cleaned.items()}
    assert clean.near_duplicates(texts) == {}
    # sharing a paragraph is not being a copy
    shared = cleaned["000_64165a36e853f229.txt"].text.split("\n\n")[3]
    texts = {"a.txt": cleaned["002_1e5b2a263020c2f4.txt"].text + "\n\n" + shared,
             "b.txt": cleaned["003_7bec4d67e398b8fb.txt"].text + "\n\n" + shared}
    assert clean.near_duplicates(texts) == {}
    assert clean.near_duplicates({"a.txt": "", "b.txt": ""}) == {}


def test_exact_copies_are_duplicates():
    text = " ".join(f"word{i}" for i in range(50))
    assert clean.near_duplicates({"b.txt": text, "a.txt": text, "c.txt": text}) == {"b.txt": "a.txt",
                                                                                   "c.txt": "a.txt"}


# Titles ------------------------------------------------------------------------------------------------


def test_title_of_seeds(cleaned):
    assert clean.title_of(cleaned["000_64165a36e853f229.txt"].text) == "Moscow to Kabul via Islamabad"
    t = clean.title_of(cleaned["001_f832bd7ba533dded.txt"].text)
    assert t.startswith("The recent proposal by Russia to facilitate") and t.endswith("…")
    assert len(t) <= 81 and " " not in t[-2:]


def test_title_of_rules():
    assert clean.title_of("Body text.", hint="  The\u00a0Hint  Title ") == "The Hint Title"
    assert clean.title_of("x", hint="h" * 300) == "h" * 120
    assert clean.title_of("A Short Heading\n\nBody.") == "A Short Heading"
    assert clean.title_of("Short first sentence. Then more text follows here.") == "Short first sentence"
    long_sentence = "word " * 40 + "end."
    title = clean.title_of(long_sentence)
    assert title.endswith("…") and len(title) <= 81 and long_sentence.startswith(title[:-1])


@pytest.mark.parametrize("line", ["The findings were first reported by the Punchbowl newsletter.",
                                  "Join the talks in Doha to gain free access to the port."])
def test_short_real_sentences_about_newsletters_or_joining_are_kept(line):
    out = clean.clean(ARTICLE + "\n\n" + line)
    assert out.text.endswith(line) and out.removed == []


@pytest.mark.parametrize("line", ["Sign up for our newsletter", "Get our free newsletter in your inbox",
                                  "Newsletter", "Subscribe to our mailing list"])
def test_newsletter_prompts_are_removed(line):
    out = clean.clean(ARTICLE + "\n\n" + line)
    assert out.text == ARTICLE and out.removed[0]["rule"] == "subscription prompt"
