"""What a question needs an answer to supply, and whether a quoted sentence supplies it.

Two checks for on-topic questions the sources do not answer, which score as high as answerable ones:

- **Named instances of a class**: "Which ransomware gangs ...", "Which Chinese companies ...", "What is the name of
  the hacking group ...", "Who was the Secretary General when ...", "What is the amount of the fine ...". A sentence
  answers only if it supplies an instance of that class that the question does not already write: a proper name
  (not a country, a month or a government body, for companies and gangs), a person's name, an amount of money.
  A sentence about contract hackers that names only the PRC and its ministry does not say which companies.
- **Events reported as having happened**: "What did the first session of the Conference of the States Parties
  decide?", "What was agreed when ... met again at the Internet Governance Forum in Berlin?", "How many States
  signed at the signing ceremony in Hanoi?". Texts written before an event plan it ("shall be convened", "agree to
  reconvene in Berlin", "a signing ceremony to be held in Hanoi"): a question about its outcome is answered only if
  some sentence of the sources reports that event without planning it.

Both read English (a question in another language is read in its English rendering), with the few words of the
other languages that the glossary does not render (montant, amende, iznos ...).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from .question_kinds import _BODY, _countries, names_country

# --- named instances ---------------------------------------------------------------------------------------------

# Words that do not make a name a company's or a gang's: government bodies, offices, documents, generic capitals.
_INSTITUTIONAL = {
    "government", "governments", "ministry", "ministries", "minister", "ministers", "department", "agency",
    "agencies", "administration", "office", "council", "committee", "assembly", "nations", "united", "union",
    "commission", "parliament", "secretariat", "secretary", "general", "secretary-general", "president", "state",
    "states", "member", "party", "parties", "convention", "call", "initiative", "statement", "declaration",
    "resolution", "decision", "article", "chapter", "section", "annex", "protocol", "treaty", "federal", "national",
    "international", "security", "service", "services", "bureau", "authority", "authorities", "court", "group",
    "working", "experts", "governmental", "conference", "forum", "summit", "session", "republic", "people",
    "people’s", "people's", "kingdom", "community", "organization", "organisation", "organizations",
    "organisations", "centre", "center", "institute", "programme", "program", "task", "force", "team", "network",
    "partnership", "alliance", "ad", "hoc", "open-ended", "the", "of", "and", "for", "on", "in", "to", "against",
    "prime", "ambassador", "chair", "director", "head", "high", "representative", "white", "house", "today",
    "cyber", "cybersecurity", "representatives", "representative", "delegations", "delegation", "leaders", "information", "communications", "technologies", "technology", "criminal", "crime",
    "justice", "defence", "defense", "foreign", "affairs", "internal", "home", "intelligence", "police",
}
# Head nouns of documents and of what is not a company or a gang.
_HEADS = {"principles", "guidelines", "code", "conduct", "rights", "controls", "framework", "strategy", "order",
          "act", "law", "directive", "regulation", "report", "agenda", "plan", "defenses", "defences", "principle",
          "norms", "measures", "guidance", "standards", "charter", "communiqué", "communique", "statement", "call",
          "certs", "cert", "csirts", "csirt", "isacs", "isac", "administration", "government", "agency", "bureau",
          "department", "ministry", "office", "council", "committee", "commission", "court", "parliament", "forum",
          "partnership", "alliance", "initiative", "programme", "program", "project", "network", "centre", "center",
          "institute", "university", "foundation", "association", "union", "organization", "organisation"}
_KNOWN_BODIES = re.compile(r"NATO|OSCE|ASEAN|INTERPOL|Interpol|Europol|ENISA|UNODA|UNIDIR|UNODC|ITU|ICANN|FATF|G7|G20|"
                           r"EU|UN|OAS|AU|OECD|WTO|IMF|ICRC|UNGA|GGE|OEWG|CoE|DOJ|FBI|NSA|CISA|NIST|TSA|USG|"
                           r"CERT|CERTs|CSIRT|CSIRTs|ISAC|ISACs")
_PLACES = {"western", "eastern", "northern", "southern", "central", "north", "south", "east", "west", "middle", "balkan",
           "balkans", "europe", "asia", "africa", "america", "americas", "pacific", "atlantic", "arctic", "gulf", "latin",
           "caribbean", "indo-pacific", "new", "york", "geneva", "vienna", "brussels", "hanoi", "paris", "budapest",
           "berlin", "london", "washington", "hague", "sarajevo", "internet", "web"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|ese|ish|ean|an|ch|i)$")  # Chinese, American, Russian, British, Israeli
_FUNCTION = {"the", "a", "an", "this", "that", "these", "those", "each", "any", "all", "every", "such", "our", "their",
             "its", "his", "her", "we", "they", "it", "in", "on", "by", "for", "with", "at", "as", "under", "if", "when",
             "where", "while", "after", "before", "since", "to", "from", "no", "none", "both", "other", "further",
             "also", "and", "or", "but", "not", "there", "here", "i", "you", "he", "she", "one", "some", "many",
             "most", "more", "however", "moreover", "today", "yesterday", "through", "during", "following"}
# A capitalised run: "NSO Group", "Microsoft Exchange Server", "APT40", "REvil", "Ministry of State Security".
_TOKEN = r"(?:[A-Z][\w’'&]*(?:-[A-Z0-9][\w’'&]*)*|\d+[A-Za-z]\w*)"  # "MSS-affiliated" is "MSS"
_RUN = re.compile(rf"(?<![\w’'-]){_TOKEN}(?:\s+(?:(?:of|and|for|on|the)\s+)*(?:{_TOKEN}|\d+\b))*")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&-]{1,8}s?$")


def is_country(run: str) -> bool:
    """Whether a name is a country's, whole ("United Arab Emirates", "the Republic of Korea")."""
    run = re.sub(r"^(?:the|The)\s+", "", run.strip())
    return bool(_countries().fullmatch(run)) or run in {"Republic of Korea", "PRC", "People’s Republic of China",
                                                       "People's Republic of China", "EU", "European Union"}


