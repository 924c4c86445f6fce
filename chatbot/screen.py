"""Is a sentence the model wrote an answer at all? Its [n] marks split off, "According to the passage," and
a closing "… in source [1]" cut off; a sentence about the passages, one that only repeats the question or
an unfinished one is not an answer (verify.py then checks what is left against the sources)."""

from __future__ import annotations

import functools
import re

import lemminflect

from .text import names, negated, numbers, own_question, terms, yes_no
from .wordforms import base_terms

_CITATION = re.compile(r"\s*\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_SOURCE_WORD = r"(?:sources?|passages?|texts?|articles?|documents?|sentences?|excerpts?|context|information|data)"
_META_PREFIX = re.compile(
    rf"^(?:(?:according to|based on|as (?:stated|mentioned|noted|described) in|from|in)\s+(?:the\s+)?(?:given\s+|"
    rf"provided\s+|above\s+)?{_SOURCE_WORD}(?:\s*\[?\d+\]?)?\s*,\s*|(?:the|this|these)\s+{_SOURCE_WORD}(?:\s*\[?\d+\]?)?"
    rf"\s+(?:says?|states?|mentions?|notes?|explains?|indicates?|suggests?|reports?|shows?)\s+(?:that\s+)?)", re.I)
# '... are brought up in source [1].' says where it read it at its end: the rest is the answer
_META_SUFFIX = re.compile(r",?\s+(?:(?:as\s+)?(?:stated\s+|mentioned\s+|given\s+|noted\s+)?in|according\s+to)"
                          r"\s+(?:the\s+)?(?:given\s+|provided\s+|above\s+)?(?:sources?|passages?|excerpts?)(?:\s*\[?\d+\]?)?"
                          r"(?=\s*[.!?]?\s*$)", re.I)
# 'Yes, the DS can …' states the rest; not 'Yes, but only in Japan.' (and 'No, it was not …' to a yes/no question)
_YES = re.compile(r"(?:yes|yeah|(no)(?!\.?\s*\d))\s*[,.!]\s*(?=\w)"  # not 'No. 1 seed …'
                  r"(?!(?:but|only|not|although|though|except|however|unless|if|partly)\b)", re.I)
_UNKNOWN = re.compile(r"\b(?:nothing|unknown|unclear|unspecified)\b", re.I)  # beside negated(): 'is unknown'
_META = re.compile(rf"\b(?:the|this|these|those|given|provided|above)\s+{_SOURCE_WORD}\b|"
                   r"\b(?:sources?|sentences?|passages?)\s*\[?\d", re.I)
# A sentence that ends in one of these words has lost its end (the model left out what came next).
# (Not a preposition: 'which made them very easy to eavesdrop on.' is finished.)
_DANGLING = re.compile(r"\b(is|are|was|were|be|been|being|has|have|had|of|the|a|an|and|or|but|that|than|its|their|"
                       r"his|her|our|your|my|this|these|those)\W*$", re.I)
_COPULA = re.compile(r"\s+(?:is|are|was|were)\s+(?:called\s+|named\s+|known\s+as\s+)?", re.I)
_BY_ITSELF = re.compile(r"\W*(?:(?:the|an?)\s+)?(.+?)\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:\w+ly\s+)?"
                        r"\w+\s+by\s+(.+)", re.I)
# the question's own frame said again ('… 6,000-strong, according to the 36th UN … Monitoring Team Report.' for '…
# according to the UN monitoring report?'): cut when it names a document, not a speaker, whose word must be checked
_FRAME = re.compile(r",?\s+according\s+to\s+(?P<end>[^,;.!?]+?)\s*(?=[.!?]?\s*$)|^according\s+to\s+(?P<start>[^,;]+?),"
                    r"\s*", re.I)
_DOCUMENT_WORDS = ("report reports survey surveys study studies figures data statistics estimate estimates analysis "
                   "research poll polls census index review op-ed editorial article paper")
_DOCUMENT = re.compile(rf"\b(?:{'|'.join(map(re.escape, _DOCUMENT_WORDS.split()))})\b", re.I)
_DOCUMENT_TERMS = frozenset(terms(_DOCUMENT_WORDS))
_REPEAT = re.compile(r"\b(\w[^.;:!?]{6,}?)(?:,? and |, )\1\b")  # a phrase said twice in a row


def _circular(text: str) -> bool:
    """Does the sentence say that a thing is itself, or is done by itself? 'The Haqqani network based in Kabul is
    the Haqqani network.' -> True; 'The network based in Kabul is the Haqqani network.' -> False; 'The Haqqani
    network is led by the Kabul-based Haqqani network.' -> True (found asking new questions: generated, shown, for
    'Who leads the Haqqani network?'); 'The Beatles' suits were bought by four suits worn by the Beatles …' -> True
    (found asking new questions)"""
    by = _BY_ITSELF.match(text)
    if by:  # the shared words must hold a name: 'The team was beaten by the home team.' is no circle (review)
        subject, agent = by.group(1).split(), re.findall(r"[\w'’-]+", by.group(2))
        shared_name = names(by.group(1), first=True) & names(by.group(2))
        # the agent's own noun ends it or its first phrase: '… were bought by four suits worn by the Beatles on …'
        head = re.findall(r"[\w'’-]+", re.split(r",|\s(?:who|which|that|worn|[a-z]+ed)\s", by.group(2))[0])
        if agent and subject[-1].lower() in {agent[-1].lower(), (head or agent)[-1].lower()} and shared_name and \
                base_terms(" ".join(subject)) <= base_terms(" ".join(agent)):
            return True
    parts = _COPULA.split(text, maxsplit=1)
    if len(parts) != 2:
        return False
    if not re.match(r"(?:the|an?)\s|[A-Z]", parts[1]):  # 'the Haqqani network', not '… he is facing'
        return False
    said = base_terms(parts[1])
    return bool(said) and said <= base_terms(parts[0]) and not numbers(parts[1]) - numbers(parts[0])


# the source the question named, said again as the subject: 'The Moscow to Kabul via Islamabad piece says the regional
# players carry the choice and the burden.' (calibration s192: refused, 'islamabad' is not in the source)
_SOURCE_SAYS = re.compile(r"(?:the|this)\s+(?P<named>(?:[\w'’-]+\s+){0,8}?)(?:piece|article|op-ed|analysis|essay|"
                          r"writer|author|story|commentary|column)\s+(?:says?|states?|argues?|notes?|writes?|suggests?|claims?)"
                          r"\s+(?:that\s+)?", re.I)


def _own_frame_cut(text: str, question: str) -> str:
    """The sentence without the question's own frame said again, when the frame ends in a document word and shares
    a word with the question's ('the 36th UN … Monitoring Team Report' for 'the UN monitoring report'), or neither
    names more than the document ('the op-ed'); kept when what is left only repeats the question ('allocated
    according to census data') or is empty. Not another source ('estimates by the Liberal Democrats', 'a Ministry
    of Defence report' for Tony Blair's word) nor a speaker: both are checked (review)."""
    says = _SOURCE_SAYS.match(text)
    if says and terms(says.group("named")) <= terms(question) and base_terms(text[says.end():]) - base_terms(question):
        return text[says.end()].upper() + text[says.end() + 1:]  # the op-ed's words, not its own: not 'The BBC article'
    frame, asked = _FRAME.search(text), re.search(r"\baccording\s+to\s+([^,?]+)", question, re.I)
    if not frame or not asked:
        return text
    said = frame.group("end") or frame.group("start")
    mine, theirs = terms(said) - _DOCUMENT_TERMS, terms(asked.group(1)) - _DOCUMENT_TERMS
    cut = (text[:frame.start()] + text[frame.end():]).strip()
    if not _DOCUMENT.fullmatch(said.split()[-1]) or not (mine & theirs or not mine and not theirs) or not cut or not (
            base_terms(cut) - base_terms(question) or numbers(cut) - numbers(question)):
        return text
    return cut[0].upper() + cut[1:]


def citations(sentence: str) -> tuple[str, list[int]]:
    """Split off [n] markers. 'Five trips [1][2, 3].' -> ('Five trips.', [1, 2, 3])"""
    found = [int(n) for m in _CITATION.finditer(sentence) for n in re.split(r"[,;]", m.group(1))]
    text = _CITATION.sub("", sentence).strip()
    return re.sub(r"\s+([.,;:!?])", r"\1", text), list(dict.fromkeys(found))


def screen(text: str, question: str) -> tuple[str, str]:
    """(the sentence with any 'According to the passage,' removed, why it is no answer or '').

    'According to source [2], five trips were made.' -> ('Five trips were made.', '')
    'The passage does not say.' -> (..., 'it talks about the sources, not the question')
    """
    text = _REPEAT.sub(r"\1", text)  # "13 formal demarches and 13 formal demarches" says it once
    m = _YES.match(text)
    # 'Yes, the DS can play …' states the rest ('Yes, iPod sales rose' keeps its 'iPod'); so does 'No, …' to a
    # yes/no question
    if m and (yes_no(question) or not m.group(1)):
        rest = text[m.end():]
        text = rest[0].upper() + rest[1:] if re.match(r"[a-z]+\b", rest) else rest
    text = _own_frame_cut(text, question)
    cut = _META_SUFFIX.sub("", text, count=1)
    if negated(cut) or _UNKNOWN.search(cut):  # 'The price is not (explicitly) stated in the passage.' says nothing
        cut = text
    stripped = _META_PREFIX.sub("", cut, count=1).strip()
    if stripped != text:  # "According to the passage, X." says X; "The passage says nothing." says nothing
        if not stripped or re.match(r"(?:nothing|no|not|none)\b", stripped, re.I) or not (
                base_terms(stripped) - base_terms(question) or numbers(stripped) - numbers(question)):
            return text, "it talks about the sources, not the question"
        text = stripped[0].upper() + stripped[1:]
    if not re.search(r"[^\W\d_]{2,}", text):
        return text, "no words"
    if _META.search(text):
        return text, "it talks about the sources, not the question"
    if _DANGLING.search(text):  # "The password of the museum is [1]." names the subject, not the answer
        return text, "unfinished sentence"
    if not (base_terms(text) - base_terms(question)) and not (numbers(text) - numbers(question)):
        return text, "it only repeats the question"  # also to a yes/no question (README: word checks see no roles)
    if _circular(text):
        return text, "it says a thing is itself"
    if _name_not_given(text, question):
        return text, "it does not give the name asked for"
    return text, ""


_NAME_OF_Q = re.compile(r"\s*what(?:'s|’s|\s+(?:is|was|were|are))\s+the\s+names?\s+of\s+(?:the\s+|an?\s+)?(.+?)\W*$",
                        re.I)
_NAMING = frozenset("is was are were be been called named known as the a an its their his her".split())


def _name_not_given(text: str, question: str) -> bool:
    """Does a sentence answering 'What was the name of the …?' say what the question names it by, with no new name
    beside that but across a deed? ('The Afghan national who carried out the G-11 Judicial Complex bombing was
    deployed by TTP/FAK leadership.', 'The March 2024 attack on a Moscow concert hall was attributed to ISIS-K.':
    calibration s148, s185, never said, both shown as generated); not 'The investment vehicle is Cubic Expression.'"""
    head = _named_thing(question)
    if not head or not re.search(rf"\b{re.escape(head)}s?\b", text, re.I):
        return False
    new = [m.start() for m in re.finditer(r"[\w'’/-]+", text) if m.start() and re.search(r"[A-Z]", m.group(0))
           and not terms(m.group(0)) <= terms(question)]  # 'iPod'
    return all(name_apart(text, at, question) for at in new)


def name_apart(text: str, at: int, question: str) -> bool:
    """Is the name at `at` apart from the words the text says the thing by whose name 'What was the name of the …?'
    asks: across a word neither the question's nor one naming ('… concert hall was attributed to ISIS-K', 'of')?
    Not across the question's own words ('The … player Jobs unveiled alongside the Mac mini is the iPod shuffle',
    calibration n603). False when the text has no such word, or the question asks no name."""
    head = _named_thing(question)
    if not head:
        return False
    spans = [(m.start(), m.group(0)) for m in re.finditer(r"[\w'’/-]+", text)]
    words = [w for _, w in spans]
    things = [i for i, w in enumerate(words) if w.lower() in (head, f"{head}s")]
    j = next((i for i, (s, w) in enumerate(spans) if s <= at < s + len(w)), None)
    if not things or j is None:
        return False
    asked = terms(question)

    def joins(k: int) -> bool:  # 'is the name of', the question's words; not 'of Nangarhar'
        w = words[k].lower()
        return w in _NAMING or bool(terms(w)) and terms(w) <= asked or w == "of" and words[k - 1].lower() == "name"

    # a name before the thing may go on in small letters: 'The iPod shuffle is the name of the … player' (n603)
    return not any(all(joins(k) for k in range(min(i, j) + 1 + (j < i and words[j + 1].islower()), max(i, j)))
                   for i in things)


@functools.lru_cache(maxsize=256)
def _named_thing(question: str) -> str:
    """The word 'What was the name of the …?' says the thing by: 'the Afghan national who …' -> 'national'."""
    m = _NAME_OF_Q.match(own_question(question))
    head = ""
    for word in re.findall(r"[\w'’-]+", m.group(1)) if m else []:
        lemmas = lemminflect.getAllLemmas(word.lower())
        if word.lower() in ("who", "that", "which", "whose", "where", "when") or word[0].isupper() and head \
                or "VERB" in lemmas and "NOUN" not in lemmas:
            break
        head = word.lower() if word[0].islower() else head
    return head
