"""Follow-up questions: tell them apart, and make them stand on their own.

"And how many protest notes?" after "How many border flag meetings has Pakistan held?" is searched and
answered as "How many protest notes has Pakistan held?". Rules rewrite the common shapes ("And how many X?",
"What about NAME?", "Who was he married to?"); any other follow-up is read with the earlier question
appended ("Why? (after: …)"), which retrieval and the model both handle. (Measured: the packaged models
asked to rewrite follow-ups mostly repeated one of the two questions, so the model is not asked.)
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

import lemminflect

from .kinds import answer_type, has_type
from .persons import FULL_NAME, WHO_Q
from .text import (
    BOLD,
    HONORIFICS,
    MONTHS,
    STOPWORDS,
    TITLES,
    earlier_terms,
    joined,
    names,
    own_question,
    own_terms,
    terms,
)

_OPENERS = re.compile(r"^\s*(?:and|but|so|also|then|ok(?:ay)?|what about|how about|what of|and what about|"
                      r"same for|why not|how come|really|tell me more|more)\b", re.I)
_REFERENCES = re.compile(
    r"\b(?:it|its|it's|they|them|their|theirs|he|him|his|she|her|there|then|such|the same|the other|former|latter|"
    r"those|these)\b"  # 'that' and 'this' only where they point back, not in 'the principle that powers …'
    r"|\b(?:that|this)(?=\s*[?.!]|\s*$|\s+(?:happen|mean|say|said|come|start|end|work|is|was|were|are|do|did)\b)"
    r"|\b(?:about|on|in|of|to|for|with|from|by|after|before|against|behind|invoke|make|made|take|took|mean|do|did|"
    r"does|cause|caused)\s+(?:that|this)\s+\w", re.I)
# Words a follow-up may add without the earlier question having them: they carry no topic.
FOLLOW_UP_WORDS = frozenset(terms(
    "what about how many much when where who whom whose which why also tell more explain mean meaning say said "
    "happen happened again please else other same instead then "
    # a preposition before the asking words ('Across how many countries?': calibration n324, read on its own)
    "across among amongst around throughout via towards"))


def is_follow_up(question: str, named: Collection[str] = ()) -> bool:
    """Does the question lean on an earlier one? 'And why?' -> True; 'Who leads Pakistan?' -> False. `named`: the
    question's words typed in small letters that the documents write as names ('russia')."""
    if _OPENERS.match(question) or any(_points_back(question, m, named) for m in _REFERENCES.finditer(question)):
        return True
    # a short question leans on the one before, unless it asks what a name is: 'What is the ISKP?' (seen in
    # the browser, read as 'What is the ISKP? (after: Who has borne the brunt …?)')
    return len(terms(question) - FOLLOW_UP_WORDS) <= 1 and not _WHAT_IS.match(question)


def names_other_things(question: str, previous: str, answer: str = "") -> bool:
    """Do the question's only references say 'these' or 'those' of a thing the earlier question and its answer
    never name? ('over how long a period has pakistan made all those visits to kabul', after 'since when has
    islamabad been engaging the taliban government': found in the browser, read as a follow-up) -> True; 'And how
    many of those were in 2023?', 'What were those meetings?' after 'How many meetings …?' -> False"""
    refs = list(_REFERENCES.finditer(question))
    if not refs or _OPENERS.match(question) or any(m.group(0).lower() not in ("those", "these") for m in refs):
        return False
    said = terms(previous) | terms(answer)
    things = [terms(m.group(1)) for r in refs if (m := re.match(r"\s+([a-z][\w-]*)", question[r.end():], re.I))]
    return len(things) == len(refs) and all(thing and not thing & said for thing in things)


