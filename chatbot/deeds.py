"""What was done to a count: '400 people were injured' is no answer to 'How many people were arrested?'.

News says it in the passive ('400 people were injured', 'Five men were later charged', '5,000 have been sold'),
so a count's deed is the past participle after it. Near-synonyms are one deed ('hurt' is 'injured'); a deed
said otherwise ('The riots left 400 people injured') is not read, and then nothing is checked.
"""

from __future__ import annotations

import re

import lemminflect

from .counts import asked_count
from .text import NUMBER_WORDS, STOPWORDS, number_of, stems

_NUMBER = rf"\d[\d,.]*\d|\d|{'|'.join(w for w, n in NUMBER_WORDS.items() if 1 < n < 100)}"
_AUX = r"(?:were|was|are|is|have\s+been|has\s+been|had\s+been|will\s+be|be)"
_ADVERB = r"(?:(?:\w+ly|also|later|then|now|all|since|still|being)\s+)?"
_COUNT_DEED = re.compile(rf"(?<![\w.,])({_NUMBER})\s+((?:[a-z][\w-]*\s+){{0,3}}?){_AUX}\s+{_ADVERB}([a-z]+)"
                         rf"((?:,?\s+(?:and|or)\s+{_ADVERB}[a-z]+)*)", re.I)
# a count with its deed in a participle after it, no 'were': '214 Afghan nationals engaged in fighting …', '400 people
# killed by police' (calibration s177: '214 Afghan nationals were killed by Pakistani forces' was shown); not an active
# verb: '30 men killed five', '5 people died in the crash'
_COUNT_PARTICIPLE = re.compile(rf"(?<![\w.,])({_NUMBER})\s+((?:[a-z][\w-]*\s+){{0,3}}?)([a-z]+ed)()"
                               r"(?=\s+(?:by|in\s+[a-z]+ing)\b)", re.I)
_ASKED = re.compile(rf"\bhow\s+many\s+((?:[a-z][\w-]*\s+){{0,3}}?){_AUX}\s+{_ADVERB}([a-z]+)\b|"  # or who did it:
                    r"\bhow\s+many\s+((?:[\w-]+\s+){0,3}?)ha(?:ve|s|d)\s+(?:[\w'’-]+\s+){1,3}?([a-z]+)\s*\?", re.I)
# or who does it, in the active: 'How many Afghan nationals did Pakistani forces kill in 2025?'
_ASKED_DID = re.compile(r"\bhow\s+many\s+((?:[\w-]+\s+){0,3}?)(?:did|do|does|will|would)\s+"
                        r"((?:[\w'’-]+\s+){0,3}[\w'’-]+)(?=\s*(?:\?|$|\b(?:in|on|at|by|for|from|to|during|since|"
                        r"after|before|last|this|over)\b))", re.I)
_PARTICLE = re.compile(r"\s+(?:off|up|out|away)\b", re.I)
# deeds news writes in other words; each group is one deed, named by its first
_SAME_DEED = ("injure hurt wound", "kill murder", "arrest detain hold", "cut axe shed lose scrap",
              "make build produce manufacture", "sack fire dismiss lay", "release free", "employ hire",
              "sell buy purchase")  # '2.4 million copies were bought' were sold (review)
# words that report a count, not a deed done to it ('150,000 people are now confirmed dead', review)
_REPORTED = frozenset("confirm fear believe report think expect estimate say know".split())
_ONE = {w: group.split()[0] for group in _SAME_DEED for w in group.split()}


def _done(word: str) -> str:
    """The deed a past participle says, in its base form, else ''. 'injured' -> 'injure', 'hurt' -> 'injure',
    'sold' -> 'sell', 'people' -> ''"""
    base = lemminflect.getAllLemmas(word.lower()).get("VERB", ("",))[0]
    if base in _REPORTED:
        return ""
    return _ONE.get(base, base) if base and word.lower() in lemminflect.getInflection(base, "VBN") else ""


def count_deeds(text: str, participles: bool = False) -> list[tuple[str, set[str], set[str]]]:
    """Each passive count of the text: (its number, the stems of the words it counts, its deeds). 'nearly 400
    people were injured or arrested' -> [('400', {'peopl'}, {'injure', 'arrest'})]; with `participles`, also a deed
    after the count without 'were': '214 Afghan nationals engaged in fighting' -> [('214', {'afghan', 'nation'},
    {'engage'})] (a state, maybe: 'found fighting' may say it too, so it only refuses another deed written)"""
    out = []
    for m in [*_COUNT_DEED.finditer(text), *(_COUNT_PARTICIPLE.finditer(text) if participles else ())]:
        # not a phrasal verb: '2.4 billion were fired off' were sent, not sacked (calibration n062 lost its bold)
        if _done(m.group(3)) and not _PARTICLE.match(text, m.end(3)):  # and the deeds joined to it: '… were
            # arrested and later charged'
            joined = re.findall(rf"\b(?:and|or)\s+{_ADVERB}([a-z]+)", m.group(4), re.I)
            deeds = {d for w in [m.group(3), *joined] if (d := _done(w))}
            out.append((number_of(m.group(1)), set(stems(m.group(2))), deeds))
    return out


