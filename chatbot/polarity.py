"""Does a sentence say its source's thing the same way: not denying what the source says (a 'not' added or
dropped), not stating as fact what the source says only could happen?"""

from __future__ import annotations

import re

import lemminflect

from .text import FULL_NAME, TITLES, YEAR, names, negated, norm_number, numbers, own_question, stems
from .wordforms import base_terms, is_verb

# 'and'/'but' followed by a new subject starts a statement of its own
_JOINED = re.compile(r",?\s+\b(?:and|but|while|whereas)\s+(?=(?:there|it|he|she|they|we|i|this|that|these|those)\b)",
                     re.I)
# a 'could' and the verb it hedges ('could soon push'), what only 'will' happen ('HSBC will report profits of
# £9.4bn' is no 'HSBC reported …'); not 'May', the month, nor 'Will', a name, nor 'his will', 'free will'
# (not 'could not reach': that it did not is a fact; not the noun, 'military might grew')
_HEDGED = re.compile(r"(?<!military )(?<!economic )(?<!its )(?<!their )(?<!the )\b(?:[Cc]ould|[Mm]ight|[Ss]hould|may|"
                     r"(?<!\b[Hh]is )(?<!\b[Hh]er )(?<!\b[Ff]ree )(?<!\b[Oo]wn )(?<!\bpolitical )will|"
                     # what is only expected or tried ('favourite to win', 'set to exceed 25bn', 'an approach to buy')
                     r"(?:favourite|favorite|expected|likely|set|tipped|poised|hoping|hopes|plans?|planning|aims?|"
                     r"aiming|wants?|seeks?|seeking|bid|bidding|tries|trying|attempts?|attempting|approach|offer|"
                     r"proposal)\s+to)(?:\s+(?:also|still|well|even|soon|now|yet|have|be|been))*\s+(?!not\b|never\b)(\w+)")
# nouns as often as hedges ('the voters' will prevailed', 'an offer to shareholders'): only before a verb's base
_NOUN_HEDGE = re.compile(r"(?:will|approach|offer|proposal)\s+(?:to\s+)?\w+$", re.I)
_MODAL = re.compile(r"\b(?:could|might|should|may|would|will|can|shall|possibly|perhaps|likely|potential(?:ly)?|"
                    r"risks?|plans?|aims?|hopes?|expects?|wants?|if)\b|['’]ll\b", re.I)


# a negation and the word after it ('no fuss', "didn't win"), with up to two words either side
_NEGATION_CORE = r"(?:\b(?:not|no|never|none|neither|nor|cannot|without)|\b\w+n['’]t)\W+\w+\b"
_NEGATED_RUN = re.compile(rf"(?:\b\w+\W+){{0,2}}({_NEGATION_CORE})(?:\W+\w+\b){{0,2}}", re.I)


