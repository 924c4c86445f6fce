"""Who holds an office: which office a question asks the holder of, in the words an article may use for it, and
whether a line names someone beside such words. 'Who runs British Airways?' is answered by 'Rod Eddington, BA's
chief executive, said …', 'qantas ceo?' by '… chief executive Geoff Dixon explained.' The search and the ranking
read it: a line that names the holder shares few words with such a question (found asking new questions: five of
them refused or quoting another line)."""

from __future__ import annotations

import re

from .peoples import COUNTRY_OF, WORD_OF_PLACE, as_people
from .text import (
    HONORIFICS,
    STOPWORDS,
    as_acronym,
    by_initials,
    earlier_question,
    mentioned,
    names,
    own_question,
    spelled_in,
)

# the words an article may use for one office, by the words a question may use for it
_CHIEF = ("chief executive", "ceo", "boss", "managing director", "general manager", "head of", "head", "chief")
# who runs or heads a body may be its president, chair or leader too ('GM Europe president Carl-Peter Forster',
# 'Trevor Phillips, chair of the Commission for Racial Equality')
_HEAD = (*_CHIEF, "president", "chairman", "chairwoman", "chair", "leader")
_FINANCE = ("finance director", "financial director", "chief financial officer", "cfo", "finance chief")
_CHAIR = ("chairman", "chairwoman", "chairperson", "chair")
# ('Who co-chairs the Conservative Party?' was answered "The Conservative Party Co-Chairman said …": calibration n570)
_CO_CHAIR = ("co-chairman", "co-chairwoman", "co-chair", "co-chairperson")
_SPOKES = ("spokesman", "spokeswoman", "spokesperson")
# a country's top diplomat, its FM, who heads its foreign ministry ('Deputy Prime Minister and Foreign Minister Ishaq
# Dar': calibration s257, s260, s269, each refused or quoting another line)
_FOREIGN = ("foreign minister", "foreign secretary", "secretary of state")
# who is second in command is a deputy ('Deputy Prime Minister and Foreign Minister Ishaq Dar': calibration s268);
# not who is number two, which may be a chart's
_DEPUTY = ("deputy prime minister", "deputy leader", "deputy chief executive", "deputy chairman", "deputy")
DEPUTY_Q = re.compile(r"\bsecond[\s-]+in[\s-]+command\b", re.I)
_FOREIGN_Q = re.compile(r"\b(?:top\s+diplomat|fm(?!\s+(?:radio|station))|foreign\s+(?:ministry|office))\b", re.I)
_SAID_AS = {
    "executive": _CHIEF, "ceo": _CHIEF, "boss": _HEAD, "head": _HEAD, "chief": _CHIEF, "runs": _HEAD,
    "run": _HEAD, "heads": _HEAD, "leads": _HEAD, "manages": _CHIEF, "managing": _CHIEF,
    "cfo": _FINANCE, "finance": _FINANCE, "financial": _FINANCE,
    "chairman": _CHAIR, "chairwoman": _CHAIR, "chair": _CHAIR, "chairs": _CHAIR, "chairperson": _CHAIR,
    "co-chairman": _CO_CHAIR, "co-chairwoman": _CO_CHAIR, "co-chair": _CO_CHAIR, "co-chairs": _CO_CHAIR,
    "spokesman": _SPOKES, "spokeswoman": _SPOKES, "spokesperson": _SPOKES,
    "manager": ("manager", "boss"), "coach": ("coach", "manager", "boss"),
}
# a central bank's governor is its head ('… said Sureyya Serdengecti, head of the Turkish Central Bank', calibration
# n525); not a state's ('… head of the California Department of Health' governs no state)
_BANK_GOVERNOR = ("governor", "head of", "head")
# other offices, said as asked
_OFFICES = frozenset("""editor founder leader minister secretary president chancellor governor commander captain owner
judge mayor envoy ambassador director producer prosecutor adviser advisor representative justice""".split())
# 'What is the name of Pakistan's special representative …?' asks who too (calibration s142: 'ISI' in bold)
_WHO = re.compile(r"\s*(?:(?:and|so|but|then)\s+)?(?:who(?:'s|’s|\s+(?:is|was|are|were|will\s+be))?|"
                  r"what(?:'s|’s|\s+is|\s+was)\s+the\s+name\s+of)\s+(.*)", re.I)
