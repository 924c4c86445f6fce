"""Quoting: when no generated sentence survives, choose the one source sentence that answers (its answering
words are put in bold by `emphasis`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from .bounds import change_of_total, described_otherwise, other_size
from .emphasis import WHO_SAID
from .fits import deed_unsaid, misfit
from .kinds import WHY_Q, answer_type, done_by_named, has_type
from .offices import asked_office
from .order import later_unsaid, ordinal_unsaid
from .persons import subject_swapped
from .rank import Candidate
from .text import (
    CAPITALIZED,
    HONORIFICS,
    STOPWORDS,
    by_initials,
    has_name,
    mentioned,
    names,
    negated,
    numbers,
    own_question,
    sentence_spans,
    stems,
    terms,
    yes_no,
)
from .wording import PRONOUN_SAID, SPEECH, role_unsaid

POINTED_MIN = 0.6  # the line a refused reply points at is quoted only if it scores this share of the best


def choose(candidates: Sequence[Candidate], texts: Sequence[str], question: str, min_coverage: float,
           fits: Callable[[str], bool] = lambda text: True, before: Sequence[str] = ()) -> int | None:
    """The candidate to quote: the best-ranked one of the top three that holds the kind of answer asked for (or,
    `leans_back`, whose sentence `before` it holds it), covers enough of the question's words and `fits` (the
    caller's checks); None when none does."""
    kind = answer_type(question)
    for i, (c, text) in enumerate(zip(candidates[:3], texts, strict=False)):
        typed = has_type(text, kind, question) or (i < len(before) and leans_back(text, before[i], question))
        if c.coverage >= min_coverage and c.coverage > 0 and typed and _is_sentence(text) and fits(text):
            return i
    return None


_LEANS = re.compile(r"\s*(?:They|He|She)\b")
_THESE = re.compile(r"\W*(?:[\w'’-]+\s+){0,4}?(?:these|those|such)\s+(?!as\b|an?\b)(?:[\w'’-]+\s+)?[\w'’-]+",
                    re.I)  # not 'such as Iran …', 'such a case' (review)
_QUOTED = re.compile(r"\s*[\"“‘]")
_WHY_HOW = re.compile(r"\s*(?:why|how)\b(?!\s+(?:many|much|old|long|far|fast)\b)", re.I)


def leans_back(line: str, before: str, question: str) -> bool:
    """Does the line say what is asked of someone it names only as 'They', 'He' or 'She', whom the sentence
    before names, or (for a why/how question) of things it calls 'these' or 'such' ('Volume increases in these
    specific commodities …', calibration s107: which ones the sentence before says)? ('They may now have to face
    a larger proportion of GM's cuts.', '… may not be welcomed by the group's Opel workers in Ruesselsheim,
    Germany.', 'Who may have to face …?') -> True: the two are quoted together (found asking new questions: a
    line about something else was quoted, its 'Sweden' bold)."""
    kind = answer_type(question)
    if kind is None and _WHY_HOW.match(own_question(question)) and _THESE.match(line):
        return True
    leans = _LEANS.match(line) or (_QUOTED.match(line) and WHO_SAID.match(own_question(question)))  # '"And remember
    # that … Charlie lived life to the fullest."' for 'Who said …?': the speaker is named before (found asking)
    return bool(leans) and not has_type(line, kind, question) and has_type(before, kind, question)


# A line quoted for a why-question that is mostly the question's own words restates what is asked why of; the reason
# may follow in the next line, a quotation or a sentence giving a cause ('"Despite that they were hugely popular in
# the mid-80s," he said.' -> '"They became a yuppy must-have …"'). Measured on the calibration half's why-questions
# quoted: the lines that restated this much (0.38-0.60 of their words) were followed by the reason for 4 of 6, and no
# line restating less was followed by it (s125, s146's reasons follow lines restating 0.05-0.10 of their words). Of
# the 4, s173's reason gives no cause word and is not a quotation: not taken (review: nor is an unrelated line).
RESTATES = 0.375
RESTATING_WORDS = 4  # a line of fewer content words restates nothing ('He refused.')
_CAUSE = re.compile(r"\b(?:because|due\s+to|owing\s+to|thanks\s+to|as\s+a\s+result|the\s+reason|in\s+order\s+to|"
                    r"so\s+that|caused|led\s+to)\b", re.I)
