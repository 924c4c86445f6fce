"""The pure checks behind an answer: follow-ups, the gate, attribution, quoting. No models."""

from __future__ import annotations

import dataclasses
import json

import pytest

from chatbot import acronyms, followup, gate, naming, pairs, places, verify, wording
from chatbot.about import heading, lead_in, named_elsewhere, part_named
from chatbot.agents import agent_swapped, request_of_reason
from chatbot.amounts import member_for_group
from chatbot.amounts import whose_unsaid as emphasis_whose
from chatbot.bounds import (
    bound_lost,
    change_of_total,
    currency_swapped,
    dated_otherwise,
    described_otherwise,
    named_otherwise,
    price_of_level,
    total_of_list,
    with_bounds,
)
from chatbot.counts import (
    amount_of_other,
    asked_elsewhere,
    counts_other,
    other_month,
    owned_by_other,
    paid_for_other,
    unbound_number,
    unqualified,
)
from chatbot.deeds import count_deeds, deed_of_count_otherwise, deed_unasked
from chatbot.embed import HashEmbedder
from chatbot.emphasis import bold_unsaid, emphasise
from chatbot.fits import (
    date_of_other_deed,
    deed_unsaid,
    lacks,
    misfit,
    office_unsaid,
    speech_unsaid,
    topic_unsaid,
    when_unsaid,
)
from chatbot.followup import answers_earlier, understood
from chatbot.kinds import SPEED_Q, WHO_DID_Q, answer_type, answers_asked, done_by_named, has_type
from chatbot.order import ordinal_unsaid, place_of_amount, rank_missing
from chatbot.peoples import as_people, plural
from chatbot.periods import other_period, part_for_whole
from chatbot.persons import (
    deed_of_other,
    deed_shared,
    origin_unsaid,
    others_named,
    pronoun_swapped,
    replaced,
    role_of_other,
    said_of_other,
    said_of_self,
    someone_else,
    subject_swapped,
    title_of_other,
)
from chatbot.places import other_place, world_for_place
from chatbot.polarity import opposite, overstated, prescribed, reason_unsaid, whose_duty
from chatbot.polarity import reversed_change as opposite_way
from chatbot.quote import Context, choose, fallback, leans_back, pointed, speaker_start
from chatbot.rank import Candidate, rank_sentences
from chatbot.screen import _circular, screen
from chatbot.text import (
    by_acronym,
    by_initials,
    has_name,
    joined,
    mentioned,
    names,
    numbers,
    own_terms,
    terms,
    written_otherwise,
)
from chatbot.text import negated as text_negated
from chatbot.verify import Source, Verdict, attribute, claim
from chatbot.wordforms import past_forms, predicate_unsaid, said_as_past
from chatbot.years import compared_count, compared_year, count_of_month, dated_lead, other_year, prior_year_count

LIST = ("In the meantime, institutional processes have also been busy with 8 Joint Coordination Committee "
        "meetings, 225 border flag meetings, 836 protest notes, and 13 formal demarches.")
TRIPS = ("Within four years, Islamabad has sent four foreign minister trips, two high-ranking defense/ISI trips, "
         "five special representative trips, five secretary trips, and an NSA trip to Kabul.")


@pytest.mark.parametrize("question, previous, expected", [
    ("And how many protest notes?", "How many border flag meetings has Pakistan held?",
     "How many protest notes has Pakistan held?"),
    ("What about demarches?", "How many border flag meetings has Pakistan held?",
     "How many demarches has Pakistan held?"),
    ("What about Michael Portillo?", "How much has William Hague been earning on top of his MP's salary?",
     "How much has Michael Portillo been earning on top of his MP's salary?"),
    ("Who was he married to?", "Where was Ossie Davis found dead?", "Who was Ossie Davis married to?"),
    ("How did its investment banking arm do?", "How much did Goldman Sachs earn?",  # no name before 'its'
     "How did its investment banking arm do? (after: How much did Goldman Sachs earn?)"),
    ("When was that?", "Who made the first mobile phone call in Britain?",
     "When was that? (after: Who made the first mobile phone call in Britain?)"),
    # a how-many question with a verb of its own does not get the earlier verb too (seen in the browser: 'How
    # many Tashkeel went into Balochistan were found fighting Pakistani forces in 2025?'); it keeps its context
    ("And how many Tashkeel went into Balochistan?", "How many Afghan nationals were found fighting in 2025?",
     "And how many Tashkeel went into Balochistan? (after: How many Afghan nationals were found fighting in 2025?)"),
    ("And how many militants crossed the border?", "How many militants has Iran handed over to Pakistan?",
     "And how many militants crossed the border? (after: How many militants has Iran handed over to Pakistan?)"),
    ("And how many Indian-made drones?", "How many drones has Pakistan shot down?",  # a hyphenated word: no verb
     "How many Indian-made drones has Pakistan shot down?"),
    # 'what about' followed by a question of its own is no topic to swap in (seen in the browser: 'How many the
    # other meetings, what were they called has Pakistan held?')
    ("And what about the other meetings, what were they called?", "How many border flag meetings has Pakistan held?",
     "And what about the other meetings, what were they called? (after: How many border flag meetings has Pakistan "
     "held?)"),
    # an act in place of the earlier one (found asking new questions: answered about the way up)
    ("And coming back down?", "how long do the fast lifts take to reach the top?",
     "How long do the fast lifts take coming back down?"),
    ("And the ceiling?", "how long do the fast lifts take to reach the top?",
     "And the ceiling? (after: how long do the fast lifts take to reach the top?)"),
    # a preposition before the asking words (calibration n324: read on its own, answered about another article)
    ("Across how many countries?", "How many test cars is GM putting on the road?",
     "Across how many countries? (after: How many test cars is GM putting on the road?)"),
])
def test_follow_ups_are_made_to_stand_alone(question, previous, expected):
    assert followup.is_follow_up(question)
    assert followup.standalone(question, previous) == expected


def test_he_after_a_who_question_is_the_person_the_answer_gave():
    """Found in the browser: after 'Who bought …?' ('Tony Blair bought …'), 'And did he arrive unannounced?'
    was read as 'Did Band Aid arrive unannounced?'."""
    previous = "Who bought two copies of Band Aid 20 in Edinburgh?"
    answer = "**Prime Minister Tony Blair** purchased two copies of Band Aid 20 [1]."
    rewritten = followup.standalone("And did he arrive unannounced?", previous, answer)
    assert rewritten == "Did Tony Blair arrive unannounced?"
    # not after a question that is no 'Who …?', nor when the answer opens with no person (found in review)
    assert followup.standalone("Who was he married to?", "Where was Ossie Davis found dead?",
                               "Tony Blair found him [1].") == "Who was Ossie Davis married to?"
    assert followup.standalone("Who was he married to?", "Who found Ossie Davis dead?",
                               "Police in Miami Beach found him [1].") == "Who was Ossie Davis married to?"
    # seen asking: 'Mr Sigarchi' found the Ebbers article's lines; the person asked about is the one meant
    sigarchi = followup.standalone("How long was he jailed for?", "Who is Arash Sigarchi?",
                                   "**Mr Sigarchi** is an Iranian weblogger [1].")
    assert sigarchi == "How long was Arash Sigarchi jailed for?"
    assert followup.answered_person("Former Defence Secretary Michael Portillo makes money [1].") == "Michael Portillo"
    assert followup.answered_person("The winner was **Susan Fletcher** [1].") == "Susan Fletcher"
    # found asking new questions: 'How much is he worth?' was understood as '… is Producer Judy Craymer worth?'
    assert followup.answered_person("Producer Judy Craymer is the highest new entry [1].") == "Judy Craymer"
    assert followup.answered_person("Walter Cronkite said so [1].") == "Walter Cronkite"
    # found in the browser: an answer naming its person by title and surname ('When did Information Appliance die?')
    assert followup.standalone("When did he die?", "Who founded a company called Information Appliance?",
                               "Mr Raskin founded Information Appliance [1].") == "When did Mr Raskin die?"
    for answer in ("I could not find this in the indexed documents.", "In Edinburgh, Tony Blair bought them [1].",
                   "On 3 December Tony Blair bought them [1].", "Manchester United striker Wayne Rooney scored [1]."):
        assert followup.answered_person(answer) == "", answer


@pytest.mark.parametrize("question", ["What is the principle that regional powers must not compromise on?",
                                      "What is the capital of France?", "Who won the 2018 World Cup?",
                                      # a possessive after a name of the same question is that name's
                                      "Why did Russia remove the Taliban from its list of terrorist organisations?",
                                      "What did Ishaq Dar say on his visit to Kabul?",
                                      "What film was Debra Hill working on at the time of her death?",
                                      "Why did Ishaq Dar travel to Kabul?",  # 'why' opens questions of its own
                                      # found in the browser: what a person says of themselves
                                      "Did Kilroy-Silk confirm he is setting up a new party called Veritas?",
                                      "Does Ms Levy think that she will win?",
                                      # found in the browser: 'he' after the person's name is that person
                                      "How old was Lord Callaghan when he died?",
                                      "What was Debra Hill working on when she died?",
                                      # found in the browser: what a name is, asked in a short question
                                      "What is the ISKP?", "Who is Sigarchi?"])
def test_questions_that_stand_alone_are_not_follow_ups(question):
    assert not followup.is_follow_up(question)


def test_her_may_point_back_after_a_name():
    assert followup.is_follow_up("Did the BBC interview her yesterday?")  # 'her' is no possessive here
    assert followup.is_follow_up("Which Labour MP praised her speech?")  # no person named before 'her'
    assert followup.is_follow_up("How old was he when he died?")
    assert followup.is_follow_up("Why was Russia angry when he left?")  # a country is no person


def test_its_after_a_name_typed_in_small_letters_is_the_names():
    """Found in the browser: 'why did russia take the taliban off its terrorist list' was read as a follow-up."""
    question = "why did russia take the taliban off its terrorist list"
    assert followup.is_follow_up(question)  # nothing says 'russia' is a name
    assert not followup.is_follow_up(question, named={"russia", "taliban"})  # the documents write them as names
    assert followup.is_follow_up("how many people work at its factory", named={"russia"})
    passages = "In April Russia removed the Taliban from its list of terrorist organisations. Russia said so."
    assert naming.typed_small(question, passages) == {"russia": "Russia", "taliban": "Taliban"}
    assert naming.recased(question, passages) == "why did Russia take the Taliban off its terrorist list"
    # an acronym too (found asking new questions: 'what does csto stand for' was refused at similarity 0.17)
    assert naming.recased("what does csto stand for", "… the Collective Security Treaty Organization (CSTO) …") == \
        "what does CSTO stand for"
    assert naming.recased("What does csto stand for", "… (CSTO) …") == "What does csto stand for"  # not all small


@pytest.mark.parametrize("question, previous, new", [
    ("What did Lavrov say about the railway?", "When did the concert hall attack in Moscow happen?", True),
    ("Did Moscow sign it?", "When did the concert hall attack in Moscow happen?", False),  # leans back: 'it'
    ("What did Moscow offer?", "Pakistan and Moscow met in May.", False),  # names nothing new
    ("Why?", "When did the concert hall attack in Moscow happen?", False),
    ("How many has Iran held?", "How many border flag meetings has Pakistan held?", False),  # only a name is new
    ("Who is Ishaq Dar?", "What does TTP stand for?", True),  # what a new name is (found in the browser)
    ("Who is he?", "Who is Ishaq Dar?", False),
    # after an 'And', a question of its own (calibration n347: read beside the BPI, refused)
    ("And who's the boss of the IFPI?", "Who is the chairman of the BPI?", True),
    ("And how many has Iran held?", "How many border flag meetings has Pakistan held?", False),
    ("And who is its boss?", "Who is the chairman of the BPI?", False),
    ("And the IFPI?", "Who is the chairman of the BPI?", False),
])
def test_a_question_naming_something_new_is_its_own(question, previous, new):
    assert followup.new_subject(question, previous) is new


def test_gate_finds_names_and_numbers_the_passages_never_mention():
    passages = ["Russia's Foreign Ministry spoke on the Indian Ocean route in 2025.", "The Tories and Asia."]
    ev = gate.evidence("What did Lavrov say about India's role in the 35th report of the 1980s?", passages,
                       [0.6], [0.5])
    assert ev.missing == ("india", "lavrov", "35")  # 'Indian' is not 'India'; an era is not a number to find
    assert gate.evidence("What did the Tory leader say about the Asian route?", passages, [0.6], [0.5]).missing == ()
    # 'which two' asks for two answers; 'two' need not be written in the passages (dev question d12)
    assert gate.evidence("Which two powers did Russia name?", passages, [0.6], [0.5]).missing == ()
    assert gate.evidence("Did Russia name two powers?", passages, [0.6], [0.5]).missing == ("2",)
    # an acronym's plural is the acronym (news question n059: 'the slimmer PS2s', the article says 'PS2')
    assert gate.evidence("How many PS2s did Russia's MPs buy?", passages + ["The PS2 and an MP."], [0.6],
                         [0.5]).missing == ()
    assert gate.evidence("How many PS3s were sold?", ["The PS2 sold."], [0.6], [0.5]).missing == ("ps3", "3")
    assert "never mention 'india'" in gate.refuse_before(ev, gate.Thresholds())
    assert "similarity 0.20" in gate.refuse_before(gate.Evidence(0.2, 0.5, ()), gate.Thresholds())


def test_a_name_news_writes_another_way_is_found_under_that_name():
    # news question n063: 'Scottish Tory leader David McLetchie', the article says 'Scottish Conservative Party leader'
    passages = ["The Scottish Conservative Party leader, David McLetchie, questioned what would be exempted.",
                "Sales in Britain rose; the United States and the European Union lagged."]
    assert gate.evidence("What did Scottish Tory leader David McLetchie want to know?", passages, [0.6],
                         [0.5]).missing == ()
    assert gate.evidence("How did UK, US and EU sales do?", passages, [0.6], [0.5]).missing == ()
    # each name still needs one of its own names, written as a name
    assert gate.evidence("What did the Labour leader say?", passages, [0.6], [0.5]).missing == ("labour",)
    assert gate.evidence("How did the UN vote?", ["The US voted."], [0.6], [0.5]).missing == ("un",)
    for question, passage in (("Did the Tories win?", "Conservative estimates put the vote at 10,000."),
                              ("What did the UK government announce?", "The British Columbia government announced."),
                              ("Why did US sales fall?", "Sales in Latin America fell.")):
        assert gate.evidence(question, [passage], [0.6], [0.5]).missing, passage
    # an answer repeating the question's name is checked against the article under that name too
    sources = [Source(0, 0, len(passages[0]), passages[0], 0.5, 1.0)]
    assert attribute("Scottish Tory leader David McLetchie questioned what would be exempted.",
                     "What did Scottish Tory leader David McLetchie question?", sources, passages[:1],
                     HashEmbedder()).ok


def test_a_question_whose_names_are_all_found_in_one_sentence_passes_a_low_similarity():
    # the issue's 'How many Joint Coordination Committee meetings took place?': MiniLM similarity 0.37 < 0.40
    jcc = gate.evidence("How many Joint Coordination Committee meetings took place?", [LIST], [0.37], [0.5])
    assert jcc.named and gate.refuse_before(jcc, gate.Thresholds()) == ""
    # a question naming a thing the passages mention, asking what they do not say, covers little of it
    moscow = gate.evidence("How many people live in Moscow?", ["Moscow is worried."], [0.32], [0.26])
    assert moscow.named and "similarity 0.32" in gate.refuse_before(moscow, gate.Thresholds())
    # calibration n637 and s163 (refused, similarity 0.24 and 0.31, coverage 0.41 and 0.39): answered now
    chart = ["Last week's new releases, GoldenEye: Rogue Agent and Killzone, both failed to make it into the top 10, "
             "debuting at number 11 and 12 respectively.", "The UK chart is compiled by Chart-Track."]
    killzone = gate.evidence("killzone uk chart debut position", chart, [0.24], [0.41])
    assert killzone.named and gate.refuse_before(killzone, gate.Thresholds()) == ""
    assert "similarity 0.24" in gate.refuse_before(gate.evidence("killzone uk chart debut position", chart, [0.24],
                                                                 [0.33]), gate.Thresholds())
    # naming nothing (msmarco queries are lower case), a name no passage has (the first word too), or only
    # names ('Where is Kabul?' is covered by any sentence naming Kabul): the floor holds
    for ev in (gate.evidence("do goldfish grow", ["Goldfish grow."], [0.1], [0.9]),
               gate.evidence("How many Valdai meetings took place?", [LIST], [0.37], [0.9]),
               gate.evidence("Putin visited Kabul when?", ["Kabul is far."], [0.3], [0.9]),
               gate.evidence("Where is Kabul?", ["Kabul is far."], [0.3], [1.0]),
               gate.evidence("Who founded Barclays?", ["Barclays made a profit."], [0.3], [0.62])):
        assert not ev.named and gate.refuse_before(ev, gate.Thresholds())


def test_a_question_asking_what_a_named_thing_is_passes_when_one_sentence_names_it():
    """Found in the browser: 'Who is Ishaq Dar?' (similarity 0.35) and 'What does CSTO stand for?' (0.18) were
    refused though a passage names them; a question's presumed count ('the two rival factions') is no number
    the documents must mention."""
    passages = ["Deputy Prime Minister and Foreign Minister Ishaq Dar visited Kabul. Barclays made a profit.",
                "Exercises within the Collective Security Treaty Organization (CSTO) grew. The Valdai Club observed "
                "a new world disorder. The Kandahari faction and the Haqqani network are rivals."]
    limits = gate.Thresholds(min_similarity=0.4)

    def refused(question: str) -> str:
        return gate.refuse_before(gate.evidence(question, passages, [0.2], [0.3]), limits)

    for question in ("Who is Ishaq Dar?", "What does CSTO stand for?", "Valdai?", "What did the Valdai Club observe?",
                     "What is the Kandahari faction?", "CSTO stands for?",
                     # what someone's job is, asked as who they are (calibration s123, refused at 0.38)
                     "What government positions does Ishaq Dar hold?"):
        assert not refused(question), question
    assert refused("What positions does Ishaq Dar want to abolish?")
    assert refused("BLA stands for?")  # an acronym no passage spells out (found asking new questions: 0.12, refused)
    assert gate.evidence("What are the two rival factions?", passages, [0.6], [0.3]).missing == ()
    assert gate.evidence("What are the 2 rival factions?", passages, [0.6], [0.3]).missing == ("2",)
    # … not what a mention of the thing may not say (found in review: the quote bolded **Rawalpindi**)
    passages.append("Ishaq Dar, born in 1950, is the old minister. Benazir Bhutto was killed in Rawalpindi.")
    for question in ("Who founded Barclays?", "Who is Imran Khan?", "What did Ishaq Dar say about trade and visas?",
                     "Where was Ishaq Dar born?", "Who killed Benazir Bhutto?", "When did Ishaq Dar visit Kabul?"):
        assert refused(question), question
    # … but a sentence relating a name to the one word asked of it, with the kind of answer asked, does say it
    # (found asking new questions: 'Who chairs the Public Accounts Committee?' 0.31, 'Where was The Libertine
    # shot?' 0.29, both refused): 'born in 1950' answers 'How old …?'
    passages.append("The Public Accounts Committee found so. Committee chairman Edward Leigh said no. Shooting of "
                    "The Libertine was moved to the Isle of Man.")
    for question in ("Who chairs the Public Accounts Committee?", "Where was The Libertine shot?",
                     "How old is Ishaq Dar?"):
        assert not refused(question), question
    assert gate.evidence("Who is Imran Khan?", passages, [0.2], [0.3]).missing == ("imran", "khan")
    # a question that names nothing, when a sentence (or it and the one before) holds all its words but those
    # naming the source itself (found asking new questions: 'dossiers' 0.27, 'regional stability' 0.39)
    passages.append("Such dossiers contained cross-border entry points. Regional stability cannot be built on "
                    "fragmented logic. It requires consistent pressure on all militant structures.")
    for question in ("What did the dossiers contain?",
                     "What does regional stability require, according to the writer?",
                     # what it does not do, in a line that denies it, the source named first (calibration s132)
                     "According to the writer, what can regional stability not be built on?"):
        assert not refused(question), question
    for question in ("What did the dossiers cost?", "Who wrote the dossiers?", "What is stability?",
                     "What does consistent pressure on militant structures contain?",
                     # found in review: a negated question; words that only two unrelated sentences hold
                     "What did the dossiers not contain?", "What did the logic contain?",
                     # … not in the line after the one that denies it, nor in a line that does not deny it
                     "What can regional stability not require?", "What does regional stability not require?"):
        assert refused(question), question
    # … or asks which things do something, or what they are, and a sentence holds all its words but the thing asked
    # for (found asking new questions of the seeds: 'Which regions could face spillover risks?' 0.27, 'What are
    # the three strategic imperatives of the partnership?' 0.37, both refused)
    passages.append("Central Asia could face spillover risks from the same networks. The partnership resolves into "
                    "three distinct strategic imperatives: counter-terrorism and trade.")
    for question in ("Which regions could face spillover risks?",
                     "What are the three strategic imperatives of the partnership?"):
        assert not refused(question), question
    for question in ("Which regions could face sanctions?", "Which regions could not face spillover risks?",
                     "What are the strategic deficits of the partnership?", "Which regions are risky?"):
        assert refused(question), question


def test_thresholds_are_stored_per_embedding_model(monkeypatch, tmp_path):
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps({"abc": {"min_similarity": 0.42, "min_coverage": 0.2, "note": "x"}}))
    monkeypatch.setattr(gate, "CALIBRATION_FILE", path)
    gate._calibration.cache_clear()
    try:
        assert gate.thresholds("abc") == gate.Thresholds(min_similarity=0.42, min_coverage=0.2)
        assert gate.thresholds("unknown") == gate.Thresholds() and not gate.is_calibrated("unknown")
    finally:
        gate._calibration.cache_clear()


def test_the_shipped_calibration_covers_the_default_embedder():
    from chatbot.embed import DEFAULT_MODEL_SHA256

    assert gate.is_calibrated(DEFAULT_MODEL_SHA256)
    t = gate.thresholds(DEFAULT_MODEL_SHA256)
    assert 0.2 < t.min_similarity < 0.6 and 0 <= t.min_coverage < 1


def test_a_count_of_something_else_in_the_source_does_not_answer_how_many():
    """Found in the browser: '172 Tashkeel infiltrated Khyber Pakhtunkhwa' was verified for 'How many militants
    infiltrated …?'; the source counts the militants by 4,000."""
    source = "Evidence: 172 Tashkeel of almost 4,000 militants infiltrating Khyber Pakhtunkhwa; 83 into Quetta."
    question = "How many militants infiltrated Khyber Pakhtunkhwa?"
    assert "'militants' are counted by 4000, not 172" in asked_elsewhere("172 Tashkeel infiltrated Khyber.", question,
                                                                         source)
    assert asked_elsewhere("Almost 4,000 militants infiltrated Khyber.", question, source) == ""
    assert asked_elsewhere("172 Tashkeel infiltrated Khyber.", "How many Tashkeel slipped into Khyber?", source) == ""
    # found in review: a part of a total, 'how much', a follow-up that counts nothing of its own
    assert asked_elsewhere("9,500 were vaccinated.", "How many children were vaccinated?",
                           "Of the 12,000 children targeted, 9,500 were vaccinated.") == ""
    assert asked_elsewhere("It cost $5m.", "How much did the contract cost?", "The two contracts cost $5m.") == ""
    assert asked_elsewhere("12 soldiers were killed.", joined("And soldiers?", "How many civilians were killed?"),
                           "30 civilians and 12 soldiers were killed.") == ""
    # another word for what is asked, with no count of the question's word in the source (news n150)
    assert asked_elsewhere("78 million messages are sent.", "How many texts are sent?", "Every day 78 million "
                           "messages are sent.") == ""


def test_a_number_must_count_the_same_thing_as_in_the_source():
    assert unbound_number("Islamabad has lodged 836 protest notes.", LIST) == ""
    # … unless the question gave that count of that thing (calibration n718: refused, 'in the source 10 counts
    # 'former outside directors', not 'ex worldcom'')
    line = "The ten former outside directors are James Allen, Judith Areen and the estate of John Sidgmore."
    question = "Which of the ten ex-WorldCom directors in the $54m settlement had died?"
    reply = "The estate of John Sidgmore was one of the ten ex-WorldCom directors in the $54m settlement."
    assert unbound_number(reply, line, question) == ""
    assert "10 counts 'former outside directors'" in unbound_number(reply, line)
    assert "10 counts" in unbound_number(reply, line, "Which of the ten WorldCom lawyers had died?")
    assert "13 counts 'formal demarches'" in unbound_number("Islamabad has lodged 13 protest notes.", LIST)
    assert unbound_number("There were eight Joint Coordination Committee meetings.", LIST) == ""
    assert "counts 'special representative" in unbound_number("Pakistan made five senior defense visits.", TRIPS)
    assert unbound_number("Qantas made A$458.4m.", "rose 28% to A$458.4m ($357.6m)") == ""  # amounts: not counts
    # list items sharing a noun: the word after the number tells them apart (found in the browser, 2026-12-01)
    assert "'secretary trips' are counted by 5, not 4" in unbound_number("4 secretary trips.", TRIPS)
    assert unbound_number("Five secretary trips were sent to Kabul.", TRIPS) == ""
    assert unbound_number("Four foreign minister trips have been sent to Kabul.", TRIPS) == ""
    assert unbound_number("Two high-ranking defense trips were made to Kabul.", TRIPS) == ""
    # a thing the list gives as one ('… and an NSA trip'; found asking new questions: '4 NSA trips were sent to Kabul
    # by Islamabad within four years.' was shown, generated)
    assert unbound_number("4 NSA trips were sent to Kabul within four years.", TRIPS) == \
        "in the source 'nsa trips' are counted by 1, not 4"
    assert unbound_number("Islamabad sent an NSA trip to Kabul.", TRIPS) == ""
    # … and the quote shown instead bolds it, not '**five secretary trips**'
    assert emphasise(TRIPS, "How many NSA trips did Islamabad send to Kabul?") == \
        TRIPS.replace("an NSA trip", "**an NSA trip**")
    assert "**five secretary trips**" in emphasise(TRIPS, "How many secretary trips did Islamabad send?")
    tashkeel = ("172 Tashkeel of almost 4,000 militants infiltrating Khyber Pakhtunkhwa; 83 Tashkeel into "
                "Balochistan.")  # words shared further on do not tell items apart
    assert unbound_number("172 Tashkeel infiltrated Khyber Pakhtunkhwa.", tashkeel) == ""
    # a part of a total given as the whole (found asking new questions: 'two dialogue rounds' of three)
    rounds = ("A system of three dialogue rounds, including one within the Doha Agreement framework and two within "
              "the Istanbul track, was used to present hard intelligence.")
    assert unbound_number("Pakistan held two dialogue rounds with the Taliban.", rounds) == \
        "in the source 'dialogue rounds' are counted by 3; 2 are those within the istanbul track"
    assert unbound_number("Pakistan held three dialogue rounds.", rounds) == ""
    assert unbound_number("Two dialogue rounds were held within the Istanbul track.", rounds) == ""
    # … and what sets it apart must be said of it, not of the next count (found asking new questions: shown)
    assert unbound_number("Two dialogue rounds were held within the Doha Agreement framework and two within the "
                          "Istanbul track.", rounds) == \
        "in the source 'dialogue rounds' are counted by 3; 2 are those within the istanbul track"
    assert unbound_number("200 staff work in London.", "The firm has 500 staff, and 200 of them work in London.") == ""
    # found in review: a number that also counts the same thing; a part after 'of them'
    assert unbound_number("Two people died in hospital.", "Ten people were hurt, two of them critically. Police "
                          "said two people had died in hospital.") == ""
    assert "counted by 1000" in unbound_number("Rover will cut 300 jobs.", "Rover will cut 1,000 jobs, 300 of them "
                                               "at the Longbridge plant.")
    assert counts_other("13 formal demarches.", "How many protest notes has Islamabad lodged?")
    assert counts_other("836 protest notes.", "How many protest notes has Islamabad lodged?") == ""
    # a date or a price beside the count is not another count (news questions n066, n113)
    assert counts_other("133 million text messages were sent between midnight on 31 December and 1 January.",
                        "How many text messages were sent over New Year?") == ""
    assert counts_other("The surcharge is now £10 one-way.", "How much is the fuel surcharge now?") == ""
    assert counts_other("In March 13 formal demarches were issued.", "How many protest notes did it lodge?")
    # 'how much' asks for an amount: the line with it counts nothing else for all its '20 minutes' (n159)
    assert counts_other("When phones were launched they cost about £2,000 and had a battery life of 20 minutes.",
                        "How much did the first mobile phones cost?") == ""
    assert counts_other("The firm sold 2 million phones.", "How much profit did the firm make?")  # no amount
    assert counts_other("The stamp now costs 32 pence, up from 30 pence.", "How much does a stamp cost?") == ""
    # a follow-up read beside the question it follows counts what it asks (seed question s031)
    follow_up = joined("Roughly how many fighters did those groups include?", "How many Tashkeel slipped into KP?")
    assert counts_other("172 Tashkeel infiltrated KP.", follow_up)
    assert counts_other("The groups included 4,000 fighters.", follow_up) == ""
    assert counts_other("172 Tashkeel infiltrated KP.", "How many Tashkeel slipped into KP?") == ""
    assert counts_other("It held 13 press briefings.", joined("And in 2005?", "How many films were made in 2004?"))


TEXTS = ("The figures showed that 2.4 billion were fired off in December alone, the highest monthly total ever.",
         "Before December's bumper text record, the previous highest monthly total was in October 2004, when 2.3 "
         "billion were sent.")


def test_a_month_and_year_must_go_together_in_the_source():
    # news question n062: 'December 2004' read off a line that gives 2004 to October
    assert other_month("2.3 billion texts were sent in December 2004.", TEXTS[1]) == \
        "in the source 2004 goes with October, not December"
    assert other_month("2.3 billion texts were sent in October 2004.", TEXTS[1]) == ""
    assert other_month("It closed in Dec 2004.", "It closed in December 2004.") == ""  # the same month
    # a year the source gives as a whole is no month's (news n062: '26 billion texts … in total in 2004' quoted
    # for '… in december 2004'); a month the source names beside it may be the one
    assert other_month("It closed in May 2004.", "It closed in 2004.") == "the source gives 2004 as a whole, not May"
    assert other_month("It closed in May 2004.", "In 2004 it shrank. It closed in May.") == ""
    # nor is a month's count one of a whole year (found in the browser: **2.4 billion** bolded, 'fired off in
    # December alone', for 'How many texts were sent in the UK in 2004?'; the line before says 26 billion)
    question = "How many texts were sent in the UK in 2004?"
    assert other_month(question, "It showed that 2.4 billion were fired off in December alone.") == \
        "the source counts December, not 2004 as a whole"
    assert other_month(question, "26 billion texts were sent in 2004, 2.4 billion in December alone.") == ""
    assert other_month(question, "Profits for the year to 31 December rose 20%.") == ""  # a date, not 'in December'
    assert other_month("How many were sent in December 2004?", "In December 2004, 2.4 billion were sent.") == ""
    # however the date is written (found in review)
    for said in ("October of 2004", "Oct. 2004", "October, 2004"):
        assert other_month("2.3 billion texts were sent in December 2004.", TEXTS[1].replace("October 2004", said))
    assert other_month("In December of 2004, 2.3 billion texts were sent.", TEXTS[1])
    # a range gives the year to both its months; one month of the sentence given with the year is enough
    assert other_month("It began on 30 November 2004.", "It ran from 30 November to 2 December 2004.") == ""
    assert other_month("Sales went from 2.3 billion in October 2004 to 2.4 billion in December 2004.",
                       "Sales were 2.3 billion in October 2004, and 2.4 billion in December.") == ""
    sources, passages = _sources(*TEXTS)
    v = attribute("2.3 billion texts were sent in December 2004.", "How many texts were sent in December 2004?",
                  sources, passages, HashEmbedder(), hint=[1])
    assert not v.ok and "goes with October" in v.reason
    # nor is that line quoted for the question's month
    question = "how many texts did people in the UK send in december 2004"
    candidates = [Candidate(0, 0, 0, 1.0 - i / 10, 0.5, 0.5) for i in range(2)]
    lines = [TEXTS[1], TEXTS[0]]
    assert choose(candidates, lines, question, 0.2) == 0
    assert choose(candidates, lines, question, 0.2, fits=lambda line: not other_month(question, line)) == 1


DAY = ("UK mobile owners continue to break records, with figures showing that 26 billion texts were sent in total "
       "in 2004.",
       "Between midnight on 31 December and midnight on 1 January, 133m text messages were sent in the UK.",
       "Every day 78 million messages are sent and there are no signs of a slow down.")


def test_a_count_of_one_day_is_not_a_years_total():
    # found in the browser: '26 billion [1]' generated and verified for 'How many text messages were sent in the
    # UK on New Year's Day?' (the year's total; the day's is 133m), and the year's line quoted for it
    question = "How many text messages were sent in the UK on New Year's Day?"
    assert other_period(question, DAY[0]) == "the question asks about one day ('New Year's Day'), the source counts " \
        "'in total'"
    assert other_period(question, DAY[1]) == ""  # its own day, midnight to midnight
    assert other_period(question, DAY[2]) == ""  # a day's count
    for said in ("the annual total for 2004 is set to exceed 25bn", "2.4 billion were fired off in December alone",
                 "Sales rose 20% in the third quarter", "Apple sold 4m iPods in 2004"):
        assert other_period(question, said), said
    assert other_period("How many iPods did Apple sell on Christmas Day?", "On 25 December Apple sold 4m iPods "
                        "in 2004, its best year.") == ""  # the source's own date
    assert other_period("How many texts are sent every day?", DAY[0])
    # and the other way round: a day's count is no year's or month's
    assert other_period("How many texts were sent in 2004?", DAY[2]) == "the question asks about 'in 2004', the " \
        "source counts 'Every day'"
    assert other_period("How many texts were sent in December?", DAY[1])
    assert other_period("how many texts did people in the UK send in december 2004", DAY[1])  # calibration n062
    assert other_period("How many texts were sent on December 31?", DAY[2]) == ""  # a day of a month is no month
    assert other_period("How many texts were sent in 2004?", DAY[0]) == ""
    assert other_period("How much did sales rise in 2004?", "On 3 March the firm said sales rose 20%.") == ""
    assert other_period("How many texts were sent on New Year's Day?", "It happened in 2004.") == ""  # no count
    sources, passages = _sources(*DAY)
    for answer in ("26 billion.", "26 billion texts were sent."):
        v = attribute(answer, question, sources, passages, HashEmbedder(), hint=[1])
        assert not v.ok, answer
    assert attribute("133m text messages were sent in the UK.", question, sources, passages, HashEmbedder(),
                     hint=[2]).ok
    candidates = [Candidate(0, 0, 0, 1.0 - i / 10, 0.5, 0.5) for i in range(2)]
    assert choose(candidates, DAY[:2], question, 0.2, fits=lambda line: not other_period(question, line)) == 1
    assert misfit(DAY[0], question, set()) and not misfit(DAY[1], question, set())


HALO = ("Halo 2 sells five million copies",
        "Microsoft is celebrating bumper sales of its Xbox sci-fi shooter, Halo 2.",
        "The game has sold more than five million copies worldwide since it went on sale in mid-November, the "
        "company said.",
        "According to Microsoft, nine out of 10 Xbox Live members have played the game for an average of 91 "
        "minutes per session.",
        "The racing game moved up one spot to first place, nudging GTA: San Andreas down to second place.")


def _halo(answer: str, question: str, hint: int = 2) -> Verdict:
    sources, passages = _sources(*HALO[1:])
    return attribute(answer, question, sources[hint - 1:hint], passages, HashEmbedder(), hint=[1],
                     documents=[f"{HALO[0]}\n\n{passages[0]}"])


def test_a_count_is_of_what_the_question_asks_about_where_it_asks():
    # all four found in the browser (news corpus), generated and verified although they answer something else
    # 'The game has sold …' is Halo 2's line (the sentence before it and the title name it); GTA is named further on
    assert not _halo("GTA San Andreas has sold more than five million copies worldwide.",
                     "How many copies has GTA San Andreas sold?").ok
    assert _halo("Halo 2 has sold more than five million copies worldwide.",
                 "How many copies has Halo 2 sold worldwide?").ok
    assert named_elsewhere(HALO[2], HALO[1], f"{HALO[0]}\n\n…", "How many copies has GTA San Andreas sold?") == \
        ["andreas", "gta", "san"]
    assert named_elsewhere(HALO[2], HALO[1], f"{HALO[0]}\n\n…", "How many copies has Halo 2 sold?") == []
    assert named_elsewhere(HALO[4], "", f"{HALO[0]}\n\n…", "Which game knocked Halo off?") == []  # names its own
    # a thing named by its kind goes on about the one the sentence before names, when that names none of the
    # question's: the Columbia supercomputer, not the IBM machine the article's title is about (report n077)
    article = "US top of supercomputing charts\n\nThe US has pushed Japan off the top with IBM's Blue Gene/L."
    columbia = "In second place was Silicon Graphics' Columbia supercomputer based at Nasa's Ames Research Center."
    line = "The Linux-based machine reached a top speed of 42.7 trillion calculations per second in October."
    question = "What speed did IBM's Blue Gene/L prototype reach?"
    assert named_elsewhere(line, columbia, article, question) == ["blue", "gene", "ibm"]
    assert named_elsewhere(line, "IBM's Blue Gene/L beat Columbia.", article, question) == []
    assert named_elsewhere(line, "", article, question) == []  # the title's machine
    assert misfit(HALO[2], "How many copies has GTA San Andreas sold?", set(), HALO[1], f"{HALO[0]}\n\n…")
    # copies are no members, though both lines are about Halo 2
    question = "How many Xbox Live members have played Halo 2?"
    assert not _halo("Five million copies of Halo 2 have been sold worldwide.", question).ok
    assert counts_other("Five million copies of Halo 2 were sold.", question)
    assert counts_other("About 130 games for the DS are in development.", "How many DS consoles were sold in Europe "
                        "on launch day?") == "it counts 'games', the question asks about 'ds consoles'"
    assert "**" not in emphasise("About 130 games for the DS are in development.", "How many DS consoles were sold?")
    assert counts_other("172 Tashkeel infiltrated KP.", "How many Tashkeel slipped into KP?") == ""
    assert counts_other("The plan has three distinct strategic imperatives.", "How many strategic imperatives?") == ""
    assert _halo("Nine out of 10 Xbox Live members have played Halo 2.", question, hint=3).ok
    # nor is a worldwide count one of Japan (the article names Japan for another console)
    question = "How many copies did Halo 2 sell in Japan?"
    assert not _halo("The game sold more than five million copies worldwide.", question).ok
    assert other_place(question, HALO[2]) == "the question asks about 'Japan', the source counts 'worldwide'"
    assert other_place("How many copies did Halo 2 sell in the UK?", "It sold 500,000 copies in Britain, 5m "
                       "worldwide.") == ""
    assert other_place("How many copies did Halo 2 sell?", HALO[2]) == ""
    assert emphasise(HALO[3], question).count("**2") == 0  # the '2' of 'Halo 2' is the question's
    # nor a count of a first week a count of all time
    line = "Sony PlayStation 2's slimmer shape has proved popular with UK gamers, with 50,000 sold in its first week."
    question = "How many PS2 consoles has Sony sold in the UK?"
    assert unqualified("50,000 consoles sold in the UK.", question, line) == "the source counts it 'in its first week'"
    assert unqualified("50,000 were sold in its first week.", question, line) == ""
    assert unqualified("50,000 were sold.", "How many PS2s were sold in the first week?", line) == ""
    assert unqualified("2.4 billion were sent.", "How many texts were sent in December?",
                       "2.4 billion were fired off in December alone.") == ""


def test_a_line_going_on_about_a_thing_behind_who_says_so_is_about_the_thing_named_before():
    # found asking new questions of the news corpus: 'Halo 2 has sold more than 677,000 copies [1]' was generated
    # and verified on the PS2 article's '… it has sold more than 677,000 copies', whose 'it' is GTA San Andreas
    # (that article names Halo 2 further on)
    lines = ("The title broke the UK sales record for video games in its first weekend of release.",
             "Latest figures suggest it has sold more than 677,000 copies.",
             "The Xbox game Halo 2, released on 11 November in the UK, is also widely tipped to be a best-seller.")
    sources, passages = _sources(*lines)
    documents = [f"Slim PlayStation triples sales\n\n{passages[0]}"]
    question = "How many copies has Halo 2 sold?"
    v = attribute("Halo 2 has sold more than 677,000 copies.", question, sources[1:2], passages, HashEmbedder(),
                  documents=documents)
    assert not v.ok and v.reason == "'halo' is not in the source"
    assert named_elsewhere(lines[1], lines[0], documents[0], question) == ["halo"]
    assert attribute("GTA San Andreas has sold more than 677,000 copies.", "How many copies has GTA San Andreas "
                     "sold?", sources[1:2], passages, HashEmbedder(),
                     documents=[documents[0].replace("The title", "Grand Theft Auto: San Andreas")]).ok


def test_a_name_the_question_gives_is_no_answer_to_who():
    # news question n032: the question's own person, with the first name added, does not say who
    question = "Which UKIP London Assembly member defected to Kilroy-Silk's new party?"
    assert not has_type("The member who defected to Kilroy-Silk's party is Robert Kilroy-Silk.", "name", question)
    assert has_type("Damian Hockney defected to Kilroy-Silk's new party.", "name", question)
    assert not has_type("Mr Blair was followed by Tony Blair.", "name", "Who spoke after Mr Blair?")
    assert has_type("Ed Miliband replaced Miliband's brother.", "name", "Who replaced David Miliband?")  # another
    # only a restatement: the text names that person by surname as well (found in review)
    assert has_type("Victoria Beckham is his wife.", "name", "Who is Beckham's wife?")
    assert has_type("John Kennedy became president.", "name", "Which member of the Kennedy family became president?")
    assert has_type("Real Madrid won.", "name", "Which club beat Madrid?")
    assert has_type("He joined the Labour Party.", "name", "Which party did he join?")  # 'party' is no name there
    # calibration n603: a name in camel case is a name ('iPod', 'easyJet'), the question's own is not
    player = "What's the name of the cheap music player Jobs unveiled alongside the Mac mini?"
    assert has_type("Mr Jobs also unveiled the iPod shuffle, a new music player.", "name", player)
    assert not has_type("Mr Jobs also unveiled the iPod shuffle.", "name", "When did Jobs unveil the iPod shuffle?")
    # calibration question n032: the question's acronym written out is no new name either
    assert not has_type("The UK Independence Party London Assembly member who defected to Robert Kilroy-Silk's new "
                        "party is Robert Kilroy-Silk.", "name", question)
    # nor the question's possessive with the first name added: the line only says UKIP lost a member, and was
    # quoted ahead of the line naming Damian Hockney
    assert not has_type("The UK Independence Party has lost one of its two London Assembly members to Robert "
                        "Kilroy-Silk's new political party, expected to launch on Wednesday.", "name", question)
    assert has_type("He married Victoria Beckham in 1999.", "name", "Who is Beckham's wife?")
    assert has_type("David Beckham's wife Victoria was there.", "name", "Who is Beckham's wife?")
    assert has_type("The UK Independence Party member Damian Hockney defected.", "name", question)
    assert has_type("Mr Cantalupo ran it before Mr Bell.", "name", "Who ran McDonald's before Charlie Bell?")  # no 'MC'
    assert has_type("Mark Pritchard defected.", "name", "Which MP defected?")  # two letters spell too many names


@pytest.mark.parametrize("sentence, reason", [
    ("The passage does not say.", "it talks about the sources, not the question"),
    ("According to sentence [2], it is so.", "it talks about the sources, not the question"),
    ("Pakistan held border flag meetings.", "it only repeats the question"),
    ("The number of meetings is", "unfinished sentence"),
    ("Pakistan held 225 border flag meetings and", "unfinished sentence"),
    ("Pakistan held 225 meetings, which the ministry reported on.", ""),  # a preposition may end a sentence
    ("[1] [2]", "no words"),
])
def test_screen_drops_what_is_not_an_answer(sentence, reason):
    assert screen(sentence, "How many border flag meetings has Pakistan held?")[1] == reason


def test_screen_drops_a_sentence_that_says_a_thing_is_itself():
    """Seen in the browser: right, but it answers nothing the question did not say."""
    question = "What is the name of the network based in Kabul?"
    assert screen("The Haqqani network based in Kabul is the Haqqani network.", question)[1] == \
        "it says a thing is itself"
    assert screen("The network based in Kabul is the Haqqani network.", question)[1] == ""
    assert screen("It is the Haqqani network.", question)[1] == ""
    # a later 'is' in a clause of its own is no copula of the answer
    assert screen("Mr Ebbers could face 85 years if convicted of all the charges he is facing.",
                  "What is the longest sentence Mr Ebbers could get?")[1] == ""


def test_screen_keeps_the_answer_after_according_to():
    assert screen("According to source [2], five trips were made.", "How many trips?") == ("Five trips were made.", "")


def test_screen_reads_yes_as_what_follows():
    question = "Can the DS play older Nintendo games?"
    assert screen("Yes, the DS can play old games.", question) == ("The DS can play old games.", "")
    assert screen("Yes. It can play Mario Kart.", question) == ("It can play Mario Kart.", "")
    assert screen("Yes, iPod owners can.", question)[0] == "iPod owners can."
    assert screen("Yes, but only in Japan.", question)[0] == "Yes, but only in Japan."  # that is no plain yes
    assert screen("Yes, except in Japan.", question)[0] == "Yes, except in Japan."


def test_screen_cuts_where_it_read_it_from_the_end():
    question = "Whose observations does the article bring up?"
    assert screen("The Valdai Club's observations are brought up in source.", question) == (
        "The Valdai Club's observations are brought up.", "")
    assert screen("Five trips were made, according to the passage.", "How many trips?") == ("Five trips were made.", "")
    assert screen("Nothing is said in the sources.", question)[1] == "it talks about the sources, not the question"
    assert screen("It happened in the text.", question)[1] == "it talks about the sources, not the question"
    # a sentence saying the sources do not say it is not cut (found in review: 'The price is not explicitly.')
    for unsaid in ("The price is not given in the passage.", "The price is not explicitly stated in the passage.",
                   "There is no mention of the price in the sources.",
                   "The price is unknown according to the passage.", "The price cannot be found in the passage."):
        assert "sources" in screen(unsaid, question)[1], unsaid


def _sources(*texts: str, scores: tuple[float, ...] = ()) -> tuple[list[Source], list[str]]:
    passage = " ".join(texts)
    out, at = [], 0
    for i, t in enumerate(texts):
        start = passage.index(t, at)
        out.append(Source(0, start, start + len(t), t, 0.5, scores[i] if scores else 1.0))
        at = start + len(t)
    return out, [passage]


def _reason(sentence: str, question: str, source: str) -> str:
    """Why `attribute` refuses the sentence on the one source line, or 'ok'."""
    sources, passages = _sources(source)
    v = attribute(sentence, question, sources, passages, HashEmbedder())
    return "ok" if v.ok else v.reason


def test_attribution_picks_the_supporting_sentence_not_the_cited_one():
    sources, passages = _sources("Pakistan filed many complaints.", LIST)
    v = attribute("Pakistan has held 225 border flag meetings.", "How many border flag meetings has Pakistan held?",
                  sources, passages, HashEmbedder(), hint=[0])
    assert v.ok and v.sources == (1,)


def test_what_a_source_says_of_a_named_part_is_not_said_of_the_whole():
    # found in the browser: 'Barclays made £347m in 2004 [1]' generated and verified from the bank's line about
    # its investment wing
    sources, passages = _sources("The group is the first of Britain's five big banks to report 2004 results.",
                                 "Barclays results were in line with market expectations.",
                                 "Its Global Investors wing made £347m, an 82% jump on 2003 figures.")
    question = "How much did Barclays make in 2004?"
    v = attribute("Barclays made £347m in 2004.", question, sources, passages, HashEmbedder(), hint=[2])
    assert not v.ok and "Global Investors" in v.reason
    assert attribute("Barclays Global Investors made £347m.", question, sources, passages, HashEmbedder(),
                     hint=[2]).ok
    # nor is the line quoted for the whole (it was, once the answer was refused)
    assert misfit(sources[2].text, question, set()) == "it is about its 'Global Investors'"
    assert misfit(sources[2].text, "How much did Barclays Global Investors make?", set()) == ""


def test_what_a_thing_is_does_not_rest_on_a_line_naming_it_only_before_a_noun():
    # found asking new questions of the seeds: 'What is the Doha Agreement?' was answered, verified and cited
    # with 'The Doha Agreement is a system of three dialogue rounds …', read from a line about the rounds
    line = ("A system of three dialogue rounds, including one within the Doha Agreement framework and two within "
            "the Istanbul track, was used to present hard intelligence of TTP, BLA, and AQ sanctuaries.")
    sources, passages = _sources(line)
    reply = ("The Doha Agreement is a system of three dialogue rounds, including one within the framework and two "
             "within the Istanbul track, used to present hard intelligence of TTP, BLA, and AQ sanctuaries.")
    v = attribute(reply, "What is the Doha Agreement?", sources, passages, HashEmbedder())
    assert not v.ok and ("'Doha Agreement framework'" in v.reason or "3 is not said of 'agreement'" in v.reason)
    # found in review: nor a possessive, nor the noun the sentence says the thing is
    sources, passages = _sources("Manchester United striker Wayne Rooney's goal won it.")
    assert attribute("Wayne Rooney is a Manchester United striker.", "Who is Wayne Rooney?", sources, passages,
                     HashEmbedder()).reason == ""
    sources, passages = _sources("The Nintendo DS handheld game console went on sale in Europe.")
    assert attribute("The Nintendo DS is a handheld game console.", "What is the Nintendo DS?", sources, passages,
                     HashEmbedder()).reason == ""
    # a line where the name is the subject does support it
    sources, passages = _sources("The Doha Agreement was signed by the US and the Taliban in 2020.")
    assert attribute("The Doha Agreement was a deal signed by the US and the Taliban in 2020.",
                     "What is the Doha Agreement?", sources, passages, HashEmbedder()).ok


def test_a_sentence_joining_two_neighbours_cites_both():
    sources, passages = _sources("The railway would run through Mazar-i-Sharif.",
                                 "It would reach the ports of Karachi and Gwadar.")
    v = attribute("The railway through Mazar-i-Sharif would reach Karachi.", "Where would the railway go?",
                  sources, passages, HashEmbedder())
    assert v.ok and v.sources == (0, 1)


def test_two_neighbours_must_hold_most_of_what_the_sentence_adds(real_embedder):
    # found in the browser: '… due to mounting security threats within the region [1][2]' was verified on two
    # lines that say neither 'mounting' nor 'due to' (3 of the 5 words it adds), while the line that says it
    # was in the passages. The lines here are cut so that neither alone holds half of those words.
    sources, passages = _sources(
        "Ultimately, Russia’s decision to remove the Afghan Taliban from its terrorist list is emblematic of a "
        "recalibration of alliances in the region.",
        "While Moscow seeks to safeguard its southern flank against threats like ISIS-K, it risks inadvertently "
        "empowering actors that jeopardize the security of its partners— especially Pakistan.")
    v = attribute("Russia took the Taliban off its list of terrorist groups due to mounting security threats within "
                  "the region.", "Why did Russia take the Taliban off its list of terrorist groups?", sources, passages,
                  real_embedder)
    assert not v.ok and "mount" in v.reason
    # four of five is most: the name 'TFC' stands in the line after the one that answers (calibration n106)
    sources, passages = _sources("The lifts also have a pressure control system to stop passengers' ears popping.",
                                 "In total, the TFC Tower has 61 lifts.")
    v = attribute("The TFC lifts use a pressure control system to stop passengers' ears popping.",
                  "How do the TFC lifts stop people's ears popping?", sources, passages, real_embedder,
                  documents=[f"Fast lifts rise into record books\n\n{passages[0]}"])
    assert v.ok and v.sources == (0, 1)
    # one word missing is never enough (found in review): 'new' of 'new offer' on 'a fresh approach'
    sources, passages = _sources("Malcolm Glazer has made a fresh approach to buy Manchester United.",
                                 "His offer values the club at £800m.")
    v = attribute("Malcolm Glazer's new offer values Manchester United at £800m.",
                  "How much does Malcolm Glazer's offer value Manchester United at?", sources, passages, real_embedder)
    assert v.ok and v.sources == (0, 1)



def test_a_removal_from_a_list_is_said_as_de_listing(real_embedder):
    """The issue's 'Why did Russia remove the Taliban from its terrorist list?' (found in the browser): the answer
    '… to address mounting security threats within the region' was cited to a line sharing three of its words,
    while the line that says it, 'de-list' for 'remove from the list', was refused as not about the removal."""
    sources, passages = _sources(
        "Ultimately, Russia’s decision to remove the Afghan Taliban from its terrorist list is emblematic of a broader "
        "recalibration in global alliances, driven less by ideology and more by strategic urgency.",
        "While Moscow seeks to safeguard its southern flank against threats like ISIS-K, it risks inadvertently "
        "empowering actors that jeopardize the security of its regional partners— especially Pakistan.",
        "Russia’s decision to de-list the Afghan Taliban is, at its core, a response to mounting security threats "
        "within the region.")
    v = attribute("Russia removed the Taliban from its terrorist list to address mounting security threats within the "
                  "region.", "Why did Russia remove the Taliban from its terrorist list?", sources, passages,
                  real_embedder)
    assert v.ok and v.sources == (2,)
    # a line that says no removal still says nothing about one
    assert "remov" in wording.words_missing(
        "Russia removed the Taliban from its terrorist list to address mounting security threats within the region.",
        "Why did Russia remove the Taliban from its terrorist list?", "Russia’s decision to engage the Afghan Taliban "
        "is, at its core, a response to mounting security threats within the region.", "")

def test_a_number_the_question_used_may_stand_in_the_articles_title():
    """n212: 'Band Aid 20' is the question's name for the single; the sentence about Darfur does not repeat it,
    the article's heading does."""
    line = "Proceeds from the sales are going towards relief for the Darfur region of Sudan."
    sources, passages = _sources(line)
    reply, question = "Money from Band Aid 20 will help Sudan's Darfur region.", "Which part of Sudan will money " \
        "from Band Aid 20 help?"
    assert attribute(reply, question, sources, passages, HashEmbedder()).reason == "number 20 is not in the source"
    titled = attribute(reply, question, sources, passages, HashEmbedder(),
                       documents=[f"Band Aid 20 single storms to No 1\n\n{passages[0]}"])
    assert "number" not in titled.reason


def _pair(earlier: str, later: str) -> list[Source]:
    return [Source(0, 0, len(earlier), earlier), Source(0, len(earlier) + 1, len(earlier) + 1 + len(later), later)]


@pytest.mark.parametrize("sentence, question, earlier, later, ok", [
    # news calibration question n045: the name comes from a sentence that says nothing of taking over
    ("Jim Callaghan took over from Lord Hattersley.", "Who did Jim Callaghan take over from?",
     "It brought Jim Callaghan into Parliament in 1945, and he never forgot his roots.",
     "Former cabinet colleague Lord Hattersley said his first reaction was immense sadness.", False),
    # found in review: a name opening the sentence, or the question's names, are no other word
    ("Roy Hattersley took over from Jim Callaghan.", "Who took over from Jim Callaghan?",
     "It brought Jim Callaghan into Parliament.", "Roy Hattersley said his first reaction was sadness.", False),
    ("Jim Callaghan took over from Lord Hattersley.", "Who did Jim Callaghan take over from?",
     "It brought Jim Callaghan into Parliament.", "Lord Hattersley praised Callaghan.", False),
    # a pronoun ties the two sentences together; an irregular verb is found in its base form
    ("The victim was John Smith.", "Who was the victim?", "Police named the victim.", "He was John Smith, 45.", True),
    ("Jim Callaghan took over from Harold Wilson.", "Who did Jim Callaghan take over from?",
     "Harold Wilson resigned suddenly in March 1976.", "Jim Callaghan took over from him.", True),
    ("Michael Foot took over from Jim Callaghan.", "Who took over from Jim Callaghan?",
     "Jim Callaghan resigned as Labour leader in 1980.", "Michael Foot took over.", True),
    ("Pakistan held 225 border flag meetings and sent five trips.", "What did Pakistan do?",
     "Pakistan sent five trips.", "Pakistan also held 225 border flag meetings.", True),
    ("Prices fell 5% in March.", "What happened to house prices?",  # a common word opening it is no name
     "Prices of homes are tracked monthly.", "The index fell 5% in March.", True),
    # found in the second review: a pronoun ties two sentences only where the other one says the rest
    ("Jim Callaghan took over from Lord Hattersley.", "Who did Jim Callaghan take over from?",
     "It brought Jim Callaghan into Parliament.", "His former colleague Lord Hattersley said he was sad.", False),
    ("Jim Callaghan took over from Lord Hattersley.", "Who did Jim Callaghan take over from?",
     "It brought Jim Callaghan into Parliament.", "This week Lord Hattersley said he was sad.", False),
    ("Jim Callaghan took over from Lord Hattersley.", "Who did Jim Callaghan take over from?",
     "Lord Hattersley, a former colleague, paid tribute.", "He said his first reaction was sadness.", False),
    ("The victim was John Smith.", "Who was the victim?", "John Smith, 45, lived nearby.",
     "It was raining when police arrived.", False),
])
def test_the_sentence_of_a_pair_that_gives_the_answer_must_say_more_of_it(sentence, question, earlier, later, ok):
    assert (pairs.loose_pair(sentence, question, _pair(earlier, later)) == "") == ok
    assert (pairs.loose_pair(sentence, question, _pair(earlier, later)[::-1]) == "") == ok  # in any order


def test_the_questions_names_and_numbers_may_stand_anywhere_in_the_passage():
    # news question n179: 'Halloween' is in the heading and '1978' two sentences up, not in the sentence with $60m
    passage = ("Halloween writer Debra Hill dies\n\nHill co-wrote the 1978 film with John Carpenter. It made over "
               "$60m worldwide, a record for an independent film.")
    text = "It made over $60m worldwide, a record for an independent film."
    sources = [Source(0, passage.index(text), passage.index(text) + len(text), text)]
    question = "How much did the 1978 film Halloween make worldwide?"

    def check(sentence: str) -> str:
        v = attribute(sentence, question, sources, [passage], HashEmbedder())
        return "ok" if v.ok else v.reason

    assert check("The 1978 film Halloween made over $60m worldwide.") == "ok"
    # what the answer adds must be in the supporting sentence itself
    assert check("John Carpenter's film made over $60m worldwide.") == "'carpenter' is not in the source"
    assert check("The 1979 film Halloween made over $60m worldwide.") == "number 1979 is not in the source"


def test_the_questions_names_may_stand_elsewhere_in_the_document():
    # news question n135: 'Debra Hill' is in the heading; her quote is in another passage of the same article
    passage = "\"I was assumed to be the make-up and hair person, or the script person.\""
    sources = [Source(0, 0, len(passage), passage)]
    question = "When Debra Hill started out in film, what did people assume her job was?"
    sentence = "People assumed Debra Hill was the make-up and hair person, or the script person."
    assert not attribute(sentence, question, sources, [passage], HashEmbedder()).ok
    document = f"Halloween writer Debra Hill dies\n\n{passage}"
    assert attribute(sentence, question, sources, [passage], HashEmbedder(), documents=[document]).ok


def test_a_peoples_word_in_the_question_is_found_as_its_country():
    # seeds question s051: the article says 'Pakistan', the question and the answer 'Pakistani'
    sources, passages = _sources("Pakistan wants calm.", "Foreign Minister Ishaq Dar went to Kabul to ease tensions.")
    v = attribute("The Pakistani minister who went to Kabul to ease tensions was Foreign Minister Ishaq Dar.",
                  "Which Pakistani minister went to Kabul to ease tensions?", sources, passages, HashEmbedder())
    assert v.ok, v.reason


def test_the_speaker_may_be_named_in_the_sentence_before():
    # news question n197: 'He said …' after 'Mr McConnell claimed …'; 'Jack' is in the article's heading
    sources, passages = _sources("Mr McConnell claimed there was evidence that smoking bans had helped smokers.",
                                 "He said there had been falling cigarette sales of 13% in New York and 16% in "
                                 "Ireland.")
    document = ["Smoking ban: First Minister Jack McConnell sets out details\n\n" + passages[0]]
    question = "According to Jack McConnell, how much did cigarette sales drop in Ireland after its ban?"

    def check(sentence: str) -> str:
        v = attribute(sentence, question, sources, passages, HashEmbedder(), documents=document)
        return "ok" if v.ok else v.reason

    assert check("According to Jack McConnell, there had been falling cigarette sales of 16% in Ireland.") == "ok"
    # someone the question did not name is not the speaker just because the article mentions him
    assert check("According to Nicola Sturgeon, there had been falling cigarette sales of 16% in Ireland.") != "ok"


def test_irregular_verbs_are_the_questions_words_and_a_clause_of_its_own_keeps_its_not():
    # the question's 'sell' is the answer's 'sold' (and 'fell' may be a verb of its own: it stays 'fell')
    sources, passages = _sources("The Beatles' Please Please Me suits fetched $110,000 at the auction.")
    question = "How much did the Beatles' Please Please Me suits sell for at the auction?"
    assert attribute("The Beatles' Please Please Me suits sold for $110,000 at the auction.", question, sources,
                     passages, HashEmbedder()).ok
    assert not attribute("Mr Smith lied after the crash.", "What did Mr Smith do after the crash?",
                         *_sources("After the crash Mr Smith lay still."), HashEmbedder()).ok
    # news question n150: the 'no' belongs to the statement joined by 'and there'
    sources, passages = _sources("Every day 78 million messages are sent and there are no signs of a slow down.")
    question = "Roughly how many texts are sent in the UK every day?"
    assert attribute("78 million messages are sent every day.", question, sources, passages, HashEmbedder()).ok
    assert not attribute("78 million messages are not sent every day.", question, sources, passages,
                         HashEmbedder()).ok


def test_words_that_only_say_it_happened_need_no_anchor_in_the_source():
    sources, passages = _sources(LIST)
    question = "How many Joint Coordination Committee meetings took place?"
    assert attribute("8 Joint Coordination Committee meetings took place.", question, sources, passages,
                     HashEmbedder()).ok
    assert not attribute("12 Joint Coordination Committee meetings took place.", question, sources, passages,
                         HashEmbedder()).ok


def test_an_order_in_time_the_source_does_not_give_is_refused():
    sources, passages = _sources(LIST)
    question = "How many border flag meetings took place?"
    v = attribute("225 border flag meetings took place after 8 Joint Coordination Committee meetings.", question,
                  sources, passages, HashEmbedder())
    assert not v.ok and v.reason == "the source does not say 'after'"
    assert attribute("225 border flag meetings took place.", question, sources, passages, HashEmbedder()).ok
    # a follow-up read beside the earlier question: its '(after: …)' says nothing about the meetings
    joined_question = joined("And how many border flag meetings?", "How many Joint Coordination Committee meetings?")
    assert not attribute("225 border flag meetings took place after 8 Joint Coordination Committee meetings.",
                         joined_question, sources, passages, HashEmbedder()).ok
    # the question's own 'after' may be repeated (news question n116)
    sources, passages = _sources("After its 2001 crisis Turkey accepted an $18bn loan from the IMF.")
    assert attribute("The IMF loan Turkey took after its 2001 crisis was $18bn.",
                     "How big was the IMF loan Turkey took after its 2001 crisis?", sources, passages,
                     HashEmbedder()).ok


def test_what_the_relaxed_checks_still_refuse():
    def reason(sentence: str, question: str, source: str, title: str = "") -> str:
        sources, passages = _sources(source)
        v = attribute(sentence, question, sources, passages, HashEmbedder(), documents=[f"{title}\n\n{source}"])
        return "ok" if v.ok else v.reason

    # a 'not' in the part of the clause the sentence restates
    assert reason("The drug was tested on children and it is safe for them.", "Is the drug safe for children?",
                  "The drug was tested on children and it is not safe for them.") == \
        "it says the opposite of the source (a 'not' added or dropped)"
    # the question's speaker is not beside the claim: the title naming him is not enough
    assert reason("Mr Blair said the war was illegal.", "What did Mr Blair say about the war?",
                  "Mr Howard said the war was illegal.", "Blair defends Iraq war") == "'blair' is not in the source"
    # a sentence about someone else does not take the question's name from the title
    assert reason("David Cameron replaced Michael Howard as Tory leader in 2003.",
                  "Who replaced Michael Howard as Tory leader?",
                  "In 2003 David Cameron replaced Iain Duncan Smith as Tory leader.", "Michael Howard quits") == \
        "'howard' is not in the source"
    # the same surname is not the same person; the speaker must be in the sentence that says it, not beside it
    assert reason("David Miliband said the war was a mistake.", "What did David Miliband say about the war?",
                  "Ed Miliband said the war was a mistake.") == "'david' is not in the source"
    sources, passages = _sources("Mr Blair spoke first.", "Mr Howard said the war was illegal.")
    assert not attribute("Mr Blair said the war was illegal.", "What did Mr Blair say about the war?", sources,
                         passages, HashEmbedder()).ok
    # 'lain' and 'lied' share the base 'lie' only for lemminflect: the source is compared as written
    assert reason("Mr Smith lied after the crash.", "What did Mr Smith do after the crash?",
                  "After the crash Mr Smith had lain still.") != "ok"
    # … but the surname there is enough (news question n123)
    assert reason("The Elvis Presley tapes were withdrawn because they did not meet the minimum price.",
                  "Why were the Elvis Presley tapes withdrawn?", "Auction spokesman Erik Simon said the Presley "
                  "tapes were withdrawn because they did not meet the minimum price.",
                  "Elvis tapes fail to sell") == "ok"


def test_what_the_source_says_could_happen_is_not_stated_as_fact():
    source = ("With Russia now engaging more directly with the Taliban, Pakistan could push for more pressure on "
              "the Afghan regime to take action against the TTP.")
    hedged = "it states as fact what the source only says could happen"
    assert _reason("Pakistan is pushing for more pressure on the Afghan regime to take action against the TTP.",
                  "What is Pakistan pushing for?", source) == hedged
    assert _reason("Pakistan could push for more pressure on the Afghan regime to take action against the TTP.",
                  "What is Pakistan pushing for?", source) == "ok"
    # found in review: 'could not' is a fact, 'military might' a noun
    assert _reason("The convoy did not reach Kabul because of the snow.", "Why did the convoy not reach Kabul?",
                  "The convoy could not reach Kabul because of the snow.") == "ok"
    assert not overstated("Russia's military might grew rapidly.", "Russia's military grew rapidly.", "What grew?")
    # the question's 'could' carries over to the answer, and a verb the source states plainly too is stated
    assert _reason("Pakistan pushes for more pressure on the Afghan regime to take action against the TTP.",
                  "What could Pakistan push for?", source) == "ok"
    # news questions n219 and n156: the hedged verb is another one, or the answer's verb follows 'to'
    assert _reason("Lord Callaghan refused to hold an early election.", "What did Lord Callaghan refuse to do?",
                  "Lord Callaghan refused to hold an early election which may have delivered a Labour victory.") == "ok"
    assert _reason("The DTI saw no case for changing the Enterprise Act to look at takeovers of football clubs.",
                  "Why won't the DTI block the takeover?", "The DTI saw no case for changing the Enterprise Act so "
                  "that takeovers of football clubs could be looked at.") == "ok"


def test_what_someone_should_do_is_said_only_where_the_source_says_it():
    # calibration s047: 'Islamabad should take a more security-focused role' rested on a line that says what
    # the axis is shaped by, not what anyone should do
    question = "What should Pakistan push for?"
    sentence = "Pakistan should push for more pressure on the Afghan regime to take action against the TTP."
    assert _reason(sentence, question, "Pakistan is pushing for more pressure on the Afghan regime to take action "
                  "against the TTP.") == "it says what should be done; the source does not"
    assert _reason(sentence, question, "Pakistan must push for more pressure on the Afghan regime to take action "
                  "against the TTP.") == "ok"
    assert _reason(sentence, question, "Analysts called for more pressure on the Afghan regime to take action "
                  "against the TTP, and Pakistan agreed to push.") == "ok"
    # an order given outright (calibration s084, a list of what to watch)
    assert _reason("Analysts should track military exercises along the Tajik-Afghan border.",
                  "Along which border should analysts track military exercises?",
                  "- Monitor Border Drills: Track military exercises along the Tajik-Afghan border.") == "ok"
    # what had to be done is told as a fact
    assert not prescribed("The plane landed in Paris after the engine failed.", "The plane had to land in Paris.")
    assert prescribed("Russia removed the Taliban from its terrorist list.",
                      "Russia needs to remove the Taliban from its terrorist list.")
    # found asking new questions: a need laid on another ('What does Russia need from the Taliban?')
    assert prescribed("Russia's recent decision to remove the Afghan Taliban from its terrorist list has sent ripples.",
                      "Russia needs the Taliban to remove them from its terrorist list.")
    assert not prescribed("Russia requires the Taliban to police the border.", "Russia needs the Taliban to police it.")
    for sentence in ("It meets the needs of elderly people to live at home.", "40 special needs pupils came to see it.",
                     "The plane needs two hours to refuel.", "Chelsea need one more win to secure the title."):
        assert not prescribed("Refuelling takes two hours.", sentence), sentence  # found in review: no duty
    # found in review: a source tells what to do in many ways; a 'must' or 'should' may be no duty at all
    for source, sentence in (
            ("Consumers were told to boil their tap water.", "Consumers should boil their tap water."),
            ("The UN asked Syria to withdraw its troops.", "Syria should withdraw its troops, the UN said."),
            ("Mr Brown wants the G8 to cancel the debt.", "Mr Brown says the G8 should cancel the debt."),
            ("Mr Blair said Britain had a duty to help Darfur.", "Mr Blair said Britain should help Darfur."),
            ("The rules force banks to hold more capital.", "Banks have to hold more capital under the rules."),
            ("Applicants may not be older than 25.", "Applicants must not be older than 25."),
            ("Detectives said the gunman knew the building well.", "The gunman must have known the building well."),
            ("The dispute concerns the pricing of broadband.", "The dispute has to do with the pricing of broadband."),
            ("If the talks fail, the union will strike.", "Should the talks fail, the union will strike.")):
        assert not prescribed(source, sentence), sentence
    # … and a line's first word is no order for being a verb too ('Police', 'Shell'), nor a noun a duty
    # ('stamp duty', 'energy needs', 'a must-have gadget')
    for source, sentence in (
            ("Police are investigating the death.", "Police must investigate the death."),
            ("Shell has cut its reserves by 20%.", "Shell needs to cut its reserves by 20%."),
            ("Amid the Blair-Brown rift, the Chancellor is cutting stamp duty.", "The Chancellor must cut stamp duty."),
            ("China's energy needs are growing, and Beijing is buying oil fields.", "Beijing needs to buy oil fields."),
            ("The iPod is a must-have gadget and Apple is cutting its price.", "Apple must cut the iPod's price.")):
        assert prescribed(source, sentence), sentence

def test_a_duty_is_laid_on_the_one_the_source_lays_it_on():
    # found in the browser: 'Trevor Phillips should denounce …' on a line where Phillips called on Mr Clarke to
    line = ("Trevor Phillips, chairman of the Commission for Racial Equality, called on Mr Clarke to denounce the "
            "suggestion Britain's hospitality was being tested by immigration.")
    question = "Who should Mr Clarke denounce, according to Trevor Phillips?"
    assert _reason("Trevor Phillips should denounce the suggestion Britain's hospitality was being tested by "
                   "immigration.", question, line) == "the source lays it on Mr Clarke, not on Trevor Phillips"
    assert _reason("Mr Clarke should denounce the suggestion Britain's hospitality was being tested by immigration.",
                   question, line) == "ok"
    assert whose_duty("Blair told MPs the UK must act, and called on France to join.", "Blair must act.") == \
        "the source lays it on France, not on Blair"
    for source, sentence in (  # the one told to act, or a name that only speaks
            (line, "According to Trevor Phillips, Mr Clarke should denounce the suggestion."),
            (line, "Phillips says he should denounce the suggestion."),
            ("The UN asked Syria to withdraw its troops.", "Syria should withdraw its troops, the UN said."),
            ("Mr Brown wants the G8 to cancel the debt.", "Mr Brown says the G8 should cancel the debt."),
            ("Blair told MPs the UK must act, and called on France to join.", "Blair said the UK must act."),
            # found in review: a title is no one's name, a duty the source lays on the caller too, a name that is
            # not the one to act, words that only look like a call
            ("Mr Blair urged the G8 to cancel debt, saying Mr Brown must lead the effort.", "Mr Brown must lead it."),
            ("The RMT urged London Underground to improve safety, adding that the RMT must also be consulted.",
             "The RMT must be consulted."),
            ("Mr Brown urged banks to pass on the cut. Under his plan, families should get £200.",
             "Under Mr Brown's plan, families should get £200."),
            ("Mr Clarke was urged by Trevor Phillips to denounce the suggestion.", "Mr Clarke should denounce it."),
            ("Mr Kennedy told reporters he needs to win back Labour voters.", "Mr Kennedy needs to win them back."),
            ("Mr Blunkett pressed ahead with plans to bring in ID cards. Mr Blunkett must now win over Labour rebels.",
             "Mr Blunkett must win over Labour rebels.")):
        assert whose_duty(source, sentence) == "", sentence
    for source, sentence in (  # … and a swap where the caller's name is not the first of its sentence
            ("President Bush urged President Putin to respect democracy.", "President Bush should respect democracy."),
            ("Speaking in Brussels, Tony Blair called on France to back reform.", "Tony Blair must back reform."),
            ("The CBI, led by Digby Jones, called on Gordon Brown to cut rates.", "Digby Jones should cut rates."),
            ("Kofi Annan appealed to Syria to withdraw its troops.", "Kofi Annan should withdraw troops.")):
        assert whose_duty(source, sentence), sentence


def test_the_one_replaced_is_not_given_what_the_one_replacing_them_got():
    # found in review: 'Matthew Barrett was appointed chief executive' was verified on a line where Varley replaces him
    line = "Barclays named John Varley as chief executive, replacing Matthew Barrett, who becomes chairman."
    question = "Who was appointed chief executive of Barclays?"
    for sentence in ("Matthew Barrett was appointed chief executive.", "Barrett was named chief executive."):
        assert _reason(sentence, question, line) == "in the source Matthew Barrett is the one replaced", sentence
    for sentence in ("John Varley was appointed chief executive.", "Matthew Barrett becomes chairman.",
                     "John Varley replaces Matthew Barrett as chief executive."):
        assert replaced(sentence, line) == "", sentence
    assert replaced("Iain Duncan Smith became Tory leader.", "Michael Howard became Tory leader, replacing Iain "
                    "Duncan Smith.") == "in the source Iain Duncan Smith is the one replaced"


def test_an_acronym_the_answer_uses_may_be_spelled_out_in_the_line():
    # found asking new questions: 'GM' was 'not in the source' on a line naming General Motors
    line = ("General Motors, the world's largest car maker, has confirmed that it will build a new medium-sized "
            "Cadillac BLS at its loss-making Saab factory in Sweden.")
    question = "Where will the Cadillac BLS be built?"
    assert _reason("The Cadillac BLS will be built at GM's Saab factory in Sweden.", question, line) == "ok"
    assert _reason("The Cadillac BLS will be built at BMW's Saab factory in Sweden.", question, line) == \
        "'bmw' is not in the source"
    assert _reason("The Cadillac BLS will be built at Gm's Saab factory in Sweden.", question, line) == \
        "'gm' is not in the source"  # a name written as a word is no acronym


def test_a_name_the_question_gives_is_checked_at_the_start_of_the_answer_too():
    # news question n013: 'Barclays' opens the answer, and the £75m line is an airline's (no Barclays in it)
    airline = "Reporting its results for 2004, the airline made a pre-tax profit of £75m."
    question = "What were Barclays' pre-tax profits for 2004?"
    sources, passages = _sources(airline)
    v = attribute("Barclays' pre-tax profits for 2004 were £75m.", question, sources, passages, HashEmbedder(),
                  documents=[f"High fuel prices hit BA's profits\n\n{airline}"])
    assert not v.ok and v.reason == "'barclays' is not in the source"
    v = attribute("Barclays Capital made a pre-tax profit of £75m.", question, sources, passages, HashEmbedder(),
                  documents=[f"High fuel prices hit BA's profits\n\n{airline}"])
    assert not v.ok and v.reason == "'barclays' is not in the source"
    bank = "Pre-tax profits at the bank for 2004 rose 20% to £4.6bn."
    sources, passages = _sources(bank)
    assert attribute("Barclays' pre-tax profits for 2004 were £4.6bn.", question, sources, passages, HashEmbedder(),
                     documents=[f"Barclays profits hit record level\n\n{bank}"]).ok
    # a first name opening the answer is not checked alone: the surname after it is (news question n104)
    team = "They own the Tampa Bay Buccaneers American football team."
    sources, passages = _sources(team)
    assert attribute("Malcolm Glazer owns the Tampa Bay Buccaneers American football team.",
                     "Which American football team does Malcolm Glazer own?", sources, passages, HashEmbedder(),
                     documents=[f"Glazer makes new Man Utd approach\n\nMr Glazer spoke. {team}"]).ok


def test_an_answer_may_not_give_the_questions_first_or_top_to_what_the_source_does_not():
    # news question n173: the question's rank, repeated
    novel = "Novelist Andrea Levy is favourite, after winning the Whitbread novel award with Small Island."
    assert _reason("Andrea Levy won the Whitbread first novel award.", "Who won the Whitbread first novel award?",
                  novel) == "the source does not say 'first'"
    audience = "EastEnders' highest audience came at Christmas 1986, when more than 30 million tuned in."
    year = "The episode gave EastEnders its highest audience for a year, 14 million."
    assert _reason("EastEnders' biggest ever audience was 14 million.", "What is EastEnders' biggest ever audience?",
                  year) == "the source does not say 'biggest'"  # (its 'highest' would be 'biggest', but for a year)
    assert _reason("EastEnders' first audience was 30 million.", "What was EastEnders' first audience?",
                  audience) == "the source does not say 'first'"
    # a bare answer claims it (found asking new questions: 'The Joe Louis Story [1]' for 'What was Ossie Davis's
    # last film?'), and is held to it as the source words it ('highest' for 'biggest'); a period is no rank
    roles = "Some of Davis's best known roles included The Joe Louis Story and Gone Are the Days."
    assert _reason("The Joe Louis Story.", "What was Ossie Davis's last film?", roles) == \
        "the source does not say 'last'"
    assert _reason("The Joe Louis Story.", "What was Ossie Davis's first film?", roles) == \
        "the source does not say 'first'"
    assert _reason("The Joe Louis Story.", "Which of Ossie Davis's films is best known?", roles) == "ok"
    assert _reason("Gone Are the Days.", "Which film did Ossie Davis make last year?",
                  "Last year he made the film Gone Are the Days.") == "ok"
    assert _reason("More than 30 million tuned in.", "What is EastEnders' biggest ever audience?", audience) == "ok"
    # why it was refused is told by the line a reader would check: the one sharing most of its words
    sources, passages = _sources("Davis was found dead on Friday in his hotel room in Miami Beach.", roles)
    v = attribute("The Joe Louis Story.", "What was Ossie Davis's last film?", sources, passages, HashEmbedder())
    assert not v.ok and v.reason == "the source does not say 'last'"
    profit = "Net profit in the six months ending 31 December rose 28% to A$458.4m."
    assert _reason("Net profit in the first half rose 28% to A$458.4m.", "How much did profit rise in the first half?",
                  profit) == "ok"
    assert _reason("First-half profit rose 28% to A$458.4m.", "How much did profit rise in the first-half?",
                  profit) == "ok"
    # …but a superlative before a period word is still a rank ('the fastest time')
    assert _reason("Button set the fastest time in qualifying.", "Who set the fastest time in qualifying?",
                  "Button set the second-quickest time in qualifying.") == "the source does not say 'fastest'"
    assert _reason("Susan Fletcher won the Whitbread first novel award.", "Who won the Whitbread first novel award?",
                  "Susan Fletcher won the Whitbread first novel award for Eve Green.") == "ok"
    # 'Top' in a name is no rank (news question n161); a long answer that does not repeat the rank claims none
    sources, passages = _sources("Columbia came second in the list.", "It led the Top 500 last year.")
    assert attribute("Columbia came second in the Top 500 list.", "Which machine came second in the Top 500 list?",
                     sources, passages, HashEmbedder()).ok
    assert _reason("The Whitbread novel award went to Andrea Levy for Small Island.",
                  "Who won the Whitbread first novel award?", novel) == "ok"


def test_names_match_as_words_plurals_and_written_out_acronyms():
    assert has_name("imf", "Turkey turned to the International Monetary Fund for a loan.")
    assert has_name("nhs", "the National Health Service") and has_name("party", "two parties")
    assert not has_name("india", "the Indian Ocean") and not has_name("ttp", "Tehrik-i-Taliban Pakistan")
    ev = gate.evidence("How big was the IMF loan?", ["Turkey turned to the International Monetary Fund."], [0.6], [0.5])
    assert ev.missing == ()


def test_a_name_the_question_spells_out_is_found_as_its_acronym():
    # calibration n204: 'Mike Short chairs the Mobile Data Association.' was dropped ("'association' is not in
    # the source") and its line ranked far below the ones that spell the name out
    question = "Who chairs the Mobile Data Association?"
    line = "Looking further ahead in the year, the MDA's chairman Mike Short, has predicted that more people will " \
        "go online through their mobiles."
    assert by_acronym(question, line) == {"mobile", "data", "association"}
    assert by_acronym("How many seats did the UK Independence Party win?", "UKIP won 12.") == {"uk", "independence",
                                                                                             "party"}
    assert by_acronym(question, "the Mda said") == set() and by_acronym("Did Mark Pritchard speak?", "An MP") == set()
    _, passages = _sources("It is the highest ever daily total recorded by the Mobile Data Association (MDA).",
                           "Texting is heading that way, said the chief executive.", line)
    alone, passage = _sources(line)  # the passage that holds the line does not spell the name out
    assert attribute("Mike Short chairs the Mobile Data Association.", question, alone, passage, HashEmbedder()).ok
    assert not attribute("Mike Short chairs the Mobile Phone Association.", question, alone, passage,
                         HashEmbedder()).ok
    ranked = rank_sentences(question, passages, HashEmbedder())
    assert next(c.coverage for c in ranked if passages[0][c.start:c.end] == line) > 0.5


def test_how_fast_asks_for_a_speed():
    # calibration n075: the '30 seconds to the top' line was quoted, not the '17m per second' one
    question = "How fast are the record-breaking lifts in Taipei's TFC 101 Tower?"
    lines = ["The lifts take only 30 seconds to whisk passengers to the top of the 508m tall TFC 101 Tower in Taipei.",
             "The Guinness Book of Records has declared the 17m per second speed of the two lifts the swiftest on "
             "Earth."]
    assert answer_type(question) == "number" and not has_type(lines[0], "number", question)
    candidates = [Candidate(0, 0, 0, 1.0 - i / 10, 0.5, 0.5) for i in range(2)]
    assert choose(candidates, lines, question, 0.2) == 1
    assert emphasise(lines[1], question) == "The Guinness Book of Records has declared the **17m per second** speed " \
        "of the two lifts the swiftest on Earth."
    for speed in ("It reached 70.72 teraflops.", "It goes at 38mph.", "It ran at 1,000 metres a second.", "17m/s",
                  # found asking new questions: both refused as giving no speed
                  "The Cray-1 was capable of 80 megaflops.", "It reached 42.7 trillion calculations per second."):
        assert has_type(speed, "number", "What speed did it reach?"), speed
    for other in ("It was 3 times as high.", "It opens at 5 a.m.", "It took 2 hours.", "It takes 10 seconds a lap."):
        assert not has_type(other, "number", "How fast is it?"), other
    # a review: how fast a thing grows or falls is a rate of change, not a speed
    for change in ("How fast are house prices falling?", "How fast did sales rise?", "How fast is the economy growing?",
                   "How fast did exports decline?"):
        assert not SPEED_Q.search(change), change
    assert SPEED_Q.search("How fast do the lifts go?") and SPEED_Q.search("How fast do the lifts rise?")


def test_how_fast_ranks_the_lines_that_give_the_speed_among_those_quoted(real_embedder):
    # found asking new questions: 'How fast are the lifts in the TFC 101 Tower?' was refused, the two lines with
    # the speed ranked 5th and 6th, below the three a quote is taken from ('fast' is not in them; 'speed' is)
    passage = ("The lifts take only 30 seconds to whisk passengers to the top of the 508m tall TFC 101 Tower in "
               "Taipei, Taiwan. The Guinness Book of Records has declared the 17m per second speed of the two lifts "
               "the swiftest on Earth. In total, the TFC Tower has 61 lifts, 34 of them double-deckers, and 50 "
               "escalators. The super-fast lifts can speed up to 24 passengers to the tip of the tower in about 30 "
               "seconds. Curiously the lifts take longer to descend and spend almost a whole minute returning to "
               "ground level from the top of the TFC Tower.")
    ranked = rank_sentences("How fast are the lifts in the TFC 101 Tower?", [passage], real_embedder)
    assert any("17m per second" in passage[c.start:c.end] for c in ranked[:3])


def test_how_long_may_be_answered_without_a_number():
    # found asking new questions: 'The lifts take almost a whole minute returning to ground level' was refused
    # for giving no number, and the '30 seconds' to the top was quoted instead
    question = "How long do the lifts take to descend?"
    for line in ("The lifts spend almost a whole minute returning to ground level.", "It took half an hour.",
                 "The trial will last a year."):
        assert has_type(line, "number", question), line
    assert not has_type("The lifts spend almost a whole minute returning.", "number", "How many lifts are there?")
    assert not has_type("The lifts are slower going down.", "number", question)
    for line in ("It began a week after the vote.", "He won for a second time.", "It meets once a week.",
                 "It opened a second shop.", "Sales fell after a year of decline."):  # found in review
        assert not has_type(line, "number", question), line


def test_a_quote_puts_the_refused_replys_answer_in_bold():
    # found asking new questions: the model's '$18m' had no sentence around it, and '$54m' was bold in its line
    line = "Ten former directors have agreed to pay $54m (£28.85m), including $18m from their own pockets."
    question = "How much will the WorldCom directors pay from their own pockets?"
    assert emphasise(line, question) == line.replace("$54m", "**$54m**")
    assert emphasise(line, question, "$18m") == line.replace("$18m", "**$18m**")
    # calibration n120: the reply's place, not the question's own words' neighbour
    line = "Mr Kilroy-Silk explained his reasons to his East Midlands constituents at a meeting in Hinckley."
    question = "Where did Kilroy-Silk tell his constituents why he was leaving UKIP?"
    assert emphasise(line, question, "Kilroy-Silk told them at a meeting in Hinckley.") == \
        line.replace("Hinckley", "**Hinckley**")
    # … but not a number that counts something other than what the question asks about
    line = "Militants infiltrated: 172 Tashkeel of almost 4,000 militants into Khyber Pakhtunkhwa."
    bold = emphasise(line, "Roughly how many militants did the groups include?", "172 Tashkeel infiltrated.")
    assert "**172" not in bold and "**4,000 militants" in bold, bold
    fire = "Twelve people died in the fire, which burned for three days."  # found in review: a bare 'Three'
    assert emphasise(fire, "How many people died in the fire?", "Three were killed.") == \
        fire.replace("Twelve people died", "**Twelve people died**")


DEN = ("Dirty Den's demise seen by 14m",
       "More than 14 million people saw \"Dirty\" Den Watts killed off on Friday, marking EastEnders' 20th "
       "anniversary, according to unofficial figures.",
       "But he came back to the show in September 2003.",
       "The audience for BBC One's one-hour special averaged 13.7 million and peaked at 14.2 million in the last 15 "
       "minutes, overnight figures showed.",
       "The show's highest audience came at Christmas 1986, when more than 30 million tuned in to see Den.")


def test_a_question_typed_as_keywords_or_asking_late_has_its_kind_read_but_its_bold_is_not_guessed():
    # calibration n361: the model's reply with no number was shown for 'telegraph how many extra colour pages';
    # n338 ('According to Jack McConnell, how much …?') had the model's wrong figure shown
    questions = ("telegraph how many extra colour pages",
                 "According to Jack McConnell, how much did volume sales fall?",
                 "qantas total headcount?", "pakistan fm name?", "scottish tory leader?")
    assert [answer_type(q) for q in questions] == ["number", "number", "number", "name", "name"]
    reply = "The Telegraph is investing in new printing machinery that enables them to print more colour pages."
    assert not has_type(reply, "number", questions[0])
    unasked = ("And ITV1?", "the delisting - was it just a goodwill gesture?",
               "Qantas posted a record half-year profit, so why did its shares fall?")
    assert [answer_type(q) for q in unasked] == [None] * 3
    # the bold says 'this is the answer': not on a guess ('Tory leader **Michael Howard**' for the Scottish one)
    line = 'Tory leader Michael Howard said he would be remembered with "affection and respect".'
    assert emphasise(line, questions[4]) == line
    assert "**Michael Howard**" in emphasise(line, "Who is the Tory leader?")
    # but on the holder a line names for the office asked, of what it asks (calibration n578, now quoted right)
    mcletchie = "The Scottish Conservative Party leader, David McLetchie, questioned what would be exempted."
    assert "leader, **David McLetchie**, questioned" in emphasise(mcletchie, questions[4])


def test_a_word_said_of_a_thing_is_no_answer_to_who():
    # calibration s257: 'Who is Pakistan's top diplomat?' was quoted 'While **Russia's** decision has …'
    question = "Who is Pakistan's top diplomat?"
    line = ("While Russia's decision has undoubtedly complicated the situation, it has also opened the door for "
            "Pakistan to reassert itself diplomatically.")
    assert emphasise(line, question) == line
    labour = "A Labour decision had done nothing, he said."
    assert emphasise(labour, "Who said it?") == labour
    assert emphasise("Blair said he would go.", "Who said he would go?") == "**Blair** said he would go."
    assert "Ishaq Dar's**" in emphasise("Foreign Minister Ishaq Dar's visit to Kabul was significant.", question)
    assert "**Michael Howard**" in emphasise("Tory leader Michael Howard said so.", "Who is the Tory leader?")


def test_a_bold_answer_is_of_the_kind_asked_a_time_a_place_a_count():
    # calibration n610, n505, n622, n620 (unanswerable; each line quoted with a bold 'answer')
    one = "Cellnet and Vodafone were the only operators in the UK until 1993 when One2One (now T-Mobile) was launched."
    assert emphasise(one, "How many UK customers does Orange have?") == one  # no '**2**' of a name
    wasp = "Set in her native Dartford, Wasp tells the story of a mum who leaves her four daughters outside a pub."
    assert emphasise(wasp, "How long does Andrea Arnold's film Wasp run?") == wasp
    assert emphasise("It runs for 23 minutes.", "How long does the film run?") == "It runs for **23 minutes**."
    assert "**14 years**" in emphasise("A blogger has been jailed for 14 years for spying.", "How long was he jailed?")
    judges = "A panel of judges including Sir Trevor McDonald, actor Hugh Grant and writer Joanne Harris will meet."
    assert emphasise(judges, "Where will the Whitbread Book of the Year winner be announced?") == judges
    raskin = "Jef Raskin, head of the team behind the first Macintosh computer, has died."
    assert emphasise(raskin, "Where was Jef Raskin born?") == raskin
    davis = "Davis was found dead on Friday in his hotel room in Miami Beach, Florida, where he was making a film."
    assert "**Miami Beach**" in emphasise(davis, "Where did Davis die?")


def test_a_question_for_a_quantity_wants_a_number_and_the_articles_lead_says_what_it_is_about():
    # calibration n090, n175 (and report n013, not tuned on): 'What was the peak audience …?' asks for a number
    assert [answer_type(q) for q in ("What was the peak audience when Dirty Den was killed off in EastEnders?",
                                     "What is EastEnders' biggest ever audience?", "What's the maximum fine for it?",
                                     "What were Barclays' pre-tax profits for 2004?")] == ["number"] * 4
    assert answer_type("What is the Hunting Bill?") is None and answer_type("What was the reason for it?") is None
    # a line going on about the show ('The show's highest audience …') is about the one the article's lead names
    article = f"{DEN[0]}\n\n{DEN[0]}\n\n{' '.join(DEN[1:])}"
    assert heading(article) == f"{DEN[0]} {DEN[1]}"
    question = "What is EastEnders' biggest ever audience?"
    sources, passages = _sources(*DEN[1:])
    sources = [dataclasses.replace(s, article=article) for s in sources]
    # 'biggest' is the source's 'highest'
    said = "EastEnders' biggest audience came at Christmas 1986, when more than 30 million tuned in to see Den."
    assert attribute(said, question, sources[3:], passages, HashEmbedder(), documents=[article]).ok
    assert not attribute(said.replace("biggest", "first"), question.replace("biggest", "first"), sources[3:],
                         passages, HashEmbedder()).ok
    # 'BBC One' is nobody the answer leaves out; 'Iain Duncan Smith' is
    assert not others_named(DEN[3], "The peak audience was 14.2 million.", "What was the peak audience?")
    assert others_named("David Cameron replaced Iain Duncan Smith.", "David Cameron replaced Michael Howard.",
                        "Who replaced Michael Howard?")
    # the amount asked for and the count, not a year, are in bold
    assert emphasise(DEN[4], question) == "The show's highest audience came at Christmas 1986, when more than **30 " \
        "million tuned** in to see Den."
    assert emphasise("Profits for the year to 31 December rose 20% to £4.6bn ($8.6bn).", "What were Barclays' "
                     "pre-tax profits for 2004?") == "Profits for the year to 31 December rose 20% to **£4.6bn** " \
        "($8.6bn)."


def test_a_true_sentence_far_less_relevant_than_the_best_is_refused():
    sources, passages = _sources(LIST, "The Taliban question sits at the heart of this axis.", scores=(1.0, 0.3))
    v = attribute("The Taliban question sits at the heart of this axis.", "How many protest notes?", sources,
                  passages, HashEmbedder())
    assert not v.ok and "much less well than the best one" in v.reason
    # a right answer from a line worded unlike the question, 0.59 of the best (news question n174)
    sources, passages = _sources("GM will build the new Cadillac BLS at its Saab factory in Sweden.",
                                 "The BLS will be the first Cadillac to be offered with a diesel engine.",
                                 scores=(1.0, 0.59))
    v = attribute("The new Cadillac BLS is the first Cadillac with a diesel engine.",
                  "What makes the new Cadillac BLS different from every previous Cadillac?", sources, passages,
                  HashEmbedder())
    assert v.ok and v.sources == (1,), v
    for score, ok in ((0.41, True), (0.39, False)):  # the floor is 0.4 of the best line's score
        sources, passages = _sources(sources[0].text, sources[1].text, scores=(1.0, score))
        assert attribute("The new Cadillac BLS is the first Cadillac with a diesel engine.",
                         "What makes the new Cadillac BLS different from every previous Cadillac?", sources, passages,
                         HashEmbedder()).ok == ok


def test_a_follow_up_read_beside_the_earlier_question_weighs_its_own_words_more():
    # news question n068: the line restating the earlier question came first, and the model answered that
    passage = ("An Iranian weblogger has been sentenced to 14 years in jail. Arash Sigarchi was sentenced to 14 "
               "years by a court in the northern city of Rasht. Mr Sigarchi was charged with spying and aiding "
               "foreign counter-revolutionaries.")
    question = joined("What was he charged with?", "What's the name of the Iranian blogger sentenced to 14 years?")
    assert own_terms(question) == {"charg"} and own_terms("What was he charged with?") == set()
    coverage = {passage[c.start:c.end][:12]: c.coverage for c in rank_sentences(question, [passage], HashEmbedder())}
    assert coverage["Mr Sigarchi "] > max(coverage["An Iranian w"], coverage["Arash Sigarc"])  # 0.12 < 0.31 before


def test_what_an_acronym_stands_for_and_who_someone_is():
    assert answer_type("What does CSTO stand for?") == "expansion"
    assert answer_type("What is ETIM short for?") == "expansion"
    assert answer_type("Who is Ishaq Dar?") is None  # what he is: 'Deputy Prime Minister …', not a name
    assert answer_type("Who is the president of Russia?") == "name"
    line = "Militants of the Tehrik-i-Taliban Pakistan (TTP) and the Eastern Turkistan Islamic Movement crossed."
    assert has_type(line, "expansion", "What does TTP stand for?")
    assert has_type(line, "expansion", "What does ETIM stand for?")
    assert not has_type("The TTP stands for Taliban.", "expansion", "What does TTP stand for?")
    # typed short (found asking new questions: 'BLA stands for?' was refused at similarity 0.12)
    assert [answer_type(q) for q in ("BLA stands for?", "what's TTP short for", "TTP means?")] == ["expansion"] * 3
    assert answer_type("The TTP means business") is None
    assert "the **Tehrik-i-Taliban Pakistan** (TTP)" in emphasise(line, "What does TTP stand for?")
    # a word that stands for something (calibration n632: the model's right 'Gavi stands for …' was refused)
    assert answer_type("What does Gavi stand for?") == "expansion" and answer_type("What does Brexit mean?") is None


def test_what_an_acronym_stands_for_rests_on_a_line_that_names_it_beside_its_words():
    """Found asking new questions: 'TTP stands for Tehreek-e-Taliban Pakistan' was cited to 'groups like the
    Tehreek-e-Taliban Pakistan, which …' (no TTP there), while another article glosses it; and the same sentence,
    or 'CSTO stands for …', was refused against a glossing line for the line's 'not' or for its meaning (0.50)."""
    question = "What does TTP stand for?"
    glossing = "The land should in no way be used by the Tehreek-e-Taliban Pakistan (TTP), or the Balochistan " \
               "Liberation Army (BLA)."
    bare = "The Taliban's support for groups like the Tehreek-e-Taliban Pakistan cannot be ignored."
    assert acronyms.glossed(glossing, question) and not acronyms.glossed(bare, question)
    assert acronyms.glossed(f"{bare} The TTP attacks.", question) is False  # the acronym in another sentence
    answer = "TTP stands for Tehreek-e-Taliban Pakistan [1]."
    assert acronyms.gloss_supported(answer, question, glossing)
    assert not acronyms.gloss_supported(answer, question, bare)
    assert not acronyms.gloss_supported("TTP stands for Tehreek-e-Taliban Pakistan, which attacks India.", question,
                                        glossing)  # more than the gloss: read by every other check
    assert not acronyms.gloss_supported("TTP stands for Tehrik Taliban Pakistan.", question, glossing)  # other words
    assert verify._check(answer, question, [verify.Source(0, 0, len(glossing), glossing)], [glossing], [glossing],
                         HashEmbedder(), HashEmbedder().encode([answer])[0], (0,)).ok
    # where a line spells the words out twice, the pair beside the acronym
    line = "The Tehreek-e-Taliban Pakistan grew; the Tehreek-e-Taliban Pakistan (TTP) attacked."
    assert line[slice(*acronyms.expansion(line, "TTP"))] == "Tehreek-e-Taliban Pakistan"
    assert acronyms.expansion(line, "TTP")[0] == line.index("Tehreek", 10)


def test_answer_types():
    assert [answer_type(q) for q in ("And how many trips?", "When was it?", "Who said so?", "Where is it?",
                                     "Why?", "What year did it open?")] == \
        ["number", "date", "name", "place", None, "date"]
    assert answer_type("When Debra Hill started out in film, what did people assume her job was?") is None
    assert answer_type("When she left, who took over?") == "name"
    assert answer_type("When, where and how did it happen?") == "date"
    # a preposition before the asking words (found asking new questions: another line was quoted)
    assert answer_type("since when has islamabad been engaging the taliban government") == "date"
    assert answer_type("over how long a period has pakistan made all those visits to kabul") == "number"
    assert answer_type("In how many countries is it sold?") == "number"
    assert answer_type("In which town is the factory?") is None
    # where one ranks on a list is a number (calibration n400: 'it does not give the place the question asks for')
    assert answer_type("Where does Judy Craymer rank on the Sunday Times music rich list?") == "number"
    assert answer_type("Where did the single chart in the US?") == "number"
    assert answer_type("Where does Pakistan stand on the talks?") == "place"
    # asked what something is called: a name ('The fourth collection of poems scooped the award' is no answer)
    assert answer_type("What is his prize-winning poetry collection called?") == "name"
    assert answer_type("What's the full title of the biography?") == "name"
    assert answer_type("What is the name of the investment vehicle?") == "name"
    assert answer_type("What is the title holder doing?") is None
    assert answer_type("What is called for?") is None
    assert answer_type("What is the name of the game about?") is None  # found in review
    assert answer_type("What was the song named after?") is None
    assert answer_type(joined("What is it called?", "Which drug did Roche make?")) == "name"
    # a word given as what it is called is such an answer too: no capital needed (found in review)
    assert has_type("The process is called photosynthesis.", "name", "What is the process called?")
    # 'who' may be answered by a group named by what it does (n011)
    assert has_type("The remaining $36m will be paid by the directors' insurers.", "name",
                    joined("Who pays the rest?", "How much are the WorldCom directors paying?"))
    assert has_type("Insurers pay the rest.", "name", "Who pays the rest?")
    assert not has_type("The remaining money will be paid by the directors.", "name",
                        joined("Who pays the rest?", "How much are the WorldCom directors paying?"))
    assert not has_type("The company made profits.", "name", "Which company made profits?")
    assert not has_type("The fourth collection of poems scooped the poetry award.", "name",
                        "What is Michael Symmons Roberts' poetry collection called?")
    assert answer_type("What bothers the author most?") is None  # a verb, not 'Which UKIP member'
    assert answer_type("Which UKIP London Assembly member defected?") == "name"
    assert has_type("It opened in March 2024.", "date") and not has_type("It opened.", "date")
    assert has_type("ISIS-K was blamed.", "name", "Who was it blamed on?")
    assert not has_type("The attack was blamed on them.", "name", "Who was it blamed on?")
    # 'how many' asks for a count: a share or a year is none (news question n084), 'how much' may be a share
    films = "How many British films were made in the UK in 2004?"
    assert not has_type("40% fewer films were made in the UK in 2004 compared to 2003.", "number", films)
    assert has_type("Twenty-seven British films were made in 2004.", "number", films)
    assert has_type("In 1995, 1,200 people died.", "number", "How many people died?")
    assert has_type("A crowd of 2000 gathered.", "number", "How many people gathered?")
    assert has_type("It rose 40% in 2004.", "number", "How much did it rise?")


@pytest.mark.parametrize("question, bold", [
    ("How many protest notes has Pakistan lodged?", "**836 protest notes**"),
    ("How many border flag meetings were held?", "**225 border flag meetings**"),
    ("How many secretary trips were made?", "**five secretary trips**"),
    ("How many British films were made?", "**Twenty-seven British films**"),
    ("How many Joint Coordination Committee meetings took place?", "**8 Joint Coordination Committee meetings**"),
])
def test_the_answering_words_are_emphasised(question, bold):
    text = LIST if "trips" not in question else TRIPS
    if "films" in question:
        text = "Twenty-seven British films were made in the UK last year, compared with 45 in 2003."
    assert bold in emphasise(text, question)


def test_a_follow_up_read_beside_the_earlier_question_gets_its_own_count_in_bold():
    question = joined("And how many border flag meetings?",
                      "How many Joint Coordination Committee meetings took place?")
    assert "**225 border flag meetings**" in emphasise(LIST, question)


@pytest.mark.parametrize("sentence, question, bold", [
    ("In 2019 Imran Khan was elected and PTI won 116 seats.", "How many seats did PTI win?", "**116 seats**"),
    ("In 2018 PTI candidates won 116 seats.", "How many seats did PTI candidates win?", "**116 seats**"),
    ("On 3 March Mr Smith says he attended 12 meetings.", "How many meetings did Mr Smith attend?",
     "**12 meetings**")])
def test_a_year_or_a_date_is_no_count_of_the_names_after_it(sentence, question, bold):
    assert bold in emphasise(sentence, question)


def test_the_quote_is_the_line_the_models_refused_reply_points_at():
    # news question n054: the reply fails the checks ('cost' is not in the source), its line does not
    lines = ["The Mac mini comes without a monitor, keyboard and mouse, and a second version will be sold for $599.",
             "The $499 Macintosh, sold for £339 in the UK, was described by Jobs as the most important Mac.",
             "The new iPod shuffle comes in two versions, one for $99 (£69 in the UK)."]
    candidates = [Candidate(0, 0, 0, 1.0 - i / 10, 0.5, 0.5) for i in range(3)]
    question, reply = "mac mini uk price?", "The Mac mini in the UK costs £339."
    assert pointed(reply, candidates, lines, [0, 1, 2], question, 0.2, 0.6) == 1
    assert pointed(reply, candidates, lines, [0, 2], question, 0.2, 0.6) is None  # a line the model did not read
    assert pointed("I could not find it.", candidates, lines, [0, 1, 2], question, 0.2, 0.6) is None
    assert pointed(reply, candidates, lines, [0, 1, 2], question, 0.6, 0.6) is None  # covers too little
    assert pointed(reply, candidates, lines, [0, 1, 2], question, 0.2, 0.95) is None  # ranks too far below the best
    heading = ["Apple unveils Mac mini for the UK at £339", *lines[1:]]
    assert pointed(reply, candidates, heading, [0, 1, 2], question, 0.2, 0.6) == 1  # a heading is never quoted
    # a reply's number is its answer: a line without it is not pointed at for the words it shares
    assert pointed("The Macintosh was sold for £349.", candidates, lines, [0, 1, 2], question, 0.2, 0.6) is None
    # news question n147: a reply with neither number nor name (and misspelt) points by its words
    lines = ["Jef Raskin, head of the team behind the first Macintosh computer, has died.",
             "Mr Raskin was diagnosed in December 2004 with pancreatic cancer and died on 26 February.",
             "He resigned in November to fight the illness."]
    for reply in ("Pancular cancer", "Pancular cancer [2].", "Pancular cancer [2, 3]."):  # marks are no numbers
        assert pointed(reply, candidates, lines, [0, 1, 2], "What illness did Jef Raskin die of?", 0.2, 0.6) == 1
    # calibration n376 (refused): a reply's '16 million' is not the '16' of '16 years'
    lines = ["Den's death came 16 years after he was supposedly shot in 1989.",
             "More than 16 million viewers watched his return in 2003.", "He came back in September 2003."]
    reply, question = "More than 16 million viewers tuned in when Den came back in 2003.", "how many viewers tuned in?"
    assert pointed(reply, candidates, lines, [0, 1, 2], question, 0.0, 0.6) == 1
    assert pointed(reply, candidates, lines, [0, 2], question, 0.0, 0.6) is None


def test_a_reply_to_a_yes_no_question_points_by_its_words_and_its_not():
    """A reply restating a yes/no question is no answer, but it says which line it was read from."""
    lines = ["General Motors has confirmed that it will build a new Cadillac BLS at its Saab factory in Sweden.",
             "As part of its efforts to appeal to European drivers, the car will be the first Cadillac with a diesel.",
             "It will not be sold in the US, said GM Europe president Carl-Peter Forster."]
    candidates = [Candidate(0, 0, 0, 1.0 - i / 10, 0.5, 0.5) for i in range(3)]
    question = "Will the Cadillac BLS be sold in the US?"
    assert pointed("No, the Cadillac BLS will not be sold in the US.", candidates, lines, [0, 1, 2], question,
                   0.2, 0.6) == 2
    assert pointed("Yes, the Cadillac BLS will be sold.", candidates, lines, [0, 1, 2], question, 0.2, 0.6) == 0
    # found in review: a bare 'No.' points nowhere, nor does a 'not' alone point at a line without the reply's words
    assert pointed("No.", candidates, lines, [0, 1, 2], question, 0.2, 0.6) is None
    unrelated = [*lines[:2], "GM did not comment on its plans for Opel."]
    assert pointed("No, the Cadillac BLS will not be sold.", candidates, unrelated, [0, 1, 2], question, 0.2, 0.6) == 0
    # a question that is no yes/no question: its own words point nowhere
    assert pointed("The Cadillac BLS will be sold.", candidates, lines, [0, 1, 2], "Why will the Cadillac BLS be sold?",
                   0.2, 0.6) is None


def test_emphasis_of_dates_names_and_amounts():
    attack = "The March 2024 attack on a Moscow concert hall, attributed to ISIS-K, underscores the risk."
    assert "**March 2024**" in emphasise(attack, "When did the concert hall attack in Moscow happen?")
    assert "**ISIS-K**" in emphasise(attack, "Who was the Moscow concert hall attack attributed to?")
    profit = "Net profit in the six months ending 31 December rose 28% to A$458.4m ($357.6m) from a year earlier."
    assert "**A$458.4m**" in emphasise(profit, "How much net profit did Qantas make?")
    assert emphasise(attack, "Why does it matter?") == attack  # no kind of answer to point at
    # an amount may start with its currency; a name new to the question beats one it used (the browser
    # check's 'Which country …?'); 'by how much' asks for the change
    assert "**$18bn**" in emphasise("The bank made $18bn, 3 times more.", "How much did the bank make?")
    russia = "Ultimately, Russia’s decision to remove the Afghan Taliban from its terrorist list is emblematic."
    assert "**Russia’s**" in emphasise(russia, "Which country was the first to remove the Taliban from its list?")
    assert "**1.3%**" in emphasise("World music sales declined by 1.3% to $33.6 billion.",
                                   "By how much did global music sales fall in 2004?")
    assert "**Hinckley**" in emphasise("Mr Kilroy-Silk launched the party in Hinckley.",
                                       "Where did Kilroy-Silk launch his party?")
    # an adjective opening the sentence is no name: not '**Former** cabinet colleague Lord Hattersley said …'
    assert "**Lord Hattersley**" in emphasise("Former cabinet colleague Lord Hattersley said so.", "Who said so?")
    # the sentence's full stop stays outside the bold: '… to **85130**.', not '… to **85130.**'
    assert emphasise("Users text the word GOODPUB to 85130.", "What number do I text?").endswith("**85130**.")
    # a count's own words, not the sentence's next words (news questions n159, n116)
    phones = "When phones were launched they cost about £2,000 and had a battery life of 20 minutes."
    assert "about **£2,000** and" in emphasise(phones, "How much did the first mobile phones cost?")
    assert "**three or four times**" in emphasise("We would speak three or four times a week.",
                                                  "How many times a week did they speak?")
    # a name after the question's words joined by a hyphen is new: not the other faction's name
    factions = "Friction between the Kandahari faction and the Kabul-based Haqqani network creates unpredictability."
    assert "**Haqqani**" in emphasise(factions, "What is the name of the network based in Kabul?")


def test_hybrid_leans_on_bm25_when_its_best_candidate_stands_out():
    from chatbot.retrieve import BM25_WEIGHT, bm25_weight

    flat = {i: 1.0 - i / 100 for i in range(20)}  # no candidate stands out
    peaked = {0: 20.0, **{i: 2.0 for i in range(1, 20)}}  # a question reusing one article's words
    assert bm25_weight(flat, peaked) > BM25_WEIGHT > bm25_weight(peaked, flat)
    assert bm25_weight(flat, flat) == BM25_WEIGHT and bm25_weight(flat, {1: 3.0}) == BM25_WEIGHT  # too few to judge
    assert 0.1 <= bm25_weight(flat, peaked) <= 0.8 and 0.1 <= bm25_weight(peaked, flat)


def test_an_answer_to_the_earlier_question_is_no_answer_to_the_follow_up():
    """A joined follow-up answered as if it were the question before it: none of its own words though the
    lines read hold them, two of the earlier question's. (s062: the model answered which faction is in Kabul.)"""
    said = "What about the other faction, what is it centered on?"
    asked = joined(said, "Which Taliban faction is based in Kabul?")
    read = ("Internal friction between the Kandahari faction, centered around traditional ideological purity, and "
            "the Kabul-based Haqqani network creates systemic unpredictability.")
    assert answers_earlier("The Taliban faction based in Kabul is the Haqqani network.", asked, read) == \
        "it seems to answer the earlier question, not the follow-up"
    assert answers_earlier("The Kandahari faction is centered on ideological purity.", asked, read) == ""
    # one earlier word is no sign: 'retaliate' is what the right answer is about
    asked = joined("In what situation would Pakistan invoke that right?",
                   "Under which article of the UN Charter does Pakistan say it could retaliate?")
    read = "Pakistan will have the right to retaliate as provided in Article 51 of the UN Charter."
    right = "Pakistan would retaliate after a terrorist attack launched from Afghan territory."
    assert answers_earlier(right, asked, read) == ""
    assert answers_earlier("Article 51 of the UN Charter lets Pakistan retaliate.", asked, read) != ""
    # it gives what the follow-up asks for: a number (n154)
    asked = joined("And what number do I send it to?", "How can I find the nearest pub by text message?")
    read = "Users send the word GOODPUB to 85130 to find the nearest pub."
    assert answers_earlier("To find the nearest pub, you text the word GOODPUB to 85130.", asked, read) == ""
    assert answers_earlier("To find the nearest pub, you text the word GOODPUB.", asked, read) != ""
    # the lines read never say 'reason': the model cannot use the follow-up's words (found in review)
    asked = joined("What was the reason?", "When did Kilroy-Silk quit UKIP?")
    reply = "Kilroy-Silk quit UKIP because the party refused to make him leader."
    assert answers_earlier(reply, asked, "Kilroy-Silk quit UKIP after the party refused to make him its leader.") == ""
    # a follow-up with no words of its own ('Why?'), or no follow-up, is not judged by this
    reply, read = "Barclays' profits rose on its investment arm.", "Profits rose on its investment arm."
    assert answers_earlier(reply, joined("Why?", "What were Barclays' profits?"), read) == ""
    assert answers_earlier(reply, "What were Barclays' profits?", read) == ""


def test_screen_says_a_repeated_phrase_once():
    question = "How many protest notes and formal demarches has Pakistan issued?"
    assert screen("13 formal demarches and 13 formal demarches [1].", question)[0] == "13 formal demarches [1]."
    kept = "The talks in Doha and the talks in Istanbul failed."
    assert screen(kept, question)[0] == kept


def test_scale_words_and_capitalized_common_words_are_not_numbers_or_names():
    assert numbers("sales fell 1.3% to $33.6 billion") == {"1.3", "33.6"}  # as '$33.6bn' says it
    assert numbers("two million people") == numbers("2 million people") == {"2"}
    assert names("Theresa May and the US") == {"may", "us"}  # a common word inside a name is one
    assert names("Which right? (after: Under which article may Pakistan act?)") == {"pakistan"}
    # a sentence's first word may be a name too, never a common word
    assert names("According to Jack McConnell, sales fell.", first=True) == {"jack", "mcconnell"}
    assert names("India's prime minister said so.", first=True) == {"india"}
    question = "Who sent the bomber in the Islamabad court attack?"
    trips = "Within four years, Islamabad has sent four foreign minister trips."
    assert not has_type(trips, "name", question)  # 'Within' starts the sentence; Islamabad is the question's
    assert emphasise(trips, question) == trips  # was '**Within** four years'
    assert "**ISI**" in emphasise(TRIPS, question)


def test_a_word_derived_from_a_source_word_is_found_in_it():
    from chatbot.wordforms import found_in

    assert found_in("australia", {"australian", "style"}) and found_in("australian", {"australia"})
    assert not found_in("austria", {"australian"}) and not found_in("islam", {"islamabad"})
    assert not found_in("niger", {"nigeria"}) and not found_in("plane", {"planet"})


def test_what_the_review_found_in_the_new_question_kinds():
    """An all-caps 'WHO WAS …' question took minutes to type (regex backtracking); an office asks for a name;
    'What does NATO mean for Ukraine?' asks for no expansion; two letters spell too many names, so only words beside
    them spell them out (calibration s193 'What does AQ stand for …?' asks for an expansion)."""
    assert answer_type("WHO WAS THE LEADER OF THE TEHRIK-I-TALIBAN PAKISTAN IN 2024?") == "name"  # (it hung)
    assert answer_type("Who is Pakistan's Foreign Minister?") == "name"
    assert answer_type("Who was Prime Minister?") == "name"
    assert answer_type("What does NATO mean for Ukraine?") is None
    assert answer_type("What does UN stand for?") == "expansion"
    assert has_type("UN stands for United Nations.", "expansion", "What does UN stand for?")
    assert not has_type("Under Nations law, UN staff left.", "expansion", "What does UN stand for?")
    assert has_type("UKIP is the UK Independence Party.", "expansion", "What does UKIP stand for?")
    assert has_type("CEO stands for chief executive officer.", "expansion", "What does CEO stand for?")
    assert not has_type("Under Nawaz Sharif, Pakistan grew.", "expansion", "What does NSP stand for?")


def test_a_follow_ups_own_names_are_found_as_the_gate_finds_names():
    assert lacks("… Russia's soft southern flank.", {"india"})
    assert not lacks("Pakistan's officials said so.", {"pakistani"})  # a people's word as its country
    assert not lacks("Ishaq Dar said the talks would resume.", {"dar"})  # ('Mr' is left out of what is typed)


def test_a_count_question_whose_words_one_sentence_holds_passes_the_gate():
    """Found in the browser: 'How many border flag meetings were there?' (similarity 0.38) was refused while its
    answer sat in the first passage shown under the refusal; a question naming nothing, asking how many of two
    words or more of its own, passes when one sentence with a number holds them all (on every question set and
    50 msmarco queries it changes no decision)."""
    passages = ["Islamabad held 8 Joint Coordination Committee meetings, 225 border flag meetings and 836 protest "
                "notes. People in Moscow live long."]
    limits = gate.Thresholds(min_similarity=0.4)
    for question in ("How many border flag meetings were there?", "How many protest notes were there?"):
        assert not gate.refuse_before(gate.evidence(question, passages, [0.38], [0.5]), limits), question
    for question in ("How many people live in Moscow?",  # 'people', 'live' and 'Moscow' hold no count
                     "How many flag meetings were held in Kabul?", "How many border meetings were cancelled?",
                     # found in review: not a count, or not asked of a sentence with a number
                     "Why were there so many border flag meetings?", "What were the border flag meetings about?"):
        assert gate.refuse_before(gate.evidence(question, passages, [0.38], [0.3]), limits), question
    # the line counts the two words asked, and the question's other words are its own for the line's, no deed
    # (calibration s152: refused at 0.25)
    for question in ("how many flag meetings have taken place along the frontier", "How many flag meetings were held?"):
        assert not gate.refuse_before(gate.evidence(question, passages, [0.25], [0.3]), limits), question
    for question in ("How many flag meetings were cancelled?", "How many flag meetings on trade and water?",
                     "How many border meetings took place?", "How many flag meetings did Kabul attend?"):
        assert gate.refuse_before(gate.evidence(question, passages, [0.25], [0.3]), limits), question


def test_a_count_sharing_only_a_name_or_the_articles_words_with_the_question_counts_something_else():
    # calibration s278 (never said): '214 Afghan nationals' was bold for how many cross-border attacks from Afghan
    # territory Pakistan suffered; 'Afghan' is where the attacks came from, and 'engaged' matched the words naming
    # the article ('… according to the op-ed on Russia's military engagement …')
    line = ("The fact they were supported by hard evidence: 172 Tashkeel of almost 4,000 militants infiltrating Khyber "
            "Pakhtunkhwa; 83 Tashkeel into Balochistan; and the discovery of 214 Afghan nationals engaged in fighting "
            "Pakistani forces in 2025 alone.")
    question = ("How many cross-border attacks from Afghan territory did Pakistan suffer in 2025, according to the "
                "op-ed on Russia's military engagement with the Taliban?")
    assert counts_other(line, question)
    assert emphasise(line, question) == line
    assert "**214 Afghan nationals**" in emphasise(line, "How many Afghan nationals were found fighting in 2025?")
    assert not counts_other(line, "How many Afghan nationals were engaged in fighting, according to the op-ed?")


def test_a_number_for_the_place_the_question_asks_about_must_come_from_a_line_naming_it():
    # calibration n722 (never said): 'The Nintendo DS costs £99 in Japan.' was shown, generated, on the UK price line
    question = "How much does the Nintendo DS cost in Japan?"
    line = "The two-screen clamshell Nintendo DS costs £99 (149 euros) and 15 games are available for it at launch."
    before = "Nintendo's DS handheld game console has officially gone on sale in Europe."
    later = "Its US launch was on Sunday and it goes on sale in Japan on 2 December."  # the article names Japan
    assert _reviewed("The Nintendo DS costs £99 in Japan.", question, before, line, later, use=slice(1, 2)) == \
        "the source does not say it of 'Japan'"
    assert _reviewed("The Nintendo DS costs £99.", "How much does the Nintendo DS cost?", before, line,
                     use=slice(1, 2)) == "ok"
    assert _reviewed("The Nintendo DS costs 15,000 yen in Japan.", question, before,
                     "In Japan the Nintendo DS costs 15,000 yen.", use=slice(1, 2)) == "ok"
    assert _reviewed("The DS has sold 500,000 consoles in Japan.", "How many DS consoles were sold in Japan?",
                     "The DS went on sale in Japan last week.", "It has sold 500,000 consoles.",
                     use=slice(1, 2)) == "ok"  # the line before names it
    inflation = "These valuations were the product of decades of inflation which, in 2001, was as high as 70%."
    assert places.place_unsaid("Inflation in Turkey was 70% in 2001.", "How high was inflation in Turkey in 2001?",
                               [inflation, "", "Turkey knocks six zeros off lira"]) == ""  # the heading names it
    assert places.place_unsaid("Inflation in Turkey was 70% in 2001.", "How high was inflation in Turkey in 2001?",
                               [inflation, ""]) == "the source does not say it of 'Turkey'"


def test_a_count_of_another_owner_is_not_quoted():
    """Found asking new questions: 'How many customers does O2 have?' (never said) quoted 'Now Vodafone has
    **14m customers** in the UK alone.', the bold saying it is the answer."""
    article = "The call was made across the Vodafone network. Then Cellnet (now O2) launched its service."
    line = "Now Vodafone has 14m customers in the UK alone."
    assert misfit(line, "How many customers does O2 have?", set(), "", article) == "it is about 'Vodafone'"
    assert owned_by_other(line, "How many customers does Vodafone have?", article) == ""  # its own
    # then the quote was '… it took Vodafone almost nine years to rack up its first **million customers** …'
    took = "He said it took Vodafone almost nine years to rack up its first million customers."
    assert owned_by_other(took, "How many customers does O2 have?", article) == "it is about 'Vodafone'"
    assert owned_by_other(took, "How many customers does O2 have?", article, "O2 was Cellnet.") == ""  # said before
    assert owned_by_other(line, "How many customers are there in the UK?", article) == ""  # the UK is named
    # an opening word the article never names mid-sentence is no owner: 'Police said 10,000 people marched.'
    assert owned_by_other("Police said 10,000 people marched.", "How many people marched in Leeds?",
                          "Police said so. Officers came.") == ""


def test_what_a_thing_costs_is_an_amount_of_that_thing():
    """Found asking new questions of the news corpus: 'What does the Nintendo DS cost in Europe?' was generated
    and verified as 'Games for the DS are expected to cost between £19 and £29 in Europe.' (a true line about the
    games); the quote that replaced it gave 'almost 4m DS consoles' sold."""
    question = "What does the Nintendo DS cost in Europe?"
    games = "Games for the DS are expected to cost between £19 and £29 in Europe."
    assert amount_of_other(games, question) == "it is about 'Games for the DS'"
    assert misfit(games, question, set()) == "it is about 'Games for the DS'"
    assert amount_of_other("The price of the DS is £99.", question) == ""  # what the question asks, in other words
    assert amount_of_other("Games for the DS cost £19.", "How much do games for the DS cost?") == ""
    assert amount_of_other("Sales of the DS rose.", "Who makes the DS?") == ""  # no amount asked
    # 'What does it cost?' asks for an amount, as 'How much does it cost?' does; a count of sales is none
    assert answer_type(question) == "number" and answer_type("What did the Beatles suits sell for?") == "number"
    assert answer_type("What does Russia want?") is None
    sold = "Since going on sale in Japan and the US at the end of 2004, Nintendo has sold almost 4m DS consoles."
    assert not has_type(sold, "number", question) and not has_type(sold, "number", "How much does a DS cost?")
    assert has_type("The two-screen clamshell gadget costs £99 (149 euros).", "number", question)
    assert has_type("It costs 149 euros.", "number", question)
    assert has_type(sold, "number", "How many DS consoles has Nintendo sold?")
    # found in review: a change, a share, a worth in words, a count of the subject's own sales are answers too
    assert has_type("House prices rose 12% in 2004.", "number", "How much have house prices risen?")
    assert has_type("United is valued at 790 million pounds.", "number", "How much is Manchester United worth?")
    assert has_type("It costs Rs 500.", "number", question)
    assert amount_of_other("Sales of Halo 2 reached five million.", "How many copies of Halo 2 were sold?") == ""
    assert amount_of_other("Profits of Barclays rose to £4.6bn.", "How much did Barclays earn?") == ""
    assert answer_type("What did the visa affair cost David Blunkett?") is None  # his job, no price


def test_an_age_in_years_is_the_sources_aged():
    # found asking new questions of the news corpus: 'Charlie Bell was 44 years old when he died.' was refused
    # ("most of what it adds is not in the source (year)") on '… has died of cancer aged 44.'
    sources, passages = _sources("Charlie Bell, former head of McDonald's, has died of cancer aged 44.")
    question = "How old was Charlie Bell when he died?"
    assert attribute("Charlie Bell was 44 years old when he died.", question, sources, passages, HashEmbedder()).ok
    assert not attribute("Charlie Bell was 45 years old when he died.", question, sources, passages,
                         HashEmbedder()).ok
    sources, passages = _sources("US actor Ossie Davis has been found dead at the age of 87.")
    assert attribute("Ossie Davis has been found dead, 87 years old.", "How old was Ossie Davis?", sources,
                     passages, HashEmbedder()).ok


def test_the_questions_own_person_and_office_are_not_bolded_as_who_they_met():
    # found asking new questions of the seeds: 'Who did Ishaq Dar meet in Kabul?' was answered with a quote
    # bolding '**Deputy Prime Minister**', Ishaq Dar's own office
    line = ("In this context, the timing of Deputy Prime Minister and Foreign Minister Ishaq Dar’s visit to Kabul "
            "was particularly significant.")
    assert emphasise(line, "Who did Ishaq Dar meet in Kabul?") == line
    assert emphasise("He met the Deputy Prime Minister in Kabul.", "Who did he meet in Kabul?") == \
        "He met the **Deputy Prime Minister** in Kabul."
    assert emphasise("Chancellor Gordon Brown met Prime Minister Tony Blair.", "Who did Gordon Brown meet?") == \
        "Chancellor Gordon Brown met **Prime Minister Tony Blair**."


def test_a_name_the_question_gives_another_way_is_not_bolded_as_who():
    # calibration n032: 'Which UKIP London Assembly member defected to Kilroy-Silk's new party?' was answered with
    # a quote bolding '**Robert Kilroy-Silk's**', the question's own man; then, once he was not, the day
    # ('Wednesday') and 'The UK Independence Party' (the question's UKIP)
    question = "Which UKIP London Assembly member defected to Kilroy-Silk's new party?"
    line = ("The UK Independence Party has lost one of its two London Assembly members to Robert Kilroy-Silk's new "
            "political party, expected to launch on Wednesday.")
    assert emphasise(line, question) == line
    assert emphasise("Damian Hockney said Mr Kilroy-Silk would deliver better.", question) == \
        "**Damian Hockney** said Mr Kilroy-Silk would deliver better."
    # a name the question gives in full is still the question's; another with its surname is not (review)
    assert emphasise("Jack McConnell met Tony Blair.", "Who did Jack McConnell meet?") == \
        "Jack McConnell met **Tony Blair**."
    assert emphasise("The company was founded by Michael Dell in 1984.", "Who founded Dell?") == \
        "The company was founded by **Michael Dell** in 1984."
    assert emphasise("He married Victoria Beckham in 1999.", "Who is Beckham's wife?") == \
        "He married **Victoria Beckham** in 1999."
    assert emphasise("Mrs May met Mr Juncker.", "Who met Juncker?") == "**Mrs May** met Mr Juncker."


def test_a_date_is_no_count():
    """Found in the browser: 'How many people died in the Moscow concert hall attack?' was answered with a quote
    bolding **2024 attack** ('The March 2024 attack …'); a month with its day or year counts nothing."""
    question = "How many people died in the Moscow concert hall attack?"
    line = "The March 2024 attack on a Moscow concert hall, attributed to ISIS-K, underscores the threat."
    assert not has_type(line, "number", question) and emphasise(line, question) == line
    assert has_type("More than 140 people died in the March 2024 attack.", "number", question)
    line = "Between midnight on 31 December and midnight on 1 January, 133m text messages were sent in the UK."
    assert "**31**" not in emphasise(line, "How many texts were sent?")
    assert "**133m text messages**" in emphasise(line, "How many texts were sent?")
    # found in review: a count beside a month still counts; 'may' is no month
    assert emphasise("The army sent 2000 troops in May.", "How many troops?") == "The army sent **2000 troops** in May."
    assert "**4 million**" in emphasise("Sales hit 4 million in Dec 2004.", "How many were sold?")
    assert "**1,500 jobs**" in emphasise("In January 1,500 jobs were cut.", "How many jobs were cut?")
    assert has_type("Another 15 may lose their jobs.", "number", "How many more jobs may be lost?")
    # found on the seeds: 'How many people were killed in the Islamabad court bombing?' (the articles do not say)
    # was answered with a quote bolding 'G-**11**'; a day after its month, a name's number count nothing either
    line = "The suicide bombing of the G-11 Judicial Complex, Islamabad, on November 11 is the latest example."
    question = "How many people were killed in the Islamabad court bombing?"
    assert not has_type(line, "number", question) and emphasise(line, question) == line
    assert "**12 people**" in emphasise(line.replace("is the latest example", "killed 12 people"), question)
    assert has_type("On November 11, 12 people were killed.", "number", question)
    assert has_type("In March 12 people were killed.", "number", question)  # found in review
    assert "**40 British soldiers**" in emphasise("Since January 40 British soldiers have died in Iraq.",
                                                  "How many British soldiers have died in Iraq?")
    assert "**40**" in emphasise("A man in his mid-40s was arrested.", "How old was the man?")


def test_what_is_only_expected_is_not_stated_as_fact():
    """Found in the browser: 'Andrea Levy won the overall Whitbread book of the year' was verified on 'She is now
    favourite to win the overall prize'; on the report half it refuses n064's 'The Nintendo DS costs between £19
    and £29' (the source: games for the DS 'are expected to cost' that)."""
    assert overstated("She is now favourite to win the overall prize.", "Andrea Levy won the overall prize.",
                      "Who won the overall prize?")
    assert overstated("The annual total for 2004 is set to exceed 25bn.", "The annual total for 2004 exceeded 25bn.",
                      "How many texts were sent in 2004?")
    # found in the browser (twelfth stop): 'Malcolm Glazer bought Manchester United' on an approach to buy it
    assert overstated("Malcolm Glazer has made a fresh approach to buy Manchester United.",
                      "Malcolm Glazer bought Manchester United.", "Who bought Manchester United?")
    assert not overstated("He won the prize and is favourite to win the next one.", "He won the prize.",
                          "What did he win?")  # stated plainly too
    assert not overstated("She is favourite to win the prize.", "She is favourite to win the prize.",
                          "Who is favourite to win?")
    # found asking new questions: 'HSBC made £9.4bn in 2004 [1]' on what analysts forecast it 'will report'
    hsbc = ("According to analysts' forecasts, HSBC, the biggest UK bank by stock market valuation, will report "
            "profits of £9.4bn later this month.")
    assert overstated(hsbc, "HSBC made £9.4bn in 2004.", "What did HSBC make in 2004?")
    assert not overstated(hsbc, "HSBC will report profits of £9.4bn.", "What did HSBC make in 2004?")
    assert not overstated("The firm, which will open 10 stores, made £5m.", "The firm made £5m.", "What did it make?")
    assert not overstated("It could cost 5 million, but it has cost 2 million so far.", "It cost 2 million.",
                          "How much did it cost?")
    # a number stated as it stands, not as what happened: calibration n130 and n171, and report n107 (measured)
    assert not overstated("Individuals who persistently break the law will face a maximum fine of £1,000.",
                          "The maximum fine for a person who keeps breaking the ban is £1,000.", "What's the fine?")
    assert not overstated("It is predicted that the song will sell 300,000 copies by Sunday.",
                          "300,000 copies are expected to sell by Sunday.", "How many copies will it sell?")
    assert not overstated("Mr Glazer's approach could lead to a bid valuing the club at £800m.",
                          "Glazer's offer values Manchester United at £800m.", "What does the offer value it at?")


@pytest.mark.parametrize("line, before, question, other", [
    ("He is to stand down as an MP.", "Former Defence Secretary Michael Portillo makes money from BAE Systems.",
     "Is William Hague going to stand down?", "Former Defence Secretary Michael Portillo"),
    ("He is to stand down as an MP.", "Former Defence Secretary Michael Portillo makes money from BAE Systems.",
     "Is Michael Portillo going to stand down?", ""),  # the question's own person
    ("He entered Downing Street in 1976.", "Mr Callaghan was born in Portsmouth.",
     "When did Jim Callaghan become prime minister?", ""),  # the same person by surname
    ("He is to stand down as an MP.", "Michael Portillo makes money.", "Who is to stand down?", ""),  # no one asked
    ("William Hague is to stand down.", "Michael Portillo makes money.", "Is William Hague going?", ""),  # named
    ("It will not be sold in the US.", "Jim Smith said the car is new.", "Will Jack Brown sell it?", ""),  # not a he
    # found in review: the question's name must be a person's (a title before its surname in the article), and
    # 'Who …?' asks for another person than the question names
    ("He said the airline would cut 600 jobs.", "Chief executive Rod Eddington spoke.",
     "How many jobs will British Airways cut?", ""),
    ("He said it goes on sale in 2006.", "GM Europe president Carl-Peter Forster spoke in Geneva.",
     "When will the Cadillac BLS go on sale?", ""),
    ("His spokesman said Mr Blair paid.", "Prime Minister Tony Blair bought two copies.",
     "Who paid for Tony Blair's copies?", ""),
    # found in the browser: a line naming another person, and not the question's, is about that one
    ("The star witness is Mr Sullivan, one of six executives, He has pleaded guilty to fraud.", "Mr Ebbers denies it.",
     "Did Bernie Ebbers plead guilty to fraud?", "Mr Sullivan"),
    ("The star witness is Mr Sullivan, one of six executives.", "", "Did Scott Sullivan plead guilty?", ""),
    ('"We would speak three or four times," Mr Ebbers said.', "", "How often did Ebbers speak with Scott Sullivan?",
     ""),  # a name the question gives, though not its full name
    ("The US tycoon made a fresh approach to buy Manchester United.", "", "Will Malcolm Glazer buy the club?", ""),
    # found in review: who says a thing is not whom it is about; a title alone is no other person
    ("Police spokesman Bobby Hernandez said the cause of death appeared to be natural.", "",
     "What did Ossie Davis die of?", ""),
    ("His lawyer, Mr Weingarten, said the former chief executive had done nothing wrong.", "",
     "Did Bernie Ebbers do anything wrong?", ""),
    ("Staff were surprised when the Prime Minister walked into HMV at 0900 GMT.", "",
     "What time did Tony Blair walk into HMV?", ""),
])
def test_a_line_starting_he_is_about_the_person_named_before_it(line, before, question, other):
    article = ("Mr Hague, Mr Portillo, Mr Callaghan, Mr Brown and Mr Blair spoke. Mr Eddington and Mr Forster did not. "
               "Neither did Mr Ebbers, Mr Sullivan, Mr Glazer, Mr Davis, Mr Hernandez or Mr Weingarten.")
    assert someone_else(line, before, question, article) == other


def test_a_refused_reply_does_not_point_at_a_line_whose_article_misses_a_name_of_the_question():
    """Calibration n069: the reply 'Trevor Phillips praised Lord Scarman's ability to listen' pointed at its line
    in the Lord Scarman article, which never mentions the NHS asked about; the best line of an article that
    does is quoted instead (with every name there the reply's line is quoted, as before)."""

    question = "What point did Trevor Phillips make about the NHS in the immigration debate?"
    texts = ["Trevor Phillips said the immigration debate had to remember the doctors.",
             "Trevor Phillips praised Lord Scarman's ability to listen."]
    candidates = [Candidate(0, 0, len(texts[0]), 0.6, 0.6, 0.5), Candidate(1, 0, len(texts[1]), 0.5, 0.4, 0.5)]
    reply = "Trevor Phillips praised Lord Scarman's ability to listen."
    asked = naming.asked_names(question)
    scarman = Context("", "Lord Scarman dies\n\nTrevor Phillips praised Lord Scarman's ability to listen.")
    migrants = Context("", "Clarke plans migrant scheme\n\nTrevor Phillips spoke of the NHS and the doctors.")
    assert fallback(reply, candidates, texts, [0, 1], question, 0.1, set(), asked, [migrants, scarman]) == 0
    named = Context("", scarman.article + " He never spoke of the NHS.")
    assert fallback(reply, candidates, texts, [0, 1], question, 0.1, set(), asked, [migrants, named]) == 1


def test_a_wrong_figure_from_the_right_line_stays_far_in_meaning(real_embedder):
    # tried and dropped (review): reading the line under its article's title let calibration n090's right
    # '14.2 million' through (0.46 -> 0.73), but the title lifted '13.7 million' (the average) and '15 million'
    # ('last 15 minutes') as high; without the title each of them is refused (the second now by its size)
    line = ("The audience for BBC One's one-hour special averaged 13.7 million and peaked at 14.2 million in the last "
            "15 minutes, overnight figures showed.")
    article = ("Dirty Den's demise seen by 14m\n\nMore than 14 million people saw \"Dirty\" Den Watts killed off on "
               f"Friday, marking EastEnders' 20th anniversary, according to unofficial figures. {line}")
    sources, passages = _sources(line)
    titled = [dataclasses.replace(s, article=article) for s in sources]
    question = "What was the peak audience when Dirty Den was killed off in EastEnders?"
    for figure, why in (("13.7 million", "meaning"), ("15 million", "the source gives 15, not 15m")):
        reply = f"The peak audience when Dirty Den was killed off in EastEnders was {figure}."
        assert why in attribute(reply, question, titled, passages, real_embedder, documents=[article]).reason


def test_a_negation_copied_with_its_word_from_the_source_is_no_added_not():
    # calibration n189: "… an attractive, 'no fuss' computer" was refused as saying the opposite of the line it
    # copies: the clause closest in meaning stops before "'no fuss'"
    line = "The Mac mini will appeal to PC users looking for an attractive, 'no fuss' computer."
    sources, passages = _sources(line)
    v = attribute("Ian Harris thinks the Mac mini will appeal to PC users looking for an attractive, 'no fuss' "
                  "computer.", "Which PC users does Ian Harris think the Mac mini will appeal to?", sources, passages,
                  HashEmbedder())
    assert v.reason != "it says the opposite of the source (a 'not' added or dropped)"
    assert opposite("it is safe for them", "It is not safe for children.", "it is safe for them")
    # found in review: a 'not' the line gives elsewhere, about something else, is no copy
    assert opposite("The law will be changed,", "The law will not be changed.",
                    "The law will be changed, though the date will not be set until May.")
    assert opposite("Australia signed the treaty in 1998,", "Australia did not sign the treaty.",
                    "Australia signed the treaty in 1998, but the US did not sign the treaty.")
    assert opposite("but there are signs of a slowdown in text messaging.",
                    "There are no signs of a slowdown in text messaging.",
                    "Analysts saw no signs of a fall in revenue, but there are signs of a slowdown in text messaging.")
    assert opposite("He did not win the race", "He won the race.", "He did not win the race")
    assert not opposite("He didn't win the race", "He didn't win.", "He didn't win the race")


def test_a_number_the_question_gives_may_stand_anywhere_in_the_article():
    # calibration n212: 'Band Aid 20' stands in the article's first line, not in the passage of the line that
    # answers; '20' was refused as 'not in the source'
    line = "Proceeds from the sales are going towards relief for the Darfur region of Sudan."
    sources, passages = _sources(line)
    question = "Which part of Sudan will proceeds from the sales of Band Aid 20 go towards?"
    reply = "Proceeds from the sales of Band Aid 20 are going towards relief for the Darfur region of Sudan."
    article = f"Blair buys copies of new Band Aid\n\nTony Blair bought two copies of Band Aid 20 on Friday. {line}"
    in_article = [dataclasses.replace(s, article=article) for s in sources]
    documents = [f"Blair buys copies of new Band Aid\n\n{line}"]  # the passage under its title
    assert attribute(reply, question, sources, passages, HashEmbedder(), documents=documents).reason == \
        "number 20 is not in the source"
    assert attribute(reply, question, in_article, passages, HashEmbedder(), documents=documents).ok
    # not a number the article does not hold
    other = [dataclasses.replace(s, article=article.replace("20", "")) for s in sources]
    assert not attribute(reply, question, other, passages, HashEmbedder(), documents=documents).ok


def test_a_number_in_millions_must_be_in_millions_in_the_source():
    # found in review: '… peaked at 15 million' passed the number checks on 'the last 15 minutes'
    def reason(line: str, sentence: str, question: str) -> str:
        sources, passages = _sources(line)
        return attribute(sentence, question, sources, passages, HashEmbedder()).reason

    assert reason("The audience peaked in the last 15 minutes at 14.2 million.", "The audience peaked at 15 million.",
                  "What did the audience peak at?") == "the source gives 15, not 15m"
    assert reason("Barclays made £3.2bn, up from £2m.", "Barclays made £2bn.", "How much did Barclays make?") == \
        "the source gives 2m, not 2bn"
    # the same size written another way, and a number given with no size, pass
    assert reason("The audience peaked in the last 15 minutes at 14.2m.", "The audience peaked at 14.2 million.",
                  "What did the audience peak at?") == ""
    assert reason("The lifts travel at 17m per second.", "The lifts travel at 17 metres per second.",
                  "How fast do the lifts travel?") == ""


def test_what_someone_died_of_is_asked_as_the_cause_of_death(real_embedder):
    # calibration n246: 'What did Ossie Davis die of?' ranked 'The cause of death appears to be natural' 8th, out
    # of the model's sight; it answered 'pancreatic cancer' from another man's article
    passage = ("US actor Ossie Davis has been found dead at the age of 87. Davis was found dead on Friday in his hotel "
               "room in Miami Beach, Florida, where he was making a film. Miami Beach police spokesman Bobby "
               "Hernandez said the cause of death appeared to be natural. Davis starred in many films with his wife.")
    ranked = rank_sentences("What did Ossie Davis die of?", [passage], real_embedder)
    assert "cause of death" in passage[ranked[0].start:ranked[0].end]


def test_a_number_keeps_the_bound_its_source_gives_it():
    # a bound the source does not give is refused; a bare figure gets the source's bound back (with_bounds)
    def reason(line: str, sentence: str) -> str:
        sources, passages = _sources(line)
        return attribute(sentence, "How many people watched?", sources, passages, HashEmbedder()).reason

    assert reason("14 million people watched the final episode.", "More than 14 million people watched the final "
                  "episode.") == "the source says 14 million, not 'More than 14 million'"
    assert reason("Nearly 14 million people watched the final episode.", "Over 14 million people watched the final "
                  "episode.") == "the source says Nearly 14 million, not 'Over 14 million'"
    for said in ("About 14 million", "14 million", "Nearly 14 million"):  # 'about' may be said of any figure
        assert reason("Nearly 14 million people watched the final episode.", f"{said} people watched the final "
                      "episode.") == "", said
    line = "Shareholders lost about $180bn, and 20 or more firms went under, but 2004 saw 5 new ones."
    assert with_bounds("They lost $180bn and 20 firms went under.", "What did shareholders lose?", line) == \
        "They lost about $180bn and 20 or more firms went under."
    assert with_bounds("$180bn was lost in 2004.", "", line) == "About $180bn was lost in 2004."
    assert with_bounds("2,000 people came.", "", "More than 2,000 people came.") == "More than 2,000 people came."
    # found in the browser: the answer adds a noun before the source's next word, and the bound was lost
    den = "It remains the most-watched episode - more than 30 million tuned in."
    assert with_bounds("30 million people tuned in.", "", den) == "More than 30 million people tuned in."
    assert with_bounds("30 million people watched it.", "", den) == "30 million people watched it."  # another word
    # found in review: the answer's noun stands later in the source's clause; a figure matched by its own word first
    assert with_bounds("20 firefighters were injured.", "", "Nearly 20 injured in the blaze were firefighters.") == \
        "Nearly 20 firefighters were injured."
    wales = "More than 50 jobs will go at the Swindon site, and 50 new jobs will be created in Wales."
    assert bound_lost("More than 50 new jobs will be created in Wales.", "", wales) == \
        "the source says 50, not 'More than 50'"
    assert with_bounds("20 online journalists were arrested.", "", "Iranian authorities have arrested about 20 online "
                       "journalists.") == "About 20 online journalists were arrested."  # found asking new questions
    # left as it is: a number the question gives, or one the source also states bare
    assert with_bounds("They lost $180bn.", "Did they lose $180bn?", line) == "They lost $180bn."
    assert with_bounds("5 new firms came.", "", "5 firms came, then more than 5 left.") == "5 new firms came."


def test_a_bound_is_taken_only_from_the_same_figure_of_the_same_thing():
    # found in review: the bound of another mention of the number, or words that only look like a bound
    for sentence, line in (
            ("Prices were cut by 2%.", "The firm, with over 2 million customers, cut prices by 2%."),
            ("People lost power for 3 days.", "Over 3 million people lost power for 3 days."),
            ("£14m was raised.", "More than 14m people watched."),
            ("He was fined £500.", "He was fined £500 plus £85 costs."),
            ("Figures cover the year to 31 March.", "Figures cover the year up to 31 March."),
            ("Leaders held two days of talks.", "Leaders held talks over two days."),
            ("Unemployment rose to 5% last month.", "Unemployment went up to 5% last month."),
            ("It was a 20% rise.", "It was nearly a 20% rise."),
            ("300 jobs are at risk.", "There is a row over 300 jobs."),
            ("The No 1 single sold 1 million copies.", "The No 1 single sold 1 million copies."),
            ("Viewing reached 14 million.", "Viewing topped 14 million.")):
        assert with_bounds(sentence, "", line) == sentence, line
    assert with_bounds("No fewer than 20 died.", "", "No fewer than 20 died.") == "No fewer than 20 died."
    assert with_bounds("20 people died.", "", "No fewer than 20 people died.") == "No fewer than 20 people died."
    assert with_bounds("The turnout was 60%.", "", "The turnout was just over 60%.") == "The turnout was just over 60%."


def test_a_pair_of_lines_needs_both_lines(real_embedder):
    # calibration n220: a line that gave the pair only its words was cited beside the one that answers (a pair may
    # lack one word: 'fell'); now 'fell' is the question's 'fall' and the line that answers stands alone
    question = "By how much did global music sales fall in 2004?"
    sentence = "Global music sales fell by 1.3% in 2004."
    uk = ("The UK music industry recorded an overall 3% increase in volume sales, mostly due to its robust albums "
          "market.")
    world = "However, world music sales declined by 1.3% to $33.6 billion (£17.7 billion)."
    flat = ("But global sales of recorded music were flat in 2004, with growing sales in DVD music videos offset by "
            "online and physical piracy in major markets.")
    sources, passages = _sources(flat, uk, world)
    v = attribute(sentence, question, sources, passages, real_embedder)
    assert v.ok and v.sources == (2,), v
    assert past_forms(question) == {"fell", "fallen"} and past_forms("Did Halo 2 sell well?") == {"sold"}
    assert pairs.idle_pair(sentence, question, sources[1:]) == \
        "one of its two source sentences adds nothing to the other"
    # two lines that each give a part of it are still a pair: the question's name, and the answer
    sources, passages = _sources("Harold Wilson resigned as prime minister in 1976.", "Callaghan replaced him.")
    assert pairs.idle_pair("Callaghan took over from Harold Wilson.", "Who did Callaghan take over from?",
                             sources) == ""


def test_a_change_goes_the_way_its_source_says(real_embedder):
    # found in review: a question's words are given facts, so 'fell' passed on a line saying 'rose' when the
    # question asked 'rise or fall?' (or assumed a fall)
    def verdict(question: str, sentence: str, *lines: str) -> Verdict:
        sources, passages = _sources(*lines)
        return attribute(sentence, question, sources, passages, real_embedder)

    v = verdict("Did Yukos shares rise or fall on Monday?", "Yukos shares fell 5% on Monday.",
                "Yukos shares rose 5% on Monday after the court ruling.")
    assert not v.ok, v  # ('fall' in a choice is no given fact either)
    assert verdict("Why did Shell's profits fall in 2004?", "Profits fell by 10% in 2004.",
                   "Shell said profits rose by 10% in 2004 on higher oil prices.").reason == \
        "the source says it rose, not fell"
    assert opposite_way("The government fell to the Taliban in 1996.", "The Taliban gained control in 1996.") == ""
    # the question's own verb in its past form needs no source word; its words about the subject still do
    assert verdict("Why did the pound fall?", "The pound fell after weak jobs figures.",
                   "Sterling slid after weak jobs figures were published on Wednesday.").ok
    assert said_as_past("Mr Khodorkovsky founded Yukos.", "What did Mr Khodorkovsky find at Yukos?") == set()
    assert past_forms("Did shares rise or fall?") == set()


def test_a_line_a_pronoun_points_back_to_lends_the_question_its_words():
    # found in review: the first line gives only the question's words, the second ('It …') the answer
    sources, _ = _sources("The bank said on Tuesday it would cut jobs across its branch network.",
                          "It expects 2,000 posts to go by 2006.")
    assert pairs.idle_pair("The bank will cut 2,000 jobs by 2006.", "How many jobs will the bank cut?", sources) == ""


def test_a_quote_bolds_the_number_its_question_words_lead_to():
    # calibration n090's line: both figures stand beside 'audience' and 'peak'; 'peaked at' leads to the one asked
    line = ("The audience for BBC One's one-hour special averaged 13.7 million and peaked at 14.2 million in the last "
            "15 minutes, overnight figures showed.")
    assert "peaked at **14.2 million** in" in emphasise(
        line, "What was the peak audience when Dirty Den was killed off in EastEnders?")
    assert "averaged **13.7 million**" in emphasise(line, "What was the average audience for the special?")


def test_a_name_alone_needs_the_questions_relation_in_its_line(real_embedder):
    # calibration n045, recorded anew with the AVX-512 build: 'Jim Callaghan took over from Lord Heseltine' was
    # shown as verified (similarity 0.73): the name is in the line, and 'took over' came from the question
    question = "Who did Jim Callaghan take over from?"
    sources, passages = _sources("Conservative peer Lord Heseltine said that despite their political differences, "
                                 "he and Lord Callaghan became friends.")
    v = attribute("Jim Callaghan took over from Lord Heseltine.", question, sources, passages, real_embedder)
    assert v.reason == "the source does not say this about took", v
    sources, passages = _sources("Mr Callaghan took over from Harold Wilson in 1976.")
    assert attribute("Jim Callaghan took over from Harold Wilson.", question, sources, passages, real_embedder).ok
    # a sentence that adds more than a name is judged by those words, as before
    sources, passages = _sources("Lord Heseltine said he and Lord Callaghan became friends despite their differences.")
    assert wording.words_missing("Lord Heseltine became friends with Jim Callaghan.", "Who did Jim Callaghan "
                                 "befriend?", sources[0].text, "") == ""


def test_the_us_is_a_name_not_the_word_us():
    # found asking new questions: 'The US tops the supercomputing charts.' was refused as only repeating 'Which
    # country tops …?' (lower-cased, 'US' was the stopword 'us'), and then as giving no name
    question = "Which country tops the supercomputing charts?"
    assert screen("The US tops the supercomputing charts.", question)[1] == ""
    assert has_type("The US tops the supercomputing charts.", "place", question)
    assert has_type("The US tops the supercomputing charts.", "name", question)
    assert screen("Let us say it tops the supercomputing charts.", question)[1] == "it only repeats the question"


def test_a_count_sharing_only_a_name_with_the_question_counts_something_else():
    """Found asking new questions: 'How many Afghan refugees has Pakistan hosted?' (the seeds never say) was
    answered, generated and verified, with '… 214 Afghan nationals engaged in fighting Pakistani forces …'."""

    question = "How many Afghan refugees has Pakistan hosted?"
    line = ("The fact they were supported by hard evidence: 172 Tashkeel of almost 4,000 militants infiltrating "
            "Khyber Pakhtunkhwa; 83 Tashkeel into Balochistan; and the discovery of 214 Afghan nationals engaged in "
            "fighting Pakistani forces in 2025 alone.")
    reply = "214 Afghan nationals engaged in fighting Pakistani forces in 2025."
    assert counts_other(reply, question) == \
        "it counts 'afghan nationals', the question asks about 'afghan refugees'"
    assert counts_other("Pakistan hosts 3 million Afghan refugees.", question) == ""
    assert counts_other("172 Tashkeel of almost 4,000 militants crossed.", "How many Tashkeel crossed?") == ""
    # the cost, as with 'formal demarches' for 'protest notes': another word for the same thing is refused too
    assert counts_other("5,000 Afghan soldiers were sent.", "How many Afghan troops were sent?") != ""
    # nor is the line quoted as the answer, with a count of it in bold
    candidates = [Candidate(0, 0, len(line), 0.6, 0.5, 0.5)]
    context = [Context("", f"Pakistan and the Taliban\n\n{line}")]
    assert fallback(reply, candidates, [line], [0], question, 0.1, set(), set(), context) is None
    assert "**" not in emphasise("It found 214 Afghan nationals.", question)
    assert "**3 million**" in emphasise("It hosts 3 million Afghan refugees.", question)


def test_numbers_that_name_nothing_they_count_must_stand_beside_what_is_asked():
    """Found asking new questions: 'How many Qantas pilots went on strike?' (the articles never say) was answered,
    generated and verified, with 'Qantas increased the number of flight attendants … from 370 to 870'."""
    question = "How many Qantas pilots went on strike?"
    reply = "Qantas increased the number of flight attendants based in London from 370 to 870."
    assert counts_other(reply, question) == "it does not say it counts 'pilots'"
    assert counts_other("The number of pilots on strike rose from 370 to 870.", question) == ""
    assert counts_other("About 300 pilots struck.", question) == ""
    assert counts_other("Qantas pilots struck in 2004.", question) == ""  # a year counts nothing
    assert counts_other("Qantas has 3,000.", "How many Qantas staff?") == \
        "it does not say it counts 'staff'"


def test_a_quote_bolds_no_count_of_other_things():
    """Found asking new questions: 'How many Russian soldiers are stationed in Afghanistan?' (never said) got a
    quote with '… in the **six provinces**' in bold, as if it were the answer; and the Qantas quote '**7,000 jobs
    out**' for pilots. Bold says 'this is the answer': a line none of whose counts count what is asked gets none."""
    line = ("Al-Qaeda has fighters and training stations in the six provinces: Ghazni, Helmand, Kandahar, Kunar, "
            "Uruzgan, and Zabul.")
    assert emphasise(line, "How many Russian soldiers are stationed in Afghanistan?") == line
    line = "Last month, the company warned it may transfer as many as 7,000 jobs out Australia."
    assert emphasise(line, "How many Qantas pilots went on strike?") == line
    assert "**7,000 jobs" in emphasise(line, "How many jobs may Qantas transfer?")
    assert "**4 million**" in emphasise("Sales hit 4 million in Dec 2004.", "How many were sold?")


def test_a_name_first_in_the_sentence_needs_the_questions_relation_too(real_embedder):
    """Found asking new questions: 'Which bank bought Absa?' got 'Barclays bought Absa [1][2].' on '… its bid to
    acquire a controlling stake in … Absa, was being considered …': the name that stood first went unchecked."""
    question = "Which bank bought Absa?"
    line = ("It added its bid to acquire a controlling stake in South Africa's leading retail bank Absa, was being "
            "considered by regulatory authorities.")
    pair = f"{line} Mr Varley declined to be drawn on reports that Barclays had held merger talks with Wells Fargo."
    assert wording.words_missing("Barclays bought Absa.", question, pair, "") == \
        "the source does not say this about bought"
    assert wording.words_missing("Barclays bought Absa.", question, "Barclays bought Absa in 2005.", "") == ""
    # the word may stand in another form: calibration n209 and n204, which a first form of this check refused
    assert wording.words_missing("Lionel Richie and Michael Jackson wrote We Are The World.", "Who wrote We Are "
                                 "The World?", "The song was written by Lionel Richie and Michael Jackson.", "") == ""
    assert wording.words_missing("Mike Short chairs the Mobile Data Association.", "Who chairs the Mobile Data "
                                 "Association?", "The MDA's chairman Mike Short has predicted more.", "") == ""


def test_what_they_did_is_not_what_he_did(real_embedder):
    """Found asking new questions: 'Why is Glazer interested in Manchester United?' got '… he first showed
    interest in the club in September 2003 and after Sunday's announcement, he vowed to fight on [1]' on the fans'
    line '… since he first showed interest … and after Sunday's announcement they vowed to fight on'."""
    question = "Why is Glazer interested in Manchester United?"
    line = ("They have vehemently opposed any proposed takeover by Glazer since he first showed interest in the club "
            "in September 2003 and after Sunday's announcement they vowed to fight on.")
    sentence = ("Glazer is interested in Manchester United because he first showed interest in the club in "
                "September 2003 and after Sunday's announcement, he vowed to fight on.")
    sources, passages = _sources("Manchester United fans are angry.", line)
    assert attribute(sentence, question, sources, passages, real_embedder).reason == \
        "the source says 'they vowed', not 'he vowed'"
    assert pronoun_swapped("They vowed to fight on, and he said so.", "He said they vowed to fight on.") == ""


def test_a_deed_said_done_by_nobody_names_no_doer():
    """Found asking new questions: 'Who killed Dirty Den?' was answered, generated, with 'Dirty Den was killed off on
    Friday, marking EastEnders' 20th anniversary', the show taken for the killer."""
    question = "Who killed Dirty Den?"
    assert not has_type("Dirty Den was killed off on Friday, marking EastEnders' 20th anniversary.", "name", question)
    assert not has_type("Den was brutally killed in Walford.", "name", question)
    assert has_type("Dirty Den was killed off by Sharon Watts.", "name", question)
    assert has_type("Sharon killed Dirty Den.", "name", question)
    assert has_type("Barclays was founded by John Smith.", "name", "Who founded Barclays?")
    assert has_type("Barclays was founded in London in 1690 by John Freame.", "name", "Who founded Barclays?")
    assert has_type("Den was killed in Walford.", "name", "Who was killed in Walford?")  # asks who it was done to
    # seen asking: a quote of the line the show aired in bolded '**EastEnders**'; what was seen done names no doer
    seen = "More than 14 million people saw \"Dirty\" Den Watts killed off on Friday, marking EastEnders' 20th year."
    assert not has_type(seen, "name", question) and deed_unsaid(seen, question)
    assert has_type("Fans saw Den killed by his wife Chrissie.", "name", question)


def test_a_line_that_never_says_what_a_when_question_dates_bolds_no_date():
    """Found asking new questions: 'When will Ossie Davis's last film, Retirement, be released?' (never said) quoted
    '… Kennedy Center honours in **2004** …', the line of the refused reply '… was released in 2004'."""
    question = "When will Ossie Davis's last film, Retirement, be released?"
    line = "Davis and Dee were married for 56 years and received Kennedy Center honours in 2004 for their work."
    assert when_unsaid(line, question) and "**" not in emphasise(line, question, "It was released in 2004.")
    said = "Retirement, his last film, is to be released in June 2005."
    assert not when_unsaid(said, question) and "**June 2005**" in emphasise(said, question)
    # the question's names and its words for any time are not what it dates
    assert not when_unsaid("Riots broke out in 1985.", "When did the Brixton riots happen?")
    assert when_unsaid("Brixton had a carnival in 1985.", "When did the Brixton riots take place?")
    assert not when_unsaid("The hall was attacked in March 2024.", "When was the Moscow concert hall attacked?")
    # not 'in what year': '… entered Downing Street in **1976** …' is right for '… become prime minister?'
    assert not when_unsaid("He entered Downing Street in 1976.", "In what year did Jim Callaghan become PM?")


def test_a_count_of_a_deed_done_by_another_than_the_one_asked_about_is_not_bold():
    """Calibration n723 (never said): 'How many US patents was Microsoft granted in 2004?' quoted 'For each of the
    past **12 years** IBM has been granted more US patents than any other company.'"""
    from chatbot.deeds import done_by_other

    question = "How many US patents was Microsoft granted in 2004?"
    for line in ("For each of the past 12 years IBM has been granted more US patents than any other company.",
                 "IBM was granted 3,248 patents in 2004, more than any other firm in the US."):
        assert done_by_other(line, question) and "**" not in emphasise(line, question), line
    # the one asked about, or no one named, keeps its count
    assert "**3,000 patents**" in emphasise("Microsoft was granted 3,000 patents in 2004.", question)
    assert not done_by_other("In 2004 the firm was granted 3,000 patents.", question)
    assert not done_by_other("Pakistani forces killed 30 militants.", "How many militants did Pakistani forces kill?")


def test_a_line_saying_of_another_name_the_thing_asked_of_one_is_not_quoted():
    """Calibration s203 (never said): 'What is the estimated size of the BLA presence inside Afghanistan?' quoted '…
    safe havens for the **6,000**-strong TTP presence in Afghanistan …'."""
    from chatbot.fits import noun_of_other

    question = "What is the estimated size of the BLA presence inside Afghanistan?"
    line = "Taliban officials support safe havens for the 6,000-strong TTP presence in Afghanistan."
    assert misfit(line, question, set()) == "it is about the TTP presence, not the BLA presence"
    # a line naming the one asked about too, or the thing with no other name, or the name said otherwise, fits
    assert noun_of_other(line.replace("TTP", "TTP and BLA"), question) == ""
    assert noun_of_other(line.replace("TTP ", ""), question) == ""
    assert noun_of_other("The Russian presence in Afghanistan grows.", "How large is Russia's presence there?") == ""
    # nor for the thing a which-question asks for (a report answer was read: report s061 lost its right quote)
    assert noun_of_other("The Kabul-based Haqqani faction leads.", "Which Taliban faction is based in Kabul?") == ""


def test_a_date_said_of_another_deed_joined_after_the_asked_one_is_not_bold():
    """Calibration n720 (never said): 'In what year did Ossie Davis and Ruby Dee get married?' quoted '… married for
    more than 56 years and together received Kennedy Center honours in **2004** …'."""
    question = "In what year did Ossie Davis and Ruby Dee get married?"
    line = "Davis and Dee were married for more than 56 years and together received Kennedy Center honours in 2004."
    assert date_of_other_deed(line, line.index("2004"), question) and "**" not in emphasise(line, question)
    # the date of the asked deed keeps its bold, before or after another
    for line in ("Davis married Ruby Dee in 1948 and received honours in 2004.",
                 "Davis and Dee, who met on a film set and later married in 1948, received honours in 2004."):
        assert "**1948**" in emphasise(line, question.replace("get married", "marry")), line
    line = "Davis and Dee were married for 56 years and together received Kennedy Center honours in 2004."
    assert "**2004**" in emphasise(line, "When did Davis and Dee receive Kennedy Center honours?")
    # 'and' before a noun joins no deed
    line = "Davis married Dee and the honours came in 2004."
    assert not date_of_other_deed(line, line.index("2004"), question)


def test_one_percent_is_a_number():
    """Found asking new questions: the model's right 'The 500 patents represent approximately one percent of IBM's
    worldwide patent portfolio.' was refused as giving no number, and the quote put '**12 years**' in bold."""
    question = "What share of IBM's patent portfolio do the 500 patents represent?"
    assert has_type("The 500 patents represent approximately one percent of IBM's patent portfolio.", "number",
                    question)
    assert numbers("one per cent, 1%") == {"1"} and numbers("one of them, someone") == set()


def test_a_not_in_what_someone_is_quoted_saying_is_not_the_sentences():
    """Found asking new questions: the model's right 'Marc Samuelson is the executive producer of The Libertine.'
    was refused as the opposite of its line, whose quoted 'There isn't anything …' it never uses."""
    line = "\"There isn't anything coming in to replace (the funds),\" said The Libertine's executive producer Marc " \
           "Samuelson."
    assert not opposite(line, "Marc Samuelson is the executive producer of The Libertine.")
    assert opposite(line, "Marc Samuelson said something is coming in to replace the funds.")
    assert opposite("\"We will not sell it,\" he said.", "He said they will sell it.")


def test_how_tall_asks_a_height_not_how_much_taller():
    """Found asking new questions: 'How tall is the TFC 101 Tower?' was answered, generated, with '… more than 50m
    taller than the Petronas Towers'; refused, its 50 pointed the quote at '… and **50 escalators** …'."""
    question = "How tall is the TFC 101 Tower?"
    reply = "The TFC 101 Tower is more than 50m taller than the Petronas Towers in Kuala Lumpur, Malaysia."
    assert not has_type(reply, "number", question)
    lines = ["The lifts take 30 seconds to whisk passengers to the top of the 508m tall TFC 101 Tower in Taipei.",
             "In total, the TFC Tower has 61 lifts and 50 escalators to shuttle people around its 106 floors.",
             "Taipei's TFC 101 Tower is more than 50m taller than the Petronas Towers in Kuala Lumpur, Malaysia."]
    assert has_type(lines[0], "number", question) and not has_type(lines[2], "number", question)
    candidates = [Candidate(0, 0, 0, 1.0 - i / 10, 0.5, 0.5) for i in range(3)]
    assert pointed(reply, candidates, lines, [0, 1, 2], question, 0.2, 0.6) is None  # the ranker's line is quoted


def test_two_lines_do_not_make_one_the_way_to_the_other():
    """Found asking new questions: 'How does Moscow subsidize the Taliban without cash transfers?' was answered,
    generated, by joining the line that says how (petroleum) to the next line's intelligence sharing."""
    earlier = "Volume increases in these specific commodities serve as the primary mechanism for Moscow to subsidize " \
              "the Taliban administration without direct cash transfers."
    later = "The real health of the alliance is indicated by the volume of shared actionable intelligence that " \
            "results in verifiable disruptions of northern Afghan insurgent cells."
    sentence = "Moscow subsidizes the Taliban without cash transfers by increasing the volume of shared actionable " \
               "intelligence that results in verifiable disruptions of northern Afghan insurgent cells."
    assert "it links what two sentences say apart ('by increasing')" == pairs.linked_pair(sentence,
                                                                                         _pair(earlier, later))
    # two facts side by side are no link; nor a link one of the lines says itself
    assert pairs.linked_pair("Moscow subsidizes the Taliban without cash transfers, and shares intelligence.",
                               _pair(earlier, later)) == ""
    assert pairs.linked_pair("Moscow subsidizes the Taliban by increasing the volume of these commodities.",
                               _pair(earlier, later)) == ""
    # found in review: 'through' a place and 'by' a time or a name link nothing
    start, on = "The pipeline starts in Turkmenistan.", "It then passes through Afghanistan to reach Pakistan."
    assert pairs.linked_pair("The pipeline, which starts in Turkmenistan, passes through Afghanistan.",
                             _pair(start, on)) == ""
    assert pairs.linked_pair("The talks in Kabul will end by morning, officials in Pakistan said.",
                             _pair("The talks in Kabul will end soon.", "Officials in Pakistan said so.")) == ""


def test_a_thing_done_by_itself_is_no_answer():
    """Found asking new questions: 'Who leads the Haqqani network?' -> 'The Haqqani network is led by the
    Kabul-based Haqqani network.', generated and shown."""
    question = "Who leads the Haqqani network?"
    assert screen("The Haqqani network is led by the Kabul-based Haqqani network.", question)[1] == \
        "it says a thing is itself"
    assert screen("The Haqqani network is led by Sirajuddin Haqqani.", question)[1] == ""
    assert screen("Barclays is run by Barclays Capital chief Bob Diamond.", "Who runs Barclays?")[1] == ""
    # found in review: no name shared is no circle
    assert screen("The team was beaten by the home team.", "Who beat the team?")[1] == ""
    assert screen("The company is owned by its parent company.", "Who owns the company?")[1] == ""
    # found asking new questions: the agent's own noun ends its first phrase, not the sentence
    assert screen("The Beatles' Please Please Me suits were bought by four suits worn by the Beatles on their Please "
                  "Please Me album cover, which sold for $110,000 at a US auction.",
                  "Who bought the Beatles' Please Please Me suits?")[1] == "it says a thing is itself"
    assert screen("The Beatles' suits were bought by a collector in Texas.", "Who bought the Beatles' suits?")[1] == ""


def test_what_a_named_thing_is_said_to_be_must_be_in_its_source():
    """Found asking new questions: 'What is the ISKP?' -> 'The Islamic State Khorasan Province (ISKP) is a
    terrorist organization.', generated and shown on a line that only names it among security threats."""
    line = "The primary driver of Moscow's engagement with Kabul is the mitigation of asymmetric security threats, " \
           "specifically the Islamic State Khorasan Province (ISKP)."
    sources = [Source(0, 0, len(line), line, 0.5, 1.0)]
    verdict = attribute("The Islamic State Khorasan Province (ISKP) is a terrorist organization.", "What is the ISKP?",
                        sources, [line], HashEmbedder())
    assert verdict.reason == "the source does not say it is a terrorist organization"
    assert predicate_unsaid("The ISKP is an asymmetric security threat.", line) == ""
    # found in review: 'There was a …', 'It is a …' name nothing
    assert predicate_unsaid("There was a sharp fall in shares.", "Shares fell sharply.") == ""
    assert predicate_unsaid("It is a big fall for shares.", "Shares fell sharply.") == ""


def test_a_people_word_is_found_in_its_country():
    """Found asking new questions: the right 'Security forces and civilians have borne the brunt …' was refused for
    'Who has borne the brunt of the attacks from Afghan sanctuaries?': its article 'never mentions afghan'."""
    assert naming.unnamed("Who has borne the brunt of the attacks from Afghan sanctuaries?",
                        "Sanctuaries that benefit from porous oversight in Afghanistan.") == []
    assert naming.unnamed("Who has borne the brunt of the attacks from Afghan sanctuaries?", "Pakistan.") == ["afghan"]
    assert naming.unnamed("What do Hindu leaders say?", "The Hindustan Times said so.") == ["hindu"]  # found in review


def test_a_bold_name_leaves_out_the_word_before_it():
    """Found asking new questions: '**If Afghanistan** continues …', '**The Pakistani** agencies …'."""
    assert emphasise("If Afghanistan continues to shelter the TTP, the implications will reach beyond South Asia.",
                     "Which country shelters the TTP?").startswith("If **Afghanistan** continues")
    assert emphasise("The Pakistani agencies killed the cell.", "Who killed the cell?") == \
        "The **Pakistani** agencies killed the cell."
    # found in review: inside a sentence such a word is part of the name
    assert emphasise("The film starred Will Smith.", "Who starred in the film?") == "The film starred **Will Smith**."
    assert emphasise("The court sits in The Hague.", "Where does the court sit?") == "The court sits in **The Hague**."


def test_a_number_is_what_the_source_says_it_is_not_what_stands_near_other_words():
    """Found asking new questions: 'What is the minimum age for an MP now?' was answered, generated, with 'The current
    minimum age for an MP is 18.' on '… the current minimum age of 21 for an MP would be reduced to 18.'"""
    line = "Constitutional Affairs Minister Christopher Leslie said the current minimum age of 21 for an MP would be " \
           "reduced to 18."
    other = "Currently candidates in both local and national votes must be 21 while the voting age is 18."
    wrong = "The current minimum age for an MP is 18."
    assert described_otherwise(wrong, line) == \
        "in the source 18 is not what it says 'The current minimum age for an MP' is"
    assert described_otherwise(wrong, other)
    assert described_otherwise("The current minimum age for an MP is 21.", line) == ""
    verdict = attribute(wrong, "What is the minimum age for an MP now?", [Source(0, 0, len(line), line, 0.5, 1.0)],
                        [line], HashEmbedder())
    assert not verdict.ok and "is not what it says" in verdict.reason
    assert described_otherwise("The voting age is 18.", other) == ""
    # found in review: the source says what the number is, past an aside with numbers of its own
    assert described_otherwise("The minimum age for candidates is 18.",
                               "The minimum age for candidates, lowered from 25 in 2006, is 18.") == ""
    # a name is who it is said of, not how the number is described ('Debra Hill was 54 …' on '… aged 54')
    assert described_otherwise("Debra Hill was 54 years old.", "Debra Hill, best known for Halloween, has died in "
                               "Los Angeles aged 54, after a fall in 2004 that left 3 hurt.") == ""
    # calibration n090: two verbs of one subject, each with its number; the second number has the subject too
    den = "The audience for BBC One's one-hour special averaged 13.7 million and peaked at 14.2 million in the last " \
          "15 minutes, overnight figures showed."
    assert described_otherwise("The peak audience when Dirty Den was killed off was 14.2 million.", den) == ""
    assert described_otherwise("The average audience for the special was 14.2 million.", den)
    assert described_otherwise("The average audience for the special was 13.7 million.", den) == ""


def test_an_acronym_the_question_uses_is_found_spelled_out_in_part_of_a_name():
    """Found asking new questions: 'How many reporters did the FT offer voluntary redundancy to?' was refused: 'the
    documents found never mention ft', though "Pearson's Financial Times said … about 30 reporters"."""
    question = "How many reporters did the FT offer voluntary redundancy to?"
    line = "Pearson's Financial Times said last week it was offering voluntary redundancy to about 30 reporters."
    assert gate.evidence(question, [line], [0.5], [0.5]).missing == ()
    assert naming.unnamed(question, line) == []
    assert gate.evidence(question, ["The Times offered redundancy."], [0.5], [0.5]).missing == ("ft",)
    assert not gate._related("Who leads Hamas?", ["Hamas said it would lead the talks with Egypt."])  # review
    # found asking new questions, refused (0.34): the acronym spelled out in the relating line, 'leads' a 'leader'
    snp = "The Scottish National Party's Holyrood leader, Nicola Sturgeon, welcomed the move."
    assert gate._related("Who leads the SNP at Holyrood?", [snp])
    assert not gate._related("Who leads the SNP at Holyrood?", [snp.replace("leader", "member")])
    # and a name with a number in it is asked about as any name (refused, 0.23)
    section = "It is also due to announce a replacement for UK film tax relief scheme Section 48 in July."
    assert gate.evidence("What is Section 48?", [section], [0.23], [0.5]).defined
    assert gate.evidence("What is Section 49?", [section], [0.23], [0.5]).missing == ("49",)
    sources = [Source(0, 0, len(line), line, 0.5, 1.0)]
    assert "'ft' is not in the source" not in attribute("The FT offered voluntary redundancy to about 30 reporters.",
                                                        question, sources, [line], HashEmbedder()).reason
    # found in review: two letters in any two capitalised words are no spelling out; a part needs an owner before
    assert gate.evidence(question, ["Fernando Torres Smith said 30 reporters left."], [0.5], [0.5]).missing == ("ft",)


def test_a_quote_stands_in_an_article_naming_the_person_asked_about_not_only_his_mr():
    """Found asking new questions: 'How long was he jailed for?' after 'Who is Arash Sigarchi?' quoted the Ebbers
    article's '… a jail sentence of up to **85 years if convicted** …': its 'Mr Ebbers' had the question's 'Mr'."""

    question = "How long was Mr Sigarchi jailed for?"
    line = "Mr Ebbers could face a jail sentence of up to 85 years if convicted of all the charges he is facing."
    candidates = [Candidate(0, 0, len(line), 0.6, 0.5, 0.5)]
    context = [Context("", f"Ebbers denies WorldCom fraud\n\n{line}")]
    asked = naming.asked_names(question)
    assert "mr" in asked and fallback("", candidates, [line], [0], question, 0.1, set(), asked, context) is None
    context = [Context("", f"Mr Sigarchi and Mr Ebbers\n\n{line}")]
    assert fallback("", candidates, [line], [0], question, 0.1, set(), asked, context) == 0


def test_a_name_alone_needs_the_deed_the_question_asks_the_doer_of():
    """Found asking new questions: 'Who replaced Kilroy-Silk as UKIP leader?' (the articles never say) was answered,
    generated, with 'Damian Hockney replaced Kilroy-Silk as UKIP leader.' on a line with no 'replaced'."""
    line = "Damian Hockney said ex-chatshow host Mr Kilroy-Silk would \"deliver better\" as the leader of a " \
           "eurosceptic party."
    sources = [Source(0, 0, len(line), line, 0.5, 1.0)]
    question = "Who replaced Kilroy-Silk as UKIP leader?"
    verdict = attribute("Damian Hockney replaced Kilroy-Silk as UKIP leader.", question, sources, [line],
                        HashEmbedder(), documents=[f"Kilroy-Silk quits 'shameful' UKIP\n\n{line}"])
    assert verdict.reason == "the source does not say this about replac"
    said = "Damian Hockney replaced Mr Kilroy-Silk as the leader of a eurosceptic party, UKIP."
    assert "replac" not in attribute("Damian Hockney replaced Kilroy-Silk as UKIP leader.", question,
                                     [Source(0, 0, len(said), said, 0.5, 1.0)], [said], HashEmbedder(),
                                     documents=[f"Kilroy-Silk quits 'shameful' UKIP\n\n{said}"]).reason
    # found in review: the deed in another form of an irregular verb ('written' for 'Who wrote …?')
    line = "Jane Smith, who reviewed the novel for the Times, praised its author."
    assert attribute("The novel was written by Jane Smith.", "Who wrote the novel?",
                     [Source(0, 0, len(line), line, 0.5, 1.0)], [line], HashEmbedder()).reason == \
        "the source does not say this about written"


def test_a_quote_bolds_no_name_on_a_line_without_the_deed_asked_about():
    """Found in the browser: 'Who replaced Kilroy-Silk as UKIP leader?' (never said) quoted '**Damian Hockney** said
    … Mr Kilroy-Silk would "deliver better" as the leader …', the bold telling the reader he is the answer."""
    line = "Damian Hockney said ex-chatshow host Mr Kilroy-Silk would \"deliver better\" as the leader of a party."
    assert emphasise(line, "Who replaced Kilroy-Silk as UKIP leader?") == line
    assert emphasise("Barclays and California-based Wells Fargo may merge.", "Who founded Barclays?") == \
        "Barclays and California-based Wells Fargo may merge."
    assert "**Damian Hockney**" in emphasise("Damian Hockney replaced Mr Kilroy-Silk as leader.",
                                             "Who replaced Kilroy-Silk as UKIP leader?")
    assert "**Edward Leigh**" in emphasise("Committee chairman Edward Leigh said so.",
                                           "Who chairs the Public Accounts Committee?")


def test_a_thing_known_as_a_name_is_called_it():
    """Found asking new questions: 'What is the new Turkish currency called?' -> the model's right 'The new Turkish
    currency is called the new lira.' was refused two ways: 'turkish' was not found in an article on Turkey, and
    'the new lira' gave no name the question did not ('new' is the question's)."""
    article = "Turkey knocks six zeros off lira\n\nTurkey is to relaunch its currency on Saturday."
    line = "The currency - officially to be known as the new lira - will be launched at midnight on 1 January."
    question = "What is the new Turkish currency called?"
    sources = [Source(0, 0, len(line), line, 0.5, 1.0)]
    verdict = attribute("The new Turkish currency is called the new lira.", question, sources, [line], HashEmbedder(),
                        documents=[f"{article} {line}"])
    assert verdict.ok, verdict.reason
    assert has_type("It is called the new lira.", "name", question)
    assert not has_type("It is called the new currency.", "name", question)
    assert naming.unnamed("Which French minister resigned?", "France's minister resigned.") == []


def test_a_comparison_is_quoted_only_with_what_the_question_compares_with():
    """Found asking new questions: 'How much faster is Blue Gene/L than Japan's Earth Simulator?' (never said) quoted
    '… will be **five million times faster**', a comparison with the Cray-1 named the sentence before; then the
    Earth Simulator's '**35.86**', which says nothing is faster."""
    question = "How much faster is Blue Gene/L than Japan's Earth Simulator?"
    line = "The Blue Gene/L machine that will be completed next year will be five million times faster."
    assert misfit(line, question, set()) == "it compares with another thing than Japan's Earth Simulator"
    assert misfit("The previous top machine, Japan's NEC Earth Simulator, clocked up 35.86.", question, set()) == \
        "it says nothing is faster"
    assert misfit("Blue Gene/L is twice as fast as the Earth Simulator.", question, set()) == ""
    assert misfit("It is 50m taller than the Petronas Towers.", "How much taller is it than the Petronas Towers?",
                  set()) == ""


def test_up_by_a_number_is_a_rise():
    """Found asking new questions: the model's right 'Exports rose by 30% this year.' for 'How much did exports rise
    in Turkey this year?' was refused, 'the source says it fell, not rose': '… inflation fell below 10% … while
    exports are up 30% this year' (the 'up' was not read as a rise, so only the fall was)."""
    source = "Inflation fell below 10% earlier this year for the first time in decades while exports are up 30% " \
             "this year."
    assert opposite_way(source, "Exports rose by 30% this year.") == ""
    assert opposite_way("Shares were down 5% on Monday.", "Shares rose 5% on Monday.") == \
        "the source says it fell, not rose"


def test_a_line_saying_last_year_answers_a_question_naming_a_year_only_when_that_year_is_said():
    """Found asking new questions: 'How many films were made in the UK in 2005?' was answered, generated,
    'Twenty-seven British films were made in the UK last year' (the article's 'last year' is 2004)."""
    title = "Film production 'falls' 40% in UK"
    first = "The number of British films produced in the UK fell 40% in 2004, Screen Daily has said."
    line = "Twenty-seven British films were made in the UK last year following a drop in funding, compared with 45 " \
           "in 2003, according to the trade weekly."
    later = "It is too early to say whether the downward trend would continue throughout 2005."
    article = f"{title}\n\n{first} {line} {later}"
    assert other_year("How many films were made in the UK in 2005?", line, first, article) == \
        "the question asks about 2005; the source says 'last year' and does not say it is 2005"
    # its 'last year' is the asked one (named in the first sentence); 2003 is what it is compared with
    assert other_year("How many films were made in the UK in 2004?", line, first, article) == ""
    assert other_year("How many films were made in the UK in 2003?", line, first, article) == ""
    # for a count, a line naming only other years (found asking: quoted, the year in bold)
    shot = "A fall in the number of US films shot in the UK during 2004 is expected."
    assert other_year("How many films were made in the UK in 2005?", shot, first, article) == \
        "the question asks about 2005; the source speaks of 2004"
    # a cause may name another year (report n125's 'The drop was put down to 2003 being an especially good year')
    assert other_year("Why did film production fall in 2004?", "2003 was an especially good year.", "", article) == ""
    # a count said for no year, in an article that never names the asked one
    barclays = "Barclays profits hit record level\n\nProfits for the year to 31 December rose 20% to £4.6bn."
    assert other_year("How much profit did Barclays make in 2003?", "Profits … rose 20% to £4.6bn.", "", barclays) == \
        "the question asks about 2003; its article never names 2003"
    assert other_year("How much profit did Barclays make?", "Profits … rose 20% to £4.6bn.", "", barclays) == ""
    # the checks use it: a generated sentence, and the line to quote
    sources = [Source(0, len(first) + 1, len(first) + 1 + len(line), line, 0.5, 1.0, article)]
    verdict = attribute("Twenty-seven British films were made in the UK last year.",
                        "How many films were made in the UK in 2005?", sources, [f"{first} {line}"], HashEmbedder())
    assert not verdict.ok and "does not say it is 2005" in verdict.reason
    assert "speaks of 2004" in misfit(shot, "How many films were made in the UK in 2005?", set(), first, article)
    # … and the ranker's line, quoted when the reply points nowhere
    counted = "Some 81 US films were shot in the UK during 2004."
    shots = [Candidate(0, 0, len(counted), 0.6, 0.6, 0.5)]
    for year, pick in (("2005", None), ("2004", 0)):
        assert fallback("", shots, [counted], [0], f"How many US films were shot in the UK in {year}?", 0.1, set(),
                        set(), [Context(first, article)]) == pick
    # a year a count is compared with is not its year (found by an earlier test: Barclays' '… jump on 2003 figures')
    assert other_year("How much did Barclays make in 2004?", "Its wing made £347m, an 82% jump on 2003 figures.", "",
                      "Barclays 2004") == ""


def test_the_bold_count_is_the_asked_years():
    """Found asking new questions: 'How many British films were made in the UK in 2003?' quoted the right line with
    its 2004 count in bold."""
    line = "Twenty-seven British films were made in the UK last year following a drop in funding, compared with 45 " \
           "in 2003, according to the trade weekly."
    assert "compared with **45** in 2003" in emphasise(line, "How many British films were made in the UK in 2003?")
    assert emphasise(line, "How many British films were made in the UK last year?").startswith(
        "**Twenty-seven British films**")


def test_what_a_which_clause_says_of_one_name_is_not_said_of_another():
    """Found asking new questions: 'What is the Kandahari faction focused on?' was answered, generated, 'The Kandahari
    faction focuses on bureaucratic governance and security operations.': the source says it of the Haqqani network."""
    line = "Internal friction between the Kandahari faction, centered around traditional ideological purity, and the " \
           "Kabul-based Haqqani network, which focuses on bureaucratic governance and security operations, creates " \
           "systemic unpredictability."
    sources = [Source(0, 0, len(line), line, 0.5, 1.0)]
    wrong = attribute("The Kandahari faction focuses on bureaucratic governance and security operations.",
                      "What is the Kandahari faction focused on?", sources, [line], HashEmbedder())
    assert not wrong.ok and wrong.reason == "in the source 'focuses on bureaucratic governance and security " \
        "operations' is said of 'the Kabul-based Haqqani network'"
    assert attribute("The Haqqani network focuses on bureaucratic governance and security operations.",
                     "What does the Haqqani network focus on?", sources, [line], HashEmbedder()).ok


def test_a_products_plural_is_its_name_and_its_number_is_not_a_count():
    """Found asking new questions: 'How many slim PlayStations were sold in the first week?' was refused ('the
    documents found never mention playstations'); 'How many PlayStations has Sony sold in the UK?' quoted the line
    with the '2' of 'PlayStation 2' in bold."""
    line = "Sony PlayStation 2's slimmer shape has proved popular with UK gamers, with 50,000 sold in its first week."
    assert mentioned("playstations", line) and mentioned("ipods", "the iPod mini")
    assert not mentioned("williams", "Prince William said") and not mentioned("barclays", "Mr Barclay")
    assert emphasise(line, "How many PlayStations has Sony sold in the UK?") == line.replace("50,000 sold",
                                                                                             "**50,000 sold**")


def test_a_name_with_a_middle_initial_is_asked_about_and_the_initial_must_be_found():
    """Found asking new questions: 'Who is John E. Kelly?' was refused (similarity 0.37): a name's initial was not
    read as part of it. Once it was, 'Who is John F. Kennedy?' was answered from '… said John Kennedy, chief
    executive of …': a question's middle initial must be in the passages too."""
    kelly = "In a statement, Dr John E. Kelly, IBM senior vice president, Technology and Intellectual Property, " \
            "said: \"True innovation leadership is about more than just the numbers of patents granted.\""
    ev = gate.evidence("Who is John E. Kelly?", [kelly], [0.37], [0.6])
    assert ev.defined and not ev.missing and not gate.refuse_before(ev, gate.Thresholds())
    kennedy = "\"Digital sales are booming,\" said John Kennedy, chief executive of the IFPI."
    ev = gate.evidence("Who is John F. Kennedy?", [kennedy], [0.45], [0.6])
    assert ev.missing == ("John F. Kennedy",)
    assert "never mention 'John F. Kennedy'" in gate.refuse_before(ev, gate.Thresholds())
    assert not gate.evidence("Who is John Kennedy?", [kennedy], [0.45], [0.6]).missing


def test_an_age_the_source_gives_in_commas_is_the_replys_years_old_and_only_the_age_is_bold(real_embedder):
    """Found asking new questions: 'Stephen Nogar was 57 years old.' was refused ('most of what it adds is not in
    the source (year)'); the quote shown instead had '**57, said before**' in bold."""
    line = "And frankly, we could use the money,\" Mr Nogar's son Stephen, 57, said before the auction."
    sources, passages = _sources(line)
    question = "How old was Stephen Nogar?"
    assert attribute("Stephen Nogar was 57 years old.", question, sources, passages, real_embedder).ok
    assert not attribute("Stephen Nogar was 58 years old.", question, sources, passages, real_embedder).ok
    sources, passages = _sources("Stephen Nogar bought 57 records before the auction.")
    assert not attribute("Stephen Nogar was 57 years old.", question, sources, passages, real_embedder).ok
    assert emphasise(line, question) == line.replace("57,", "**57**,")


def test_a_count_is_not_quoted_from_an_article_without_a_word_of_the_question_but_its_names():
    """Found asking new questions: 'How much did Vodafone pay for its licence?' (never said) quoted '… phones …
    cost about **£2,000** …' from the article on mobiles, which never speaks of paying or a licence."""
    line = "Mike Caudwell, spokesman for Vodafone, said that when phones were launched they were the size of a " \
           "briefcase, cost about £2,000 and had a battery life of little more than 20 minutes."
    article = f"Mobiles rack up 20 years of use\n\nBritain's first mobile phone call was made across the Vodafone " \
              f"network on 1 January 1985. {line}"
    question = "How much did Vodafone pay for its licence?"
    assert topic_unsaid(line, question, article)
    assert misfit(line, question, set(), "", article) == "it shares no word with the question but its names"
    assert not topic_unsaid(line, "How much did the first Vodafone phones cost?", article)
    # other words for the question's, which the article uses somewhere: 'spoke' is 'speak'
    assert not topic_unsaid('"In a lot of weeks, we would speak ... three or four times," Mr Ebbers said.',
                            "How often did Ebbers say he spoke with Scott Sullivan?", "Mr Sullivan spoke of it.")
    assert not topic_unsaid(line, "Who is Mike Caudwell?", article)  # not a count


def test_a_count_is_not_quoted_from_a_line_without_the_name_the_question_counts_by():
    """Found asking new questions of the seeds: 'How many ISKP fighters are in Afghanistan?' (never said) quoted
    '… safe havens for the 6,000-strong TTP presence in Afghanistan …'."""
    line = "The very Taliban officials support logistics, weapons, financing, and safe havens for the 6,000-strong " \
           "TTP presence in Afghanistan, which is directly opposed by the official denials of Kabul."
    candidates = [Candidate(0, 0, len(line), 0.6, 0.5, 0.5)]
    context = [Context("", f"Pakistan, the TTP and ISKP\n\nFighters crossed. {line}")]
    question = "How many ISKP fighters are in Afghanistan?"
    assert fallback("", candidates, [line], [0], question, 0.1, set(), {"iskp"}, context) is None
    assert fallback("", candidates, [line], [0], "How many TTP fighters are in Afghanistan?", 0.1, set(), {"ttp"},
                    context) == 0


def test_a_number_that_is_part_of_a_name_must_be_found_with_it():
    """Found asking new questions: 'How many copies has Halo 3 sold?' (never said) quoted '… sold more than **five
    million copies** …' of Halo 2: the passages had a '3' elsewhere, so nothing the question named was missing."""
    passages = ["Halo 2 has sold more than five million copies, with 3 servers added."]
    ev = gate.evidence("How many copies has Halo 3 sold?", passages, [0.6], [0.6])
    assert ev.missing == ("Halo 3",) and "never mention 'Halo 3'" in gate.refuse_before(ev, gate.Thresholds())
    for question in ("How many copies has Halo 2 sold?", "How many servers were added in Britain 3 years ago?",
                     "What happened on 3 March?"):
        assert "Halo 3" not in gate.evidence(question, passages, [0.6], [0.6]).missing, question


def test_a_year_compared_with_has_its_own_count_and_a_four_digit_count_or_a_date_is_no_year():
    """Found in review: 'Twenty-seven British films were made in the UK in 2003.' passed on '… 27 … last year …,
    compared with 45 in 2003'; '… sent 2000 troops' was read as speaking of the year 2000; '… ending on 31 December
    2004' lost its year as if compared with ('on 2004')."""
    line = "Twenty-seven British films were made in the UK last year, compared with 45 in 2003."
    question = "How many British films were made in the UK in 2003?"
    assert compared_count("27 British films were made in the UK in 2003.", question, line) == \
        "the source's count for 2003 is 45"
    assert compared_count("45 British films were made in the UK in 2003.", question, line) == ""
    assert compared_count("Global Investors made £347m in 2003.", "How much did Global Investors make in 2003?",
                          "Its Global Investors wing made £347m, an 82% jump on 2003 figures.") == \
        "the source names 2003 only to compare with it"
    sources, passages = _sources(line.replace("Twenty-seven", "27"))
    verdict = attribute("27 British films were made in the UK in 2003.", question, sources, passages, HashEmbedder())
    assert not verdict.ok and verdict.reason == "the source's count for 2003 is 45"
    assert other_year("How many troops did the US send to Falluja in 2005?", "The US sent 2000 troops to Falluja.",
                      "", "") == ""
    assert other_year("How much profit did Barclays make in 2005?",
                      "Profits for the year ending on 31 December 2004 rose to £4.6bn.", "", "") == \
        "the question asks about 2005; the source speaks of 2004"


def test_review_of_the_twenty_eighth_stop_bold_plurals_these_and_an_empty_history():
    """Found in review: 'US' was read as a product name, so '300 people' after it was no count; the asked year's
    bonus went to '81' of '81 from 102 in 2003'; 'mcwilliams' was found in 'McWilliam', 'jeans' in 'JEAN'; a line
    with 'such as' leaned back for any question with no kind of answer; an empty history raised IndexError."""
    assert emphasise("In the US 300 people were killed in the storms.", "How many people were killed?") == \
        "In the US **300 people** were killed in the storms."
    assert emphasise("Co-productions fell to 81 from 102 in 2003.", "How many co-productions were there in 2003?") \
        == "Co-productions fell to 81 from **102** in 2003."
    assert not mentioned("mcwilliams", "Rob McWilliam said") and not mentioned("jeans", "JEAN")
    assert mentioned("playstations", "PlayStation 2") and mentioned("ipods", "the iPod mini")
    these = "Volume increases in these specific commodities serve as the primary mechanism."
    assert leans_back(these, "Look for tariffs.", "How does Moscow subsidize the Taliban?")
    assert not leans_back(these, "Look for tariffs.", "What is the Kandahari faction focused on?")
    assert not leans_back("Countries such as Iran and China agreed.", "Look for tariffs.", "Why did they agree?")
    assert understood([]) == ""
    # found in review: another Kennedy's initial is not his; a sentence's capital after an initial is no name
    kennedy = "\"Digital sales are booming,\" said John Kennedy, chief executive of the IFPI."
    ev = gate.evidence("Who is John F. Kennedy?", [kennedy + " Robert F. Kennedy was shot."], [0.45], [0.6])
    assert ev.missing == ("John F. Kennedy",)
    assert gate.evidence("What is vitamin D. Is it needed?", ["Vitamin D is needed."], [0.45], [0.6]).missing == ()


def test_a_which_clause_is_said_of_the_last_name_before_it_or_the_one_its_appositive_describes():
    """Found in review: '… Dr John Kelly, IBM's senior vice president, who leads research …' refused 'John Kelly
    leads research …' (said of 'IBM's senior vice president'); 'Tony Blair met Gordon Brown, who wants lower taxes'
    let 'Tony Blair wants lower taxes for families.' through (the antecedent ran from the sentence's start)."""
    kelly = "Dr John Kelly, IBM's senior vice president, who leads research on chips and patents, said so."
    assert said_of_other("John Kelly leads research on chips and patents.", "What does John Kelly lead?", kelly) == ""
    blair = "Tony Blair met Gordon Brown, who wants lower taxes for families, on Monday."
    assert said_of_other("Tony Blair wants lower taxes for families.", "What does Tony Blair want?", blair) == \
        "in the source 'wants lower taxes for families' is said of 'Gordon Brown'"


def test_a_count_the_source_gives_the_year_before_is_not_the_named_years():
    """Found asking new questions: 'And the year before?' after 'How much did Saab lose in 2004?' was answered,
    generated, 'Saab lost $500m in 2004.' (the source: '… halved in 2004 to $200m … from $500m the previous
    year')."""
    line = "Saab is losing money fast - albeit with losses halved in 2004 to $200m (£104m; 151m euros) from $500m " \
           "the previous year."
    assert prior_year_count("Saab lost $500m in 2004.", line) == "in the source 500 is the previous year's, not 2004's"
    assert prior_year_count("Saab lost $200m in 2004.", line) == ""
    assert prior_year_count("Saab lost $500m the previous year.", line) == ""
    sources, passages = _sources(line)
    verdict = attribute("Saab lost $500m in 2004.", "And the year before?", sources, passages, HashEmbedder())
    assert not verdict.ok and "previous year's" in verdict.reason


def test_a_count_of_another_month_is_not_quoted_for_the_month_asked():
    """Found asking new questions: 'How many texts were sent in December?' quoted "Before December's bumper text
    record, the previous highest monthly total was in October 2004, when **2.3 billion** were sent."."""
    question = "How many texts were sent in December?"
    october = "Before December's bumper text record, the previous highest monthly total was in October 2004, when " \
              "2.3 billion were sent."
    december = "The figures showed that 2.4 billion were fired off in December alone, the highest monthly total ever."
    assert misfit(october, question, set()) == "its count is October's"
    assert count_of_month(question, december) == ""
    assert count_of_month("How many texts were sent on 31 December?", "133 million text messages were sent between "
                          "midnight on 31 December and 1 January.") == ""
    candidates = [Candidate(0, 0, len(october), 0.7, 0.6, 0.5), Candidate(0, 0, len(december), 0.6, 0.6, 0.5)]
    context = [Context("", f"Text message record smashed\n\n{december} {october}")] * 2
    assert fallback("", candidates, [october, december], [0, 1], question, 0.1, set(), set(), context) == 1


def test_a_who_did_quote_prefers_a_line_of_the_top_three_that_says_the_deed():
    """Found asking new questions: 'Who tops the music rich list?' quoted the line the refused reply ('Judy Craymer
    tops the music rich list.') pointed at, "Producer Judy Craymer is the highest new entry …", not '… taking the top
    spot … is former record label boss Clive Calder …'."""
    craymer = "Producer Judy Craymer is the highest new entry in the Sunday Times' music rich list, with a £67m " \
              "fortune."
    calder = "But taking the top spot for a second year is former record label boss Clive Calder, whose wealth has " \
             "risen to £1.3bn."
    candidates = [Candidate(0, 0, len(craymer), 0.64, 0.66, 0.6), Candidate(0, 0, len(calder), 0.55, 0.34, 0.4)]
    context = [Context("", f"Abba queen enters music rich list\n\n{craymer} {calder}")] * 2
    question = "Who tops the music rich list?"
    assert fallback("Judy Craymer tops the music rich list.", candidates, [craymer, calder], [0, 1], question, 0.1,
                    set(), set(), context) == 1
    assert fallback("", candidates[:1], [craymer], [0], question, 0.1, set(), set(), context[:1]) == 0  # else itself


def test_a_who_did_quote_keeps_its_line_over_one_on_none_of_the_things_asked():
    """Found in the browser: 'Who carried out the March 2024 attack on the Moscow concert hall?' quoted '… the TTP …
    continues to exploit … porous border with **Pakistan** to carry out attacks', which says the deed of no attack the
    question names, over the line it names ('… attributed to ISIS-K …', which does not say 'carried out')."""
    attributed = "The March 2024 attack on a Moscow concert hall, attributed to ISIS-K, underscores the " \
                 "vulnerability that Russia faces from these radical groups."
    ttp = "The TTP, a terrorist group aligned with the Afghan Taliban, continues to exploit Afghanistan's porous " \
          "border with Pakistan to carry out attacks."
    candidates = [Candidate(0, 0, len(attributed), 0.6, 0.6, 0.5), Candidate(0, 0, len(ttp), 0.5, 0.4, 0.4)]
    context = [Context("", f"Russia's gamble\n\n{attributed} {ttp}")] * 2
    question = "Who carried out the March 2024 attack on the Moscow concert hall?"
    assert fallback("", candidates, [attributed, ttp], [0, 1], question, 0.1, set(), {"moscow"}, context) == 0


def test_review_of_the_twenty_ninth_stop_years_months_and_prior_counts():
    """Review: 'Its 2003 sales' was read as a count of sales, not the year 2003; 'may' (the verb) and 'March 3'
    (a day) decided whose month a count was; the year-before rule spanned a year ('5 million in 2004 beat the
    previous year's record'); a compared amount ('£3.8bn') was not seen as compared."""
    question = "How many cars did Saab sell in 2004?"
    assert other_year(question, "Its 2003 sales were 5 million cars.", "", "Saab 2003 2004") == \
        "the question asks about 2004; the source speaks of 2003"
    assert other_year(question, "In 2003 sales reached 5 million cars.", "", "Saab 2003 2004") != ""
    assert other_year("How many troops were sent in 2004?", "The US sent 2000 troops.", "", "") == ""
    texts = "How many texts were sent in December?"
    assert count_of_month(texts, "Operators may have seen 2.3 billion texts sent over the whole of December.") == ""
    assert count_of_month(texts, "Figures released on March 3 show 2.3 billion texts were sent in December.") == ""
    assert count_of_month(texts, "In May, 1.9 billion texts were sent, and in December 2.3 billion.") == ""
    assert count_of_month(texts, "In December, 1 billion were sent, and in May 2.3 billion.") == ""
    assert count_of_month(texts, "In May, 2.3 billion texts were sent.") == "its count is May's"
    assert prior_year_count("Sales were 5 million in 2004.", "Sales of 5 million in 2004 beat the previous year's "
                            "record.") == ""
    line = "Barclays made £4.6bn last year, compared with £3.8bn in 2003."
    barclays = "How much profit did Barclays make in 2003?"
    assert compared_count("Barclays made £4.6bn in 2003.", barclays, line) == "the source's count for 2003 is 3.8"
    assert compared_count("Barclays made £3.8bn in 2003.", barclays, line) == ""
    assert compared_count("It made £5m in 2003.", "How much in 2003?", "It made £5m last year, compared with £12m "
                          "and £9m in 2003.") == "the source's count for 2003 is 9"  # in order of size, not of text


def test_review_of_the_twenty_ninth_stop_bold_gate_and_followups():
    """Review: 'an NSA trip' was bold where the line counts the NSA trips the question asks of ('four NSA trips');
    'What caused the plane crash?' and 'What should the government do …?' were taken for which-questions naming the
    thing asked for ('caused', 'should'); 'Terminal 5' was not found as 'Terminal Five'; 'Mr' was a missing name and
    an initial's first name; 'Hunter S Thompson' was read as a hunter named S Thompson."""
    trips = "How many NSA trips did Islamabad send to Kabul?"
    assert emphasise("Islamabad sent four NSA trips to Kabul in 2023, after an NSA trip to Delhi in 2022.", trips) \
        == "Islamabad sent **four NSA trips** to Kabul in 2023, after an NSA trip to Delhi in 2022."
    assert emphasise(TRIPS, trips) == TRIPS.replace("an NSA trip", "**an NSA trip**")
    passages = ["The plane crash killed 117 people on Saturday, officials said.",
                "The government has been urged to act on pensions by the report.",
                "Central Asia could face spillover risks from the conflict."]
    for question in ("What caused the plane crash?", "What should the government do about pensions?",
                     "What might the government do on pensions?"):
        assert not gate.evidence(question, passages, [0.2] * 3, [0.3] * 3).defined, question
    assert gate.evidence("Which regions could face spillover risks?", passages, [0.2] * 3, [0.3] * 3).defined
    heathrow = ["Heathrow's Terminal Five will open in 2008."]
    assert gate.evidence("When will Heathrow Terminal 5 open?", heathrow, [0.5], [0.5]).missing == ()
    assert gate.evidence("When will Heathrow Terminal 3 open?", heathrow, [0.5], [0.5]).missing == ("3",)
    assert gate.evidence("Why did Mr J. Smith resign?", ["J. Smith, the chairman, resigned on Monday."], [0.5],
                         [0.5]).missing == ()
    for name in ("Hunter S Thompson", "Victor Hugo Chavez", "Porter Goss Jr"):
        assert followup.answered_person(f"{name} wrote the book [1].") == name
    assert followup.answered_person("Spokesman John Smith said so [1].") == "John Smith"


def test_a_prize_said_before_a_name_is_that_persons():
    """Found asking new questions: 'Who won the Booker Prize this year?' was answered, generated, 'Andrea Levy won
    the Booker Prize this year.' from '… after beating Booker winner Alan Hollinghurst's The Line of Beauty.' and
    'Orange Prize winner Andrea Levy has seen her book Small Island win …'."""
    booker = "She is now favourite to win the overall prize after beating Booker winner Alan Hollinghurst's The " \
             "Line of Beauty."
    orange = "Orange Prize winner Andrea Levy has seen her book Small Island win the Whitbread Novel of the Year Award."
    question = "Who won the Booker Prize this year?"
    sources, passages = _sources(booker, orange)
    verdict = attribute("Andrea Levy won the Booker Prize this year.", question, sources, passages, HashEmbedder())
    assert not verdict.ok  # the pair of lines held every word
    text = f"{booker} {orange}"
    assert title_of_other("Andrea Levy won the Booker Prize this year.", text) == \
        "in the source 'Booker winner' is Alan Hollinghurst"
    for faithful in ("Alan Hollinghurst won the Booker Prize.", "Andrea Levy won the Orange Prize.",
                     "Levy beat Booker winner Alan Hollinghurst.", "The Booker Prize went to a novel."):
        assert title_of_other(faithful, text) == "", faithful


def test_where_one_is_from_is_not_where_one_is_held():
    """Found asking new questions: 'Where are the four detainees from?' was answered, generated, 'The four
    detainees are from Cuba.' from '… the treatment of the detainees in Cuba.'; its quote then bolded 'Cuba'. The
    article says 'Moazzam Begg, from Birmingham, …'."""
    cuba = "Human rights campaigners have been outraged at the treatment of the detainees in Cuba."
    question = "Where are the four detainees from?"
    sources, passages = _sources(cuba)
    verdict = attribute("The detainees are from Cuba.", question, sources, passages, HashEmbedder())
    assert not verdict.ok and verdict.reason == "the source says 'in Cuba', not 'from Cuba'"
    assert origin_unsaid("Moazzam Begg is from Birmingham.", "Moazzam Begg, from Birmingham, was held in Cuba.") == ""
    assert origin_unsaid("Habib is from Australia.", "… Australian Mamdouh Habib, held in Australia …") == ""
    assert origin_unsaid("He is from Cuba.", "He was born in Cuba and lives in Miami.") == ""
    assert misfit(cuba, question, set()) == "it does not say where anyone is from"
    assert misfit("Moazzam Begg, from Birmingham, was held in Cuba.", question, set()) == ""
    assert misfit(cuba, "Where were the detainees held?", set()) == ""


def test_a_named_persons_words_and_the_line_after_that_calls_them_he_pass_the_gate():
    """Found asking new questions, both refused (similarity 0.37, 0.39): 'What did Menzies Campbell say about the
    four?' ('… spokesman Sir Menzies Campbell said the four had been rescued …') and 'Where is John Guy a fellow?'
    ('Guy has published many histories … He is a fellow at Clare College, Cambridge …')."""
    campbell = ["Liberal Democrat foreign affairs spokesman Sir Menzies Campbell said the four had been rescued from "
                "a \"legal no-man's land\"."]
    assert gate.evidence("What did Menzies Campbell say about the four?", campbell, [0.37], [0.5]).defined
    for question in ("What did Menzies Campbell say about pensions?",
                     "What did Menzies Campbell say about the pension reform bill?"):
        assert not gate.evidence(question, campbell, [0.37], [0.5]).defined, question
    guy = ["Guy has published many histories, including Tudor England. He is a fellow at Clare College, Cambridge "
           "and became a honorary research professor of the University of St Andrews in 2003."]
    assert gate.evidence("Where is John Guy a fellow?", [f"John Guy's book won. {guy[0]}"], [0.39], [0.5]).defined
    assert not gate.evidence("Where was John Guy born?", [f"John Guy's book won. {guy[0]}"], [0.39], [0.5]).defined
    assert not gate.evidence("Where is John Guy a fellow?", [f"John Guy's book won. Smith left. {guy[0][58:]}"],
                             [0.39], [0.5]).defined  # 'He' after a line naming someone else


def test_a_quoted_lines_first_word_is_no_name():
    """Found asking new questions: 'Who said Susan Fletcher is one to watch?' bolded '"**Fresh** out of university
    she is certainly one to watch."'."""
    line = "\"Fresh out of university she is certainly one to watch.\""
    assert emphasise(line, "Who said Susan Fletcher is one to watch?") == line
    assert emphasise("\"Within a year, Smith had won.\"", "Who had won?") == "\"Within a year, **Smith** had won.\""


def test_review_of_the_fixes_lower_case_months_numbers_without_words_and_clauses():
    """Third review: a question typed in lower case lost its month, and the October line was quoted again; 'Section
    48' was found in any 'Section' (48 has no word); 'an NSA trip' lost to a count of NSA trips elsewhere; 'Five Live
    listeners' was bold as a count; 'Bowler Steve Harmison' kept his job; 'more than 1,000 jobs in 2004, after 500 in
    2003' was read as compared with 2003; 'What banned substance …?' was read as asking what a verb did; 'Mr J.
    Smith' skipped the initial; 'a force of 2000 troops' named the year 2000; '20,000' split a clause."""
    october = "Before December's bumper text record, the previous highest monthly total was in October 2004, when " \
              "2.3 billion were sent."
    for question in ("how many texts were sent in december?", "How many texts were sent in DECEMBER?"):
        assert count_of_month(question, october) == "its count is October's", question
    assert count_of_month("How many texts were sent in January?", "Figures published in January showed that during "
                          "December some 2.3 billion texts were sent.") == "its count is December's"
    assert count_of_month("How many fans came in December?", "Brian May said 20,000 fans attended the December "
                          "concert.") == ""
    section = ["Section 44 of the Terrorism Act allows police to stop and search. Some 48 people were held."]
    assert gate.evidence("What does Section 48 allow?", section, [0.5], [0.5]).missing == ("Section 48",)
    assert gate.evidence("Why did Mr J. Smith resign?", ["K. Smith resigned."], [0.5], [0.5]).missing == \
        ("Mr J. Smith",)
    banned = ["The banned substance nandrolone was found in the sample taken in March."]
    assert gate.evidence("What banned substance was found in the sample?", banned, [0.2], [0.3]).defined
    trips = "How many NSA trips did Islamabad send to Kabul?"
    assert emphasise("Islamabad sent an NSA trip to Kabul in 2023, after four NSA trips to Delhi.", trips) == \
        "Islamabad sent **an NSA trip** to Kabul in 2023, after four NSA trips to Delhi."
    assert emphasise("BBC Five Live listeners numbered 6 million for the final.", "How many listeners tuned in to "
                     "the final?") == "BBC Five Live listeners numbered **6 million** for the final."
    assert followup.answered_person("Bowler Steve Harmison took five wickets [1].") == "Steve Harmison"
    assert other_year("How many jobs did the firm cut in 2004?", "The firm cut more than 1,000 jobs in 2004, after "
                      "500 in 2003.", "", "") == ""
    assert other_year("How many troops were sent in 2004?", "Nato will send a force of 2000 troops.", "", "") == ""


def test_an_age_counts_nothing_after_it():
    """Found asking new questions: 'How old was he?' after 'When did Thorne Nogar die?' was refused; the model's
    'Thorne Nogar was 72 years old when he died in 1994.' was read as counting what 'aged 72, always used to make …'
    goes on with."""
    line = "Mr Nogar, who died in 1994 aged 72, always used to make two tapes of sessions as a back-up."
    assert unbound_number("Thorne Nogar was 72 years old when he died in 1994.", line) == ""
    assert unbound_number("Thorne Nogar made 72 tapes.", "Mr Nogar made 72 films and two tapes.") != ""


def test_a_line_quoted_for_what_someone_said_says_something():
    """Found asking new questions: 'What did Ernie Wise say on the first call?' (never said) quoted "Britain's first
    mobile phone call was made … by veteran comedian Ernie Wise."."""
    question = "What did Ernie Wise say on the first call?"
    line = "Britain's first mobile phone call was made across the Vodafone network on 1 January 1985 by veteran " \
           "comedian Ernie Wise."
    assert speech_unsaid(line, question) == "it says nothing anyone said"
    assert misfit(line, question, set()) == "it says nothing anyone said"
    assert speech_unsaid("Mr Wise said it was a historic day.", question) == ""
    assert speech_unsaid("\"It's a historic day,\" Ernie Wise joked.", question) == ""
    assert speech_unsaid(line, "Who made Britain's first mobile phone call?") == ""


def test_a_who_said_quote_leans_back_to_its_speaker_and_he_is_the_one_the_answer_gave():
    """Found asking new questions: 'Who said Charlie lived life to the fullest?' quoted a later line of the same
    statement with '**McDonald's**' bold; the line that says it names its speaker in the sentence before. 'How did he
    die?' after 'Who did Bell succeed as chief executive?' (answered 'Mr Bell succeeded as chief executive after Jim
    Cantalupo died …') was read as asking how Mr Bell died."""
    before = "\"As we mourn his passing, I ask you to keep Charlie's family in your hearts and prayers,\" chief " \
             "executive James Skinner said in a statement."
    line = "\"And remember that in his abbreviated time on this earth, Charlie lived life to the fullest.\""
    assert leans_back(line, before, "Who said Charlie lived life to the fullest?")
    assert not leans_back(line, before, "Who died of cancer?")
    assert not leans_back(line, "The firm said so.", "Who said Charlie lived life to the fullest?")
    answer = "Mr Bell succeeded as chief executive after Jim Cantalupo died suddenly of a heart attack in April [1]."
    assert followup.rewrite("How did he die?", "Who did Bell succeed as chief executive?", answer) == \
        "How did Jim Cantalupo die?"
    assert followup.rewrite("And did he arrive unannounced?", "Who bought Band Aid 20?", "Tony Blair bought it.") == \
        "Did Tony Blair arrive unannounced?"


def test_and_a_plural_after_a_question_with_one_plural_takes_its_place_and_a_maximum_is_a_bound():
    """Found asking new questions: 'And individuals?' after 'How much can employers be fined under the Scottish
    ban?' was read beside it, and the employers' line was quoted; once read as 'How much can individuals be fined
    …?', the model's 'Individuals can be fined up to £1,000 …' was refused: the source says '… a maximum fine of
    £1,000'."""
    assert followup.rewrite("And individuals?", "How much can employers be fined under the Scottish ban?", "") == \
        "How much can individuals be fined under the Scottish ban?"
    assert followup.rewrite("And prices?", "Why did sales and profits fall?", "") == ""  # which one is meant?
    line = "- Individuals who persistently break the law will face a maximum fine of £1,000."
    question = "How much can individuals be fined under the Scottish ban?"
    assert bound_lost("Individuals can be fined up to £1,000 under the Scottish ban.", question, line) == ""
    assert bound_lost("Individuals can be fined more than £1,000.", question, line) != ""


def test_a_deed_the_source_gives_another_person_named_right_before_it_is_not_the_sentences():
    """Found adding questions (n287): 'How did he die?' read beside 'Who did Bell succeed as chief executive?' was
    answered, generated, 'Mr Bell died of a heart attack in April.' (Mr Bell died of cancer; the source: '… his
    predecessor as CEO, Jim Cantalupo, died suddenly of a heart attack in April')."""
    line = "Mr Bell took over as chief executive after his predecessor as CEO, Jim Cantalupo, died suddenly of a " \
           "heart attack in April."
    assert deed_of_other("Mr Bell died of a heart attack in April.", line) == \
        "in the source 'died' is said of Jim Cantalupo"
    sources, passages = _sources(line)
    assert not attribute("Mr Bell died of a heart attack in April.", "How did he die? (after: Who did Bell succeed "
                         "as chief executive?)", sources, passages, HashEmbedder()).ok
    for sentence, source in (
            ("Jim Cantalupo died of a heart attack in April.", line),
            ("Mr Bell took over as chief executive.", line),
            ("Florian Mueller dismissed IBM's move as insubstantial.", "Florian Mueller, campaign manager of a group "
             "lobbying in the European Union, dismissed IBM's move as insubstantial."),  # his, after an appositive
            ("Leslie Grantham played Den.", "… to see Den, played by Leslie Grantham, hand divorce papers …"),
            ("Pakistan has made five secretary-level trips.", "Within four years, Islamabad has sent five secretary "
             "trips."),
            ("Charlie Bell died of cancer.", "Charlie Bell, the former head of McDonald's, has died of cancer.")):
        assert deed_of_other(sentence, source) == "", sentence


def test_a_deed_the_source_gives_another_with_for_to_is_not_the_sentence_subjects():
    """Found asking new questions: 'What does Russia get from working with the Taliban?' was answered, generated,
    'Russia gets an opportunity to push for a more robust regional strategy.' The line gives the push to Pakistan."""
    line = "Russia’s shift could, paradoxically, serve as an opportunity for Pakistan to push for a more robust " \
           "regional strategy, one that places greater pressure on the Taliban to curb the activities of groups " \
           "like the TTP."
    sentence = "Russia gets an opportunity to push for a more robust regional strategy."
    assert agent_swapped(sentence, line) == "in the source the opportunity is for Pakistan to push, not Russia"
    assert agent_swapped("Russia now has a real opportunity to push for a stronger strategy.", line) != ""
    sources, passages = _sources(line)
    assert not attribute(sentence, "What does Russia get from working with the Taliban?", sources, passages,
                         HashEmbedder()).ok
    for sentence, source in (
            ("Pakistan gets an opportunity to push for a more robust regional strategy.", line),  # the one given it
            ("Russia gives Pakistan an opportunity to push for a stronger strategy.", line),  # it is named
            ("Russia’s shift could serve as an opportunity.", line),  # no deed
            ("The Taliban must curb the TTP.", line),  # 'on the Taliban to curb': no 'for'
            ("Mr Brown has time to act on debt.", "Mr Brown will act on debt; it is time for Britain to act on aid."),
            ("Russia’s shift serves as an opportunity to push for a stronger strategy.", line),  # a possessor
            # a review's: what the sentence's subject asks or says, not gets (a first version read any 'release')
            ("Tony Blair called for the release of the 15 sailors.", "Tony Blair called for Iran to release the 15 "
             "sailors."),
            ("Analysts said it would be hard to compete with Apple.", "Analysts said it would be hard for Sony to "
             "compete with Apple."),
            ("Investors expect the Fed to raise rates.", "Investors are waiting for the Federal Reserve to raise "
             "rates."),
            # a second review's: the 'for' one may be the subject by another name
            ("Arsenal have a chance to go top.", "Victory would be a chance for the Gunners to go top.")):
        assert agent_swapped(sentence, source) == "", sentence


def test_what_the_source_blames_someone_for_is_not_what_they_are_asked_to_do():
    """Found asking new questions: 'What is Pakistan asking the Taliban to do?' was answered, generated, 'Pakistan is
    asking the Taliban to allow groups like the TTP to operate freely.' The line blames the Taliban for allowing it."""
    line = "Pakistan, in particular, has long called for stronger action against the Afghan Taliban for allowing " \
           "groups like the TTP to operate freely."
    sentence = "Pakistan is asking the Taliban to allow groups like the TTP to operate freely."
    assert request_of_reason(sentence, line) == "the source says 'for allowing', a reason, not what is asked"
    sources, passages = _sources(line)
    assert not attribute(sentence, "What is Pakistan asking the Taliban to do?", sources, passages, HashEmbedder()).ok
    for sentence, source in (
            ("Pakistan is asking for stronger action against the Afghan Taliban.", line),  # what it asks
            ("Pakistan wants the Taliban to stop allowing the TTP to operate.", line),  # 'stop', not 'allow'
            ("Pakistan called for action against the Taliban for allowing the TTP to operate.", line),  # as said
            ("Britain urged other donors to contribute.", "Britain urged other donors to contribute."),
            ("Mr Leigh asked the Home Office to remove them.", "Mr Leigh asked the Home Office to remove them, and "
             "praised it for removing others."),  # asked to remove, too
            # a review's: a request or plan said with 'for …ing' (a first version read any as a reason)
            ("The union asked the government to raise the minimum wage.", "The union has called for raising the "
             "minimum wage to £12 an hour."),
            ("The plan calls for the council to build 5,000 new homes.", "The plan sets aside £1bn for building 5,000 "
             "new homes."),
            # a second review's: a 'to' of something else than the request
            ("Unions called the decision to close the plant a betrayal.", "Unions attacked the company for closing "
             "the plant, calling it a betrayal."),
            ("Demand for cheap flights continues to grow.", "Ryanair was praised for growing demand for cheap "
             "flights.")):
        assert request_of_reason(sentence, source) == "", sentence
    assert request_of_reason("Pakistan urged the Taliban to allow the TTP to operate.", line) != ""  # 'urged' too


def test_review_of_the_new_origin_and_speech_rules():
    """Fourth review: reporting verbs ('insisted', 'denied', 'apologised') are speech; 'of Hall Green, Birmingham',
    'Born in Belfast', 'grew up in' say where one is from; 'Where will the money come from?' asks no origin; 'came
    from China' is no origin; 'British' is Britain's people's word; a 'phone call' is no speech."""
    assert speech_unsaid("Mr Blair insisted that the five economic tests had not been met.",
                         "What did Tony Blair say about the euro?") == ""
    assert speech_unsaid("In a statement, the BBC apologised for the error.", "What did the BBC say?") == ""
    assert speech_unsaid("The proposed railway links Kabul to Karachi.", "What did India say about the railway?") != ""
    assert speech_unsaid("Britain's first mobile phone call was made by Ernie Wise.", "What did Ernie Wise say?") != ""
    for line in ("Moazzam Begg, 36, of Hall Green, Birmingham, was released on Tuesday.",
                 "Born in Belfast in 1945, Van Morrison left school at 15."):
        assert misfit(line, "Where is Van Morrison from?", set()) == "", line
    assert misfit("The £30m will come from the lottery.", "Where will the money come from?", set()) == ""
    assert origin_unsaid("Most of the growth came from China.", "Sales in China rose 30%.") == ""
    assert origin_unsaid("The detainees are from Britain.", "The British detainees were held in Britain.") == ""
    assert origin_unsaid("The detainees are from Cuba.", "The detainees were held in Cuba.") != ""


def test_a_spelled_count_opening_a_sentence_is_a_count():
    """Fifth review: 'Five Live listeners' had made spelled counts lower case only, so a sentence opening 'Three UK
    soldiers …' bolded the other number in it (the corpus has 'Five Virgin megastores', 'Five British detainees')."""
    assert emphasise("Three UK soldiers were killed on Monday, bringing the total to 86.", "How many UK soldiers were "
                     "killed on Monday?") == "**Three UK soldiers** were killed on Monday, bringing the total to 86."
    assert emphasise("He left. Four BBC journalists were hurt in the blast, which killed 12 people.", "How many BBC "
                     "journalists were hurt?") == "He left. **Four BBC journalists** were hurt in the blast, which " \
        "killed 12 people."
    assert emphasise("\"Seven EU states backed the plan,\" he said.", "How many EU states backed the plan?") == \
        "\"**Seven EU states** backed the plan,\" he said."


def test_a_prize_before_another_name_is_theirs_only_when_the_sentence_claims_a_win():
    """Fifth review: 'former Wimbledon champion Lleyton Hewitt' refused 'Roger Federer beat Andy Roddick in the
    Wimbledon final.'; a source naming the prize elsewhere too ('Kofi Annan, who won the Nobel Peace Prize …') refused
    the right sentence; 'Tour de France winner' was read as 'France'."""
    cases = [("Roger Federer beat Andy Roddick in the Wimbledon final.", "Roger Federer, who beat Andy Roddick in the "
              "Wimbledon final, will face former Wimbledon champion Lleyton Hewitt."),
             ("Kofi Annan won the Nobel Peace Prize in 2001.", "Kofi Annan, who won the Nobel Peace Prize in 2001, met "
              "Nobel Peace Prize laureate Wangari Maathai."),
             ("England won the World Cup in 1966.", "World Cup winner Geoff Hurst said England, who won the World Cup "
              "in 1966, could win again."),
             ("Gareth Gates was runner-up in Pop Idol.", "Pop Idol winner Will Young and runner-up Gareth Gates both "
              "have singles out."),
             ("Jan Ullrich finished second in France.", "Tour de France winner Lance Armstrong beat Jan Ullrich, who "
              "finished second in France.")]
    for sentence, source in cases:
        assert title_of_other(sentence, source) == "", sentence
    assert title_of_other("Ray Charles won the Grammy.", "Grammy winner Norah Jones performed with Ray Charles.") == \
        "in the source 'Grammy winner' is Norah Jones"
    assert title_of_other("Jan Ullrich won the Tour de France.", "Tour de France winner Lance Armstrong beat Jan "
                          "Ullrich.") == "in the source 'Tour de France winner' is Lance Armstrong"


def test_what_someone_said_about_a_thing_is_found_only_in_a_line_that_says_something():
    """Fifth review: 'What did Tony Blair say about Iraq?' passed the gate on 'Tony Blair flew to Iraq'."""
    question = "What did Tony Blair say about Iraq?"
    assert not gate.evidence(question, ["Tony Blair flew to Iraq on Monday."], [0.3], [0.3]).defined
    assert gate.evidence(question, ["Tony Blair insisted Iraq was safer."], [0.3], [0.3]).defined


def test_where_one_is_from_is_said_by_a_peoples_word_of_any_spelling():
    """Fifth review: 'Welsh singer Charlotte Church …' said where she is from, as 'French', 'Dutch' and 'American'
    do; 'in Tony Blair's speech' is no place one is in."""
    cases = [("Charlotte Church is from Wales.", "Welsh singer Charlotte Church has bought a house in Wales."),
             ("Zinedine Zidane is from France.", "The French midfielder Zidane is famous in France."),
             ("He is from the Netherlands.", "The Dutch striker has scored 20 goals in the Netherlands."),
             ("She is from the US.", "The American singer has never toured in the US."),
             ("The comments were from Tony Blair.", "The comments came in Tony Blair's speech to the conference.")]
    for sentence, source in cases:
        assert origin_unsaid(sentence, source) == "", sentence
    assert origin_unsaid("The four detainees are from Cuba.", "They complained about the treatment of the detainees in "
                         "Cuba.") == "the source says 'in Cuba', not 'from Cuba'"


def test_a_month_before_billions_is_no_date_and_an_initial_after_a_title_is_a_first_name():
    """Fifth review: 'In December 3 billion texts were sent' read 3 as December's day, so its count was no month's;
    'Mr J. Smith' was missing from '… John Smith …'."""
    assert count_of_month("How many texts were sent in October?", "In December 3 billion texts were sent.") == \
        "its count is December's"
    assert count_of_month("How many texts were sent in October?", "Figures out on December 3 show texts rose.") == ""
    assert gate.evidence("Why did Mr J. Smith resign?", ["John Smith resigned."], [0.5], [0.5]).missing == ()
    assert gate.evidence("Why did Mr J. Smith resign?", ["Kate Smith resigned."], [0.5], [0.5]).missing == \
        ("Mr J. Smith",)


def test_a_who_question_is_answered_by_the_person_not_their_employer():
    """Fifth review: '"Fresh …," said Waterstone's buyer Jane Smith.' bolded "Waterstone's" for 'Who said …?'."""
    line = "\"Fresh out of university, Susan Fletcher is one to watch,\" said Waterstone's buyer Jane Smith."
    assert emphasise(line, "Who said Susan Fletcher is one to watch?") == \
        "\"Fresh out of university, Susan Fletcher is one to watch,\" said Waterstone's buyer **Jane Smith**."


def test_for_the_third_time_is_three_times():
    """Found asking new questions: 'Geraldine McCaughrean has won the Whitbread children's prize three times.' was
    refused ('number 3 is not in the source') beside '… for the third time …'."""
    line = "Geraldine McCaughrean has picked up the children's fiction award for the third time for Not the End of " \
           "the World."
    sources, passages = _sources(line)
    assert attribute("Geraldine McCaughrean has won the children's fiction award three times.", "How many times has "
                     "Geraldine McCaughrean won the children's fiction award?", sources, passages, HashEmbedder()).ok
    assert not text_negated("She won for Not the End of the World.") and text_negated("No, she did NOT win.")


def test_an_amount_competed_for_is_not_won():
    """Found asking new questions (once '… for Not the End of the World.' was no longer read as a denial): 'Geraldine
    McCaughrean won £25,000 for her children's fiction book.' was shown, generated, joining her line to the next one,
    where £25,000 is what all category winners compete for."""
    award = "Geraldine McCaughrean has picked up the children's fiction award for the third time for Not the End of " \
            "the World."
    stake = "All the category winners go through to compete for the Whitbread Book of the Year title, which carries " \
            "with it a £25,000 prize."
    sources, passages = _sources(award, stake)
    question = "How much money did Geraldine McCaughrean win?"
    assert not attribute("Geraldine McCaughrean won £25,000 for her children's fiction book.", question, sources,
                         passages, HashEmbedder()).ok
    assert overstated(stake, "Levy won £25,000.", "How much did Levy win?")
    assert not overstated("Levy won the Whitbread Book of the Year, which carries a £25,000 prize.", "Levy won "
                          "£25,000.", "How much did Levy win?")


def test_what_the_line_says_of_another_is_not_said_of_the_questions_subject():
    """Found asking new questions: 'France is putting £960m into the immunisation IFF.' was shown, generated, for the
    near-miss 'How much is France putting into the immunisation IFF?' (France is named the line before; the £960m is
    Britain's); once refused, that line was quoted with '**£960m over**' in bold."""
    question = "How much is France putting into the immunisation IFF?"
    peers = "Britain, France, Gavi and the Gates Foundation have drawn up proposals to apply the principles of the " \
            "International Finance Facility (IFF) to the area of immunisation."
    line = "As well as pledging £960m over 15 years to the immunisation IFF, Britain urged other donors to contribute."
    reply = "France is putting £960m into the immunisation IFF."
    sources, passages = _sources(peers, line)
    assert not attribute(reply, question, sources[1:], passages, HashEmbedder()).ok
    assert subject_swapped(reply, question, line) == "the source says it of Britain, not France"
    assert subject_swapped("Britain is putting £960m into the IFF.", "How much is Britain putting into the IFF?",
                           line) == ""
    assert subject_swapped("The FT offered voluntary redundancy to about 30 reporters.", "How many reporters did the "
                           "FT offer voluntary redundancy to?", "Pearson's Financial Times said last week it was "
                           "offering voluntary redundancy to about 30 reporters.") == ""
    assert emphasise(line, "How much did Britain pledge to the immunisation IFF?") == \
        "As well as pledging **£960m** over 15 years to the immunisation IFF, Britain urged other donors to contribute."
    candidates = [Candidate(0, 0, len(line), 0.6, 0.5, 0.5)]
    context = [Context(peers, f"UK pledges £1bn to vaccine effort\n\n{peers} {line}")]
    assert fallback(reply, candidates, [line], [0], question, 0.1, set(), {"france", "iff"}, context) is None


def test_a_number_before_last_year_counts_nothing_the_question_asks():
    """Found asking new questions: the near-miss 'How many visa applications did the UK turn down last year?' quoted
    a film line with '**81 last year**' in bold."""
    line = "UK and US co-productions in Britain fell from 102 in 2003 to 81 last year."
    assert counts_other(line, "How many visa applications did the UK turn down last year?") == \
        "it does not say it counts 'visa applications'"
    assert emphasise(line, "How many UK and US co-productions were made in Britain last year?") == \
        "UK and US co-productions in Britain fell from 102 in 2003 to **81 last year**."


def test_a_count_in_another_place_is_no_count_of_the_asked_one():
    """Found asking new questions: the near-miss 'How many DS consoles were sold in Europe on launch day?' quoted
    '… at the end of 2004, Nintendo has sold almost **4m** DS consoles', a count 'in Japan and the US'."""
    line = "Since going on sale in Japan and the US at the end of 2004, Nintendo has sold almost 4m DS consoles."
    question = "How many DS consoles were sold in Europe on launch day?"
    assert misfit(line, question, set()) == "the question asks about 'Europe', the source counts 'in Japan'"
    # a count of two places is no count of one of them (thirty-seventh stop: 'Almost 4 million [1].' was generated
    # for '… sold in the US alone?')
    assert misfit(line, "How many DS consoles were sold in Japan?", set()) == \
        "the question asks about 'Japan', the source counts 'in Japan and the US'"
    assert misfit(line, "How many DS consoles were sold in Japan and the US?", set()) == ""


def test_a_shown_line_naming_who_did_the_deed_is_quoted_for_who_did_it():
    """Found asking new questions: 'who organised the event where Brown made the vaccine pledge?' quoted a line on
    Mr Brown's pledge; the fifth-ranked line says the event was 'jointly organised by the UK's Department for
    International Development …', and bolded "UK's Department" once quoted."""
    question = "who organised the event where Brown made the vaccine pledge?"
    pledge = "UK Chancellor Gordon Brown has offered £960m ($1.8bn) over 15 years to an international scheme."
    event = "The chancellor was speaking at an event jointly organised by the UK's Department for International " \
            "Development and the UN Development Programme on Wednesday."
    texts = [pledge, event]
    candidates = [Candidate(0, 0, len(pledge), 0.6, 0.3, 0.5), Candidate(0, 0, len(event), 0.4, 0.4, 0.2)]
    context = [Context("", f"UK pledges £1bn to vaccine effort\n\n{pledge} {event}")] * 2
    reply = "The UK Chancellor Gordon Brown organised the event."
    assert fallback(reply, candidates, texts, [0, 1], question, 0.1, set(), {"brown"}, context) == 1
    assert emphasise(event, question) == "The chancellor was speaking at an event jointly organised by the UK's " \
        "**Department for International Development** and the UN Development Programme on Wednesday."


def test_an_ordinal_is_no_count_and_not_merely_denies_nothing():
    """Found asking new questions: 'the **36**th UN … Report' was bold for 'How big is the TTP presence …?', and 'It
    calls it a strategic inflection point.' was refused as the opposite of 'This is not merely a diplomatic moment— it
    is a strategic inflection point.'."""
    line = "Based on the 36th UN Analytical Support & Sanctions Monitoring Team Report (July 2025), it is evident " \
           "that the Afghan Taliban administrations are still known to provide a free hand to various terrorist groups."
    assert "**" not in emphasise(line, "How big is the TTP presence in Afghanistan according to the UN report?")
    assert not opposite("This is not merely a diplomatic moment— it is a strategic inflection point.",
                        "It calls it a strategic inflection point.")
    assert opposite("This is not a strategic inflection point.", "It is a strategic inflection point.")


def test_a_line_quoted_for_who_holds_an_office_names_the_office():
    """Found asking new questions: the near-miss 'Who is Russia's special envoy handling the mediation between
    Pakistan and the Taliban?' quoted '… it can only be successful upon the goodwill of **Kabul** …'."""
    question = "Who is Russia's special envoy handling the mediation between Pakistan and the Taliban?"
    line = "The mediation offer by Russia is diplomatic, but it can only be successful upon the goodwill of Kabul."
    assert office_unsaid(line, question) == "it does not name the envoy"
    assert misfit(line, question, set()) == "it does not name the envoy"
    assert office_unsaid("Russia's special envoy Zamir Kabulov leads the talks.", question) == ""
    assert office_unsaid(line, "Who is Ishaq Dar?") == ""


def test_what_exact_date_asks_for_a_date():
    """Found asking new questions: the near-miss 'On what exact date did Russia take the Taliban off its terrorist
    list?' quoted a line with no date in it."""
    assert answer_type("On what exact date did Russia take the Taliban off its terrorist list?") == "date"
    assert not has_type("Russia's recent decision to remove the Afghan Taliban from its terrorist list has sent "
                        "ripples across the region.", "date")


def test_sixth_review_of_this_stops_rules():
    """A helper's review of this stop's rules: each of these was wrong before its fix."""
    def ok(sentence: str, question: str, *lines: str) -> bool:
        sources, passages = _sources(*lines)
        return attribute(sentence, question, sources, passages, HashEmbedder()).ok

    # 'for the third time' gives a count of times only: not 2% from 'the second year running'
    assert not ok("Tesco's profits rose by 2%.", "By how much did Tesco's profits rise?",
                  "Tesco's profits rose for the second year running.")
    # a place's possessive is where one is held: 'in Iraq's capital' is not where the hostages are from
    assert origin_unsaid("The two hostages are from Iraq.", "They were kidnapped in Iraq's capital, Baghdad.") == \
        "the source says 'in Iraq', not 'from Iraq'"
    # a line naming the doer after 'by' answers only what the question names as done ('the report', not 'dossier')
    assert not done_by_named("The September dossier, written by Downing Street staff, was published.", "Who wrote the "
                             "report into Dr Kelly's death?")
    assert not done_by_named("The stadium will be completed by May 2006.", "Who completed the stadium?")
    # one who says it is not its subject; a short form of a name is the name
    assert subject_swapped("Apple sold 4.5 million iPods.", "How many iPods did Apple sell?", "Steve Jobs said the "
                           "company sold 4.5 million iPods.") == ""
    assert subject_swapped("The Lib Dems won 62 seats.", "How many seats did the Lib Dems win?", "Liberal Democrats "
                           "won 62 seats.") == ""
    # the prize named again, as another's favourite, is not this person's win
    assert title_of_other("Mark Haddon won the Whitbread prize.", "Whitbread prize winner Andrea Levy, who won the "
                          "Orange Prize in June, beat Mark Haddon, the favourite for the Whitbread prize.") != ""
    # a name the question counts by alone is what is counted; a time after a count with the question's act is fine
    assert counts_other("Twelve members of the Taliban were killed in the raid.", "How many Taliban were killed in "
                        "the raid?") == ""
    assert counts_other("Thierry Henry, who scored 30 last season, is Arsenal's top scorer.", "How many goals did "
                        "Thierry Henry score last season?") == ""
    # a day's, an owner's or a people's word after 'in' is no other place
    assert other_place("How many people were killed in the bombing in Baghdad?", "At least 20 people died in "
                       "Monday's bombing in the Iraqi capital.") == ""
    # an amount won after being shortlisted for something else is won; 'up for the third year' stakes nothing
    assert not overstated("Andrea Levy, who was shortlisted for the Booker last year, won the £30,000 Orange Prize.",
                          "Andrea Levy won £30,000.", "How much did Andrea Levy win?")
    # 'hailed', 'condemned' … say something; an office is named by its other words
    assert gate.evidence("What did Tony Blair say about Iraq?", ["Tony Blair hailed the elections in Iraq."], [0.3],
                         [0.3]).defined
    assert office_unsaid("England boss Sven-Goran Eriksson named his squad.", "Who is the England coach?") == ""
    # 'What about housing?' is no act
    assert followup.rewrite("What about housing?", "How much does the government plan to spend on schools?") == ""


def test_who_said_a_line_of_a_longer_quotation_is_quoted_from_its_speaker():
    """Calibration n290: 'Who said Susan Fletcher is one to watch?' quoted the quotation's last line alone (its
    speaker is two sentences back), and then bolded "Waterstone's" of "Waterstone's fiction writer buyer …"."""
    chunk = "Fletcher graduated. Waterstone's fiction writer buyer Suzie Doore said: \"It is great to " \
            "see Susan Fletcher win. As a relatively unknown author this award will give her exposure. \"Fresh " \
            "out of university she is certainly one to watch.\""
    question = "Who said Susan Fletcher is one to watch?"
    line = chunk.index("\"Fresh")
    start = speaker_start(chunk, line, question)
    assert chunk[start:].startswith("Waterstone's fiction writer buyer Suzie Doore said")
    assert "**Suzie Doore**" in emphasise(chunk[start:], question)
    assert speaker_start(chunk, line, "What is Susan Fletcher?") == line  # only for 'Who said …?'
    spoken = "Mr Brown said: \"We will win.\" \"Britain is great,\" Tony Blair said."
    assert speaker_start(spoken, spoken.index("\"Britain"), "Who said Britain is great?") == spoken.index("\"Britain")


def test_a_line_going_on_about_a_thing_named_two_sentences_back_through_another_such_line():
    """Found asking new questions: '677,000 copies of GTA: San Andreas have been sold in the UK so far.' was refused
    ("'andreas' is not in the source") on 'Latest figures suggest it has sold more than 677,000 copies.', whose 'it'
    is the title named two sentences back, through 'The title broke …'."""
    passage = ("Sales of the slimmer PS2 have tripled since launch. The numbers were also boosted by the release of "
               "the PS2-only game Grand Theft Auto: San Andreas. The "
               "title broke the UK sales record for video games in its first weekend of release. Latest figures "
               "suggest it has sold more than 677,000 copies.")
    line = "Latest figures suggest it has sold more than 677,000 copies."
    at = passage.index(line)
    assert lead_in(passage, at).startswith("The numbers were also boosted")
    answer, question = "More than 677,000 copies of GTA: San Andreas have been sold.", \
        "How many copies of GTA: San Andreas have been sold?"
    source = Source(0, at, len(passage), line, 0.6, 1.0)
    title = "Slim PlayStation triples sales\n\n"
    assert attribute(answer, question, [source], [passage], HashEmbedder(), documents=[title + passage]).ok
    # a line before that names things of its own ends the chain: the game named further back is another one
    other = passage.replace("The title broke", "Halo 2 broke")
    source = Source(0, other.index(line), len(other), line, 0.6, 1.0)
    assert lead_in(other, source.start).startswith("Halo 2")
    verdict = attribute(answer, question, [source], [other], HashEmbedder(), documents=[title + other])
    assert not verdict.ok and "'andreas' is not in the source" in verdict.reason


def test_what_costs_an_amount_is_what_the_source_says_costs_it():
    """Found asking new questions: 'The DS games will cost £99 in the shops.' was shown, generated, for what DS
    games cost, from 'The two-screen clamshell gadget costs £99 (149 euros) and 15 games are available …'."""
    line = "The two-screen clamshell gadget costs £99 (149 euros) and 15 games are available for it at launch."
    assert described_otherwise("The DS games will cost £99 in the shops.", line) == \
        "in the source 99 is not what it says 'The DS games' is"
    assert described_otherwise("The gadget costs £99.", line) == ""
    assert described_otherwise("The DS will cost £99.", line) == ""


def test_a_role_names_no_one_and_tv_is_no_name_a_document_must_mention():
    """Found asking new questions: 'The Conservative Party Co-Chairman said his party was offering voters a "clear
    choice" …' was shown, generated, for 'Which Conservative said …?' (the line before names him, Liam Fox); 'On
    which TV show did Charles Clarke …?' was refused: no document says 'TV' ("on BBC One's Breakfast with Frost")."""
    question = 'Which Conservative said his party was offering voters a "clear choice" on immigration?'
    assert not has_type('The Conservative Party Co-Chairman said his party was offering voters a "clear choice".',
                        answer_type(question), question)
    assert has_type('Tory Liam Fox said his party offered a "clear choice" on the issue.', answer_type(question),
                    question)
    assert naming.asked_names("On which TV show did Charles Clarke talk up the value of economic migrants?") == \
        {"charles", "clarke"}


def test_a_refused_reply_does_not_point_at_a_line_whose_number_is_what_another_thing_costs():
    """Found asking new questions: the refused reply 'The DS games will cost £99 in the shops.' pointed at '… gadget
    costs £99 … and 15 games are available …', quoted with **£99** bold; the best-ranked line answers instead."""
    question = "What will Nintendo DS games cost in the shops?"
    texts = ["Games for the DS are expected to cost between £19 and £29.",
             "The two-screen clamshell gadget costs £99 (149 euros) and 15 games are available for it at launch."]
    candidates = [Candidate(0, 0, len(texts[0]), 0.75, 0.5, 0.75), Candidate(1, 0, len(texts[1]), 0.56, 0.4, 0.59)]
    context = [Context("", "Nintendo DS makes its Euro debut\n\n" + t) for t in texts]
    assert fallback("The DS games will cost £99 in the shops.", candidates, texts, [0, 1], question, 0.1, set(),
                    naming.asked_names(question), context) == 0
    assert fallback("The gadget will cost £99 in the shops.", candidates, texts, [0, 1], question, 0.1, set(),
                    naming.asked_names(question), context) == 1


def test_a_year_the_passages_have_is_named_like_a_name():
    """Calibration n300: 'How many people were hurt in the 1981 riots?' (similarity 0.38, coverage 0.47) was refused;
    a question naming a year the passages have, asking about it in words of its own, is answered as one naming a
    name is; a year the passages lack is still refused."""
    passages = ["Lord Scarman's report on the 1981 Brixton riots, in which nearly 400 people were injured, said …"]
    question = "How many people were hurt in the 1981 riots?"
    limits = gate.Thresholds(min_similarity=0.4)
    assert gate.evidence(question, passages, [0.38], [0.47]).named
    assert gate.refuse_before(gate.evidence(question, passages, [0.38], [0.47]), limits) == ""
    assert gate.refuse_before(gate.evidence(question.replace("1981", "1985"), passages, [0.38], [0.47]), limits)
    assert not gate.evidence("How many people were hurt in the riots?", passages, [0.38], [0.47]).named


def test_a_number_said_of_one_name_is_not_given_to_a_name_of_another_clause():
    """Found asking new questions: 'Almost 60% of the viewing public was watching ITV1 …' was shown, generated, for
    'And ITV1?' from '… almost 60% of the viewing public tuned into EastEnders …, leaving ITV1 with about 13%.'; the
    quote then put **60%** in bold, now **13%**, the number of the clause naming ITV1."""
    line = ("The overnight figures showed almost 60% of the viewing public tuned into EastEnders between 2000 and 2100 "
            "GMT, leaving ITV1 with about 13%.")
    assert named_otherwise("Almost 60% of the viewing public was watching ITV1.", line) == \
        "in the source 60 is not said of 'itv1'"
    assert named_otherwise("About 13% of the viewing public was watching ITV1.", line) == ""
    assert named_otherwise("EastEnders took almost 60% of viewers, leaving ITV1 with 13%.", line) == ""
    # a name before the first number is said of them all; a thousands comma parts no clause (report s030, refused)
    assert named_otherwise("Tesco made £200m.", "Tesco, whose sales were £3bn, made £200m.") == ""
    assert named_otherwise("172 Tashkeel infiltrated Khyber Pakhtunkhwa.", "Evidence: 172 Tashkeel of almost 4,000 "
                           "militants infiltrating Khyber Pakhtunkhwa; 83 Tashkeel into Balochistan.") == ""
    question = "What share of the viewing public was watching ITV1 when Den was killed off?"
    assert "about **13%**" in emphasise(line, question, "60% of the viewing public was watching ITV1.")


def test_an_amount_two_named_doers_give_together_is_not_one_doers():
    """Found asking new questions: 'Norway is contributing £0.53bn to Gavi by itself.' was shown, generated, from '…
    the Bill Gates Foundation and Norway are joining up to put an extra £0.53bn …' (a question the article does not
    answer)."""
    line = ("Mr Brown welcomed news that the Bill Gates Foundation and Norway are joining up to put an extra £0.53bn "
            "($1bn) into the Global Alliance for Vaccines and Immunisation (Gavi).")
    assert deed_shared("Norway is contributing £0.53bn to Gavi by itself.", line) == \
        "the source says it of 'Bill Gates Foundation and Norway'"
    assert deed_shared("Norway and the Gates Foundation are putting £0.53bn into Gavi.", line) == ""
    assert deed_shared("Mr Brown welcomed the news.", line) == ""
    # three doers (a review): a sentence giving the amount to one or two of them leaves out the rest
    three = "Britain, France and Germany have pledged £100m to the fund."
    assert deed_shared("Britain has pledged £100m to the fund.", three) == \
        "the source says it of 'Britain, France and Germany'"
    assert deed_shared("Britain and France have pledged £100m.", three)
    assert deed_shared("Britain, France and Germany pledged £100m.", three) == ""
    # an amount each of them gives is not shared (the last stop's review)
    assert deed_shared("Britain has pledged £100m.", "Britain, France and Germany have each pledged £100m.") == ""
    assert deed_shared("Britain has pledged £100m.", "Britain and France have pledged £100m apiece.") == ""
    verdict = attribute("Norway is joining up to put an extra £0.53bn ($1bn) into the Global Alliance for Vaccines and "
                        "Immunisation (Gavi).", "How much is Norway putting into Gavi?",
                        [Source(0, 0, len(line), line, 0.6, 1.0)], [line], HashEmbedder())
    assert not verdict.ok and "Bill Gates Foundation and Norway" in verdict.reason


def test_how_fast_a_thing_grows_asks_a_rate_and_a_count_with_its_own_stretch_of_time():
    """Found asking new questions: '7.9% growth expected in 2004.' for 'How fast was the Turkish economy expected to
    grow in 2004?' was refused as no speed; 'The original 1984 Band Aid single sold 3.5 million copies in total.' was
    refused as counted 'in its first week' ('… sold 750,000 copies in its first week and 3.5 million in total')."""
    question = "How fast was the Turkish economy expected to grow in 2004?"
    assert has_type("7.9% growth expected in 2004.", answer_type(question), question)
    assert not has_type("The lift has 2 doors.", "number", "How fast does the lift go?")
    line = "The original version sold 750,000 copies in its first week and 3.5 million in total."
    asked = "How many copies did the original Band Aid single sell?"
    assert unqualified("The original single sold 3.5 million copies in total.", asked, line) == ""
    assert unqualified("The original single sold 750,000 copies.", asked, line) == \
        "the source counts it 'in its first week'"


def test_the_review_of_this_stops_rules():
    """A helper's review of this stop's rules (7 findings, each an assertion that failed before its fix)."""
    # 1. a line of reported speech finds its speaker in the sentence before it only, not two back through a
    # sentence that goes on ('The shadow chancellor, Oliver Letwin, hit back …')
    passage = ("Chancellor Gordon Brown said Labour would keep taxes low. The shadow chancellor, Oliver Letwin, hit "
               "back at the claim on Sunday. He said Labour's plans would cost every family £1,000 a year.")
    line = "He said Labour's plans would cost every family £1,000 a year."
    at = passage.index(line)
    verdict = attribute("Gordon Brown said Labour's plans would cost every family £1,000 a year.",
                        "What did Gordon Brown say Labour's plans would cost?",
                        [Source(0, at, at + len(line), line, 0.6, 1.0)], [passage], HashEmbedder(),
                        documents=["Tax row dominates campaign\n\n" + passage])
    assert not verdict.ok
    # 2. the chain stops at a sentence naming the thing it goes on about itself
    passage = ("Sales were boosted by the release of Grand Theft Auto: San Andreas. The rival shooter Halo 2 also "
               "broke records in its first weekend on sale. Latest figures suggest it has sold 677,000 copies.")
    assert lead_in(passage, passage.index("Latest")).startswith("The rival shooter")
    # 3. a second number after 'and' and a new subject ('and profit £1.2bn') has that subject, not the first one's
    assert described_otherwise("The firm's annual turnover was £1.2bn.",
                               "Boots said the firm's annual turnover was £9.4bn and profit £1.2bn.")
    assert described_otherwise("The UK unemployment rate is 1.2%.",
                               "Figures showed the UK unemployment rate was 4.7% and inflation 1.2%.")
    # 4 and 6. what costs a sum is refused only as what another number counts ('15 games'), not cut off from the sum
    # by a date, a count or a step on the way
    for right, source in [
            ("The console will cost £99.", "The console goes on sale in Europe on 11 March and will cost £99."),
            ("The handset will cost £99.", "The handset, which has 2 screens and a touch pad, will sell for £99."),
            ("The licence fee will cost £131.50.", "The licence fee will rise by £5 in April to £131.50."),
            ("The stadium costs £757m.", "The stadium will seat 90,000 fans and has cost £757m to build."),
            ("A ticket will cost £50.", "A ticket to see the 2 bands play will set fans back £50.")]:
        assert described_otherwise(right, source) == "", right
    # 5. a year the passages say of something else names nothing; nor is a report 'on the 1981 riots' a comparison
    riots = ("Lord Scarman's report on the 1981 Brixton riots, in which nearly 400 people were injured, said racial "
             "disadvantage was a fact of British life. Further riots broke out on the Broadwater Farm estate in 1985.")
    assert not gate.evidence("How many people were hurt in riots in 2004?", [riots + " Lord Scarman died in 2004."],
                             [0.38], [0.47]).named
    assert other_year("How many people were hurt in the 1985 riots?", riots.split(" Further")[0], "", "") == \
        "the question asks about 1985; the source speaks of 1981"
    # 7. the Queen and the Speaker answer who; a spokesman or a party's co-chairman does not
    assert has_type("The Speaker suspended the Commons sitting.", "name", "Who suspended the Commons sitting?")
    assert has_type("Queen will tour with Paul Rodgers.", "name", "Which band will tour with Paul Rodgers?")
    assert not has_type("A Party Spokesman suspended the sitting.", "name", "Who suspended the Commons sitting?")


def test_third_batch_of_new_questions():
    """Found asking a third batch of new questions: 'How many test cars is GM putting on the road so Europeans can
    try …?' was refused ('Europeans' is the articles' 'European'); 'How many British films were made in the UK in 2003
    according to Screen Daily?' was refused as asking about one day ('Daily'), and once it was not, '45 British films
    were made in the UK last year.' was shown, generated, from '… last year …, compared with 45 in 2003'; '…
    fewer than 130,000 cars per year' was quoted for how many people work at a factory (a lone count of cars)."""
    assert mentioned("europeans", "GM's European operations") and mentioned("iraqis", "in Iraq")
    assert not mentioned("paris", "on a par with") and not mentioned("lewis", "Lew Grade")
    assert other_period("How many British films were made in the UK in 2003 according to Screen Daily?",
                        "45 British films were made in the UK last year") == ""
    assert other_period("How many texts were sent last year?", "78 million texts are sent daily")
    line = ("Twenty-seven British films were made in the UK last year following a drop in funding, compared with 45 in "
            "2003, according to the trade weekly.")
    assert compared_year("Screen Daily reported that 45 British films were made in the UK last year.", line) == \
        "in the source 45 is 2003's"
    assert compared_year("45 British films were made in the UK in 2003.", line) == ""
    assert compared_year("Profits rose to £5bn in 2004 from £4bn.", "Profits rose to £5bn in 2004, compared with £4bn "
                         "in 2003.") == ""
    question = "How many people work at Saab's Trollhaettan factory?"
    factory = "The Saab factory currently produces fewer than 130,000 cars per year."
    assert misfit(factory, question, set(), every_count=False)
    assert misfit("The Saab factory produced 130,000 cars and 20 trucks.", question, set(), every_count=False) == ""


def test_the_second_review_of_this_stops_rules():
    """A second helper's review of this stop's rules: one assertion per finding new with them, each failing on the
    reviewed code."""
    # a count 'in total' over a short span, or written in words, is still counted over that span
    assert unqualified("Nintendo sold 500,000 DS consoles in the US.", "How many DS consoles has Nintendo sold?",
                       "Nintendo sold 500,000 DS consoles in total over its first week on sale in the US.")
    assert unqualified("The single sold two million copies.", "How many copies did the single sell?",
                       "The single sold two million copies in its first week.")
    # 'a marked improvement on 2003' compares with 2003
    assert other_year("How much did profits rise in 2003?", "Profits rose 20% to £1.2bn in 2004, a marked "
                      "improvement on 2003.", "", "") == "the question asks about 2003; the source speaks of 2004"
    # a year in 'in 2004' names nothing for the gate; a question naming a company and a year is named
    died = "Lord Scarman died in 2004 aged 93. Many people paid tribute."
    assert not gate.evidence("How many people died in 2004?", [died], [0.37], [0.67]).named
    tesco = "Tesco's results for 2004 were released on Tuesday. The retailer reported a record profit of £1.6bn."
    assert gate.evidence("What profit did Tesco report for 2004?", [tesco], [0.37], [0.67]).named
    # an amount after 'X and Y <verb>' said of one side again, or given by each, is that side's
    assert deed_shared("France's budget deficit was 4.1% of GDP in 2004.", "France and Germany have breached the "
                       "rules, with France's budget deficit at 4.1% of GDP in 2004.") == ""
    assert deed_shared("Britain has pledged £100m to the fund.", "Britain and France have pledged £100m each to the "
                       "fund.") == ""
    # a number whose own clause names no other name, a speaker's audience, a currency in brackets: no swap
    assert named_otherwise("Mr Brown said growth would be 3.5% this year.", "Growth will be 3.5% this year, Mr Brown "
                           "said in a speech to 3,000 delegates.") == ""
    assert named_otherwise("BT shares rose 3%.", "Shares rose 3% to 250p, valuing BT at £21bn.") == ""
    assert named_otherwise("Norway will give $190m.", "The Gates Foundation will give £300m, with Norway giving £100m "
                           "($190m).") == ""
    assert named_otherwise("Tesco's profits rose 10%.", "Tesco, the UK's biggest retailer, said profits rose 10%, "
                           "while sales at Tesco Express stores grew 8%.") == ""
    # the bold after such a reply goes to the clause naming the name it misplaced, not any name of the question
    den = ("The overnight figures showed almost 60% of the viewing public tuned into EastEnders between 2000 and 2100 "
           "GMT, leaving ITV1 with about 13%.")
    assert "about **13%**" in emphasise(den, "What share of viewers was watching ITV1 while EastEnders was on?",
                                        "60% of the viewing public was watching ITV1.")
    # how fast a lift rises asks a speed
    assert not has_type("The TFC Tower has 61 lifts.", "number", "How fast do the TFC 101 lifts rise?")


def test_a_year_or_an_amount_said_of_another_thing_than_in_the_source():
    """Found asking a fourth batch of new questions: shown, generated, 'Geraldine McCaughrean won the Whitbread
    children's category with A Little Lower than Angels in 1994.' (1987's book; 1994's was Gold Dust) and 'His
    speeches earned up to £85,000.' (for speeches, articles and advice)."""
    line = ("Children's winner McCaughrean, who went into magazine publishing after studying teaching, previously won "
            "the Whitbread Prize in 1987 with A Little Lower than Angels and in 1994 with Gold Dust.")
    assert dated_otherwise("McCaughrean won the Whitbread children's category with A Little Lower than Angels in "
                           "1994.", line) == "in the source 1994 is not said of 'angels'"
    assert dated_otherwise("McCaughrean won the Whitbread children's category with Gold Dust in 1994.", line) == ""
    assert dated_otherwise("McCaughrean won with A Little Lower than Angels in 1987.", line) == ""
    assert dated_otherwise("Tesco made £2bn in 2004.", "Tesco, founded in 1919, made £2bn in 2004.") == ""
    earned = "Ex-health secretary Alan Milburn earned up to £85,000 from speeches, articles and advice."
    assert total_of_list("His speeches earned up to £85,000.", earned) == \
        "in the source 85000 is for 'speeches, articles and advice'"
    assert total_of_list("Alan Milburn earned up to £85,000 from speeches, articles and advice.", earned) == ""
    assert total_of_list("Alan Milburn earned up to £85,000.", earned) == ""
    # 'what speed did japan's earth simulator clock up' is answered by the article's bare '… clocked up 35.86.'
    question = "what speed did japan's earth simulator clock up"
    assert has_type("The Earth Simulator clocked up 35.86.", answer_type(question), question)
    assert not has_type("The Earth Simulator has 5,120 processors.", answer_type(question), question)


def test_a_name_typed_in_small_letters_and_text_as_a_word():
    """Calibration n318: 'October 2004 held the UK record for texting.' was refused twice over: the question typed
    'uk' in small letters, so 'UK' was a name the answer added; and 'text' was a stop word (for 'the text says'),
    so the source's 'bumper text record' did not hold the 'texting' the question echoed."""
    question = "before december 2004, which month held the uk record for texting?"
    uk = "UK mobile owners continue to break records with their text messaging."
    line = ("Before December's bumper text record, the previous highest monthly total was in October 2004, when 2.3 "
            "billion were sent.")
    sources, passages = _sources(uk, line)
    verdict = attribute("October 2004 held the UK record for texting.", question, sources[1:], passages,
                        HashEmbedder())
    assert verdict.ok, verdict.reason
    assert "text" in terms("a bumper text record")
    # a name the question did not type is still one the answer adds
    assert _reason("October 2004 held the UK record for texting.", "which month held the record for texting?",
                   line) == "'uk' is not in the source"


def test_a_total_is_not_a_change():
    """Found replaying calibration n316 ('by how much were new year texts up on the year before'): 'By 30 billion,
    texts were up on the year before.' was shown, generated, from '… forecasts suggesting a total of 30 billion …'."""
    line = ("Text messaging is set to smash more records in 2005 too, said the MDA, with forecasts suggesting a total "
            "of 30 billion for the year.")
    assert _reason("By 30 billion, texts were up on the year before.", "by how much were new year texts up on the "
                   "year before", line) == "in the source 30 is a total, not a change"
    assert change_of_total("Texts were up by 30 billion.", line)
    assert change_of_total("Sales rose by 3.5 million.", "The single sold 3.5 million copies in total.")
    assert change_of_total("A total of 30 billion texts are forecast.", line) == ""
    assert change_of_total("Sales rose 5% to 30 billion.", line) == ""  # the change is 5%, 30 billion the level
    assert change_of_total("Profits rose by 5% to £801m.", "Profits rose by 5% to a total of £801m.") == ""
    assert change_of_total("Texts were up by 30 billion.", "Texts were up by 30 billion, a total of 30 billion.") == ""


def test_one_month_asked_is_not_a_years_count():
    """Calibration n319: 'How many texts were sent that month?' (after which month held the texting record) was
    answered, generated, '26 billion texts were sent in total in 2004' from '… 26 billion were sent in total in
    2004'."""
    year = "UK mobile owners continue to break records, with latest figures showing that 26 billion were sent in " \
           "total in 2004."
    assert other_period("How many texts were sent that month? 26 billion texts were sent in total in 2004.", year) \
        == "the question asks about one month ('that month'), the source counts 'in total'"
    assert _reason("26 billion texts were sent in total in 2004.", "How many texts were sent that month?", year) == \
        "the question asks about one month ('that month'), the source counts 'in total'"
    assert other_period("How many texts were sent in October?", year)
    october = "The previous highest monthly total was in October 2004, when 2.3 billion were sent."
    assert other_period("How many texts were sent that month? 2.3 billion.", october) == ""
    assert other_period("How many texts were sent in 2004?", year) == ""
    assert "one day ('3 October')" in other_period("How many texts were sent on 3 October?", year)  # a day's check


def test_the_questions_own_frame_said_again_is_cut():
    """Calibration s122: '… is estimated to be 6,000-strong according to the 36th UN Analytical Support & Sanctions
    Monitoring Team Report.' was refused for its '36th', which only the line before the answer's gives; the question
    had asked '… according to the UN monitoring report?'. A frame naming a document is cut; a speaker's is kept,
    since who said it is checked."""
    question = "How big is the TTP presence in Afghanistan according to the UN monitoring report?"
    reply = ("The TTP presence in Afghanistan is estimated to be 6,000-strong according to the 36th UN Analytical "
             "Support & Sanctions Monitoring Team Report.")
    assert screen(reply, question) == ("The TTP presence in Afghanistan is estimated to be 6,000-strong.", "")
    line = "Taliban officials support logistics and safe havens for the 6,000-strong TTP presence in Afghanistan."
    assert _reason(screen(reply, question)[0], question, line) == "ok"
    assert screen("According to the op-ed, stability cannot be built on fragmented logic.",
                  "According to the op-ed, what can stability not be built on?")[0] == \
        "Stability cannot be built on fragmented logic."
    said = "According to Jack McConnell, volume sales fell by 1.3%."
    assert screen(said, "According to Jack McConnell, how much did volume sales fall?")[0] == said
    assert screen(reply, "How big is the TTP presence in Afghanistan?")[0] == reply  # no frame asked: kept, checked
    # the source the question names, said again as the reply's subject (calibration s192, refused: 'islamabad' is not
    # in the source); a source the question does not name is kept, and checked
    question = "Who does the Moscow to Kabul via Islamabad piece say carries the choice and the burden?"
    assert screen("The Moscow to Kabul via Islamabad piece says the regional players carry the choice and the burden.",
                  question) == ("The regional players carry the choice and the burden.", "")
    assert screen("The writer says that Pakistan must act.", "What must Pakistan do?")[0] == "Pakistan must act."
    assert screen("The BBC article says Pakistan must act.", "What must Pakistan do?")[0] == \
        "The BBC article says Pakistan must act."
    assert screen("The piece says the burden.", question)[0] == "The piece says the burden."  # nothing of its own


def test_an_answer_to_what_the_name_of_a_thing_is_gives_a_name_beside_it():
    """Calibration s148, s185 (never said), both shown as generated: 'The Afghan national who carried out the G-11
    Judicial Complex bombing was deployed by TTP/FAK leadership.', 'The March 2024 attack on a Moscow concert hall
    was attributed to ISIS-K.' name no one or nothing the question asks the name of."""
    for text, question in (
            ("The Afghan national who carried out the G-11 Judicial Complex bombing was deployed by TTP/FAK "
             "leadership.",
             "What was the name of the Afghan national who carried out the G-11 Judicial Complex bombing?"),
            ("The March 2024 attack on a Moscow concert hall was attributed to ISIS-K.",
             "What was the name of the concert hall that was attacked in Moscow in March 2024?")):
        assert screen(text, question)[1] == "it does not give the name asked for", text
    question = "What is the name of the investment vehicle JP McManus and John Magnier use for their Man Utd shares?"
    for text in ("The investment vehicle is Cubic Expression.",
                 "JP McManus and John Magnier use Cubic Expression as their investment vehicle.",
                 "They hold them through a company."):  # (no word for the thing asked about: other checks)
        assert screen(text, question)[1] == "", text
    assert screen("The cheap music player is called the iPod shuffle.", "What's the name of the cheap music "
                  "player Jobs unveiled?")[1] == ""
    question = "What's the name of the cheap flash-memory music player Jobs unveiled alongside the Mac mini?"
    assert screen("The cheap flash-memory music player Jobs unveiled alongside the Mac mini is the iPod shuffle.",
                  question)[1] == ""  # calibration n603: across the question's own words
    assert screen("The iPod shuffle is the name of the cheap flash-memory music player Jobs unveiled alongside the Mac "
                  "mini.", question)[1] == ""  # (its reply)
    # nor is such a name bold in a quote
    question = "What was the name of the concert hall that was attacked in Moscow in March 2024?"
    line = "The March 2024 attack on a Moscow concert hall, attributed to ISIS-K, underscores the threat."
    assert "**" not in emphasise(line, question)
    assert "**Crocus City Hall**" in emphasise("The concert hall, Crocus City Hall, was attacked.", question)
    question = "What was the name of the Afghan national who carried out the G-11 Judicial Complex bombing?"
    assert "**" not in emphasise("An Afghan national of Nangarhar was deployed by TTP/FAK leadership.", question)


def test_a_name_typed_in_small_letters_is_named_for_the_gate():
    """Found asking new questions: 'which by-election did turnour win' was refused (similarity 0.38): 'turnour' was no
    name, so the question did not count as naming things the passages have."""
    line = ("But the youngest is understood to have been Tory Edward Turnour, who won the 1904 Horsham by-election "
            "aged 21 and 144 days.")
    ev = gate.evidence("which by-election did turnour win", [line], [0.38], [0.6])
    assert ev.named and gate.refuse_before(ev, gate.Thresholds(min_similarity=0.4)) == ""
    # a word the passages also write in small letters is no name
    assert not gate.evidence("which election did the tory win", ["The Tory party won the election. A tory said so."],
                             [0.38], [0.6]).named


def test_a_premise_the_question_denies_and_a_denial_of_another_thing_are_no_opposite():
    """Found asking new questions (calibration n341, s140): both generated replies were right and refused as saying
    the source's opposite."""
    question = "Why does Edward Leigh think 11 minutes per visa application is not enough?"
    line = ('"Entry clearance staff are expected to deal with a visa application in about 11 minutes which is surely '
            'too little time to look closely at the supporting documents."')
    reply = ("Edward Leigh thinks 11 minutes per visa application is not enough because it is too little time to look "
             "closely at the supporting documents.")
    assert opposite(line, reply, line, question) is False
    assert opposite(line, reply, line) is True  # the 'not' is the question's, so only read with it
    # only the premise before the reason: 'Moscow subsidizes the Taliban without cash transfers by …' (s107) is not
    subsidy = "Moscow subsidizes the Taliban without cash transfers by demanding more shared intelligence."
    assert opposite("Moscow demands more shared intelligence.", subsidy, "",
                    "How does Moscow subsidize the Taliban without cash transfers?") is True
    corridor = ("Russia and Pakistan have agreed to bolster ties, suggesting that the corridor from Moscow to Kabul "
                "via Islamabad is no longer symbolic but rapidly materializing into a functional axis.")
    assert opposite(corridor, "The corridor is rapidly materializing into a functional axis.", corridor) is False
    assert opposite(corridor, "The corridor is symbolic.", corridor) is True


# --- the review of the thirty-third stop's rules: one test per finding new with them, each failing on the reviewed
# code (a helper's review; README, "Measured") ----------------------------------------------------------------------

def _reviewed(sentence: str, question: str, *lines: str, use: slice = slice(None)) -> str:
    """Why `attribute` refuses the sentence on the lines (those in `use` as its sources), or 'ok'."""
    sources, passages = _sources(*lines)
    v = attribute(sentence, question, sources[use], passages, HashEmbedder())
    return "ok" if v.ok else v.reason


# --- rule 8: screen cuts the answer's 'according to …' frame ------------------------------------------------------

def test_frame_naming_another_source_than_the_questions_is_not_cut():
    """(a) The answer's frame is cut whenever the question says 'according to', even when it names ANOTHER source
    than the question's. The cut sentence then passes as the asked source's claim: the user asked for the
    government's estimate and is shown the Lib Dems' figure as if it were it; asked what Blair said, is shown an MoD
    report's figure that Blair disputes."""
    q = "How much will the war cost, according to the government's estimates?"
    reply = "The war will cost £5bn, according to estimates by the Liberal Democrats."
    src = "Liberal Democrat estimates suggest the war will cost £5bn, while the government puts the cost at £3bn."
    shown = screen(reply, q)[0]
    assert "Liberal Democrats" in shown or _reviewed(shown, q, src) != "ok", shown
    q = "According to Tony Blair, how many troops will stay in Iraq?"
    reply = "8,500 troops will stay in Iraq, according to a Ministry of Defence report."
    src = "A Ministry of Defence report says 8,500 troops will stay in Iraq, but Tony Blair has said the number " \
          "will be lower."
    shown = screen(reply, q)[0]
    assert "Ministry of Defence" in shown or _reviewed(shown, q, src) != "ok", shown


def test_a_speakers_frame_with_a_document_word_in_it_is_kept():
    """(a) _DOCUMENT is searched anywhere in the frame, so a PERSON whose title holds 'research', 'census',
    'statistics', 'data' … is cut as if a document (the docstring: a speaker's frame is kept, his word checked).
    Here the analyst's forecast is then shown as the report's."""
    q = "What will growth be, according to the Treasury report?"
    reply = "Growth will be 3.5%, according to the head of research at Barclays Capital."
    # source: 'The Treasury report forecasts growth of 3%, but the head of research at Barclays Capital expects
    # 3.5%.' -> the cut 'Growth will be 3.5%.' no longer says whose forecast it is and reads as the report's (the
    # kept sentence is verified 'ok' on the old code; the cut one is left to the embedder's similarity alone)
    assert screen(reply, q)[0] == reply


def test_according_to_meaning_in_accordance_with_is_not_a_frame():
    """(b) 'allocated according to census data' is the answer itself ('in accordance with'), not a frame; it is cut
    to 'Funding is allocated.' and the correct answer is refused as only repeating the question."""
    q = "How is the funding allocated, according to the report?"
    reply = "Funding is allocated according to census data."
    assert screen(reply, q) == (reply, "")


def test_a_frame_with_nothing_after_it_does_not_crash():
    """(c) A sentence that is only the leading frame (the model's output cut at its token limit, 'According to the
    figures,') leaves '' and `text[0].upper()` raises IndexError inside answer generation."""
    text, why = screen("According to the figures,", "According to the figures, how many texts were sent?")
    assert why


# --- rule 6: change_of_total --------------------------------------------------------------------------------------

def test_by_of_a_passive_agent_is_no_change():
    """(b) _AS_CHANGE takes any 'by <number>' as a change, so the agent of a passive ('signed by 50,000 people',
    'backed by 300 MPs') against the source's 'a total of 50,000' is refused as 'a total, not a change'."""
    assert change_of_total("The petition was signed by 50,000 people.",
                           "The petition was signed by a total of 50,000 people.") == ""
    assert _reviewed("The bill was backed by 300 MPs.", "How many MPs backed the bill?",
                   "The bill was backed by a total of 300 MPs.") == "ok"


# --- rule 2: deed_shared with three or more doers -----------------------------------------------------------------

def test_a_leading_phrase_is_no_doer_of_a_shared_deed():
    """(b) _JOINT now takes any capitalized run before a comma as another doer: 'On Monday,', 'According to
    Reuters,', 'In Brussels,' become doers, so the sentence repeating exactly what the source says is refused."""
    assert deed_shared("Britain and France pledged £100m to the fund.",
                       "On Monday, Britain and France pledged £100m to the fund.") == ""
    assert _reviewed("Britain and France have pledged £100m to the fund.",
                   "How much have Britain and France pledged to the fund?",
                   "According to Reuters, Britain and France have pledged £100m to the fund.") == "ok"


# --- rule 7: periods.other_period, one month asked, a year counted -----------------------------------------------

def test_a_month_name_inside_another_word_does_not_name_a_month():
    """(a) 'names no month' is `re.search(rf"\\bmonth|{MONTH_NAME}", source, re.I)`: MONTH_NAME has no word
    boundaries and includes 'May', 'Mar', 'Dec', 'Oct', 'Nov', 'Jun' …, so 'may', 'market', 'decade', 'doctor',
    'innovation' count as a month and the year's total is shown as the month's."""
    q = "How many texts were sent that month?"
    for src in ["Some 26 billion texts were sent in total in 2004, and the figure may rise again this year.",
                "UK mobile owners sent 26 billion texts in total in 2004, as the market continued to grow."]:
        assert other_period(f"{q} 26 billion texts were sent in total in 2004.", src), src
        assert _reviewed("26 billion texts were sent in total in 2004.", q, src) != "ok", src


def test_a_comparison_with_a_year_earlier_is_no_years_count():
    """(b) _A_YEAR's 'a year' / 'last year' match a comparison ('up 25% on a year earlier', 'up from 1.8 billion
    last year'), so October's own count, the month named in the sentence before, is refused as a year's."""
    lines = ["October was a record month for texting.",
             "Some 2.3 billion messages were sent, up 25% on a year earlier."]
    assert _reviewed("2.3 billion messages were sent in October.", "How many messages were sent in October?",
                   *lines) == "ok"


# --- rule 5: wording.names_missing, a name the question typed in small letters ------------------------------------

def test_a_common_word_of_the_question_does_not_vouch_for_a_name():
    """(a) Any answer name that occurs as a lower-case word of the question counts as the question's, and then only
    needs to be somewhere in the document: the common word 'next' ('… next year?') lets the retailer 'Next' through,
    though the line says Boots did it."""
    lines = ["High street retailers are preparing for a tough year.",
             "Boots will open 20 more stores, the company said.",
             "Rival chains expect trading to stay difficult next year."]
    assert _reviewed("Retailer Next will open 20 more stores.", "Which retailer will open more stores next year?",
                     *lines, use=slice(1, 2)) != "ok"


def test_the_lib_dems_are_the_liberal_democrats_not_a_person_the_line_leaves_out():
    # calibration n572, n595: 'Sir Menzies Campbell is the Lib Dems' foreign affairs spokesman.' was refused ("'dems'
    # is not in the source"): 'Lib Dems' was read as a person of the question whom the line does not name
    line = ('Liberal Democrat foreign affairs spokesman Sir Menzies Campbell said the four had been rescued from a '
            '"legal no-man\'s land".')
    question = "Who is the Lib Dems' foreign affairs spokesman?"
    assert _reviewed("Sir Menzies Campbell is the Lib Dems' foreign affairs spokesman.", question, line) == "ok"
    assert mentioned("lib", line) and mentioned("dems", line) and not mentioned("lib", "Liberal views spread.")
    # a person the question names is still one the line must name ('Lord Smith' is no 'Liberal Democrat')
    assert _reviewed("Sir Menzies Campbell replaced Lord Smith as the Lib Dems' spokesman.",
                     "Who replaced Lord Smith as the Lib Dems' foreign affairs spokesman?", line) != "ok"


def test_a_name_written_after_the_is_no_person_the_line_must_name():
    # calibration n400: 'Judy Craymer ranks at number 31 on the Sunday Times music rich list.' was refused
    # ("'sunday' is not in the source"): beside the playwright Catherine Johnson, 'Sunday Times' was read as a person
    # of the question whom the line leaves out; the title above the line names the list
    lines = ["Producer Judy Craymer is the highest new entry in the Sunday Times' music rich list.",
             "Ms Craymer, who developed Mamma Mia! with playwright Catherine Johnson and members of Abba, is at number "
             "31 on the music rich list."]
    question = "Where does Judy Craymer rank on the Sunday Times music rich list?"
    assert _reviewed("Judy Craymer ranks at number 31 on the Sunday Times music rich list.", question, *lines,
                     use=slice(1, 2)) == "ok"
    # a person the question names is still one the line must name
    assert _reviewed("Judy Craymer ranks at number 31 on Simon Fuller's music rich list.",
                     "Where does Judy Craymer rank on Simon Fuller's music rich list?", *lines, use=slice(1, 2)) != "ok"


def test_a_place_on_a_list_is_not_read_from_an_amount():
    # calibration n647 (unanswerable): 'Joss Stone ranks at number 5 on the list …' was shown, generated, its 5 read
    # from her £5m; the quote then had **£5m** in bold for where she ranks
    line = "Teenage soul singer Joss Stone is a new entry on a list of Britain's young music millionaires with £5m."
    question = "Where does Joss Stone rank on the list of Britain's young music millionaires?"
    reply = "Joss Stone ranks at number 5 on the list of Britain's young music millionaires."
    assert place_of_amount(reply, line) == "in the source 5 is an amount (£5m), not a place"
    assert _reviewed(reply, question, line) != "ok"
    assert "**" not in emphasise(line, question, reply)
    # a place the source gives is one, beside an amount of the same number
    placed = "Ms Craymer is at number 31 on the music rich list, with £31m."
    assert place_of_amount("Judy Craymer ranks at number 31 on the list.", placed) == ""
    # a place in words, or a number no amount reads (re-read: 'number one' raised an IndexError)
    assert place_of_amount("It went to number one.", "It went to number one in 40 countries.") == ""
    assert place_of_amount("It is at number one.", "It earned £1m.") == \
        "in the source 1 is an amount (£1m), not a place"
    assert place_of_amount("It was No. 1999 on the list.", "Sales reached 1,999 in 1999.") == ""
    assert emphasise(placed, "Where does Judy Craymer rank on the music rich list?") == \
        "Ms Craymer is at number **31** on the music rich list, with £31m."


def test_a_count_question_does_not_get_a_sum_in_bold():
    # calibration n589: '… losses halved in 2004 to $200m (£104m; **151m euros**) …' was quoted for how many cars the
    # Saab plant turns out, the refused reply (no number) pointing at it; the line with '130,000 cars per year' ranked
    line = ("That is about half of what major car makers consider sufficient numbers for profitable operations, and "
            "Saab is losing money fast - albeit with losses halved in 2004 to $200m (£104m; 151m euros) from $500m.")
    assert "**" not in emphasise(line, "Roughly how many cars a year does the Saab plant in Sweden turn out?")
    assert "**$200m**" in emphasise(line, "How much did Saab lose in 2004?")
    assert "**$11bn**" in emphasise("The fraud, at $11bn, was the largest.", "how big was the accounting fraud")
    candidates = [Candidate(0, 0, 0, 1.0 - i / 10, 0.5, 0.5) for i in range(2)]
    texts = ["Bringing Cadillac production to Sweden should help introduce scale to the Saab factory, which currently "
             "produces fewer than 130,000 cars per year.", line]
    reply = "The Saab plant in Sweden turns out about half of what major car makers consider sufficient numbers."
    assert pointed(reply, candidates, texts, [0, 1], "Roughly how many cars a year does the Saab plant turn out?",
                   0.1, 0.6) is None


def test_a_groups_number_is_not_given_to_one_of_it():
    # calibration n609, n640 (unanswerable): 'The Sunday Telegraph employs 521 journalists on its own.' and 'The Daily
    # Telegraph currently employs 521 journalists.' were shown, generated, from the two titles' 521
    line = "The two Telegraph titles currently employ 521 journalists."
    question = "How many journalists does the Sunday Telegraph employ on its own?"
    assert member_for_group("The Sunday Telegraph employs 521 journalists on its own.", line) == \
        "the source gives 521 for the two Telegraph titles, not one of them"
    assert _reviewed("The Daily Telegraph currently employs 521 journalists.", "How many journalists does the Daily "
                     "Telegraph employ?", line) != "ok"
    assert member_for_group("The two Telegraph titles employ 521 journalists.", line) == ""
    assert _reviewed("The two Telegraph titles employ 521 journalists.", "How many journalists do the two Telegraph "
                     "titles employ?", line) == "ok"
    # … and its quote puts no number in bold for one of them
    assert "**" not in emphasise(line, question)
    assert "**521 journalists**" in emphasise(line, "How many journalists do the two Telegraph titles employ?")
    # … nor for a question naming both (report n026, seen in the list of changed answers: the bold was lost)
    assert "**521 journalists**" in emphasise(line, "How many journalists work for the Daily and Sunday Telegraph?",
                                              "521 journalists work for the Daily and Sunday Telegraph.")
    assert member_for_group("The Daily and Sunday Telegraph employ 521 journalists.", line) == ""


def test_a_comparison_said_the_other_way_round_is_refused():
    # new questions (40 written this stop): 'How tall are the Petronas Towers in Kuala Lumpur?' was answered, generated
    # and shown, with the source's comparison turned round
    line = ("Taipei's TFC 101 Tower is more than 50m taller than the Petronas Towers in Kuala Lumpur, Malaysia - "
            "formerly the world's tallest skyscraper.")
    question = "How tall are the Petronas Towers in Kuala Lumpur?"
    assert "other way round" in _reviewed(
        "The Petronas Towers in Kuala Lumpur are more than 50m taller than the Taipei's TFC 101 Tower.", question, line)
    assert _reviewed("Taipei's TFC 101 Tower is more than 50m taller than the Petronas Towers.",
                     "How much taller is Taipei's TFC 101 Tower than the Petronas Towers?", line) == "ok"
    # quoted, the line has no bold: not by how much the other is taller, nor the tower's name's number
    assert emphasise(line, question) == line
    assert "**50m taller**" in emphasise(line, "How much taller is Taipei's TFC 101 Tower than the Petronas Towers?")


# --- rule 10: naming.typed_small ---------------------------------------------------------------------------------

def test_a_common_noun_the_passages_capitalize_does_not_unname_a_question():
    """(b) BBC style writes 'the Cabinet', 'the Budget' in capitals: the question's 'cabinet' becomes a name, so the
    question's own words drop to one ('quit') and 'When did Alan Milburn quit the cabinet?' is no longer named:
    refused at the gate (it was answered before)."""
    p = ["Former Health Secretary Alan Milburn quit the Cabinet in 2003 to spend more time with his family."]
    ev = gate.evidence("When did Alan Milburn quit the cabinet?", p, [0.37], [0.6])
    assert ev.named and gate.refuse_before(ev, gate.Thresholds(min_similarity=0.4)) == ""


# --- rule 9: screen._circular ---------------------------------------------------------------------------------------

def test_an_agent_sharing_the_subjects_head_noun_is_no_circle():
    """(b) The agent's head noun (cut at the first 'of', 'at', 'from' …) equal to the subject's last word, with the
    subject's words somewhere in the agent, is taken for 'a thing done by itself': true, ordinary sentences are
    dropped as 'it says a thing is itself'."""
    for text in ["Tesco's profits were boosted by profits at Tesco's non-food arm.",
                 "The England captain was replaced by the captain of England's one-day side."]:
        assert not _circular(text), text
        assert screen(text, "What happened?")[1] == "", text


# --- rule 4: 'text' no longer a stop word ---------------------------------------------------------------------------

def test_according_to_the_text_names_the_source_not_a_word_to_find():
    """(b) With 'text' a content word, 'according to the text' must be found in a passage sentence, so a plain
    question the gate answered before ('What did the dossiers contain, according to the text?') is refused;
    gate._SOURCE_WORDS has 'article', 'passage', 'sources' but not 'text'."""
    p = ["Such dossiers contained cross-border entry points, safe houses and the names of handlers."]
    ev = gate.evidence("What did the dossiers contain, according to the text?", p, [0.3], [0.6])
    assert ev.defined and gate.refuse_before(ev, gate.Thresholds(min_similarity=0.4)) == ""


# --- rule 1: rank.SPEED_Q ---------------------------------------------------------------------------------------

def test_a_quantity_word_elsewhere_in_a_speed_question_keeps_it_a_speed_question():
    """(a) The quantity words are excluded anywhere before the '?', not as what 'how fast' is about: 'How fast can the
    Prius go in economy mode?' is no longer a speed question, so a price or a fuel figure passes as its answer
    (answers_asked, the last check of a generated answer)."""
    q = "How fast can the Toyota Prius go in economy mode?"
    assert SPEED_Q.search(q)
    assert not SPEED_Q.search("How fast is the pound falling?")  # a currency's fall is no speed (review, stop 33)
    assert not answers_asked([("The Toyota Prius costs £17,000.", [])], answer_type(q), q)


def test_what_the_source_says_of_the_world_is_not_said_of_a_place():
    """Found asking new questions: 'The UK music market was worth £17.7 billion in pounds in 2004.' was shown,
    generated, from '… world music sales declined by 1.3% to $33.6 billion (£17.7 billion).' and a line on the UK."""
    question = "What was the UK music market worth in pounds in 2004?"
    line = "However, world music sales declined by 1.3% to $33.6 billion (£17.7 billion)."
    uk = "The UK music industry recorded an overall 3% increase in volume sales."
    sentence = "The UK music market was worth £17.7 billion in pounds in 2004."
    assert world_for_place(sentence, question, [uk, line]) == "the source says 'world music', not 'UK music'"
    assert world_for_place("World music sales fell to £17.7 billion.", question, [line]) == ""
    record = "The UK market was worth £2bn, a world record."
    assert world_for_place("The UK market was worth £2bn.", question, [record]) == ""  # the line names the place
    # only a name said before the word 'world' or 'global' goes with: not 'Scotland' for '… international marketing
    # campaign …' nor 'Gordon Brown' anywhere (replayed: a first version cost n184 its generated answer)
    assert world_for_place("By 2012, Gordon Brown thinks an Aids vaccine could be found.",
                           "By what year does Gordon Brown think an Aids vaccine could be found?",
                           ["Mr Brown said a global Aids vaccine could be found by 2012."]) == ""


def test_new_questions_typed_as_people_ask_them():
    """Found asking new questions (thirty-fifth stop): 'Which city's slums did Gordon Brown go to in Kenya?' was
    refused, the articles say 'the Kenyan capital Nairobi'; 'How many Turks were put out of work …?' was refused
    though '… two million people lost their jobs'; 'who did they ask to get him freed', after a question on
    "Arash Sigarchi's sentence", was read as asking to get "Arash Sigarchi's" freed."""
    assert as_people("kenya", "Mr Brown visited slums in the Kenyan capital Nairobi .")
    assert as_people("turkey", "the Turkish lira") and as_people("china", "Chinese firms")
    assert not as_people("india", "the Indian Ocean") and not as_people("turkey", "Turkish Airlines")
    assert plural("turks") and plural("kenyans") and plural("chinese") and not plural("jobs")
    passages = ["Gordon Brown is in Africa. On Wednesday, Mr Brown visited slums in the Kenyan capital Nairobi ."]
    assert gate.evidence("Which city's slums did Gordon Brown go to in Kenya?", passages, [0.6], [0.3]).missing == ()
    assert not mentioned("kenya", passages[0])  # not for a sentence to rest on (replayed: n268 was shown, generated)
    line = "The economy teetered in 2001 when the lira plunged in value and two million people lost their jobs."
    assert counts_other(line, "How many Turks were put out of work in the 2001 crisis?") == ""
    assert counts_other("Two million people lost their jobs.", "How many Turkish firms were put out of business?")
    assert followup.rewrite("who did they ask to get him freed",
                            "Which press freedom group slammed Arash Sigarchi's sentence?") == \
        "Who did they ask to get Arash Sigarchi freed?"
    assert followup.rewrite("where is his blog", "Why was Arash Sigarchi's blog closed?") == \
        "Where is Arash Sigarchi's blog?"


def test_a_line_quoted_for_who_holds_a_role_names_the_role():
    """Found asking new questions: "And who's their chairman?" after 'Who runs British Airways as chief executive?'
    quoted '**Rod Eddington**, BA's chief executive, …'; the near-miss "What was Charlie Bell's wife called?" quoted
    '… chief executive **James Skinner** said …'."""
    line = "Rod Eddington, BA's chief executive, said the results were respectable."
    assert office_unsaid(line, followup.standalone("And who's their chairman?",
                                                   "Who runs British Airways as chief executive?"))
    assert office_unsaid(line, "Who is the chief executive of BA?") == ""
    line = "\"Keep Charlie's family in your hearts,\" chief executive James Skinner said in a statement."
    assert office_unsaid(line, "What was Charlie Bell's wife called?")
    married = "Davis, who was married to actress Ruby Dee, died."
    assert office_unsaid(married, "What was Ossie Davis's wife called?") == ""
    assert office_unsaid(line, "What is the new Turkish currency called?") == ""


def test_no_bold_for_an_amount_the_line_says_was_not_disclosed():
    """Found asking new questions: the near-miss 'How much did William Hague get for the newspaper serialisation …?'
    quoted '… an undisclosed amount for the newspaper serialisation … and up to **£135,00** for work as an adviser'."""
    line = ("Mr Hague was also paid an undisclosed amount for the newspaper serialisation of his biography of William "
            "Pitt the Younger and up to £135,00 for work as an adviser to various companies.")
    assert "**" not in emphasise(line, "How much did William Hague get for the newspaper serialisation of his "
                                       "William Pitt biography?")
    assert "**£135,00**" in emphasise(line, "How much did William Hague get for his work as an adviser?")


def test_a_rank_the_source_gives_otherwise_is_not_taken_from_the_sentence_before():
    """Found asking new questions: the near-miss 'What was the title of Andrea Levy's first novel?' was answered,
    generated, 'The title of Andrea Levy's first novel was "Small Island".' from "Small Island, Levy's fourth
    novel, …", its 'first' from the sentence before ('… categories - first novel, novel, biography …')."""
    before = ("The five writers in line for the award won their respective categories - first novel, novel, biography, "
              "poetry and children's book - on 6 January.")
    line = "Small Island, Levy's fourth novel, is set in post-war London and centres on a landlady and her lodgers."
    assert rank_missing("The title of Andrea Levy's first novel was \"Small Island\".",
                        "What was the title of Andrea Levy's first novel?", line, before)
    assert rank_missing("Susan Fletcher won the first novel prize.", "Who won the first novel prize?",
                        "Susan Fletcher for Eve Green, which won the first novel prize.", before) == ""
    assert rank_missing("Eve Green won the first novel prize.", "Which book won the first novel prize?",
                        "Eve Green won the prize.", before) == ""  # the rank from the sentence before, as it was


def test_a_line_quoted_for_a_rank_gives_it():
    """Found asking new questions: the near-miss 'What was the title of Andrea Levy's first novel?', once its
    generated answer was refused, quoted '… her book **Small Island** win the Whitbread Novel of the Year Award',
    then "**Small Island**, Levy's fourth novel, …"; 'Who won the Whitbread first novel award?' (report n173) quoted
    '**Novelist Andrea Levy** is favourite to win …'. A line quoted for 'first' says it, and gives no other rank."""
    question = "What was the title of Andrea Levy's first novel?"
    texts = ["Orange Prize winner Andrea Levy has seen her book Small Island win the Whitbread Novel of the Year.",
             "Small Island, Levy's fourth novel, is set in post-war London and centres on a landlady and her lodgers."]
    candidates = [Candidate(0, 0, len(texts[0]), 0.6, 0.6, 0.5), Candidate(1, 0, len(texts[1]), 0.5, 0.5, 0.5)]
    before = "The five writers won their respective categories - first novel, novel, biography - on 6 January."
    context = [Context("", "Levy takes Whitbread novel prize"), Context(before, "Levy tipped for Whitbread prize")]
    reply = "The title of Andrea Levy's first novel was \"Small Island\"."
    asked = naming.asked_names(question)
    assert fallback(reply, candidates, texts, [0, 1], question, 0.1, set(), asked, context) is None
    assert fallback(reply, candidates, texts, [0, 1], "What was the title of Andrea Levy's novel?", 0.1, set(), asked,
                    context) == 0
    # not a superlative: the lifts' maker says its lifts are the record-holders (calibration n163)
    line = "\"The certification of our elevators as world record-holders is a great honour,\" said Toshiba's president."
    assert not ordinal_unsaid(line, "Which company installed the world's fastest lifts in Taipei?", "")
    assert ordinal_unsaid(texts[0], "Who won the first novel award?", "")


def test_a_line_on_the_first_of_two_is_not_quoted_for_the_second():
    """Calibration n418 (never said): 'How long was the second blogger, Motjaba Saminejad, jailed for?' quoted the
    article's first line, on the first blogger, with **14 years** in bold; the reply pointed at it."""
    from chatbot.order import later_unsaid

    question = "How long was the second blogger, Motjaba Saminejad, jailed for?"
    line = "An Iranian weblogger has been jailed for 14 years on charges of spying."
    candidates = [Candidate(0, 0, len(line), 0.6, 0.6, 0.5)]
    context = [Context("", "Iranian blogger jailed\n\nA second blogger, Motjaba Saminejad, was held.")]
    reply = "The second blogger, Motjaba Saminejad, was jailed for 14 years."
    asked = naming.asked_names(question)
    assert later_unsaid(line, question, "")
    assert fallback(reply, candidates, [line], [0], question, 0.1, set(), asked, context) is None
    assert fallback(reply, candidates, [line], [0], question.replace("second ", ""), 0.1, set(), asked, context) == 0
    # the line of the second, and a period's ordinal, are quoted
    assert not later_unsaid("A second blogger, Motjaba Saminejad, was jailed for two years.", question, "")
    assert not later_unsaid("Qantas expects to pay A$100m more for fuel.",
                            "How much extra does Qantas expect to pay for fuel in the second half of the year?", "")


def test_review_of_the_thirty_fifth_stop():
    """A review's findings on this stop's rules, each an assertion that failed on the reviewed code."""
    # an acronym spelled out in small words passes no gate ('The BLA said …, but later apologised.')
    line = "The BLA said it carried out the attack, but later apologised."
    assert not gate.evidence("BLA stands for?", [line], [0.1], [0.2]).defined
    # 'last' and 'first' said of a deed are no rank of a thing
    assert not ordinal_unsaid("England won the World Cup in 1966.", "When did England last win the World Cup?", "")
    assert not ordinal_unsaid("Smith finished first, ahead of Jones, who was second to cross the line.",
                              "Who was the first to finish?", "")
    assert ordinal_unsaid("Andrea Levy is favourite to win, after winning novel of the year.",
                          "Who won the Whitbread first novel award?", "")  # (report n173)
    # a capitalised plural that names no people counts no people
    assert counts_other("Some 2,500 people live near the factory.", "How many Jaguars were recalled?")
    # the owner of what is called something holds no office asked about
    assert office_unsaid("His latest book, called Winning, is out this week.",
                         "What is the chairman's new book called?") == ""
    # the person before a possessive inside a name
    assert followup.rewrite("What did he say about tax?", "What did Tony Blair's Labour government promise?") == \
        "What did Tony Blair say about tax?"
    # an undisclosed sum of another thing, or an unknown number of others, leaves the answer's bold
    assert "**£790m**" in emphasise("Glazer paid £790m for the club, and an undisclosed sum for the club shop.",
                                    "How much did Glazer pay for the club?")
    assert "**50 people" in emphasise("At least 50 people died and an unknown number of people are still missing.",
                                      "How many people died in the fire?")
    assert as_people("germany", "the German government")


def test_a_count_done_otherwise_is_no_answer():
    """Found asking new questions (thirty-sixth stop): 'How many people were arrested in the 1981 Brixton riots?'
    (never said) was shown, generated: 'Nearly 400 people were arrested in the 1981 Brixton riots.', from '…
    nearly 400 people were injured …'. Refused, its line was quoted with **400 people**, then **three days**, in
    bold."""
    line = ("During the following three days of disturbances that spread to the Midlands, Merseyside, Bristol and "
            "Leeds, nearly 400 people were injured and buildings and vehicles were set alight.")
    question = "How many people were arrested in the 1981 Brixton riots?"
    assert count_deeds(line) == [("400", {"peopl"}, {"injure"})]
    assert deed_of_count_otherwise("Nearly 400 people were arrested in the 1981 Brixton riots.", line) == \
        "the source says 400 were injured, not arrested"
    assert deed_of_count_otherwise("Nearly 400 people were injured in the riots.", line) == ""
    assert deed_of_count_otherwise("About 5,000 copies have been sold.", "About 5,000 copies were shipped.")
    assert deed_of_count_otherwise("Police arrested 400 people.", line) == ""  # no deed of a count said: not here
    assert "**" not in emphasise(line, question)
    assert emphasise("Nearly 400 people were injured and 100 were arrested.", question) == \
        "Nearly 400 people were injured and **100** were arrested."
    assert "**400 people**" in emphasise("Over three days, nearly 400 people were arrested.", question)
    assert "**400 people**" in emphasise(line, "How many people were injured in the riots?")


def test_new_questions_of_the_thirty_sixth_stop():
    """Found asking new questions (thirty-sixth stop). 'Who is the finance director at Qantas?' quoted 'Qantas boss
    **Mr Dixon** …' (a boss, but not of finance; the article's 'chief financial officer Peter Gregg' is);
    'Why were fewer American films shot in Britain in 2004?' was refused: the article says 'US films'."""
    line = "Qantas boss Mr Dixon also said he would be reviewing the group's cost-cutting measures."
    assert office_unsaid(line, "Who is the finance director at Qantas?") == "it does not name the finance director"
    assert office_unsaid('"We don\'t have as much hedging benefit," said chief financial officer Peter Gregg.',
                         "Who is the finance director at Qantas?") == ""
    assert office_unsaid(line, "Who is the boss of Qantas?") == ""
    assert office_unsaid("Jeremy Dear, NUJ general secretary, said the cuts were wrong.",
                         "Who is the NUJ general secretary?") == ""
    assert office_unsaid("United's chief executive David Gill said talks would not resume.",
                         "Who's the chief executive at Manchester United?") == ""
    films = "The strong pound is expected to have resulted in a fall in the number of US films shot in the UK in 2004."
    assert mentioned("american", films) and mentioned("us", "American films") and mentioned("america", "the US")
    assert gate.evidence("Why were fewer American films shot in Britain in 2004?", [films], [0.7], [0.3]).missing == ()
    assert not written_otherwise("american", "Latin American films")
    # an amount in a line that never names whose it is, nor says 'he' or 'its', is no answer to bold
    assert "**" not in emphasise("The Telegraph Group says the cuts are needed to fund an £150m investment in new "
                                 "printing facilities.", "How much did the Barclay twins pay for the Telegraph?")
    assert "**" not in emphasise("Producer Judy Craymer is the highest new entry, with a £67m fortune.",
                                 "how much are coldplay worth on the young music millionaires list")  # (n366)
    assert "**£5**" in emphasise("Mr Blair paid £5 for two copies.", "How much did Tony Blair pay for the singles?")
    assert "**£20,000**" in emphasise("His declared interests include £20,000 from newspaper articles.",
                                      "How much did Alan Milburn get for newspaper articles?")  # (n336)


def test_review_of_the_thirty_sixth_stop():
    """A review's findings on this stop's rules, each an assertion that failed on the reviewed code."""
    # whose amount: a name the stopwords hold ('the US') broke the answer; a word of a company's name, a name's
    # other form, the thing paid for are enough; a pronoun within ('said it had raised') is no 'he' or 'it' opening
    assert emphasise("The US gave $350m in aid.", "How much did the US give in aid?") == \
        "The US gave **$350m** in aid."
    assert "**£3.45bn**" in emphasise("Barclays made a profit of £3.45bn.", "How much did Barclays Bank make?")
    assert "**£3bn**" in emphasise("The UK has spent £3bn in Iraq.", "How much has Britain spent in Iraq?")
    assert "**£110,000**" in emphasise("The suits sold for £110,000 at auction.",
                                       "How much did the Beatles' suits sell for?")
    assert "**" not in emphasise("The Band Aid Trust said it had raised $144m.",
                                 "How much did Tony Blair pay for his Band Aid 20 singles?")
    # a deed in other words is the same deed; deeds joined are each said; a count of another thing keeps the bold
    assert "**400 people**" in emphasise("Over three days, nearly 400 people were injured.",
                                         "How many people were hurt in the riots?")
    assert deed_of_count_otherwise("Nearly 400 people were hurt in the riots.", "nearly 400 people were injured") == ""
    assert deed_of_count_otherwise("The 3 men were charged.", "The 3 men were arrested and later charged.") == ""
    assert "**14 people**" in emphasise("Police said 14 people had been arrested and charged.",
                                        "How many people were charged?")
    assert "**300 jobs**" in emphasise("The firm, whose 5,000 staff are based in Leeds, plans to cut 300 jobs.",
                                       "How many jobs will be cut?")
    # a count in words, or after 'also', is read too
    assert deed_of_count_otherwise("Five people were arrested.", "Five people were injured.")
    assert deed_of_count_otherwise("400 people were also arrested.", "Nearly 400 people were also injured.")
    # 'American' of another America is not the US
    assert not mentioned("us", "Sales in Latin-American markets rose 5%.")
    assert not mentioned("us", "Brazil won 12 gold medals at the Pan-American Games.")
    # a word that describes the holder is no kind of office; a kind in capitals is one
    assert office_unsaid("Russia's envoy, Igor Ivanov, said talks would go on.",
                         "Who is Russia's special envoy handling the mediation?") == ""
    assert office_unsaid("The chairman, John Smith, said.", "Who is the current chairman?") == ""
    assert office_unsaid("Qantas boss Mr Dixon said.", "Who is the Finance Director at Qantas?") != ""


def test_tempting_questions_the_articles_never_answer():
    """Found asking new questions written to tempt (thirty-sixth stop): each was shown, generated and verified,
    for a question the articles never answer."""
    # the question's 'most' is no rank the source gives
    provinces = ("Al-Qaeda has fighters and training stations in the six provinces: Ghazni, Helmand, Kandahar, "
                 "Kunar, Uruzgan, and Zabul.")
    question = "Which Afghan province has the most al-Qaeda fighters?"
    assert rank_missing("Ghazni has the most al-Qaeda fighters.", question, provinces, "") == \
        "the source does not say 'most'"
    assert rank_missing("Ghazni has the most fighters.", question, "Ghazni has the most fighters of all.", "") == ""
    # a cause the source never gives
    hall = ("The March 2024 attack on a Moscow concert hall, attributed to ISIS-K, underscores the vulnerability "
            "that Russia faces from these radical groups.")
    assert reason_unsaid(hall, "ISIS-K attacked the concert hall in Moscow because it was attributed to them.")
    assert not reason_unsaid("The Telegraph Group says the cuts are needed to fund an £150m investment.",
                             "The papers are axing jobs due to the need to fund an investment.")
    # half a year's savings for the full year's
    savings = ["During the first six months of the fiscal year, Qantas made savings of A$245m, and is on track to "
               "top its target of A$500m for the full year."]
    asked = "How much did Qantas end up saving from cost cuts over the full financial year?"
    assert part_for_whole("Qantas ended up saving A$245m from cost cuts over the full financial year.", asked,
                          savings) == "the source gives A$245m for 'first six months', not the full year"
    assert part_for_whole("Qantas aims to top A$500m for the full year.", asked, savings) == ""
    assert "**" not in emphasise(savings[0], asked)
    # a doer of another year
    call = ("Britain's first mobile phone call was made across the Vodafone network on 1 January 1985 by veteran "
            "comedian Ernie Wise.")
    assert other_year("Who made the world's first mobile phone call in New York in 1973?", call, "", "") == \
        "the question asks about 1973; the source speaks of 1985"
    # a role the source gives the actor not; a level something fell to, given as a price
    den = ("The show's highest audience came at Christmas 1986, when more than 30 million tuned in to see Den, played "
           "by Leslie Grantham, hand divorce papers to wife Angie.")
    assert role_of_other("Leslie Grantham played Den's wife Angie in EastEnders.", den) == \
        "the source says Leslie Grantham played Den"
    assert role_of_other("Leslie Grantham played Dirty Den Watts.", den) == ""
    assert "**" not in emphasise(den, "Who played Den's wife Angie in EastEnders?",
                                 "Leslie Grantham played Den's wife Angie in EastEnders.")
    fuller = ("But Pop Idol mogul Simon Fuller has seen his wealth plummet from £220m last year to £75m after selling "
              "his entertainment company 19 for less than expected, according to the Sunday Times.")
    assert price_of_level("Simon Fuller sold his company 19 for £75m.", fuller) == \
        "in the source £75m is what something went to, not a price"
    assert price_of_level("Simon Fuller is now worth £75m.", fuller) == ""


def test_review_of_the_tempting_questions_rules():
    """A review's findings on the rules the tempting questions led to, each an assertion that failed on the
    reviewed code: a rank, a cause, a doer's year, a price, a role and a period said in other words."""
    assert rank_missing("Russia has the most nuclear weapons.", "Which country has the most nuclear weapons?",
                        "Russia has the largest nuclear arsenal in the world.", "") == ""
    assert not reason_unsaid("Heavy snow forced the closure of the airport.", "The airport closed due to heavy snow.")
    assert other_year("Who won the 2010 World Cup?", "Spain, who won Euro 2008, beat the Netherlands to win the "
                      "World Cup.", "", "Spain won the 2010 World Cup.") == ""
    assert other_year("Who was elected US president in 2008?", "Barack Obama, born in 1961, won the election.",
                      "", "") == ""
    assert price_of_level("He was jailed for 6 years.", "Appeal judges increased his sentence from 4 to 6 years.") == ""
    assert price_of_level("The PS3 now sells for £349.", "The price of the PS3 was cut from £425 to £349.") == ""
    assert role_of_other("Leslie Grantham played Den in EastEnders.",
                         "Fans will see Den Watts, played by Leslie Grantham, return.") == ""
    assert part_for_whole("Tesco's annual profit rose to £2bn.", "What was Tesco's annual profit?",
                          ["Profit for the year rose to £2bn after a record first half."]) == ""


def test_new_questions_of_the_thirty_seventh_stop():
    """Found asking 86 new questions (thirty-seventh stop), 52 of them unanswerable: five were answered with a
    generated, verified sentence that its source does not say of what the question asks. Each is refused now, by
    the verifier, on the line it rested on."""
    # a count of two places is no count of one: '… in Japan and the US …, Nintendo has sold almost 4m DS consoles'
    ds = "Since going on sale in Japan and the US at the end of 2004, Nintendo has sold almost 4m DS consoles."
    assert _reason("Almost 4 million.", "How many Nintendo DS consoles have been sold in the US alone?", ds) == \
        "the question asks about 'US', the source counts 'in Japan and the US'"
    # a bare answer claims what its question asks: a sentence one 'could face' is no sentence given
    ebbers = " Mr Ebbers could face a jail sentence of up to 85 years if convicted of all the charges he is facing."
    asked = "How many years in prison was Bernie Ebbers sentenced to?"
    assert _reason("85 years in prison.", asked, ebbers) == "it states as fact what the source only says could happen"
    assert overstated(ebbers, claim("85 years in prison.", asked), asked)
    assert not overstated("Ebbers was jailed for 25 years.", claim("25 years in prison.", asked), asked)
    assert "**" not in emphasise(ebbers, asked, "85 years in prison.")  # its quote: no '**85 years if convicted**'
    assert "**25 years**" in emphasise("Ebbers was jailed for 25 years.", asked, "25 years in prison.")
    # a year's profit is no half-year's: 'a record … 648m ($492m) profit last year'
    qantas = "Despite making a record Australian dollars 648m ($492m) profit last year, Qantas has argued it must save."
    assert _reason("Qantas made a record Australian dollars 648m ($492m) profit last year.",
                   "What net profit did Qantas make in the second half of its financial year?", qantas) == \
        "the source gives $492m for 'last year', not 'second half'"
    assert part_for_whole("Qantas made A$648m last year.", "How much profit did Qantas make last year?", [qantas]) == ""
    # an amount of a line that names not whose it is: the Nintendo DS's price for Halo 2's
    assert _reason("The two-screen clamshell gadget costs £99.", "how much does halo 2 cost",
                   "The two-screen clamshell gadget costs £99 (149 euros) and 15 games are available for it.") == \
        "the source does not say whose amount it is"
    # what was paid for another thing: his book's paperback for his Guardian column
    cook = "Robin Cook was paid between £45,001 and £50,000 for the paperback edition of his book."
    assert _reason(cook, "How much was Robin Cook paid for his Guardian column?", cook) == \
        "it is paid for 'the paperback edition of his book', not 'his Guardian column'"
    assert paid_for_other("He was paid £5,000 for it.", "How much was Robin Cook paid for his Guardian column?") == ""
    assert "**" not in emphasise(cook, "How much was Robin Cook paid for his Guardian column?")  # quoted: '**£45,001**'
    assert "**£5,000**" in emphasise("Robin Cook was paid £5,000 for his Guardian column.",
                                     "How much was Robin Cook paid for his Guardian column?")
    assert paid_for_other("Glazer paid £800m for the club.", "How much did Glazer pay for Manchester United?") == ""
    # what a speaker says of themself is not said of the question's person ('Callaghan first got elected as an MP in
    # 1983.' on Charles Kennedy's 'When I was first elected in 1983 …'): an answerable question, answered wrong
    kennedy = ('Liberal Democrat leader Charles Kennedy said: "When I was first elected in 1983 as the youngest MP, he '
               'was the "Father of the House" and took a very keen interest in my early days in Parliament.')
    assert _reason("Callaghan first got elected as an MP in 1983.", "when did callaghan first get elected as an mp",
                   kennedy) == "the source's 'I' is Charles Kennedy: 'I was first elected in 1983 as the youngest MP'"
    assert said_of_self("Charles Kennedy was first elected in 1983.", "When was Kennedy first elected?", kennedy) == ""
    assert said_of_self("Ebbers spoke with Sullivan three or four times.", "How often did Ebbers speak with Sullivan?",
                        '"In a lot of weeks, we would speak ... three or four times," Mr Ebbers said.') == ""
    # a count that had another thing done to it than the question asks, the doer named ('… have Taliban forces
    # destroyed?'; asked_count stops before 'camps', which may be a verb)
    camps = "Three new camps have been integrated into operations, further solidifying Al-Qaeda-TTP integration."
    assert _reason(camps, "How many ISKP training camps have Taliban forces destroyed?", camps) == \
        "it says what was done to its count, not what the question asks"
    assert _reason(camps, "How many new camps have been integrated into operations?", camps) == "ok"
    # the question's year given a count its line, the one before and the title never date ('Within four years, …')
    jcc = ("Pakistan's envoy spoke.", "The talks resumed in 2025.",
           "Within four years, Islamabad has sent five special representative trips.",
           "In the meantime, institutional processes have also been busy with 8 Joint Coordination Committee meetings.")
    sources, passages = _sources(*jcc)
    question = "How many of the Joint Coordination Committee meetings took place in 2025?"
    assert attribute("8 Joint Coordination Committee meetings took place in 2025.", question, sources[3:], passages,
                     HashEmbedder(), documents=[f"Pakistan and Kabul\n\n{passages[0]}"]).reason == \
        "the source does not give this count for 2025"
    sources, passages = _sources(jcc[0], jcc[1], jcc[3])  # the year said just before
    sources = sources[1:]
    assert attribute("8 Joint Coordination Committee meetings took place in 2025.", question, sources[1:], passages,
                     HashEmbedder(), documents=[f"Pakistan and Kabul\n\n{passages[0]}"]).reason != \
        "the source does not give this count for 2025"
    # of two lines, the one holding the sentence's count says it of another ('six provinces' are al-Qaeda's)
    ttp = ("Al-Qaeda has fighters and training stations in the six provinces: Ghazni, Helmand, Kandahar, Kunar, "
           "Uruzgan, and Zabul.", "The TTP runs its own camps across the border.")
    camps = "The TTP runs its own training camps in six provinces: Ghazni, Helmand, Kandahar, Kunar, Uruzgan and Zabul."
    asked = "In how many Afghan provinces does the TTP run its own training camps?"
    assert subject_swapped(camps, asked, " ".join(ttp)) == ""  # the pair names the TTP
    assert verify._swapped(camps, asked, ttp) == "the source says it of Al-Qaeda, not The TTP"
    # a role the line never gives its name: James Wareham is a director's lawyer; the prosecutor is named after him
    worldcom = "Who is the prosecutor in the class action against the former WorldCom directors?"
    wareham = "James Wareham, a lawyer representing one of the WorldCom directors, told Reuters they agreed to pay."
    sources, passages = _sources("Ten former directors at WorldCom have agreed to pay $54m to settle a class action "
                                 "lawsuit, reports say.", wareham)
    assert attribute("The prosecutor in the class action against the former WorldCom directors is James Wareham.",
                     worldcom, sources[1:], passages, HashEmbedder()).reason == \
        "the source does not say who is the prosecutor"
    hevesi = "… a spokesman for the prosecutor, New York State Comptroller Alan Hevesi, said no agreement was made."
    assert wording.role_unsaid("Alan Hevesi is the prosecutor.", worldcom, hevesi) == ""
    # … nor quoted, the name in bold ('**James Wareham**, a lawyer representing …'): refused, as no line says it
    context = [Context("", f"WorldCom directors to pay\n\n{wareham}")]
    reply = "The prosecutor in the class action against the former WorldCom directors is James Wareham."
    assert fallback(reply, [Candidate(0, 0, len(wareham), 0.6, 0.5, 0.5)], [wareham], [0], worldcom, 0.1, set(),
                    set(), context) is None
    dixon = "Qantas chief executive Geoff Dixon said so."
    assert wording.role_unsaid("Geoff Dixon.", "who is the boss at qantas", dixon) == ""
    # a possessive after the question's own name is that person's, before a capital too (in the browser: read as
    # 'How much was Robin Cook paid for Bernie Ebbers's Guardian column?' after a question on Ebbers)
    cook_q = "How much was Robin Cook paid for his Guardian column?"
    assert not followup.is_follow_up(cook_q) and followup.is_follow_up("What about his Guardian column?")
    # the question's dollars made pounds ('The $599 Mac mini is £599 in the UK.', screened only as a repeat)
    mac = "The $499 Macintosh, sold for £339 in the UK, was described by Jobs as the most important Mac."
    assert currency_swapped("The $599 Mac mini is £599 in the UK.", "How much is the $599 Mac mini in the UK?", mac) \
        == "the source gives 599 in $, not £"
    assert currency_swapped("The Mac mini costs £339 in the UK.", "How much is the $599 Mac mini in the UK?", mac) == ""
    assert currency_swapped("Qantas saved A$245m.", "How much did Qantas save?", "savings of A$245m") == ""


def test_review_of_the_thirty_seventh_stop():
    """A review's findings on this stop's rules, each an assertion that failed on the reviewed code."""
    # whose amount: 'Win' of 'the Winter' is no verb; a question with no owner asks no whose
    assert not emphasis_whose("The Winter Olympics cost £9bn.", "How much did the Winter Olympics cost?")
    assert "**£9bn**" in emphasise("The Winter Olympics cost £9bn.", "How much did the Winter Olympics cost?")
    assert not emphasis_whose("Owen cost Newcastle £16m.", "How much did Michael Owen cost Newcastle?")
    # a year compared with is not the count's period: 'up from £1bn last year'
    tesco = "Tesco made a pre-tax profit of £1.2bn in the first half, up from £1bn last year."
    assert part_for_whole("Tesco made £1.2bn in the first half, up from £1bn.", "How much profit did Tesco make in "
                          "the first half?", [tesco]) == ""
    # a role in its verb ('directed by') or its kind's word ('Chelsea boss' for the manager)
    assert wording.role_unsaid("Jose Mourinho.", "Who is the manager of Chelsea?",
                               "Chelsea boss Jose Mourinho said his side deserved the win.") == ""
    assert wording.role_unsaid("Steven Spielberg was the director of the film.", "Who was the director of the film?",
                               "The film, directed by Steven Spielberg, took $50m.") == ""
    # what was paid for is the thing asked, described ('the Old Trafford club'); '$1.65bn' is one amount
    assert paid_for_other("Glazer paid £790m for the Old Trafford club.",
                          "How much did Malcolm Glazer pay for Manchester United?") == ""
    assert paid_for_other("Google paid $1.65bn for the video-sharing site of his friends.",
                          "How much did Google pay for YouTube?") != ""
    # 'in the US and Microsoft said …' counts no second place
    assert other_place("How many copies of Halo 2 were sold in the US?", "Halo 2 sold 2.4 million copies in the US "
                       "and Microsoft said it was the biggest launch ever.") == ""
    # a currency written in words is that currency: '499 euros'
    assert currency_swapped("The Mac mini costs €499 in Europe.", "How much does the Mac mini cost in Europe?",
                            "The Mac mini will cost $499 in the US and 499 euros in Europe.") == ""
    assert currency_swapped("The iPod shuffle costs £99 in the UK.", "How much is the $99 iPod shuffle in the UK?",
                            "It will sell for 99 pounds in the UK.") == ""
    # bought is sold; 'confirmed dead' reports a count, it is no deed done to it
    assert not deed_unasked("More than 2.4 million copies were bought in the first 24 hours.",
                            "How many copies has Halo 2 sold?")
    assert not deed_unasked("More than 150,000 people are now confirmed dead.",
                            "How many people has the tsunami killed?")
    # a Roman 'I' is no speaker
    assert said_of_self("The World War I memorial was unveiled in 1920.", "When was the memorial unveiled?",
                        "Councillor Jones said the World War I memorial was unveiled in 1920.") == ""


def test_a_count_is_not_quoted_from_a_passage_that_never_names_who_the_question_says_did_it():
    """Calibration s195 (the seeds never say): 'How many high-level defence delegations has Moscow sent to Kabul?'
    The reply was refused ('moscow' is not in the source), and the line it pointed at, on what Islamabad sent, was
    quoted with 'two high-ranking defense' in bold. A count is quoted only from a passage naming who the question
    says did it, each of two ('Russia and the Taliban'); one name of a longer doer is enough ("Andrea Arnold's Wasp"
    as '… my film has won 30 awards …' in a passage naming Arnold)."""
    line = ("Within four years, Islamabad has sent four foreign minister trips, two high-ranking defense/ISI trips, "
            "and an NSA trip to Kabul.")
    passage = f"Pakistan's diplomacy\n\nThis commitment is supported by Pakistan's outreach. {line}"
    candidates = [Candidate(0, 0, len(line), 0.6, 0.5, 0.5)]
    reply = "Moscow has sent two high-level defence delegations to Kabul."
    context = [Context("", f"{passage} Moscow has its own interests.", passage)]

    def quoted(question: str, context: list[Context]) -> int | None:
        return fallback(reply, candidates, [line], [0], question, 0.1, set(), naming.asked_names(question), context)

    assert quoted("How many high-level defence delegations has Moscow sent to Kabul?", context) is None
    assert quoted("How many high-ranking defence trips has Islamabad sent to Kabul?", context) == 0
    assert quoted("How many trips have Islamabad and Moscow sent to Kabul?", context) is None
    wasp = '"But even though my film has won 30 awards worldwide, I\'d still be proud of it."'
    award = [Context("", f"Andrea Arnold spoke. {wasp}", f"Briton wins Oscar\n\nAndrea Arnold spoke. {wasp}")]
    assert fallback("It won 30 awards.", [Candidate(0, 0, len(wasp), 0.6, 0.5, 0.5)], [wasp], [0],
                    "How many awards has Andrea Arnold's Wasp won?", 0.1, set(), {"andrea", "arnold", "wasp"},
                    award) == 0
    # a passage writing the doer by its initials names it (calibration n642: refused, its line passed over)
    a321 = '"For example, we have taken delivery of six Airbus A321 aircraft."'
    ba = [Context("", f"High fuel prices hit BA's profits\n\nBritish Airways said. {a321}",
                  f"High fuel prices hit BA's profits\n\nShares rose. {a321}")]
    question = "How many Airbus A321 aircraft has British Airways taken delivery of?"
    assert fallback("British Airways has six.", [Candidate(0, 0, len(a321), 0.6, 0.5, 0.5)], [a321], [0], question,
                    0.1, set(), naming.asked_names(question), ba) == 0
    assert fallback("British Airways has six.", [Candidate(0, 0, len(a321), 0.6, 0.5, 0.5)], [a321], [0], question,
                    0.1, set(), naming.asked_names(question), [ba[0]._replace(passage=f"Shares rose. {a321}")]) is None


def test_a_name_of_two_words_or_more_is_found_by_its_initials_not_two_initials_after_an_article():
    """('British Airways', "BA's profits"), but no person in 'An MP said' (`text.by_initials`)."""
    assert by_initials("British Airways", "High fuel prices hit BA's profits")
    assert by_initials("UK Independence Party", "UKIP won 12 seats") and not by_initials("Airways", "BA said")
    assert not by_initials("Mark Pritchard", "An MP said") and not by_initials("British Airways", "BAA said")


def test_a_line_quoted_for_a_question_giving_a_number_says_that_number():
    """Calibration n417, n415 (unanswerable): 'How many of the 500 patents IBM released are for database management?'
    was quoted '… **25,772 US patents** …'; 'How much is the $599 Mac mini in the UK?' the $499 one's '**£339**'."""
    from chatbot.fits import misfit, number_unsaid

    mac = 'The $499 Macintosh, sold for £339 in the UK, was described by Jobs as the "most important Mac".'
    assert number_unsaid(mac, "How much is the $599 Mac mini in the UK?", "") == "it leaves out the question's 599"
    assert misfit(mac, "How much is the $599 Mac mini in the UK?", set())
    assert number_unsaid(mac, "How much is the $499 Mac mini in the UK?", "") == ""
    assert number_unsaid("IBM has received 25,772 US patents in that period.",
                         "How many of the 500 patents IBM released are for database management?", "")
    # the sentence before may say it; a year may be said otherwise, a name's number and a count taken as given need not
    assert number_unsaid("Of them, 20 are for databases.", "How many of the 500 patents are for databases?",
                         "IBM released 500 patents.") == ""
    assert number_unsaid("Sales rose 5% last year.", "How much did sales rise in 2004?", "") == ""
    assert number_unsaid("GTA San Andreas has an 18 certificate.", "Why are adults buying the PS2?", "") == ""
    assert number_unsaid("Russia and China could mediate.", "Which two powers could mediate?", "") == ""


def test_a_count_asked_of_who_did_it_is_not_answered_by_a_count_that_had_another_deed():
    """Calibration s177 (the seeds never say): 'How many Afghan nationals did Pakistani forces kill in 2025?' was
    answered, generated and verified, '214 Afghan nationals were engaged in fighting Pakistani forces in 2025.'"""
    question = "How many Afghan nationals did Pakistani forces kill in 2025?"
    assert deed_unasked("214 Afghan nationals were engaged in fighting Pakistani forces in 2025.", question)
    assert not deed_unasked("214 Afghan nationals were killed by Pakistani forces in 2025.", question)
    # the deed may be a participle ending the question, and a phrasal verb's is not read ('fired off' is 'sent', not
    # 'sacked': calibration n062 lost the bold of its right count)
    assert deed_unasked("Nearly 400 people were arrested.", "How many people did the riots leave injured?")
    assert not deed_unasked("Nearly 400 people were injured.", "How many people did the riots leave injured?")
    assert count_deeds("2.4 billion were fired off in December alone.") == []


def test_a_how_much_of_question_is_not_answered_with_the_whole():
    """Found asking new questions (calibration n608, unanswerable): 'How much of BA's quarterly turnover came from
    cargo?' was answered, generated and verified, '£1.97bn [1].', the quarter's whole turnover; then, refused, its line
    was quoted with the sum in bold."""
    from chatbot.fits import misfit
    from chatbot.periods import share_for_whole

    line = "Turnover for the quarter was up 4.3% to £1.97bn, further benefiting from a rise in cargo revenue."
    question = "How much of BA's quarterly turnover came from cargo?"
    assert share_for_whole("£1.97bn.", question, [line]).startswith("the source gives £1.97bn for the whole turnover")
    assert misfit(line, question, set())
    # the part's own amount is its answer
    assert share_for_whole("£200m.", question, ["Cargo turnover was £200m."]) == ""
    assert share_for_whole("£200m.", question, ["Turnover from cargo was £200m."]) == ""
    assert share_for_whole("£1.97bn.", "How much was BA's quarterly turnover?", [line]) == ""


def test_who_did_it_the_answer_says_what_the_deed_was_done_to_as_its_source_does():
    """Found asking new questions (unanswerable, shown as generated): 'John Carpenter is directing the remake of The Fog
    that Debra Hill was co-producing.' on two lines about Halloween ('Directed by John Carpenter, it made …'), its
    'co' found in 'co-wrote' and its 'producing' in the line before. 'Who is directing …?' asks a deed as 'Who
    directed …?' does, and more than half of what the answer says of it besides the deed must be in its source."""
    pair = ("Hill, who had been suffering from cancer, co-wrote the 1978 film, which starred Jamie Lee Curtis. "
            "Directed by John Carpenter, it made over $60m worldwide.")
    before = "Screenwriter and producer Debra Hill, best known for Halloween, has died."
    question = "Who is directing the remake of The Fog that Debra Hill was co-producing?"
    assert WHO_DID_Q.match(question).group(1) == "directing" and not WHO_DID_Q.match("Who is being held?")
    why = wording.words_missing("John Carpenter is directing the remake of The Fog that Debra Hill was co-producing.",
                                question, pair, before, pair=True)
    assert why == "the source does not say this about remak"
    assert wording.words_missing("John Carpenter directed the original Halloween film that Debra Hill co-wrote.",
                                 "Who directed the original Halloween film that Debra Hill co-wrote?", pair, before,
                                 pair=True) == ""  # calibration n597: 'film' and 'wrote' are said, not 'original'


def test_a_multiple_is_no_count():
    """Found asking new questions (unanswerable): 'Blue Gene/L has five million processors.' was shown, generated from
    '… will be five million times faster.'; then that line was quoted with '**five million times faster**' in bold.
    A multiple counts nothing, unless the question asks how many times."""
    line = "The Blue Gene/L machine that will be completed next year will be five million times faster."
    assert "is how many times" in unbound_number("Blue Gene/L has five million processors.", line)
    assert unbound_number("It will be five million times faster.", line) == ""
    question = "how many processors does blue gene/l have"
    assert not has_type(line, "number", question) and emphasise(line, question) == line
    times = "How many times faster will Blue Gene/L be?"
    assert has_type(line, "number", times) and "**five million times" in emphasise(line, times)


def test_what_a_number_comes_on_top_of_is_not_that_number():
    """Found asking new questions (unanswerable, shown as generated): "The basic MP's salary that William Hague's
    outside earnings come on top of is up to £820,000." from '… William Hague earning up to £820,000 on top of his
    MPs' salary …'; quoted instead, that line's £820,000 is not in bold either."""
    line = "The register shows William Hague earning up to £820,000 on top of his MPs' salary, much of it from fees."
    question = "What is the basic MP's salary that William Hague's outside earnings come on top of?"
    assert _reason("The basic MP's salary that William Hague's outside earnings come on top of is up to £820,000.",
                   question, line) == "in the source £820,000 comes on top of his MPs' salary"
    assert _reason("William Hague earned up to £820,000 on top of his MPs' salary.",
                   "How much did William Hague earn on top of his MPs' salary?", line) == "ok"
    assert emphasise(line, question) == line
    assert "**£820,000**" in emphasise(line, "How much did William Hague earn on top of his MPs' salary?")


def test_a_name_in_another_sentence_than_the_one_holding_what_the_question_asks_by_is_not_bold():
    # found asking new questions: the line says Mr Bell leaves a wife and names no one as her; the name in the
    # next sentence is the chief executive's
    wife = "What's the name of Charlie Bell's wife?"
    quote = ('Mr Bell leaves a wife and daughter. "As we mourn his passing, I ask you to keep Charlie\'s family in '
             'your hearts and prayers," chief executive James Skinner said in a statement.')
    assert emphasise(quote, wife) == quote
    assert "his wife, **Nancy**," in emphasise("Mr Bell leaves his wife, Nancy, and a daughter. James Skinner said so.",
                                               wife)
    assert "**Tim Cook**" in emphasise("Steve Jobs spoke. His successor is Tim Cook.", "Who is Steve Jobs's successor?")
    # nor, in a line without the noun, who speaks its quote (calibration n678: the second sentence quoted alone)
    speaker = quote.split(". ", 1)[1]
    assert emphasise(speaker, wife) == speaker
    assert emphasise('"We mourn him," said Mr Skinner.', wife) == '"We mourn him," said Mr Skinner.'
    assert "**Victoria Beckham**" in emphasise("He married Victoria Beckham, the singer.", "Who is Beckham's wife?")
    assert "**Victoria Beckham**" in emphasise('"I am happy," he said. He married Victoria Beckham.',
                                               "Who is Beckham's wife?")


def test_the_year_or_name_of_a_pair_must_stand_with_the_name_the_question_gives():
    # found asking new questions (unanswerable): '2021' is when Pakistan started talking, not when the Doha round was
    question = "When was the round of Pakistan-Taliban talks under the Doha Agreement framework held?"
    sentence = "The round of Pakistan-Taliban talks under the Doha Agreement framework was held in 2021."
    earlier = ("Starting in 2021, Pakistan has involved the Taliban regime by means of a mix of formal dialogue "
               "rounds, high-level diplomacy, institutional devices, and regional forums.")
    later = "A system of three dialogue rounds, including one within the Doha Agreement framework, was used."
    assert pairs.given_apart(sentence, question, _pair(earlier, later)) == \
        "'2021' stands in a sentence that does not name 'agreement'"
    assert pairs.given_apart(sentence, question, _pair(earlier, later)[::-1]) != ""  # in any order
    # the name beside the number, or a later sentence going on about the earlier one, ties them
    assert pairs.given_apart(sentence, question, _pair(later.replace("was used", "was held in 2021"), earlier)) == ""
    assert pairs.given_apart("Sony sold 200,000 PSPs in Japan.", "How many PSPs did Sony sell in Japan?",
                              _pair("Sony launched the PSP in Japan.", "It sold 200,000 in its first week.")) == ""
    assert pairs.given_apart("Malcolm Glazer's new offer values Manchester United at £800m.",
                              "How much does Malcolm Glazer's offer value Manchester United at?",
                              _pair("Malcolm Glazer has made a fresh approach to buy Manchester United.",
                                    "His offer values the club at £800m.")) == ""
    assert pairs.given_apart("Malcolm Glazer bid for Manchester United in 2004.", "When did Glazer bid for Manchester "
                              "United?", _pair("Malcolm Glazer has made a fresh approach to buy Manchester United.",
                                               "Separately, he bid for a rival club in 2004.")) != ""
    assert pairs.given_apart("Arash Sigarchi was jailed for 14 years.", "How long was Arash Sigarchi jailed for?",
                              _pair("An Iranian weblogger has been jailed for 14 years.",
                                    "Arash Sigarchi was arrested in January.")) == ""  # a length, not a date
    # … and so must a name (calibration s306, unanswerable: shown as generated, citing both lines)
    provinces = ("Al-Qaeda has fighters and training stations in the six provinces: Ghazni, Helmand, Kandahar, Kunar, "
                 "Uruzgan, and Zabul.")
    camps = "Al-Qaeda-TTP integration of operations is further solidified through three new camps."
    question = "In which Afghan provinces are the three new al-Qaeda-TTP camps located?"
    answer = "The three new al-Qaeda-TTP camps are located in Ghazni, Helmand, and Kandahar provinces."
    assert pairs.given_apart(answer, question, _pair(provinces, camps)) == \
        "'ghazni' stands in a sentence that does not name 'qaeda-ttp'"
    assert _reviewed(answer, question, provinces, camps) != "ok"
    assert pairs.given_apart("Callaghan replaced Harold Wilson.", "Who did Callaghan replace?",
                             _pair("Harold Wilson resigned.", "Callaghan replaced him.")) == ""
    assert pairs.given_apart("As home secretary, Callaghan sent British troops to Belfast.",  # calibration n178
                             "As home secretary, what did Callaghan do about the violence in Belfast?",
                             _pair("When home secretary, he sent British troops to Belfast.",
                                   "Lord Callaghan was born in 1912.")) == ""
    assert pairs.given_apart("As home secretary, Lord Callaghan sent British troops to Belfast.",
                             "As home secretary, what did Callaghan do about the violence in Belfast?",
                             _pair("When home secretary, he sent British troops to Belfast.",
                                   "As foreign secretary, Lord Callaghan kept an open mind.")) == ""


TEXTING = ("Anyone in need of a bit of January cheer can use a service set up by Jongleurs comedy club, which will "
           "text them a joke a day.", "For those still wanting to drink and be merry, the Good Pub Guide offers a "
           "service giving the location and address of their nearest recommended pub.",
           "Users need to text the word GOODPUB to 85130.")


def test_a_line_about_the_users_of_a_thing_is_about_the_thing_named_before_it(real_embedder):
    # found asking new questions (unanswerable): the number to text is the Good Pub Guide's, not the Jongleurs joke's
    question = "What number do I text to get the Jongleurs joke a day?"
    sources, passages = _sources(*TEXTING)
    v = attribute('To get the Jongleurs joke a day, you text the word "GOODPUB" to 85130.', question, sources,
                  passages, real_embedder, documents=[f"New Year's texting breaks record\n\n{passages[0]}"])
    assert not v.ok
    article = f"New Year's texting breaks record\n\n{' '.join(TEXTING)}"
    assert named_elsewhere(TEXTING[2], TEXTING[1], article, question) == ["jongleurs"]  # so it is no line to quote
    assert named_elsewhere(TEXTING[2], TEXTING[1], article, "What do users of the Good Pub Guide text?") == []


def test_what_every_one_has_is_no_count_of_them_nor_a_total():
    # found asking new questions (unanswerable, calibration n339, n414): the per-officer target was bold
    line = "Every officer had an annual target of 8,000 applications - equivalent to 40 a day or one every 11 minutes."
    assert emphasise(line, "how many entry clearance officers does the uk have processing visa applications") == line
    assert emphasise(line, "What is the total number of visa applications the UK handles in a year?") == line
    assert "**8,000 applications**" in emphasise(line, "How many applications did officers have as a target?")


def test_a_count_with_its_deed_in_a_participle_after_it_is_not_what_was_done_to_it_otherwise():
    # calibration s177 (unanswerable): asked again with this line alone, the model wrote '214 Afghan nationals were
    # killed by Pakistani forces in 2025', and it was shown
    line = ("The fact they were supported by hard evidence: 172 Tashkeel of almost 4,000 militants infiltrating Khyber "
            "Pakhtunkhwa; 83 Tashkeel into Balochistan; and the discovery of 214 Afghan nationals engaged in fighting "
            "Pakistani forces in 2025 alone.")
    assert deed_of_count_otherwise("214 Afghan nationals were killed by Pakistani forces in 2025.", line) == \
        "the source says 214 were engaged, not killed"
    assert deed_of_count_otherwise("214 Afghan nationals were engaged in fighting in 2025.", line) == ""
    assert count_deeds(line) == []  # (a state, maybe, for a quote's bold: 'found fighting' says it too)
    assert count_deeds("30 men killed five soldiers on Monday.", participles=True) == []  # an active verb: no deed
    assert count_deeds("400 people killed by police.", participles=True) == [("400", {"peopl"}, {"kill"})]
    assert count_deeds("5 people died in the crash.", participles=True) == []


def test_a_sentence_written_from_a_quoted_line_must_give_what_the_line_has_in_bold():
    # calibration n256: asked again with the line alone, the model wrote 'The minimum age for an MP now is 18.' (the
    # line: the current minimum age of 21, which a bill would lower to 18)
    quoted = "Christopher Leslie said the current minimum age of **21** would be lowered to 18 [1]."
    assert bold_unsaid("The minimum age for an MP now is 18.", quoted) == \
        "it does not give '21', what the line it rests on answers"
    assert bold_unsaid("The minimum age for an MP is now 21.", quoted) == ""
    assert bold_unsaid("Judy Craymer produced the musical Mamma Mia!", "**Producer Judy Craymer** said [1].") == ""
    assert bold_unsaid("Anything at all.", "A line with nothing in bold [1].") == ""


def test_a_count_is_of_the_year_named_earlier_in_its_paragraph_until_another_period_is_named():
    # calibration n220: 'Global music sales fell by 1.3% in 2004.' was refused ('the source does not give this count
    # for 2004'): the year is two sentences before the line, in its paragraph
    music = ("But global sales of recorded music were flat in 2004, with growing sales in DVD music videos offset by "
             "online and physical piracy in major markets.",
             "The UK music industry recorded an overall 3% increase in volume sales, mostly due to its robust albums "
             "market.", "However, world music sales declined by 1.3% to $33.6 billion (£17.7 billion).")
    intro = "UK consumers are the biggest music buyers in the world, according to new figures.\n\n"
    sources, passages = _sources(*music)
    passages = [intro + passages[0]]
    sources = [dataclasses.replace(s, start=s.start + len(intro), end=s.end + len(intro)) for s in sources]
    title = "UK 'world's biggest music buyer'"
    v = attribute("Global music sales fell by 1.3% in 2004.", "By how much did global music sales fall in 2004?",
                  sources[2:], passages, HashEmbedder(), documents=[f"{title}\n\n{passages[0]}"])
    assert v.ok, v.reason
    assert dated_lead(passages[0], passages[0].index("However")) == music[0]
    assert dated_lead(f"{music[0]}\n\n{music[1]} {music[2]}", len(music[0]) + 2 + len(music[1]) + 1) == ""


def test_a_line_about_its_named_part_may_go_on_about_the_whole():
    # calibration n691: 'The Nintendo DS goes on sale in Japan on December 2.' was refused ("the source says it of its
    # 'US'"): the date is in the clause about the DS itself
    line = "Its US launch was on Sunday and it goes on sale in Japan on 2 December."
    question = "when does the nintendo ds go on sale in japan"
    sources, passages = _sources("Nintendo's DS handheld game console has gone on sale.", line)
    assert attribute("The Nintendo DS goes on sale in Japan on December 2.", question, sources[1:], passages,
                     HashEmbedder()).reason != "the source says it of its 'US'"
    assert attribute("The Nintendo DS went on sale on Sunday.", question, sources[1:], passages,
                     HashEmbedder()).reason == "the source says it of its 'US'"  # the part's own clause
    assert part_named(line, "The Nintendo DS goes on sale in Japan on December 2.") == ""
    assert part_named(line, "The DS launched on 21 November.") == "US"  # a number the clause does not give


def test_a_share_is_no_count():
    """Calibration n359 'How many members does Xbox Live have in total?' (unanswerable) was answered '… nine out of 10
    Xbox Live members have played the game for an average of 91 minutes per session [1].'"""
    from chatbot.fits import ratio_for_count

    question = "How many members does Xbox Live have in total?"
    line = "Nine out of 10 Xbox Live members have played the game for an average of 91 minutes per session."
    assert ratio_for_count(line, question) == "it gives a share, not the count asked"
    assert ratio_for_count("Xbox Live has 1.5 million members, 90% of them in the US.", question) == ""
    assert ratio_for_count("Nine out of 10 members have played.", "How many out of ten members have played?") == ""
    from chatbot.fits import misfit  # nor is the line quoted

    assert misfit(line, question, set()) == "it gives a share, not the count asked"


def test_an_answer_to_why_gives_a_reason():
    """Calibration n443, s173, n738: generated answers to why-questions that only restate what was asked why of."""
    from chatbot.kinds import answers_asked

    def gives(answer: str, question: str) -> bool:
        return answers_asked([(answer, [])], None, question)

    assert not gives("The Barclay twins bought the Telegraph Group last year, having previously been owned by Lord "
                     "Conrad Black's Hollinger International.", "Why did the Barclay twins buy the Telegraph Group?")
    assert not gives("The issues that Pakistan is concerned with are not constructed out of speculation.",
                     "Why does Pakistan say its concerns about militants in Afghanistan aren't just speculation?")
    assert gives("Jef Raskin was taken off the Macintosh project following a dispute with Apple's boss Steve Jobs.",
                 "Why was Jef Raskin taken off the Macintosh project?")
    assert gives("Russia removed the Taliban to address mounting security threats.", "And why?")
    assert gives("The Barclay twins bought the Telegraph Group.", "What did the Barclay twins buy?")
    # review: the question's own word in another form is no reason; 'citing' gives one
    assert not gives("The firm made a loss.", "Why did the firm make a loss?")
    assert gives("He resigned, citing ill health.", "Why did he resign?")


def test_a_which_question_is_answered_by_the_name_set_beside_its_noun():
    """Calibration n335: 'The Joe Louis Story was one of Davis's own plays that he adapted into the film Gone Are the
    Days.' was shown, generated; the line names his own play beside the words: 'his own play, Purlie Victorious'."""
    from chatbot.appositive import named_apart

    question = "which of his own plays did ossie davis adapt into the film gone are the days"
    line = ("Some of Davis's best known roles included The Joe Louis Story and Gone Are the Days - a film he adapted "
            "from his own play, Purlie Victorious.")
    wrong = "The Joe Louis Story was one of Davis's own plays that he adapted into the film Gone Are the Days."
    assert named_apart(wrong, question, line) == "the source names Purlie Victorious as the play"
    assert named_apart("He adapted his own play Purlie Victorious into the film.", question, line) == ""
    assert named_apart("It was Acme.", "What does the firm make?", "The firm, Acme, makes bolts.") == ""
    # review: one of those set beside the noun is enough; a comma after a phrase is no apposition
    two = "The foreign minister, Jack Straw, met them, and the home minister, David Blunkett, stayed home."
    assert named_apart("Jack Straw visited Iran.", "Which minister visited Iran?", two) == ""
    after = "After the film, Sidney Poitier called."
    assert named_apart("Morgan Freeman called him.", "Which actor called him?", after) == ""
    assert named_apart("Arsenal won.", "Which club won?", "The club, Chelsea, won.") == \
        "the source names Chelsea as the club"


def test_a_line_with_the_words_the_question_quotes_is_quoted():
    """Calibration n302: the line ranked first, on 'The Conservative Party Co-Chairman', was quoted for 'Which
    Conservative said his party was offering voters a "clear choice" on immigration?'; the second says those words."""
    from chatbot.quote import Context, fallback
    from chatbot.rank import Candidate

    lines = ['The Conservative Party Co-Chairman said the British electorate had a choice between a Labour government '
             'that had "done nothing for eight years" on immigration and a Tory one that would impose quotas.',
             'The Lib Dems say they will look at his plans, but Tory Liam Fox said his party offered a "clear choice" '
             'on the issue.']
    pool = [Candidate(i, 0, len(t), 0.6 - i / 10, 0.5, 0.5) for i, t in enumerate(lines)]
    context = [Context("", " ".join(lines), t) for t in lines]
    question = 'Which Conservative said his party was offering voters a "clear choice" on immigration?'
    assert fallback("", pool, lines, [0, 1], question, 0.1, set(), {"Conservative"}, context) == 1
    assert fallback("", pool, lines, [0, 1], question.replace('"', ""), 0.1, set(), {"Conservative"}, context) == 0


def test_a_sum_for_a_list_is_not_quoted_for_one_of_its_things():
    """Calibration n337: '… Alan Milburn earned up to **£85,000** from speeches, articles and advice …' was quoted for
    how much he got for his speeches; the line after gives '£35,000 for four speeches'."""
    from chatbot.fits import misfit

    line = "Ex-health secretary Alan Milburn earned up to £85,000 from speeches, articles and advice out of power."
    assert misfit(line, "How much did Alan Milburn get for his speeches?", set()) == \
        "in the source 85000 is for 'speeches, articles and advice'"
    assert misfit(line, "How much did Alan Milburn earn out of power?", set()) == ""
    # review: a price for each is no sum for them all
    price = "Tickets cost £20 for adults, children and pensioners."
    assert misfit(price, "How much do tickets cost for children?", set()) == ""


def test_a_two_letter_acronym_glossed_with_al():
    """Calibration s193 'What does AQ stand for in the article on Russia's mediation offer?' was not read as asking
    what an acronym stands for (two letters), nor was 'Al-Qaeda (AQ)' read as spelling it out ('Al' passed over);
    once it was, 'Al-Qaeda stands for Islamic State Khorasan Province.' was generated from the list glossing both."""
    from chatbot.acronyms import expansion, gloss_misread
    from chatbot.kinds import answer_type

    question = "What does AQ stand for in the article on Russia's mediation offer?"
    assert answer_type(question) == "expansion"
    line = "… by the Tehreek-e-Taliban Pakistan (TTP), Balochistan Liberation Army (BLA), Al-Qaeda (AQ), Islamic State"
    start, end = expansion(line, "AQ")
    assert line[start:end] == "Al-Qaeda"
    assert gloss_misread("Al-Qaeda stands for Islamic State Khorasan Province.", question) == \
        "it says 'Al-Qaeda' stands for something else"
    assert gloss_misread("AQ stands for Al-Qaeda.", question) == ""
    # review: two letters are spelled by many a pair of words; only a pair beside them spells them out
    from chatbot.acronyms import gloss_supported

    assert expansion("Cleric Abu Qatada, accused of AQ links, was freed.", "AQ") is None
    assert not gloss_supported("AQ stands for Abu Qatada.", "What does AQ stand for?", "Cleric Abu Qatada, accused "
                               "of AQ links, was freed.")
    assert expansion("Mr Blair met The Observer.", "TO") is None
    assert gloss_supported("AQ stands for Al-Qaeda.", question, line)
