"""What a question asks for, read from its wording: a date or number, a count, a list, a comparison, what a
document is; and the checks a sentence must pass to answer that kind of question."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from .schema import Chunk

# Questions about a quantity or a date are only answered by a sentence that holds a number or a date.
NUMBER_QUESTION = re.compile(
    r"^\s*when\b|\b(?:how many|how much|how long|how often|how frequently|what year|which year|what date|which date|"
    r"since when|what percentage|what share)\b"
    # French, Bosnian/Croatian/Serbian (Latin and Cyrillic), Dutch, German (languages.py)
    r"|^\s*(?:quand|kada|kad|када|wanneer|wann)\b|\b(?:quelle année|quelle date|combien|depuis quand|"
    r"koje (?:je )?godine|kojeg datuma|koji datum|koliko|које (?:је )?године|који датум|колико|welk jaar|welke datum|hoeveel|"
    r"hoe lang|hoe vaak|à quelle fréquence|wie oft|wie häufig|welchem jahr|welches jahr|welchem datum|welches datum|wie viele|wie viel|wie lange|seit wann)\b",
    re.IGNORECASE,
)
# Ordinals that set thresholds and name sessions: "the fortieth instrument", "its seventy-fifth session".
_ROUND_ORDINALS = "tenth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth|hundredth"
HAS_NUMBER = re.compile(
    r"\d|\b(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundreds?|thousands?|millions?|billions?|dozens?|tens|"
    # "on the ninetieth day after ... the fortieth instrument", "at its seventy-fifth session"
    rf"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|eleventh|twelfth|{_ROUND_ORDINALS}|"
    # the same in the other languages questions come in (languages.py): "met een maximum van negentig dagen"
    r"deux|trois|quatre|cinq|sept|huit|neuf|dix|vingt|trente|quarante|cinquante|soixante|cent|mille|"
    r"janvier|février|avril|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"twee|drie|vier|vijf|zes|zeven|negen|tien|twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig|"
    r"honderd|duizend|januari|februari|maart|augustus|"
    r"zwei|drei|fünf|sechs|sieben|neun|zehn|zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig|"
    r"hundert|tausend|januar|februar|märz|dezember|"
    r"dva|dvije|četiri|šest|sedam|osam|devet|deset|dvadeset|trideset|četrdeset|pedeset|šezdeset|sedamdeset|"
    r"osamdeset|devedeset|hiljad\w*|tisuć\w*|januara|februara|marta|aprila|maja|juna|jula|augusta|avgusta|"
    r"septembra|oktobra|novembra|decembra)\b",
    re.IGNORECASE,
)
_NUMBER_TOKEN = re.compile(r"\d(?:[\d,.]*\d)?(?:\s*[-–—/]\s*\d(?:[\d,.]*\d)?)*")


def _dashes(text: str) -> str:
    return re.sub(r"\s*[–—]\s*", "-", text)


def has_new_number(text: str, question: str) -> bool:
    """Whether a sentence holds a number or date beyond those the question itself writes.

    "When was the open-ended working group 2021-2025 established?" is not answered by a sentence whose only
    number is the group's name, "2021–2025"; "starting from 2021" still answers it."""
    text = _dashes(text)
    for number in sorted({_dashes(n) for n in _NUMBER_TOKEN.findall(question)}, key=len, reverse=True):
        text = re.sub(rf"(?<![\d/.-]){re.escape(number)}(?![\d/-]|\.\d)", " ", text)
    if HOW_OFTEN.search(question) and FREQUENCY.search(text):
        return True  # "How often ...?": "shall annually circulate" says how often without a number
    return bool(HAS_NUMBER.search(text))


HOW_OFTEN = re.compile(r"\bhow (?:often|frequently)\b|\bà quelle fréquence\b|\bkoliko (?:često|cesto)\b|"
                       r"\bколико често\b|\bhoe vaak\b|\bwie oft\b|\bwie häufig\b", re.IGNORECASE)
