"""What a question asks for, and the checks a sentence must pass to answer it."""
import pytest

from assistant import question_kinds as kinds


@pytest.mark.parametrize("text,question,expected", [
    ("It requires a two-thirds majority vote of the States Parties.", "How many States voted in favour?", False),
    ("Ten per cent of the budget.", "How many States voted in favour?", False),
    ("They compromised tens of thousands of computers.", "How many computers did they compromise?", True),
    ("Intersessional meetings of up to five days each.", "How many days may a meeting last?", True),
    ("It requires a two-thirds majority vote.", "What share of the votes is needed?", True),
    ("Adopted on 5 December 2018 as A/RES/73/27.", "How many resolutions were adopted?", False),
])
def test_a_count_question_needs_a_count_and_a_share_is_not_one(text, question, expected):
    assert kinds.has_count(text, question) is expected


@pytest.mark.parametrize("text,expected", [
    ("Australia, Canada, Costa Rica, Denmark and France joined the statement.", True),
    ("The United States and the United Kingdom attribute the activity.", True),
    ("Urges all States to sign and ratify the Convention as soon as possible.", False),
    ("The Secretary-General shall convene the Conference of the States Parties.", False),
])
def test_countries_are_recognised_by_name(text, expected):
    assert kinds.names_country(text) is expected


def test_only_questions_about_countries_need_country_names():
    assert kinds.COUNTRY_QUESTION.search("Which countries have already ratified the Convention?")
    assert kinds.COUNTRY_QUESTION.search("Which governments signed the 2023 joint statement?")
    assert not kinds.COUNTRY_QUESTION.search("Which States may sign the Convention?")


@pytest.mark.parametrize("line,expected", [
    ("Paris, 12th of November, 2018", True),
    ("DONE at Budapest, this 23rd day of November 2001, in English and in French.", True),
    ("Resolution adopted by the General Assembly on 5 December 2018", True),
    ("Geneva, 3 March 2020 was the day the meeting opened.", False),
    ("States should cooperate by 5 December 2018.", False),
])
def test_a_documents_own_date_line_is_recognised(line, expected):
    assert kinds.is_dateline(line) is expected


def test_only_questions_about_when_a_document_was_made_ask_for_its_date_line():
    assert kinds.DOCUMENT_DATE_QUESTION.search("On what date was the Paris Call issued?")
    assert kinds.DOCUMENT_DATE_QUESTION.search("When was resolution 73/27 adopted?")
    assert not kinds.DOCUMENT_DATE_QUESTION.search("When does the Convention enter into force?")


@pytest.mark.parametrize("text", [
    "This Convention shall enter into force on the ninetieth day after the date of deposit of the fortieth instrument.",
    "Such denunciation shall become effective one year after the date of receipt of the notification.",
    "A report to the General Assembly at its seventy-fifth session.",
    "They compromised tens of thousands of computers.",
])
def test_numbers_written_as_words_and_ordinals_count_as_numbers(text):
    assert kinds.HAS_NUMBER.search(text)


def test_a_sentence_without_any_number_is_not_a_when_answer():
    assert not kinds.HAS_NUMBER.search("States should cooperate to prevent harmful ICT practices.")


@pytest.mark.parametrize("question,paragraph,expected", [
    ("What did the General Assembly adopt in A/RES/79/243?", "Adopts the United Nations Convention against Cybercrime", True),
    ("What does 78/16 decide?", "Also decides to include in the provisional agenda", True),
    ("What did the General Assembly decide in decision 77/512?", "Decided to endorse the annual progress report", True),
    ("Which States does resolution 78/16 call upon?", "Calls upon all States to engage", True),
    ("What does 78/16 decide?", "Requests the Secretary-General to submit a report", False),
    ("What does 78/16 decide?", "Decisions shall be taken by consensus", False),
])
def test_an_operative_question_finds_the_paragraphs_that_open_with_its_verb(question, paragraph, expected):
    opener = kinds.operative_opener(question)
    assert opener is not None and bool(opener.match(paragraph)) is expected


def test_a_question_without_an_operative_verb_has_no_opener():
    assert kinds.operative_opener("What do the norms say about critical infrastructure?") is None


@pytest.mark.parametrize("question,sentence,expected", [
    ("How tall is the Secretariat building?", "The tower is 154 metres high.", True),
    ("How tall is the Secretariat building?", "The building has 39 storeys.", True),
    ("How tall is the Secretariat building?", "Resolution 74/247 set two sessions of 10 days each.", False),
    ("How tall is the Secretariat building?", "The Secretariat was established in 1945.", False),
    ("How far is Geneva from New York?", "It lies 6,200 km away.", True),
    ("How old must a victim be?", "a visual recording of a person over the age of 18 years", True),
    ("How old must a victim be?", "a person 16 years old", True),
    ("How old must a victim be?", "adopted on 24 December 2024", False),
])
def test_a_measurement_question_needs_a_number_with_a_unit_of_that_dimension(question, sentence, expected):
    pattern = kinds.measures(question)
    assert pattern is not None and bool(pattern.search(sentence)) is expected