def _points_back(question: str, reference: re.Match[str], named: Collection[str] = ()) -> bool:
    """Does the reference point to an earlier question? Not a possessive after a name of the same question:
    'Why did Russia remove the Taliban from its list?' ('its' is Russia's), nor after a name typed in small letters
    ('why did russia take the taliban off its terrorist list', found in the browser, read as a follow-up)."""
    word, before = reference.group(0).lower(), question[: reference.start()]
    # 'her' may be an object ('Did the BBC interview her?'): hers only after a person's full name
    possessive = word in ("its", "their", "his") or (word == "her" and bool(_PERSON_NAME.search(before)))
    if word in ("he", "she") and (_SAYS.search(before) and names(before) or _PERSON_NAME.search(before)
                                  or _TITLED.search(before)):
        return False  # 'Did Kilroy-Silk confirm he is …?', 'How old was Lord Callaghan when he died?': he is named
    named_before = names(before) or any(re.search(rf"\b{re.escape(w)}\b", before, re.I) for w in named)
    # (of a thing named or not: 'How much was Robin Cook paid for his Guardian column?', found in the browser)
    return not (possessive and re.match(r"\s+\w", question[reference.end():]) and named_before)


# what a person says of themselves: 'Did X confirm (that) he …', 'Does Ms X think she …'
_SAYS = re.compile(r"\b(?:say|says|said|confirm|confirms|confirmed|deny|denies|denied|claim|claims|claimed|think|"
                   r"thinks|believe|believes|admit|admits|admitted|insist|insists|insisted|announce|announced|hope|"
                   r"hopes|expect|expects|promise|promised|know|knows|knew)\s+(?:that\s+)?$", re.I)


def new_subject(question: str, previous: str) -> bool:
    """Does the question name something the earlier one did not (and not lean on it)? Then it is a question
    of its own, even when the documents know nothing close to it.

    ('What did Lavrov say about the railway?', 'When did the Moscow attack happen?') -> True
    ('How many has Iran held?', 'How many flag meetings has Pakistan held?') -> False (only the name is new);
    ('Who is Ishaq Dar?', 'What does TTP stand for?') -> True (what a new name is); after an opening 'And' too, when
    the rest is a question of its own: ('And who's the boss of the IFPI?', 'Who is the chairman of the BPI?') -> True
    (calibration n347: read beside the BPI, refused)
    """
    bare = _OPENER.sub("", question)
    if is_follow_up(question) and (bare == question or not _QUESTION_START.match(bare) or is_follow_up(bare)):
        return False
    new_names = names(question) - names(previous, first=True) - _QUESTION_WORDS
    own_words = content_words(question) - terms(" ".join(names(question))) - terms(previous)
    return bool(new_names) and (bool(own_words) or bool(_WHAT_IS.match(question)))


_PERSON_NAME = re.compile(r"(?<=\s)[A-Z][a-z]+\s+[A-Z][a-z'’-]+")  # 'Debra Hill', not at the start
_TITLED = re.compile(rf"\b(?i:{'|'.join(sorted(HONORIFICS))})\.?\s+[A-Z]")  # 'Lord Callaghan', 'Mr Blair'
_WHAT_IS = re.compile(r"\s*(?i:(?:who|what)\s+(?:is|are|was|were)\s+(?:the\s+|an?\s+)?)[A-Z]")
_QUESTION_WORDS = frozenset("what which who whom whose when where why how".split())
_OPENER = re.compile(r"^\s*(?:(?:and|but|so|also|then|ok(?:ay)?|well)\b[\s,]*)+", re.I)
_ABOUT = re.compile(r"^(?:what|how) about\s+(.+?)\s*[?.!]*$", re.I)
_HOW_MANY = re.compile(r"^(how (?:many|much))\s+(.+?)\s*[?.!]*$", re.I)
_PREV_HOW_MANY = re.compile(r"^(how (?:many|much))\s+(.+?)\s+((?:has|have|had|did|do|does|is|are|was|were|will|would|"
                            r"could|can)\b.*)$", re.I)
_QUESTION_START = re.compile(r"^(?:who|whom|whose|what|when|where|why|how|which|is|are|was|were|do|does|did|can|could|"
                             r"has|have|had|will|would|should|in|on|at|for|from|to|by)\b", re.I)
_PERSON = re.compile(r"\b(?:he|him|his|she|her)\b", re.I)
_PREPS = "for|in|on|at|from|with|by|during|to"
_PREP_PHRASE = re.compile(rf"^({_PREPS})\s+([^?.!]+?)\s*[?.!]*$", re.I)
_ASKING = re.compile(r"\b(?:what|which|who|whom|when|where|why|how|did|does|do|is|are|was|were|has|have|had|will|"
                     r"would|can|could)\b", re.I)