FREQUENCY = re.compile(r"\b(?:annually|yearly|every year|each year|biennially|every (?:two|three|four|five) years|"
                       r"monthly|weekly|daily|quarterly|periodically|regularly|at regular intervals|once a|twice a|"
                       r"per year|a year|(?:each|every) (?:month|week|day|session))\b", re.IGNORECASE)


# "When did the Convention enter into force?" asks for a date in the past: "three months after the fifth
# ratification" says how it would, not when it did. "When does it enter into force?" may be answered so.
PAST_WHEN = re.compile(r"^\s*(?:when|in what year|in which year|what year|on what date)\s+(?:did|was|were|had)\b",
                       re.IGNORECASE)
_ABSOLUTE_DATE = re.compile(r"\b(?:1[89]|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|September|"
                            r"October|November|December)\b")


def has_new_date(text: str, question: str) -> bool:
    """Whether a sentence holds a year or a month beyond those the question writes."""
    for year in set(re.findall(r"\b(?:1[89]|20)\d\d\b", question)):
        text = re.sub(rf"\b{year}\b", " ", text)
    return bool(_ABSOLUTE_DATE.search(text))


# "What is the capital of Australia?", "Can you recommend a hotel near UN Headquarters?": everyday facts and
# services that a sentence can only give by naming them; one that merely shares "Australia" or "New York" is no
# answer.
_EVERYDAY = ("capital", "population", "currency", "weather", "forecast", "temperature", "climate",
             "address", "phone", "telephone", "email", "e-mail", "salary", "hotel", "restaurant", "flight", "airport",
             "taxi", "visa", "recipe", "anthem", "religion", "holiday", "ticket", "tickets", "menu", "parking",
             "museum", "shop", "shopping", "nightlife", "tourist", "tourism", "sport", "football", "movie", "film",
             "song", "celebrity", "horoscope", "stock price", "exchange rate")
_NOUNS = "|".join(re.escape(w) for w in _EVERYDAY)
# The noun must be what is asked for ("what is the capital of", "recommend a good hotel"), not a modifier of a
# term of the field ("phone-hacking software", "the Internet's address book", "piracy of films").
EVERYDAY_QUESTION = re.compile(
    rf"^\s*(?:what|which)\s+(?:is|are|was|were)\s+(?:the|a|an)\s+(?:\w+\s+)?(?P<noun>{_NOUNS})s?\s+(?:of|for|in|at|near)\b|"
    rf"\b(?:recommend|suggest|book|reserve|find)\s+(?:me\s+|us\s+)?(?:a|an|some|the)?\s*(?:\w+\s+){{0,2}}?"
    rf"(?P<noun2>{_NOUNS})s?\b(?!-)", re.IGNORECASE)


def everyday_noun(question: str) -> re.Pattern | None:
    """For a question about an everyday fact or service, the pattern of the noun an answer must name."""
    m = EVERYDAY_QUESTION.search(question)
    if m is None:
        return None
    noun = (m.group("noun") or m.group("noun2")).lower()
    return re.compile(rf"\b{re.escape(noun)}(?:s|es)?\b", re.IGNORECASE)


# "What is the full title of A/RES/79/243?", "What is the Dutch title of the Convention on Cybercrime?": the
# document's own title line answers, in the language asked for.
TITLE_QUESTION = re.compile(
    r"^\s*(?:what|which)\s+(?:is|was)\s+the\s+(?:(?P<language>English|French|Dutch|German|Bosnian|Croatian|Serbian)\s+)?"
    r"(?:full\s+|official\s+|complete\s+)?(?:title|name)\s+of\b", re.IGNORECASE)
LANGUAGE_NAMES = {"english": "en", "french": "fr", "dutch": "nl", "german": "de", "bosnian": "bcs", "croatian": "bcs",
                  "serbian": "bcs"}


# "How many States voted ...": a count, which a document symbol or paragraph number is not.
COUNT_QUESTION = re.compile(r"\b(?:how many|how much|what percentage|what share|number of|combien|nombre de|"
                            r"koliko|колико|hoeveel|wie viele|wie viel|anzahl)\b", re.IGNORECASE)
