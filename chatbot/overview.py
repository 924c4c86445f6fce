"""Questions about the documents themselves rather than a fact in them: 'What are these articles about?',
'Summarize the article about the Saab factory', 'What is the main argument of the op-ed?'.

A search for such a question finds nothing close ('What are these articles about?': similarity 0.18), so
the gate said "not found", yet the documents do answer it: an article's opening sentences (a news story's
lead) say what it is about. These questions are answered from the openings, quoted and cited like any
quote, without the model: one line per document for the whole collection; for 'the article about X', the
opening of the article a search for X finds first, behind the same gate as any question ('Summarize the
article about Ukraine' is "not found" when no document names Ukraine).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .retrieve import Hit, openings
from .text import sentence_spans, terms

if TYPE_CHECKING:
    from .store import Index

MAX_LISTED = 8  # documents listed for the whole collection (the Library tab lists them all)
LEAD_WORDS = 75  # an article's summary: its opening sentences, up to about this many words
MAX_ARTICLES = 3  # 'Summarize the articles about Saab': the first few articles the search finds


@dataclass(frozen=True)
class Scope:
    """What an overview question asks for."""

    subject: str  # what the article(s) are about ('the Saab factory'); '' for the whole collection
    articles: int  # how many articles about the subject: 1 for 'the article', MAX_ARTICLES for 'the articles'


_DOC = r"(?:article|document|doc|text|file|source|story|piece|op-?ed|column|essay)"
_DOCS = rf"(?:{_DOC}s|stories|collection|library|index|corpus)"
_THE = r"(?:the|these|this|those|that|all(?:\s+(?:of\s+)?(?:the|these|my))?|my|your|each|every)"
_WHICH = rf"(?P<which>{_THE}\s+(?:\w+\s+)?(?:(?P<many>{_DOCS})|{_DOC}))"  # 'the op-ed', 'these news articles'
_ON = r"(?:\s+(?:about|on|regarding|covering)\s+(?P<subject>.+?))?"
_END = r"(?:,?\s+please)?\s*[.?!]*\s*$"
_SUMMARIZE = (r"(?:please\s+)?(?:summari[sz]e|sum\s+up|recap|(?:give|write)\s+(?:me\s+)?(?:a|an)\s+"
              r"(?:short\s+|brief\s+|quick\s+)?(?:summary|overview|rundown|recap)\s+of|(?:a\s+)?(?:summary|overview|gist)\s+of|"
              r"what(?:'s|’s|\s+is)\s+the\s+(?:gist|summary)\s+of|what(?:'s|’s|\s+is|\s+are)\s+the\s+(?:main\s+|"
              r"central\s+|key\s+|overall\s+)?(?:argument|point|idea|message|thesis|claim|takeaway|theme|topic|"
              r"subject)s?\s+of)")
_PATTERNS = (
    re.compile(rf"{_SUMMARIZE}\s+{_WHICH}{_ON}{_END}", re.I),  # 'Summarize the article about X'
    re.compile(rf"what(?:'s|’s|\s+is|\s+are)\s+{_WHICH}{_ON}\s+(?:all\s+)?about{_END}", re.I),
    re.compile(rf"what\s+(?:do|does)\s+{_WHICH}\s+(?:say|cover|discuss|talk\s+about|contain|argue){_END}", re.I),
    re.compile(rf"(?:list|show)(?:\s+me)?\s+{_WHICH}{_END}", re.I),
    # 'Which documents do you have?', 'What topics are covered?', 'What topics do the articles cover?'
    re.compile(rf"(?:which|what)\s+(?P<many>{_DOCS}|topics|subjects)\s+(?:are\s+(?:there|indexed|covered|available|"
               rf"in\s+(?:the\s+)?(?:index|library|collection))|do\s+(?:you|I|we)\s+have|have\s+you\s+(?:got|read|"
               rf"indexed)|(?:do|does)\s+{_THE}\s+(?:\w+\s+)?{_DOCS}\s+(?:cover|discuss)){_END}", re.I),
    re.compile(rf"(?:(?:(?:give\s+me\s+)?(?:a|an)\s+)?(?:summary|overview|summari[sz]e|recap)|what\s+can\s+I\s+ask"
               rf"(?:\s+you)?(?:\s+about)?){_END}", re.I),
)


def asked(question: str) -> Scope | None:
    """The overview a question asks for, or None for a question about something the documents say.

    'What are these articles about?' -> Scope('', 3); 'Summarize the article about the Saab factory.' ->
    Scope('the Saab factory', 1); 'What do the articles say about Saab?' -> None (a question like any other)
    """
    for pattern in _PATTERNS:
        m = pattern.match(question.strip())
        if m:
            groups = m.groupdict()
            many = bool(groups.get("many")) or not groups.get("which")
            return Scope((groups.get("subject") or "").strip(), MAX_ARTICLES if many else 1)
    return None


def subject_of(earlier: str) -> str:
    """What 'the article' means after an earlier question: the article that question was about."""
    scope = asked(earlier)
    return scope.subject if scope else earlier


_PROSE = re.compile(r"[.!?][\"'”’)]*$")  # a sentence, not a heading ('Moscow to Kabul via Islamabad')


def opening(hits: Sequence[Hit], words: int = LEAD_WORDS) -> list[tuple[Hit, int, int]]:
    """One document's opening sentences, from its first passages in text order: (hit, start, end) of each,
    up to about `words` words (at least one sentence). Headings and the title are skipped."""
    out: list[tuple[Hit, int, int]] = []
    used = 0
    for hit in hits:
        text = hit.chunk.text
        for s, e in sentence_spans(text):
            n = len(text[s:e].split())
            if n < 6 or not _PROSE.search(text[s:e]):
                continue
            if out and used + n > words:
                return out
            out.append((hit, s, e))
            used += n
            if used >= words:
                return out
    return out


def summarize(index: Index, scope: Scope, hits: Sequence[Hit]) -> tuple[str, list[tuple[str, Hit, int, int]]]:
    """The overview's answer: a line above it ('' for none) and the sentences it quotes, each with what goes
    before it (a bullet and the document's title) as (before, hit, start, end).

    The whole collection: each document's first sentence, in file-name order. A subject: the opening of the
    article found first (`hits`), or for 'the articles about X' the first sentence of each of the first few
    found."""
    # after the first, only articles whose passages found have every word of the subject ('Glazer')
    want = terms(scope.subject)
    found = [d for i, d in enumerate(dict.fromkeys(h.chunk.doc for h in hits))
             if i == 0 or want <= terms(" ".join(h.chunk.text for h in hits if h.chunk.doc == d))][:scope.articles]
    docs = found if scope.subject else sorted(index.docs)
    listed = docs[:MAX_LISTED]
    heads = openings(index, listed)
    quoted: list[tuple[str, Hit, int, int]] = []
    for doc in listed:
        lead = opening([h for h in heads if h.chunk.doc == doc], LEAD_WORDS if len(listed) == 1 else 1)
        for i, (hit, start, end) in enumerate(lead):
            before = ("\n• " if len(listed) > 1 else "") + label(hit.chunk.title, hit.chunk.text[start:end])
            quoted.append((before if i == 0 else "", hit, start, end))
    if not quoted or (scope.subject and len(listed) == 1):
        return "", quoted
    if scope.subject:
        return f"The documents found about {scope.subject}, each by its opening:", quoted
    return introduce(len(docs), len(listed)), quoted


def label(title: str, first: str) -> str:
    """How a document is named before its opening: its title, or nothing when the title only cuts the opening
    short (a document without a heading is titled by its first words)."""
    cut = title.rstrip("…").strip()
    return "" if title.endswith("…") and first.startswith(cut) or first.startswith(title) else f"{title}: "


def introduce(documents: int, listed: int) -> str:
    """The line above the list of the whole collection."""
    if documents > listed:
        return (f"{documents} documents are indexed (the Library tab lists them all). The first {listed} by file "
                "name, each by its opening:")
    if documents == 1:
        return "1 document is indexed. It opens:"
    return f"The {documents} indexed documents, each by its opening:"
