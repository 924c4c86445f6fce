"""Who a sentence names: runs of capitalised words read as one name, and a person found again by surname
(after a title or the first name the question gave), as the checks of verify.py compare them; and whose a deed,
a clause, a prize or a place of origin is in the source."""

from __future__ import annotations

import re

import lemminflect

from .peoples import WORD_OF_PLACE
from .text import FULL_NAME, STOPWORDS, TITLES, as_acronym, mentioned, names, numbers, spelled_in, terms
from .wordforms import inflections


def titled(surname: str, text: str) -> bool:
    """Is the surname in the text after a title? ('ebbers', 'Mr Ebbers said') -> True; ('korea', 'Korea tested')
    -> False"""
    return bool(re.search(rf"\b(?:{'|'.join(TITLES)})\.?\s+{re.escape(surname)}\b", text, re.I))


def same_person(run: list[str], text: str) -> bool:
    """Is the person the question names (the words of the name, in order) in the text by surname — alone,
    after a title, or after the first name the question gave? (['jack', 'mcconnell'], 'Mr McConnell said')
    -> True; (['david', 'miliband'], 'Ed Miliband said') -> False"""
    for m in re.finditer(rf"(?<![\w-]){re.escape(run[-1])}(?![\w-])", text, re.I):
        prev = (re.findall(r"[\w'’.-]+", text[: m.start()]) or [""])[-1].rstrip(".").lower()
        first = text[: m.start()].rstrip()[-len(prev):] if prev else ""
        if not first[:1].isupper() or prev in TITLES or prev in run or prev in STOPWORDS:
            return True
    return False


def others_named(text: str, sentence: str, question: str) -> bool:
    """Does the source sentence name someone (a name of two or more words) that neither the generated
    sentence nor the question names? ('David Cameron replaced Iain Duncan Smith.', 'David Cameron replaced
    Michael Howard.', 'Who replaced Michael Howard?') -> True. A name with an acronym in it is no one's: 'The
    audience for BBC One's one-hour special …'."""
    known = names(sentence, first=True) | names(question, first=True)
    return any(len(run) > 1 and not set(run) & known for m in FULL_NAME.finditer(text)
               if not any(w.isupper() and len(w) > 1 for w in re.findall(r"\w+", m.group(0)))
               for run in name_runs(m.group(0)))


# the one a sentence says was replaced: '… named John Varley as chief executive, replacing Matthew Barrett, …'
_REPLACED = re.compile(r"\b(?:replac(?:ing|es|ed)|succeed(?:ing|s|ed)|instead\s+of|in\s+place\s+of|"
                       r"(?:taking|took|takes)\s+over\s+from)\s+(" + FULL_NAME.pattern + ")")


def replaced(sentence: str, source: str) -> str:
    """Why the sentence says of the one its source says was replaced what the source says of the one replacing
    them, or ''. ('Matthew Barrett was appointed chief executive.', 'Barclays named John Varley as chief
    executive, replacing Matthew Barrett, who becomes chairman.') -> "in the source Matthew Barrett is the one
    replaced" (found in review). Only where the sentence does not say who replaced whom itself, that name stands
    nowhere else in the source, and the sentence's own words are said before the replacing ('chief executive'),
    not after it ('Matthew Barrett becomes chairman' is faithful)."""
    if _REPLACED.search(sentence):
        return ""
    named = names(sentence, first=True)
    said = terms(sentence) - terms(" ".join(named))
    for m in _REPLACED.finditer(source):
        surname = m.group(1).split()[-1].lower()  # 'Barrett was named …' names him too
        rest = source[:m.start(1)] + source[m.end(1):]
        if surname in named and surname not in names(rest, first=True) and said and \
                len(said & terms(source[:m.start()])) > len(said & terms(source[m.end():])):
            return f"in the source {m.group(1)} is the one replaced"
    return ""


# a clause said of the name just before it: '… and the Kabul-based Haqqani network, which focuses on …'
_RELATIVE = re.compile(r"([^,;:()]{1,100}),\s+(?:which|who)\s+([^,;:()]+)")


