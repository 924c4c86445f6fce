"""Whose amount a line gives: an amount said undisclosed, or one of another than who the question says paid it.

Both leave a quote's amount plain (bold says 'this is the answer'), and the second refuses a generated one whose line,
and the line before it, never name who paid.
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
