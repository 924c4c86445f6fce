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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .retrieve import Hit, openings
from .text import mentioned, names, sentence_spans, terms

if TYPE_CHECKING:
    from .store import Index

MAX_ALSO = 3  # other articles about a subject named above one's summary
MAX_LISTED = 8  # documents listed by their opening for the whole collection; a larger one by title
MAX_TITLES = 60  # documents listed by title
LEAD_WORDS = 75  # an article's summary: its opening sentences, up to about this many words
MAX_ARTICLES = 3  # 'Summarize the articles about Saab': the first few articles the search finds
WHICH = "Which one?"  # asked when one article was asked for and none named; the reply picks it (chosen())


@dataclass(frozen=True)
class Scope:
    """What an overview question asks for."""

    subject: str  # what the article(s) are about ('the Saab factory'); '' for the whole collection
    articles: int  # how many articles about the subject: 1 for 'the article', MAX_ARTICLES for 'the articles'
    nth: int = 0  # 'the second article': the second of the collection's list (file-name order); -1 the last
    end: bool = False  # what the article concludes: its closing sentences, not its opening


# 'article' and its kin mean the indexed documents, also with a word before them ('the Saab article');
# 'document', 'text' and 'file' are often things the articles talk about ('the UN document'), so only bare
_ARTICLE = r"(?:article|op-?ed|story|column|essay|piece|editorial)"
_DOCUMENT = r"(?:document|doc|text|file)"
_NOUN = (rf"(?P<noun>{_ARTICLE}s?|stories|{_DOCUMENT}s?|collection|library|corpus|news)"
         rf"(?:\s+of\s+(?:{_ARTICLE}s|stories|{_DOCUMENT}s))?")  # 'this collection of documents'
# a modifier's word: no preposition, article or participle ('the experts quoted in the article' is no title)
_WORD = (r"(?!(?:of|about|on|in|at|by|from|with|for|the|an?|this|that|these|those|its|their|his|her)\b)"
         r"(?!(?-i:[a-z][\w'’-]*(?:ed|ing))\b)[\w'’-]+")
# a word before the noun: 'the Saab article', 'the Moscow to Kabul via Islamabad op-ed' (a few for an article)
_WHICH = (r"(?:(?P<det>the|these|this|those|that|all(?:\s+(?:of\s+)?(?:the|these|my))?|my|your|each|every)\s+)?"
          rf"(?:(?P<mod>{_WORD}(?:\s+{_WORD}){{0,5}}?)\s+)?{_NOUN}")
_ON = r"(?:\s+(?:about|on|regarding|covering)\s+(?P<subject>.+?))?"
# what articles are looked for: not 'to break' ('Which stories are about to break?'), nor a pronoun
_FOUND = r"(?!to\b|(?:it|him|her|them|this|that|these|those|me|you|us)\s*[.?!]*\s*$)(?P<subject>\S.*?)"
_LEAD = r"(?:(?:so|ok|okay|hi|hello|hey|and|well|now)\b[,!.]?\s*)*(?:(?:can|could|would|will)\s+you\s+)?(?:please\s+)?"
_END = r"(?:\s+for\s+me)?(?:,?\s+please)?\s*[.?!]*\s*$"
_SUMMARY = r"(?:(?:a|an)\s+)?(?:short\s+|brief\s+|quick\s+)?(?:summary|overview|rundown|recap|gist)"
_POINT = (r"(?:main\s+|central\s+|key\s+|overall\s+)?(?:argument|point|idea|message|thesis|claim|takeaway|theme|"
          r"topic|subject)s?")
_SUMMARIZE = (rf"(?:summari[sz]e|sum\s+up|recap|describe|tell\s+me\s+about|tl;?\s*dr\s+(?:of|for|on)|"
              rf"(?:give|write)\s+(?:me\s+)?{_SUMMARY}\s+of|{_SUMMARY}\s+of|"
              rf"what(?:'s|’s|\s+is|\s+are)\s+the\s+(?:gist|summary|{_POINT})\s+of)")