_HAS_COUNT = re.compile(r"\b\d[\d,.]*\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                        r"forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|tens)\b", re.IGNORECASE)
_REFERENCES = re.compile(r"\b[A-Z]{1,3}(?:/[\w.]+)+|\b(?:para|paras|art|arts|p|pp|No)\.\s*\d[\w()., ]*|\b\d{1,3}/\d{1,4}\b|"
                         r"\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
                         r"December)\s+\d{4}|\b(?:19|20)\d\d\b")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# Yes/no and why questions may carry a wrong year on purpose ("Was it approved in 2025?"): the answer corrects it.
CHECKS_PREMISE = re.compile(r"^\s*(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|should|why)\b", re.I)
# Questions asking for examples or a list are answered with a list when the passages hold a fitting one.
# "What does the assistance include?", "Which item did the Assembly decide to include ...?": a list asked for by its verb
_INCLUDES = r"includ\w*|consists? of|compris\w*"
ASKS_WHAT_IS_INCLUDED = re.compile(rf"\b(?:{_INCLUDES})\b", re.IGNORECASE)
LIST_QUESTION = re.compile(r"\b(?:examples?|exemples?|primjer\w*|primer\w*|примјер\w*|пример\w*|voorbeeld\w*|"
                           r"beispiel\w*|list|lists|listed|enumerat\w*|kinds of|types of|" + _INCLUDES + "|"
                           r"(?:what|which) (?:are|were) the (?:\w+ ){0,2}(?:principles|norms|commitments|measures|rules|"
                           r"elements|steps|functions|objectives|purposes|goals|priorities|recommendations|tasks|duties|"
                           r"lines of (?:effort|action)|pillars|areas|components|criteria)|"
                           r"what (?:\w+[- ]){0,2}?(?:measures|norms|principles|commitments|steps|activities|"
                           r"initiatives|recommendations|actions|tools|obligations|tasks|duties|functions|powers|"
                           r"responsibilities) (?:does|do|did|should|must|will)|"
                           r"which (?:norms|principles|measures|"
                           r"commitments|offences|rules|steps|elements|questions))\b", re.IGNORECASE)
COMPARISON = re.compile(r"\b(?:differ\w*|difference|compar\w*|contrast|versus|vs\.?|both|each)\b", re.IGNORECASE)
# "What is A/70/174?", "Which body issued A/76/135?": who or what a document is, not what it says.
IDENTITY = re.compile(r"^\s*(?:what|which)\s+(?:is|are|was|were)\s+\S+(?:\s+\S+){0,2}\s*\??\s*$|"
                      r"^\s*(?:who|which body|which organi[sz]ation)\s+(?:issued|adopted|wrote|published)\b", re.I)
# A sentence that refers back to the one before it ("Such denunciation shall become effective ...").
ANAPHORA = re.compile(r"^(?:Such|This|These|That|Those|The same)\b")


# "How many States voted ...?" asks for a number of things: "a two-thirds majority" is a share, not a count.
_HOW_MANY = re.compile(r"\bhow many\b", re.IGNORECASE)
_SHARE = re.compile(r"\b(?:one|two|three|four|five)[- ](?:thirds?|quarters?|fifths?|halves|half)\b|"
                    r"(?:\b\w+|\d[\d.,]*)\s*(?:per ?cent\b|%)", re.IGNORECASE)


def has_count(text: str, question: str = "") -> bool:
    """Whether a sentence holds a count, leaving aside document symbols, paragraph numbers, dates and years
    (and shares, for a question that asks how many)."""
    text = _REFERENCES.sub(" ", text)
    if _HOW_MANY.search(question):
        text = _SHARE.sub(" ", text)
    return bool(_HAS_COUNT.search(text))


