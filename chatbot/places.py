"""Where a count is counted: a line's count of the whole world, or of another place, is no count of the place a
question names ('How many copies did Halo 2 sell in Japan?': '… five million copies worldwide')."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .kinds import CALENDAR
from .peoples import as_people
from .periods import counts_given
from .text import MONTHS, mentioned, names, numbers, own_question


def other_place(question: str, line: str) -> str:
    """Why the line's count covers the whole world where the question asks about one place it does not name, or
    ''. ('How many copies did Halo 2 sell in Japan?', 'The game has sold more than five million copies
    worldwide …') -> "the question asks about 'Japan', the source counts 'worldwide'". The place is the name
    after 'in' ('in Japan', 'in the UK'); the line may name it another way ('Britain' for 'the UK')."""
    if not counts_given(line):
        return ""
    for m in _IN_PLACE.finditer(own_question(question)):  # or of two places, one the question's ('How many … in
        place = re.escape(m.group(1))  # the US alone?': '… in Japan and the US … almost 4m', found asking new ones)
        both = re.search(rf"\b(?:in|across)\s+(?:the\s+)?(?:([A-Z][\w'’-]*)\s+and\s+(?:the\s+)?{place}\b|"
                         rf"{place}\s+and\s+(?:the\s+)?([A-Z][\w'’-]*)(?![\w'’-])(?!\s+(?:[a-z]+ed|has|have|had|is|was|are|were|"
                         rf"said|says|will|would|can|could|sold|made|told)\b))", line)  # review
        if both and not mentioned((both.group(1) or both.group(2)).lower(), question):
            return f"the question asks about '{m.group(1)}', the source counts '{both.group(0)}'"
    # or its count is another place's: '… sold almost 4m DS consoles' 'in Japan and the US' for '… in Europe …?'
    # (found asking new questions: quoted, '**4m**' in bold)
    where = _WORLD.search(line) or next((m for m in _IN_PLACE.finditer(line) if _a_place(m, line)
                                         and not mentioned(m.group(1).lower(), question)), None)
    if not where:
        return ""
    for m in _IN_PLACE.finditer(own_question(question)):
        place = m.group(1)
        if place.lower() not in MONTHS and not mentioned(place.lower(), line):
            return f"the question asks about '{place}', the source counts '{where.group(0)}'"
    return ""


def _a_place(m: re.Match[str], line: str) -> bool:
    """Is the name after 'in' a place? Not a month, a day ('in Monday's bombing'), an owner ('in Iraq's capital'), a
    title ('in The Times') or a people's word ('in the Iraqi capital') (review)."""
    name = m.group(1)
    return name.lower() not in MONTHS and name.lower() not in CALENDAR and not re.search(r"['’]", name) \
        and not re.match(r"['’]", line[m.end():]) and not name.startswith("The ") \
        and not (name.endswith(("i", "ian", "ish", "ese")) and re.match(r"\s+[a-z]", line[m.end():]))


_WORLD = re.compile(r"\b(?:world-?wide|globally|(?:around|across|all\s+over)\s+the\s+(?:world|globe))\b", re.I)
_IN_PLACE = re.compile(r"\b(?:in|across|throughout)\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")


def world_for_place(sentence: str, question: str, lines: Sequence[str]) -> str:
    """Why the sentence puts a name of the question where a line giving its number says 'world' or 'global', before
    the same word, or ''. ('The UK music market was worth £17.7 billion …', 'What was the UK music market worth …?',
    ['… world music sales declined … to $33.6 billion (£17.7 billion).']) -> "the source says 'world music', not 'UK
    music'" (found asking new questions: shown, generated, from that line and one on the UK beside it)."""
    mine = numbers(sentence)  # (read on every source line of every generated sentence: most say no 'world')
    for line in (line for line in lines if _WORLD_OF.search(line) and mine & numbers(line)):
        for world in _WORLD_OF.finditer(line):
            for name in names(own_question(question), first=True):
                said = re.search(rf"\b({re.escape(name)})\s+{re.escape(world.group(1))}\b", sentence, re.I)
                if said and not mentioned(name, line):
                    return f"the source says '{world.group(0)}', not '{said.group(0)}'"
    return ""


_WORLD_OF = re.compile(r"\b(?:world|global)\s+([a-z]+)\b", re.I)


def place_unsaid(sentence: str, question: str, lines: Sequence[str]) -> str:
    """Why the sentence gives a number for the place the question asks about ('in Japan') that none of its source
    lines (nor the one before them) names, or '': the number is another place's, or no place's. ('The Nintendo DS
    costs £99 in Japan.', 'How much does the Nintendo DS cost in Japan?', ['The two-screen clamshell gadget costs
    £99 (149 euros) …']) -> the UK price (calibration n722, never said: shown as generated). The article's heading
    may name it ('Turkey knocks six zeros off lira' for inflation in Turkey: report n440, seen when it lost its
    generated answer to this check); a show's name is no place ('killed off in EastEnders')."""
    if not numbers(sentence) - numbers(question):
        return ""
    text = " ".join(lines)
    for m in _IN_PLACE.finditer(own_question(question)):
        place = m.group(1)
        said = re.search(rf"\b{re.escape(place)}\b", sentence)
        if said and _a_place(m, question) and not re.search(r"[a-z][A-Z]", place) \
                and not mentioned(place.lower(), text) and not as_people(place.lower(), text):
            return f"the source does not say it of '{place}'"
    return ""