def said_of_other(sentence: str, question: str, source: str) -> str:
    """Why the sentence says of its name what the source says, in a 'which'/'who' clause, of another name, or ''.

    ('The Kandahari faction focuses on bureaucratic governance.', 'What is the Kandahari faction focused on?',
    '… between the Kandahari faction, centered around ideological purity, and the Kabul-based Haqqani network,
    which focuses on bureaucratic governance …') -> "in the source 'focuses on bureaucratic governance' is said
    of 'the Kabul-based Haqqani network'" (found asking new questions: shown, generated). Only when most of the
    words the sentence adds to the question are the clause's, and the sentence names none of that name's words.
    """
    own = names(sentence, first=True)
    added = terms(sentence) - terms(question) - terms(" ".join(own))
    for m in _RELATIVE.finditer(source):
        ante, clause = m.group(1).strip(), m.group(2).strip()
        shared = added & terms(clause)
        whom, theirs = _antecedent(ante, source[:m.start(1)])
        if len(shared) >= 2 and 2 * len(shared) >= len(added) and theirs and own and not theirs & own \
                and not terms(ante) & terms(sentence) - terms(question):
            return f"in the source '{clause}' is said of '{whom}'"
    return ""


_LAST_NAME_RUN = re.compile(r"(?:the\s+)?([A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*)(?:\s+[a-z][\w'’-]*){0,3}\s*$")


def _antecedent(ante: str, before: str) -> tuple[str, set[str]]:
    """Whom a 'which'/'who' clause is said of, and their names: the last name before it ('Gordon Brown' of 'Tony
    Blair met Gordon Brown, who …'), with the name an appositive describes ('Dr John Kelly, IBM's senior vice
    president, who …'), review."""
    last = _LAST_NAME_RUN.search(ante)
    whom = last.group(0).strip() if last else re.sub(r"^(?:and|or|but)\s+", "", ante)
    theirs = names(last.group(1), first=True) if last else names(ante, first=True)
    if before.rstrip().endswith(","):  # 'IBM's senior vice president' describes the name before it
        theirs |= names(re.split(r"[,;:()]", before.rstrip()[:-1])[-1], first=True)
    return whom, theirs


_PRONOUN_VERB = re.compile(r"\b(he|she|they|we)\s+([a-z]{3,})\b", re.I)


def pronoun_swapped(sentence: str, source: str) -> str:
    """Why the sentence says of 'he' what its source says of 'they' (or any other two of he, she, they, we), or
    ''. ('Glazer … vowed to fight on.' written as '… he vowed to fight on', '… they vowed to fight on') -> "the
    source says 'they vowed', not 'he vowed'" (found asking new questions: the fans' vow was Glazer's). Only a
    verb the source never says after the sentence's own pronoun."""
    said = {(p.lower(), v.lower()) for p, v in _PRONOUN_VERB.findall(source)}
    for p, v in _PRONOUN_VERB.findall(sentence):
        p, v = p.lower(), v.lower()
        other = next((q for q, w in sorted(said) if w == v and q != p), None)
        if other and (p, v) not in said:
            return f"the source says '{other} {v}', not '{p} {v}'"
    return ""


# a line's opening clause before its subject: 'As well as pledging £960m …, Britain urged …'
_OPENING = re.compile(r"\W*(?:(?:As\s+well\s+as|After|While|Although|Though|Since|When|Before|Despite|"
                      r"In\s+addition\s+to|Following|Besides|Having)\b[^,]{0,150},\s*)?")


def subject_swapped(sentence: str, question: str, source: str) -> str:
    """Why the sentence says of the question's name, as its subject, what its source line says of another, or ''.
    ('France is putting £960m into the immunisation IFF.', 'How much is France putting into the immunisation IFF?',
    'As well as pledging £960m over 15 years to the immunisation IFF, Britain urged other donors to contribute.') ->
    "the source says it of Britain, not France" (found asking new questions: shown, generated; France is named in
    the line before). Only when the line never names the sentence's subject and its own subject is named by neither
    the sentence nor the question."""
    mine = FULL_NAME.match(sentence.strip())
    subject = names(mine.group(0), first=True) if mine else set()
    if not subject or not subject & names(question, first=True) or any(
            mentioned(n, source) or (as_acronym(n, sentence) and spelled_in(n, source, part=True)) for n in subject):
        return ""
    opening = _OPENING.match(source)
    theirs = FULL_NAME.match(source, opening.end() if opening else 0)
    other = names(theirs.group(0), first=True) if theirs else set()
    if not theirs or not mine or not other or other & (names(question, first=True) | names(sentence, first=True)) \
            or all(any(o[:3] == n[:3] for o in other) for n in subject):
        return ""  # nor a short form of it: 'The Lib Dems' of 'Liberal Democrats' (review)
    verb = re.match(r"\s+(?:[a-z]+ly\s+)?([a-z]+)\b", source[theirs.end():])  # 'Britain urged', not 'Access:'
    lemmas = lemminflect.getAllLemmas(verb.group(1)) if verb else {}
    if not verb or "NOUN" in lemmas or not {"VERB", "AUX"} & set(lemmas) or _SPEECH.fullmatch(verb.group(1)):
        return ""  # nor one who says it: 'Steve Jobs said the company sold 4.5 million iPods' (review)
    return f"the source says it of {theirs.group(0)}, not {mine.group(0)}"