def _words(text: str) -> set[str]:
    return {re.sub(r"[’']s$", "", w.casefold()) for w in re.findall(r"[\w’'-]+", text)}


@dataclass(frozen=True)
class Names:
    """What the sources make of names: the common words (for a sentence's first word) and acronyms' expansions."""

    common: frozenset[str] = frozenset()  # lower-case words of a general vocabulary (the embedding model's)
    expand: Callable[[str], str | None] = lambda acronym: None  # "MSS" -> "Ministry of State Security"


def _runs(text: str, names: Names) -> Iterable[tuple[int, str]]:
    """Capitalised runs of a sentence with their start; a sentence's common first word ("Each", "Exposing",
    "Takes") is dropped from a run, a rare one ("Nameshield") kept."""
    for m in _RUN.finditer(text):
        for piece in _pieces(m.group(), m.start()):
            yield from _trimmed(text, *piece, names)


def _pieces(run: str, start: int) -> Iterable[tuple[str, int]]:
    """A run cut at possessives ("PRC’s MSS" is two names) and stripped of small words at its ends."""
    offset = 0
    for part in re.split(r"(?<=\w)[’']s\b", run):
        stripped = re.sub(r"^(?:(?:of|and|for|on|the)\s+)+|(?:\s+(?:of|and|for|on|the))+$", "", part.strip())
        if stripped:
            yield stripped, start + offset + part.find(stripped)
        offset += len(part) + 2


def _trimmed(text: str, run: str, start: int, names: Names) -> Iterable[tuple[int, str]]:
    """The run, without a sentence's or an item's common first word."""
    first = run.split()[0]
    line = text[:start].rsplit("\n", 1)[-1]
    at_start = not line.strip() or re.fullmatch(r"\s*(?:[-*•]|\(?\w{1,3}[.)])\s*", line) \
        or re.search(r"[.:;!?]\s*$", text[:start])
    if at_start and not _ACRONYM.match(first) and (first.casefold() in _FUNCTION or first.casefold() in names.common
                                                  or first.endswith(("ing", "ed", "es", "s")) and len(run.split()) == 1):
        rest = re.sub(r"^(?:(?:of|and|for|on|the)\s+)+", "", run[len(first):].lstrip())
        if not rest:
            return
        run, start = rest, start + (len(run) - len(rest))
    yield start, run


def _new(run: str, question: str) -> bool:
    """Whether a run names something the question does not already write: a word beyond the question's, and no
    capitalised word of the question ("Microsoft Exchange Server" is the question's "Microsoft Exchange")."""
    asked = _words(question)
    capitalised = {w.casefold() for w in re.findall(r"(?<![\w’'-])[A-Z][\w-]*", question)} - _FUNCTION
    words = _words(run) - {"of", "and", "for", "on", "the"}
    return not words <= asked and not words & capitalised


def _is_entity(run: str, names: Names) -> bool:
    """Whether a run can be a company's or a gang's name: not a country, a month, a nationality, a body."""
    words = run.split()
    significant = [w for w in words if w.casefold() not in {"of", "and", "for", "on", "the"}]
    if not significant or is_country(run):
        return False
    if all(w.casefold() in _INSTITUTIONAL or w.casefold() in _MONTHS or _DEMONYM.match(w) or w.isdigit()
           or names_country(w) or len(w) < 2 for w in significant):
        return False
    # A body or a document by its head noun: "the Biden Administration", "Federal Bureau of Investigation",
    # "Guiding Principles on ...", "Export Controls and Human Rights Initiative" (a "Group" is one when named at
    # length: "Cyber Unified Coordination Group"; "NSO Group" may be a company).
    head = re.split(r"\s+(?:of|for|on)\s+", run)[0].split()[-1].casefold()
    if head in _HEADS or head in _INSTITUTIONAL and head != "group" or head == "group" and len(significant) > 2:
        return False
    if _KNOWN_BODIES.fullmatch(run):
        return False
    if len(significant) == 1 and not _ACRONYM.match(significant[0]) and significant[0].casefold() in names.common:
        return False  # one word of the general vocabulary: "Ebola", "Internet", "Web"
    if len(significant) == 1 and _ACRONYM.match(significant[0]):
        expanded = names.expand(significant[0].rstrip("s"))
        if expanded and (names_country(expanded) or any(w.casefold() in _INSTITUTIONAL for w in expanded.split())):
            return False  # "MSS": the Ministry of State Security, a body; "PRC": a country
    return True


# A sentence names a company as one ("private companies such as Nameshield", "An independent French company,
# Nameshield", "NSO Group Technologies Ltd"), a gang or a hacker group as one ("the REvil gang", "APT40 hackers").
_COMPANY_WORDS = re.compile(r"\b(?:compan(?:y|ies)|firms?|corporations?|businesses|vendors?|manufacturers?|contractors?|"
                            r"providers?|developers?|enterprises?|industry|start-?ups?|subsidiar(?:y|ies)|Inc|Ltd|LLC|"
                            r"Corp|Corporation|GmbH|plc|S\.A|AG|Co)\b", re.IGNORECASE)
