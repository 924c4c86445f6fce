"""Who is to do a deed: '… an opportunity for Pakistan to push for a more robust regional strategy' gives the push to
Pakistan, whatever the line's own subject (Russia's shift) is; an answer saying Russia gets to push is not supported.
Nor is what someone is blamed for ('… stronger action against the Afghan Taliban for allowing groups like the TTP to
operate freely') what anyone asks them to do.
"""

from __future__ import annotations

import re

from .text import FULL_NAME, TITLES, mentioned, names
from .wordforms import inflections

# what lets someone do a deed, and whom: 'an opportunity for Pakistan to push', 'the chance for Mr Brown to act'
_FOR_TO = re.compile(r"\b([a-z]+)\s+for\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s+to\s+([a-z]+)\b")
# the sentence's subject given it: 'Russia gets an opportunity', 'Tesco now has a chance'
_GETS = r"(?:gets?|got|gotten|has|have|had|gains?|gained|receives?|received|(?:is|was|are|were)\s+given|sees?|saw)"


def agent_swapped(sentence: str, source: str) -> str:
    """Why the sentence says its subject, a name, gets what its source gives another name to do a deed with ('an
    opportunity for Pakistan to push'), or ''.

    ('Russia gets an opportunity to push for a more robust regional strategy.', "Russia’s shift could,
    paradoxically, serve as an opportunity for Pakistan to push for a more robust regional strategy, …") -> "in the
    source the opportunity is for Pakistan to push, not Russia" (found asking new questions: shown, generated, for
    'What does Russia get from working with the Taliban?'). Only for a sentence saying its subject gets or has it: a
    review found 'Tony Blair called for the release of …' (on '… called for Iran to release …'), 'Analysts said it
    would be hard to compete …' (on '… hard for Sony to compete …') refused by a rule reading any use of the deed.
    Not when the sentence names the one the source gives it to, nor when the source says the deed elsewhere too.
    """
    mine = FULL_NAME.match(sentence.strip())
    who = mine.group(0) if mine else ""
    subject = names(who, first=True) - TITLES
    if not subject or re.search(r"['’]s?$", who):  # 'Russia’s shift …': a possessor, no subject
        return ""
    for m in _FOR_TO.finditer(source):
        noun, theirs = m.group(1), names(m.group(2), first=True) - TITLES
        forms = _forms(m.group(3))
        if not forms or not theirs or theirs & subject or any(mentioned(n, sentence) for n in theirs):
            continue
        rest = source[:m.start(2)] + source[m.end(2):]  # two parties: the subject named apart ('Russia’s shift'), not
        if not any(mentioned(n, rest) for n in subject):  # the 'for' one by another name ('the Gunners', review)
            continue
        said = rf"(?:{'|'.join(sorted(map(re.escape, forms)))})"
        if len(re.findall(rf"\b{said}\b", source, re.I)) > 1:
            continue  # the deed said elsewhere too: it may be the subject's
        if re.match(rf"{re.escape(who)}\s+(?:[a-z]+\s+)?{_GETS}\s+(?:an?\s+|the\s+)?(?:[\w'’-]+\s+)?{re.escape(noun)}s?"
                    rf"\s+to\s+{said}\b", sentence.strip()):
            return f"in the source the {noun} is for {m.group(2)} to {m.group(3)}, not {who}"
    return ""


# a request and what it asks done: 'is asking the Taliban to allow …', 'urged donors to contribute' (not 'so-called',
# 'the press', 'demand for', a sentence's first word; the 'to' close by, of no 'decision to …', 'plans to …': review)
_NOT_ASKED = r"(?:about|decision|plans?|move|bid|attempt|efforts?|failure|refusal|right|chance|that|whether|if)\b"
_REQUEST = re.compile(r"(?<![-\w])(?<!\bthe\s)(?<!\bfor\s)(?<!^)(?:ask|call|urg|press|want|demand|tell|told)"
                      rf"(?:s|es|e|ed|ing)?\b(?:\s+(?!{_NOT_ASKED})[\w'’-]+){{0,4}}?\s+to\s+([a-z]+)\b", re.I)
# what someone is blamed or praised for: '… action against the Afghan Taliban for allowing …', 'criticised Sony for
# delaying …' (not a request said so: 'The union has called for raising the minimum wage', review)
_BLAMED = re.compile(r"\b(?:against|blam\w*|criticis\w*|criticiz\w*|condemn\w*|fault\w*|rebuk\w*|punish\w*|"
                     r"attack\w*|slamm?\w*|censur\w*|thank\w*|prais\w*|credited|accus\w*)\b[^.;:,]{0,60}?"
                     r"\b(for\s+([a-z]+ing))\b", re.I)


def request_of_reason(sentence: str, source: str) -> str:
    """Why the sentence says someone is asked to do what its source blames or praises someone for ('… against the
    Afghan Taliban for allowing …'), or ''.

    ('Pakistan is asking the Taliban to allow groups like the TTP to operate freely.', 'Pakistan, in particular, has
    long called for stronger action against the Afghan Taliban for allowing groups like the TTP to operate freely.')
    -> "the source says 'for allowing', a reason, not what is asked" (found asking new questions: shown, generated,
    for 'What is Pakistan asking the Taliban to do?'). Not when the source says the deed as something to do too.
    """
    for m in _REQUEST.finditer(sentence.strip()):
        forms = _forms(m.group(1))
        if not forms or re.search(rf"\bto\s+(?:{'|'.join(sorted(map(re.escape, forms)))})\b", source, re.I):
            continue
        reason = next((r for r in _BLAMED.finditer(source) if r.group(2).lower() in forms), None)
        if reason:
            return f"the source says '{reason.group(1)}', a reason, not what is asked"
    return ""


def _forms(verb: str) -> set[str]:
    """The verb's forms, when it is one: 'push' -> {'push', 'pushes', 'pushed', 'pushing'}; none for 'be', 'have'."""
    forms = inflections(verb)
    return set() if {"be", "have", "do"} & forms else forms