# 'What point did Trevor Phillips make …?', 'How has the union responded …?': what someone said (not 'What point in
# the season …', 'What make of car …?': a verb after the question's own 'did', 'has' …)
_SAID_Q = re.compile(r"\s*(?:(?:and|so|but|then)\s+)?(?:what|how)\b[^?]*?\b(?:did|does|do|has|have|had)\s+[^?]*?\b(?:"
                     r"say|said|think|thinks|thought|respond|responded|react|reacted|reply|replied|argue|argued|warn|"
                     r"warned|claim|claimed|tell|told|add|added|describe|described|mean|make(?=\s+(?:of|about)\b|\s*\?))\b",
                     re.I)


def quote_end(chunk: str, start: int, end: int, question: str) -> int:
    """Where a quote of the line `chunk[start:end]` ends: after the quotation or cause the next sentence of its
    paragraph gives, when that goes on with what is asked, else `end`. It does
    - for a question on what someone said, when the line opens naming them and a quotation of no other speaker
      follows ('"Tell that to the 44,000 doctors …," he said.': calibration n069, 'What point did Trevor Phillips
      make about the NHS …?', had quoted the line alone);
    - for a why-question whose line mostly restates what is asked why of and gives no cause itself, when a quotation
      (whoever says it) or a sentence giving a cause follows (calibration n343: 'Higher fuel costs also are expected
      to eat into earnings in coming months.' then '"We don't have as much hedging benefit in the second half …,"
      said chief financial officer Peter Gregg.').
    Never for a question asking for a number, date, name or place (what follows is not in bold)."""
    own = own_question(question)
    after = [(s, e) for s, e in sentence_spans(chunk) if s >= end]
    if not after or "\n" in chunk[end:after[0][0]] or answer_type(question) is not None:
        return end
    line = chunk[start:end]
    if _SAID_Q.match(own):
        return (_quotation_end(chunk, after) or end) if _opens_with(line, own) else end
    if not WHY_Q.match(own) or _CAUSE.search(line):
        return end
    words = set(stems(SPEECH.sub(" ", line)))
    restates = len(words) >= RESTATING_WORDS and len(words & set(stems(question))) / len(words) >= RESTATES
    if not restates:
        return end
    if _QUOTED.match(chunk, after[0][0]):  # whoever says it: the reason may be another's ('…," said its finance chief')
        return _quotation_end(chunk, after, anyone=True) or end
    return after[0][1] if _CAUSE.search(chunk[slice(*after[0])]) else end


def _quotation_end(chunk: str, after: Sequence[tuple[int, int]], anyone: bool = False) -> int | None:
    """The end of the quotation that the first of the sentences `after` opens, if it closes within three sentences
    and (unless said by `anyone`) names no other speaker than 'he', 'she' or 'they', nor does the sentence after it
    ('"It is nonsense." Michael Howard said.'); else None."""
    if not _QUOTED.match(chunk, after[0][0]):
        return None
    for n, (_, e) in enumerate(after[:3]):
        text = chunk[after[0][0]:e]
        if text.count('"') % 2 == 0 and text.count("“") <= text.count("”"):
            following = chunk[slice(*after[n + 1])] if n + 1 < len(after) else ""
            named = [t for t in (text, following) if SPEECH.search(t) and not PRONOUN_SAID.search(t)]
            return None if named and not anyone else e
    return None


def _opens_with(line: str, question: str) -> bool:
    """Is the first name the line gives one the question gives ('Trevor Phillips, chairman of …' for 'What point did
    Trevor Phillips make …?'), so a 'he said' after it is theirs? Not 'Michael Howard attacked Trevor Phillips …'."""
    asked = names(question, first=True)
    first = next((w for m in CAPITALIZED.finditer(line) if (w := m.group(0).lower()) not in STOPWORDS
                  and w not in HONORIFICS), None)
    return first is not None and re.sub(r"['’]s$", "", first) in asked


_SPEAKS = re.compile(r"\b(?:said|says|told|tells|added|adds)\b\s*:?\s*[\"“]")