_GROUP_WORDS = re.compile(r"\b(?:groups?|gangs?|crews?|syndicates?|cartels?|actors?|hackers?|operators?|"
                          r"cybercriminals?|criminals?|APT\s?\d*|affiliates?|threat)\b", re.IGNORECASE)
_COMPANY_QUESTION = re.compile(r"\b(?:compan(?:y|ies)|firms?|corporations?|businesses|vendors?|manufacturers?|"
                               r"contractors?)\b", re.IGNORECASE)


def names_entity(text: str, question: str, names: Names = Names()) -> bool:
    """Whether a sentence names a company, group or gang that the question does not already name, and names it
    as one (a sentence that says "company" for a company question; "group", "gang", "hackers" for a gang)."""
    kind = _COMPANY_WORDS if _COMPANY_QUESTION.search(question) else _GROUP_WORDS
    if not kind.search(text):
        return False
    for start, run in _runs(text, names):
        after = text[start + len(run):]
        if re.match(r"\s+(?:administration|government|ministry|authorities|officials)\b", after):
            continue  # "the Biden administration": a government, by its leader's name
        # named as one: the class word within three words of the name ("private companies such as Nameshield",
        # "the hacking group HAFNIUM", "APT40 hackers"), or inside it ("... Technology Development Co")
        near = " ".join(text[:start].split()[-3:]) + " " + run + " " + " ".join(after.split()[:3])
        if not kind.search(near):
            continue
        if any(_new(part, question) and _is_entity(part, names) for part in re.split(r"\s+and\s+", run)):
            return True
    return False


def names_organisation(text: str, question: str, names: Names = Names()) -> bool:
    """Whether a sentence names an organisation or body (any proper name but a country, month or nationality).

    A list of States ("we the Ministers and Representatives of Australia, Brazil, ..., European Union, ...") names
    participants, not the authorities or bodies asked for: in a sentence naming three countries or more, the names
    listed among them do not count."""
    if len(set(_countries_in(text))) >= 3:
        text = _COUNTRY_LIST.sub(" ", text)
    for _, run in _runs(text, names):
        words = [w for w in run.split() if w.casefold() not in {"of", "and", "for", "on", "the"}]
        if not _new(run, question) or not words:
            continue
        if all(w.casefold() in _MONTHS or _DEMONYM.match(w) or w.isdigit() for w in words):
            continue
        if is_country(run):
            continue
        if len(words) == 1 and not _ACRONYM.match(words[0]) and words[0].casefold() in names.common:
            continue  # one word of the general vocabulary, capitalised: "Ministers", "Representatives"
        return True
    return False


def _countries_in(text: str) -> list[str]:
    from .question_kinds import _countries

    return _countries().findall(text)


# A comma-separated run of capitalised names ("Australia, Brazil, Bulgaria, ..., and the United States").
_COUNTRY_LIST = re.compile(r"(?:(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:of\s+)?[A-Z][\w’'.-]*){0,3}\s*,\s*(?:and\s+)?){2,}"
                           r"(?:and\s+)?(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:of\s+)?[A-Z][\w’'.-]*){0,3}")


_TITLE = (r"(?:Ambassador|President|Vice[- ]President|Prime\s+Minister|Minister|Secretary[- ]General|Secretary|"
          r"Commissioner|Director(?:[- ]General)?|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|Prof\.?|Professor|H\.\s?E\.|Judge|Senator|"
          r"Chancellor|Chair(?:man|woman|person)?|Sir|Dame|King|Queen)")
_PERSON_AFTER_TITLE = re.compile(rf"\b{_TITLE}\s+(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){{0,2}})")
# A personal name: two or three capitalised words (a particle or an initial between them), a whole capitalised run
# of its own ("Capacity Building" inside "EU Support to Western Balkans Cybersecurity Capacity Building" is not one).
_PERSON = re.compile(r"(?<![\w’'-])"
                     r"(?P<name>[A-Z][a-zà-ÿčćšžđ’'-]+(?:\s+[A-Z]\.)?(?:\s+(?:van|von|de|der|da|di|du|le|la|bin|al)\b)?"
                     r"(?:\s+[A-Z][a-zà-ÿčćšžđ’'-]+){1,2})(?![\w’'-])(?!\s+[A-Z])")


def names_person(text: str, question: str, names: Names = Names()) -> bool:
    """Whether a sentence names a person the question does not name: a title and a name ("President Biden",
    "Ambassador Burhan Gafoor") or a personal name not written with "the" (bodies are: "the Council of Europe")."""
    for m in _PERSON_AFTER_TITLE.finditer(text):
        name = re.split(r"[’']s\b", m.group("name"))[0]
        if _new(name, question) and not any(w.casefold() in _INSTITUTIONAL or w.casefold() in _HEADS
                                            or names_country(w) for w in name.split()):
            return True
    for m in _PERSON.finditer(text):
        name = m.group("name")
        before = text[:m.start()]
        # "the Council of Europe" is a body, "in New York" a place
        if re.search(r"\b(?:the|The|of|a|an|in|at|near|to|from|In|At|for|For|on|against|by)\s+$|[A-Z][\w’'-]*\s+$", before) \
                or not _new(name, question):
            continue  # ("the Alliance for Securing Democracy": a body's name goes on after "for")
        words = name.split()
        if words[0].endswith("ing"):
            continue  # "Securing Democracy", "Countering Illicit Finance": no one is called so
        if any(w.casefold() in _INSTITUTIONAL or w.casefold() in _HEADS or w.casefold() in _MONTHS
               or w.casefold() in _FUNCTION or w.casefold() in _PLACES or names_country(w) or w.endswith(("’s", "'s"))
               for w in words):
            continue
        return True
    return False