_LEADING_PRONOUN = re.compile(r"\W*(?:he|she|his|her)\b", re.I)  # 'He is to stand down …' is about whom it follows
_SPEECH = re.compile(r"\b(?:said|says|say|told|tells|added|adds|according to|spokesman|spokeswoman|lawyer)\b", re.I)
WHO_Q = re.compile(r"\s*(?:(?:and|so|but|then)\s+)?(?:who|whom|whose)\b", re.I)  # asks for a person


def someone_else(line: str, before: str, question: str, article: str = "") -> str:
    """The person the line is about, when that is another person than the one the question names, else ''.

    A line naming another person, and not the question's, is about that one: ('The star witness is Mr
    Sullivan, …, He has pleaded guilty to fraud.', 'Did Bernie Ebbers plead guilty to fraud?') -> 'Mr
    Sullivan' (not one who says something of someone: 'Police spokesman Bobby Hernandez said …'; nor a title
    alone: 'the Prime Minister'). A line starting 'He', 'She', 'His' or 'Her' is about the person the
    sentence `before` it names: ('He is to stand down as an MP.', 'Former Defence Secretary Michael Portillo
    makes …', 'Is William Hague going to stand down?') -> 'Former Defence Secretary Michael Portillo'. Only
    for a question about a person: one named by two words or more whose surname the `article` gives after a
    title ('Mr Hague'); not the Cadillac BLS or British Airways ('He said the airline would cut 600 jobs'
    answers 'How many jobs will British Airways cut?'), nor 'Who …?', which asks for another person.
    """
    runs = full_names(question)
    asked = [run for run in runs if len(run) > 1 and titled(run[-1], article or f"{before} {line}")]
    if not asked or WHO_Q.match(question):
        return ""
    pronoun = _LEADING_PRONOUN.match(line)
    if any(same_person(run, f"{before} {line}" if pronoun else line) for run in asked):
        return ""
    known = {n for run in runs for n in run}  # every name the question gives ('Ebbers' too)
    people = article or f"{before} {line}"
    # who says a thing is not whom it is about: 'Police spokesman Bobby Hernandez said the cause … natural.'
    others = ([] if _SPEECH.search(line) else _people(line, known, people)) or (
        _people(before, known, people) if pronoun else [])
    return others[0] if others else ""  # the subject before: the one a pronoun most often points back at


def _people(text: str, known: set[str], article: str) -> list[str]:
    """The people the text names, but those whose names are `known`: a name after a title ('Mr Sullivan',
    'Defence Secretary Michael Portillo'), or of two words or more whose surname the `article` gives after a
    title (not 'Manchester United'), without acronyms ('GM Europe')."""
    out = []
    for m in FULL_NAME.finditer(text):
        run, words = name_runs(m.group(0))[0], m.group(0).split()
        named = [w for w in words if w.lower().strip(".") not in TITLES and w.lower() not in STOPWORDS]
        person = bool(named) and (any(w.lower().strip(".") in TITLES for w in words[:-1]) or (
            len(run) > 1 and titled(run[-1], article)))  # not 'the Prime Minister' alone
        if person and not set(run) & known and not any(w.isupper() and len(w) > 1 for w in words):
            out.append(m.group(0))
    return out


def full_names(question: str) -> list[list[str]]:
    """The question's names, the words of one name together and in order. 'Did Jack McConnell visit
    Ireland?' -> [['jack', 'mcconnell'], ['ireland']]"""
    return [run for run in name_runs(question) if run]