_VERB = re.compile(r"(runs|heads|leads|manages|chairs|co-chairs)\b", re.I)
_END = re.compile(r"\s+(?:in|of|at|for|on|to|with|behind|from|who|that|when|during|under|over)\b|[?,]", re.I)
_HONORIFIC = r"(?:(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Dame)\.?\s+)"
# 'Carl-Peter Forster', 'Dr John E. Kelly'
_NAME = rf"(?:{_HONORIFIC}(?:[A-Z][\w'’-]+\s+)?(?:[A-Z]\.\s+)*[A-Z][\w'’-]+|" \
        rf"[A-Z][a-z'’]+(?:-[A-Za-z][a-z'’]+)*(?:\s+[A-Z]\.)*(?:\s+[A-Z][\w'’-]+)+)"


def asked_office(question: str) -> tuple[str, ...]:
    """The words an article may use for the office whose holder the question asks for; () when it asks none.

    'Who runs Nintendo in the UK?' -> ('chief executive', 'ceo', 'boss', …, 'general manager', …); 'Who is the
    finance director at Qantas?' -> ('finance director', …, 'chief financial officer', …); 'qantas ceo name' too.
    'Who is Ishaq Dar?' or 'Who won?' ask none.
    """
    m = _WHO.match(question)
    asks_who = bool(m) or not re.match(r"\s*(?:what|which|when|where|why|how)\b", question, re.I)
    if _FOREIGN_Q.search(question) and asks_who:
        return _FOREIGN
    if DEPUTY_Q.search(question) and asks_who:
        return _DEPUTY
    if m:
        rest = m.group(1)
        verb = _VERB.match(rest)
        if verb:
            return _SAID_AS[verb.group(1).lower()]
        rest = re.sub(r"^(?:the|a|an)\s+|^.*?['’]s\s+", "", rest)  # 'Manchester United's chief executive'
        role = _END.split(rest)[0].lower().split()
    elif not re.match(r"\s*(?:what|which|when|where|why|how|whose|whom|is|are|was|were|do|does|did)\b", question,
                      re.I):
        role = re.findall(r"[a-z][\w'’-]*", question.lower())  # 'qantas ceo name'
    else:
        return ()
    if not role or len(role) > 3:
        return ()
    # the office is its last word, of the kind its first says ('finance director', 'executive producer')
    if role[0] in ("finance", "financial") and role[-1] in ("director", "officer", "chief", "boss") or "cfo" in role:
        return _FINANCE
    if len(role) > 1 and role[-1] == "executive" and role[-2] == "chief" or role[-1] in _SAID_AS and len(role) == 1:
        return _SAID_AS[role[-1]]
    found = [w for w in role if w in _SAID_AS or w in _OFFICES]
    if not found:
        return ()
    if len(role) > 1 and role[-1] in _OFFICES and role[-2] not in ("chief", "managing", "general"):
        if role[0] in _UNDER and m:
            return (" ".join(role),)  # 'deputy prime minister'
        return (" ".join(role[-2:]),) if role[-2].isalpha() and m else (role[-1],)
    word = found[-1]
    if word == "governor" and re.search(r"\bbank\b", question, re.I):
        return _BANK_GOVERNOR
    return _SAID_AS.get(word, (word,))


def said_office(question: str) -> set[str]:
    """The question's own words for the office it asks the holder of: 'Who is the boss of Toshiba Elevator and
    Building Systems?' -> {'boss'}; 'Who runs British Airways?' -> {'runs'}; none when it asks no office."""
    if not asked_office(question):
        return set()
    said = _FOREIGN_Q.search(question) or DEPUTY_Q.search(question)  # 'top diplomat', 'second in command'
    return {w for w in re.findall(r"[a-z]+", question.lower()) if w in _SAID_AS or w in _OFFICES} | \
        (set(re.findall(r"[a-z]+", said.group(0).lower())) if said else set())