def names_any(text: str, question: str, names: Names = Names()) -> bool:
    """Whether a sentence writes a name (a capitalised run, not a month or a nationality alone) beyond the words of
    the question: "What is the name of ...?" is answered by a name ("the Centre for Cybersecurity Belgium")."""
    asked = _words(question)
    for _, run in _runs(text, names):
        words = [w for w in run.split() if w.casefold() not in {"of", "and", "for", "on", "the"}]
        if words and not _words(run) <= asked and not all(
                w.casefold() in _MONTHS or _DEMONYM.match(w) or w.isdigit() or len(w) < 2 for w in words):
            return True
    return False


_CURRENCY = r"(?:euros?|EUR|USD|US\s?dollars?|dollars?|pounds?(?:\s+sterling)?|GBP|francs?|CHF|yen|JPY|rubles?|roubles?)"
_AMOUNT = re.compile(rf"[€$£¥]\s?\d|\b\d[\d,.\s]*(?:\s*(?:million|billion|thousand|mn|bn|m|k))?\s*{_CURRENCY}\b|"
                     rf"\b{_CURRENCY}\s?\d|\b(?:millions|billions|thousands|hundreds)\s+of\s+{_CURRENCY}", re.IGNORECASE)


def names_amount(text: str, question: str = "", names: Names = Names()) -> bool:
    """Whether a sentence gives an amount of money (a number with a currency) the question does not write."""
    asked = {re.sub(r"\D", "", m.group()) for m in _AMOUNT.finditer(question)}
    return any(re.sub(r"\D", "", m.group()) not in asked or not asked for m in _AMOUNT.finditer(text))


@dataclass(frozen=True)
class Expected:
    """The class of thing a question asks the answer to name, as the question words it, and the sentence test."""

    kind: str  # "entity" | "organisation" | "person" | "amount" | "name" | "title" | "vote" | "members" | "verdict"
    asked: str  # the words of the question that name the class ("ransomware gangs", "Secretary General")
    test: Callable[[str, str, Names], bool]


_NOT_MODIFIER = r"(?!(?:is|are|was|were|did|does|do|has|have|had|the|a|an|this|that|these|those|can|could|should|will|" \
                r"would|must|may|of|in|on|for|to|and|or|kind|kinds|type|types)\b)"
_MOD = rf"(?:{_NOT_MODIFIER}[\w-]+\s+){{0,2}}?"
# Companies, gangs and hacker groups: a body or a country is not one. (Threat actors may be a State's bodies:
# "actors affiliated with the MSS" names them, so actors are asked like organisations, below.)
_ENTITY_NOUN = (r"(?:compan(?:y|ies)|firms?|corporations?|businesses|vendors?|manufacturers?|contractors?|gangs?|"
                r"(?:hack(?:ing|er)|criminal|ransomware|espionage|APT|cyber(?:criminal)?)\s+"
                r"(?:groups?|gangs?|crews?)|groups\s+of\s+hackers|crews?|syndicates?|cartels?|"
                # "Which hospitals were hit ...": named ones
                r"hospitals|banks|universities|airports|airlines|newspapers|"
                # words the glossary leaves as written: Bosnian/Croatian/Serbian gangs
                r"bande|банде)")
_ENTITY = re.compile(rf"\b(?:which|what)\s+(?P<asked>{_MOD}{_ENTITY_NOUN})\b|"
                     rf"\bnames?\s+of\s+(?:the\s+|these\s+|those\s+)?(?P<asked2>{_MOD}{_ENTITY_NOUN})\b", re.IGNORECASE)
_ORGANISATION = re.compile(rf"\b(?:which|what)\s+(?P<asked>{_MOD}(?:organi[sz]ations?|institutions?|"
                           rf"agencies|authorities|ministries|bodies|Organisationen|organisaties|organizacije|"
                           rf"организације|(?:threat|state|state-sponsored|malicious|"
                           rf"cyber|hacking|criminal)\s+actors))\b", re.IGNORECASE)
_OFFICE = (r"(?:secretary[- ]general|secretary general|president|prime minister|(?:foreign |defen[cs]e |justice )?minister|"
           r"chair(?:man|woman|person)?|director(?:[- ]general)?|executive director|ambassador|(?:special )?rapporteur|"
           r"high representative|commissioner|(?:special )?envoy|spokes(?:person|man|woman)|head of state|"
           r"head of government|leader|king|queen|chancellor)")
_PERSON_QUESTION = re.compile(
    rf"^\s*(?:and\s+)?who\s+(?:(?:is|was|were|are|has been|had been|will be|would be)\s+)?(?:the\s+)?"
    rf"(?P<asked>(?:\w+\s+){{0,3}}?{_OFFICE})\b|"
    # "Which US officials raised ...", "Which diplomats negotiated ...": people, named
    rf"\b(?:which|what)\s+(?P<asked2>(?:[\w-]+\s+){{0,2}}?(?:officials|individuals|persons|diplomats|negotiators|"
    rf"spokespe(?:ople|rsons)|presenters|speakers|envoys))\b|"
    rf"\bnames?\s+of\s+the\s+(?P<asked3>(?:\w+\s+){{0,2}}?(?:person|official|individual|{_OFFICE}))\b",
    re.IGNORECASE)
