"""What a question asks an answer to name (answer_types.py): named companies and gangs, people, amounts of money, and
events that must have taken place. Each rule is checked on a decline and on a near miss that must still be answered."""
import pytest

from assistant import answer_types as at

NAMES = at.Names(common=frozenset({"each", "exposing", "having", "today", "the", "ebola", "internet"}),
                 expand=lambda acronym: {"MSS": "Ministry of State Security",
                                         "PRC": "People’s Republic of China"}.get(acronym))


# --- which classes are asked for ------------------------------------------------------------------------------

@pytest.mark.parametrize("question, kind, asked", [
    ("Which Chinese companies employed the contract hackers?", "entity", "Chinese companies"),
    ("Which ransomware gangs does the statement name as the biggest threats?", "entity", "ransomware gangs"),
    ("What is the name of the hacking group that the United States blamed?", "entity", "hacking group"),
    ("Which organisations sent experts to lead the workshop sessions?", "organisation", "organisations"),
    ("Which threat actors does the statement name?", "organisation", "threat actors"),
    ("Who was the Secretary General of the Council of Europe in 2001?", "person", "Secretary General"),
    # Officials are people: "Szilvia Tóth from the OSCE explained ..." answers, "senior PRC Government officials"
    # does not (sixth session; it was no class before).
    ("Which officials spoke at the workshop?", "person", "officials"),
    ("What is the amount of the fine for illegal access?", "amount", "amount of the fine"),
    ("How much money does the EU spend on the project?", "amount", "How much money"),
])
def test_a_question_asking_for_named_things_of_a_class_is_recognised(question, kind, asked):
    wanted = at.expected(question)
    assert wanted is not None and wanted.kind == kind and wanted.asked == asked


@pytest.mark.parametrize("question", [
    "Which countries signed the statement?",  # countries: question_kinds' own check
    "Who coordinates the Unified Coordination Group?",
    "Who is the depositary of the Convention?",  # an office, which a body can hold
    "Which body adopted resolution 73/27?",
    "Which norms does resolution 73/27 list?",
    "What did the group decide?",  # "the group" is the subject, not a class asked for
    "What penalties does the Budapest Convention require?",  # sanctions, not an amount
    "How much time do Parties have to reply?",
    "Who chaired the workshop?",  # question_kinds.role_of: the role, not necessarily a person
    "Which ministers attended the meeting?",  # "the Ministers of Australia, Brazil ..." answers it
])
def test_other_questions_ask_for_no_named_class(question):
    assert at.expected(question) is None


def test_a_question_in_another_language_is_read_for_amounts_in_its_own_words():
    rendered = "what is the montant amende prévu convention Budapest illegal access computer system?"
    asked = "Quel est le montant de l'amende prévu par la Convention de Budapest pour l'accès illégal ?"
    assert at.expected(rendered, asked).kind == "amount"
    assert at.expected("what is the Budget der Projekt?", "Wie hoch ist der Betrag des Budgets?").kind == "amount"


# --- companies and gangs ---------------------------------------------------------------------------------------

COMPANIES = "Which Chinese companies employed the contract hackers described in the White House statement on the PRC?"


@pytest.mark.parametrize("sentence", [
    "The PRC’s unwillingness to address criminal activity by contract hackers harms governments, businesses, and "
    "critical infrastructure operators.",
    "Exposing the PRC’s use of criminal contract hackers to conduct unsanctioned cyber operations globally.",
    "The United States is deeply concerned that the PRC’s Ministry of State Security (MSS) uses contract hackers "
    "who work for companies.",
    "Today, in coordination with our allies, the Biden administration is exposing companies:",
])
def test_a_sentence_naming_only_a_country_or_a_body_names_no_company(sentence):
    assert not at.names_entity(sentence, COMPANIES, NAMES)


@pytest.mark.parametrize("sentence", [
    "An independent French company, Nameshield ensures identity integrity and resilience on the Internet.",
    "The contract hackers were employed by front companies such as Hainan Xiandun Technology Development Co.",
])
def test_a_sentence_naming_a_company_as_one_answers(sentence):
    assert at.names_entity(sentence, COMPANIES, NAMES)


GANGS = "Which ransomware gangs does the October 2021 Counter Ransomware Initiative statement name?"


def test_a_list_of_signatory_countries_names_no_gang_but_a_named_gang_does():
    signatories = ("Having gathered virtually on October 13 and 14 to discuss the threat from ransomware, we the "
                   "Ministers and Representatives of Australia, Brazil, the Dominican Republic, European Union, "
                   "Republic of Korea, United Arab Emirates, the United Kingdom, and the United States recognize that "
                   "ransomware is an escalating global security threat.")
    assert not at.names_entity(signatories, GANGS, NAMES)
    assert at.names_entity("Ransomware gangs such as REvil and DarkSide extorted hospitals.", GANGS, NAMES)