_CLAUSE = re.compile(r"[,;:]|\b(?:what|who|whom|whose|when|where|why|how|which)\b", re.I)
_NAMES = re.compile(r"(?<!^)(?<![.?!]\s)\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")


def rewrite(question: str, previous: str, answer: str = "") -> str:
    """The follow-up as a question of its own, by rule (`answer`: what was answered to `previous`); '' when no
    rule applies.

    ('And how many protest notes?', 'How many border flag meetings has Pakistan held?')
        -> 'How many protest notes has Pakistan held?'
    ('What about Michael Portillo?', 'How much has William Hague earned?') -> 'How much has Michael Portillo earned?'
    ('Who was he married to?', 'Where was Ossie Davis found dead?') -> 'Who was Ossie Davis married to?'
    ('And did he arrive unannounced?', 'Who bought Band Aid 20?', 'Tony Blair bought it.') -> 'Did Tony Blair …?'
    """
    q = _OPENER.sub("", question).strip()
    prev = previous.strip().rstrip("?.! ")
    about = _ABOUT.match(q) or (re.match(r"^(.+?)\s*[?.!]*$", q) if q != question.strip() and not
                                _QUESTION_START.match(q) else None)
    if about:
        topic = about.group(1)
        if _CLAUSE.search(topic):  # 'What about the other meetings, what were they called?' asks a question
            return ""  # of its own: no topic to put in the earlier question
        names = [re.sub(r"['’]s$", "", m.group(0)) for m in _NAMES.finditer(prev)]  # not 'Barclays' -> 'Barclay'
        if topic[:1].isupper() and names:
            return _sentence(prev.replace(names[0], topic, 1))
        m = _PREV_HOW_MANY.match(prev)
        if m:
            return _sentence(f"{m.group(1)} {topic} {m.group(3)}")
        # 'And coming back down?' after 'How long do the lifts take to reach the top?' (found asking new questions:
        act = _TO_ACT.search(prev)  # it was answered about the way up); not 'What about housing?' (review)
        if act and len(topic.split()) > 1 and _ing_verb(topic.split()[0]):
            return _sentence(f"{prev[:act.start()]} {topic}")
        plural = _plurals(prev)  # 'And individuals?' after 'How much can employers be fined …?' (found asking)
        if len(plural) == 1 and len(_plurals(topic)) == 1 and len(topic.split()) == 1:
            return _sentence(re.sub(rf"\b{plural[0]}\b", topic, prev, count=1))
        return ""
    phrase = _PREP_PHRASE.match(q) if q != question.strip() else None  # 'And for his speeches?' after 'How much did
    # Alan Milburn get for newspaper articles?' (calibration n337: read 'For Alan Milburn's speeches?')
    # the earlier question's last phrase of that preposition, up to the next one ('in Paris' of '… in Paris for best
    # film?', review)
    last = [*re.finditer(rf"\b{phrase.group(1)}\s+.+?(?=\s+(?:{_PREPS})\b|[,;]|$)", prev, re.I)] if phrase else []
    if phrase and last and not _ASKING.search(phrase.group(2)):
        at = last[-1]
        return _sentence(f"{prev[:at.start()]}{phrase.group(1).lower()} {phrase.group(2)}{prev[at.end():]}")
    m, p = _HOW_MANY.match(q), _PREV_HOW_MANY.match(prev)
    if m and p and not re.search(r"\b(?:has|have|had|did|do|does|is|are|was|were)\b", m.group(2), re.I) \
            and not _says_what_happened(m.group(2)):
        return _sentence(f"{m.group(1)} {m.group(2)} {p.group(3)}")
    people = [re.split(r"['’]s?(?=\s|$)", m.group(0).strip())[0] for m in _NAMES.finditer(prev)  # "Sigarchi's" is him
              if " " in m.group(0).strip() and not any(w.isupper() and len(w) > 1 for w in m.group(0).split())]
    # after 'Who bought …?' the person is the one the answer gave: 'And did he arrive unannounced?'; after
    # 'Who is Arash Sigarchi?' the one asked about, not the answer's 'Mr Sigarchi' (which finds the wrong lines)
    asked_who = WHO_Q.match(prev) and not (_WHAT_IS.match(prev) and people)
    person = (asked_who and _new_person(answer, prev)) or (people[0].strip() if people else "")
    if _PERSON.search(q) and person:

        def swap(w: re.Match[str]) -> str:
            word = w.group(0).lower()
            return f"{person}'s" if word in ("his",) or (word == "her" and q[w.end():].strip()[:1].isalpha()
                                                         and not _PERSON_OBJECT.match(q[w.end():])) else person
        return _sentence(_PERSON.sub(swap, q))
    return ""