# Another language's words for an amount of money, which the glossary leaves as written.
_AMOUNT_QUESTION = re.compile(
    r"\b(?:how\s+much\s+(?:money|funding|budget)|how\s+much\s+(?:did|does|do|will|would)\s+[^?]{0,60}\bcost|"
    r"(?:amount|size|level|sum|value)\s+of\s+(?:the\s+|a\s+|an\s+|any\s+)?(?:\w+\s+){0,2}?(?:fines?|budget|funding|"
    r"money|compensation|damages|grant|funds?|financing|contribution)|"
    r"(?:what|which)\s+(?:is|was|were|are)\s+(?:the\s+)?(?:\w+\s+)?(?:fines?|budget|cost)\s+(?:of|for)\b|"
    r"how\s+(?:much|large|big|high)\s+(?:is|was|are|were)\s+(?:the\s+)?(?:\w+\s+)?(?:fines?|budget|funding|cost)|"
    r"how\s+many\s+(?:euros?|dollars?)|"
    # French, Bosnian/Croatian/Serbian, Dutch, German
    r"montant|amende|quel\s+est\s+le\s+(?:co[uû]t|budget)|iznos\w*|novčan\w*\s+kazn\w*|износ\w*|новчан\w*\s+казн\w*|"
    r"bedrag|boete|hoeveel\s+geld|Betrag|Geldstrafe|Geldbu(?:ß|ss)e|Bu(?:ß|ss)geld|wie\s+viel\s+Geld)\b",
    re.IGNORECASE)


# --- members of a body, outcomes of a prosecution ----------------------------------------------------------------

# "Who are the members of the Transatlantic Commission ...?", "Which States sit on ...?", "What is the membership of
# ...?": the members are named instances (countries, people, bodies) in a sentence that says they are its members.
_MEMBERS_QUESTION = re.compile(
    r"^\s*(?:and\s+)?(?:who|which\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:are|were|is|was)\s+(?:the\s+)?(?:current\s+|founding\s+)?"
    r"members?\s+of\s+(?P<asked>[^?]+)|"
    r"\bwhat\s+(?:is|was)\s+the\s+(?:current\s+)?(?:membership|composition)\s+of\s+(?P<asked2>[^?]+)|"
    r"^\s*(?:and\s+)?(?:who|which\s+[\w-]+)\s+(?:sits?|sat|serves?|served|belongs?|belonged)\s+(?:on|in|to)\s+(?P<asked3>[^?]+)|"
    r"^\s*(?:and\s+)?who\s+(?:makes?|made)\s+up\s+(?P<asked4>[^?]+)", re.IGNORECASE)
_MEMBERSHIP = re.compile(r"\b(?:members?|membership|comprises?|comprising|composed|consists?|made\s+up|brings?\s+together|"
                         r"brought\s+together|gathers?|joined|joins|participants?|participating|sits?\s+on|seats?)\b",
                         re.IGNORECASE)


def names_members(text: str, question: str, names: Names = Names()) -> bool:
    """Whether a sentence says who belongs to something (a membership word) and names them: a country, a person or
    a body the question does not already write."""
    if not _MEMBERSHIP.search(text):
        return False
    # the body itself by its acronym ("The TCEI brings together ..." for the Transatlantic Commission on Election
    # Integrity) is not one of its members
    for m in _RUN.finditer(question):
        words = [w for w in m.group().split() if w.casefold() not in {"of", "and", "for", "on", "the", "against"}]
        if len(words) >= 2:
            text = re.sub(rf"\b{''.join(w[0] for w in words)}s?\b", " ", text)
    asked = {n.casefold() for n in _countries().findall(question)}
    return any(n.casefold() not in asked for n in _countries().findall(text)) or names_person(text, question, names) \
        or names_organisation(text, question, names)


# "Were the four MSS hackers convicted?", "What sentence did ... receive?": a judicial outcome, which a sentence that
# reports charges, an investigation or an indictment does not give.
_VERDICT_WORDS = {"convicted": r"convict\w*", "sentenced": r"sentenc\w*", "acquitted": r"acquit\w*",
                  "extradited": r"extradit\w*", "arrested": r"arrest\w*", "jailed": r"jail\w*",
                  "imprisoned": r"imprison\w*", "found guilty": r"guilty", "pleaded guilty": r"guilty",
                  "verdict": r"verdicts?|convict\w*|acquit\w*|guilty", "conviction": r"convict\w*",
                  "sentence": r"sentenc\w*|prison|imprison\w*|jail\w*"}
_VERDICT_QUESTION = re.compile(
    r"^\s*(?:and\s+)?(?:was|were|has|have|had|is|are|did)\b[^?]*?\b(?:been\s+)?(?P<asked>convicted|sentenced|acquitted|"
    r"extradited|arrested|jailed|imprisoned|found\s+guilty|pleaded\s+guilty)\b|"
    r"\b(?:what|which)\s+(?:was|were|is|are)\s+the\s+(?P<asked2>verdict|conviction|sentence)s?\b|"
    r"\bwhat\s+(?P<asked3>sentence)s?\s+(?:did|do|does|has|have|had|was|were)\b", re.IGNORECASE)


def _verdict_test(asked: str) -> Callable[[str, str, Names], bool]:
    pattern = re.compile(rf"\b(?:{_VERDICT_WORDS[' '.join(asked.casefold().split())]})\b", re.IGNORECASE)
    return lambda text, question, names: bool(pattern.search(text))


