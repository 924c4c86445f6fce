"""Yes/no questions: the sentence that says what the question asks is its answer, held to every word of its
line, and 'Yes' or 'No' is the product's word, put only before a plain statement (yesno.py)."""

from __future__ import annotations

import pytest

from chatbot.embed import HashEmbedder
from chatbot.polarity import overstated
from chatbot.screen import screen
from chatbot.text import yes_no
from chatbot.verify import Source, attribute
from chatbot.yesno import affirm

STANCE = "Has Pakistan changed its stance?"
LIST = "Has Russia removed the Afghan Taliban from its terrorist list?"


def _verify(reply: str, question: str, *lines: str) -> str:
    """The reason the reply is refused on these lines (one passage), or '' when it is kept."""
    passage = " ".join(lines)
    sources = [Source(0, passage.index(t), passage.index(t) + len(t), t) for t in lines]
    return attribute(reply, question, sources, [passage], HashEmbedder(), strict=yes_no(question)).reason


@pytest.mark.parametrize("question, expected", [
    ("Did Russia recognize the Taliban government?", True),
    ("Has Pakistan changed its stance?", True),
    ("And is the DS sold in the UK?", True),
    ("Is it a phone or a computer?", False),  # a choice
    ("Does the DS cost £99 versus £149?", False),
    ("Were any militants sent, and if so how many?", False),
    ("Can you tell me the price of the DS?", False),  # requests
    ("Could you list the banks?", False),
    ("Do you know who leads the TTP?", False),
    ("What did Russia decide?", False),
])
def test_yes_no_questions_are_told_apart(question, expected):
    assert yes_no(question) is expected


def test_the_sentence_that_says_what_is_asked_is_the_answer():
    """Found in the browser: the model's 'Yes, Russia has removed the Afghan Taliban from its terrorist list.' was
    dropped for repeating the question, and a 60-word quote shown."""
    assert screen("Yes, Russia has removed the Afghan Taliban from its terrorist list.", LIST) == (
        "Russia has removed the Afghan Taliban from its terrorist list.", "")
    assert screen("No, Pakistan has not changed its stance.", STANCE) == ("Pakistan has not changed its stance.", "")
    assert screen("Yes, Russia did.", LIST)[1] == "it only repeats the question"  # nothing to check
    assert screen("No, the price is £339.", "What is the price?")[0] == "No, the price is £339."  # no yes/no asked
    assert screen("No. 1 seed Roger Federer lost.", "Did Roger Federer lose?")[0] == "No. 1 seed Roger Federer lost."


LINE = "However, Pakistan has not changed its stance, and it is clear the Afghan land should in no way be used."


def test_yes_or_no_is_the_sentences_own_not_the_models():
    # the model wrote 'Yes, Pakistan has not changed its stance.'
    assert affirm("Pakistan has not changed its stance.", STANCE, LINE) == "No, Pakistan has not changed its stance."
    assert affirm("Russia has removed the Afghan Taliban from its terrorist list.", LIST, "Russia’s recent decision "
                  "to remove the Afghan Taliban from its terrorist list has sent ripples.") == \
        "Yes, Russia has removed the Afghan Taliban from its terrorist list."
    assert affirm("Qantas shares fell almost 3%.", "Did Qantas shares fall?", "Qantas shares fell almost 3%.") == \
        "Yes, Qantas shares fell almost 3%."  # 'fell' is 'fall'
    assert affirm("The attack was attributed to ISIS-K.", "Was the attack attributed to ISIS-K?",
                  "The attack, attributed to ISIS-K, …").startswith("Yes, the attack")
    assert affirm("Costs rose at HSBC.", "Did costs rise at HSBC?", "Costs rose at HSBC.") == "Yes, costs rose at HSBC."


