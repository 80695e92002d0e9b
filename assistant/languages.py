"""The question's language: identified offline (py3langid's bundled model), and what keyword search makes of it.

Supported question languages: English, French, Bosnian/Croatian/Serbian (one group, Latin or Cyrillic script),
Dutch and German. The sources are mostly English, so a question in another language is matched by meaning
(the dense side) more than by words; its keyword query keeps what crosses languages unchanged (names,
numbers, acronyms mapped to their English form: OTAN -> NATO) and drops its function words. Serbian Cyrillic is
transliterated to Latin by `retrieval.fold` for every keyword token, question and source alike.

Measured on the 48 questions of evals/crosslingual/ and the 252 English questions of evals/cases.yaml and
evals/realdocs/: every question's language group identified correctly, 0.2 ms a question.
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache

import bm25s.stopwords

ENGLISH = "en"
BCS = "bcs"  # Bosnian, Croatian, Serbian: one language for answering purposes
LANGUAGES = {ENGLISH: "English", "fr": "French", BCS: "Bosnian/Croatian/Serbian", "nl": "Dutch", "de": "German"}
_GROUP = {"en": ENGLISH, "fr": "fr", "bs": BCS, "hr": BCS, "sr": BCS, "nl": "nl", "de": "de"}
# Below this many words a language cannot be told reliably ("OEWG?", "Budapest Convention"): English.
_MIN_WORDS = 3
_WORD = re.compile(r"[^\W\d_]{2,}")

_identifier = None
_lock = threading.Lock()


def _classifier():
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

            identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
            identifier.set_languages(sorted(_GROUP))
            _identifier = identifier
        return _identifier


@lru_cache(maxsize=4096)
def detect(text: str) -> str:
    """The language group of a question: en, fr, bcs, nl or de (English when too short to tell)."""
    if len(_WORD.findall(text)) < _MIN_WORDS:
        return ENGLISH
    scores: dict[str, float] = {}
    for code, p in _classifier().rank(text):
        group = _GROUP[code]
        scores[group] = scores.get(group, 0.0) + p
    return max(scores, key=scores.get)


def is_english(text: str) -> bool:
    return detect(text) == ENGLISH


# Acronyms of the bodies the sources name, as other languages write them (after Cyrillic transliteration).
ACRONYMS = {
    "OTAN": "NATO", "NAVO": "NATO",
    "ONU": "UN", "VN": "UN", "OUN": "UN", "UNO": "UN",
    "UE": "EU",
    "OSZE": "OSCE", "OESS": "OSCE", "OEBS": "OSCE", "OVSE": "OSCE",
    "SEAE": "EEAS", "EVDH": "EEAS", "EDEO": "EEAS", "ESVD": "EEAS",
    "UNODC": "UNODC", "ONUDC": "UNODC",
}
_ACRONYM = re.compile(r"\b(" + "|".join(sorted(map(re.escape, ACRONYMS), key=len, reverse=True)) + r")\b")

# Function and question words of Bosnian/Croatian/Serbian (folded, Latin); bm25s has none for them.
_BCS_STOPWORDS = frozenset("""
a ali bi bila bile bili bilo bio biti da do gdje gde i ili iz je jesu joj ju kad kada kako kakav kakva kakve
kakvi kao koja koje koji kojeg kojem kojih kojim kojima koju koliko ko kod li ma me mi na nad nakon ne nego ni
niti o od oko on ona one oni ono pa po pod prema pri s sa se si sta sto su sve ta taj te ti to tu u uz vi za
zasto ce cemu ciji cija cije cega sta kojoj njegov njihov njihova njihove nasa nas vas koga kome
""".split())
_BCS_QUESTION_WORDS = frozenset("""
navodi navode kaze kazu prema dokument dokumenti izvori izvor spominje spominju opisuje objasni molim
""".split())
_FR_QUESTION_WORDS = frozenset("""
quand quel quelle quels quelles qui quoi comment combien pourquoi ou est-ce selon dit disent document
documents sources source mentionne
""".split())
_DE_QUESTION_WORDS = frozenset("wann wer wie was welche welcher welches welchem welchen wo warum wieviel viele laut".split())
_NL_QUESTION_WORDS = frozenset("wanneer wie wat welke welk waar waarom hoe hoeveel volgens".split())


@lru_cache(maxsize=8)
def stopwords(language: str) -> frozenset[str]:
    """Folded function and question words of a language (bm25s's lists, ours for Bosnian/Croatian/Serbian)."""
    from .retrieval import fold

    lists = {
        "fr": set(bm25s.stopwords.STOPWORDS_FRENCH) | _FR_QUESTION_WORDS,
        "de": set(bm25s.stopwords.STOPWORDS_GERMAN) | _DE_QUESTION_WORDS,
        "nl": set(bm25s.stopwords.STOPWORDS_DUTCH) | _NL_QUESTION_WORDS,
        BCS: set(_BCS_STOPWORDS) | _BCS_QUESTION_WORDS,
    }
    return frozenset(fold(w) for w in lists.get(language, ()))


_CYRILLIC = dict(zip("абвгдђежзијклљмнњопрстћуфхцчџшыэюяйщъьё",
                     ["a", "b", "v", "g", "d", "đ", "e", "ž", "z", "i", "j", "k", "l", "lj", "m", "n", "nj", "o", "p",
                      "r", "s", "t", "ć", "u", "f", "h", "c", "č", "dž", "š", "y", "e", "ju", "ja", "j", "šč", "", "",
                      "e"]))
_TRANSLIT = {ord(k): v for k, v in _CYRILLIC.items()}
_TRANSLIT.update({ord(k.upper()): v[:1].upper() + v[1:] for k, v in _CYRILLIC.items() if v})
_CYRILLIC_CHARS = frozenset(chr(c) for c in _TRANSLIT)
# Latin letters that Unicode does not decompose into a base letter and a mark.
_UNDECOMPOSED = {ord("đ"): "d", ord("Đ"): "D", ord("ł"): "l", ord("Ł"): "L", ord("ø"): "o", ord("Ø"): "O",
                 ord("æ"): "ae", ord("Æ"): "AE", ord("œ"): "oe", ord("Œ"): "OE"}
_UNDECOMPOSED_CHARS = frozenset(chr(c) for c in _UNDECOMPOSED)


def transliterate(text: str) -> str:
    """Serbian (and Russian) Cyrillic to Latin, case kept: НАТО -> NATO, Ђорђе -> Đorđe."""
    if text.isascii() or not _CYRILLIC_CHARS.intersection(text):
        return text
    return text.translate(_TRANSLIT)


def latin_letters(text: str) -> str:
    """Cyrillic transliterated, and the Latin letters Unicode cannot strip of their marks made plain (đ -> d):
    what `retrieval.fold` starts from."""
    text = transliterate(text)
    if text.isascii() or not _UNDECOMPOSED_CHARS.intersection(text):
        return text
    return text.translate(_UNDECOMPOSED)


def english_acronyms(text: str) -> str:
    """The text with foreign acronyms of the bodies the sources name in their English form (OTAN -> NATO)."""
    return _ACRONYM.sub(lambda m: ACRONYMS[m.group()], transliterate(text))


def keyword_query(query: str) -> str:
    """What keyword search should look for: an English query unchanged; another language's with acronyms
    in English and its function words removed (they would only match the Dutch half of a treaty)."""
    language = detect(query)
    if language == ENGLISH:
        return query
    from .retrieval import fold

    drop = stopwords(language)
    text = english_acronyms(query)
    return " ".join(w for w in re.findall(r"[\w/.\-]+", text) if fold(w) not in drop)