def _squashed(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _copied_negations(sentence: str, source: str) -> set[str]:
    """The negations the sentence copies from the source with two words either side, as written ('an
    attractive, "no fuss" computer') -> {'no fuss'}; 'The law will not be changed' of 'The law will be changed,
    though the date will not be set' -> set()."""
    whole = f" {_squashed(source)} "
    return {_squashed(m.group(1)) for m in _NEGATED_RUN.finditer(sentence)
            if len(_squashed(m.group(0)).split()) >= 4 and f" {_squashed(m.group(0))} " in whole}


def _asked_negations(sentence: str, question: str) -> set[str]:
    """The negations the sentence copies from the question with the word before them: the question's premise, not
    the answer's claim ('… is not enough because it is too little time …' for 'Why does Edward Leigh think 11
    minutes per visa application is not enough?': found asking new questions, refused as the source's opposite), in
    the part before the reason ('because', 'since', 'due to')."""
    premise = re.split(r"\b(?:because|since|due\s+to)\b", sentence, maxsplit=1)
    if len(premise) < 2:  # only a premise said before the reason given: not '… without cash transfers by …' (s107)
        return set()
    asked = f" {_squashed(question)} "
    return {_squashed(m.group(1)) for m in _ASKED_RUN.finditer(premise[0]) if f" {_squashed(m.group(0))} " in asked}


_ASKED_RUN = re.compile(rf"\b\w+\W+({_NEGATION_CORE})", re.I)
# 'no longer symbolic but rapidly materializing into …' denies only what stands between (found asking new questions)
_NOT_BUT = re.compile(r"\b(?:not|no\s+longer|never)\s+(?:just\s+|merely\s+|simply\s+)?([^,;.]{1,60}?)\s+but\s+", re.I)
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
# what someone is reported saying: '… chief executive David Gill said in December that talks would not resume …'
_REPORTED = re.compile(r"\b(?:said|says|told\s+\w+|added|warned)\b(?:\s+[\w,]+){0,4}?\s+that\b([^;]*)", re.I)


def opposite(clause: str, sentence: str, source: str = "", question: str = "") -> bool:
    """Does the sentence deny what the clause says, or the reverse? When 'and there …'/'but it …' joins two
    statements, each part that shares a word with the sentence is compared on its own. A negation the sentence
    copies from its `source` line with the words around it ('an attractive, "no fuss" computer') is the
    source's own wording, left out of both; so is what someone is quoted saying, when the sentence has no word
    of it ('"There isn't anything coming in," said The Libertine's executive producer Marc Samuelson.', 'Marc
    Samuelson is the executive producer of The Libertine.': found asking new questions), or reported saying ('David
    Gill is the chief executive …' on "… chief executive David Gill said in December that talks would not resume …",
    found asking new questions). A negation the sentence takes from the `question` is its premise, left out too; 'no
    longer A but B' denies A only, left out when the sentence says nothing of A.

    ('78 million messages are sent and there are no signs of a slow down', '78 million messages are sent.')
        -> False; ('It was tested on children and it is not safe for them', 'It is safe for children.') -> True
    """
    for phrase in _copied_negations(sentence, source) | _asked_negations(sentence, question):
        sentence, clause = (re.sub(r"\b" + r"\W+".join(map(re.escape, phrase.split())) + r"\b", "", t, flags=re.I)
                            for t in (sentence, clause))
    mine = set(stems(sentence))
    clause = _NOT_BUT.sub(lambda m: m.group(0) if mine & set(stems(m.group(1))) else " ", clause)
    clause = _QUOTED.sub(lambda q: q.group() if mine & set(stems(q.group())) else " ", clause)
    clause = _REPORTED.sub(lambda q: q.group() if mine & set(stems(q.group(1))) else q.group()[:q.start(1) - q.start()],
                           clause)
    parts = [p for p in _JOINED.split(clause) if mine & set(stems(p))] or [clause]
    return any(negated(p) != negated(sentence) for p in parts)


def overstated(source: str, sentence: str, question: str) -> bool:
    """Does the sentence state as fact what the source only says could happen? ('With Russia engaging, Pakistan
    could push for more pressure', 'Pakistan is pushing for more pressure.') -> True. A sentence or question
    that keeps a 'could', 'will' or 'may' does not, nor one about a verb the source also states plainly or not
    at all ('… refused to hold an election which may have delivered a victory', 'He refused to hold an
    election.'), nor one with the verb after 'to' ('a case for changing the law to look at takeovers' for
    '… so that takeovers could be looked at')."""
    if _MODAL.search(f"{sentence} {own_question(question)}") or _EXPECTED.search(sentence):
        return False
    words = re.findall(r"[\w'’-]+", sentence.lower())  # compared in base forms: 'won' is 'favourite to win'
    stated = {t for before, w in zip(["", *words], words, strict=False) if before != "to" for t in base_terms(w)}
    verbs = [t for m in _HEDGED.finditer(source) if not _NOUN_HEDGE.match(m.group(0)) or is_verb(m.group(1))
             for t in base_terms(m.group(1)) if t in stated]
    everywhere = [t for w in re.findall(r"[\w'’-]+", source.lower()) for t in base_terms(w)]
    return any(everywhere.count(t) == verbs.count(t) for t in verbs) or _foretold_number(source, sentence, question) \
        or _at_stake(source, sentence, question)


def _foretold_number(source: str, sentence: str, question: str) -> bool:
    """Does the sentence state a number the source gives only as what will or could be, in the same clause?
    ('HSBC made £9.4bn in 2004.', 'According to analysts' forecasts, HSBC … will report profits of £9.4bn later
    this month.') -> True (found asking new questions); not a number the source also states plainly."""
    stated = numbers(sentence) - numbers(question) if _PAST.search(sentence) or _past_verb(sentence) else set()
    clauses = [(c, numbers(c)) for c in re.split(r"[,;:]\s|\.\s", source)]

    def foretold(n: str) -> bool:
        held = [c for c, found in clauses if n in found]
        return bool(held) and all(_HEDGED.search(c[:_at(c, n)]) for c in held)

    return bool(stated) and all(foretold(n) for n in stated)


_WON = re.compile(r"\b(?:won|wins|received|receives|got|gets|earned|earns|took\s+home|collected|pocketed)\b", re.I)
_STAKE = re.compile(r"\b(?:compet(?:e|es|ing)|vie|vying|contend(?:s|ing)?|in\s+the\s+running|shortlisted|nominated|"
                    r"favou?rite)\s+for\b|\bup\s+for\s+grabs\b", re.I)  # not 'up for the third year' (review)


def _at_stake(source: str, sentence: str, question: str) -> bool:
    """Does the sentence say someone won an amount the source gives only as what is competed for? ('Geraldine
    McCaughrean won £25,000 for her children's fiction book.', '… All the category winners go through to compete for
    the Whitbread Book of the Year title, which carries with it a £25,000 prize.') -> True (found asking new
    questions: shown, generated, for 'How much money did Geraldine McCaughrean win?')."""
    amounts = {n for m in re.finditer(r"[$£€]\s?\d[\d,.]*", sentence) for n in numbers(m.group(0))}
    if not amounts - numbers(question) or not _WON.search(sentence):
        return False
    held = [s for s in re.split(r"(?<=[.!?])\s+", source) if amounts & numbers(s)]

    def staked(s: str) -> bool:  # competed for, and not won after that: '… shortlisted for the Booker last year, won
        before = s[:_at(s, next(iter(amounts & numbers(s))))]  # the £30,000 Orange Prize' is won (review)
        stakes = list(_STAKE.finditer(before))
        return bool(stakes) and not _WON.search(before[stakes[-1].end():])

    return bool(held) and all(staked(s) for s in held)


_PAST = re.compile(r"\b(?:was|were|had|did)\b", re.I)
_EXPECTED = re.compile(r"\b(?:expected|predicted|forecast|projected|tipped|set\s+to|due\s+to)\b", re.I)


def _past_verb(sentence: str) -> bool:
    """Does the sentence say what happened, with a verb in the past? 'HSBC made £9.4bn.' -> True; 'The maximum
    fine is £1,000.', 'The offer values it at £800m.' -> False"""
    for word in re.findall(r"\b[a-z]+\b", sentence):  # not a name: 'Manchester United'
        lemmas = lemminflect.getAllLemmas(word, upos="VERB").get("VERB", ())
        if lemmas and word not in lemmas and not word.endswith(("ing", "s")):
            return True
    return False


def _at(clause: str, number: str) -> int:
    """Where the number stands in the clause (its digits, with or without thousands commas); else where its
    first number stands (a number written in words), else the clause's end."""
    digits = list(re.finditer(r"\d[\d,.]*", clause))
    spots = [d.start() for d in digits if norm_number(d.group(0)) == number]
    return spots[0] if spots else (digits[0].start() if digits else len(clause))


_CHANGES = {way: frozenset(t for w in listed.split() for t in stems(w)) for way, listed in (
    ("rose", "rose rise rises risen rising increased increase increases grew grow grows grown climbed climb jumped "
             "jump soared soar gained gain"),
    ("fell", "fell fall falls fallen falling dropped drop drops declined decline declines decreased decrease slumped "
             "slump dipped dip slid slide slides shrank shrunk shrink plunged plunge tumbled tumble"))}


def change_ways(text: str) -> set[str]:
    """Which ways the text says something changed: 'Sales fell while profits grew' -> {'fell', 'rose'}"""
    said = {t for w in re.findall(r"[^\W\d_]+", text.lower()) for t in stems(w)}
    ways = {way for way, listed in _CHANGES.items() if said & listed}
    # 'exports are up 30%' (found asking new questions: 'Exports rose by 30%' was refused as saying the opposite
    # of '… inflation fell below 10% … while exports are up 30% …')
    return ways | {"rose" if m.group(1).lower() == "up" else "fell" for m in _UP_DOWN.finditer(text)}


_UP_DOWN = re.compile(r"\b(?:is|are|was|were|be|been)\s+(?:\w+ly\s+)?(up|down)\s+(?:by\s+)?[$£€]?\d", re.I)


def reversed_change(source: str, sentence: str) -> str:
    """Why a sentence that gives a change by a number says it went the other way from its source, or ''.
    ('Yukos shares rose 5% on Monday.', 'Yukos shares fell 5% on Monday.') -> "the source says it rose, not fell".
    Only where each says one way (not 'sales fell while profits rose') and both give numbers other than years."""
    def amounts(text: str) -> set[str]:  # not years: 'The government fell to the Taliban in 1996.'
        return {n for n in numbers(text) if not YEAR.fullmatch(n)}

    mine, theirs = change_ways(sentence), change_ways(source)
    if len(mine) == 1 and len(theirs) == 1 and mine != theirs and amounts(sentence) and amounts(source):
        return f"the source says it {next(iter(theirs))}, not {next(iter(mine))}"
    return ""


def compared_backwards(source: str, sentence: str) -> str:
    """Why a sentence compares two named things the other way round from its source, or ''. ("The Petronas Towers
    are more than 50m taller than Taipei's TFC 101 Tower.", on "Taipei's TFC 101 Tower is more than 50m taller than
    the Petronas Towers …") -> "the source compares them the other way round" (new questions: shown, generated)."""
    mine, theirs = re.search(r"\bthan\b", sentence), re.search(r"\bthan\b", source)
    if not mine or not theirs:
        return ""
    before, after = names(sentence[:mine.start()], first=True), names(sentence[mine.end():], first=True)
    their_before, their_after = names(source[:theirs.start()], first=True), names(source[theirs.end():], first=True)
    if before & their_after and after & their_before and not after & their_after and not before & their_before:
        return "the source compares them the other way round"
    return ""


# what someone should do, said in the present ('Islamabad should take …', 'Russia needs to remove …', 'Russia needs
# the Taliban to remove …', found asking new questions); not what
# had to be done ('The plane had to land'), told as a fact, nor 'should the talks fail', 'must have known' or
# 'has to do with'
_DUTY = re.compile(r"\b(?:should(?:n['’]t)?(?!\s+(?:the|a|an|it|they|there|he|she|we|this|that|these|those)\b)|"
                   r"must(?:n['’]t)?(?!\s+have\s+(?:been|known|\w+ed)\b)|ought\s+to|(?:need|needs|has|have)\s+to"
                   r"(?!\s+do\s+with)|(?<!special\s)(?:need|needs|requires?)\s+(?!(?:to|of|for|only|just|about|around|an?|one|two|three|four|"
                   r"five|six|seven|eight|nine|ten|several|\d)\b)(?:[\w'’-]+\s+){1,3}?to\s+[a-z]+|"
                   r"(?:has|have|['’]ve)\s+got\s+to|(?:is|are|be)\s+(?:required|obliged)\s+to|"
                   r"(?:essential|vital|imperative|necessary)\s+(?:that|for))\b", re.I)
# a source says it in many more ways: a need, a call, an order, advice, a ban, a wish ('wants the G8 to cancel')
_DUTY_SAID = re.compile(r"\b(?:should|must|ought|need)(?:n['’]t)?\b(?!-)|\b(?:needs?\s+to|needed|necessary|necessity|"
                        r"imperative|(?:essential|vital|crucial)\s+(?:that|to|for)|requir(?:e|es|ed|ing)|"
                        r"call(?:s|ed|ing)?\s+(?:for|on)|urg(?:e|es|ed|ing)|recommend\w*|demand(?:s|ed|ing)?\s+(?:that|to)|"
                        r"insist\w*|(?:has|have|had)\s+to(?!\s+do\s+with)|duty\s+to|time\s+for|right\s+(?:to|for)|may\s+not|"
                        r"not\s+(?:be\s+)?allowed|banned|barred|forbidden|prohibited|illegal|want(?:s|ed)?|"
                        r"(?:ordered|forced?|forces|told|tells|asked|asks|advised|warned|instructed|expected|obliged|"
                        r"obligated|compel\w*|bound|commits?|committed)\s+(?:\w+\s+){0,3}?to)\b", re.I)
# an order given outright: a listed item, or what follows a colon, that starts with a verb ('- Monitor Border
# Drills: Track the frequency …')
_LEAD_WORD = re.compile(r"(?:^\s*[-–—•*]|:)\s*([A-Z][a-z]+)\b", re.M)


def prescribed(source: str, sentence: str) -> bool:
    """Does the sentence say what someone should or must do where its source says nothing of the kind? ('This
    emerging dynamic … unfolds as a potential new geopolitical axis, one shaped more by security compulsions',
    'Islamabad should take a more security-focused role in the emerging axis.') -> True (calibration s047);
    not when the source says 'must', 'needs to', 'told … to', 'wants', 'a duty to' or gives the order ('Track
    the frequency …' for 'Analysts should track …'). Any such word in the line will do, about anyone: 'Analysts
    say investors should be cautious, and the bank is cutting jobs' lets 'The bank should cut jobs' pass."""
    if not _DUTY.search(sentence) or _DUTY_SAID.search(source):
        return False
    return not any(is_verb(m.group(1)) for m in _LEAD_WORD.finditer(source.strip()))


# a duty one lays on another: 'called on Mr Clarke to denounce', 'urged Kabul to act', 'asked Syria to'; not
# 'was urged by …', 'pressed ahead with plans to', 'told MPs he has to' (found in review)
_LAID_ON = re.compile(r"\b(?:call(?:s|ed|ing)?\s+(?:on|upon)|urg(?:e|es|ed|ing)|ask(?:s|ed|ing)?|told|tells?|"
                      r"order(?:s|ed)|advis(?:e|es|ed)|press(?:es|ed)|want(?:s|ed)?|instruct(?:s|ed)|"
                      r"appeal(?:s|ed)?\s+to|challeng(?:e|es|ed)|encourag(?:e|es|ed)|invit(?:e|es|ed)|"
                      r"plead(?:s|ed)?\s+with)\s+(?!by\b|ahead\b)((?:(?!(?:he|she|they|we|it|I)\b)[\w'’.-]+\s+){1,4}?)"
                      r"to\s+[a-z]", re.I)


def _who(run: str) -> set[str]:
    """A name without its titles: 'President Bush' -> {'bush'} (found in review: 'Mr' is no one's name)"""
    return names(run, first=True) - TITLES - {"the"}


def _last_name_before(text: str) -> set[str]:
    """The last name of the text's last clause: 'The RMT urged …, adding that the RMT' -> {'rmt'}"""
    clause = re.split(r"[.;!?]|\b(?:and|but|adding|saying)\b", text)[-1]
    runs = [found for m in FULL_NAME.finditer(clause) if (found := _who(m.group(0)))]
    return runs[-1] if runs else set()


def whose_duty(source: str, sentence: str) -> str:
    """Why the sentence lays a duty on the one its source has lay it on another, or ''. ('Trevor Phillips, chairman
    of the Commission for Racial Equality, called on Mr Clarke to denounce the suggestion …', 'Trevor Phillips should
    denounce the suggestion …') -> 'the source lays it on Mr Clarke, not on Trevor Phillips' (found in the browser).
    Only where a name stands right before the duty word (its possessive, or an aside between commas, between them),
    the source names it before the one it calls on, and lays no duty on it itself ('The RMT urged London Underground
    to improve safety, adding that the RMT must also be consulted'). Not read: 'X said Y must', 'demanded that Y',
    the passive 'Y was urged by X to'."""
    duty = _DUTY.search(sentence)
    runs = [m for m in FULL_NAME.finditer(sentence[:duty.start()]) if _who(m.group(0))] if duty else []
    between = sentence[runs[-1].end():duty.start()] if runs and duty else ""
    if not runs or not duty or not re.fullmatch(r"(?:['’]s?)?\s*(?:,[^,]*,\s*)?", between) \
            or re.match(r"(?:need|needs|requires?)\s+(?!to\b)", duty.group(0), re.I):
        return ""  # no name is told to act, or the sentence says who is to act ('Russia needs the Taliban to …')
    holder = _who(runs[-1].group(0))
    if any(holder & _last_name_before(source[:d.start()]) for d in _DUTY.finditer(source)):
        return ""
    for m in _LAID_ON.finditer(source):
        caller = re.split(r"(?<=[.!?])\s+", source[:m.start()])[-1]
        if holder & set().union(*map(_who, FULL_NAME.findall(caller))) and not holder & _who(m.group(1)):
            return f"the source lays it on {m.group(1).strip()}, not on {runs[-1].group(0)}"
    return ""


_BECAUSE = re.compile(r"\b(?:because|due\s+to|as\s+a\s+result\s+of|owing\s+to)\b", re.I)
# what says a cause, a reason or a purpose in a source line: 'The board rejected the bid, saying it was based on …'
_REASON_SAID = re.compile(r"\b(?:because|due|result(?:s|ed|ing)?|since|so|therefore|thus|hence|caus\w*|led|leads?|"
                          r"driven|owing|thanks|given|amid|after|saying|says|said|as|reflects?|reflected|follow\w*|"
                          r"order|means?|meant|why|reasons?|worr\w*|concern\w*|fears?|blam\w*|prompt\w*|forc\w*|trigger\w*|wake|over|"
                          r"for|with|under)\b", re.I)  # 'Heavy snow forced …', 'jailed for fraud' (review)


def reason_unsaid(source: str, sentence: str) -> bool:
    """Does the sentence give a cause ('because', 'due to') where its source says nothing that gives one? ('ISIS-K
    attacked the concert hall in Moscow because it was attributed to them.', 'The March 2024 attack on a Moscow
    concert hall, attributed to ISIS-K, underscores the vulnerability …') -> True (found asking new questions:
    shown, generated, for 'Why did ISIS-K attack the concert hall in Moscow?', which the article never says)."""
    return bool(_BECAUSE.search(sentence)) and not _REASON_SAID.search(source) and not any(
        is_verb(w) and lemminflect.getAllLemmas(w).get("VERB", ("",))[0] == w.lower()  # a purpose: 'to fund …'
        for w in re.findall(r"\bto\s+([a-z]+)", source))