def speaker_start(chunk: str, start: int, question: str) -> int:
    """Where the quotation that a line quoted for 'Who said …?' goes on opens, naming its speaker, up to two sentences
    back ("Waterstone's fiction writer buyer Suzie Doore said: "It is great … Fresh out of university she is certainly
    one to watch.", found adding questions: n290 quoted the last line alone); else `start`."""
    end = next((e for s, e in sentence_spans(chunk) if s == start), len(chunk))
    if not (_QUOTED.match(chunk, start) and WHO_SAID.match(own_question(question))) \
            or re.search(r"\b(?:said|says|told|added)\b", chunk[start:end]):
        return start  # nor a line naming its speaker itself: '"…," Tony Blair said.'
    spans = [s for s, _ in sentence_spans(chunk) if s < start][-2:]
    return next((s for s in reversed(spans) if _SPEAKS.search(chunk[s:start])), start)


class Context(NamedTuple):
    """What a line to quote stands in: the sentence before it, its article (title and text) and its passage (with the
    article's title)."""

    before: str
    article: str
    passage: str = ""


def fallback(reply: str, candidates: Sequence[Candidate], texts: Sequence[str], shown: Sequence[int],
             question: str, min_coverage: float, typed: set[str], asked: set[str],
             context: Sequence[Context]) -> int | None:
    """The line to quote when no generated sentence survives: the line the refused reply was read from
    (`pointed`), else the best-ranked line that answers (`choose`); None when none does. Neither may be about
    something else: count other things, date another month, leave out the name a follow-up typed (`typed`),
    be about another person than the question's ('He …', `someone_else`) or stand in an article that names
    none of the question's names (`asked`: '… the airline made a pre-tax profit of £75m' for Barclays' profits),
    or leave out the 'first' or 'last' of the thing a who/when question asks about (`order.ordinal_unsaid`);
    the line the reply points at must stand in one that names all of them (n069: not Lord Scarman's article,
    which never mentions the NHS, for 'What point did Trevor Phillips make about the NHS …?').

    Measured against the ranker's line alone: right 6 / wrong 0 on the calibration halves, 3 / 3 on the report
    halves and the dev set; pointing by words too: +2 / -0 and +1 / -1 (README, "Measured").
    """
    asked = asked - HONORIFICS  # 'Mr Sigarchi' is not found in an article on Mr Ebbers by his 'Mr' (found asking
    # new questions: '… a jail sentence of up to **85 years if convicted**' was quoted for how long Sigarchi was jailed)

    def elsewhere(i: int) -> bool:
        return bool(asked) and not any(mentioned(n, context[i].article) for n in asked)

    ranked = answer_type(question) in ("name", "date")

    def unranked(i: int) -> bool:  # 'Who won the first novel award?': not a line on her novel of the year
        return ordinal_unsaid(texts[i], question, context[i].before) if ranked else \
            later_unsaid(texts[i], question, context[i].before)  # nor the first blogger's for the second's

    def unnamed(i: int) -> bool:  # the reply's own line must stand with every name of the question
        return not all(mentioned(n, context[i].article) for n in asked)

    doers = [(d & asked, run) for d, run in _counted_doers(question)] if answer_type(question) == "number" else []

    def unplaced(i: int) -> bool:  # a count in a passage that never names who the question says did it: 'How many …
        # has Moscow sent to Kabul?' is not '… Islamabad has sent … two high-ranking defense/ISI trips …' (calibration
        # s195, the model's reply refused, its line quoted with the count in bold); by its initials it does ('BA' for
        # British Airways: calibration n642, refused)
        here = context[i].passage
        return bool(here) and any(doer and not any(mentioned(n, here) for n in doer) and not by_initials(run, here)
                                  for doer, run in doers)

    pick = pointed(reply, candidates, texts, shown, question, min_coverage, POINTED_MIN)
    if pick is not None and (misfit(texts[pick], question, typed, context[pick].before, context[pick].article)
                             or unnamed(pick) or unranked(pick) or unplaced(pick)
                             or subject_swapped(reply, question, texts[pick])
                             or role_unsaid(reply, question, texts[pick])
                             or described_otherwise(reply, texts[pick]) or change_of_total(reply, texts[pick])):
        pick = None  # nor a line saying of another what the reply says of the question's subject (France's £960m),
        # or whose number the reply took is what another thing is or costs ('The DS games will cost £99' from '…
        # gadget costs £99 … and 15 games are available'; found asking new questions), or that gives as a total the
        # number the reply says is a change ('By 30 billion, texts were up' from '… a total of 30 billion for 2005'),
        # or that never gives the role the reply names its person for ('James Wareham, a lawyer …' for the prosecutor)
    at = {text: i for i, text in reversed(list(enumerate(texts)))}

    def fits(text: str) -> bool:  # the ranker's line: its counts are not checked, a list's first count often differs
        here = context[at[text]]
        return not (misfit(text, question, typed, here.before, here.article, every_count=False) or elsewhere(at[text])
                    or subject_swapped(reply, question, text) or role_unsaid(text, question, text)
                    or unranked(at[text]) or unplaced(at[text]))

    before = [c.before for c in context]
    if pick is None:
        pick = choose(candidates, texts, question, min_coverage, fits=fits, before=before)
    if pick is None or not done_by_named(texts[pick], question):  # a shown line naming who did the deed asked about
        # ('… an event jointly organised by the UK's Department for International Development …' for 'who organised
        # the event …?', ranked fifth; found asking new questions: a line on Mr Brown was quoted)
        pick = next((i for i in shown if done_by_named(texts[i], question) and candidates[i].coverage >= min_coverage
                     and _is_sentence(texts[i]) and fits(texts[i])), pick)
    pick = _holder_or_quoted(pick, candidates, texts, shown, question, min_coverage, fits)
    if pick is not None and deed_unsaid(texts[pick], question):  # a line of the top three that says the deed asked
        # about ('… taking the top spot … is … Clive Calder' for 'Who tops the music rich list?', not '… Judy
        # Craymer is the highest new entry …', which the refused reply pointed at; found asking new questions)
        held = {n for n in asked if mentioned(n, texts[pick])}  # nor for a line on none of the things it names: '… the
        # TTP … continues to exploit … porous border with **Pakistan** to carry out attacks' for 'Who carried out the
        # March 2024 attack on the Moscow concert hall?', not '… attributed to ISIS-K …' (found in the browser)
        said = choose(candidates, texts, question, min_coverage, before=before,
                      fits=lambda text: fits(text) and not deed_unsaid(text, question)
                      and all(mentioned(n, text) for n in held))
        pick = pick if said is None else said
    return pick


