"""English word order for the rendering of a question asked in German, Dutch, French or Bosnian/Croatian/Serbian
(query_translation.py renders it word by word; this module puts the pieces where English and the English-only rules
want them): a definition's frame that the German and Dutch verb bracket splits ("Was versteht man im Übereinkommen
unter X?" -> "what is meant by X ..."), a document's kind after its name ("die Fallstudien zum Pariser Appell" -> "the
Paris Call case studies"), the final participle of a "who", "how many ... have" or perfect "what" question moved forward
("who signed ...", "what did General Assembly ... decide?"), and "what does X say about Y" for a question whose verb
of saying comes before its subject (asked_documents.py and the article-by-title rule read that frame).
"""
from __future__ import annotations

from typing import Container

from . import languages

# "Was versteht man im Übereinkommen unter „Einziehung“?", "Wat wordt in het verdrag verstaan onder een minderjarige?",
# "Wat wordt onder een minderjarige verstaan?": the German and Dutch frame of a definition, split by the verb bracket,
# put back together before the term ("was versteht man unter Einziehung im Übereinkommen": what is meant by ...).
_DEFINITION_FRAME = {"de": (("was",), frozenset({"versteht", "verstehen", "verstanden"}), "unter",
                            ("was", "versteht", "man", "unter"), frozenset({"man", "ist", "wird", "zu", "sind", "werden"})),
                     "nl": (("wat",), frozenset({"verstaan", "verstaat"}), "onder",
                            ("wat", "wordt", "verstaan", "onder"), frozenset({"wordt", "men", "worden", "je"}))}


def definition_frame(ws: list[str], plain: list[str], language: str) -> list[str]:
    """The question's words with a definition's frame whole and first: "Was versteht man im UN-Übereinkommen unter
    Einziehung" -> "was versteht man unter Einziehung im UN-Übereinkommen" (the words between the frame's parts follow
    the term, as English puts "in the Convention" after "what is meant by X"). `plain`: the words folded."""
    if language not in _DEFINITION_FRAME or len(ws) < 4:
        return ws
    opener, verbs, preposition, frame, fillers = _DEFINITION_FRAME[language]
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


# Kinds of documents that French, Dutch, German and BCS name before the document they belong to ("les études de cas
# de l'Appel de Paris", "de verklaring van het Witte Huis", "die Fallstudien zum Pariser Appell") and English after
# it ("the Paris Call case studies", "the White House statement"), as scoping.py reads a document described so.
KIND_BEFORE_NAME = {"case study": "case studies", "case studies": "case studies", "declaration": "statement",
                    "statement": "statement", "joint statement": "joint statement", "report": "report",
                    "communiqué": "communiqué", "page": "page", "website": "website"}
# Kinds whose name is the body that made them: "l'Assemblée générale", "das Übereinkommen der Vereinten Nationen gegen
# Cyberkriminalität" is the United Nations Convention against Cybercrime.
KIND_OF_BODY = {"convention": "convention", "treaty": "treaty", "resolution": "resolution"}
_BODIES = frozenset({"United Nations", "Council of Europe", "European Union", "NATO", "OSCE", "UN", "EU"})
# The preposition that says what a document is about ("die Erklärung über/zu ...", "de verklaring over ...", "la
# déclaration sur ...", "izjava o ..."): a function word the rendering drops, kept as "on" after a kind.
ABOUT = {"de": frozenset({"uber", "zu", "zur", "bezuglich"}), "nl": frozenset({"over", "inzake", "omtrent"}),
         "fr": frozenset({"sur", "concernant"}), languages.BCS: frozenset({"o"})}
ON = "on"
# scoping reads up to four words before the kind: a longer name is cut at its first small word ("Paris Call for
# Trust and Security in Cyberspace" -> "Paris Call").
_NAME_WORDS = 4
MONTHS = frozenset("January February March April May June July August September October November December".split())


def _name_at(pieces: list[str], start: int) -> int:
    """Where a name that starts at `start` ends: a run of capitalised pieces (not months, at most _NAME_WORDS words
    after the first piece); `start` itself when there is none."""
    j = start
    while j < len(pieces) and pieces[j][:1].isupper() and pieces[j][:1].isalpha() and pieces[j] not in MONTHS and \
            (j == start or len(" ".join(pieces[start:j + 1]).split()) <= _NAME_WORDS):
        j += 1
    return j


def named_kind_first(pieces: list[str]) -> list[str]:
    """The rendering's pieces with a document's kind in English order: "case study" followed by a name ("Paris Call
    ...", "White House", a run of capitalised words kept as written) becomes "the Paris Call case studies",
    "convention United Nations against cybercrime" "the United Nations convention against cybercrime", and a kind
    followed by what it is about "the joint statement on commercial spyware"."""
    out: list[str] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        kind, by_body = KIND_BEFORE_NAME.get(piece.casefold()), KIND_OF_BODY.get(piece.casefold())
        if kind is None and by_body is None:
            if piece != ON:  # "on" after a kind only (below)
                out.append(piece)
            i += 1
            continue
        about = i + 1 < len(pieces) and pieces[i + 1] == ON
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
            dated = j < len(pieces) and (pieces[j] in MONTHS or (
                pieces[j].rstrip(".").isdigit() and j + 1 < len(pieces) and pieces[j + 1] in MONTHS))
            out.append(f"the {' '.join(name)} {kind or by_body}" + (" of" if dated else ""))
            i = j
        elif about:
            # "die belgische Seite über ...": an adjective before the kind stays within the description
            if out and " " not in out[-1] and out[-1][:1].isupper() and out[-1] not in MONTHS:
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


