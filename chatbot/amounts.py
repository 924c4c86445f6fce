"""Whose amount a line gives: an amount said undisclosed, one of another than who the question says paid it, or one of
a group rather than of one of its members.

The first two leave a quote's amount plain (bold says 'this is the answer'); the second refuses a generated one whose
line, and the line before it, never name who paid, and the third one giving a member the group's number.
"""

from __future__ import annotations

import re

from .text import mentioned, names, own_question, terms

_UNDISCLOSED = re.compile(r"\b(?:an?\s+)?(?:undisclosed|unspecified|unknown|unrevealed|secret)\s+(?:amount|sum|fee|"
                          r"price|figure|number)s?\b([^,;:]*)", re.I)


def undisclosed(sentence: str, question: str) -> bool:
    """Does the sentence say the amount the question asks about was not disclosed: does the clause after its
    'undisclosed amount' hold more of the question's words than the clause after any of its numbers? ('Mr Hague was
    also paid an undisclosed amount for the newspaper serialisation … and up to £135,00 for work as an adviser …',
    'How much did William Hague get for the newspaper serialisation …?': found asking new questions, the adviser's
    fee was bold); not '£790m for the club, and an undisclosed sum for the club shop' for the club (review)"""
    asked = terms(question) - {t for n in names(question) for t in terms(n)}

    def said(clause: str) -> int:
        return len(asked & terms(re.split(r"\s+and\s+|[,;:]", clause)[0]))
    unsaid = max((said(m.group(1)) for m in _UNDISCLOSED.finditer(sentence)), default=0)
    return unsaid > max((said(sentence[m.end():]) for m in re.finditer(r"\d[\d,.]*\s*(?:m|bn|k)?\b", sentence)),
                        default=0)


# 'How much did the Barclay twins pay for …?': who paid, earned or is worth the amount asked about
_WHOSE_AMOUNT_Q = re.compile(r"\s*(?:(?:and|so|but)\s+)?how\s+much\s+(?:money\s+|more\s+|extra\s+)?(?:did|does|do|will|"
                             r"would|has|have|had|is|are|was|were)\s+(.+?)\s+(?-i:(?:pa[iy]|spen[dt]|earn|ma[dk]e|get|got|"
                             r"receiv|rais|cost|worth|charg|win|won|los[et]|owe|g[ai]ve|invest|offer|bid|sell|sold|bought|"
                             r"buy)(?:e|es|s|ed|d|ing|t|n)?)\b", re.I)  # a verb, not 'the Winter' (review)


def whose_unsaid(sentence: str, question: str) -> bool:
    """Does the sentence leave out whose amount a how-much question asks? Then its amount is another's: ('The
    Telegraph Group says the cuts are needed to fund an £150m investment …', 'How much did the Barclay twins pay
    for the Telegraph?') -> True (found asking new questions: never said, **£150m investment** was bold; so was
    '**$144m**' of the Band Aid Trust for what Tony Blair paid). A word of it is enough ('Barclays' of 'Barclays
    Bank', 'suits' of 'the Beatles' suits', 'UK' for 'Britain'), or a pronoun opening the sentence ('His declared
    interests include £20,000 …' for Alan Milburn's). Replayed: four bold amounts of others left plain
    (calibration n291, n306, n322, n366), and one right one (report n064: 'The two-screen clamshell gadget costs
    £99' for the Nintendo DS)."""
    m = _WHOSE_AMOUNT_Q.match(own_question(question))
    if m is None or re.match(r"\W*(?:he|his|she|her|it|its|they|their)\b", sentence, re.I):
        return False
    whose = m.group(1)
    if not terms(whose) and not names(whose, first=True):  # ('How much did they pay?')
        return False
    return not (terms(whose) & terms(sentence) or any(mentioned(n, sentence) for n in names(whose, first=True)))


# a group the line gives a number of, as the subject before it: 'The two Telegraph titles currently employ …'
_GROUP = re.compile(r"\b(?:the\s+)?(two|three|four|five|six|both|all)\s+((?:the\s+)?(?:[A-Z][\w'’-]*\s+)+)"
                    r"([a-z]{3,}s)\b[^,;:]*$")


def member_for_group(sentence: str, source: str) -> str:
    """Why the sentence gives one thing a number its source gives for a group of them, or ''. ('The Sunday Telegraph
    employs 521 journalists on its own.', 'The two Telegraph titles currently employ 521 journalists.') -> "the source
    gives 521 for the two Telegraph titles, not one of them" (calibration n609, n640: shown, generated)."""
    for n in re.findall(r"\d[\d,.]*", sentence):
        group = next((g for m in re.finditer(rf"(?<![\d,.]){re.escape(n)}(?!\d)", source)
                      if (g := _group_before(source, m.start()))), None)
        if group and _one_of(re.split(r"[,;:]", sentence[:sentence.find(n)])[-1], group):
            return f"the source gives {n} for the {group.group(1)} {group.group(2)}{group.group(3)}, not one of them"
    return ""


def group_asked_one(line: str, question: str) -> bool:
    """Does the question ask of one thing what the line numbers for a group of them? ('The two Telegraph titles
    currently employ 521 journalists.', 'How many journalists does the Sunday Telegraph employ on its own?') -> True:
    the quoted line's number is not put in bold."""
    return any((group := _group_before(line, m.start())) and _one_of(own_question(question), group)
               for m in re.finditer(r"(?<![\w,.])\d[\d,.]*", line))


def _group_before(text: str, at: int) -> re.Match[str] | None:
    return _GROUP.search(re.split(r"[,;:]", text[max(0, at - 80):at])[-1])


def _one_of(words: str, group: re.Match[str]) -> bool:
    """Do the words name one of the group (a name of its) without its count or its kind, nor more than one? ('The
    Sunday Telegraph', the two Telegraph titles) -> True; ('the Daily and Sunday Telegraph', …) -> False (report n026,
    seen in the list of changed answers: its quote lost its bold)"""
    return bool(set(re.findall(r"[A-Z][\w'’-]*", words)) & set(group.group(2).split())) and not re.search(
        rf"\b(?:{group.group(1)}|{group.group(3)}|and|both)\b|&", words, re.I)