def name_runs(text: str) -> list[list[str]]:
    """Runs of capitalised words, as names (common words left out). 'Mr Tony Blair met him' -> [['mr', 'tony',
    'blair']]"""
    return [[n for w in m.group(0).split() for n in names(w, first=True)] for m in FULL_NAME.finditer(text)]


def lead_name(sentence: str, question: str) -> set[str]:
    """The sentence's first word when it is a name the question used, which `names` leaves out of a
    sentence's start. ("Barclays' profits were £75m.", "What were Barclays' profits?") -> {'barclays'}, and
    so for 'Barclays Bank made £75m.'; not the first name of the question's person ('Malcolm Glazer owns …':
    his surname, checked, follows it)."""
    m = FULL_NAME.match(sentence.strip())
    run = name_runs(m.group(0))[0] if m else []
    asked = names(question)
    if not run or run[0] not in asked or (len(run) > 1 and run[1] in asked):
        return set()
    return {run[0]}


# a prize or rank said before a name, as what that person won or is: 'Booker winner Alan Hollinghurst', 'Tour de
# France winner Lance Armstrong'
_TITLE_OF = re.compile(r"\b((?:[A-Z][\w'’-]*\s+(?:(?:de|of|the)\s+)?)+)(?:prize\s+|award\s+)?"
                       r"(?:winner|winning|champion|holder|laureate)\s+"
                       r"((?:[A-Z][\w-]*(?:['’][A-Z][\w-]*)?\s+)*[A-Z][\w-]*(?:['’][A-Z][\w-]*)?)")
_WON = re.compile(r"\b(?:won|wins?|winners?|winning|champions?|laureates?|awarded|holds?|held)\b", re.I)


def title_of_other(sentence: str, source: str) -> str:
    """Why the sentence gives a person the prize the source names as another's, or ''. ('Andrea Levy won the Booker
    Prize this year.', '… after beating Booker winner Alan Hollinghurst … Orange Prize winner Andrea Levy …') ->
    "in the source 'Booker winner' is Alan Hollinghurst" (found asking new questions: shown, generated, for 'Who won
    the Booker Prize this year?'). Only when the sentence says someone won it, names the prize but not its holder
    and names another, and the source does not also say that one won it ('Kofi Annan, who won the Nobel Peace Prize
    …, met Nobel Peace Prize laureate Wangari Maathai': review)."""
    if not _WON.search(sentence):
        return ""  # 'Roger Federer beat Andy Roddick in the Wimbledon final.' (review)
    mine = names(sentence, first=True)
    spans = list(_TITLE_OF.finditer(source))
    rest = source
    for m in reversed(spans):  # the source without its 'X winner Y' spans
        rest = f"{rest[:m.start()]} . {rest[m.end():]}"
    for m in spans:
        prize = names(m.group(1), first=True) - {"prize", "award", "the"}
        holder = names(m.group(2), first=True)
        person = mine - prize - {"prize", "award", "the"}
        # the source names the prize elsewhere as this person's win ('Kofi Annan, who won the Nobel Peace Prize …'),
        # not merely again ('… Mark Haddon, the favourite for the Whitbread prize', review)
        theirs = any(person & names(rest[max(0, w.start() - 40):w.start()], first=True)
                     and prize <= names(rest[w.end():w.end() + 50], first=True) for w in _WON.finditer(rest))
        if prize and prize <= mine and not holder & mine and person and not theirs:
            return f"in the source '{m.group(0)[:-len(m.group(2))].strip()}' is {m.group(2)}"
    return ""


