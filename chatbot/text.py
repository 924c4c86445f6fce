"""Plain-text helpers shared by every stage: sentences, clauses, numbers, names, content terms.

Nothing here knows about the index or the models, so chunking, ranking and verification all agree on
what a sentence, a number or a content word is.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from .errors import ChatbotError
from .peoples import COUNTRY_OF, ENDINGS

MAX_QUESTION_CHARS = 2000

# A sentence ends at . ! ? or … (plus closing quotes/brackets) followed by space and a capital, digit
# or opening quote; or at a line break. Common abbreviations and initials do not end a sentence.
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Mt|No|vs|etc|e\.g|i\.e|U\.S|U\.K|U\.N|Inc|Ltd|Co|Gen|Col|Lt|Sgt|Rep|Sen"
    r"|Gov|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Fig|approx)|\b[A-Z])\.$"
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
YEAR = re.compile(r"(?:1[89]|20)\d\d")  # a year, written whole: YEAR.fullmatch('2004')
# an amount of money: '£75m', 'Rs 500', '5 million Swiss francs', '300 euros'
MONEY = re.compile(r"[$£€¥]\s?\d|\b(?:Rs|Rp)\.?\s?\d|\d\s*(?:(?:m|bn|k|million|billion)\s*)?(?:(?:US|Swiss|Hong Kong|"
                   r"Australian|Canadian|Swedish)\s+)?(?:euros?|dollars?|pounds?|pence|p|yen|yuan|roubles?|rubles?|"
                   r"rupees?|francs?|kronor|krona|kroner|rand|won|pesos?)\b", re.I)
FULL_NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")  # a run of capitalised words
BOLD = re.compile(r"\*\*(.+?)\*\*")  # the answering words a quote puts in bold (emphasis.emphasise)
# a capitalised word, an acronym, a camel-case name: 'Kabul', 'TTP', 'iPod', 'easyJet' (calibration n603: 'Mr Jobs also
# unveiled the iPod shuffle, …' held no name to the ranker, another line was quoted)
CAPITALIZED = re.compile(r"\b[A-Z][\w'’-]*\w|\b[A-Z]{2,}\b|\b[a-z]+[A-Z][\w'’-]*\w")
# what someone said, in any reporting verb ('insisted', 'denied', 'ruled', 'apologised', review) or in quotes
SPEECH = re.compile(r"[\"“”]|\baccording\s+to\b|\b(?:say|says|said|tells?|told|wr(?:ote|ites)|add(?:s|ed)|stated?|"
                    r"claim(?:s|ed)|argued?|warn(?:s|ed)|described?|insist(?:s|ed)|announced?|admit(?:s|ted)|"
                    r"den(?:y|ies|ied)|urged?|confirm(?:s|ed)|reveal(?:s|ed)|ruled|apologi[sz]ed?|show(?:ed|n)|found|"
                    r"finds|suggest(?:s|ed)|predict(?:s|ed)|believes?|accused?|critici[sz]ed?|welcomed?|dismiss(?:es|ed)|"
                    r"defend(?:s|ed)|promised?|pledged?|vow(?:s|ed)|explain(?:s|ed)|ask(?:s|ed)|repl(?:y|ies|ied)|"
                    r"reported|acknowledged?|conceded?|stress(?:es|ed)|questioned|threaten(?:s|ed)|hint(?:s|ed)|"
                    r"recommend(?:s|ed)|called|hailed|praised|condemned|declared|branded|label+ed)\b", re.I)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "million": 10**6, "billion": 10**9,
}
# 'million' after a number scales it ('$33.6 billion' is '$33.6bn', 'two billion' is 2): no number of its own
_SCALE = re.compile(rf"(\d|\b(?:{'|'.join(w for w, n in NUMBER_WORDS.items() if 1 < n < 100)}))\s+"
                    r"(?:hundred|thousand|million|billion)\b")
# a month's name as prose writes it (capitalized): 'March 2024', '31 Dec'; not the verb 'may'
MONTH_NAME = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|"
              r"Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)")
MONTHS = ("january february march april may june july august september october november december "
          "jan feb mar apr jun jul aug sep sept oct nov dec").split()
# Function words, question words and filler: never content, never evidence of support.
HONORIFICS = frozenset("mr mrs ms miss dr sir lord lady dame".split())  # 'Mr Dar' names Dar
TITLES = HONORIFICS | frozenset("president prime minister chancellor secretary general professor prof judge senator "
                                 "governor chairman".split())  # what may stand before a name
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing done down during each either else ever every few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just let may me
might more most much must my myself no nor not now of off on once only or other our ours ourselves out over own
per please same say says said shall she should so some such than that the their theirs them themselves then there
these they this those through thus to too under until up upon us very was we were what when where whether which
while who whom whose why will with within without would yet you your yours yourself
tell explain describe according article articles passage passages source sources sentence document
""".split())
_NEGATION = re.compile(r"\b(?:not|no|never|none|neither|nor|cannot|without)\b|n['’]t\b", re.I)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of sentences. 'A b. C d.\\nE' -> [(0, 4), (5, 9), (10, 11)]"""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for m in _END.finditer(line.group(0)):
            end = line.start() + m.end()
            if _ABBREV.search(text[max(start, end - 6) : end]):
                continue
            spans.append((start, end))
            start = end
        spans.append((start, line.end()))
    return [_strip(text, s, e) for s, e in spans if text[s:e].strip()]


def sentence_before(text: str, start: int) -> str:
    """The sentence of the text that ends before `start` ('' for the first). ('A. B.', 3) -> 'A.'"""
    spans = [sp for sp in sentence_spans(text) if sp[1] <= start]
    return text[spans[-1][0]:spans[-1][1]] if spans else ""


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def clause_windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence, its clauses and pairs of adjacent clauses. 'A, b; c.' -> whole, 'A', 'b', 'c.', 'A, b', 'b; c.'"""
    cuts = [start] + [start + m.end() for m in re.finditer(r"[,;:]\s", text[start:end])] + [end]
    pieces = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if text[a:b].strip()]
    out = [(start, end)]
    if len(pieces) > 1:
        out += pieces + [(pieces[i][0], pieces[i + 1][1]) for i in range(len(pieces) - 1)]
    return out