@pytest.mark.parametrize("sentence, question, line", [
    ("Russia removed the Taliban.", LIST, "Russia removed the Taliban."),  # not all it asks
    ("Pakistan changed its stance.", "Has Pakistan not changed its stance?", "Pakistan changed its stance."),
    ("It is sold in the UK.", "Is it sold in the UK? (after: Where is the iPod sold?)", "The DS is sold in the UK."),
    # found in the first report-half run: right lines, wrong word before them
    ("The Taliban's unchecked support for militant factions like the TTP is not just a bilateral issue but a "
     "regional menace.", "Is the Taliban's support for the TTP a regional menace?", "The same."),
    ("The Taliban possesses ground-level operational access but lacks advanced tracking technology.",
     "Does the Taliban possess advanced tracking technology?", "The same."),
    # found in review: a 'not' that denies something else, or none that denies what a word does
    ("There is no doubt that Pakistan has changed its stance.", STANCE, "The same."),
    ("Pakistan changed its stance after talks did not succeed.", STANCE, "The same."),
    ("It is not true that Pakistan has not changed its stance.", STANCE, "The same."),
    ("Pakistan refused to change its stance.", "Did Pakistan change its stance?", "The same."),
    ("Pakistan denied that it had changed its stance.", STANCE, "The same."),
    ("Nobody in Pakistan has changed its stance.", STANCE, "The same."),
    ("Pakistan has barely changed its stance.", STANCE, "The same."),
    # what only could or will be, or what someone says
    ("HSBC will report profits of £9.4bn.", "Did HSBC report profits of £9.4bn?", "HSBC will report profits."),
    ("Pakistan may have changed its stance.", STANCE, "Pakistan may have changed its stance."),
    ("Pakistan wants to change its stance.", "Did Pakistan change its stance?", "Pakistan wants to change it."),
    ("Russia should remove the Taliban from its terrorist list.", "Should Russia remove the Taliban from its "
     "terrorist list?", "Critics argue Russia should remove the Taliban from its terrorist list."),
    ("India says Pakistan has changed its stance.", STANCE, "India says Pakistan has changed its stance."),
])
def test_no_yes_or_no_before_what_does_not_plainly_say_it(sentence, question, line):
    assert affirm(sentence, question, line) == sentence


def test_every_word_of_a_yes_no_answer_is_in_its_line_in_that_order():
    """A yes/no question's words are what it asks, not a given fact (the model replied 'Yes, the Taliban attended
    the Valdai meeting' where no line says so); roles swapped are no support (found in review)."""
    question = "Did the Taliban attend the Valdai meeting?"
    line = "The Valdai meeting was held in Moscow, where the Taliban were discussed."
    assert _verify("The Taliban attended the Valdai meeting.", question, line) == "'attend' is not in the source"
    assert _verify("Absa bought Barclays.", "Did Absa buy Barclays?", "Barclays bought Absa, the South African bank.") \
        == "the source does not say 'bought' in this order"
    assert _verify("Costs rose at HSBC.", "Did costs rise at HSBC?", "Profits rose at HSBC while costs fell.") != ""
    assert _verify("India has removed the Taliban from its terrorist list.", "Has India removed the Taliban from its "
                   "terrorist list?", "Russia has removed the Taliban from its terrorist list, unlike India.") != ""
    # of a person the question names, the surname after a title is enough; not a place's last word
    assert _verify("Bernie Ebbers has denied charges of fraud and conspiracy.", "Has Bernie Ebbers denied charges of "
                   "fraud and conspiracy?", "Mr Ebbers has denied charges of fraud and conspiracy.") == ""
    assert _verify("North Korea tested a missile.", "Did North Korea test a missile?",
                   "Korea tested a missile on Monday.") == "'north' is not in the source"
    # a people's word is its place; other endings are other words ('war' is no 'warned')
    assert _verify("The US warned Iran.", "Did the US warn Iran?", "The US war on Iran began.") != ""


def test_what_only_will_happen_is_not_stated_as_done():
    """Found with a yes/no question: 'Yes, HSBC reported profits of £9.4bn' on 'HSBC will report profits of £9.4bn
    later this month', also when asked 'Will HSBC report …?' (found in review)."""
    line = "According to analysts' forecasts, HSBC will report profits of £9.4bn later this month."
    assert overstated(line, "HSBC reported profits of £9.4bn.", "Did HSBC report profits of £9.4bn?")
    assert not overstated(line, "HSBC will report profits of £9.4bn.", "What will HSBC report?")
    assert not overstated("Will Smith said the film was a hit.", "The film was a hit.", "Was the film a hit?")
    assert not overstated("His will left the house to his son.", "He left the house to his son.", "What did he do?")
    for question in ("Did HSBC report profits of £9.4bn?", "Will HSBC report profits of £9.4bn?"):
        assert "could happen" in _verify("HSBC reported profits of £9.4bn.", question, line)
    # the model's reply rested on two lines: the one before says other banks report
    assert _verify("HSBC reported profits of £9.4bn.", "Did HSBC report profits of £9.4bn?",
                   "The group is the first of five big banks to report 2004 results.", line) != ""