# "How many cyber incidents were reported ...?" counts incidents: a sentence whose only count is of something else
# ("available 24 hours a day, seven days a week") does not say how many. The counted noun is the first plural (else
# the first word) of the few words after "how many"; its count stands within six words before it ("over 145 of 255
# priority electricity entities", "four MSS hackers", "tens of thousands of computers").
_COUNTED = re.compile(r"\bhow\s+many\s+(?P<words>(?:[\w-]+\s+){0,3}[\w-]+)", re.IGNORECASE)
_COUNT_WORD = (r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
               r"forty|fifty|sixty|hundred|hundreds|thousand|thousands|million|millions|dozens?|tens|several|all|both|"
               # a threshold by its ordinal: "after the date of deposit of the fortieth instrument of ratification"
               rf"{_ROUND_ORDINALS}|\d+(?:st|nd|rd|th))")
# What a count of States may call them.
_STATE_NOUNS = r"(?:states?|countries|country|nations?|governments?|parties|party|members?|signatories|delegations?)"


def counted_noun(question: str) -> str | None:
    """The noun a "how many" question counts ("incidents" of "How many cyber incidents were reported ..."), or None."""
    m = _COUNTED.search(question)
    if m is None:
        return None
    words = m.group("words").split()
    return next((w for w in words if len(w) > 3 and w.casefold().endswith("s")), words[0])


def counts(text: str, noun: str) -> bool:
    """Whether a sentence gives a count of `noun`: a number within six words before it (or its kind: a count of
    States may call them countries, Parties or members)."""
    folded = noun.casefold()
    if re.fullmatch(_STATE_NOUNS, folded):
        head = _STATE_NOUNS
    else:
        stem = folded[:-1] if folded.endswith("s") else folded
        head = re.escape(stem[: max(4, len(stem) - 2)]) + r"\w*"
    text = _REFERENCES.sub(" ", text)
    return bool(re.search(rf"\b{_COUNT_WORD}\b(?:\W+\w+){{0,6}}?\W+{head}\b", text, re.IGNORECASE))


# "How tall is the Secretariat building?" asks for a measurement: a number with a unit of that dimension, which a
# date, a document symbol or a count of sessions is not.
_MEASURES = {
    "height": r"(?:met(?:re|er)s?|m|feet|foot|ft|storeys?|stor(?:y|ies)|floors?)",
    "length": r"(?:kilomet(?:re|er)s?|km|met(?:re|er)s?|m|miles?|feet|foot|ft|yards?)",
    "area": r"(?:square\s+\w+|hectares?|ha|acres?|km2|m2|km²|m²)",
    "weight": r"(?:kilo(?:gram(?:me)?s?)?|kg|tonnes?|tons?|pounds?|lbs?|grams?|g)",
    "age": "",  # measures() builds its own pattern
}
MEASURE_QUESTION = re.compile(
    r"\bhow\s+(?P<height>tall|high)\b|\bhow\s+(?P<length>far|wide|deep|long\s+is\s+the\s+(?:river|road|border|cable|"
    r"bridge|building))\b|\bhow\s+(?P<area>large|big)\s+(?:is|was|are)\s+(?:the\s+)?(?:area|territory|site|campus|"
    r"building|country|island)\b|\bhow\s+(?P<weight>heavy)\b(?![^?]{0,40}\b(?:penalt|punish|sentenc|sanction|fine|burden|toll|workload|traffic))|\bhow\s+(?P<age>old)\b|\bwhat\s+is\s+the\s+(?P<height2>height)\b",
    re.IGNORECASE)


def measures(question: str) -> re.Pattern | None:
    """For a question asking for a measurement, the pattern of a number with a unit it can be answered with."""
    m = MEASURE_QUESTION.search(question)
    if m is None:
        return None
    dimension = next(k for k, v in m.groupdict().items() if v).rstrip("2")
    number = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|" \
             r"sixty|seventy|eighty|ninety|hundred)"
    if dimension == "age":  # "18 years old", "18 years of age", "the age of 18"
        return re.compile(rf"\b{number}[\s-]*years?[\s-]+(?:old|of\s+age)\b|\bage\s+of\s+{number}\b", re.IGNORECASE)
    return re.compile(rf"\b{number}(?:[\s-]+(?:hundred|thousand|million))?[\s-]*{_MEASURES[dimension]}\b", re.IGNORECASE)