# where a person is from: 'The four detainees are from Cuba.'
_FROM = re.compile(r"\b(?:is|are|was|were|hails?|hailed)\s+(?:originally\s+)?from\s+(?:the\s+)?"
                   r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")


def origin_unsaid(sentence: str, source: str) -> str:
    """Why the sentence says someone is from a place the source only says they are in, or ''. ('The four detainees
    are from Cuba.', '… the treatment of the detainees in Cuba.') -> "the source says 'in Cuba', not 'from Cuba'"
    (found asking new questions: shown, generated, for 'Where are the four detainees from?'). A people's word
    ('Cuban'), 'from Cuba', 'born in Cuba' or 'of Cuba' in the source are where one is from."""
    for m in _FROM.finditer(sentence):
        place = m.group(1)
        # a people's word too: 'Cuban', 'British', 'Northern Irish' (review)
        said = re.search(rf"\b(?:from|of|born\s+in|native\s+of)\s+(?:the\s+)?{re.escape(place)}\b|"
                         rf"\b{re.escape(place)}-born\b|\b{re.escape(place[:4])}(?!{re.escape(place[4:])}\b)\w+|"
                         rf"\b{WORD_OF_PLACE.get(place, '(?!)')}\b", source)
        # not a person's possessive ('in Tony Blair's speech'), but a place's ('in Iraq's capital', review)
        owner = r"(?!['’])" if " " in place and not re.search(r"\b(?:North|South|East|West|New|United|Northern)\b",
                                                                place) else ""
        where = re.search(rf"\b(?:in|at|to|into|inside|on)\s+(?:the\s+)?{re.escape(place)}\b{owner}", source)
        if where and not said:
            return f"the source says '{where.group(0)}', not 'from {place}'"
    return ""


# a sentence opening with a person and what they did: 'Mr Bell died of a heart attack in April.'
_DOER = re.compile(r"\W*((?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]*)\s+(?:[a-z]+ly\s+)?([a-z]+)\b")
_NAME_BEFORE = re.compile(r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s*,?\s*(?:[a-z]+ly\s+)?$")


def deed_of_other(sentence: str, source: str) -> str:
    """Why the sentence gives its person a deed the source gives, each time, to another person named right before
    it, or ''. ('Mr Bell died of a heart attack in April.', 'Mr Bell took over as chief executive after his
    predecessor as CEO, Jim Cantalupo, died suddenly of a heart attack in April.') -> "in the source 'died' is said
    of Jim Cantalupo" (found adding questions: shown, generated, for 'How did he die?' read beside 'Who did Bell
    succeed as chief executive?')."""
    m = _DOER.match(sentence)
    lemmas = lemminflect.getAllLemmas(m.group(2)) if m else {}
    if not m or "VERB" not in lemmas or "AUX" in lemmas or {"be", "have", "do"} & set(lemmas["VERB"]) or (
            "NOUN" in lemmas and not m.group(2).endswith("ed")):
        return ""  # not 'Pakistan has made …', nor 'Net profit rose …'
    mine = names(m.group(1), first=True) - TITLES
    forms = inflections(m.group(2))
    doers = []
    for v in re.finditer(rf"\b(?:{'|'.join(sorted(map(re.escape, forms)))})\b", source):
        before = _NAME_BEFORE.search(source[:v.start()])
        theirs = names(before.group(1), first=True) - TITLES if before else set()
        if not theirs or theirs & mine or re.match(r"\s+by\b", source[v.end():]) or any(  # not 'played by …', nor
                re.search(rf"\b{re.escape(n)}\b\s*,", source[:v.start()], re.I) for n in mine):  # after 'Mueller, …,'
            return ""  # said of no one named right before it, or of the sentence's own person
        doers.append(before.group(1) if before else "")
    return f"in the source '{m.group(2)}' is said of {doers[0]}" if mine and doers else ""


# two named doers of one deed: 'the Bill Gates Foundation and Norway are joining up to put an extra £0.53bn …'
_NAME = r"(?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]*"
_JOINT = re.compile(rf"\b((?:{_NAME},\s+(?:the\s+)?)*{_NAME}),?\s+and\s+(?:the\s+)?({_NAME})\s+"
                    r"(?:are|were|have|has|had|will|would|is|was|jointly|together|[a-z]+ed)\b")


_AFTER_WORD = re.compile(r"\b(?:according\s+to|on|in|at|by|from|for|with)\s+$", re.I)
# a side's first word that makes it no doer: 'On Monday, Britain and France …'
_NO_DOER = STOPWORDS | frozenset("on in at after before during last meanwhile however earlier later yesterday today"
                                  .split())


def deed_shared(sentence: str, source: str) -> str:
    """Why the sentence gives one doer an amount the source says two named doers give together, or ''. ('Norway
    is contributing £0.53bn to Gavi.', '… the Bill Gates Foundation and Norway are joining up to put an extra
    £0.53bn …') -> "the source says it of 'Bill Gates Foundation and Norway'" (found asking new questions:
    shown, generated, for how much Norway gives by itself). Three or more doers too ('Britain, France and Germany
    have pledged £100m'), one of whom the sentence leaves out."""
    said = names(sentence, first=True)
    amounts = {m.group(0) for m in re.finditer(r"\d[\d,.]*", sentence)}
    for m in _JOINT.finditer(source):
        listed = re.split(r",\s+", m.group(1)) + [m.group(2)]
        if len(listed) > 2 and _AFTER_WORD.search(source[:m.start()]):
            listed = listed[1:]  # 'According to Reuters, Britain and France …' (review)
        sides = [names(side, first=True) - STOPWORDS for side in listed
                 if side.split()[0].lower() not in _NO_DOER]  # not 'On Monday,' (review)
        rest = re.split(r"(?<=[.!?])\s", source[m.end():], maxsplit=1)[0]
        # not an amount given by each ('… £100m each', '… have each pledged £100m', review), or said of one side
        # after naming it again ('… with France's deficit at 4.1%')
        shared = [a for a in amounts if a in rest and not re.match(r"\W*\w*\W*(?:each|apiece)\b",
                                                                   rest[rest.index(a) + len(a):])
                  and not re.search(r"\beach\b", rest[:rest.index(a)])
                  and not names(rest[:rest.index(a)], first=True) & set().union(*sides)]
        if all(sides) and shared and any(side <= said for side in sides) and any(not side & said for side in sides):
            return f"the source says it of '{m.group(1)} and {m.group(2)}'"
    return ""


_PLAYED_BY = re.compile(r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*),?\s+(?:who\s+(?:is|was)\s+)?played\s+by\s+"
                        r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")


def role_of_other(sentence: str, source: str) -> str:
    """Why the sentence gives an actor a role the source gives them not, or ''. ("Leslie Grantham played Den's wife
    Angie in EastEnders.", '… to see Den, played by Leslie Grantham, hand divorce papers to wife Angie.') -> "the
    source says Leslie Grantham played Den" (found asking new questions: shown, generated, for who played Angie)."""
    for m in _PLAYED_BY.finditer(source):
        role, actor = m.group(1).split(), m.group(2)  # 'Den Watts' plays 'Den' (review)
        said = re.search(rf"\b{re.escape(actor)}\s+(?:played|plays|who\s+played)\s+([^,.;]*?)(?:\s+(?:in|on|at|for)\b|"
                         r"[,.;]|$)", sentence)
        if said and not set(role) & set(re.findall(r"\b([A-Z][\w-]*)\b(?!['’]s)", said.group(1))):
            return f"the source says {actor} played {' '.join(role)}"
    return ""


_SPEAKER = re.compile(r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,5})\s+(?:said|says|told|tells|added|adds|wrote)\b")
# 'I was first elected in 1983 as the youngest MP', opening a quote or a clause: not 'World War I memorial' (review)
_I_SAID = re.compile(r"(?:^|[\"“‘(:;,.]\s*|\b(?:[Ww]hen|[Ii]f|[Aa]s|[Bb]ecause|and|but|that|so)\s+)"
                     r"(I(?:['’](?:m|ve|d))?\s+[^,;:\"”]+)")


def said_of_self(sentence: str, question: str, source: str) -> str:
    """Why the sentence says of its name what a named speaker says of themself ('I …') in its source, or ''.
    ('Callaghan first got elected as an MP in 1983.', 'when did callaghan first get elected as an mp', 'Charles
    Kennedy said: "When I was first elected in 1983 as the youngest MP, he was the Father of the House …') ->
    "the source's 'I' is Charles Kennedy: 'I was first elected in 1983 as the youngest MP'" (found asking new
    questions: shown, generated; the answer, 1945, stands in other lines)."""
    speaker, own = _SPEAKER.search(source), names(sentence, first=True)
    if not speaker or not own or own & names(speaker.group(1), first=True):
        return ""
    mine = re.split(r"\s(?:he|she|they|him|her|them)\s", next((m.group(1) for m in _I_SAID.finditer(source)), ""))[0]
    facts = (numbers(sentence) - numbers(question)) or (terms(sentence) - terms(question) - terms(" ".join(own)))
    if mine and facts and facts <= numbers(mine) | terms(mine):
        return f"the source's 'I' is {speaker.group(1)}: '{mine.strip()}'"
    return ""
