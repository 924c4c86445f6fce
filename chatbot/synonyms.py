"""Words news writes for one another: a count of 'players' is one of the 'gamers' a question asks about, and a
computer 'assembled for' a lab is 'put together for' it.

Short lists, kept by hand: each group is one thing said in other words, never a kind of it ('vehicles' are not all
'cars'). Nouns are compared by stem, so plurals match.
"""

from __future__ import annotations

import re

from .text import stems

_GROUPS = ("player gamer", "staff employee headcount", "film movie")  # not 'workers': agency ones are no staff
_KIN = {s: group for group in _GROUPS for s in stems(group)}


def kin(words: list[str]) -> list[str]:
    """The words with the others of their groups. ['gamers', 'joined'] -> ['gamers', 'joined', 'player', 'gamer']"""
    return [*words, *(w for s in stems(" ".join(words)) if s in _KIN for w in _KIN[s].split())]


# phrases news writes for one another, each group one meaning: 'being put together for …' is 'being assembled for …'
_PHRASES = tuple(tuple(re.compile(rf"\b(?:{form})\b", re.I) for form in group) for group in (
    (r"put(?:s|ting)?\s+together", r"assembl(?:e|ed|es|ing)"),
    (r"worth", r"valued"),
    (r"money", r"proceeds"),  # 'money from Band Aid 20' is its 'proceeds' (calibration n212)
    (r"help(?:s|ed|ing)?", r"(?-i:aid)", r"relief")))  # not the name 'Band Aid'


def said_otherwise(question: str, text: str) -> str:
    """The question's phrases that the text says in other words. ('Which lab is it being put together for?', 'It is
    being assembled for the Lawrence Livermore National Laboratory.') -> 'put together'"""
    return " ".join(m.group(0) for group in _PHRASES for mine in group
                    if (m := mine.search(question)) and any(other.search(text) for other in group if other is not mine))