_PATTERNS = (
    re.compile(rf"{_SUMMARIZE}\s+{_WHICH}{_ON}{_END}", re.I),  # 'Summarize the article about X'
    # 'What is the article about Glazer about?', 'What are the articles talking about?', 'What is the op-ed arguing?'
    re.compile(rf"what(?:'s|’s|\s+is|\s+are)\s+{_WHICH}{_ON}(?:\s+in\s+the\s+(?:collection|library|index))?"
               rf"\s+(?:all\s+)?(?:about|talking\s+about|arguing|saying){_END}", re.I),
    re.compile(rf"(?:what\s+(?:do|does)|tell\s+me\s+what)\s+{_WHICH}{_ON}\s+(?:say|cover|discuss|talk\s+about|"
               rf"contain|argue)s?{_END}", re.I),
    re.compile(rf"(?:summari[sz]e|sum\s+up|recap)\s+(?P<it>it|that|this){_END}", re.I),  # after a question
    re.compile(rf"(?:list|show(?:\s+me)?|what(?:'s|’s|\s+is)\s+in)\s+{_WHICH}{_END}", re.I),
    # 'Which documents do you have?', 'What topics are covered?', 'What kind of articles do you have?'
    re.compile(rf"(?:which|what|how\s+many)\s+(?:kinds?\s+of\s+)?(?P<kind>{_ARTICLE}s|stories|{_DOCUMENT}s|topics|subjects)\s+"
               rf"(?:are\s+(?:there|indexed|covered|discussed|available|in\s+(?:the\s+)?(?:index|library|collection))|"
               rf"do\s+(?:you|I|we)\s+(?:have|cover)|have\s+you\s+(?:got|read|indexed)|(?:do|does)\s+{_WHICH}\s+"
               rf"(?:cover|discuss)){_END}", re.I),
    re.compile(rf"(?:(?:give\s+me\s+)?{_SUMMARY}|summari[sz]e(?:\s+(?:everything|it\s+all|all))?|tl;?\s*dr|"
               r"what(?:'s|’s|\s+is|\s+are)\s+the\s+(?:main\s+)?(?:topics?|themes?|gist)|what\s+can\s+I\s+ask(?:\s+you)?"
               rf"(?:\s+about)?){_END}", re.I),
    # 'Which articles are about Qantas?', 'Are there any stories on Saab?', 'Which articles mention Barclays?'
    re.compile(rf"(?P<find>which|what)\s+{_WHICH}\s+(?:are|is)(?:\s+there)?\s+(?P<rel>about|regarding|covering)\s+"
               rf"{_FOUND}{_END}", re.I),
    re.compile(rf"(?P<find>which|what)\s+{_WHICH}\s+(?P<rel>mention|cover|discuss|talk\s+about|deal\s+with)s?\s+"
               rf"{_FOUND}{_END}", re.I),
    re.compile(rf"(?P<find>(?:is|are)\s+there|(?:do|does)\s+(?:you|I|we)\s+have)\s+(?:an?|any)\s+{_WHICH}\s+"
               rf"(?P<rel>about|on|regarding|covering|mentioning)\s+{_FOUND}{_END}", re.I),
    # 'What does the author of the railway article conclude?', 'How does the op-ed end?'
    re.compile(rf"what\s+(?:does|do|did)\s+the\s+(?P<author>author|writer)(?:\s+of\s+{_WHICH}{_ON})?\s+"
               rf"(?P<end>conclude){_END}", re.I),
    re.compile(rf"what\s+(?:does|do|did)\s+the\s+(?P<author>author|writer)\s+(?P<end>conclude)\s+in\s+{_WHICH}{_ON}"
               rf"{_END}", re.I),
    re.compile(rf"what\s+(?:does|do|did)\s+{_WHICH}{_ON}\s+(?P<end>conclude){_END}", re.I),
    re.compile(rf"(?:how\s+does\s+(?P<it>it)\s+(?P<ending>end|conclude)|what\s+does\s+(?P<its>it)\s+(?P<end>conclude))"
               rf"{_END}", re.I),  # after a question: 'How does it end?'
    re.compile(rf"(?:what(?:'s|’s|\s+is|\s+are)\s+the\s+(?P<end>conclusion)s?\s+of|how\s+does)\s+{_WHICH}{_ON}"
               rf"(?:\s+(?P<ending>end|conclude))?{_END}", re.I),
    # 'What is the author's main argument?': of the article the conversation is about
    re.compile(rf"what(?:'s|’s|\s+is)\s+the\s+(?P<author>author|writer)['’]s\s+(?:main\s+|central\s+)?"
               rf"(?:argument|point|message|thesis){_END}", re.I),
)
_GENERIC = frozenset("news indexed main whole entire full available uploaded other different two three four 4 several "
                     "some".split())