# "Who chaired the 2021 Group of Governmental Experts?" asks for whoever held that role: a sentence that never names
# the role (chair, presided, led ...) cannot say who, however close it is to the rest of the question.
ROLE_QUESTION = re.compile(r"^\s*(?:and\s+)?who\s+(?:was\s+|were\s+|is\s+|are\s+)?(?P<role>chair(?:ed|s|ing)?|"
                           r"presid(?:ed|es|ing)|led|leads?|head(?:ed|s)?|host(?:ed|s)?|moderat(?:ed|es)|"
                           r"facilitat(?:ed|es)|sponsor(?:ed|s)|co-?sponsor(?:ed|s)|sign(?:ed|s)|draft(?:ed|s)|"
                           r"negotiat(?:ed|es)|organi[sz](?:ed|es)|the\s+(?:chair\w*|president|head|host|facilitator|"
                           r"rapporteur|coordinator))\b", re.IGNORECASE)
_ROLE_STEMS = {"chair": r"chair\w*", "presid": r"presid\w*|president\w*", "led": r"led|lead\w*|leadership",
               "lead": r"led|lead\w*|leadership", "head": r"head\w*", "host": r"host\w*", "moderat": r"moderat\w*",
               "facilitat": r"facilitat\w*", "sponsor": r"sponsor\w*", "co-sponsor": r"\w*sponsor\w*",
               "cosponsor": r"\w*sponsor\w*", "sign": r"sign(?:s|ed|ing|ator\w*|ature\w*|\w*-sign\w*)?", "draft": r"draft\w*", "negotiat": r"negotiat\w*",
               "organis": r"organi[sz]\w*", "organiz": r"organi[sz]\w*", "rapporteur": r"rapporteur\w*",
               "coordinator": r"coordinat\w*"}


def role_of(question: str) -> re.Pattern | None:
    """For "who chaired / presided / led ...", the pattern a sentence must hold to say who held that role."""
    m = ROLE_QUESTION.search(question)
    if m is None:
        return None
    role = m.group("role").lower().split()[-1]
    stem = next((v for k, v in sorted(_ROLE_STEMS.items(), key=lambda kv: -len(kv[0])) if role.startswith(k)), None)
    return re.compile(rf"\b(?:{stem})\b", re.IGNORECASE) if stem else None


# "Which countries have ratified ...?" is answered by a sentence that names countries, not by one about States
# in general ("Urges all States to sign and ratify").
COUNTRY_QUESTION = re.compile(
    # (a modifier is a name, or a demonym as chat writes it: "which african countries")
    r"\b(?:which|what)\s+(?:(?:(?-i:[A-Z][\w-]*)|(?-i:[a-z]+(?:ean|ian|can|ese|ish))|other|further|more|additional)\s+)"
    r"{0,2}(?<!United\s)(?:countries|nations|governments)\b|"
    # "Which State was the first to ratify ...", "Which country hosts ...": one country is asked for (not "Which State
    # has jurisdiction ...", which a role answers: "the flag State")
    r"\b(?:which|what)\s+(?:(?-i:[A-Z][\w-]*)\s+){0,2}(?<!United\s)(?:country|state|nation)\s+(?:(?:was|is|will\s+be|became|has\s+been)\s+"
    r"(?:the\s+)?(?:first|last|only|latest|most\s+recent)|(?:first|last)\b|(?:has\s+|have\s+|had\s+)?(?:ratified|signed|"
    r"acceded|joined|hosted|hosts|chaired|chairs|proposed|sponsored|tabled|led)\b)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _countries() -> re.Pattern:
    import pycountry  # ISO 3166 names; loaded only for the questions that need them

    names = {"Russia", "China", "Iran", "Syria", "Vietnam", "Viet Nam", "South Korea", "North Korea", "Korea",
             "Bolivia", "Venezuela", "Tanzania", "Moldova", "Czechia", "Czech Republic", "Laos", "Taiwan", "Kosovo",
             "United States", "U.S.", "USA", "UK", "Britain", "Great Britain", "Holland", "Türkiye", "Turkey"}
    for c in pycountry.countries:
        names.update(n for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)) if n)
    names = {n.split(",")[0] for n in names}  # "Korea, Republic of" -> "Korea"
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)")