# what a person does, said before the name: 'Producer Judy Craymer'; not a first name ('Hunter S Thompson', review)
_AGENT = frozenset("""producer director actor actress singer writer author novelist poet composer designer architect
founder boss manager coach striker midfielder defender goalkeeper captain player economist analyst scientist
journalist reporter editor presenter broadcaster columnist spokesman spokeswoman spokesperson chairman chairwoman
chief executive lawyer solicitor barrister campaigner activist entrepreneur tycoon billionaire millionaire
musician guitarist drummer rapper dj comedian artist photographer model chef investor banker inventor engineer
historian professor researcher official minister chancellor president governor ambassador envoy diplomat general
commander lieutenant colonel sergeant officer detective inspector constable judge senator mayor leader
commentator critic pundit veteran skipper winger batsman bowler driver rider jockey golfer boxer sprinter swimmer
athlete cyclist runner owner songwriter frontman film-maker filmmaker playwright screenwriter commissioner
prosecutor councillor adviser advisor consultant regulator surgeon doctor nurse teacher""".split())


def _new_person(answer: str, previous: str) -> str:
    """The person a who-answer gives: the one it opens with, unless the question named them; then the first other
    full name ('Mr Bell succeeded as chief executive after Jim Cantalupo died …' for 'Who did Bell succeed?' gives
    Jim Cantalupo; found asking new questions: 'How did he die?' was read as asking of Mr Bell)."""
    person = answered_person(answer)
    asked = {w.lower() for w in re.findall(r"[\w'’-]+", previous)}
    if not person or not {w.lower() for w in person.split()} & asked:
        return person
    for m in FULL_NAME.finditer(re.sub(r"\[\d+\]|\*\*", "", answer)):
        words = [w for w in m.group(0).split() if w.lower().strip(".") not in TITLES]
        if len(words) > 1 and words[0].lower() not in STOPWORDS and not {w.lower() for w in words} & asked:
            return " ".join(words)
    return person


def answered_person(answer: str) -> str:
    """The person an answer gives: the name it opens with, or its bold words, without the titles before the
    name (a surname keeps its title); '' when it opens otherwise ('In Edinburgh, Tony Blair …', 'Police in
    Miami Beach found him'). 'Prime Minister Tony Blair purchased two copies [1].' -> 'Tony Blair'; 'Mr Raskin
    founded …' -> 'Mr Raskin'"""
    bold = BOLD.search(answer)
    head = (bold.group(1) if bold else answer).lstrip(" \"'“‘")
    m = FULL_NAME.match(head)
    words = m.group(0).split() if m else []
    titled = [i for i, w in enumerate(words) if w.lower().strip(".") in TITLES]
    if titled:  # the name after its titles, or the surname with its title: 'Mr Raskin founded …'
        words = words[titled[-1] + 1:] if len(words) > titled[-1] + 2 else words[titled[-1]:]
    if len(words) > 2 and words[0].lower() in _AGENT:
        words = words[1:]  # what the person does: 'Producer Judy Craymer' is Judy Craymer (found asking new questions)
    rest = head[m.end():].lstrip() if m and not bold else ""
    after = re.match(r"[\w'’-]+", rest)  # the name's verb, not 'Manchester United striker Wayne Rooney scored'
    if after and not (rest[:1] == "," or lemminflect.getAllLemmas(after.group(0), upos="VERB")):
        return ""
    first = words[0].lower() if words else ""
    if len(words) < 2 or first in STOPWORDS or first in MONTHS or any(w.isupper() and len(w) > 1 for w in words):
        return ""
    return " ".join(words)


_TO_ACT = re.compile(r"\s+to\s+(?!(?:the|a|an|his|her|its|their|be)\b)[a-z]+\b[^,;]*$")  # '… take to reach the top'