def expected(question: str, as_asked: str = "") -> Expected | None:
    """The class of named thing `question` (English, or a rendering) asks for; `as_asked` is the question as the
    user wrote it, read for the other languages' amount words."""
    as_asked = as_asked or question
    if m := _MEMBERS_QUESTION.search(question):
        body = next(g for g in (m.group("asked"), m.group("asked2"), m.group("asked3"), m.group("asked4")) if g)
        return Expected("members", _asked_words(as_asked, body.strip()), names_members)
    if m := _VERDICT_QUESTION.search(question):
        asked = m.group("asked") or m.group("asked2") or m.group("asked3")
        return Expected("verdict", _asked_words(as_asked, asked), _verdict_test(asked))
    for text in (question, as_asked):
        if m := _AMOUNT_QUESTION.search(text):
            return Expected("amount", _asked_words(as_asked, m.group()), names_amount)
    if m := _PERSON_QUESTION.search(question):
        if asked := m.group("asked2"):
            return Expected("person", _asked_words(as_asked, asked), names_person)
        asked = m.group("asked") or m.group("asked3")
        office = _office_pattern(asked)
        return Expected("person", _asked_words(as_asked, asked),
                        lambda text, q, names: bool(office.search(text)) and names_person(text, q, names))
    if m := _ENTITY.search(question):
        return Expected("entity", _asked_words(as_asked, m.group("asked") or m.group("asked2")), names_entity)
    if m := _ORGANISATION.search(question):
        demonyms = [w for w in m.group("asked").split() if _DEMONYM.match(w)]
        if demonyms:
            # "Which German authorities ...": a body of that country, in a sentence that says which country.
            stems = [re.escape(w[:4]) for w in demonyms]
            of_country = re.compile(rf"\b(?:{'|'.join(stems)})\w*", re.IGNORECASE)
            return Expected("organisation", _asked_words(as_asked, m.group("asked")),
                            lambda text, q, names: names_organisation(text, q, names) and bool(of_country.search(text)))
        return Expected("organisation", _asked_words(as_asked, m.group("asked")), names_organisation)
    if m := _VOTE_QUESTION.search(question):
        # "Was decision 77/512 A adopted by a recorded vote, and what was the tally?": a sentence that gives a vote
        # (its count, "without a vote", "by consensus") answers; a footnote on the decision's records does not.
        return Expected("vote", _asked_words(as_asked, m.group()), names_vote)
    if (m := _TITLE_QUESTION.search(question)) and not _NOT_A_PERSON.search(m.group("who") or m.group("who2") or ""):
        # "What exactly is Szilvia Tóth's job title at the OSCE?": "Szilvia Tóth from the OSCE explained ..." says where
        # she works, not her title; "Ambassador Emina Merdan" gives one.
        surname = re.escape((m.group("who") or m.group("who2")).split()[-1])
        of_person = re.compile(rf"\b{surname}\b", re.IGNORECASE)
        return Expected("title", _asked_words(as_asked, m.group("asked") or m.group("asked2")),
                        lambda text, q, names: bool(of_person.search(text)) and names_title(text, q, names))
    if m := _NAME_OF.search(question):
        # "What is the name of Belgium's national cyber security centre?": only a name answers, whatever it names
        return Expected("name", _asked_words(as_asked, " ".join(m.group("asked").split())), names_any)
    return None


# "What is the name of the body that ...", "What was the name of the operation ...": a name is asked for.
_NAME_OF = re.compile(r"^\s*(?:and\s+)?(?:what|which)\s+(?:is|was|are|were)\s+the\s+(?:official\s+|full\s+)?names?\s+"
                      r"of\s+(?P<asked>(?:(?:the|this|that|a|an|its|their)\s+)?(?:[\w’'-]+\s+){0,5}?[\w’'-]+)"
                      r"(?=\s+(?:that|which|who|whose|behind|responsible|in|of|for|set|established|created|used|named|"
                      r"mentioned|described|referred|to|at|under|by)\b|\s*\?)", re.IGNORECASE)


# A vote asked for: its count, its record, who voted how.
_VOTE_QUESTION = re.compile(
    r"\b(?:recorded\s+vote|(?:vote|voting)\s+(?:count|tally|result|record|breakdown)|tally|"
    r"how\s+many\s+(?:votes|(?:member\s+)?states|countries|members|delegations)\s+(?:voted|abstained)|"
    r"votes?\s+(?:in\s+favou?r|against)|abstentions|voted\s+(?:for|against|in\s+favou?r))\b", re.IGNORECASE)
_VOTE = re.compile(r"\b(?:recorded\s+vote|without\s+a\s+vote|by\s+consensus|\d+\s+(?:votes?\s+)?(?:to\s+\d+|in\s+favou?r|"
                   r"against)|\d+\s+abstentions?|abstained|voted\s+(?:for|against|in\s+favou?r))\b", re.IGNORECASE)


def names_vote(text: str, question: str = "", names: Names | None = None) -> bool:
    """Whether a sentence gives a vote: a count ("by 153 votes to 5"), "a recorded vote", "without a vote"."""
    return bool(_VOTE.search(text))


# A person's title or position, asked by the person's name: "X's job title", "What position does X hold?".
_TITLE_QUESTION = re.compile(
    r"(?P<who>\b[A-Z][\w-]+(?:\s+[A-Z][\w-]+)+)[’']s\s+"
    r"(?P<asked>(?:(?:exact|official|formal|current)\s+)?(?:job\s+title|title|position|post|rank|job))\b|"
    r"\b(?:what|which)\s+(?P<asked2>(?:job\s+)?(?:title|position|post|rank|office))\s+(?:does|did|do)\s+"
    r"(?P<who2>[A-Z][\w-]+\s+[A-Z][\w-]+)",
    re.IGNORECASE)