_ORDINALS = {w: n for n, w in enumerate("first second third fourth fifth sixth seventh eighth".split(), 1)} | {
    f"{n}{s}": n for n, s in zip(range(1, 9), "st nd rd th th th th th".split(), strict=True)} | {"last": -1}
_COLLECTIONS = frozenset("stories collection library corpus news".split())


def asked(question: str) -> Scope | None:
    """The overview a question asks for, or None for a question about something the documents say.

    'What are these articles about?' -> Scope('', 3); 'Summarize the article about the Saab factory.' ->
    Scope('the Saab factory', 1); 'Summarize the Saab article' -> Scope('Saab', 1); 'Summarize the second
    article' -> Scope('', 1, 2); 'What do the articles say about Saab?', 'What does the UN document say?' -> None
    """
    question = question.strip()
    start = re.match(_LEAD, question, re.I)
    m = next((m for p in _PATTERNS if (m := p.match(question, start.end() if start else 0))), None)
    if m is None:
        return None
    g = {k: (v or "") for k, v in m.groupdict().items()}
    noun, det, mod, subject = g.get("noun", "").lower(), g.get("det", "").lower(), g.get("mod", ""), g.get("subject")
    subject = subject or ""
    many = (not noun and not (g.get("author") or g.get("it") or g.get("its"))) or det in ("each", "every") or (
        bool(g.get("find")) or det.startswith("all") or noun.split(" ")[0] in _COLLECTIONS or noun.endswith("s"))
    end = bool(g.get("end") or g.get("ending"))
    if m.group(0).lower().startswith("how does") and not g.get("ending"):
        return None  # 'How does the article …' asks something else than how it ends
    if mod.lower() in _ORDINALS and not many:
        return Scope(subject.strip(), 1, _ORDINALS[mod.lower()], end)
    if mod and mod.lower() not in _GENERIC:
        if not re.match(rf"{_ARTICLE}s?\b|stories", noun):
            return None  # 'What does the UN document say?' asks what that document says
        subject = f"{mod} {subject}".strip()  # 'Summarize the Saab article'
    if subject and re.match(rf"{_DOCUMENT}s?$", noun) and not g.get("rel", "").lower().startswith("mention"):
        return None  # 'What is the main point of the document on Article 5?'
    listing = MAX_LISTED if g.get("find") and subject else MAX_ARTICLES  # 'Which articles are about X?': all found
    return Scope(subject.strip(), listing if many else 1, 0, end)


def chosen(reply: str, earlier: str, answer: str) -> Scope | None:
    """The article a reply to "Which one?", or to the collection's list, picks ('The second one.', 'The railway
    one', 'The one about the railway'), for the overview the earlier question asked; None otherwise."""
    scope = asked(earlier)
    if scope is None or not (answer.startswith(WHICH) or not scope.subject and not scope.nth and scope.articles > 1):
        return None  # it answers "Which one?" or a list of the collection
    words = reply.strip(" .?!")
    m = re.fullmatch(rf"(?:the\s+)?(\w+)(?:\s+(?:one|{_ARTICLE}|{_DOCUMENT}))?", words, re.I)
    if m and m.group(1).lower() in _ORDINALS:
        return replace(scope, nth=_ORDINALS[m.group(1).lower()], articles=1)
    m = re.fullmatch(rf"(?:the\s+)?(?:(?:one|{_ARTICLE}|{_DOCUMENT})\s+)?(?:about|on)\s+(.+)|(?:the\s+)?(.+?)\s+"
                     rf"(?:one|{_ARTICLE}|{_DOCUMENT})", words, re.I)
    return replace(scope, subject=m.group(1) or m.group(2), articles=1) if m else None