def _ing_verb(word: str) -> bool:
    """A verb's -ing form: 'coming' -> True; 'ceiling', 'things' -> False"""
    return word.lower().endswith("ing") and "VERB" in lemminflect.getAllLemmas(word.lower())


def _says_what_happened(phrase: str) -> bool:
    """Does the phrase after 'how many' hold a verb of its own after what it counts? Then the earlier
    question's verb cannot be added ('Tashkeel went into Balochistan' + 'were found fighting …'), and the
    follow-up is read beside the earlier question instead. Hyphenated words are not verbs ('Indian-made').

    'Tashkeel went into Balochistan' -> True; 'protest notes', 'Indian-made drones' -> False
    """
    words = re.findall(r"[a-z]+(?:[-'’][a-z]+)*", phrase.lower())
    return any(_verb_form(w) for w in words[1:] if "-" not in w)


def _plurals(text: str) -> list[str]:
    """The plural nouns of a text, nothing else but nouns: 'How much can employers be fined?' -> ['employers']"""
    return [w for w in re.findall(r"\b[a-z]+\b", text) if w not in STOPWORDS and set(
        lemmas := lemminflect.getAllLemmas(w)) == {"NOUN"} and w not in lemmas["NOUN"]]


def _verb_form(word: str) -> bool:
    """An inflected verb and nothing else: 'went', 'held' -> True; 'notes', 'protest', 'go' -> False"""
    lemmas = lemminflect.getAllLemmas(word)
    return set(lemmas) <= {"VERB", "AUX"} and "VERB" in lemmas and word not in lemmas["VERB"]


_PERSON_OBJECT = re.compile(r"\s+(?:to|in|at|on|for|from|by|with|about|and|or|but)\b", re.I)


def _sentence(text: str) -> str:
    text = " ".join(text.split()).rstrip("?.! ")
    return text[:1].upper() + text[1:] + "?"


def standalone(question: str, previous: str, answer: str = "") -> str:
    """The follow-up rewritten by rule, else joined to the question it follows (`answer`: what was answered)."""
    return rewrite(question, previous, answer) or joined(question, previous)


def understood(history: Sequence[tuple[str, str]], depth: int = 4) -> str:
    """The last question of the conversation as it was understood: a follow-up rewritten by rule after the one
    before it, as that one was understood (`depth` questions back at most). [('What did Charlie Bell die of?',
    …), ('How old was he?', …), ('When did he become chief operating officer?', …)] -> 'When did Charlie Bell
    become chief operating officer?' (found asking new questions: the third 'he' was not read as Charlie Bell)"""
    if not history:
        return ""
    question = history[-1][0]
    if len(history) < 2 or depth <= 0 or not is_follow_up(question):
        return question
    return rewrite(question, understood(history[:-1], depth - 1), history[-2][1]) or question


def content_words(question: str) -> set[str]:
    """The words of a question that name its topic. 'And how many protest notes?' -> {'protest', 'note'}"""
    return {t for t in terms(question) - FOLLOW_UP_WORDS if t not in STOPWORDS}


def answers_earlier(sentence: str, question: str, read: str) -> str:
    """Why a sentence seems to answer the question a joined follow-up was read beside, not the follow-up, or ''.
    The lines the model read (`read`) hold some of the follow-up's own words, yet the sentence uses none of
    them, uses two or more that only the earlier question has, and does not give what the follow-up asks for
    (a number for 'And what number do I send it to?').

    'The Taliban faction based in Kabul is the Haqqani network.' for 'What about the other faction, what is it
    centered on? (after: Which Taliban faction is based in Kabul?)', read from '… the Kandahari faction,
    centered around traditional ideological purity, and the Kabul-based Haqqani network …' -> 'it seems …'
    Not 'Kilroy-Silk quit UKIP because the party refused to make him leader.' for 'What was the reason?
    (after: When did Kilroy-Silk quit UKIP?)' when no line read says 'reason'.
    """
    own = own_terms(question) - FOLLOW_UP_WORDS
    if not own & terms(read):  # no joined follow-up, none of its own words, or none the lines could give
        return ""
    said = terms(sentence)
    asked = own_question(question)
    kind = answer_type(asked)
    if said & own or len(said & earlier_terms(question)) < 2 or (kind and has_type(sentence, kind, question)):
        return ""
    return "it seems to answer the earlier question, not the follow-up"