def holds_office(line: str, offices: tuple[str, ...]) -> bool:
    """Does the line name someone as holding one of these offices? ('Rod Eddington, BA's chief executive, said …',
    ('chief executive', …)) -> True; 'The chief executive said nothing.' -> False: no one named."""
    return bool(holders(line, offices))


def holders(line: str, offices: tuple[str, ...], present: bool = False) -> list[str]:
    """Who the line names as holding one of these offices; `present`: holding it now, not a 'former' one. ('… said
    chief financial officer Peter Gregg.', ('chief financial officer', …)) -> ['Peter Gregg']"""
    if not offices:
        return []
    # not a 'chief' of another kind: 'chief financial officer Peter Gregg' is no chief executive
    said = f"(?:{_alternation(offices)}){_OTHER_CHIEF}"
    # 'Deputy Prime Minister and Foreign Minister Ishaq Dar' is both
    after = rf"(?i:\b(?:{said}))(?:\s+of\s+(?:the\s+)?[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*)*)?" \
            rf"(?:\s+and(?:\s+[A-Z][\w'’-]*){{1,3}})?,?\s+({_NAME})"
    before = rf"({_NAME}),\s+((?:[\w'’&-]+\s+){{0,5}}?)(?i:(?:{said}))\b"
    found = [(m.group(1), line[max(0, m.start() - 24):m.start()]) for m in re.finditer(after, line)]
    found += [(m.group(1), m.group(2) + line[m.end(2):m.end()]) for m in re.finditer(before, line)]
    # '… Michael Portillo makes some of his money as a non-executive director of BAE Systems'
    as_ = rf"({_NAME})\b[^.;:,\"“”]{{0,60}}?\b(?:as|is|was|became)\s+(?:(?:the|a|an|its)\s+)?" \
          rf"(?:[\w'’-]+\s+){{0,2}}?(?i:(?:{said}))\b"
    found += [(m.group(1), m.group(0)[len(m.group(1)):]) for m in re.finditer(as_, line)
              if not (present and _WAS.search(m.group(0))) and not _MAY.search(m.group(0))
              and not _NOT.search(m.group(0))]
    # nor is a deputy the office ('Deputy Prime Minister … Ishaq Dar' is no prime minister), unless it is asked
    under = [w for w in _UNDER if not any(w in o.split() for o in offices)]
    return [name for name, near in found if not (present and _FORMER.search(near))
            and not (under and re.search(rf"\b(?:{'|'.join(under)})\W*$", near, re.I))]


_UNDER = ("deputy", "vice", "assistant", "shadow", "acting")
_OTHER_CHIEF = (r"(?!\s+(?:financial|finance|operating|technology|technical|information|marketing|medical|economist|"
                r"of\s+staff|constable|inspector|executive))")
# a holder no longer: 'Charlie Bell, the straight-talking former head of …' is no answer to 'Who is the head …?'
# nor one who left it: '… the resignation of immigration minister Beverley Hughes last year' (calibration n568)
_FORMER = re.compile(r"\b(?:former|ex|then|late|outgoing|previous|one-time|predecessor|resign(?:ed|s|ation)?|"
                     r"sacked|ousted)\b", re.I)
# 'Mr Bell took over as chief executive' was; '… Robert Kilroy-Silk can deliver better as a leader' is not (found
# asking new questions: "Robert Kilroy-Silk heads UKIP", generated)
_MAY = re.compile(r"\b(?:can|could|would|will|may|might|should|must|to|if)\b", re.I)
# nor is one who is not: '… David Blunkett has become a paid adviser to Indepen Consulting Limited now he is not home
# secretary' names no home secretary (calibration n538: 'Indepen Consulting Limited', then Mr Blunkett, in bold)
_NOT = re.compile(r"\b(?:not|never|no\s+longer)\b|n['’]t\b", re.I)
_WAS = re.compile(r"\b(?:took|was|were|became|served|had|spent)\b", re.I)
_PAST_Q = re.compile(r"\b(?:was|were|ran|headed|led|chaired|managed|used\s+to|former|previous|then)\b", re.I)