def names_country(text: str) -> bool:
    """Whether a sentence names a country (as ISO 3166 or its usual short form writes it)."""
    return bool(_countries().search(text))


def names_countries(text: str, at_least: int) -> bool:
    """Whether a text names at least `at_least` different countries."""
    return len(set(_countries().findall(text))) >= at_least


def years_of(chunk: Chunk) -> set[str]:
    """Years a passage speaks of: in its text, or its document's date and title (a statement of 2023)."""
    meta = chunk.meta
    return set(YEAR.findall(" ".join(x for x in (chunk.text, meta.date or "", meta.title) if x)))


# "On what date was the Paris Call issued?", "When was resolution 73/27 adopted?": the document's own date line
# ("Paris, 12th of November, 2018", "Done at Budapest, this 23rd day of November 2001", "Resolution adopted by
# the General Assembly on 5 December 2018") answers, wherever it stands.
DOCUMENT_DATE_QUESTION = re.compile(r"^\s*(?:when|on (?:what|which) (?:date|day)|(?:what|which) day|what (?:is|was) the date|"
                                    r"in what year|which year|what year)\b"
                                    r".*\b(?:issued|adopted|signed|done|published|launched|released|concluded|"
                                    r"made|agreed|opened for signature|"
                                    # "On what day did the General Assembly adopt resolution 75/240?"
                                    r"(?:did|does|do)\b.*\b(?:issue|adopt|sign|publish|launch|release|conclude|agree))\b",
                                    re.IGNORECASE)
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:day\s+)?(?:of\s+)?{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})"
DATELINE = re.compile(rf"^\s*(?:(?:done|made|signed)\s+at\s+[A-Z][\w-]+,?\s+(?:this\s+|on\s+)?{_DATE}\b[^\n]{{0,200}}|"
                      rf"[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?,\s+(?:(?:on|this|the)\s+)?{_DATE}\.?|"
                      rf"(?:resolution|decision)\s+adopted\s+by\s+the\s+[\w\s]{{3,40}}?\s+on\s+{_DATE}\.?)\s*$",
                      re.IGNORECASE)


def is_dateline(text: str) -> bool:
    """Whether a line is a document's own date line (where and when it was done, issued or adopted)."""
    return bool(DATELINE.match(text))


# "What did the General Assembly adopt in A/RES/79/243?", "What does 78/16 decide?": a resolution or decision
# says so in the operative paragraphs that open with that verb ("Adopts ...", "Also decides ...", "Decided to").
_OPERATIVE_VERBS = ("adopt", "decide", "request", "urge", "welcome", "call upon", "recommend", "invite", "encourage",
                    "establish", "endorse", "reaffirm", "affirm", "recognize", "recognise", "condemn", "approve")
OPERATIVE_QUESTION = re.compile(r"\b(?:what|which\s+\w+)\b.*\b(?:did|does|do)\b.*?\b(?P<verb>"
                                + "|".join(v.replace(" ", r"\s+") for v in _OPERATIVE_VERBS) + r")\b", re.IGNORECASE)


# "Which reports must the 2021-2025 working group submit?", "When was the open-ended working group 2021-2025
# established?", "How and when was the first open-ended working group to report?": what a body was set up to do, or
# when. Its answer is in the operative paragraph that convenes or establishes it ("Decides to convene, starting from
# 2021, ... a new open-ended working group ... and to submit ... annual progress reports"), long and full of other
# words, which the question's few words rank low.
_BODY = (r"(?:open[- ]ended\s+)?working\s+group|ad\s+hoc\s+committee|group\s+of\s+governmental\s+experts|"
         r"(?:permanent\s+)?mechanism|conference\s+of\s+the\s+states\s+parties|programme\s+of\s+action|"
         r"(?:expert|intergovernmental|special)\s+committee|working\s+party|task\s+force")
