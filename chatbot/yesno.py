"""The answer to a yes/no question: 'Yes, …' or 'No, …' before a verified sentence that says what it asks.

The word is the product's, not the model's (the model says 'Yes' to nearly anything, and 'Yes, Pakistan has
not changed its stance'): it is put only before a plain statement of the question's own words, resting on a
line that says it plainly too. Anything less plain is shown as it is, without a 'Yes' or 'No'.
"""

from __future__ import annotations

import re

from .polarity import hedged
from .screen import restates
from .text import STOPWORDS, negated, negations, own_question, yes_no
from .wordforms import every_base

ADDED_MAX = 3  # words a plain yes or no may add to the question's ('… within the region', 'almost 3%')
# what turns a statement round or makes it depend on something else ('not just a bilateral issue but a
# regional menace' says it is one; 'refused to change its stance' that it did not; 'after talks did not succeed')
_TURNED = re.compile(
    r"\b(?:but|although|though|whereas|while|except|however|yet|instead|despite|unlike|rather|lacks?|lacked|"
    r"lacking|without|fail\w*|refus\w*|declin\w*|den(?:y|ies|ied)|reject\w*|stop\w*|pretend\w*|doubt\w*|unlikely|"
    r"reluctant\w*|barely|hardly|scarcely|nobody|nothing|false|untrue|not\s+(?:just|only|merely|simply)|after|"
    r"before|because|since|unless|until|once|if)\b", re.I)
# whose word it is: a line that only reports a claim ('India says …', 'critics argue …') is no plain 'Yes'
_SAID = re.compile(r"\b(?:said|says|say|told|tells|claim\w*|argu\w*|believ\w*|think\w*|thought|accord\w*|alleg\w*|"
                   r"suggest\w*|insist\w*|predict\w*|forecast\w*|rumou?r\w*|report(?:s|ed)?\s+that)\b", re.I)
# a 'not' that denies the verb itself ('has not changed', "didn't", 'no longer'), not 'no doubt', 'with no warning'
_VERB_NOT = re.compile(r"\b(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|should|may|might|must)"
                       r"\s+(?:not|never)\b|n['’]t\b|\bcannot\b|\bno\s+longer\b|\bnever\b", re.I)
# a question about 'it' or 'they' names no subject the answer can be checked against
_PRONOUN_SUBJECT = re.compile(r"\s*(?:(?:and|so|but|then)\s+)?\w+\s+(?:it|they|he|she|this|that|these|those)\b", re.I)


def affirm(text: str, question: str, source: str) -> str:
    """The verified sentence `text`, with 'Yes, ' or 'No, ' before it (by its own 'not') when it plainly says
    what the yes/no question asks and the line it rests on (`source`) is no one's claim ('India says …').

    ('Pakistan has not changed its stance.', 'Has Pakistan changed its stance?', 'However, Pakistan has not
    changed its stance, and …') -> 'No, Pakistan has not changed its stance.'
    ('HSBC will report profits.', 'Did HSBC report profits?', …) -> 'HSBC will report profits.' (left as it is)
    """
    asked = own_question(question)
    if not (yes_no(question) and restates(text, question)) or negated(asked) or _PRONOUN_SUBJECT.match(asked):
        return text
    if len(every_base(text) - every_base(asked)) > ADDED_MAX or hedged(text) != hedged(asked):
        return text
    if _unasked(_TURNED, text, asked) or _unasked(_SAID, f"{text} {source}", asked):
        return text
    if negated(text) and not (negations(text) == 1 and _VERB_NOT.search(text)):
        return text  # 'There is no doubt that …', 'It is not true that it has not …'
    first = text.split(maxsplit=1)[0]
    lower = first.lower() in STOPWORDS or re.search(rf"\b{re.escape(first.lower())}\b", f"{source} {asked}")
    body = first.lower() + text[len(first):] if lower and not (first.isupper() and len(first) > 1) else text
    return f"{'No' if negated(text) else 'Yes'}, {body}"


def _unasked(pattern: re.Pattern[str], text: str, asked: str) -> bool:
    """Does the text hold a word of the pattern that `asked` does not? (_SAID, 'Mr Ebbers said …', 'Did Mr
    Ebbers say …?') -> False"""
    return any(m.group(0).lower() not in asked.lower() for m in pattern.finditer(text))