def content(history: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The earlier turns that asked about what the documents say: a question can follow up on those, not on
    'What are these articles about?' or the 'The second one.' that picked from its list."""
    return [(q, a) for i, (q, a) in enumerate(history)
            if not asked(q) and not (i and chosen(q, *history[i - 1]))]


def covered(subject: str, hits: Sequence[Hit]) -> bool:
    """Does one sentence of the passages found first, of one article, hold every word of the subject? Then
    'the article about the railway' is that article, though 'railway' alone is far in meaning from any passage
    (a subject whose words are scattered over an article is not: 'nuclear … energy')."""
    want = terms(subject)
    first = [h.chunk.text for h in hits if h.chunk.doc == hits[0].chunk.doc] if hits else []
    return bool(want) and any(want <= terms(t[s:e]) for t in first for s, e in sentence_spans(t))


def earlier(history: Sequence[tuple[str, str]], standalone: Callable[[int], str]) -> tuple[str, int]:
    """What 'the article' means after earlier turns (latest last), as (subject, nth): the subject of the last
    question, through overview questions about it and picks from a list ('The second one.'); `standalone(i)`
    is earlier question i as it was searched. ('', 0) when the last overview before was of the collection."""
    for i in range(len(history) - 1, -1, -1):
        scope = asked(history[i][0]) or (chosen(history[i][0], *history[i - 1]) if i else None)
        if scope is None:
            return standalone(i), 0
        if scope.subject or scope.articles > 1 or scope.nth:
            return scope.subject, scope.nth
    return "", 0


_PROSE = re.compile(r"[.!?][\"'”’)]*$")  # a sentence, not a heading ('Moscow to Kabul via Islamabad')


def _prose(sentence: str) -> bool:
    """A sentence of the text, not a heading ('The Trans-Afghan Railway Project')."""
    return len(sentence.split()) >= 6 and _PROSE.search(sentence) is not None


def _sentences(hits: Sequence[Hit]) -> list[tuple[Hit, int, int]]:
    """One document's sentences in these passages, in text order, as (hit, start, end): no headings, and the
    sentence a passage repeats from the one before only once (passages overlap by a sentence)."""
    out: list[tuple[Hit, int, int]] = []
    done = 0
    for hit in hits:
        for s, e in sentence_spans(hit.chunk.text):
            if _prose(hit.chunk.text[s:e]) and hit.chunk.start + s >= done:
                out.append((hit, s, e))
                done = hit.chunk.start + e
    return out


def _take(spans: Sequence[tuple[Hit, int, int]], words: int) -> list[tuple[Hit, int, int]]:
    """The first of these sentences, up to about `words` words (at least one)."""
    out: list[tuple[Hit, int, int]] = []
    used = 0
    for hit, s, e in spans:
        n = len(hit.chunk.text[s:e].split())
        if out and used + n > words:
            break
        out.append((hit, s, e))
        used += n
        if used >= words:
            break
    return out


def opening(hits: Sequence[Hit], words: int = LEAD_WORDS) -> list[tuple[Hit, int, int]]:
    """One document's opening sentences, from its first passages: up to about `words` words (at least one)."""
    return _take(_sentences(hits), words)


def heading(hits: Sequence[Hit]) -> list[tuple[Hit, int, int]]:
    """A document's heading, the line its text opens with (from its first passage), or []."""
    first = next((h for h in hits if h.chunk.index == 0), None)
    spans = sentence_spans(first.chunk.text) if first else []
    return [(first, *spans[0])] if first and spans and not _PROSE.search(first.chunk.text[slice(*spans[0])]) else []


def closing(hits: Sequence[Hit], words: int = LEAD_WORDS) -> list[tuple[Hit, int, int]]:
    """One document's closing sentences, from its last passages, in text order: up to about `words` words, at
    least the last sentence."""
    return _take(_sentences(hits)[::-1], words)[::-1]


def summarize(index: Index, scope: Scope, hits: Sequence[Hit], ranked: Sequence[tuple[Hit, int, int]] = ()
              ) -> tuple[str, list[tuple[str, Hit, int, int]]]:
    """The overview's answer: a line above it ('' for none) and the sentences it quotes, each with what goes
    before it (a bullet and the document's title) as (before, hit, start, end).

    The whole collection: each document's first sentence, in file-name order; its nth document. A subject:
    the opening of the article found first (`hits`) and its best sentence about the subject (`ranked`, best
    first: the railway in the article about the Trans-Afghan railway, which opens with Moscow's policy), or
    for 'the articles about X' the first sentence of that one and of the next few found whose passages
    hold every word of X."""
    indexed = sorted({c.doc for c in index.chunks})  # not a near-duplicate, which has no passages
    others: list[str] = []  # more articles about the subject than were asked for
    if scope.subject:
        found = list(dict.fromkeys(h.chunk.doc for h in hits))
        want, named = terms(scope.subject), names(scope.subject, first=True)  # 'Barclays' is no 'Barclay twins'
        texts = {d: " ".join(h.chunk.text for h in hits if h.chunk.doc == d) for d in found[1:]}
        matching = [d for d, text in texts.items() if want <= terms(text) and all(mentioned(n, text) for n in named)]
        docs, others = found[:1] + matching[:scope.articles - 1], matching[scope.articles - 1:]
    elif scope.nth:
        docs = indexed[scope.nth - 1:scope.nth] if scope.nth > 0 else indexed[-1:]
    else:
        docs = indexed
    if not docs:
        return f"There are only {len(indexed)} documents.", []
    titles = not scope.subject and not scope.end and len(docs) > MAX_LISTED  # a larger collection: by title
    listed = docs[:MAX_TITLES if titles else MAX_LISTED]
    heads = openings(index, listed, last=scope.end)
    own = {doc: [h for h in heads if h.chunk.doc == doc] for doc in listed}
    words = 1 if len(docs) > 1 else LEAD_WORDS // 2 if scope.subject and not scope.end else LEAD_WORDS
    lines = [(own[doc], (heading(own[doc]) if titles else []) or (closing if scope.end else opening)(own[doc], words))
             for doc in own]
    quoted = [(("\n- " if len(docs) > 1 else "") + ("" if titles and not _prose(hit.chunk.text[start:end]) else label(
               hit.chunk.title, index.docs[hit.chunk.doc].text)) if i == 0 else "", hit, start, end)
              for _, lead in lines for i, (hit, start, end) in enumerate(lead)]
    part = "closing" if scope.end else "opening"
    if len(docs) < 2:  # room was left for the subject's line
        about = [] if scope.end else _about(scope, quoted, ranked)
        return (_also(index, scope, others) if quoted else ""), quoted + about
    if scope.subject:
        return f"The documents found about {scope.subject}, each by its {part}:", quoted
    return introduce(len(indexed), len(own), scope.articles == 1 and not scope.nth, "title" if titles else part), quoted


def _also(index: Index, scope: Scope, others: Sequence[str]) -> str:
    """The line above one article's summary when more are about its subject, naming them, so that the reader
    knows the choice made ('the Qantas article' of two): 'The first of 2 articles found about Qantas (also:
    Qantas considers offshore option):'; '' for none."""
    if not others:
        return ""
    names = [index.docs[d].title.rstrip("…").strip() or d for d in others[:MAX_ALSO]]
    more = f" and {len(others) - MAX_ALSO} more" if len(others) > MAX_ALSO else ""
    return f"The first of {len(others) + 1} articles found about {scope.subject} (also: {'; '.join(names)}{more}):"


def _about(scope: Scope, quoted: Sequence[tuple[str, Hit, int, int]], ranked: Sequence[tuple[Hit, int, int]]
           ) -> list[tuple[str, Hit, int, int]]:
    """The article's best sentence about the subject, after its opening (none when the opening has it)."""
    if not scope.subject or not quoted:
        return []
    doc, end = quoted[-1][1].chunk.doc, max(h.chunk.start + e for _, h, _, e in quoted)
    best = next(((h, s, e) for h, s, e in ranked if h.chunk.doc == doc and _prose(h.chunk.text[s:e])), None)
    return [("… ", *best)] if best and best[0].chunk.start + best[1] >= end else []


def label(title: str, text: str) -> str:
    """How a document (`text`) is named before its quoted lines: its title when it has one (a heading, or a
    title of its own), nothing when the title is only its first words ('The recent proposal by Russia to…',
    'It is official')."""
    first = text.lstrip()
    cut = title.rstrip("…").strip()
    made = first.startswith(cut) and (title.endswith("…") or first[len(cut):len(cut) + 1] not in ("\n", ""))
    return "" if made else f"{title}: "


def introduce(documents: int, listed: int, which: bool = False, part: str = "opening") -> str:
    """The line above the list of the whole collection; `which`: the question asked about one article."""
    if which:
        return f"{WHICH} {introduce(documents, listed, False, part)}"
    if documents > listed:
        return f"{documents} documents are indexed. The first {listed} by file name, each by its {part}:"
    if part == "title":
        return f"The {documents} indexed documents, by title:"
    if documents == 1:
        return f"1 document is indexed. Its {part}:"
    return f"The {documents} indexed documents, each by its {part}:"