def test_a_name_the_question_already_writes_is_no_answer():
    question = "What is the name of the hacking group that the United States blamed for the Microsoft Exchange compromise?"
    assert not at.names_entity("Hackers exploited vulnerabilities in Microsoft Exchange Server.", question, NAMES)
    assert at.names_entity("The hacking group HAFNIUM exploited Microsoft Exchange Server.", question, NAMES)


# --- people ----------------------------------------------------------------------------------------------------

SECRETARY = "Who was the Secretary General of the Council of Europe when the Budapest Convention opened for signature?"


@pytest.mark.parametrize("sentence, expected", [
    ("Instruments of ratification shall be deposited with the Secretary General of the Council of Europe.", False),
    ("The Convention was opened for signature in Budapest on 23 November 2001.", False),
    ("The session was held from 29 July to 9 August 2024 in New York.", False),
    ("This event was part of the EU Support to Western Balkans Cybersecurity Capacity Building project.", False),
    ("Walter Schwimmer, Secretary General of the Council of Europe, opened the conference.", True),
    ("Katherine Prizeman from the UN Office for Disarmament Affairs (UNODA) outlined the work.", True),
    ("Ambassador Emina Merdan shared Bosnia and Herzegovina’s current efforts.", True),
])
def test_a_who_held_the_office_question_needs_a_persons_name(sentence, expected):
    assert at.names_person(sentence, SECRETARY, NAMES) is expected


# --- amounts ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("A Party may require that the offence be committed by infringing security measures.", False),
    ("Each Party shall adopt measures punishable by effective, proportionate and dissuasive sanctions, which include "
     "deprivation of liberty, within 90 days.", False),
    ("The project has a budget of EUR 5 million.", True),
    ("Ransom demands of millions of dollars were made.", True),
    ("The fine may reach €20,000.", True),
])
def test_an_amount_question_needs_a_sum_of_money(sentence, expected):
    assert at.names_amount(sentence, "What is the amount of the fine for illegal access?") is expected


# --- events ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("question, names", [
    ("What did the first session of the Conference of the States Parties to the UN Convention against Cybercrime "
     "decide?", ("first session", "Conference of the States Parties")),
    ("What was agreed when the Paris Call supporters met again at the Internet Governance Forum in Berlin in 2019?",
     ("Internet Governance Forum", "Berlin")),
    ("How many States signed the UN Convention against Cybercrime at the signing ceremony in Hanoi?", ("Hanoi",)),
    ("What did participants discuss at the workshop in Sarajevo?", ("Sarajevo",)),
    ("What did the Ad Hoc Committee decide at its first session?", ("first session", "Ad Hoc Committee")),
])
def test_a_question_about_what_happened_at_an_event_names_the_event(question, names):
    event = at.event_asked(question)
    assert event is not None and event.names == names


@pytest.mark.parametrize("question", [
    "When was the sixth session of the open-ended working group to be held?",  # a plan, not an outcome
    "At which sessions of the OEWG were States to discuss the programme of action?",
    "When and where did the Ad Hoc Committee hold the reconvened concluding session?",  # no outcome asked
    "What did the General Assembly decide at its seventy-ninth session?",  # no proper name of the event
    "What was decided at the sixth session of the open-ended working group?",  # a number alone names no event
])
def test_other_questions_ask_about_no_event_outcome(question):
    assert at.event_asked(question) is None


@pytest.mark.parametrize("sentence, expected", [
    ("The Conference of the States Parties shall be convened by the Secretary-General not later than one year "
     "following the entry into force of this Convention.", False),
    ("(a) Assist the Conference of the States Parties in carrying out the activities and provide the necessary "
     "services for the sessions of the Conference;", False),
    ("Decides that the Conference of the States Parties will hold its first session in Vienna.", False),
    ("At its first session, held in Vienna, the Conference of the States Parties adopted its rules of procedure.", True),
])
def test_a_sentence_reports_an_event_only_when_it_took_place(sentence, expected):
    event = at.event_asked("What did the first session of the Conference of the States Parties decide?")
    assert at.reports(sentence, event) is expected


def test_a_meeting_agreed_on_is_planned_and_one_that_met_is_reported():
    event = at.event_asked("What was agreed when the supporters met again at the Internet Governance Forum in Berlin?")
    assert not at.reports("We agree to reconvene in Berlin in 2019 at the Internet Governance Forum.", event)
    assert at.reports("Supporters met at the Internet Governance Forum in Berlin and adopted a report.", event)
    workshop = at.event_asked("What did participants discuss at the workshop in Sarajevo?")
    assert at.reports("On 17 March 2025, a workshop on cyber diplomacy took place in Sarajevo.", workshop)