def _holder_or_quoted(pick: int | None, candidates: Sequence[Candidate], texts: Sequence[str], shown: Sequence[int],
                      question: str, min_coverage: float, fits: Callable[[str], bool]) -> int | None:
    """The line to quote instead of `pick`: for who holds an office, when none was picked, a shown line naming the
    holder (`fits` checks it names them for what is asked: 'Tory leader Michael Howard …', ranked fourth for 'Who
    leads the Conservative Party?' after the Scottish Conservative and SNP leaders; calibration n543, refused); else a
    line of the top three with the words the question quotes, of the kind asked ('… Tory Liam Fox said his party
    offered a "clear choice" …' for 'Which Conservative said his party was offering voters a "clear choice" …?',
    ranked second: calibration n302, another quoted)."""

    def usable(i: int) -> bool:
        return candidates[i].coverage >= min_coverage and _is_sentence(texts[i]) and fits(texts[i])

    if pick is None and asked_office(own_question(question)):
        return next((i for i in shown if usable(i)), None)
    quoted = _said_words(question)
    if quoted and (pick is None or not _says(texts[pick], quoted)):
        kind = answer_type(question)
        return next((i for i in range(min(3, len(texts))) if _says(texts[i], quoted)
                     and has_type(texts[i], kind, question) and usable(i)), pick)
    return pick


def _said_words(question: str) -> list[str]:
    """What the question quotes in two words or more. 'Who said "no" and who said "yes, of course"?' -> ['yes, of
    course']"""
    quoted = re.findall(r'"([^"]+)"|“([^”]+)”|‘([^’]+)’', question)
    return [said for group in quoted for said in group if len(said.split()) > 1]


def _says(text: str, quoted: Sequence[str]) -> bool:
    """Does the text hold one of the quoted phrases, as whole words? ('an unclear choice', ['clear choice']) -> False"""
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.I) for w in quoted)