_MANDATE = (r"establish\w*|conven\w*|set\s+up|creat\w*|mandate\w*|task\w*|reports?|reporting|submit\w*|"
            r"begin\w*|began|start\w*|purpose|charged|decided")
_MANDATE_WORD = re.compile(rf"(?:{_MANDATE})", re.IGNORECASE)
BODY_MANDATE_QUESTION = re.compile(rf"\b(?P<body>{_BODY})\b(?=.*\b(?:{_MANDATE})\b)|"
                                   rf"\b(?:{_MANDATE})\b(?:\W+\w+){{0,3}}?\W+(?P<body2>{_BODY})\b", re.IGNORECASE)
# "the working group created by resolution 73/27", "the group established pursuant to ...": which body, not what is asked
_IDENTIFIED_BY = re.compile(r"\b(?:created|established|convened|set\s+up)\s+(?:by|pursuant\s+to|under|in)\b[^,?;]*",
                            re.IGNORECASE)
# The operative paragraph that sets a body up: "Decides to convene ...", "Also decides to establish ...".
ESTABLISHING = re.compile(r"^(?:(?:also|further|further also)\s+)?decide[sd]\s+(?:to\s+)?(?:convene|establish|create|"
                          r"set\s+up)\b", re.IGNORECASE)


def establishes(text: str, body: str, years: set[str] = frozenset(), asked: set[str] | None = None,
                tokenize: Callable[[str], list[str]] | None = None) -> bool:
    """Whether `text` is a paragraph that convenes or establishes `body` ("Decides to convene, ..., with a view to
    ..., a new open-ended working group ..."), not another body it mentions ("Decides to establish a mechanism ...
    upon the conclusion of the 2021–2025 open-ended working group"), and writes the `years` the question gives it
    and (given `asked`, the question's other words as `tokenize` reads them) one of those words: "After which attacks
    did EENA create its working group?" is not about a working group the General Assembly convened."""
    if (m := ESTABLISHING.match(text)) is None:
        return False
    if asked is not None and tokenize is not None and not {w for w in asked if not _MANDATE_WORD.fullmatch(w)} & set(
            tokenize(text)):
        return False  # (a word of setting up, "established", "report", is shared by any such paragraph)
    created = re.search(r"\b(?:a|an)\s+(?!view\b)((?:[\w–-]+,?\s+){0,5}[\w–-]+)", text[m.end():], re.IGNORECASE)
    head = body.split()[-1].lower()
    return created is not None and head in created.group(1).lower().split() and years <= set(YEAR.findall(text))


def body_asked(question: str) -> str | None:
    """The body whose mandate, reports or establishment a question asks about ("working group"), or None."""
    m = BODY_MANDATE_QUESTION.search(_IDENTIFIED_BY.sub(" ", question))
    return None if m is None else (m.group("body") or m.group("body2"))


def operative_opener(question: str) -> re.Pattern | None:
    """For a question about what a body or document adopted, decided, requested...: the pattern of the
    operative paragraphs that open with that verb, in any tense ("Adopts", "Further decides", "Decided")."""
    m = OPERATIVE_QUESTION.search(question)
    if m is None:
        return None
    words = m.group("verb").split()
    stem = re.escape(words[0][:-1] if words[0].endswith("e") else words[0])
    rest = "".join(rf"\s+{re.escape(w)}" for w in words[1:])
    return re.compile(rf"^(?:(?:also|further|further also|also further|and)\s+)?{stem}(?:e?s|e?d|es)?{rest}\b",
                      re.IGNORECASE)