def numbers(text: str) -> set[str]:
    """Numbers in digits or words, normalized. 'five trips, 1,200 men, one percent' -> {'5', '1200', '1'}"""
    out = {norm_number(n) for n in _NUMBER.findall(text)}
    spelled = _SCALE.sub(r"\1", text.lower())
    out |= {str(NUMBER_WORDS[w]) for w in re.findall(r"[a-z]+", spelled) if w in NUMBER_WORDS and w != "one"}
    if _ONE_PERCENT.search(text):  # 'one' is no number ('one of them'), but 'one percent' is 1%
        out.add("1")
    return out


def times(text: str) -> set[str]:
    """How many times the text says a thing happened by its ordinal: 'for the third time' -> {'3'} (found asking new
    questions: '… has won … three times.' was refused beside it)."""
    return {str(ORDINALS.index(m.group(1).lower()) + 2) for m in _NTH_TIME.finditer(text)}


_ONE_PERCENT = re.compile(r"(?<![\w-])one\s+per(?:\s?cent|centage\s+points?)\b", re.I)
ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
_NTH_TIME = re.compile(rf"\bfor\s+(?:the|a)\s+({'|'.join(ORDINALS)})\s+(?:straight\s+|successive\s+|consecutive\s+)?"
                       r"(?:time|year|season)\b", re.I)


def norm_number(n: str) -> str:
    """A number in digits as `numbers` gives it: '1,000.' -> '1000'"""
    return n.replace(",", "").rstrip(".")


def number_of(token: str) -> str:
    """One number, in digits or a word, as `numbers` gives it (a word 'one' too): 'Five' -> '5', '1,000.' -> '1000'"""
    word = token.lower()
    return str(NUMBER_WORDS[word]) if word in NUMBER_WORDS else norm_number(token)


def names(sentence: str, first: bool = False) -> set[str]:
    """Capitalized words, acronyms and camel-case names; a sentence's first word only with `first` (and
    never a common word: 'According to…').

    'The TTP hit Kabul' -> {'ttp', 'kabul'}; ("India's envoy said", first=True) -> {'india'}
    """
    found = set()
    for m in CAPITALIZED.finditer(sentence):
        word = re.sub(r"['’]s$", "", m.group(0))
        if m.start() == 0 and not word.isupper() and not first:
            continue
        before = sentence[: m.start()].rstrip()
        if word.lower() in STOPWORDS and (not before or before[-1] in ".!?:;(\"“‘—-"):
            continue  # a common word opening a clause: '(after: Under which article…' ('Theresa May' is a name)
        if word.lower() not in ("i", "the", "a", "an"):
            found.add(word.lower())
    return found


