"""Does the source say the sentence's words and names? The word-level checks of `verify`.

A name the sentence adds must stand in its source sentence; most of the words it adds to the question must be
there too, and the question's words it echoes must be about the source's subject. To a yes/no question, every
word must be in the source, in order and close together.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import lemminflect

from .about import goes_on, heading
from .kinds import WHO_DID_Q, answer_type
from .offices import ACRONYMS as OFFICE_ACRONYMS
from .offices import asked_office, holds_office, said_office
from .pairs import from_question
from .peoples import as_people
from .persons import full_names, lead_name, name_runs, others_named, same_person, titled
from .synonyms import said_otherwise
from .text import (
    as_acronym,
    by_acronym,
    has_name,
    mentioned,
    names,
    own_question,
    spelled_in,
    terms,
    written_otherwise,
)
from .wordforms import base_terms, begins_word, forms, found_in, in_order

NEW_WORDS_MIN = 0.5  # share of the words a sentence adds to the question that the source must hold
# ... two neighbouring sentences together: more, having twice the words to match by chance ('… due to mounting
# security threats within the region' on two lines holding 3 of 5, found in the browser); not all ('The TFC lifts
# use a pressure control system …' on '… have a pressure control system …' + a 'TFC' line: calibration n106), and
# one word missing is never enough to refuse ("Glazer's new offer values …" on '… a fresh approach' + 'His offer …')
PAIR_NEW_WORDS_MIN = 0.8
LEXICAL_MIN = 0.6  # share of all its content words found in the source or the question
# content words of its own a line may have between two of a yes/no answer's ('Russia's recent decision to
# remove …' for 'Russia removed …'; not '… Malcolm Glazer has made a fresh approach to buy Manchester United')
YES_NO_GAP = 2
_PREFIXES = frozenset({"co", "ex", "pre", "non", "anti"})  # a hyphened word's first part: 'co-producing'
ANCHOR_MIN = 0.5  # share of the question's words echoed by a sentence that its source (or the one before) holds
_ORDINALS = frozenset(terms("first last top second third latest"))
DEED_ANCHOR_MIN = 0.6  # … of those but the deed, when the question asks who did something

SPEECH = re.compile(r"\b(?:said|says|say|told|tells|stated|states|warned|warns|claimed|claims|argued|argues|"
                    r"announced|announces|added|insisted|insists|described|describes|according to)\b", re.I)
PRONOUN_SAID = re.compile(r"\b(?:he|she|they)\s+(?:said|says|told|tells|added|adds|stated|warned|claimed|argued|"
                          r"insisted|announced)\b", re.I)
# words that only say something happened ('8 meetings took place'): no subject of their own to anchor
_HAPPENED = re.compile(r"\b(?:took|take|takes|taken|taking)\s+place\b|\b(?:happen|occur)(?:s|ed|red|ring|ing)?\b", re.I)
# 'de-list' is 'remove from the list': the source says the removal its question asks of ('Russia removed the
# Taliban from its terrorist list to address …' on "Russia's decision to de-list the Afghan Taliban is … a response
# to …", found in the browser: cited to a line sharing three of its words instead)
_UNDONE = re.compile(r"\bde-?(?=list|register|certif|select|recogni[sz])|\bde-(?=[a-z]{3})", re.I)


def names_missing(sentence: str, question: str, text: str, before: str, document: str, article: str = "",
                   lead: str = "") -> str:
    """Why a name of the sentence is not where it must be, or ''.

    A name the question used may be anywhere in the passage or the article's title (`document`: the heading
    'Halloween writer Debra Hill dies' above her quote), but a person the question names must be in the
    sentence by surname when the sentence names another person that neither the answer nor the question
    names ('David Cameron replaced Iain Duncan Smith' is no support for '… replaced Michael Howard'; 'Auction
    spokesman Erik Simon said the Presley tapes …' is for 'the Elvis Presley tapes'). A name the answer adds
    must be in the supporting sentence(s) `text` itself; in reported speech every name must be. `lead`: the
    sentence(s) before a line going on about a thing that may name it (`about.lead_in`).
    """
    asked = names(question)
    if others_named(text, sentence, question):
        asked -= {n for run in full_names(question) if len(run) > 1 and not same_person(run, text)
                  and not all(written_otherwise(n, text) for n in run) and not _the_thing(run, question)
                  for n in run}  # 'Lib Dems': no person
    mine_names = names(sentence) | lead_name(sentence, question)
    # a line naming who holds the office asked about may name its body by its people's word ('Italy's finance
    # minister' on '… the Italian finance minister Domenico Siniscalco …', calibration n535; `offices.holder_missing`
    # checks whose office it is); not any line ('… faster than Japan's Earth Simulator' on '… the Japanese contender,
    # the Earth Simulator …', calibration n268)
    office = holds_office(text, asked_office(own_question(question)))
    if office:
        mine_names -= OFFICE_ACRONYMS  # 'Apple CEO …' on "… Apple's mercurial boss Steve Jobs" (found asking)
    # a name the question typed in small letters is the question's too ('which month held the uk record …?'), in a
    # question typed all so: 'next' of '… next year?' is no retailer Next (review)
    asked |= {n for n in mine_names if question == question.lower()
              and re.search(rf"(?<![\w'’-]){re.escape(n)}(?![\w'’-])", question)}
    beside = text
    if SPEECH.search(sentence):  # 'India's prime minister said …': who said it must be beside what was said
        mine_names = names(sentence, first=True)
        if PRONOUN_SAID.search(text):  # '… Mr McConnell claimed. He said …': the speaker is named just before
            beside = f"{before} {text}"
        # the question's name for the speaker is there by surname: 'Jack McConnell' as 'Mr McConnell'
        mine_names -= {n for run in full_names(question) if same_person(run, beside) for n in run}
        asked = set()
    # 'The game has sold …' is about the game named just before it or in the title, not one named further on
    near = f"{heading(article or document)} {lead or before} {text}" if goes_on(text) else document
    own, short = names(own_question(question)), by_acronym(question, document)  # 'Mobile Data Association' as MDA
    # a name of the question may be its people's word ('Pakistani' for 'Pakistan') or written otherwise ('Tory'
    # as 'Conservative'); its 'FT' its article's "Pearson's Financial Times", an answer's 'GM' 'General Motors'
    missing = sorted(n for n in mine_names if not (
        n in short or mentioned(n, near if n in own else document) or (office and as_people(n, text))
        or (as_acronym(n, question) and spelled_in(n, document, part=True))
        or _shortened(n, question, text, article) or _party_written_otherwise(n, question, document)
        if n in asked else has_name(n, beside)
        or (as_acronym(n, sentence) and spelled_in(n, beside))))
    return f"'{missing[0]}' is not in the source" if missing else ""


def _the_thing(run: list[str], question: str) -> bool:
    """Does the question write the name after 'the', as no one's name is written? (['sunday', 'times'], 'Where does
    Judy Craymer rank on the Sunday Times music rich list?') -> True (calibration n400: refused on a line naming
    the playwright Catherine Johnson)"""
    spaced = r"\s+".join(map(re.escape, run))
    return bool(re.search(rf"\bthe\s+{spaced}\b", question, re.I))


def _shortened(name: str, question: str, line: str, article: str) -> bool:
    """Is a word of a name the question gives left out of the line, which writes the rest of that name, in an article
    that writes it whole? ('manchester', 'Who's the chief executive at Manchester United?', "… United's chief
    executive David Gill said …", an article opening "… to buy Manchester United …") -> True (found asking new
    questions: refused)"""
    runs = [run for run in full_names(question) if name in run and len(run) > 1]
    # the rest stands as a name of its own, not part of another's ('The Telegraph Group' for 'Guardian Media Group')
    return bool(article) and mentioned(name, article) and any(
        set(other) < set(run) for run in runs for other in name_runs(line) if other)


def _party_written_otherwise(name: str, question: str, document: str) -> bool:
    """Is the name the 'Party' of a party the question names that the document writes otherwise? ('party', 'Who leads
    the Conservative Party?', 'Tory leader Michael Howard said …') -> True (calibration n543: 'Michael Howard leads the
    Conservative Party.' refused, "'party' is not in the source")"""
    # only 'Tory': 'Liberal' for the Lib Dems is no Liberal Party (review)
    return name == "party" and bool(re.search(r"\bConservative\s+Party\b", question)) \
        and written_otherwise("Conservative", document)


_YEARS_OLD = re.compile(r"\b(\d{1,3})\s+years?\s+old\b|\b(?:at\s+)?the\s+age\s+of\s+(\d{1,3})\b", re.I)


def words_missing(sentence: str, question: str, text: str, before: str, pair: bool = False) -> str:
    """Why the sentence's words are not the source's, or ''. Irregular verb forms are compared with the
    question's in their base form (the question's 'sell' is the answer's 'sold'), with the source as written;
    `pair`: `text` is two neighbouring sentences, which must hold more of the words it adds. An age is said as the
    source says it: '44 years old' is 'aged 44' ('Charlie Bell was 44 years old when he died.' on '… has died
    of cancer aged 44.', found asking new questions)."""
    if re.search(r"\bage[ds]?\b", text, re.I):
        sentence = _YEARS_OLD.sub(lambda m: f"aged {m.group(1) or m.group(2)}", sentence)
    elif re.search(r"\bhow old\b", question, re.I):  # 'Stephen Nogar was 57 years old.' on '… son Stephen, 57, said …'
        sentence = _YEARS_OLD.sub(lambda m: m.group(1) or m.group(2), sentence)
    mine = forms(sentence)
    question_terms, question_bases, given = terms(question), base_terms(question), from_question(mine, sentence,
                                                                                                  question)
    source_terms = terms(text)
    added = set(mine) - given
    found = {t for t in added if found_in(t, source_terms)}
    least = PAIR_NEW_WORDS_MIN if pair else NEW_WORDS_MIN
    if added and len(found) / len(added) < least and (not pair or len(added - found) > 1):
        return f"most of what it adds is not in the source ({', '.join(sorted(added - found))})"
    if mine and sum(t in source_terms or t in given for t in mine) / len(mine) < LEXICAL_MIN:
        return "most of its words are not in the source"
    # The words it shares with the question must be about the source's subject too: 'The relationship is
    # heading towards a deeper calculation' joins the question's words to a phrase about something else.
    said = forms(_HAPPENED.sub(" ", sentence))
    echoed = {t for t in said if t in question_terms or said[t] in question_bases} - terms(" ".join(names(question)))
    echoed -= _PREFIXES  # the 'co' of 'co-producing' is no word of its own: not held by a 'co-wrote' (found asking)
    around = source_terms | terms(before) | ({"remov"} if _UNDONE.search(f"{text} {before}") else set()) \
        | terms(said_otherwise(question, f"{before} {text}"))  # 'put together' for '… being assembled for …' (n368)
    own = own_question(question)
    if holds_office(text, asked_office(own)):  # the question's words for an office the line names the holder of:
        around |= terms(" ".join(said_office(own)))  # 'top diplomat' for '… Foreign Minister Ishaq Dar' (s257)
    if len(echoed) >= 2 and len(echoed & around) / len(echoed) < ANCHOR_MIN:
        return f"the source does not say this about {', '.join(sorted(echoed - around))}"
    # who did it: besides the deed (which the source may say otherwise: 'purchased' for 'bought'), what it was done
    # to is what the answer says of its name ('John Carpenter is directing the remake of The Fog' on 'Directed by
    # John Carpenter, it made over $60m', of Halloween; found asking new questions: shown)
    who_did = WHO_DID_Q.match(own)
    deed = base_terms(who_did.group(1)) if who_did else set()
    rest = {t for t in echoed if t not in deed and said[t] not in deed and t not in _ORDINALS
            and not t.endswith("est")}  # (an ordinal's or superlative's own check says so: 'fastest')
    if deed and len(rest) >= 2 and len(rest & around) / len(rest) < DEED_ANCHOR_MIN:
        return f"the source does not say this about {', '.join(sorted(rest - around))}"
    # One echoed word is enough when all the sentence adds is a name (its first word too: 'Barclays bought Absa'
    # on '… its bid to acquire … Absa …'): 'Jim Callaghan took over from Lord Heseltine' is not said by '… Lord
    # Heseltine said that … he and Lord Callaghan became friends'. The word may stand in another form ('wrote'
    # for 'was written by', 'chairs' for 'chairman'); what an acronym stands for is said by spelling it out
    # ('the Eastern Turkistan Islamic Movement (ETIM)')
    if echoed and added and added <= terms(" ".join(names(sentence, first=True))) \
            and answer_type(question) != "expansion":
        bases = base_terms(f"{text} {before}")
        # the deed a 'who did' question asks the doer of, unless it is an office the line names the holder of ('Who
        # runs British Airways?' on 'Rod Eddington, BA's chief executive, …': found asking new questions)
        # (the deed, read above: 'written' for 'Who wrote …?', review)
        # ('Who is the boss of Toshiba Elevator …?' on '… said Masayuki Shimono, president of … Toshiba Elevator …')
        office = deed | base_terms(" ".join(said_office(own))) if holds_office(text, asked_office(own)) else set()

        def held(t: str) -> bool:
            return found_in(t, around) or said[t] in bases or begins_word(t, around) or said[t] in office

        if len(echoed) == 1 and not any(held(t) for t in echoed):
            return f"the source does not say this about {', '.join(echoed)}"
        # nor, of more, that deed: 'Damian Hockney replaced Kilroy-Silk as UKIP leader' on 'Damian Hockney said …
        # Mr Kilroy-Silk would "deliver better" as the leader …' (found asking new questions)
        unsaid = sorted(t for t in echoed if said[t] in deed and not held(t))
        if len(echoed) > 1 and unsaid:
            return f"the source does not say this about {', '.join(unsaid)}"
    return ""


def unsaid(sentence: str, question: str, text: str) -> str:
    """Why a sentence answering a yes/no question says what its source `text` does not, or ''. Its words are
    what the question asks, so each must be in the source, as written or in its base form ('bought', 'buys'),
    in the same order ('Absa bought Barclays' is no 'Barclays bought Absa') and close together ('Margaret
    Thatcher resigned as Labour leader' is no '… Thatcher was swept into power in a landslide victory, and
    Lord Callaghan resigned as Labour leader'); a place may be its people ('Russia', 'Russian'); of a person
    the question names, the surname after a title is enough ('Bernie Ebbers has denied charges of fraud' on 'Mr
    Ebbers has denied charges of fraud and conspiracy')."""
    excused = terms(" ".join(n for run in full_names(question) if len(run) > 1 and titled(run[-1], text)
                             for n in run[:-1]))
    named = terms(" ".join(names(sentence, first=True)))
    source = in_order(text)
    mine = [(t, base) for t, base in in_order(sentence) if t not in excused]
    places = [[i for i, (s, b) in enumerate(source) if s == t or b == base or (t in named and found_in(t, {s}))]
              for t, base in mine]
    absent = next((t for (t, _), found in zip(mine, places, strict=True) if not found), None)
    if absent:
        return f"'{absent}' is not in the source"
    if places and not any(_run(start, places[1:]) for start in places[0]):
        return "the source does not say it in this order, close together"
    return ""


def _run(at: int, places: Sequence[list[int]]) -> bool:
    """Can each next word be found after the one before, with at most YES_NO_GAP content words between?
    (0, [[1], [4]]) -> True; (0, [[5]]) -> False"""
    for found in places:
        near = [i for i in found if at < i <= at + 1 + YES_NO_GAP]
        if not near:
            return False
        at = near[0]
    return True


_WHO_IS = re.compile(r"\s*who\s+(?:is|was)\s+(?:the|a|an)\s+([a-z][\w -]*)", re.I)  # '… the prosecutor in …?'
_ROLE_END = re.compile(r"\s+(?:in|of|at|for|against|on|to|with|behind|from|who|that|when|during|under|over)\b", re.I)


def role_unsaid(sentence: str, question: str, text: str) -> str:
    """Why the sentence names the holder of the role a 'Who is the …?' question asks from a line that never says the
    role, or ''. ('The prosecutor in the class action against the former WorldCom directors is James Wareham.', 'Who
    is the prosecutor in the class action …?', 'James Wareham, a lawyer representing one of the directors, told
    Reuters …') -> "the source does not say who is the prosecutor" (found asking new questions: shown, generated;
    the line after names the prosecutor). The role's last word stands for it: 'chief executive' is an executive."""
    m = _WHO_IS.match(own_question(question))
    role = _ROLE_END.split(m.group(1))[0].split() if m else []
    if not role or len(role) > 3 or "NOUN" not in lemminflect.getAllLemmas(role[-1].lower()) \
            or not names(sentence, first=True) - names(question, first=True):
        return ""  # a role, not a description ('Who are the four British men due to be released …?')
    said, word = base_terms(text), role[-1].lower()
    group = next((g for g in _ROLES if word in g), frozenset())
    # the role, its verb ('directed by' for the director, 'owned' for the owner) or a word of its kind (a boss is a
    # chief executive, a lawyer an attorney; 'president' is said 'presid'): review
    kind = base_terms(" ".join(group))
    if base_terms(word) <= said or kind & said or any(t[:5] == word[:5] for t in said if len(t) >= 5):
        return ""
    return f"the source does not say who is the {word}"


_ROLES = [frozenset(g.split()) for g in (
    "boss head leader chief chairman chairwoman executive president director founder manager coach governor",
    "lawyer attorney solicitor barrister counsel", "spokesman spokeswoman spokesperson", "winner won win",
    "author wrote write written writer novelist", "owner own owned", "victim kill killed die died")]
