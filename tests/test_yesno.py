"""Yes/no questions: their words are what is asked, not a given fact, so a reply is held to every word of
the line it rests on; a reply that only restates the question is no answer (word checks see no roles)."""

from __future__ import annotations

import pytest

from chatbot.embed import HashEmbedder
from chatbot.polarity import overstated
from chatbot.screen import screen
from chatbot.text import yes_no
from chatbot.verify import Source, attribute


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
    ("Could I get the price of the DS?", False),
    ("Can't Pakistan change its stance?", True),
    ("So, did Russia recognize the Taliban?", True),
    ("What did Russia decide?", False),
])
def test_yes_no_questions_are_told_apart(question, expected):
    assert yes_no(question) is expected


def test_a_reply_that_restates_a_yes_no_question_is_no_answer():
    """Found in the browser: built as an answer with 'Yes'/'No' put before it, 9 of 26 were wrong: 'Yes, Ruby Dee
    was found dead in Miami Beach' on 'Davis, who was married to actress Ruby Dee, was found dead …'."""
    question = "Was Ruby Dee found dead in Miami Beach?"
    assert screen("Yes, Ruby Dee was found dead in Miami Beach.", question)[1] == "it only repeats the question"
    assert screen("No, Pakistan has not changed its stance.", "Has Pakistan changed its stance?")[1] == \
        "it only repeats the question"
    assert screen("Yes, the DS can run 700 GameBoy Advance games.", "Can the DS play older games?") == (
        "The DS can run 700 GameBoy Advance games.", "")  # what it adds is checked
    assert screen("No, the price is £339.", "What is the price?")[0] == "No, the price is £339."  # no yes/no asked
    assert screen("No. 1 seed Roger Federer lost.", "Did Roger Federer lose?")[0] == "No. 1 seed Roger Federer lost."


def test_every_word_of_a_yes_no_answer_is_in_one_line_in_that_order_close_together():
    question = "Did the Taliban attend the Valdai meeting in 2024?"
    line = "The Valdai meeting was held in Moscow, where the Taliban were discussed."
    assert _verify("The Taliban attended the Valdai meeting in Moscow.", question, line) == \
        "'attend' is not in the source"
    # roles swapped, and words far apart (found in review and in the browser)
    assert _verify("Absa bought Barclays for £2.9bn.", "Did Absa buy Barclays?",
                   "Barclays bought Absa, the South African bank, for £2.9bn.") != ""
    assert _verify("Margaret Thatcher resigned as Labour leader in 1979.", "Did Margaret Thatcher resign as Labour "
                   "leader?", "When Britain went to the polls in 1979, Tory leader Margaret Thatcher was swept into "
                   "power in a landslide victory, and Lord Callaghan resigned as Labour leader.") != ""
    # two lines are not joined for it: 'He' who pleaded guilty is another man
    assert _verify("Bernie Ebbers pleaded guilty to fraud in court.", "Did Bernie Ebbers plead guilty to fraud?",
                   "Mr Ebbers spoke in court.", "He has pleaded guilty to fraud.") != ""
    # of a person the question names, the surname after a title is enough; not a place's last word
    assert _verify("Bernie Ebbers has denied charges of fraud and conspiracy in court.", "Has Bernie Ebbers denied "
                   "the charges?", "Mr Ebbers has denied charges of fraud and conspiracy in court.") == ""
    assert _verify("North Korea tested a missile on Monday.", "Did North Korea test a missile?",
                   "Korea tested a missile on Monday.") == "'north' is not in the source"


def test_what_only_will_happen_is_not_stated_as_done():
    """Found with a yes/no question: 'HSBC reported profits of £9.4bn' on 'HSBC will report profits of £9.4bn
    later this month', also when asked 'Will HSBC report …?' (found in review)."""
    line = "According to analysts' forecasts, HSBC will report profits of £9.4bn later this month."
    assert overstated(line, "HSBC reported profits of £9.4bn.", "Did HSBC report profits of £9.4bn?")
    assert not overstated(line, "HSBC will report profits of £9.4bn.", "What will HSBC report?")
    assert not overstated("Will Smith said the film was a hit.", "The film was a hit.", "Was the film a hit?")
    assert not overstated("His will left the house to his son.", "He left the house to his son.", "What did he do?")
    for question in ("Did HSBC report profits of £9.4bn later?", "Will HSBC report profits of £9.4bn later?"):
        assert "could happen" in _verify("HSBC reported profits of £9.4bn later this month.", question, line)


def test_each_word_of_a_yes_no_answer_is_held_wherever_the_line_starts_it():
    """Found in review: a word said twice was checked once, and only the first place a line has the first word
    was tried."""
    assert _verify("India beat Pakistan, then Pakistan beat India in Lahore.", "Did India beat Pakistan?",
                   "India beat Pakistan by five wickets in Lahore.") != ""
    assert _verify("Russia removed the Taliban from its list.", "Did Russia remove the Taliban from its list?",
                   "Russia's foreign minister said Russia removed the Taliban from its list.") == ""


@pytest.mark.parametrize("line, reply, hedged", [
    ("Glazer said his bid to buy the club had been rejected.", "Glazer bought the club.", True),
    ("The minister defended his plan to close 20 hospitals.", "The minister closed 20 hospitals.", True),
    ("Analysts say this will boost sales.", "This boosted sales.", True),
    ("The Crown will appeal the ruling.", "The Crown appealed the ruling.", True),
    ("Malcolm Glazer has made a fresh approach to buy Manchester United.", "Malcolm Glazer bought Manchester "
     "United.", True),  # found in the browser
    ("An offer to shareholders was accepted by a large majority.", "Shareholders accepted the offer.", False),
    ("The voters' will prevailed in the referendum.", "The voters prevailed.", False),
])
def test_a_hedge_is_read_before_a_verb_not_in_a_noun(line, reply, hedged):
    """Found in review: the exceptions for 'his will' switched off every hedge after 'his' (and inside 'this');
    'will' and 'offer' are nouns as often as hedges."""
    assert overstated(line, reply, "What happened?") is hedged
