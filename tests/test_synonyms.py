"""Nouns said in other words: a count of players answers how many gamers."""

from chatbot.counts import counts_other
from chatbot.synonyms import kin


def test_a_count_of_the_same_thing_in_other_words_is_no_other_count():
    """Calibration n369 'How many gamers joined World of Warcraft on day one?': the model's right '200,000 players
    signed up …' was refused ("it counts 'players signed', the question asks about 'gamers joined'")."""
    question = "How many gamers joined World of Warcraft on day one?"
    assert counts_other("200,000 players signed up to play on the opening day.", question) == ""
    assert counts_other("200,000 copies were sold on the opening day.", question)
    assert counts_other("Most of its 35,000 staff are employed in Australia.", "How many employees does Qantas have?") \
        == ""
    assert counts_other("The firm has 5,000 vehicles.", "How many cars are there?")  # a kind, not the same thing
    assert counts_other("200,000 players signed up to play on the opening day.", "How many users joined on day one?")


def test_kin_adds_each_groups_other_words():
    assert kin(["gamers", "joined"]) == ["gamers", "joined", "player", "gamer"]
    assert kin(["cars"]) == ["cars"]


def test_a_phrase_of_the_question_said_otherwise_is_the_sources():
    """Calibration n368 and n658: right answers refused ('the source does not say this about put, togeth')."""
    from chatbot.synonyms import said_otherwise
    from chatbot.wording import words_missing

    question = "Which lab is Blue Gene/L being put together for?"
    line = "It is being assembled for the Lawrence Livermore National Laboratory, under the US Department of Energy."
    answer = "Blue Gene/L is being put together for Lawrence Livermore National Laboratory."
    assert said_otherwise(question, line) == "put together"
    assert words_missing(answer, question, line, "") == ""
    assert words_missing(answer, question, line.replace("assembled", "considered"), "")
    question = "How much would a combined Barclays and Wells Fargo be worth?"
    line = "A tie-up between Barclays and California-based Wells Fargo would create a bank valued at $180bn."
    assert words_missing("The combined Barclays and Wells Fargo would be worth $180bn.", question, line, "") == ""
    assert said_otherwise("How much is it worth?", "It was sold for $180bn.") == ""


def test_money_that_helps_is_proceeds_going_to_relief():
    """Calibration n212: 'Money from Band Aid 20 will help Sudan's Darfur region.' was refused ('the source does not
    say this about help, money') on 'Proceeds from the sales are going towards relief for the Darfur region …'."""
    from chatbot.synonyms import said_otherwise

    line = "Proceeds from the sales are going towards relief for the Darfur region of Sudan."
    assert said_otherwise("Which part of Sudan will money from Band Aid 20 help?", line) == "money help"
    assert said_otherwise("Who will it help?", "Band Aid 20 sold 200,000 copies.") == ""  # a name's 'Aid'