def what_an_answer_must_name(question: str) -> list[Callable[[str], bool]]:
    """Tests a quoted sentence must pass for this question: a country for "which countries", a number with a unit
    for a measurement, the noun asked for in an everyday question, the role for "who chaired"."""
    tests: list[Callable[[str], bool]] = []
    if COUNTRY_QUESTION.search(question):
        # "Apart from Bosnia and Herzegovina, which Western Balkan countries ...", "Which countries joined the United
        # States in ...": a country the question does not already name.
        asked = {n.casefold() for n in _countries().findall(question)}
        tests.append(lambda text, asked=asked: any(n.casefold() not in asked for n in _countries().findall(text)))
    if DATE_OF_A_COUNTRYS_ACT.search(question) and (acting := _countries().findall(question)):
        # "On what date did the Netherlands sign the UN convention?": the date of the convention's adoption is not
        # the Netherlands' signature; a sentence must name the country.
        tests.append(lambda text, acting=acting: any(c in text for c in acting))
    role = role_of(question)
    if role is not None and SIGNATORY_ROLE.search(question):
        # "Who signed the joint statement?": "We, the governments of Australia, Canada, ... recognize" names them
        # without the word "sign".
        tests.append(lambda text, role=role: bool(role.search(text)) or len(set(_countries().findall(text))) >= 2)
        role = None
    tests += [p.search for p in (measures(question), everyday_noun(question), role) if p is not None]
    if STATUS_COUNT.search(question):
        tests.append(_reports_a_tally)
    return tests


# "When did France sign ...", "On what date has the Netherlands ratified ...", "In what year did Japan join ...".
DATE_OF_A_COUNTRYS_ACT = re.compile(
    r"^\s*(?:when|on\s+(?:what|which)\s+date|(?:in\s+)?(?:what|which)\s+(?:year|date|month))\b.*\b(?:sign|ratif|acced|"
    r"join|endors|approv|deposit)\w*", re.IGNORECASE)


# "How many States have ratified the Convention so far?" asks for a tally the text of a treaty cannot hold: a
# sentence must report one ("has been signed by 72 States", "supported by 80 governments"), not set a threshold
# ("after the deposit of the fortieth instrument", "two or more States Parties").
# (Also a tally of what States report doing: "How many States have submitted a national survey?", "... have
# implemented the norms?": a text that asks them to do it holds no such count.)
_STATUS_VERBS = (r"ratified|signed|acceded|joined|endorsed|supported|submitted|reported|completed|responded|"
                 r"participated|contributed|implemented|taken\s+part")
STATUS_COUNT = re.compile(r"\bhow\s+many\b[^?]*\b(?:have|has)\s+(?:now\s+|so\s+far\s+|already\s+|yet\s+)?"
                          rf"(?:{_STATUS_VERBS}|become\s+part(?:y|ies))\b", re.IGNORECASE)
_TALLY = re.compile(rf"\b(?:have|has)\s+(?:now\s+|already\s+)?(?:been\s+)?(?:{_STATUS_VERBS})\b|"
                    rf"\b(?:{_STATUS_VERBS})\s+by\b", re.IGNORECASE)


def _reports_a_tally(text: str) -> bool:
    return bool(_TALLY.search(text)) and bool(HAS_NUMBER.search(text))


SIGNATORY_ROLE = re.compile(r"^\s*(?:and\s+)?who\s+(?:was\s+|were\s+|is\s+|are\s+)?(?:sign(?:ed|s)|"
                            r"(?:co-?)?sponsor(?:ed|s))\b", re.IGNORECASE)




# "On what grounds may a State refuse ...?", "In which cases may ...?": a treaty gives grounds and cases as lettered
# sub-paragraphs under one lead-in ("Mutual legal assistance may be refused: (a) ... (d) ...").
GROUNDS_QUESTION = re.compile(r"\b(?:on|under|for)\s+(?:what|which)\s+(?:grounds|reasons|conditions)\b|"
                              r"\bin\s+(?:what|which)\s+(?:cases|circumstances|situations)\b", re.IGNORECASE)


def asks_for_list(question: str) -> bool:
    """Whether a question asks for a list: examples, what something includes, or the grounds or cases of a rule."""
    return bool(LIST_QUESTION.search(question) or GROUNDS_QUESTION.search(question))