def _asked_deed(question: str) -> str:
    """What a how-many question asks was done to what it counts. 'How many people were arrested …?' -> 'arrest'"""
    m = _ASKED.search(question)  # 'How many camps have Taliban forces destroyed?' -> 'destroy'
    if m:
        return _done(m.group(2) or m.group(4))
    did = _ASKED_DID.search(question)  # the deed is its last word in a verb's base form ('… forces kill'), or a
    words = did.group(2).lower().split() if did else []  # participle ending it ('… did the riots leave injured')
    if words and _done(words[-1]):
        return _done(words[-1])
    bases = [w for w in words if w in lemminflect.getAllLemmas(w).get("VERB", ())]
    return "" if not bases or bases[-1] in _REPORTED else _ONE.get(bases[-1], bases[-1])


def _asked_what(question: str) -> set[str]:
    """The stems of what a how-many question counts, all its words: 'How many ISKP training camps have …' ->
    {'iskp', 'train', 'camp'} ('camps' may be a verb: asked_count stops before it)."""
    m = _ASKED.search(question)
    if m:
        return set(stems(m.group(1) or m.group(3) or ""))
    did = _ASKED_DID.search(question)
    return set(stems(did.group(1))) if did else set()


def deed_of_count_otherwise(sentence: str, text: str) -> str:
    """Why the sentence says its count had done to it what its source says of that count otherwise, or ''.
    ('Nearly 400 people were arrested in the 1981 Brixton riots.', '… nearly 400 people were injured and …') ->
    "the source says 400 were injured, not arrested" (found asking new questions: shown, generated, for 'How
    many people were arrested in the 1981 Brixton riots?', which the article never says)."""
    theirs: dict[str, set[str]] = {}
    for number, _, deeds in count_deeds(text, participles=True):
        theirs.setdefault(number, set()).update(deeds)
    for number, _, deeds in count_deeds(sentence):
        if theirs.get(number) and not deeds & theirs[number]:
            done = " or ".join(lemminflect.getInflection(v, "VBN")[0] for v in sorted(theirs[number]))
            return f"the source says {number} were {done}, not {lemminflect.getInflection(min(deeds), 'VBN')[0]}"
    return ""


def count_done_otherwise(count: str, sentence: str, question: str) -> bool:
    """Is the count (`count`, as the sentence has it) one the sentence says had done to it other than what the
    question asks? Then it is no answer to bold. ('400 people', '… nearly 400 people were injured …', 'How many
    people were arrested …?') -> True"""
    asked = _asked_deed(question)
    if not asked:
        return False
    # (not the 'ten' of 'often')
    keys = {number_of(n) for n in re.findall(rf"(?<![\w.,])(?:{_NUMBER})(?!\w)", count, re.I)}
    deeds = [d for number, _, d in count_deeds(sentence) if number in keys]
    return bool(deeds) and not any(asked in d for d in deeds)


def deed_unasked(sentence: str, question: str) -> bool:
    """Does the sentence say what was done to its counts of what the question counts, never what the question
    asks? Then none of its numbers is the answer: ('… three days of disturbances …, nearly 400 people were
    injured …', 'How many people were arrested …?') -> True; not for another thing's count ('… whose 5,000 staff
    are based in Leeds, plans to cut 300 jobs' for 'How many jobs will be cut?', review)."""
    asked = _asked_deed(question)
    counted = set(stems(" ".join(asked_count(question)))) | _asked_what(question) if asked else set()
    frames = count_deeds(sentence)  # a count naming nothing may give the deed: '… and 100 were arrested'
    return any(what & counted for _, what, _ in frames) and not any(asked in d for _, _, d in frames)


# who did (or had done to it) what a how-many question counts: 'How many US patents was Microsoft granted in 2004?'
_ASKED_DOER = re.compile(r"\b(?i:how\s+many)\s+(?:[\w-]+\s+){0,4}?(?:was|were|has|have|had|did|does|do|is|are|will)\s+"
                         r"(?:the\s+)?([A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,3})\s+(?:been\s+)?([a-z]+)\b")
_DOER_DID = re.compile(r"\b([A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,3})\s+(?:(?:has|have|had)\s+been\s+|(?:was|were|is|"
                       r"are|has|have|had)\s+)?(?:\w+ly\s+)?([a-z]+)\b")


def done_by_other(sentence: str, question: str) -> bool:
    """Does the sentence say the deed a how-many question asks of someone it names was done by (or to) another it
    names, never by the one asked about? Then its counts are another's: ('IBM was granted 3,248 patents in 2004 …',
    'How many US patents was Microsoft granted in 2004?') -> True (calibration n723, never said: '**12 years**' of
    'For each of the past 12 years IBM has been granted more US patents …' was bold)."""
    m = _ASKED_DOER.search(question)
    lemmas = lemminflect.getAllLemmas(m.group(2)) if m else {}
    if not m or "VERB" not in lemmas or "NOUN" in lemmas:
        return False
    deed, doer = lemmas["VERB"][0], set(stems(m.group(1)))
    if doer & set(stems(sentence)):
        return False
    return any(d.group(1).split()[0].lower() not in STOPWORDS and deed in lemminflect.getAllLemmas(d.group(2)).get(
        "VERB", ()) for d in _DOER_DID.finditer(sentence))