# A name that is a document's or a body's, whose title is another question (the TITLE_QUESTION of question_kinds).
_NOT_A_PERSON = re.compile(r"\b(?:Convention|Call|Statement|Resolution|Protocol|Treaty|Declaration|Strategy|Report|"
                           r"Initiative|Group|Committee|Council|Assembly|Union|Nations|Organi[sz]ation|Agreement|Act|"
                           r"Law|Directive|Article|Chapter)\b")
# The words that make a title, next to the offices above: "Head of ...", "Senior Programme Officer".
_TITLE_WORDS = re.compile(
    rf"\b(?:{_OFFICE}|head|chief|officer|advis[eo]r|coordinator|manager|counsel(?:l?or)?|deputy|secretary|"
    r"representative|expert|specialist|analyst|attach[eé]|delegate|consul|diplomat|professor|dr)\b", re.IGNORECASE)


def names_title(text: str, question: str = "", names: Names | None = None) -> bool:
    """Whether a sentence gives a title or position ("Ambassador Emina Merdan", "Head of Unit"); the question's test
    also wants the person's name in it."""
    return bool(_TITLE_WORDS.search(text))


def _office_pattern(asked: str) -> re.Pattern:
    """The office a "who was the ..." question names, as a sentence may write it: "President Biden" holds the
    presidency; "Katherine Prizeman from UNODA" is no answer to "Who is the UN Secretary-General?"."""
    m = re.search(_OFFICE, asked, re.IGNORECASE)
    office = m.group() if m else asked
    words = [re.escape(w[:6]) + r"\w*" for w in re.split(r"[\s-]+", office) if w]
    return re.compile(r"\b" + r"[\s-]+".join(words) + r"\b", re.IGNORECASE)


def _asked_words(as_asked: str, rendered: str) -> str:
    """The words that name the class, one space apart (answer.py maps a rendering's words back to the question's)."""
    return " ".join(rendered.split())


# --- events reported as having happened --------------------------------------------------------------------------

_ORDINAL = (r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|next|last|latest|recent|"
            r"inaugural|opening|closing|final|\d+(?:st|nd|rd|th)|(?:19|20)\d\d)")
_EVENT_NOUN = (r"(?:sessions?|meetings?|summits?|ceremony|ceremonies|gatherings?|votes?|rounds?\s+of\s+talks|"
               r"workshops?|seminars?)")
_CAPS = r"[A-Z][\w’'-]*(?:\s+(?:(?:of|on|for|against|and)\s+(?:the\s+)?)?[A-Z][\w’'-]*)*"
# "the first session of the Conference of the States Parties", "the Counter Ransomware Initiative summit",
# "the signing ceremony in Hanoi", "when the Paris Call supporters met again at the Internet Governance Forum in Berlin"
_EVENT = re.compile(
    rf"\b(?:{_ORDINAL}\s+)?(?:\w+\s+)?{_EVENT_NOUN}\s+of\s+(?:the\s+)?(?P<of>{_CAPS})|"
    rf"\b(?P<before>{_CAPS})(?:['’]s)?\s+(?:(?:{_ORDINAL}|\w+ing)\s+)?{_EVENT_NOUN}\b|"
    rf"\b(?:\w+\s+)?{_EVENT_NOUN}\s+(?:in|at)\s+(?:the\s+)?(?P<at>{_CAPS})(?:\s+in\s+(?P<at2>{_CAPS}))?|"
    rf"\b(?:met|convened|reconvened|gathered|assembled)\s+(?:again\s+)?(?:in|at)\s+(?:the\s+)?(?P<met>{_CAPS})"
    rf"(?:\s+in\s+(?P<met2>{_CAPS}))?|"
    # "What did the Internet Governance Forum in Berlin conclude ...?": a gathering by its name, and where it met
    rf"\b(?P<named>{_CAPS}\s+(?:Forum|Summit|Conference|Congress|Dialogue|Workshop|Ministerial))\b"
    rf"(?:\s+(?:in|at)\s+(?P<named_in>{_CAPS}))?|"
    # "What did the Ad Hoc Committee decide at its first session?": the body and the number of its session
    rf"\b(?P<body>{_CAPS}|(?i:{_BODY}))\s+(?:[a-z]+\s+){{1,3}}?(?:at|during|in)\s+(?:its|their)\s+(?=(?:[a-z-]+\s+)?"
    rf"(?:[a-z]+\s+)?{_EVENT_NOUN}\b)")
# "the sixth session", "its first meeting": a numbered event, which a report of it numbers too.
_NUMBERED = re.compile(r"(?<![\w-])(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
                       rf"\d+(?:st|nd|rd|th))\s+(?:[a-z-]+\s+)?{_EVENT_NOUN}\b", re.IGNORECASE)
# What happened there: a past outcome (not "were to discuss", "is to be held").
_OUTCOME = re.compile(r"\b(?:agreed|decided|adopted|concluded|resolved|discussed|achieved|happened|produced|"
                      r"signed|attended|announced|approved|endorsed|elected|outcomes?|results?|came\s+out|took\s+place)\b|"
                      r"\bdid\b[^?]*\b(?:decide|agree|adopt|conclude|discuss|achieve|produce|sign|approve|endorse|"
                      r"elect|announce|say|result)\b", re.IGNORECASE)