def holder_unsaid(sentence: str, question: str, line: str, article: str) -> str:
    """Why a sentence naming who holds the office a question asks about is not said by its line, or ''. The line
    must name that person beside the office's words (`holder_missing`) ('apple ceo?' answered 'Apple CEO was Jim
    Cantalupo.' from '… his predecessor as CEO, Jim Cantalupo, …' in 'McDonald's boss Bell dies aged 44'; 'The
    deputy leader of Veritas is Mr Kilroy-Silk.' from "He said Mr Kilroy-Silk had made him deputy party leader of
    Veritas": both found asking new questions)."""
    own = own_question(question)
    offices = asked_office(own)
    said = names(sentence, first=True) - _office_words(offices)
    if not offices or not said - names(own, first=True) - _body(question):
        return ""
    people = [names(h, first=True) - HONORIFICS for h in holders(line, offices, present=not _PAST_Q.search(own))]
    if not any(p and p <= said for p in people):
        new = said - HONORIFICS - names(own, first=True)
        who = " ".join(w for w in re.findall(r"[\w'’-]+", sentence) if re.sub(r"['’]s$", "", w).lower() in new)
        return f"the source does not name {who or 'them'} as the {offices[0]}"
    return holder_missing(line, question, article)


def holder_missing(line: str, question: str, article: str) -> str:
    """Why a line does not name who holds the office the question asks about, or ''. It must name someone beside
    the office's words (holding it now, to a question asking who does), of what the question asks about: the line
    names it, or names no other ('… chief executive of US firm Open Source Development Labs' is no answer to 'Who is
    IBM's chief executive?') and its article does ('… said chief executive James Skinner' in an article never naming
    MCI is no answer to 'who is mci's ceo': both quoted, found asking new questions)."""
    own = own_question(question)
    offices = asked_office(own)
    if not offices:
        return ""
    if not holders(line, offices, present=not _PAST_Q.search(own)):
        return f"it names no {offices[0]}"
    of, other = _body(question), _office_of(line, offices)
    if not of:
        return ""
    # whose office the line says, if it says: 'Iranian President Mohammed Khatami' is no head of Reporters Without
    # Borders, though the line names them too (found asking new questions: quoted)
    if other and not (any(mentioned(w, other) for w in of) or _initials_in(question, other)
                      or any(as_people(w, other) or as_people(w, other.split()[0]) for w in of)):  # 'Italian' of
        # Italy, 'Turkish Central Bank' of Turkey's central bank (calibration n525)
        return f"it names the {offices[0]} of {other}"
    # nor one sharing a word with it, each naming what the other does not: the 'Commission for Racial Equality' is no
    # 'Electoral Commission' (found asking new questions: its chair quoted in bold), 'United' is Manchester United
    asked = set(re.findall(r"[a-z]+", question.lower()))
    extra = names(other) - STOPWORDS - asked
    if extra and not _initials_in(question, other) \
            and not all(mentioned(w, other) or as_people(w, other.split()[0]) for w in of):  # ('BA', 'the MDA')
        return f"it names the {offices[0]} of {other}"
    # nor a branch of it in one country: 'The Scottish Conservative Party leader, David McLetchie, …' leads no
    # Conservative Party (calibration n543: 'David McLetchie leads the Conservative Party.' generated); the place said
    # otherwise is the same ('British culture secretary' for the UK's)
    spelled = any(as_acronym(a, question) and spelled_in(a, other, part=True) for a in asked)  # the SNP's
    if not spelled and any((w in COUNTRY_OF or w.title() in WORD_OF_PLACE.values())
           and not any(mentioned(a, w.title()) or as_people(a, w) for a in asked)
           for w in re.findall(r"[a-z]+", other.lower())):
        return f"it names the {offices[0]} of {other}"
    # nor the whole of what the question asks one country's branch of: 'Tory leader Michael Howard …' leads no
    # Scottish Tories (calibration n578: quoted for 'scottish tory leader?')
    placed = {w for w in of if w in COUNTRY_OF or w.title() in WORD_OF_PLACE.values()}
    if placed and any(mentioned(w, line) for w in of - placed) and not any(mentioned(w, line) for w in placed) \
            and not _initials_in(question, line):
        return f"it names no {min(placed).title()} {offices[0]}"
    if other or any(mentioned(w, line) for w in of) or _initials_in(question, line):
        return ""
    if not any(mentioned(w, article) for w in of) and not _initials_in(question, article):
        return f"its article does not mention {' '.join(sorted(of))}"
    return ""