@pytest.mark.parametrize("question", ["How long did the session last?", "When was it adopted?",
                                      "What does the Convention say about high-tech crime?",
                                      # "heavy" said of a penalty asks how severe, not how many kilograms
                                      "How heavy must the penalty for an offence be for extradition to apply?"])
def test_other_questions_ask_for_no_measurement(question):
    assert kinds.measures(question) is None


@pytest.mark.parametrize("question,sentence,expected", [
    ("Who chaired the 2021 Group of Governmental Experts?", "The Group was chaired by Ambassador X of Brazil.", True),
    ("Who chairs the Open-Ended Working Group?", "The Chair of the working group presented the report.", True),
    ("Who chairs the Open-Ended Working Group?", "The open-ended working group shall adopt its report by consensus.", False),
    ("Who presided over the conference?", "The President of the Conference opened the session.", True),
    ("Who led the workshop?", "The session was led by the OSCE.", True),
    ("Who organised the Sarajevo workshop?", "The workshop was organized by the OSCE Mission.", True),
    ("Who organised the Sarajevo workshop?", "The workshop took place in Sarajevo.", False),
])
def test_a_who_held_the_role_question_needs_a_sentence_naming_the_role(question, sentence, expected):
    pattern = kinds.role_of(question)
    assert pattern is not None and bool(pattern.search(sentence)) is expected


@pytest.mark.parametrize("question", ["Who adopted resolution 73/27?", "Who is responsible for attribution?",
                                      "What does the chair of the OEWG do?"])
def test_other_who_questions_name_no_role(question):
    assert kinds.role_of(question) is None


@pytest.mark.parametrize("sentence,expected", [
    ("Supporting the open-ended working group 2021–2025, and further encouraging it", False),  # only its name
    ("Decides to convene, starting from 2021, with a view to ensuring continuity", True),
    ("recalling its resolution 75/240 of 31 December 2020", True),
    ("the group met in December", True),
])
def test_a_when_answer_needs_a_number_beyond_those_the_question_writes(sentence, expected):
    assert kinds.has_new_number(sentence, "When was the open-ended working group 2021-2025 established?") is expected


@pytest.mark.parametrize("question,sentence,expected", [
    ("When did the Budapest Convention enter into force?",
     "This Convention shall enter into force on the first day of the month following the expiration of a period of "
     "three months after the date on which five States have expressed their consent", False),
    ("When did the Budapest Convention enter into force?", "It entered into force on 1 July 2004.", True),
    ("When was resolution 73/27 adopted in 2018?", "adopted at the 45th plenary meeting in 2018", False),
    ("When was resolution 73/27 adopted in 2018?", "45th plenary meeting 5 December 2018", True),
])
def test_a_when_question_about_the_past_needs_a_date(question, sentence, expected):
    assert kinds.PAST_WHEN.search(question)
    assert kinds.has_new_date(sentence, question) is expected


def test_a_when_question_about_a_rule_needs_no_date():
    assert not kinds.PAST_WHEN.search("When does the Convention enter into force?")


@pytest.mark.parametrize("question,noun", [
    ("What is the capital of Australia?", "capital"),
    ("Can you recommend a good hotel near United Nations Headquarters in New York?", "hotel"),
    ("What is a good recipe for banana bread?", "recipe"),
])
def test_an_everyday_question_needs_a_sentence_naming_what_it_asks_for(question, noun):
    pattern = kinds.everyday_noun(question)
    assert pattern is not None and pattern.search(f"the {noun} is") and not pattern.search("Australia signed it.")


@pytest.mark.parametrize("question", [
    "Does the statement on phone-hacking software say anything about protecting reporters?",
    "Does the Budapest Convention make large-scale online piracy of films and music a crime?",
    "Which company helps keep the Internet's address book trustworthy and available?",
    "What is the cost of cybercrime according to the statement?",
])
def test_everyday_words_as_modifiers_or_domain_terms_ask_for_nothing_everyday(question):
    assert kinds.everyday_noun(question) is None


@pytest.mark.parametrize("text", ["met een maximum van negentig dagen", "pendant quatre-vingt-dix jours",
                                  "innerhalb von neunzig Tagen", "najduže devedeset dana", "le 24 décembre"])
def test_numbers_in_the_other_question_languages_count_as_numbers(text):
    assert kinds.HAS_NUMBER.search(text)


@pytest.mark.parametrize("question,expected", [
    ("What confidence-building measures does the OSCE promote?", True),
    ("What steps must a State Party take?", True),
    ("What does the OSCE promote?", False),
    ("What is a confidence-building measure?", False),
])
def test_what_plural_does_x_asks_for_a_list(question, expected):
    assert bool(kinds.LIST_QUESTION.search(question)) is expected


