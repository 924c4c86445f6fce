"""What a number comes on top of is not that number: 'William Hague earning up to £820,000 on top of his MPs'
salary' says nothing of what the salary is."""

from __future__ import annotations

import re

from .text import numbers, own_question, terms

# a number the source adds to something: '£820,000 on top of his MPs' salary', '£5m in addition to the fee'
_ON_TOP = re.compile(r"([$£€]?\d[\d,.]*(?:\s*(?:m|bn|k|million|billion)\b)?)[^.;:]{0,20}?\b"
                     r"(?:on\s+top\s+of|in\s+addition\s+to|besides)\s+((?:[\w'’-]+\s+){0,3}[\w'’-]+)", re.I)
# what a sentence says is a number: 'The basic MP's salary … is up to £820,000'
_IS_VALUE = re.compile(r"^\W*(.+?)\s+(?:is|was|are|were)\s+(?:(?:up\s+to|about|around|almost|nearly|more\s+than|"
                       r"over)\s+)?([$£€]?\d[\d,.]*)", re.I)


def value_of_base(sentence: str, source: str) -> str:
    """Why the sentence says a thing is the number the source gives on top of that thing, or ''. ("The basic MP's
    salary that William Hague's outside earnings come on top of is up to £820,000.", "… William Hague earning up to
    £820,000 on top of his MPs' salary …") -> "in the source £820,000 comes on top of his MPs' salary" (found asking
    new questions: unanswerable, shown as generated)."""
    m = _IS_VALUE.search(sentence)
    if not m:
        return ""
    said, number = _head(m.group(1)), numbers(m.group(2))
    for t in _ON_TOP.finditer(source):
        if numbers(t.group(1)) & number and said & terms(t.group(2)):
            return f"in the source {t.group(1).strip()} comes on top of {t.group(2)}"
    return ""


_WHAT_IS_Q = re.compile(r"\s*(?:what|how\s+much)\s+(?:is|was|are|were)\s+(.+?)\s*\??\s*$", re.I)


def base_asked(line: str, question: str) -> bool:
    """Does the question ask what a thing is that the line gives a number on top of? ("What is the basic MP's salary
    …?", "… earning up to £820,000 on top of his MPs' salary …") -> True: that number is no answer to bold."""
    m = _WHAT_IS_Q.match(own_question(question))
    if not m:
        return False
    asked = _head(m.group(1))
    return any(asked & terms(t.group(2)) for t in _ON_TOP.finditer(line))


def _head(subject: str) -> set[str]:
    """The words of a subject before what it goes on to say of it: "The basic MP's salary that … come on top of" ->
    {'basic', 'mp', 'salari'}"""
    return terms(re.split(r"\s+(?:that|which|who|whose|of|on|in|for)\s+", subject, maxsplit=1)[0])