def _office_of(line: str, offices: tuple[str, ...]) -> str:
    """What the line names the office of: "BA's chief executive" -> 'BA'; 'chief executive of US firm Open Source
    Development Labs' -> 'Open Source Development Labs'; 'said chief executive James Skinner' -> ''."""
    said = _alternation(offices)
    run = r"[A-Z][\w&'’-]*(?:\s+(?:(?:of|for)\s+)?[A-Z][\w&'’-]*)*"
    kinds = "|".join(sorted(_KINDS))  # 'IBM senior vice president' is IBM's (calibration n536: quoted for Microsoft's)
    m = re.search(rf"(?<!^)(?<![\"“‘(]\s)(?<![\"“‘(])\b({run})(?:['’]s?)?(?:\s+(?:{kinds}))*\s+(?i:(?:{said}))\b",
                  line) or re.search(
        rf"(?i:\b(?:{said}))\s+of\s+(?:the\s+)?(?:[A-Z]{{2,}}\s+)?(?:[a-z]+\s+){{0,2}}({run})", line)
    return " ".join(w for w in (m.group(1).split() if m else []) if w.lower() not in _KINDS)


def _alternation(offices: tuple[str, ...]) -> str:
    """The offices as a regex alternation, longest first ('chief executive' before 'chief')."""
    return "|".join(re.escape(o) for o in sorted(offices, key=len, reverse=True))


# words saying which office, not whose: 'Foreign Minister', 'Deputy Prime Minister', 'Senior Vice President'
_KINDS = frozenset("""foreign home finance defence defense health education culture trade transport environment
justice interior treasury deputy prime vice assistant shadow acting senior general executive chief co""".split())


def about_asked(question: str, text: str) -> bool:
    """Does the text name what the question asks an office of, or write it by its initials? ('Who chairs British
    Airways?', 'BA chairman Martin Broughton said.') -> True; any text, when it asks of nothing ("who's home
    secretary": calibration n538, the line naming him was never looked for)."""
    of = _body(question)
    return not of or any(mentioned(w, text) for w in of) or _initials_in(question, text)


def _initials_in(question: str, text: str) -> bool:
    """Does the text write a name of the question by its initials? ('Who runs British Airways?', "BA's profits")"""
    return any(by_initials(run, text) for run in re.findall(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+", question))


ACRONYMS = frozenset({"ceo", "cfo"})  # an office's, no name: 'Apple CEO' is "Apple's mercurial boss"


def _office_words(offices: tuple[str, ...]) -> set[str]:
    return {w for o in offices for w in o.split()} | ACRONYMS


def _body(question: str) -> set[str]:
    """What the question asks an office of; in a follow-up naming none ('And who is its chairman?'), what the
    question it follows asked about (found in the browser: 'Charles Elson is its chairman [1].' after 'Who runs
    British Airways?', from '… Charles Elson, chairman of the Center for Corporate Governance …')."""
    return _asked_of(own_question(question)) or _asked_of(earlier_question(question))


def _asked_of(question: str) -> set[str]:
    """What the question asks the office of: its names, or in a question typed small its words that are no office
    ('apple ceo?' -> {'apple'})."""
    if question == question.lower():
        words = set(re.findall(r"[a-z][\w'’-]*", question))
        return {re.sub(r"['’]s$", "", w) for w in words} - STOPWORDS - _office_words(asked_office(question)) - {
            "who", "name", "runs", "run", "heads", "chairs", "manages"}
    return names(question) - _office_words(asked_office(question))