_NOT_PAST = re.compile(r"\b(?:will|shall|is\s+to|are\s+to|was\s+to|were\s+to|to\s+be|should|would|planned|scheduled|"
                       r"expected)\b", re.IGNORECASE)
# A sentence that plans an event rather than reporting it.
PLANNING = re.compile(
    r"\b(?:shall|will|would|should|(?-i:may|might)|is\s+to|are\s+to|to\s+be\s+(?:held|convened|organi[sz]ed|hosted)|"
    r"to\s+(?:re)?convene|(?:re)?convening|to\s+hold|to\s+host|to\s+meet|no\s+later\s+than|upcoming|forthcoming|"
    r"next|future|plann?(?:ed|ing|s)?|intends?|intended|looks?\s+forward|offer(?:ed|s)?\s+to|until|"
    r"^\s*(?:also\s+|further\s+)?(?:decides?|requests?|invites?|calls?\s+upon|urges?|encourages?|recommends?))\b",
    re.IGNORECASE)
# Past tense: "held in Vienna", "met again", "took place", "At its first session, the Conference adopted ...";
# the noun "sessions" alone ("services for the sessions of the Conference") reports nothing.
_HELD = re.compile(r"\b(?:held|met|convened|reconvened|gathered|took\s+place|attended|participated|hosted|"
                   r"assembled|opened|closed|concluded|adopted|agreed|decided|discussed|elected|approved|endorsed|"
                   r"signed|launched)\b", re.IGNORECASE)
_GENERIC_NAMES = {"the", "un", "united nations", "general assembly", "member states", "states", "parties"}


@dataclass(frozen=True)
class Event:
    """An event a question asks the outcome of: its words as asked and the names a report of it must write."""

    asked: str
    names: tuple[str, ...]


# "agree to meet again in 2019", "decide in August 2023 to hold the sixth session": what was agreed is a plan, and
# the question's year may be the plan's.
_AGREED_TO = re.compile(r"\b(?:agree|decide|commit|pledge|resolve|plan|undert[ao]ke)\w*(?:\s+[\w,]+){0,5}?\s+to\s+"
                        r"(?!(?:the|a|an|its|their|this|that|these|those)\b)[a-z]+", re.IGNORECASE)


def asks_what_happened(question: str) -> bool:
    """Whether the question asks for an outcome that took place ("What did ... agree at its first meeting", "What
    was decided ..."), not what was agreed to do ("Where did they agree to meet again in 2019?")."""
    return bool(_OUTCOME.search(question)) and not _NOT_PAST.search(question) and not _AGREED_TO.search(question)


def reports_a_year(chunk, years: set[str]) -> bool:
    """Whether a passage can report what happened in one of `years`: its document is of that year (its date or
    title), or one of its sentences writes the year without planning ("no later than 2026" plans)."""
    from .segmentation import split_sentences

    meta = chunk.meta
    if any(y in f"{meta.date or ''} {meta.title or ''}" for y in years):
        return True
    for line in chunk.text.split("\n"):
        for a, b in split_sentences(line, 0, len(line)):
            sentence = line[a:b]
            if any(y in sentence for y in years) and not PLANNING.search(sentence):
                return True
    return False


def asks_about_a_plan(question: str) -> bool:
    """Whether the question asks about something planned ("When will TSA issue ...", "What is to be discussed ...")."""
    return bool(_NOT_PAST.search(question))


def event_asked(question: str) -> Event | None:
    """The event whose outcome the question asks for ("What did the first session of X decide?"), if it names one
    by proper names; None for any other question (and for one about a plan: "When was it to be held?")."""
    if not _OUTCOME.search(question) or _NOT_PAST.search(question):
        return None
    # A number alone does not name an event ("its seventy-ninth session" is the General Assembly's own context).
    m, numbered = _EVENT.search(question), _NUMBERED.search(question)
    if m is None:
        return None
    if m.group("body") and not (numbered and numbered.start() >= m.end()):
        return None  # "the General Assembly decide at its session": only a numbered session is one event
    found = (m.group("of"), m.group("before"), m.group("at"), m.group("at2"), m.group("met"), m.group("met2"),
             m.group("body"), m.group("named"), m.group("named_in"))
    names = tuple(dict.fromkeys(n.strip() for n in (numbered and numbered.group(), *found) if n))
    names = tuple(n for n in names if n.casefold() not in _GENERIC_NAMES and n.casefold() not in _MONTHS
                  and not re.fullmatch(
        r"(?:What|Which|When|Who|How|Did|Does|Do|Was|Were|Is|Are)(?:\s.*)?", n))
    if not names or names == (numbered and numbered.group(),):
        return None
    asked = m.group()
    if m.group("body"):
        asked = f"{numbered.group()} of the {m.group('body')}"
    elif numbered and numbered.group() not in asked:
        asked = f"{numbered.group()} ({asked})"
    return Event(" ".join(asked.split()), names)


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[’']", "'", text).casefold().split())


def reports(sentence: str, event: Event) -> bool:
    """Whether a sentence reports the event as having taken place: it writes all its names, says it met or was
    held (beyond the words of its names: "Conference" of the Conference of the States Parties is no meeting), and
    plans nothing."""
    folded = _fold(sentence)
    if not all(_fold(n) in folded for n in event.names):
        return False
    rest = folded
    for n in event.names:
        rest = rest.replace(_fold(n), " ")
    return bool(_HELD.search(rest)) and not PLANNING.search(sentence)


def mentions(sentence: str, event: Event) -> bool:
    """Whether a sentence writes all the names of the event."""
    folded = _fold(sentence)
    return all(_fold(n) in folded for n in event.names)