def test_a_person_answers_a_who_held_the_office_question_only_with_that_office():
    wanted = at.expected("Who is the UN Secretary-General?")
    assert not wanted.test("Katherine Prizeman from the UN Office for Disarmament Affairs outlined the work.",
                           "Who is the UN Secretary-General?", NAMES)
    assert wanted.test("Secretary-General António Guterres opened the session.", "Who is the UN Secretary-General?", NAMES)
    president = at.expected("Who was the President of the United States when the statement was issued?")
    assert president.test("The Administration is implementing President Biden’s Executive Order.",
                          "Who was the President of the United States?", NAMES)


def test_a_company_or_gang_must_be_named_as_one_not_merely_near_the_topic():
    question = "Which hacker groups has the MSS used?"
    assert not at.names_entity("DOJ documents outline how MSS hackers pursued the theft of Ebola virus vaccine "
                               "research.", question, at.Names())
    assert at.names_entity("The MSS used the hacker group APT40 against shipping firms.", question, at.Names())


def test_a_name_question_needs_a_name_beyond_the_questions_words():
    question = "What is the name of Belgium’s national cyber security centre?"
    wanted = at.expected(question)
    assert wanted.kind == "name" and wanted.asked == "Belgium’s national cyber security centre"
    assert wanted.test("The Centre for Cybersecurity Belgium (CCB) supervises and coordinates.", question, NAMES)
    assert not wanted.test("Belgium has a national cyber security centre, set up in 2015.", question, NAMES)
    convention = "What is the name of the Convention?"
    assert at.expected(convention).test("Convention on Cybercrime", convention, NAMES)


@pytest.mark.parametrize("rendered, asked, kind", [
    ("which ransomware bande say declaration?", "Koje ransomware bande navodi izjava?", "entity"),
    ("which Organisationen nahmen teil?", "Welche Organisationen nahmen teil?", "organisation"),
    ("who Secretary-General Council of Europe?", "Wer war der Generalsekretär des Europarates?", "person"),
])
def test_classes_are_read_from_a_rendering_and_from_words_it_leaves_as_written(rendered, asked, kind):
    assert at.expected(rendered, asked).kind == kind


def test_a_list_of_states_names_no_authority_and_a_nationality_asks_for_its_country():
    from assistant import answer_types

    names = answer_types.Names(frozenset({"ministers", "representatives", "having"}))
    q = "Which German authorities took part in the meeting?"
    wanted = answer_types.expected(q)
    listing = ("Having gathered virtually, we the Ministers and Representatives of Australia, Brazil, Bulgaria, "
               "European Union, France, Germany, and the United States recognize the threat.")
    assert not wanted.test(listing, q, names)
    assert not wanted.test("The Financial Action Task Force sets the standards.", q, names)  # not German
    assert wanted.test("Germany's Federal Office for Information Security took part.", q, names)
    # Without a nationality, any body named outside a list of States answers.
    plain = answer_types.expected("Which organisation sets the standards?")
    assert plain.test("The Financial Action Task Force sets the standards.", "Which organisation sets the standards?",
                      names)


# --- a person's title or position ------------------------------------------------------------------------------

@pytest.mark.parametrize("question, asked", [
    ("What exactly is Szilvia Tóth's job title at the OSCE, and in which department does she work?", "job title"),
    ("What position does Katherine Prizeman hold?", "position"),
])
def test_a_person_s_title_is_given_only_by_a_sentence_that_names_the_person_with_a_title(question, asked):
    wanted = at.expected(question)
    assert wanted is not None and wanted.kind == "title" and wanted.asked == asked
    person = question.split("'s")[0].split()[-1] if "'s" in question else "Prizeman"
    # where the person works is no title; a title next to someone else is not the person's
    assert not wanted.test(f"Szilvia Tóth from the OSCE explained how the organisation promotes CBMs, and "
                           f"Katherine Prizeman from UNODA outlined the OEWG.", question, NAMES)
    assert not wanted.test("The Secretary-General of the United Nations shall provide secretariat services.",
                           question, NAMES)
    assert wanted.test(f"Head of Unit Anna {person} from the OSCE explained the CBMs.", question, NAMES)


def test_a_document_s_title_is_not_a_person_s():
    assert at.expected("What is the Budapest Convention's official title?") is None
    assert at.expected("What is Emina Merdan's position?").kind == "title"


# --- a vote ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "Was decision 77/512 A adopted by a recorded vote, and if so, what was the tally?",
    "What was the vote count on resolution 73/27?",
    "How many states voted against the resolution?",
])
def test_a_vote_is_given_only_by_a_sentence_that_gives_one(question):
    wanted = at.expected(question)
    assert wanted is not None and wanted.kind == "vote"
    assert not wanted.test("Decision 77/512, in section B.2 of the Official Records of the General Assembly.", question, NAMES)
    assert wanted.test("The resolution was adopted by a recorded vote of 119 to 46, with 14 abstentions.", question, NAMES)
    assert wanted.test("The decision was adopted without a vote.", question, NAMES)


def test_a_question_that_only_mentions_voting_asks_no_vote():
    assert at.expected("Which General Assembly resolutions deal with voting in elections?") is None