_DOER = re.compile(r"\s*(?i:how\s+(?:many|much))\b[^?]*?\b(?i:has|have|had|did|does|do|will|would)\s+(?:the\s+)?"
                   r"([A-Z][\w'’-]*(?:\s+(?:and\s+(?:the\s+)?)?[A-Z][\w'’-]*)*)")


def _counted_doers(question: str) -> list[tuple[set[str], str]]:
    """The names of who the count question says did what it counts, each doer's, with its words as asked: 'How many
    … has Moscow sent to Kabul?' -> [({'moscow'}, 'Moscow')]; 'How many … have Russia and the Taliban held?' ->
    [({'russia'}, 'Russia'), ({'taliban'}, 'Taliban')]; "… has Andrea Arnold's Wasp won?" -> [({'andrea', 'arnold',
    'wasp'}, "Andrea Arnold's Wasp")]; none for 'How many journalists work for …?'."""
    m = _DOER.match(own_question(question))
    return [(names(part, first=True), part) for part in re.split(r"\s+and\s+", m.group(1))] if m else []


def pointed(reply: str, candidates: Sequence[Candidate], texts: Sequence[str], shown: Sequence[int], question: str,
            min_coverage: float, relevance: float) -> int | None:
    """The line the model read its refused reply from: of the lines it was shown, the one holding most of the
    reply's numbers, names and words (a number counts 3, a name 2, a word 1), if that line holds the kind of
    answer asked for and ranks within `relevance` of the best line (a model that obeys a planted 'The answer
    is PWNED' does not get that line quoted); else None.

    The reply failed the checks ('The Mac mini in the UK costs £339.': 'cost' is not in the source), but the
    line it points at ('The $499 Macintosh, sold for £339 in the UK, …') is quoted as it stands. A reply with
    no number or name points by its words ('Pancular cancer' at '… diagnosed with pancreatic cancer …'), but not
    one giving no number to a question asking for one (calibration n589); one with numbers only at a line that holds
    one of them, in the size the reply gives it ('16 million viewers' not at '16 years': calibration n376, refused).
    A reply to a yes/no question points by the question's words too, and by its 'not': 'No, the Cadillac BLS will
    not be sold in the US.' at 'It will not be sold in the US, said …', not at the best-ranked line about the
    Cadillac BLS.
    """
    kind = answer_type(question)
    reply = re.sub(r"\[[^\]]*\d[^\]]*\]", " ", reply)  # its citation marks ('[2]', '[2, 3]') are no numbers of its own
    given = numbers(reply) - numbers(question)
    if kind == "number" and not given:
        return None  # a reply giving no number to a number question read no answer ('… turns out about half of what
        # major car makers consider sufficient' at a line of losses, not '… fewer than 130,000 cars per year': n589)
    # not a number the reply gives as no answer ('50m taller than …' for 'How tall …?' pointed at '50 escalators')
    mine_numbers = given if kind != "number" or has_type(reply, kind, question) else set()
    # a reply to a yes/no question restates it: its words, and its 'not', say which line it was read from
    asks_yes_no = yes_no(question)
    mine_terms = terms(reply) - (set() if asks_yes_no else terms(question))
    denies = asks_yes_no and negated(re.sub(r"^\W*(?:yes|no)\b\W*", "", reply, flags=re.I))  # 'not', no 'No,'
    mine_names = {n for n in names(reply, first=True) - names(question, first=True) if terms(n) <= mine_terms}
    best, best_score = None, 0
    top = max((c.score for c in candidates), default=0.0)
    for i in shown:
        text, c = texts[i], candidates[i]
        score = 3 * len(mine_numbers & numbers(text)) + 2 * sum(has_name(n, text) for n in mine_names) + \
            len(mine_terms & terms(text))
        score += 2 * (denies and bool(score) and negated(text))  # a 'not' beside words of the reply, not alone
        if not score or (mine_numbers and not mine_numbers & numbers(text)) or other_size(reply, text) \
                or c.coverage < min_coverage \
                or c.score < relevance * top or not has_type(text, kind, question) or not _is_sentence(text):
            continue
        if score > best_score:
            best, best_score = i, score
    return best


def _is_sentence(text: str) -> bool:
    """A sentence, not a heading: it ends like one. 'The Trans-Afghan Railway Project' -> False"""
    return bool(re.search(r"[.!?…:;][\"'”’)\]]*$", text.strip()))
