"""What a line is about when it does not say: the thing named before it ('The game has sold …'), its article's
title and first sentence, or a named part ('Its Global Investors wing …')."""

from __future__ import annotations

import re

from .text import MONTHS, has_name, mentioned, names, numbers, own_question, sentence_spans

# a line that goes on about a thing named before it: 'The game has sold …', 'It …', 'Its …', also behind who says
# so: 'Latest figures suggest it has sold …' (a person, 'He …', may be named sentences before: persons.someone_else)
# … and those who use it: 'Users need to text the word GOODPUB to 85130.' after '… the Good Pub Guide offers a
# service …' (found asking new questions: shown as how to get the Jongleurs joke named two sentences before)
_GOES_ON = re.compile(r"\W*(?:(?:[A-Za-z]+\s+){1,3}(?:suggests?|shows?|says?|said|indicates?|estimates?|believes?|"
                      r"reports?|reported)\s+(?:that\s+)?)?(?:(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)\s+"
                      r"(?!following\b)[a-z]+|[Ii]ts?|[Tt]hey|[Tt]heir|(?:Users|Customers|Subscribers|Buyers|Owners|"
                      r"Members|Viewers|Listeners|Readers|Visitors|Passengers|Shoppers)(?!\s+of\b))\b(?!\s+[A-Z])")


def goes_on(line: str) -> bool:
    """Does the line go on about a thing named before it? ('The game has sold five million copies.') -> True"""
    return bool(_GOES_ON.match(line))


def lead_in(passage: str, start: int) -> str:
    """The sentence of the passage that ends before `start`, and the one before that when it goes on about a thing
    named before it too (and names none itself: 'The rival shooter Halo 2 …'): what a line going on about something
    may name it in. ('… the release of … Grand Theft Auto: San Andreas. The title broke the UK sales record …
    Latest figures suggest it has sold more than 677,000 copies.', at 'Latest') -> 'the release … San Andreas. The
    title broke …' (found asking new questions)."""
    spans = [sp for sp in sentence_spans(passage) if sp[1] <= start]
    if not spans:
        return ""
    between = passage[spans[-1][0]:spans[-1][1]]
    first = -2 if len(spans) > 1 and goes_on(between) and not _OWN_SUBJECT.match(between) else -1
    return passage[spans[first][0]:spans[-1][1]]


# a line naming the thing it goes on about: 'The rival shooter Halo 2 also broke records …' (review)
_OWN_SUBJECT = re.compile(r"\W*(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Ii]ts|[Tt]heir)\s+"
                          r"(?:(?!(?:the|a|an|of|in|on|to)\s)[a-z][\w-]*\s+){0,2}[A-Z]")


_NAMED_KIND = re.compile(r"(?<=\b[Tt]he\s)[A-Z]\w*-[a-z]+\s+")  # 'The Linux-based machine': what kind, not which


def named_elsewhere(line: str, before: str, article: str, question: str) -> list[str]:
    """The names the question itself asks about that a line going on about a thing named before it, and naming
    nothing itself, does not have before it: in the sentence `before` it or the `article`'s title and first
    sentence. ('The game has sold more than five million copies', 'Microsoft is celebrating bumper sales of …
    Halo 2.', 'Halo 2 sells five million copies\n\n…', 'How many copies has GTA San Andreas sold?') -> ['andreas',
    'gta', 'san']"""
    bare = _NAMED_KIND.sub("", line, count=1)  # a thing named by its kind goes on too: 'The Linux-based machine …'
    typed = set(re.findall(r"\bthe\s+words?\s+[\"“‘']?([A-Za-z]+)", bare))  # 'text the word GOODPUB' names nothing
    # a line naming things of its own stands alone
    if not goes_on(bare) or names(bare) - set(MONTHS) - {w.lower() for w in typed}:
        return []
    asked = names(own_question(question))
    # after a sentence naming other things, and none of the question's, it goes on about those, not about what
    # the article is about: 'The Linux-based machine … reached … 42.7 trillion calculations per second' after '…
    # Silicon Graphics' Columbia supercomputer …' is no answer about IBM's Blue Gene/L (report n077, quoted once
    # that counted as a speed). Only for quotes: the checks of a generated sentence read the title as before
    # (measured: two right generated answers, 'The bank …' after 'Barclaycard …', were refused)
    other = names(before, first=True) - asked - set(MONTHS) and not any(mentioned(n, before) for n in asked)
    near = f"{before} {line}" if other else f"{heading(article)} {before} {line}"
    return sorted(n for n in asked if not mentioned(n, near))


def heading(article: str) -> str:
    """The article's title and first sentence, which say what it is about: ('Dirty Den's demise seen by
    14m\n\nMore than 14 million people saw "Dirty" Den Watts killed off …, marking EastEnders' 20th anniversary
    …. Den's death came …') -> 'Dirty Den's demise seen by 14m More than 14 million … anniversary …'."""
    title, _, body = article.partition("\n\n")
    body = body.strip()
    if title.strip() and body.startswith(title.strip()):  # a passage that begins with its title
        body = body[len(title.strip()):].lstrip()
    spans = sentence_spans(body)
    return f"{title} {body[: spans[0][1]]}" if spans else title


def part_named(line: str, said: str) -> str:
    """The named part a line starting 'Its …' or 'Their …' is about, when `said` (a question, an answer) does
    not name it: ('Its Global Investors wing made £347m.', 'How much did Barclays make?') -> 'Global Investors'; not
    when what `said` gives is in a clause of the whole's own ('…, and it goes on sale in Japan on 2 December')."""
    m = _ITS_PART.match(line)
    if not m or all(has_name(w.lower(), said) for w in m.group(1).split()):
        return ""
    # not of a clause of the whole's own: 'Its US launch was on Sunday and it goes on sale in Japan on 2 December'
    # (calibration n691: 'The Nintendo DS goes on sale in Japan on December 2.' was refused)
    own = _AND_IT.search(line, m.end())
    given = numbers(said)
    if own and given and given <= numbers(line[own.end():]) and not given & numbers(line[:own.start()]):
        return ""
    return m.group(1)


_ITS_PART = re.compile(r"\W*(?:Its|Their|His|Her)\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")
_AND_IT = re.compile(r",?\s+(?:and|but|while)\s+(?:it|they)\b")