@functools.cache
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


def has_name(name: str, text: str) -> bool:
    """Is the (lower-case) name in the text as a word, plural or possessive allowed ('party' in 'parties'),
    or an acronym written out? 'india' is not in 'Indian Ocean'; 'imf' is in 'International Monetary Fund'."""
    stem = re.escape(name[:-1]) + "(?:y|ies)" if name.endswith("y") and len(name) > 3 else re.escape(name)
    if re.search(rf"(?<!\w){stem}(?:s|es|'s|’s)?(?!\w)", text, re.I):
        return True
    return 3 <= len(name) <= 6 and name.isalpha() and any(
        name in "".join(w[0] for w in m.group(0).split() if w[0].isupper()).lower() for m in _SPELLED.finditer(text))


_SPELLED = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|and|for|the|&)\s+)*[A-Z][\w'’-]*)+")  # International Monetary Fund


def by_acronym(question: str, document: str) -> set[str]:
    """Words of a name the question spells out that the document writes as its acronym: ('Who chairs the Mobile
    Data Association?', '… the MDA's chairman Mike Short …') -> {'mobile', 'data', 'association'}."""
    runs = [m.group(0).split() for m in _CAPITALIZED_RUN.finditer(question)]
    return {w.lower() for run in runs for i in range(len(run)) for j in range(i + 3, len(run) + 1)
            if re.search(rf"(?<!\w){re.escape(_initials(run[i:j]))}(?:s|'s|’s)?(?!\w)", document) for w in run[i:j]}


def _initials(run: list[str]) -> str:
    """['UK', 'Independence', 'Party'] -> 'UKIP'"""
    return "".join(w if w.isupper() else w[0] for w in run).upper()


def by_initials(name: str, text: str) -> bool:
    """Does the text write the name of two or more words by its initials, a whole word? ('British Airways', "BA's
    profits") -> True; ('UK Independence Party', 'UKIP') -> True; ('Airways', 'BA') -> False. Two initials after
    'a', 'an' or 'the' are a title, not the name: ('Mark Pritchard', 'An MP said') -> False."""
    words = name.split()
    return len(words) > 1 and any(
        len(words) > 2 or not re.search(r"\b(?:an?|the)\s+$", text[:m.start()], re.I)
        for m in re.finditer(rf"(?<!\w){re.escape(_initials(words))}(?!\w)", text))


_CAPITALIZED_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+")


def as_acronym(name: str, text: str) -> bool:
    """Does the text write the name as an acronym, a whole word? ('ft', 'Did the FT cut jobs?') -> True; ('ft',
    'The SOFT drink') -> False"""
    return bool(re.search(rf"\b{re.escape(name.upper())}\b", text))


def spelled_in(acronym: str, text: str, part: bool = False) -> bool:
    """Does the text spell out the acronym as a whole run of capitalised words (or, with `part`, a part of one)?
    ('gm', 'General Motors, the world's largest car maker') -> True (found asking new questions: 'GM' in an
    answer was 'not in the source'); ('ft', "Pearson's Financial Times", part=True) -> True"""
    for m in _CAPITALIZED_RUN.finditer(text):
        run = m.group(0).split()
        pieces = [run]
        if part and len(acronym) > 2:
            pieces = [run[i:j] for i in range(len(run)) for j in range(i + 2, len(run) + 1)]
        elif part:  # two letters stand for a part only after an owner: not 'FT' in 'Fernando Torres Smith' (review)
            pieces += [run[i:] for i in range(1, len(run) - 1) if re.search(r"['’]s$", run[i - 1])]
        if any(_initials(piece).lower() == acronym.lower() for piece in pieces):
            return True
    return False


def words(text: str) -> list[str]:
    """Lower-case words in order, numbers as digits. 'Five Trips, 1,200 men' -> ['5', 'trips', '1200', 'men']

    'US' is the country, not the stopword 'us': 'usa' (`as_word`; found asking new questions: 'The US tops the
    supercomputing charts.' was refused as only repeating 'Which country tops …?'; of our corpora's
    acronyms it is the one that is also a stopword)."""
    out = []
    for m in re.finditer(r"\d+(?:[.,]\d+)*|" + _WORD.pattern, text):
        w = as_word(m.group(0))
        if w[0].isdigit():
            w = norm_number(w)
        elif w in NUMBER_WORDS and w != "one":
            w = str(NUMBER_WORDS[w])
        out.append(w)
    return out


def as_word(token: str) -> str:
    """A word lower-cased, but 'US' (the country, not the stopword 'us') as 'usa'. 'Talks' -> 'talks'"""
    return "usa" if token == "US" else token.lower().replace("’", "'")


def stems(text: str) -> list[str]:
    """Content words in order, stemmed; numbers kept. 'The camps of 2025' -> ['camp', '2025']"""
    ws = [w for w in words(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]
    return [str(s) for s in _stemmer().stemWords(ws)]


def terms(text: str) -> set[str]:
    """The set of stemmed content words (numbers excluded). 'The camps of 2025' -> {'camp'}"""
    return {s for s in stems(text) if not s[0].isdigit()}


def negated(text: str) -> bool:
    """Does the text deny something? 'It did not happen.' -> True; not a title's word: '… the award for Not the End of
    the World.' (found asking new questions), 'No Doubt played.' is, as a sentence's first word may be; nor 'not
    merely', 'not only'."""
    return any((not m.group(0).istitle() or not re.search(r"[\w,;]\s*$", text[:m.start()]))
               and not _NOT_ONLY.match(text, m.end()) for m in _NEGATION.finditer(text))


# 'not merely a diplomatic moment— it is a strategic inflection point' denies neither (found asking new questions:
# 'It calls it a strategic inflection point.' was refused as saying the opposite)
_NOT_ONLY = re.compile(r"\s+(?:only|merely|just|simply|solely)\b", re.I)


# Names news writes for the same thing ('Scottish Tory leader' for 'the Scottish Conservative Party leader'), as
# patterns of how each is written: a question's name (one word) stands for the others of its group. Not
# 'British Columbia' for the UK, nor 'Conservative estimates' for the Tories.
SAME_NAMES = (
    ("UK", "(?<!New )Britain", "British(?! Columbia| Virgin)", "United Kingdom"),
    ("US", "USA", r"U\.S\.", "United States", *(rf"(?<!-)(?<!Latin )(?<!South )(?<!Central )(?<!North )(?<!Anglo )"
                                                   rf"{w}" for w in ("America", "American", "Americans"))),
    ("Tory", "Tories", "Conservatives", r"Conservative(?= Party| leader| MPs?\b| peers?\b| government)"),
    (r"Lib(?= Dems?\b)", r"Liberal(?= Democrats?\b)"),  # 'the Lib Dems' foreign affairs spokesman' (calibration n572)
    ("Dems", "Dem", "Democrats", "Democrat"),
    ("UN", "United Nations"),
    ("EU", "European Union"),
)
_SAME: dict[str, re.Pattern[str]] = {}  # a one-word name, lower-case ('us' for 'U.S.') -> its group's pattern
for _group in SAME_NAMES:
    _pattern = re.compile(r"(?<![\w.])(?:" + "|".join(_group) + r")(?!\w)")
    for _bare in (re.sub(r"\(.*?\)", "", form) for form in _group):  # as written, without its lookarounds
        if " " not in _bare:
            _SAME[re.sub(r"\W", "", _bare).lower()] = _pattern


def written_otherwise(name: str, text: str) -> bool:
    """Is the name in the text as another of its SAME_NAMES? ('tory', 'the Scottish Conservative Party') -> True"""
    pattern = _SAME.get(re.sub(r"\W", "", name.lower()))
    return bool(pattern and pattern.search(text))


def mentioned(name: str, text: str) -> bool:
    """Is the name in the text, whole or (for 'moscow-kabul-islamabad') every part of it, or as another of its
    SAME_NAMES ('tory' in 'the Scottish Conservative Party')? An adjective of the question may be a noun of
    the text ('asian' -> 'asia', 'afghan' -> 'afghanistan'), not the other way round ('india' is not found in
    'indian ocean'), a people's plural too ('europeans': found asking new questions); a product's plural as its
    name ('playstations' in 'PlayStation 2')."""
    words = {name, name[:-1]} if re.fullmatch(r"\w{3,}(?:an|ani|qi|eli)s", name) else {name}  # 'europeans', 'iraqis'
    forms = words | {w[: -len(end)] for w in words for end in ENDINGS
                     if w.endswith(end) and len(w) - len(end) >= 3}
    forms |= {COUNTRY_OF[name]} if name in COUNTRY_OF else set()  # 'afghan' in 'Afghanistan', 'turkish' in 'Turkey'
    # a product's plural as its name: 'How many slim PlayStations were sold?' (found asking new questions: refused);
    # only a name written with a capital inside, after a small letter ('William' is no 'Williams', 'JEAN' no 'jeans',
    # 'McWilliam' no 'McWilliams': review)
    if re.fullmatch(r"\w{3,}[^siu']s", name) and any(
            re.search(r"[a-z][A-Z]", m.group(0)) and not re.match(r"Ma?c[A-Z]", m.group(0))
            for m in re.finditer(rf"(?<!\w){re.escape(name[:-1])}(?!\w)", text, re.I)):
        return True
    if any(has_name(f, text) for f in forms):
        return True
    if written_otherwise(name, text):
        return True
    parts = [p for p in re.split(r"[-/]", name) if len(p) > 2]
    return len(parts) > 1 and all(has_name(p, text) for p in parts)


def presumed(question: str) -> set[str]:
    """How many things the question takes as given, not a count the passages must mention: 'Which two powers
    …?', 'What are the two rival factions?' -> {'2'} (an answer that repeats it is still checked)"""
    return numbers(" ".join(re.findall(r"\b(?:which|what|the|both)\s+([a-z]+)\b", question, re.I)))


def months(text: str) -> set[str]:
    return {w for w in words(text) if w in MONTHS}


def joined(question: str, previous: str) -> str:
    """A follow-up read beside the question it follows. ('Why?', 'Q?') -> 'Why? (after: Q?)'"""
    return f"{question.rstrip()} (after: {previous.strip()})"


# the words a question names its article by ('…, according to the op-ed on Russia's military engagement with the
# Taliban?'): they say where to look, nothing of what is asked
SOURCE_FRAME = re.compile(r",?\s+(?:in|according\s+to|per)\s+(?:the|this)\s+(?:article|piece|op-ed|analysis|story|"
                          r"report|text|writer|author)\b[^?]*", re.I)


def own_question(question: str) -> str:
    """What a joined follow-up itself asks. 'Why? (after: Q?)' -> 'Why?'; any other question as it is."""
    return re.sub(r"\s*\(after: .*\)$", "", question, flags=re.S)


def earlier_question(question: str) -> str:
    """The question a joined follow-up was read beside. 'Why? (after: Q?)' -> 'Q?'; any other question -> ''"""
    m = re.search(r"\s*\(after: (.*)\)$", question, flags=re.S)
    return m.group(1) if m else ""


_AUXILIARY = re.compile(r"\s*(?:(?:and|so|but|then),?\s+)?(?:is|are|was|were|do|does|did|has|have|had|can|ca|could|"
                        r"will|wo|would|should|may|might|must)(?:n['’]t)?\s+(?!you\b|u\b|i\b|we\b)\w", re.I)
# (not a request: 'Can you list …?', 'Could I get …?'; 'ca', 'wo': "can't", "won't")
_NOT_YES_NO = re.compile(r"\b(?:who|whom|whose|what|which|when|where|why|how|or|versus|vs)\b", re.I)


def yes_no(question: str) -> bool:
    """Does the question ask whether something is so? Its words are then no given fact to build on.
    'Did Russia recognize the Taliban?' -> True; 'Is it X or Y?', 'Were any sent, and if so how many?',
    'Can you tell me the price?' (a request) -> False"""
    asked = own_question(question)
    return bool(_AUXILIARY.match(asked)) and not _NOT_YES_NO.search(asked)


def own_terms(question: str) -> set[str]:
    """The words only a joined follow-up itself has; none for any other question.
    'What was he charged with? (after: Who was jailed?)' -> {'charg'}"""
    return terms(own_question(question)) - terms(earlier_question(question)) if earlier_question(question) else set()


def earlier_terms(question: str) -> set[str]:
    """The words only the earlier question of a joined follow-up has; none for any other question.
    'What was he charged with? (after: Who was jailed?)' -> {'jail'}"""
    return terms(earlier_question(question)) - terms(own_question(question)) if earlier_question(question) else set()


def clean_question(question: str) -> str:
    """The question on one line, control characters gone; an empty or overlong one is the user's to fix."""
    question = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", " ", question or "")
    question = re.sub(r"\s+", " ", question).strip()
    if not question:
        raise ChatbotError("The question is empty. Type a question about your documents.")
    if len(question) > MAX_QUESTION_CHARS:
        raise ChatbotError(f"The question is {len(question):,} characters long; the limit is "
                           f"{MAX_QUESTION_CHARS:,}. Ask a shorter question.")
    return question
