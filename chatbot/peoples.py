"""A place and its people's word: 'Kenya' and 'Kenyan', 'Turkey' and 'Turkish', 'the Turks'.

What the gate, the count checks and the verifier know of peoples, in one place. Most people's words are their
place's name with an ending (ENDINGS); the two tables hold those that are not, each for the one direction it
is read in.
"""

from __future__ import annotations

import re

# Endings that make a place's people or adjective: Australia -> Australian, Japan -> Japanese, Pakistan -> Pakistani
ENDINGS = ("ian", "an", "n", "ese", "ish", "i")

# a people's word whose country the endings do not give: not 'hindu' in 'Hindustan' (review); 'turkish' in 'Turkey'
# (found asking new questions: 'What is the new Turkish currency called?' refused)
COUNTRY_OF = dict(pair.split(":") for pair in "afghan:afghanistan uzbek:uzbekistan kazakh:kazakhstan "
                  "tajik:tajikistan turkmen:turkmenistan kyrgyz:kyrgyzstan baloch:balochistan "
                  "turkish:turkey french:france spanish:spain dutch:netherlands "
                  "welsh:wales scottish:scotland irish:ireland swiss:switzerland danish:denmark swedish:sweden "
                  "polish:poland finnish:finland greek:greece norwegian:norway german:germany".split())

# a people's word not spelled from its place's first four letters ('Welsh', review); the others are: 'Scottish'.
# Those of COUNTRY_OF, and the places it has no word for ('Thai' has no letters after 'Thai')
WORD_OF_PLACE = {place.title(): word.title() for word, place in COUNTRY_OF.items() if word[:4] != place[:4]} | {
    "Holland": "Dutch", "US": "American", "USA": "American", "United States": "American", "UK": "British",
    "Britain": "British", "Thailand": "Thai", "Philippines": "Filipino"}

# a people's plural: 'Turks', 'Kenyans', 'Iraqis', 'Chinese'
_PLURAL = re.compile(r"[a-z]{2,}(?:ians|ans|is|ese)|(?:turk|scot|brit|briton|pole|dane|swede|finn|arab|kurd|serb|"
                     r"croat|czech|greek|thai|afghan|uzbek|tajik|kazakh|turkmen|baloch|pashtun|jew)s?")


def plural(word: str) -> bool:
    """Is the (lowercase) word a people's plural? 'turks', 'kenyans', 'chinese' -> True; 'jobs' -> False"""
    return bool(_PLURAL.fullmatch(word))


def as_people(name: str, text: str) -> bool:
    """Is the place named by its people's word, not within a name? ('kenya', 'the Kenyan capital Nairobi') -> True
    (found asking new questions: refused); ('india', 'the Indian Ocean') -> False. Enough for the gate to ask the
    model, not for a sentence to rest on: 'five million times faster than Japan's Earth Simulator' on '… the
    Japanese contender, the Earth Simulator …' (replayed: calibration n268 was shown, generated)."""
    if not re.fullmatch(r"[a-z]{4,}", name):
        return False
    bases = {name, name[:-1]} if name[-1] in "aeiouy" else {name}
    forms = {b + end for b in bases for end in ENDINGS} | {k for k, v in COUNTRY_OF.items() if v == name}
    return any(re.search(rf"(?<!\w){f}(?!\w)(?!\s+(?-i:[A-Z]))", text, re.I) for f in forms)