# "Was hat ... beschlossen?", "Wat heeft ... besloten?": a perfect whose participle ends a "what" question.
_WHAT = {"de": "was", "nl": "wat"}
_PERFECT = {"de": frozenset("hat haben hatte hatten".split()), "nl": frozenset("heeft hebben had hadden".split())}


def base_form(participle: str, english: Container[str]) -> str | None:
    """The English verb of a regular past participle, where the rendering gave one ("decided" -> "decide", "adopted"
    -> "adopt", "ratified" -> "ratify", "planned" -> "plan"): the first of its possible stems that is an English word
    (of `english`)."""
    if " " in participle or not participle.endswith("ed") or len(participle) < 5:
        return None
    stem = participle[:-2]
    if stem.endswith("i"):
        return stem[:-1] + "y"  # ratified, specified
    tries = [stem, participle[:-1]]
    if len(stem) > 3 and stem[-1] == stem[-2]:
        tries.append(stem[:-1])  # planned
    return next((t for t in tries if len(t) >= 3 and t in english), None)


# "Was sagt X über Y?", "Wat zegt X over Y?", "Que prévoit X sur Y ?", "Šta kaže X o Y?": a "what" question whose
# second word is a verb of what a text says, with its subject after it; English asks "what does X say about Y?"
# (asked_documents.py reads that frame for a document the index does not hold).
_SAYS = frozenset({"say", "provide for", "provide", "require", "propose", "contain", "state", "stipulate", "foresee",
                   "regulate", "recommend", "establish", "define", "mention"})
# The prepositions of what a text says something about, dropped as function words elsewhere.
ABOUT_SAYS = {"de": frozenset({"uber", "bezuglich", "hinsichtlich"}), "nl": frozenset({"over", "omtrent", "aangaande"}),
               "fr": frozenset({"sur"}), languages.BCS: frozenset({"o"})}
ABOUT_WORD = "about"
ABOUT_MARK = (-2, -2)  # the span of an "about" the rendering keeps only in such a question


def says_forward(pieces: list[str], spans: list[tuple[int, int]],
                  second: list[bool]) -> tuple[list[str], list[tuple[int, int]]]:
    """"what say Budapest Convention about child pornography" (German, Dutch, French) and "what resolution 75/240 say
    about ..." (BCS) -> "what does Budapest Convention say about child pornography"; the verb goes before "about" or
    before the question's second clause (`second`: whether each piece renders a word of it). Any other question loses
    the "about" marks (its rendering is as before)."""
    marks = [n for n, span in enumerate(spans) if span == ABOUT_MARK]
    verb = next((n for n in range(1, len(pieces)) if pieces[n] in _SAYS and spans[n][0] >= 0), None)
    if len(pieces) >= 3 and pieces[0] == "what" and spans[0] == (0, 1) and verb is not None and \
            (verb == 1 or all(spans[n][0] >= 0 or pieces[n][:1].isupper() or pieces[n][:1].isdigit()
                              for n in range(1, verb))) and verb + 1 < len(pieces) and (verb > 1 or 2 not in marks):
        about = [n for n in range(verb + 1, len(pieces)) if pieces[n] == ABOUT_WORD]
        # the verb goes before what the text is about, or before a second clause ("..., bevor Daten ... werden")
        later = [n for n in range(verb + 1, len(pieces)) if second[n]]
        end = min([*about[:1], *later[:1], len(pieces)])
        before = [n for n in range(1, end) if n != verb and spans[n] != ABOUT_MARK]
        after = [n for n in range(end, len(pieces)) if n == end or spans[n] != ABOUT_MARK]
        order = [0, *before, verb, *after]
        return (["what", "does", *[pieces[n] for n in order[1:]]],
                [(-1, -1), *[spans[n] if n != verb else (-1, -1) for n in order[1:]]])
    return ([p for p, span in zip(pieces, spans) if span != ABOUT_MARK],
            [span for span in spans if span != ABOUT_MARK])


def verb_forward(pieces: list[str], spans: list[tuple[int, int]], plain: list[str], language: str,
                 english: Container[str], one_clause: bool = True) -> list[str]:
    """The rendering's pieces with the final participle of a "who" or "how many" question moved forward, as English
    asks it: "who declaration signed" -> "who signed declaration", "how many State Budapest Convention ratified" ->
    "how many State have ratified Budapest Convention" (question_kinds reads "who signed", "who chaired", "how many
    ... have ratified"). The verb moves only when it is the question's last word and an entry's rendering, in a
    question of one clause ("Wer hat angeboten, die Zeremonie auszurichten?": the last verb is the second clause's)."""
    if language not in _WHO or len(pieces) < 3 or spans[-1][1] != len(plain) or not one_clause:
        return pieces
    first = tuple(plain[:2])
    if first[0] == _WHO[language] and first[1] in _AUXILIARIES[language] and spans[0] == (0, 1) and spans[-1][0] > 1:
        return [pieces[0], pieces[-1], *pieces[1:-1]]
    if first[0] == _WHAT[language] and first[1] in _PERFECT[language] and spans[0] == (0, 1) and spans[-1][0] > 1 and \
            (base := base_form(pieces[-1], english)) is not None:
        # "Was hat die Generalversammlung ... beschlossen?": "what did General Assembly ... decide?"
        return [pieces[0], "did", *pieces[1:-1], base]
    counted = len(_HOW_MANY[language])
    if first[:counted] == _HOW_MANY[language]:
        aux = next((n for n in range(counted + 1, min(counted + 4, len(plain) - 1))
                    if plain[n] in _HAVE[language]), None)
        if aux is not None and spans[-1][0] > aux:
            at = sum(1 for a, _ in spans[:-1] if 0 <= a < aux)
            return [*pieces[:at], "have", pieces[-1], *pieces[at:-1]]
    return pieces
