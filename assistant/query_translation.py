"""An English rendering of a question asked in French, Bosnian/Croatian/Serbian, Dutch or German.

The sources are mostly English, and three parts of the pipeline read English only: keyword search (BM25 over
English tokens, the English stemmer), the default embedding model (all-MiniLM-L6-v2) and the question-kind rules
(`question_kinds.py`: "When ..." asks for a date). A question in another language gives them an English rendering
made word by word from a bilingual glossary of the field (`data/glossary.tsv`): phrases first, longest match,
each word compared by its language's Snowball stem so one form of a term covers its inflections; a compound
with no entry ("Cyberabwehrfähigkeiten", "Vorratsdatenspeicherung") is read as two to four glossary words with
the linking elements of German and Dutch between them (-s-, -en-, -e-); Cyrillic is transliterated first;
words with no entry (names, numbers, symbols) stay as written and function words go; an ordinal is English ("96.
Plenarsitzung" -> 96th plenary meeting). Where English order is what a later stage reads, the rendering takes it
(word_order.py): a separable verb is read with the particle that ends the question ("kamen ... zusammen" met) or the
"zu"/"ge" inside it ("nachzuweisen", "weitergegeben"), a definition's frame is made whole ("Was versteht man im X unter
Y?" -> "what is meant by Y X"), the final participle of a "who", "how many ... have" or perfect "what" question comes
forward ("who signed", "what did ... decide"), a verb of saying follows its subject ("what does X say about Y"), and a
document named by its kind before what it belongs to comes out as English names it ("die Fallstudien zum Pariser
Appell" -> "the Paris Call case studies"), so scoping.py finds it.

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

from . import cognates, languages, word_order

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
    "austauschen") or of a German or Dutch one's participle with "ge" ("weitergegeben" is "weitergeben", "festgestellt"
    "feststellen", "uitgebreid" "uitbreiden"), where the verb without "zu" or "ge" is an entry."""
    if language not in ("de", "nl"):
        return None
    plain = _plain(word)
    particles, infixes = (_ZU_PARTICLES, ("zu", "ge")) if language == "de" else (sorted(_TE_PARTICLES), ("ge",))
    for particle in particles:
        for infix in infixes:
            rest = plain[len(particle) + 2:]
            if not plain.startswith(particle + infix) or len(rest) < 3:
                continue
            verbs = [particle + rest]
            if infix == "ge" and rest[-1:] in ("t", "d"):
                verbs.append(particle + rest[:-1] + "en")  # fest|ge|stellt: feststellen; uit|ge|wisseld: uitwisselen
            for verb in verbs:
                english = table.plain_words[language].get(verb) or table.phrases[language].get((_key(verb, language),))
                if english and english != "-":
                    return english
    return None


# The particles of Dutch separable verbs, which stand apart from the verb with "te" between in the infinitive ("aan te
# tonen", "op te slaan", "samen te werken").
_TE_PARTICLES = frozenset("aan af bij door in mee na om op over toe uit voor terug samen tegen vast weg vrij deel "
                          "plaats binnen neer voort".split())


def _te_joined(ws: list[str], language: str, table: _Glossary) -> list[str]:
    """The question's words with a Dutch separable verb's infinitive joined ("aan te tonen" -> "aantonen"), where the
    verb so joined is an entry."""
    if language != "nl" or "te" not in (plain := [_plain(w) for w in ws]):
        return ws
    out: list[str] = []
    k = 0
    while k < len(ws):
        if 0 < k and plain[k] == "te" and out and _plain(out[-1]) in _TE_PARTICLES and k + 1 < len(ws) and \
                ws[k + 1].isalpha():
            verb = _plain(out[-1]) + plain[k + 1]
            english = table.plain_words[language].get(verb) or table.phrases[language].get((_key(verb, language),))
            if english and english != "-":
                out[-1] = out[-1] + ws[k + 1]
                k += 2
                continue
        out.append(ws[k])
        k += 1
    return out


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


# A number after these is the label of what they name, whatever point follows it: "članku 38. stavku 3." is
# article 38, paragraph 3 (Croatian writes the ordinal's point), not "article 38th".
_LABEL_WORDS = frozenset({"article", "articles", "paragraph", "paragraphs"})


def _ordinal(word: str, following: str, language: str, table: _Glossary) -> str | None:
    """The English ordinal of a number written as one ("96." -> "96th"), or None (a cardinal, a year, a day of a
    month)."""
    pattern = _ORDINAL.get(language)
    m = pattern.fullmatch(word) if pattern else None
    if m is None:
        return None
    month = following[:1].isalpha() and (table.phrases[language].get((_key(following, language),)) or
                                         _other_ending(following, language, table)) in word_order.MONTHS
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


@lru_cache(maxsize=4096)
def translate(question: str) -> Translation:
    """The English rendering of a question in a supported language other than English (English: unchanged)."""
    language = languages.detect(question)
    if language not in _STEMMERS:
        return Translation(question, language, question)
    table = glossary()
    phrases = table.phrases[language]
    drop = languages.stopwords(language)
    asked = words(question)
    joined_te = len(asked)
    asked = _te_joined(asked, language, table)
    joined_te = len(asked) < joined_te  # "het protocol uit te breiden": a clause of its own, the main verb before it
    ws, joined = _separable(word_order.definition_frame(asked, [_plain(w) for w in asked], language), language,
                            table)
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
                if out and _plain(word) in word_order.ABOUT.get(language, ()) and \
                        (out[-1].casefold() in word_order.KIND_BEFORE_NAME or out[-1].casefold() in word_order.KIND_OF_BODY):
                    out.append(word_order.ON)  # "die Erklärung über ...": what the document is about (named_kind_first)
                    spans.append((i - 1, i))
                elif out and _plain(word) in word_order.ABOUT_SAYS.get(language, ()):
                    out.append(word_order.ABOUT_WORD)  # kept in a "what does X say about Y" question only
                    spans.append(word_order.ABOUT_MARK)
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
            if not (out and out[-1] in _LABEL_WORDS) and \
                    (ordinal := _ordinal(word, ws[i] if i < len(ws) else "", language, table)) is not None:
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
    out, spans = word_order.says_forward(out, spans, second)
    out = word_order.verb_forward(out, spans, [_plain(w) for w in ws], language, _english_words(),
                                  one_clause=clause_end >= len(ws) and not joined_te)
    out = word_order.named_kind_first(out)
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