def test_what_an_answer_must_name_gathers_every_check_the_question_calls_for():
    checks = kinds.what_an_answer_must_name("Who chaired the group, and which countries took part?")
    assert len(checks) == 2
    assert all(c("Brazil chaired the group.") for c in checks)
    assert not all(c("The group met twice.") for c in checks)
    assert kinds.what_an_answer_must_name("What does the OSCE promote?") == []


@pytest.mark.parametrize("question,sentence,expected", [
    ("How often must the Secretary-General circulate the list?",
     "The Secretary-General shall annually circulate to the States Parties the updated list.", True),
    ("How frequently does the group meet?", "The group shall meet at regular intervals.", True),
    ("Hoe vaak komt de groep bijeen?", "The group meets every year.", True),
    ("How often must the Secretary-General circulate the list?", "The Secretary-General shall circulate the list.",
     False),
    # Frequency words answer "how often" only: "when" still needs a date or number.
    ("When must the Secretary-General circulate the list?", "The Secretary-General shall annually circulate it.",
     False),
])
def test_a_how_often_answer_may_say_so_in_words(question, sentence, expected):
    assert kinds.NUMBER_QUESTION.search(question)
    assert kinds.has_new_number(sentence, question) is expected


@pytest.mark.parametrize("question, body", [
    ("Which reports must the 2021-2025 working group submit, and how are they to be adopted?", "working group"),
    ("When was the open-ended working group 2021-2025 established?", "open-ended working group"),
    ("What is the mandate of the Ad Hoc Committee?", "Ad Hoc Committee"),
    ("Which resolution set up the permanent mechanism?", "permanent mechanism"),
    ("Which resolution established the first OEWG (open-ended working group)?", "open-ended working group"),
    ("What does the working group discuss?", None),  # what it discusses is no mandate
    # the participle says which group; what is asked is its session
    ("When was the working group created by resolution 73/27 to hold its organizational session?", None),
    # the body to be created is another than the group named
    ("Is the UN going to create a permanent body for cyber talks once the current working group finishes?", None),
    ("Who chairs the committee?", None),
])
def test_a_question_about_a_bodys_mandate_reports_or_establishment(question, body):
    assert kinds.body_asked(question) == body


CONVENES = ("Decides to convene, starting from 2021, with a view to ensuring the uninterrupted and continuous nature of "
            "the process, under the auspices of the United Nations, a new open-ended working group on security of and in "
            "the use of information and communications technologies 2021–2025, acting on a consensus basis")
MENTIONS = ("Decides to establish a mechanism under the auspices of the United Nations, upon the conclusion of the "
            "2021–2025 open-ended working group and no later than 2026")


def test_the_paragraph_that_establishes_a_body_is_told_from_one_that_mentions_it():
    assert kinds.establishes(CONVENES, "working group", {"2021", "2025"})
    assert kinds.establishes("Also decides to establish an ad hoc intergovernmental committee of experts", "committee")
    assert not kinds.establishes(MENTIONS, "working group", {"2021", "2025"})  # it establishes a mechanism
    assert kinds.establishes(MENTIONS, "mechanism")
    assert not kinds.establishes(CONVENES, "working group", {"2019"})  # another group's years
    assert not kinds.establishes("Welcomes the open-ended working group established by resolution 75/240", "working group")


@pytest.mark.parametrize("question, expected", [
    ("What tasks does the UN Convention against Cybercrime give the secretariat?", True),
    ("What are the main lines of effort the governments name?", True),
    ("What are the pillars of the strategy?", True),
    ("What duties does the Convention impose on service providers?", True),
    ("What is the task of the secretariat?", False),  # one task, asked as a fact
    ("When was the secretariat established?", False),
])
def test_a_question_that_names_the_items_it_wants_asks_for_a_list(question, expected):
    assert kinds.asks_for_list(question) is expected


def test_a_paragraph_that_establishes_a_body_must_share_a_word_with_the_question():
    from assistant.retrieval import tokenize

    asked = set(tokenize("Which reports must the working group submit for adoption?")) - set(tokenize("working group"))
    reports = CONVENES + ", and to submit, for adoption by consensus, annual progress reports"
    assert kinds.establishes(reports, "working group", set(), asked, tokenize)
    # the words of setting up and reporting are shared by any such paragraph: they do not count
    only_mandate = set(tokenize("Which reports must the working group submit?")) - set(tokenize("working group"))
    assert not kinds.establishes(reports, "working group", set(), only_mandate, tokenize)
    other = set(tokenize("After which attacks did EENA create its cybersecurity working group?")) - {"work", "group"}
    assert not kinds.establishes(CONVENES, "working group", set(), other, tokenize)
