"""An English rendering of a question asked in French, Bosnian/Croatian/Serbian, Dutch or German.

The sources are mostly English, and three parts of the pipeline read English only: keyword search (BM25 over
English tokens, the English stemmer), the default embedding model (all-MiniLM-L6-v2) and the question-kind rules
(`question_kinds.py`: "When ..." asks for a date). A question in another language gives them an English rendering
made word by word from a bilingual glossary of the field (`data/glossary.tsv`): phrases first, longest match,
each word compared by its language's Snowball stem so one form of a term covers its inflections; a compound
with no entry ("Cyberabwehrfähigkeiten", "Vorratsdatenspeicherung") is read as two to four glossary words with
the linking elements of German and Dutch between them (-s-, -en-, -e-); Cyrillic is transliterated first;
words with no entry (names, numbers, symbols) stay as written and function words go. Where English order is
what a later stage reads, the rendering takes it: a separable verb is read with the particle that ends the question
("kamen ... zusammen" met), the final participle of a "who" or "how many ... have" question comes forward ("who
signed"), and a document named by its kind before what it belongs to comes out as English names it ("die
Fallstudien zum Pariser Appell" -> "the Paris Call case studies"), so scoping.py finds it.

The question shown, quoted into messages and routed to the multilingual model (routing.py, e5 reads French
itself) stays the original; an English question is never rendered (languages.detect decides).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import Stemmer

from . import cognates, languages

GLOSSARY = "data/glossary.tsv"
# The ordinary words of questions (obliger, montant, uklanjanje, beslechten, melden ...), read after the glossary,
# whose entries win where both list a form.
VOCABULARY = "data/vocabulary.tsv"
_STEMMERS = {"fr": "french", "nl": "dutch", "de": "german", languages.BCS: "serbian"}
# A word: a document symbol or a number kept whole (A/RES/73/27, 24/7, COVID-19), or a run of letters.
_WORD = re.compile(r"[A-Za-z]+/[\w/.\-]+|\d[\w/.,%\-]*|[^\W\d_]+(?:-\d+)?")
_MAX_PHRASE = 12
# A compound is split only where both halves are this long ("cyber" + "abwehr").
_MIN_PART = 4
# The particle of a separable verb, last in a German or Dutch question ("Welche Maßnahmen schlägt sie vor?", "Roept
# de resolutie staten op?"): a particle, not the preposition ("before", "on") it is spelled like.
_PARTICLES = {"de": {"vor", "auf", "an", "aus", "ein", "mit", "zu", "bei", "fest", "ab", "zurück", "dar", "her",
                     "hin"},
              "nl": {"op", "voor", "aan", "uit", "in", "mee", "toe", "af", "vast", "na", "over", "terug"}}
# Particles that end a question only as a separable verb's: tried with the verb, dropped only when that reads.
_JOINED_PARTICLES = {"de": {"zusammen", "teil", "statt", "fort", "weiter", "hinzu", "nach", "entgegen", "zurück",
                            "los", "um", "durch"},
                     "nl": {"bijeen", "samen", "deel", "plaats", "door", "terug", "tegen", "bij", "voort", "mee",
                            "vrij", "uiteen"}}
# Words that accents alone tell apart from a function word: French "où" (where) and "ou" (or).
_ACCENTED = {"fr": {"où": "where"}}


def _separable(ws: list[str], language: str, table: "_Glossary") -> tuple[list[str], dict[int, tuple[str, str]]]:
    """The question's words without the particle of a separable verb that ends it ("Wann kamen die Minister
    zusammen?", "Welke landen namen deel?"), and the verb's English by its position, where the verb and its particle
    read together as an entry ("kamen zusammen", "zusammenkommen"). A particle of `_PARTICLES` is dropped even so
    (it is no preposition there); another is kept unless it joins its verb."""
    particles = _PARTICLES.get(language, set()) | _JOINED_PARTICLES.get(language, set())
    if len(ws) <= 2 or (particle := ws[-1].casefold()) not in particles:
        return ws, {}
    phrases, plain_words = table.phrases[language], table.plain_words[language]
    tail = _key(particle, language)
    for k in range(len(ws) - 1):
        if not ws[k].isalpha():
            continue
        english = phrases.get((_key(ws[k], language), tail))
        if english is None:
            whole = _plain(particle) + _plain(ws[k])  # "zusammen" + "kamen"
            english = plain_words.get(whole) or phrases.get((_key(whole, language),))
        if english is not None:
            return ws[:-1], {k: (ws[-1], english)}
    return (ws[:-1], {}) if particle in _PARTICLES.get(language, ()) else (ws, {})


# "Was versteht man im Übereinkommen unter „Einziehung“?", "Wat wordt in het verdrag verstaan onder een minderjarige?",
# "Wat wordt onder een minderjarige verstaan?": the German and Dutch frame of a definition, split by the verb bracket,
# put back together before the term ("was versteht man unter Einziehung im Übereinkommen": what is meant by ...).
_DEFINITION_FRAME = {"de": (("was",), frozenset({"versteht", "verstehen", "verstanden"}), "unter",
                            ("was", "versteht", "man", "unter"), frozenset({"man", "ist", "wird", "zu", "sind", "werden"})),
                     "nl": (("wat",), frozenset({"verstaan", "verstaat"}), "onder",
                            ("wat", "wordt", "verstaan", "onder"), frozenset({"wordt", "men", "worden", "je"}))}


def _definition_frame(ws: list[str], language: str) -> list[str]:
    """The question's words with a definition's frame whole and first: "Was versteht man im UN-Übereinkommen unter
    Einziehung" -> "was versteht man unter Einziehung im UN-Übereinkommen" (the words between the frame's parts follow
    the term, as English puts "in the Convention" after "what is meant by X")."""
    if language not in _DEFINITION_FRAME or len(ws) < 4:
        return ws
    opener, verbs, preposition, frame, fillers = _DEFINITION_FRAME[language]
    plain = [_plain(w) for w in ws]
    if tuple(plain[:len(opener)]) != opener or preposition not in plain[len(opener):]:
        return ws
    verb = next((n for n, p in enumerate(plain) if p in verbs), None)
    at = plain.index(preposition, len(opener))
    if verb is None:
        return ws
    if verb < at:  # "was versteht man [im Übereinkommen] unter X [...]"
        between = [w for n, w in enumerate(ws[len(opener):at], start=len(opener)) if n != verb and plain[n] not in fillers]
        term = ws[at + 1:]
    else:  # "wat wordt [in het verdrag] onder X verstaan", "was ist unter X zu verstehen"
        between = [w for n, w in enumerate(ws[len(opener):at], start=len(opener)) if plain[n] not in fillers]
        term = [w for n, w in enumerate(ws[at + 1:], start=at + 1) if n != verb and not (
            n == verb - 1 and plain[n] in fillers)]
    return [*frame, *term, *between]


@dataclass(frozen=True)
class Translation:
    """What the English-only stages read for a question: `english` (the question itself when it is English)."""

    original: str
    language: str  # languages.detect's group: en, fr, bcs, nl, de
    english: str
    # (words as asked, their English) for each glossary entry used, in question order
    matched: tuple[tuple[str, str], ...] = ()
    kept: tuple[str, ...] = ()  # words with no entry, kept as written (names, numbers, symbols)

    @property
    def translated(self) -> bool:
        return self.english != self.original


def _plain(text: str) -> str:
    """Lower case, Cyrillic in Latin letters, accents gone (đ -> d, é -> e, ß -> ss)."""
    decomposed = unicodedata.normalize("NFKD", languages.latin_letters(text.casefold()))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=8)
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(_STEMMERS[language])


@lru_cache(maxsize=65536)
def _key(word: str, language: str) -> str:
    """What a word is matched by: its stem, on the plain form (so "securite" is "sécurité")."""
    return _stemmer(language).stemWord(_plain(word))


def words(text: str) -> list[str]:
    """The words of a text as the glossary sees them (apostrophes and hyphens split: l'OTAN, a-t-elle)."""
    return _WORD.findall(languages.transliterate(text))


@dataclass(frozen=True)
class _Glossary:
    phrases: dict[str, dict[tuple[str, ...], str]]  # language -> stem keys of a phrase -> English
    plain_words: dict[str, dict[str, str]]  # language -> plain one-word form -> English (for compounds)
    by_prefix: dict[str, dict[str, list[str]]]  # language -> first 4 letters -> plain one-word forms


def _read(name: str, phrases: dict, plain_words: dict) -> None:
    """Add one tab-separated file's entries (a form listed twice keeps its first English)."""
    text = resources.files("assistant").joinpath(name).read_text(encoding="utf-8")
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or parts[0] not in phrases:
            raise ValueError(f"{name} line {n}: expected 'language<TAB>forms<TAB>English' with a language "
                             f"of {sorted(phrases)} (got {line!r})")
        language, forms, english = parts
        for form in forms.split("|"):
            ws = words(form)
            if not ws or len(ws) > _MAX_PHRASE:
                continue
            phrases[language].setdefault(tuple(_key(w, language) for w in ws), english.strip())
            if len(ws) == 1:
                plain_words[language].setdefault(_plain(ws[0]), english.strip())


@lru_cache(maxsize=1)
def glossary() -> _Glossary:
    """The bilingual glossary and the general vocabulary, read once from the package's data files."""
    phrases: dict[str, dict[tuple[str, ...], str]] = {code: {} for code in _STEMMERS}
    plain_words: dict[str, dict[str, str]] = {code: {} for code in _STEMMERS}
    for name in (GLOSSARY, VOCABULARY):
        _read(name, phrases, plain_words)
    by_prefix: dict[str, dict[str, list[str]]] = {code: {} for code in _STEMMERS}
    for language, forms in plain_words.items():
        for form in forms:
            by_prefix[language].setdefault(form[:4], []).append(form)
    return _Glossary(phrases, plain_words, by_prefix)


@lru_cache(maxsize=1)
def _english_words() -> cognates.English:
    """What a cognate must be (cognates.py): an English word of the default model's vocabulary or of the glossary."""
    table = glossary()
    extra = {w.casefold() for entries in table.phrases.values() for english in entries.values()
             for w in english.split() if w.isascii() and w.isalpha()}
    return cognates.default_english(frozenset(extra))


def _other_ending(word: str, language: str, table: _Glossary) -> str | None:
    """The entry of a one-word form that differs from `word` only in its ending, where the stemmer does not see
    it (Bosnian "Australije", genitive of "Australija"): a shared start of 5+ letters, missing at most 2 letters
    of the entry and 3 of the word."""
    plain = _plain(word)
    if len(plain) < 5:
        return None
    best = None
    for form in table.by_prefix[language].get(plain[:4], ()):
        common = 0
        for a, b in zip(plain, form):
            if a != b:
                break
            common += 1
        if common >= 5 and common >= len(form) - 2 and common >= len(plain) - 3 and (best is None or common > best[0]):
            best = (common, form)
    english = table.plain_words[language][best[1]] if best else None
    return english if english != "-" else None


# The particles of German separable verbs, which take "zu" between particle and verb in the infinitive
# ("nach|zu|weisen", "aus|zu|tauschen", "auf|zu|bewahren").
_ZU_PARTICLES = ("zusammen", "zurück", "heraus", "herein", "hinzu", "weiter", "entgegen", "teil", "fest", "fort", "statt",
                 "nach", "vor", "auf", "aus", "ein", "mit", "bei", "dar", "her", "hin", "los", "um", "ab", "an", "zu")


def _zu_infinitive(word: str, language: str, table: _Glossary) -> str | None:
    """The English of a German separable verb's infinitive with "zu" ("nachzuweisen" is "nachweisen", "auszutauschen"
    "austauschen") or of its participle with "ge" ("weitergegeben" is "weitergeben", "festgestellt" "feststellen"),
    where the verb without "zu" or "ge" is an entry."""
    if language != "de":
        return None
    plain = _plain(word)
    for particle in _ZU_PARTICLES:
        for infix in ("zu", "ge"):
            rest = plain[len(particle) + 2:]
            if not plain.startswith(particle + infix) or len(rest) < 3:
                continue
            verbs = [particle + rest]
            if infix == "ge" and rest.endswith("t"):
                verbs.append(particle + rest[:-1] + "en")  # fest|ge|stellt: feststellen
            for verb in verbs:
                english = table.plain_words[language].get(verb) or table.phrases[language].get((_key(verb, language),))
                if english and english != "-":
                    return english
    return None


# The linking elements German and Dutch put between the parts of a compound, tried after none at all: German
# Sicherheit|s|politik, Vertrag|s|staat, Strafe|n|verfolgung, Kind|er|schutz, Bund|es|amt, Name|ns|recht; Dutch
# overheid|s|dienst, burger|s|, ketting|en|beding, stad|s|, kind|er|opvang. Other languages: the s alone.
_LINKS = {"de": ("s", "es", "n", "en", "e", "er", "ns"), "nl": ("s", "en", "e", "n", "er")}
# A compound is read as at most this many parts ("Vorrat|s|daten|speicherung" is three).
_MAX_PARTS = 4


def _part(text: str, language: str, table: _Glossary) -> str | None:
    """The English of one part of a compound: a one-word entry as written or by its stem; or a cognate through a
    learned ending (Zeremonie is a ceremony, Integrität integrity). Function words ("-") are no part."""
    if len(text) < _MIN_PART:
        return None
    english = table.plain_words[language].get(text) or table.phrases[language].get((_key(text, language),))
    if english is None and len(text) >= cognates.MIN_LENGTH and text in _english_words():
        english = text  # an English word within the compound: "Cybercrime|verdrag", "Späh|software"
    if english is None:
        english = cognates.cognate(text, language, _english_words(), learned_only=True)
    return english if english and english != "-" else None


def _compound(word: str, language: str, table: _Glossary) -> str | None:
    """A compound with no entry read as two to four glossary words, with the linking elements of its language
    between them ("Cyberabwehrfähigkeiten" -> "cyber defence capabilities", "Vorratsdatenspeicherung" -> "stock data
    storage"), or None. The reading with the fewest parts wins; among those, the one with the longest first part
    (the head of an English reading of it), so a word is never cut where a longer entry fits."""
    plain = _plain(word)
    if len(plain) < 2 * _MIN_PART:
        return None
    links = ("",) + _LINKS.get(language, ("s",))

    @lru_cache(maxsize=None)
    def parts(start: int, left: int) -> tuple[str, ...] | None:
        """The fewest parts (at most `left`) that plain[start:] reads as, or None."""
        rest = plain[start:]
        if (whole := _part(rest, language, table)) is not None and start > 0:
            return (whole,)
        if left < 2:
            return None
        best = None
        for cut in range(len(rest) - _MIN_PART, _MIN_PART - 1, -1):  # the longest first part first
            first = _part(rest[:cut], language, table)
            if first is None:
                continue
            for link in links:
                after = cut + len(link)
                if rest[cut:after] != link or len(rest) - after < _MIN_PART:
                    continue
                tail = parts(start + after, left - 1)
                if tail is not None and (best is None or len(tail) + 1 < len(best)):
                    best = (first, *tail)
            if best is not None and len(best) == 2:
                break  # two parts cannot be bettered
        return best

    found = parts(0, _MAX_PARTS)
    return " ".join(found) if found else None


# Kinds of documents that French, Dutch, German and BCS name before the document they belong to ("les études de cas
# de l'Appel de Paris", "de verklaring van het Witte Huis", "die Fallstudien zum Pariser Appell") and English after
# it ("the Paris Call case studies", "the White House statement"), as scoping.py reads a document described so.
_KIND_BEFORE_NAME = {"case study": "case studies", "case studies": "case studies", "declaration": "statement",
                     "statement": "statement", "joint statement": "joint statement", "report": "report",
                     "communiqué": "communiqué", "page": "page", "website": "website"}
# Kinds whose name is the body that made them: "l'Assemblée générale", "das Übereinkommen der Vereinten Nationen gegen
# Cyberkriminalität" is the United Nations Convention against Cybercrime.
_KIND_OF_BODY = {"convention": "convention", "treaty": "treaty", "resolution": "resolution"}
_BODIES = frozenset({"United Nations", "Council of Europe", "European Union", "NATO", "OSCE", "UN", "EU"})
# The preposition that says what a document is about ("die Erklärung über/zu ...", "de verklaring over ...", "la
# déclaration sur ...", "izjava o ..."): a function word the rendering drops, kept as "on" after a kind.
_ABOUT = {"de": frozenset({"uber", "zu", "zur", "bezuglich"}), "nl": frozenset({"over", "inzake", "omtrent"}),
          "fr": frozenset({"sur", "concernant"}), languages.BCS: frozenset({"o"})}
_ON = "on"
# scoping reads up to four words before the kind: a longer name is cut at its first small word ("Paris Call for
# Trust and Security in Cyberspace" -> "Paris Call").
_NAME_WORDS = 4
_MONTHS = frozenset("January February March April May June July August September October November December".split())


def _name_at(pieces: list[str], start: int) -> int:
    """Where a name that starts at `start` ends: a run of capitalised pieces (not months, at most _NAME_WORDS words
    after the first piece); `start` itself when there is none."""
    j = start
    while j < len(pieces) and pieces[j][:1].isupper() and pieces[j][:1].isalpha() and pieces[j] not in _MONTHS and \
            (j == start or len(" ".join(pieces[start:j + 1]).split()) <= _NAME_WORDS):
        j += 1
    return j


def _named_kind_first(pieces: list[str]) -> list[str]:
    """The rendering's pieces with a document's kind in English order: "case study" followed by a name ("Paris Call
    ...", "White House", a run of capitalised words kept as written) becomes "the Paris Call case studies",
    "convention United Nations against cybercrime" "the United Nations convention against cybercrime", and a kind
    followed by what it is about "the joint statement on commercial spyware"."""
    out: list[str] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        kind, by_body = _KIND_BEFORE_NAME.get(piece.casefold()), _KIND_OF_BODY.get(piece.casefold())
        if kind is None and by_body is None:
            if piece != _ON:  # "on" after a kind only (below)
                out.append(piece)
            i += 1
            continue
        about = i + 1 < len(pieces) and pieces[i + 1] == _ON
        start = i + 1 + about
        j = _name_at(pieces, start)
        name = " ".join(pieces[start:j]).split()
        if kind is None and " ".join(name) not in _BODIES:
            name = []
        if name and not about:
            if len(name) > _NAME_WORDS:
                small = next((n for n, w in enumerate(name) if n and w.islower()), len(name))
                name = name[:small]
            # "vom 19. Juli 2021", "van juli 2021": the date that follows dates the document ("... statement of July
            # 2021")
            dated = j < len(pieces) and (pieces[j] in _MONTHS or (
                pieces[j].rstrip(".").isdigit() and j + 1 < len(pieces) and pieces[j + 1] in _MONTHS))
            out.append(f"the {' '.join(name)} {kind or by_body}" + (" of" if dated else ""))
            i = j
        elif about:
            # "die belgische Seite über ...": an adjective before the kind stays within the description
            if out and " " not in out[-1] and out[-1][:1].isupper() and out[-1] not in _MONTHS:
                out[-1] = f"the {out[-1]}"
                out.append(f"{piece} on")
            else:
                out.append(f"the {piece} on")
            i += 2
        else:
            out.append(piece)
            i += 1
    return out


# "Wer hat die Erklärung unterzeichnet?", "Wie heeft de verklaring ondertekend?": a German or Dutch question whose
# verb is a participle at its end, after the auxiliary of a perfect or passive tense (which the rendering drops).
_AUXILIARIES = {"de": frozenset("hat haben hatte hatten ist sind war waren wurde wurden wird werden".split()),
                "nl": frozenset("heeft hebben had hadden is zijn was waren werd werden wordt worden".split())}
_WHO = {"de": "wer", "nl": "wie"}
# "Wie viele Staaten haben ... ratifiziert?": a plural auxiliary of the perfect agrees with the things counted.
_HAVE = {"de": frozenset({"haben", "sind"}), "nl": frozenset({"hebben", "zijn"})}
_HOW_MANY = {"de": ("wie", "viele"), "nl": ("hoeveel",)}


# The words that open a second clause after a comma ("..., bevor Daten weitergegeben werden", "..., und wie viele
# ...", "Wer hat angeboten, die Zeremonie auszurichten?"): conjunctions, relatives, an infinitive's article. A comma
# before anything else ("l'article 40, paragraphe 22, de la Convention") is no clause's end.
_CLAUSE_OPENERS = {
    "de": frozenset("bevor wenn dass damit weil ob nachdem sobald sodass falls um indem wobei während als und oder "
                    "die der das den dem welche welcher welches wie wer was wann wo".split()),
    "nl": frozenset("voordat als wanneer dat omdat of nadat zodat zodra om waarbij terwijl en die welke hoe wie wat "
                    "waar de het een".split()),
    "fr": frozenset("avant lorsque quand que qui si pour afin et ou dont où comment".split()),
    languages.BCS: frozenset("prije kada kad da ako koji koja koje koju i ili kako gdje gde ko šta što".split())}


def _second_clause(question: str, language: str) -> int:
    """The index (in words(question)) of the first word of the question's second clause: after the first comma
    followed by a word that opens a clause; the number of words when there is none."""
    openers = _CLAUSE_OPENERS.get(language, frozenset())
    for m in re.finditer(r",", question):
        after = words(question[m.end():])
        if after and _plain(after[0]) in {_plain(o) for o in openers}:
            return len(words(question[:m.start()]))
    return len(words(question))


# An ordinal number as German, Dutch, French and BCS write it: "96." (de, BCS), "96e"/"96ste"/"2de" (nl), "96e"/"96ème",
# "1er"/"1re" (fr). A number of four digits with a point is a year ("2023. godine"), a day before a month a date ("am 25.
# August").
_ORDINAL = {"de": re.compile(r"(\d{1,3})\."), languages.BCS: re.compile(r"(\d{1,3})\."),
            "nl": re.compile(r"(\d{1,3})(?:e|ste|de)"), "fr": re.compile(r"(\d{1,3})(?:e|ème|eme|er|re)")}


def _ordinal(word: str, following: str, language: str, table: _Glossary) -> str | None:
    """The English ordinal of a number written as one ("96." -> "96th"), or None (a cardinal, a year, a day of a
    month)."""
    pattern = _ORDINAL.get(language)
    m = pattern.fullmatch(word) if pattern else None
    if m is None:
        return None
    month = following[:1].isalpha() and (table.phrases[language].get((_key(following, language),)) or
                                         _other_ending(following, language, table)) in _MONTHS
    if word.endswith(".") and (not following or month or not following[:1].isalpha()):
        return None  # "am 25. August", "… 2018." ending the question
    n = int(m.group(1))
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def ordinals(question: str) -> tuple[str, ...]:
    """The numbers a question in another language writes as ordinals, as written without a final point ("96" of "auf
    ihrer 96. Plenarsitzung", "46e" of "sa 46e séance"); its rendering reads them as English ordinals ("96th"). For
    answer.unknown_terms, which looks for the question's numbers as written ("96" is no word of the sources; "96th"
    is)."""
    return tuple(asked.rstrip(".") for asked, english in translate(question).matched
                 if english[:1].isdigit() and english[-2:] in ("st", "nd", "rd", "th"))


# "Was hat ... beschlossen?", "Wat heeft ... besloten?": a perfect whose participle ends a "what" question.
_WHAT = {"de": "was", "nl": "wat"}
_PERFECT = {"de": frozenset("hat haben hatte hatten".split()), "nl": frozenset("heeft hebben had hadden".split())}


def _base_form(participle: str) -> str | None:
    """The English verb of a regular past participle, where the rendering gave one ("decided" -> "decide", "adopted"
    -> "adopt", "ratified" -> "ratify", "planned" -> "plan"): the first of its possible stems that is an English word."""
    if " " in participle or not participle.endswith("ed") or len(participle) < 5:
        return None
    stem = participle[:-2]
    if stem.endswith("i"):
        return stem[:-1] + "y"  # ratified, specified
    tries = [stem, participle[:-1]]
    if len(stem) > 3 and stem[-1] == stem[-2]:
        tries.append(stem[:-1])  # planned
    english = _english_words()
    return next((t for t in tries if len(t) >= 3 and t in english), None)


# "Was sagt X über Y?", "Wat zegt X over Y?", "Que prévoit X sur Y ?", "Šta kaže X o Y?": a "what" question whose
# second word is a verb of what a text says, with its subject after it; English asks "what does X say about Y?"
# (asked_documents.py reads that frame for a document the index does not hold).
_SAYS = frozenset({"say", "provide for", "provide", "require", "propose", "contain", "state", "stipulate", "foresee",
                   "regulate", "recommend", "establish", "define", "mention"})
# The prepositions of what a text says something about, dropped as function words elsewhere.
_ABOUT_SAYS = {"de": frozenset({"uber", "bezuglich", "hinsichtlich"}), "nl": frozenset({"over", "omtrent", "aangaande"}),
               "fr": frozenset({"sur"}), languages.BCS: frozenset({"o"})}
_ABOUT_WORD = "about"
_ABOUT_MARK = (-2, -2)  # the span of an "about" the rendering keeps only in such a question


def _says_forward(pieces: list[str], spans: list[tuple[int, int]],
                  second: list[bool]) -> tuple[list[str], list[tuple[int, int]]]:
    """"what say Budapest Convention about child pornography" (German, Dutch, French) and "what resolution 75/240 say
    about ..." (BCS) -> "what does Budapest Convention say about child pornography"; the verb goes before "about" or
    before the question's second clause (`second`: whether each piece renders a word of it). Any other question loses the "about" marks
    (its rendering is as before)."""
    marks = [n for n, span in enumerate(spans) if span == _ABOUT_MARK]
    verb = next((n for n in range(1, len(pieces)) if pieces[n] in _SAYS and spans[n][0] >= 0), None)
    if len(pieces) >= 3 and pieces[0] == "what" and spans[0] == (0, 1) and verb is not None and \
            (verb == 1 or all(spans[n][0] >= 0 or pieces[n][:1].isupper() or pieces[n][:1].isdigit()
                              for n in range(1, verb))) and verb + 1 < len(pieces) and (verb > 1 or 2 not in marks):
        about = [n for n in range(verb + 1, len(pieces)) if pieces[n] == _ABOUT_WORD]
        # the verb goes before what the text is about, or before a second clause ("..., bevor Daten ... werden")
        later = [n for n in range(verb + 1, len(pieces)) if second[n]]
        end = min([*about[:1], *later[:1], len(pieces)])
        before = [n for n in range(1, end) if n != verb and spans[n] != _ABOUT_MARK]
        after = [n for n in range(end, len(pieces)) if n == end or spans[n] != _ABOUT_MARK]
        order = [0, *before, verb, *after]
        return (["what", "does", *[pieces[n] for n in order[1:]]],
                [(-1, -1), *[spans[n] if n != verb else (-1, -1) for n in order[1:]]])
    return ([p for p, span in zip(pieces, spans) if span != _ABOUT_MARK],
            [span for span in spans if span != _ABOUT_MARK])


def _verb_forward(pieces: list[str], spans: list[tuple[int, int]], ws: list[str], language: str,
                  one_clause: bool = True) -> list[str]:
    """The rendering's pieces with the final participle of a "who" or "how many" question moved forward, as English
    asks it: "who declaration signed" -> "who signed declaration", "how many State Budapest Convention ratified" ->
    "how many State have ratified Budapest Convention" (question_kinds reads "who signed", "who chaired", "how many
    ... have ratified"). The verb moves only when it is the question's last word and an entry's rendering, in a
    question of one clause ("Wer hat angeboten, die Zeremonie auszurichten?": the last verb is the second clause's)."""
    if language not in _WHO or len(pieces) < 3 or spans[-1][1] != len(ws) or not one_clause:
        return pieces
    first = tuple(_plain(w) for w in ws[:2])
    if first[0] == _WHO[language] and first[1] in _AUXILIARIES[language] and spans[0] == (0, 1) and spans[-1][0] > 1:
        return [pieces[0], pieces[-1], *pieces[1:-1]]
    if first[0] == _WHAT[language] and first[1] in _PERFECT[language] and spans[0] == (0, 1) and spans[-1][0] > 1 and \
            (base := _base_form(pieces[-1])) is not None:
        # "Was hat die Generalversammlung ... beschlossen?": "what did General Assembly ... decide?"
        return [pieces[0], "did", *pieces[1:-1], base]
    counted = len(_HOW_MANY[language])
    if first[:counted] == _HOW_MANY[language]:
        aux = next((n for n in range(counted + 1, min(counted + 4, len(ws) - 1))
                    if _plain(ws[n]) in _HAVE[language]), None)
        if aux is not None and spans[-1][0] > aux:
            at = sum(1 for a, _ in spans[:-1] if 0 <= a < aux)
            return [*pieces[:at], "have", pieces[-1], *pieces[at:-1]]
    return pieces


@lru_cache(maxsize=4096)
def translate(question: str) -> Translation:
    """The English rendering of a question in a supported language other than English (English: unchanged)."""
    language = languages.detect(question)
    if language not in _STEMMERS:
        return Translation(question, language, question)
    table = glossary()
    phrases = table.phrases[language]
    drop = languages.stopwords(language)
    ws, joined = _separable(_definition_frame(words(question), language), language, table)
    keys = [_key(w, language) for w in ws]
    out: list[str] = []
    spans: list[tuple[int, int]] = []  # the words of the question each piece of `out` renders
    kept_at: dict[int, int] = {}  # the question's word of a piece kept as written (its span is (-1, -1))
    matched: list[tuple[str, str]] = []
    kept: list[str] = []
    i = 0
    accented = _ACCENTED.get(language, {})
    plain_words = table.plain_words[language]
    while i < len(ws):
        if i in joined:  # the verb of a separable verb whose particle ends the question ("kamen ... zusammen")
            matched.append((f"{ws[i]} … {joined[i][0]}", joined[i][1]))
            if joined[i][1] != "-":
                out.append(joined[i][1])
                spans.append((i, i + 1))
            i += 1
            continue
        if ws[i].casefold() in accented:
            matched.append((ws[i], accented[ws[i].casefold()]))
            out.append(accented[ws[i].casefold()])
            spans.append((i, i + 1))
            i += 1
            continue
        for length in range(min(_MAX_PHRASE, len(ws) - i), 0, -1):
            english = phrases.get(tuple(keys[i:i + length]))
            if length == 1 and english is not None and (exact := plain_words.get(_plain(ws[i]))) is not None:
                english = exact  # two words with one stem: the form listed wins (French "amende" fine, "amendement")
            if english is not None and length == 1 and (plain := _plain(ws[i])) in drop and plain not in plain_words:
                english = None  # a function word whose stem happens to be an entry's (Dutch "over", "overheid")
            if english is not None and length == 1 and ws[i][:1].isupper() and english.casefold() == ws[i].casefold():
                english = ws[i]  # an English word as written keeps its capital: "Counter Ransomware Initiative"
            if english is not None:
                matched.append((" ".join(ws[i:i + length]), english))
                if english != "-":
                    out.append(english)
                    spans.append((i, i + length))
                i += length
                break
        else:
            word = ws[i]
            i += 1
            if _plain(word) in drop:
                if out and _plain(word) in _ABOUT.get(language, ()) and \
                        (out[-1].casefold() in _KIND_BEFORE_NAME or out[-1].casefold() in _KIND_OF_BODY):
                    out.append(_ON)  # "die Erklärung über ...": what the document is about (_named_kind_first)
                    spans.append((i - 1, i))
                elif out and _plain(word) in _ABOUT_SAYS.get(language, ()):
                    out.append(_ABOUT_WORD)  # kept in a "what does X say about Y" question only (_says_forward)
                    spans.append(_ABOUT_MARK)
                    kept_at[len(out) - 1] = i - 1
                continue
            if word.isalpha() and ((found := _zu_infinitive(word, language, table)) is not None or
                                   (found := _other_ending(word, language, table)) is not None or
                                   (found := _compound(word, language, table)) is not None or
                                   (found := cognates.cognate(word, language, _english_words())) is not None):
                matched.append((word, found))
                out.append(found)
                spans.append((i - 1, i))
                continue
            if (ordinal := _ordinal(word, ws[i] if i < len(ws) else "", language, table)) is not None:
                matched.append((word, ordinal))  # "96. Plenarsitzung", "96e séance": the 96th plenary meeting
                out.append(ordinal)
                spans.append((-1, -1))
                kept_at[len(out) - 1] = i - 1
                continue
            word = languages.english_acronyms(word.rstrip(".,"))  # "2018." ends a sentence, not the number
            kept.append(word)
            out.append(word)
            spans.append((-1, -1))  # kept as written: a name, never a verb to move
            kept_at[len(out) - 1] = i - 1
    # the pieces from the question's second clause on ("..., bevor Daten ... weitergegeben werden")
    clause_end = _second_clause(question, language)
    second = [(span[0] if span[0] >= 0 else kept_at.get(n, -1)) >= clause_end for n, span in enumerate(spans)]
    out, spans = _says_forward(out, spans, second)
    out = _named_kind_first(_verb_forward(out, spans, ws, language, one_clause=clause_end >= len(ws)))
    rendered = [w for n, w in enumerate(out) if n == 0 or w.casefold() != out[n - 1].casefold()]
    english = " ".join(rendered)
    if question.rstrip().endswith("?"):
        english += "?"
    return Translation(question, language, english, tuple(matched), tuple(kept))


# A term a question puts in quotation marks (answer.py's pattern): „digitale Souveränität“, « gel », "cryptovaluta".
_QUOTED = re.compile(r"[\"“«„]\s*([^\"”»“]{2,60}?)\s*[\"”»“]")


def quoted_terms(question: str) -> tuple[tuple[str, str], ...]:
    """Each term a question in another language quotes, with its English rendering ("digitale Souveränität", "digital
    sovereignty"), where every word of it has an entry (a name kept as written gives none: nothing to look for).
    For answer.quoted_unwritten: a quoted term whose rendering and whose words as asked no passage writes is missing
    (English questions read their quoted terms as written)."""
    rendered = translate(question)
    if rendered.language not in _STEMMERS:
        return ()
    drop = languages.stopwords(rendered.language)
    out = []
    for m in _QUOTED.finditer(question):
        term = m.group(1).strip(" .,;:?!")
        asked = [_plain(w) for w in words(term)]
        english: list[str] = []
        covered: set[str] = set()
        for source, target in rendered.matched:
            parts = [_plain(w) for w in words(source.replace("…", " "))]
            if parts and set(parts) <= set(asked):
                covered |= set(parts)
                if target != "-":
                    english.append(target)
        if english and all(w in covered or w in drop for w in asked):
            out.append((term, " ".join(english)))
    return tuple(out)


def english(question: str) -> str:
    """What the English-only stages read: the English rendering of a question in another language, or the
    question itself when it is English."""
    return translate(question).english


def resolve_scope(query: str, catalog, resolve):
    """The documents a question names (`resolve` is scoping.resolve): as asked, or else as its English rendering
    names them ("la Convention des Nations Unies contre la cybercriminalité" is the UN Convention against
    Cybercrime)."""
    scope = resolve(query, catalog)
    if (rendered := english(query)) == query:
        return scope
    if not (scope.sources or scope.missing):
        return resolve(rendered, catalog)
    if not scope.labelled:
        # "le paragraphe 3 de la résolution 78/16": the symbol is found as asked, the paragraph in the rendering.
        other = resolve(rendered, catalog)
        if other.labelled and set(other.sources) <= set(scope.sources):
            return replace(scope, paragraphs=other.paragraphs, articles=other.articles)
    return scope
