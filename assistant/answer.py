"""The answering seam and its default: an extractive answerer that quotes the passages verbatim."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol, Sequence

import numpy as np

from . import (acronyms, answer_types, asked_documents, cross_reference, docmeta, languages, messages, name_coverage, numbered_names, paraphrases, periods, positions,
               query_translation,
               references, scoping, summaries)
from . import question_kinds as kinds
from .citing import cite, document_label
from .instructions import check_question, is_instruction  # is_instruction: also imported from here by grounding, llm
from .embeddings import calibrated, is_multilingual, vocabulary
from .index import PRIMARY
from .routing import Route, route_of
from .segmentation import split_sentences, unit_spans
from .structured_quotes import article_of, counted_item, enclosing_list, labelled_region, numbered_list, title_line
from .retrieval import IndexSnapshot, KeywordIndex, fold, tokenize
from .schema import Answer, Chunk, Passage
from .vector_cache import VectorCache

ABSTAIN_TEXT = "The sources do not answer this question."
IGNORE_TEXT = "I answer only from the curated sources, quoting them, and cannot set them aside."


class Answerer(Protocol):
    """Writes an answer to `question` from `passages` only; every sentence carries [n] markers."""

    name: str

    def answer(self, question: str, passages: Sequence[Passage], query: str | None = None,
               query_vec: np.ndarray | None = None, index: IndexSnapshot | None = None) -> Answer: ...


@dataclass(frozen=True)
class Unit:
    """A quotable piece of a passage: a sentence, or a lead-in sentence with its list."""

    passage_rank: int
    passage: Passage
    start: int  # absolute offsets in the document text
    end: int
    text: str
    is_list: bool
    k: int = 0  # position among its chunk's units: the key of its stored vector


# Words of a list question that say it is one, not what the list is of.
LIST_WORDS = frozenset(tokenize("list lists listed which what kinds types examples include includes including "
                                "does do name names set out mention give"))
# Hashtags, handles and web addresses say nothing a quote could stand on.
_NOT_WORDS = re.compile(r"[#@]\w+|https?://\S+|www\.\S+")


def says_something(text: str) -> bool:
    """Whether a unit has two words at least, hashtags and web addresses aside: not a paragraph number left at a
    passage's end ("5."), a list letter split from its text ("b."), or a line of hashtags ("#pariscall")."""
    return len(re.findall(r"[^\W\d_]{2,}", _NOT_WORDS.sub(" ", text))) >= 2


# A line of its own in title case with no sentence's end: a name standing for a link, a logo or a caption ("The Centre
# for Internet & Society India" under a case study), which names something but says nothing about it.
_LABEL_LINE = re.compile(r"(?:(?:[A-Z0-9][\w’'.&-]*|[a-z]{1,3}|&|[-–—])\s+){0,9}[A-Z0-9][\w’'&-]*")


def is_label_line(text: str, before: str, after: str) -> bool:
    """Whether a unit is a label line: title case, ten words at most, no end punctuation, alone on its line (`before`
    and `after`: the text around it); a date line ("12 November 2018") dates its document and stays quotable."""
    alone = (not before or before.endswith("\n")) and (not after or after.startswith("\n"))
    return alone and bool(_LABEL_LINE.fullmatch(text.strip())) and not kinds.YEAR.search(text)


def passage_units(rank: int, passage: Passage) -> list[Unit]:
    """Sentences and lists of a passage, headings and label lines left out, with document offsets (`k` counts every
    unit, as the stored unit vectors do; units that say nothing are left out)."""
    chunk = passage.chunk
    return [Unit(rank, passage, chunk.start + s, chunk.start + e, chunk.text[s:e], is_list, k)
            for k, s, e, is_list in _quotable_spans(chunk.text)]


@lru_cache(maxsize=4096)  # a passage comes back question after question (follow-ups, the same topic)
def _quotable_spans(text: str) -> tuple[tuple[int, int, int, bool], ...]:
    """(k, start, end, is_list) of the units of a passage's text that `passage_units` keeps."""
    return tuple((k, s, e, is_list) for k, (s, e, is_list) in enumerate(unit_spans(text)) if says_something(text[s:e])
                 and (is_list or not is_label_line(text[s:e], text[:s], text[e:])))


def unit_context(chunk: Chunk, start: int, end: int, is_list: bool) -> str:
    """What a unit's vector stands for: heading, the lead-in of a list, and the unit (offsets in chunk.text)."""
    return "\n".join(x for x in (_heading_of(chunk), _lead_in_of(chunk, start, is_list), chunk.text[start:end]) if x)


def _heading_of(chunk: Chunk) -> str:
    return chunk.section.split(" > ")[-1] if chunk.section else ""


def _lead_in_of(chunk: Chunk, start: int, is_list: bool) -> str:
    """For a list, the sentence before its lead-in: "Examples include:" needs what it exemplifies."""
    if not is_list:
        return ""
    before = chunk.text[:start].rstrip()
    spans = split_sentences(before, 0, len(before)) if before else []
    return before[spans[-1][0]:spans[-1][1]] if spans else ""


# "What does X say about corporate liability?": asks for what a provision says, not for one fact in it.
_SAYS_ABOUT = re.compile(r"\b(?:say|says|said|provide|provides|stipulate|stipulates)\s+(?:about|on|for|regarding)\b"
                         # "How can the Convention be amended?": the procedure is the article so titled
                         r"|^\s*how\s+(?:can|could|may|is|are|does|do|must|shall)\b(?!\s+(?:many|much|long|often))",
                         re.IGNORECASE)
# A unit inside the paragraph or article the question names ("paragraph 5", "Article 41") gets this much
# support on top of its own: enough to come before look-alike sentences of neighbouring articles.
LABEL_BOOST = 0.25
_ASKS_WHO_OR_WHEN = re.compile(r"^\s*(?:who|whom|when|until when|which\s+(?:body|bodies|organi[sz]ations?|offices?|"
                               r"entity|entities|agenc(?:y|ies)))\b", re.IGNORECASE)
# "What did the General Assembly adopt in ...?": the paragraphs that open with that verb say what it adopted.
OPERATIVE_BOOST = 0.5
# A paragraph that convenes or establishes the body a question asks about ("Decides to convene ... a new open-ended
# working group ... and to submit ... reports"): long, so its support is low, but it is where a mandate is written.
ESTABLISHING_BOOST = 0.25
# An article whose whole title is in the question ("corporate liability"): its sentences over look-alikes.
TITLE_BOOST = 0.1
# A document's own date line answers "When was it issued?" before any sentence that merely holds a date.
DATELINE_BOOST = 1.0


# What follows a document's name when a date names which one (precompiled: the date pattern is long, and compiling it
# with each name cost ~6 ms a question that names a document; benchmarks).
_DATED_AFTER = re.compile(r"\s*,?\s+(?:of|dated|from|adopted\s+on|signed\s+(?:on|in))\s+(?:the\s+)?"
                          rf"({periods.DATE_TEXT})", re.IGNORECASE)
_ENDS_WITH_MONTH = re.compile(rf"\b(?:of|in|from|dated)\s+(?:[0-3]?\d\s+)?{periods.MONTH_NAME}$", re.IGNORECASE)
_YEAR_AFTER = re.compile(r",?\s+((?:19|20)\d\d)\b")


def _dating_a_name(query: str, named: Sequence[str]) -> set[str]:
    """Years of the dates that follow a document's name in the question ("the Convention on Cybercrime of 23 November
    2001", "resolution 75/240 of 31 December 2020"): they say which document, not when what is asked happened."""
    years: set[str] = set()
    for name in named:
        ends = [m.end() for m in re.finditer(re.escape(name), query, re.IGNORECASE)]
        for end in ends:
            if dated := _DATED_AFTER.match(query, end):
                years.update(kinds.YEAR.findall(dated.group(1))[-1:])
        if _ENDS_WITH_MONTH.search(name):
            # a name that took its month with it ("the White House statement on the PRC of July") is dated by the
            # year that follows ("... of July 2021")
            years.update(y.group(1) for end in ends if (y := _YEAR_AFTER.match(query, end)))
    return years


def _not_indexed(names: Sequence[str], question: str = "") -> str:
    return messages.say_for(question, "not_indexed", names=", ".join(f"“{n}”" for n in names))


def _mentioned_only(names: Sequence[str], question: str = "") -> str:
    return messages.say_for(question, "mentioned_only", names=", ".join(f"“{n}”" for n in names))


_SPECIFIC = re.compile(r"\b(?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z]\w*/[\w/]+|\d[\d/().-]*\w*)\b|(?<=\s)[A-Z][a-zà-ÿ]{2,}\b")


_SPECIFIC_ANY_LANGUAGE = re.compile(r"\b(?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z]\w*/[\w/]+|\d[\d/().-]*\w*)\b")
# Set with e5 on evals/crosslingual's tuning split over the real documents (evals/crosslingual/README.md):
# 0.65 passes 17/25, 0.8 19/25, 1.0 18/25 (and stops declining off-topic questions). Since the keyword side reads
# the question's English rendering (query_translation.py), with routing on: 0.8 and 0.65 pass 20/25, 0.5 and 0.35
# 21/25 (same MRR and fact recall); 0.5, the weight of English questions (evals/TUNING.md, fourth session).
CROSS_LINGUAL_DENSE_WEIGHT = 0.5


def _same_stem(word: str, vocabulary: set[str]) -> bool:
    """A name's other form (Belgian/Belgium, Bosnian/Bosnia): a shared prefix of 5+ letters and 70% of both."""
    if len(word) < 5 or word.isdigit():
        return False
    for other in vocabulary:
        if other[:5] != word[:5] or other.isdigit():
            continue
        common = len(os.path.commonprefix([word, other]))
        if common >= 0.7 * max(len(word), len(other)) - 1e-9 or common >= min(len(word), len(other)):
            return True
    return False


# Requests to set the sources aside in the other languages of questions (French, Bosnian/Croatian/Serbian,
# German, Dutch): the imperative with the assistant's sources or instructions as its object. English and the
# rest are instructions.check_question's.
_IGNORE_SOURCES_OTHER = re.compile(
    r"\b(?:ignorez|ignorer|oubliez|ignoriši|ignorisi|ignoriraj|zanemari|zaboravi|ignoriere|ignorieren|vergiss|"
    r"negeer|vergeet)\b[^.?!]{0,40}?\b(?:sources?|documents?|instructions?|izvor[aei]?|dokument[aei]?|uputstva|"
    r"upute|Quellen|Dokumente|Anweisungen|bronnen|documenten|instructies)\b"
    r"|\b(?:votre (?:propre )?opinion|vaše (?:lično |osobno )?mišljenje|Ihre (?:eigene )?Meinung|uw (?:eigen )?mening)",
    re.IGNORECASE,
)


def asks_to_ignore_sources(question: str) -> bool:
    """Whether the question tries to make the assistant answer without, or against, its sources."""
    return check_question(question).attack


SCORE_DECIMALS = 5  # support is compared to 0.01 at most (margins, boosts): five decimals keep every order
# "Too often, such tools ...", "These efforts ...": a sentence that refers back within its first words.
_SUCH_NEXT = re.compile(r"^(?:[A-Z]\w*(?:\s+[a-z]\w*)?,\s+)?(?:[Ss]uch|[Tt]hese|[Tt]hose)\s+(?!as\b)\w+")
# Set on the real documents' tuning split (evals/TUNING.md).
DEFINITION_BOOST = 0.2  # a sentence that defines the asked term, over sentences that merely use it
COMPARISON_MARGIN = 2.0  # x the margin, for a question that compares
LIST_BOOST = 0.1  # a list, or the lead-in of one, for a question that asks for a list
# A lead-in that names what the list question asks for ("Which norms does 73/27 list?" -> "... rules, norms and
# principles ...:"), within the one document the question names, over sentences that mention the list.
NAMED_LIST_BOOST = 0.25
# x the margin: how far below the best sentence one that names what was asked (a gang, a person) may be. On the
# English sets 1, 3 and unlimited pass the same cases (evals/TUNING.md, fifth session): 3 is the middle value;
# unlimited adds stray names to an answer (blind2's GCSC question quotes two more sentences).
NAMED_MARGIN = 3.0


_DECLINE_OF = {"entity": "no_instance", "organisation": "no_instance", "person": "no_person", "amount": "no_amount",
               "name": "no_instance", "title": "no_title", "vote": "no_vote", "members": "no_members",
               "verdict": "no_verdict"}
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+|\n+")


def _as_asked(question: str, rendered: str) -> str:
    """The words of `rendered` (read from the question's English rendering) as the user wrote them: the same for
    an English question, the glossary's source words for another language ("генерални секретар")."""
    if languages.is_english(question):
        return rendered
    wanted = {w.casefold() for w in re.findall(r"[\w-]+", rendered)}
    asked = [a for a, english in query_translation.translate(question).matched
             if {w.casefold() for w in re.findall(r"[\w-]+", english)} & wanted]
    return " ".join(dict.fromkeys(asked)) or rendered


def unknown_terms(question: str, keyword: KeywordIndex) -> list[str]:
    """Names, acronyms and numbers in the question that the sources never mention (nor a near spelling)."""
    missing = []
    english = languages.is_english(question)
    found = []
    if not english:
        # Every German noun is capitalised, and "Konvencija" is no name: only acronyms, symbols and numbers
        # count, with the bodies' acronyms in their English form (OTAN -> NATO) ...
        found = [(m.group(), m.group()) for m in _SPECIFIC_ANY_LANGUAGE.finditer(languages.english_acronyms(question))]
        # (an ordinal as written, "auf ihrer 96. Plenarsitzung", is read as "96th", which the sources write)
        ordinal = set(query_translation.ordinals(question))
        found = [(t, n) for t, n in found if t.rstrip(".") not in ordinal]
        # ... and the names the glossary gave in English ("Svetsko prvenstvo" is the World Cup), named as asked.
        for asked, rendered in query_translation.translate(question).matched:
            found += [(m.group(), asked) for m in _SPECIFIC.finditer(f" {rendered}") if not m.group().isdigit()]
    else:
        found = [(m.group(), m.group()) for m in _SPECIFIC.finditer(question)]
    for term, named in found:
        words = re.findall(r"[a-z0-9]+", fold(term))
        if not words or all(w in keyword.words for w in words):
            continue
        # A near spelling of a corpus word is a typo, not an unknown term (OSEC -> OSCE).
        unknown = [
            w for w in words
            if w not in keyword.words and not keyword.has_near_spelling(w, cutoff=0.75, same_initial=True)
            and not _same_stem(w, keyword.words)
        ]
        if unknown and named not in missing:
            missing.append(named)
    return missing


# A term the question puts in quotation marks: "the FATF “travel rule”" names something by those very words.
_QUOTED = re.compile(r"[\"“«„]\s*([^\"”»“]{2,60}?)\s*[\"”»“]")
# ... made of words: not markup or code pasted into a question (`<img onerror="window.x='y'">`)
_TERM = re.compile(r"[^\W\d_][\w’'-]*(?:\s+[\w’'-]+)*")


def _folded_text(keyword: KeywordIndex) -> str:
    """Every passage's text, folded and one space apart, built once per index version."""
    cached = getattr(keyword, "_folded_text", None)
    if cached is None:
        cached = " ".join(re.sub(r"\s+", " ", fold(c.text)) for c in keyword.chunks)
        keyword._folded_text = cached
    return cached


def quoted_unwritten(question: str, keyword: KeywordIndex) -> list[str]:
    """The terms a question quotes (six words at most) that no passage writes: "What does the FATF “travel rule”
    require?" over sources that never say "travel rule". A term quoted in another language is the question's word
    for the sources' English one ..."""
    def unwritten(term: str) -> bool:
        return re.sub(r"\s+", " ", fold(term)) not in _folded_text(keyword)

    if not languages.is_english(question):
        # ... unless no passage writes it either as asked or in its English rendering ("die „Reiseregel“ der FATF":
        # neither "Reiseregel" nor "travel rule"); a term some word of which has no entry is left alone.
        return [term for term, english in query_translation.quoted_terms(question)
                if _TERM.fullmatch(term) and len(term.split()) <= 6 and unwritten(term) and unwritten(english)]
    out = []
    for m in _QUOTED.finditer(question):
        term = m.group(1).strip(" .,;:?!")
        if _TERM.fullmatch(term) and len(term.split()) <= 6 and unwritten(term):
            out.append(term)
    return out


def _described(meta) -> str:
    """A document's title and publisher, which say whose it is."""
    return f"{meta.title} {meta.publisher or ''}" if meta is not None else ""


def _document_words(keyword: KeywordIndex) -> name_coverage.DocumentWords:
    """Each indexed document's words with its title and publisher (name_coverage.py), built once per index version."""
    cached = getattr(keyword, "_document_words", None)
    if cached is None:
        catalog = scoping.documents_of(keyword)

        def text(source: str) -> str:
            meta = catalog.meta(source)
            head = f"{meta.title} {meta.publisher or ''}" if meta else ""
            return head + "\n" + "\n".join(c.text for c in catalog.chunks_of(source))

        cached = keyword._document_words = name_coverage.DocumentWords(text, fold)
    return cached


class ExtractiveAnswerer:
    """Selects the sentences of the retrieved passages that answer the question; needs no LLM."""

    name = "extractive"

    # dense_weight 0.5 and margin 0.10 from the re-sweep with late-chunked unit vectors (evals/TUNING.md):
    # 0.4-0.6 with 0.10 pass the most cases, 0.5 with the best citation precision at min_support 0.18;
    # a margin of 0.05 drops the second sentence several answers need, 0.15 only adds uncited-evidence quotes.
    def __init__(self, retriever, min_support: float = 0.18, max_units: int = 4, cache_size: int = 20000,
                 dense_weight: float = 0.5, margin: float = 0.10):
        self.retriever = retriever
        self.min_support = min_support
        self.max_units = max_units
        self.dense_weight = dense_weight
        self.margin = margin
        self._cache = VectorCache(lambda texts: self.retriever.embedder.embed(texts), cache_size)
        self._cross_cache = VectorCache(lambda texts: self.retriever.cross_embedder.embed(texts), cache_size)

    def _embed_units(self, texts: list[str], route: Route | None = None) -> np.ndarray:
        cache = self._cache if route is None or route.vectors == PRIMARY else self._cross_cache
        return cache.vectors(texts)

    def score_units(self, query: str, units: list[Unit], query_vec: np.ndarray | None = None,
                    keyword: KeywordIndex | None = None, index: IndexSnapshot | None = None) -> list[float]:
        """Support of each unit for the query: dense similarity blended with keyword coverage.

        Words of the section heading count half: a heading names the topic, not the answer.
        """
        if not units:
            return []
        keyword = keyword or self.retriever.keyword
        q_tokens = set(tokenize(query_translation.english(query)))  # the sources' words: English (query_translation.py)
        weights = {t: keyword.idf(t) for t in q_tokens}
        total = sum(weights.values()) or 1.0
        # The query's route (routing.py): its model made `query_vec`, and the units are read from its vector set.
        route = route_of(self.retriever, query)
        vectors = self._unit_vectors(units, route, index)
        if query_vec is None:
            query_vec = self.retriever.embed_query(query)
        dense = calibrated(route.embedder, vectors @ query_vec)
        # Another language than the sources' shares few words with them: meaning decides (languages.py).
        cross = is_multilingual(route.embedder) and not languages.is_english(query)
        dense_weight = CROSS_LINGUAL_DENSE_WEIGHT if cross else self.dense_weight
        scores = []
        headings: dict[str, set[str]] = {}  # a passage's heading, read once for all its units
        for u, d in zip(units, dense):
            in_text = set(tokenize(self._lead_in(u) + " " + u.text)) & q_tokens
            cid = u.passage.chunk.chunk_id
            if (heading := headings.get(cid)) is None:
                heading = headings[cid] = set(tokenize(self._heading(u))) & q_tokens
            in_heading = heading - in_text
            lexical = (sum(weights[t] for t in in_text) + 0.5 * sum(weights[t] for t in in_heading)) / total
            # Rounded: float32 products differ in their last bits between processes (threads, alignment), and a
            # sentence at the margin must not be quoted in one run and left out in the next.
            scores.append(round(dense_weight * float(d) + (1 - dense_weight) * lexical, SCORE_DECIMALS))
        return scores

    def _unit_vectors(self, units: list[Unit], route: Route | None = None,
                      index: IndexSnapshot | None = None) -> np.ndarray:
        """Vectors stored at ingest (late chunking) in the route's vector set where the index has them, as the index
        version `index` holds them (the retriever keeps them: unit_vectors.py); the route's model embeds the rest."""
        lookup = getattr(self.retriever, "unit_vectors", None)
        ids = list(dict.fromkeys(u.passage.chunk.chunk_id for u in units))
        vectors = route.vectors if route is not None else PRIMARY
        stored = lookup(ids, vectors, index) if lookup else {}
        rows: list[np.ndarray | None] = []
        for u in units:
            matrix = stored.get(u.passage.chunk.chunk_id)
            row = matrix[u.k] if matrix is not None and u.k < len(matrix) else None
            rows.append(row if row is not None and row.any() else None)  # zeros: the unit fell past the model's window
        missing = [i for i, r in enumerate(rows) if r is None]
        if missing:
            for i, v in zip(missing, self._embed_units([self._context(units[i]) for i in missing], route)):
                rows[i] = v
        return np.stack(rows).astype(np.float32, copy=False)

    @staticmethod
    def _heading(unit: Unit) -> str:
        return _heading_of(unit.passage.chunk)

    @staticmethod
    def _lead_in(unit: Unit) -> str:
        return _lead_in_of(unit.passage.chunk, unit.start - unit.passage.chunk.start, unit.is_list)

    @staticmethod
    def _context(unit: Unit) -> str:
        chunk = unit.passage.chunk
        return unit_context(chunk, unit.start - chunk.start, unit.end - chunk.start, unit.is_list)

    def answer(self, question: str, passages: Sequence[Passage], query: str | None = None,
                query_vec: np.ndarray | None = None, index: IndexSnapshot | None = None) -> Answer:
        """`index`: the index version the passages came from (the current one by default)."""
        check = check_question(question)
        if check.attack or _IGNORE_SOURCES_OTHER.search(question):
            return self.abstain(question, passages, reason=messages.say_for(question, "ignore"))
        # "Pretend I'm new to this: what does the OSCE promote?" asks "what does the OSCE promote?"
        question = check.question
        query = query or question
        # The question-kind rules read English: a question in another language is read in its English rendering
        # (query_translation.py); the question itself is what the answer shows and the messages' language.
        rules, rules_query = query_translation.english(question), query_translation.english(query)
        keyword: KeywordIndex = (index or self.retriever.snapshot).keyword  # one version for the whole answer
        scope = query_translation.resolve_scope(query, scoping.documents_of(keyword), scoping.resolve)
        notice = None
        if scope.missing and not scope.sources:
            if not kinds.IDENTITY.match(rules):
                # "What does resolution 74/28 decide?" over resolutions that only recall 74/28: nothing to quote.
                return self.abstain(question, passages, reason=_not_indexed(scope.missing, question))
            # "What is A/70/174?": the passages that mention it say what it is, but not what it says.
            notice = _mentioned_only(scope.missing, question)
        if beyond := scoping.beyond_the_last(scoping.documents_of(keyword), scope):
            # "What does Article 99 of the Budapest Convention say?": it has 48; no other article stands in for it.
            return self.abstain(question, passages, reason=messages.say_for(
                question, "no_label", document=document_label(scoping.documents_of(keyword).meta(scope.sources[0])),
                labels=", ".join(b for b, _ in beyond), last=beyond[0][1]))
        if absent := scoping.absent_parts(scoping.documents_of(keyword), scope):
            # "What does para 1(c) of 77/37 say?": paragraph 1 has no item (c); nothing else stands in for it.
            return self.abstain(question, passages, reason=messages.say_for(
                question, "no_sub_label", document=document_label(scoping.documents_of(keyword).meta(scope.sources[0])),
                labels=", ".join(a for a, _ in absent), parent=absent[0][1]))
        if len(scope.sources) == 1 and (counted := scoping.STRUCTURE_COUNT.search(rules)) and (last := scoping.last_numbered(
                scoping.documents_of(keyword), scope.sources[0], "art. " if counted["kind"].lower().startswith("article") else "para. ")):
            # "How many articles does the Convention have?": no sentence says so; its numbers are not a quote.
            return self.abstain(question, passages, reason=messages.say_for(
                question, "count_structure", document=document_label(
                    scoping.documents_of(keyword).meta(scope.sources[0])), last=last))
        if len(scope.sources) == 1 and (pp := references.preambular(rules)) is not None:
            # "What does PP2 of resolution 73/27 say?": its second preambular paragraph, as printed.
            listed = scoping.documents_of(keyword).preambular_paragraphs(scope.sources[0])
            if listed and (pp == -1 or pp <= len(listed)):
                chunk, start, end = listed[pp - 1 if pp > 0 else -1]
                answer = self._cited(question, passages, [(chunk, start, end)], " ", notice)
                number = pp if pp > 0 else len(listed)
                return replace(answer, citations=tuple(replace(c, paragraph=f"preamble {number}", locator=(
                    c.locator or "").replace("preamble", f"preambular para. {number}", 1)) for c in answer.citations))
            if listed:
                return self.abstain(question, passages, reason=messages.say_for(
                    question, "no_label", document=document_label(scoping.documents_of(keyword).meta(scope.sources[0])),
                    labels=f"preambular para. {pp}", last=f"preambular para. {len(listed)}"))
        if len(scope.sources) == 1 and not scope.labelled and (item := references.ordinal_item(rules)) is not None and (
                counted := counted_item(scoping.documents_of(keyword), scope.sources[0], item.number,
                                        tokenize(item.noun)[0], tokenize)):
            # "What does the second principle of the Paris Call protect?": the second item of its list of them.
            return self._cited(question, passages, counted, "\n", notice, keep_order=True)
        if (titled_q := kinds.TITLE_QUESTION.search(rules)) and len(scope.sources) == 1:
            # "What is the Dutch title of the Convention on Cybercrime?": its title line in that language.
            language = kinds.LANGUAGE_NAMES.get((titled_q.group("language") or "").casefold())
            if len(scope.articles) == 1 and not scope.paragraphs:
                # "What is the title of Article 14 of the Budapest Convention?": the article's own title line.
                number = re.match(r"\d+", scope.articles[0])
                heading = number and scoping.documents_of(keyword).article_heading(scope.sources[0], number.group())
                if heading:
                    return self._cited(question, passages, [heading], " ", notice)
            elif (title := title_line(scoping.documents_of(keyword), scope.sources[0], language)) is not None:
                return self._cited(question, passages, [title], " ", notice)
        if len(scope.sources) == 1 and not scope.labelled and summaries.asks_for_summary(question, rules, scoping.without_names(rules, scope)):
            # "Summarize resolution 78/16", "What is the Paris Call about?": a few of its own sentences, in order.
            chunks = scoping.documents_of(keyword).chunks_of(scope.sources[0])
            lookup = getattr(self.retriever.store, "unit_vectors", None) or (lambda ids: {})
            named = frozenset(inst.key for n in scope.named for _, _, inst in docmeta.find_instruments(n))
            quotes = [q for q in summaries.summary_quotes(chunks, lookup, max(self.max_units, summaries.SUMMARY_UNITS),
                                                          named, (languages.detect(question), "en"))
                      if not is_instruction(q[0].text[q[1] - q[0].start:q[2] - q[0].start])]
            if quotes:
                return self._cited(question, passages, quotes, "\n\n", notice)
        expanded = acronyms.unknown_acronyms(query, keyword)
        missing = [t for t in unknown_terms(query, keyword) if t not in expanded]
        # "the FATF “travel rule”": a term quoted as such, that no passage writes
        missing += [t for t in quoted_unwritten(question, keyword) if t not in missing]
        if not scope.sources:
            # "the final report adopted in July 2025", "the 2016-2017 Group": a time no source writes. A question
            # about a document it names is answered from it, which corrects a wrong time ("78/16 ... in January
            # 2024" quotes "no later than 2026").
            missing += [p for p in periods.unwritten(query, keyword) if p not in missing]
        # "TSA Security Directive 2" over sources that write Security Directive 1 only.
        missing += [n for n in numbered_names.unwritten(rules, scoping.documents_of(keyword)) if n not in missing]
        if not missing and not answer_types.asks_about_a_plan(rules) and \
                (planned := numbered_names.only_planned(rules, scoping.documents_of(keyword))):
            # "What does Security Directive 2 require?" over "TSA will issue Security Directive 2" and "TSA issued
            # Security Directive 1 to require ...": the first directive's requirements are not the second's.
            return self.abstain(question, passages, reason=messages.say_for(
                question, "only_announced", what=f"“{planned[0]}”"))
        if not missing and (event := answer_types.event_asked(rules)) is not None and self._only_planned(event, keyword):
            # "What did the first session of the Conference of the States Parties decide?" over texts that only
            # plan it ("shall be convened ... no later than one year"): nothing happened there to quote.
            return self.abstain(question, passages, reason=messages.say_for(
                question, "only_planned", what=f"“{_as_asked(question, event.asked)}”"))
        # Text addressed to a language model is never quoted as an answer, whatever the question.
        units = [u for rank, p in enumerate(passages) for u in passage_units(rank, p) if not is_instruction(u.text)]
        wants_list = kinds.asks_for_list(rules)
        topic = scoping.topic(query, scope, names_the_answer=bool(kinds.what_an_answer_must_name(rules)))
        scores = self.score_units(topic, units, query_vec if topic == query else self.retriever.embed_query(topic),
                                  keyword, index)
        if scoping.DEFINITION_QUESTION.search(rules):
            q_tokens = set(tokenize(rules_query))  # the defined terms are English words (query_translation.py)
            scores = [sc + DEFINITION_BOOST if (m := scoping.DEFINES.search(u.text)) and set(tokenize(m.group(1))) <= q_tokens
                      and tokenize(m.group(1)) else sc for sc, u in zip(scores, units)]
        if wants_list:
            # "What must the assistance include?": a sentence that introduces a list ("... the following
            # measures:") answers with its items better than a sentence that only shares the words.
            scores = [sc + LIST_BOOST if u.is_list or u.text.rstrip().endswith(":") else sc for sc, u in zip(scores, units)]
            asked = set(tokenize(query_translation.english(topic))) - LIST_WORDS
            if len(scope.sources) == 1 and not scope.labelled and asked:
                scores = [sc + NAMED_LIST_BOOST if u.text.rstrip().endswith(":") and asked <= set(tokenize(u.text))
                          else sc for sc, u in zip(scores, units)]
        if scope.sources and kinds.DOCUMENT_DATE_QUESTION.search(rules_query):
            # "When was the Paris Call issued?": its date line says when, whatever else it dates.
            scores = [sc + DATELINE_BOOST if kinds.is_dateline(u.text) else sc for sc, u in zip(scores, units)]
        if not scope.labelled and (body := kinds.body_asked(rules_query)) is not None:
            # "Which reports must the 2021-2025 working group submit?": the paragraph that convenes or establishes such
            # a body (with the years the question gives it) says what it is to do, and when.
            years = set(kinds.YEAR.findall(query))
            asked = set(tokenize(rules_query)) - set(tokenize(body)) - years
            scores = [sc + ESTABLISHING_BOOST if kinds.establishes(u.text, body, years, asked, tokenize) else sc
                      for sc, u in zip(scores, units)]
        if scope.sources and not scope.labelled and (opener := kinds.operative_opener(rules_query)) is not None:
            # "What did the General Assembly adopt in ...?": its paragraphs that open "Adopts ...".
            scores = [sc + OPERATIVE_BOOST if opener.match(u.text) else sc for sc, u in zip(scores, units)]
        if titled := scoping.titled_articles(scoping.documents_of(keyword), scope, set(tokenize(topic)), tokenize):
            # "... about corporate liability": the sentences of the article so titled come before look-alikes.
            scores = [sc + TITLE_BOOST if any(u.passage.chunk.source == s and scoping.in_article(
                u.passage.chunk.anchor_at(u.start)[1], n) for s, n in titled) else sc for sc, u in zip(scores, units)]
        if found := cross_reference.mentions(scoping.documents_of(keyword), scope):
            # "What does the Paris Call say about the Budapest Convention?": its sentences that name the other one.
            scores = [sc + cross_reference.MENTION_BOOST if cross_reference.names_another(u.text, u.passage.chunk.source,
                                                                                          found) else sc
                      for sc, u in zip(scores, units)]
        # When a name or date is asked for ("Who operates the account under article 56?"), a sentence elsewhere that
        # refers to the named article by its number ("the account referred to in article 56 ... will be operated by
        # UNODC") competes with the article's own on equal terms, and the best of them answers.
        referring = bool(scope.labelled and _ASKS_WHO_OR_WHEN.match(rules))
        if scope.labelled:
            # The paragraph or article the question names answers before any other.
            scores = [sc + LABEL_BOOST if scoping.label_matches(u.passage.chunk.anchor_at(u.start)[1], scope)
                      or (referring and scoping.names_label(u.text, scope)) else sc for sc, u in zip(scores, units)]
        ranked = sorted(zip(scores, units), key=lambda su: (-su[0], su[1].passage_rank, su[1].start))
        if ranked and (document := asked_documents.asked(rules, tokenize, lambda phrase: bool(
                (held := scoping.resolve(phrase, scoping.documents_of(keyword))).sources or held.missing))):
            # "What does the new NATO cyber defence policy say about Article 5?" over sources that only mention the
            # policy: a sentence that names it and says what is asked about it answers, nothing else does.
            ranked = [(sc, u) for sc, u in ranked if document.answered_by(
                (said := self._lead_in(u) + " " + u.text), set(tokenize(said)))]
            if not ranked and not missing:
                return self.abstain(question, passages, reason=messages.say_for(
                    question, "document_not_held", what=f"“{_as_asked(question, document.phrase)}”"))
        if ranked and len(scope.sources) <= 1 and languages.is_english(question) and not kinds.COMPARISON.search(rules) \
                and not kinds.CHECKS_PREMISE.match(rules) and (names := name_coverage.asked_names(query, scope.named, fold)):
            # "Who presented NATO's cyber defence work at the Sarajevo workshop?": a sentence of a document that never
            # writes NATO (the workshop report) or never writes Sarajevo (the Belgian page) says nothing of the other.
            # (A question that checks a premise is answered by what the sources say instead: "Why did the statement
            # blame Russian intelligence?" quotes whom it blamed.)
            # An acronym's long form is the one the retrieval stage found for the question's acronyms the index never
            # writes (cached); any other acronym is looked for spelled out in the document itself (_spells_out). An
            # index-wide expansion here cost a pass over every passage per new name (answer p95 55 s at 100k chunks).
            written = _document_words(keyword)
            expand = lambda acronym: acronyms.cached_expansion(acronym, keyword)
            lacking = {source: written.unwritten(source, names, expand)
                       for source in dict.fromkeys(u.passage.chunk.source for _, u in ranked)}
            ranked = [(sc, u) for sc, u in ranked if not lacking[u.passage.chunk.source]]
            if not ranked and not missing:
                # Named: what one of those documents lacks ("first meeting"), not what all of them write ("UN").
                unwritten = names.shown_of(n for gaps in lacking.values() for n in gaps) or names.shown
                together = len(unwritten) > 1 and not all(set(gaps) >= set(unwritten) for gaps in lacking.values())
                return self.abstain(question, passages, reason=messages.say_for(
                    question, "names_apart" if together else "name_elsewhere",
                    names=", ".join(f"“{n}”" for n in unwritten)))
        if ranked and languages.is_english(question) and not kinds.CHECKS_PREMISE.match(rules) \
                and (topic_words := name_coverage.asked_topic(rules, tokenize)):
            # "What did the EEAS say about attribution at the Sarajevo workshop?": a document that never writes the
            # topic (nor a term of art the question's everyday words stand for) says nothing about it.
            written = _document_words(keyword)
            also = tuple(tokenize(" ".join(paraphrases.terms(rules, keyword))))
            ranked = [(sc, u) for sc, u in ranked if written.writes_any(u.passage.chunk.source, topic_words + also,
                                                                        tokenize)]
            if not ranked and not missing:
                return self.abstain(question, passages, reason=messages.say_for(
                    question, "topic_unwritten", what=f"“{name_coverage.topic_as_asked(rules)}”"))
        if ranked and (position := positions.asked(rules, tokenize)) is not None:
            # "What position did China take on the programme of action?": a sentence about the programme that never names
            # China, or about China that never touches the programme, records no position of China's on it.
            catalog = scoping.documents_of(keyword)
            ranked = [(sc, u) for sc, u in ranked if position.recorded_by(
                said := self._lead_in(u) + " " + u.text, set(tokenize(said)),
                _described(catalog.meta(u.passage.chunk.source)))]
            if not ranked and not missing:
                return self.abstain(question, passages, reason=messages.say_for(
                    question, "no_position", state=f"“{position.state}”", subject=f"“{position.subject}”"))
        if scope.labelled and not missing and not wants_list:
            # "What does Article 2 require?": the article itself, sentence by sentence, in its own order.
            named = [(sc, u) for sc, u in ranked if scoping.label_matches(u.passage.chunk.anchor_at(u.start)[1], scope)]
            best_named = named[0][1] if named and (named[0] == ranked[0] or not referring) else None
            if best_named and (region := labelled_region(scoping.documents_of(keyword), best_named.passage.chunk,
                                                         best_named.start, scope, lambda t: not is_instruction(t))):
                return self._cited(question, passages, region, " ")
        if len(titled) == 1 and not missing and _SAYS_ABOUT.search(rules) and not kinds.COMPARISON.search(rules) \
                and answer_types.expected(rules, question) is None:  # an amount or a name asked for is no article
            # "What does the Budapest Convention say about corporate liability?": the article so titled, from its
            # opening paragraph on, as for a named article.
            source, number = titled[0]
            as_named = replace(scope, articles=(number,), paragraphs=())
            inside = [(sc, u) for sc, u in ranked if u.passage.chunk.source == source and scoping.in_article(
                u.passage.chunk.anchor_at(u.start)[1], number)]
            if inside and inside[0][0] >= self.min_support and (region := labelled_region(
                    scoping.documents_of(keyword), inside[0][1].passage.chunk, inside[0][1].start, as_named,
                    lambda t: not is_instruction(t))):
                return self._cited(question, passages, region[: self.max_units], " ")
        if notice is not None:
            # Only sentences that name it can say what it is (a footnote that lists it is not quoted).
            names = [fold(n) for n in scope.missing]
            ranked = [(sc, u) for sc, u in ranked if any(n.split()[-1] in fold(u.text) for n in names)]
            if not ranked:
                return self.abstain(question, passages, reason=_not_indexed(scope.missing, question))
        if ranked and kinds.NUMBER_QUESTION.search(rules):
            # "When"/"how many" needs a sentence with a date or number that is about as close to the question
            # as the best one: a stray date elsewhere in the passages is not the answer.
            floor = ranked[0][0] - self.margin
            counting = kinds.COUNT_QUESTION.search(rules)
            past = kinds.PAST_WHEN.search(rules)
            # (the noun as an English question writes it: a rendering's word may not be the sources' own, "consumers"
            # for "customers")
            noun = kinds.counted_noun(rules) if counting and languages.is_english(question) else None
            ranked = [(sc, u) for sc, u in ranked if sc >= floor and kinds.has_new_number(u.text, query)
                      and (not counting or kinds.has_count(u.text, rules))
                      and (noun is None or kinds.counts(u.text, noun))
                      and (not past or kinds.has_new_date(u.text, query))]
            if noun is not None and not ranked and not missing:
                # "How many cyber incidents were reported to CISA?" over "report confirmed and potential incidents ...
                # available 24 hours a day, seven days a week": a count of hours is no count of incidents.
                return self.abstain(question, passages, reason=messages.say_for(
                    question, "no_count", what=f"“{_as_asked(question, noun)}”"))
        for names in kinds.what_an_answer_must_name(rules):
            # "Which countries ...", "How tall ...", "What is the capital of ...", "Who chaired ...": a sentence
            # that names no country, no height, no capital, no chair does not answer, however close it is.
            ranked = [(sc, u) for sc, u in ranked if names(u.text)]
        if ranked and (wanted := answer_types.expected(rules, question)) is not None:
            # "Which ransomware gangs ...", "Who was the Secretary General ...", "What is the amount of the fine ...":
            # a sentence about the topic that names no gang, no person, no amount does not answer; one that does
            # must be about as close to the question as the best sentence (a stray name elsewhere is no answer).
            floor, names = ranked[0][0] - self.margin * NAMED_MARGIN, self._names(keyword)
            ranked = [(sc, u) for sc, u in ranked if sc >= floor and wanted.test(u.text, rules, names)]
            if not ranked and not missing:
                return self.abstain(question, passages, reason=messages.say_for(
                    question, _DECLINE_OF[wanted.kind], what=f"“{_as_asked(question, wanted.asked)}”"))
        # The years a question dates something by; a year of a range names a period or a body ("the open-ended working
        # group 2021-2025"), and "On what day was resolution 75/240 on the group 2021-2025 adopted?" is answered by a
        # date line of 2020.
        years = set(kinds.YEAR.findall(query)) - set(kinds.YEAR.findall(" ".join(re.findall(r"\d{4}\s*[-–]\s*\d{4}", query)))) \
            - _dating_a_name(query, scope.named)
        if ranked and years and not kinds.CHECKS_PREMISE.match(rules):
            # "... in July 2020": a sentence whose passage never mentions that year cannot be about it.
            ranked = [(sc, u) for sc, u in ranked if years & kinds.years_of(u.passage.chunk)]
            if ranked and answer_types.asks_what_happened(rules) and (single := years):
                # "What did the permanent mechanism agree at its first meeting in 2026?": a passage that writes 2026
                # only in what it plans ("no later than 2026") reports nothing that happened then.
                kept = [(sc, u) for sc, u in ranked if answer_types.reports_a_year(u.passage.chunk, single)]
                if not kept and not missing:
                    return self.abstain(question, passages, reason=messages.say_for(
                        question, "only_planned", what=", ".join(f"“{y}”" for y in sorted(single))))
                ranked = kept
        if missing or not ranked or ranked[0][0] < self.min_support:
            return self.abstain(question, passages, missing)
        best = ranked[0][0]
        # "How does X differ from Y?": both halves are needed, so the second may trail the first further. So may the
        # sentences that answer a list question in prose ("Recommendations include ... and ..."), but not another list.
        list_margin = wants_list and not kinds.COMPARISON.search(rules)
        margin = self.margin * COMPARISON_MARGIN if kinds.COMPARISON.search(rules) or list_margin else self.margin
        chosen: list[tuple[float, Unit]] = []
        seen: set[str] = set()
        for score, unit in ranked:
            if len(chosen) >= self.max_units or score < max(self.min_support, best - margin):
                break
            key = fold(unit.text)
            if key in seen:
                continue
            if list_margin and score < best - self.margin and (unit.is_list or unit.text.rstrip().endswith(":")):
                continue  # a further list must be as close as ever
            seen.add(key)
            chosen.append((score, unit))
        # A chosen sentence's next one in the same article or numbered paragraph that refers back to it ("Such denunciation
        # shall become effective ...") completes it: quoted too, when it is supported at all.
        by_place = {(u.passage.chunk.chunk_id, u.k): (sc, u) for sc, u in ranked}
        for sc, u in list(chosen):
            nxt = by_place.get((u.passage.chunk.chunk_id, u.k + 1))
            label = u.passage.chunk.anchor_at(u.start)[1]
            if nxt and len(chosen) < self.max_units and nxt[0] >= self.min_support and kinds.ANAPHORA.match(nxt[1].text) \
                    and fold(nxt[1].text) not in seen and not u.text.rstrip().endswith(":") and label is not None \
                    and article_of(nxt[1].passage.chunk.anchor_at(nxt[1].start)[1]) == article_of(label):  # one article
                seen.add(fold(nxt[1].text))
                chosen.append(nxt)
            # Outside articles and numbered paragraphs, only the best sentence's next one in the same paragraph, when it
            # refers back within its first words ("Commercial spyware has been misused ... . Too often, such tools have
            # been used to target ..."): a general statement whose particulars follow.
            elif nxt and u is chosen[0][1] and len(chosen) < self.max_units \
                    and nxt[0] >= self.min_support and label is None and fold(nxt[1].text) not in seen \
                    and not u.is_list and not nxt[1].is_list and _SUCH_NEXT.match(nxt[1].text) \
                    and "\n" not in u.passage.chunk.text[u.end - u.passage.chunk.start:nxt[1].start - u.passage.chunk.start]:
                seen.add(fold(nxt[1].text))
                chosen.append(nxt)
        if len(scope.named) > 1 and len(scope.sources) > 1:
            # "... under the Budapest Convention and under the UN Convention against Cybercrime?": each named document
            # brings its own sentences, within the margin of its own best, an equal share each; one document's close
            # look-alikes no longer crowd out the other's answer.
            chosen = self._per_document(ranked, scope.sources, margin) or chosen
        if len(scope.sources) > 1:
            # "How do 77/37 and 78/16 ...": each named document that has a supported sentence is quoted.
            for src in scope.sources:
                if not any(u.passage.chunk.source == src for _, u in chosen):
                    own = next(((sc, u) for sc, u in ranked if u.passage.chunk.source == src and sc >= self.min_support), None)
                    if own is not None:
                        chosen = chosen[: self.max_units - 1] + [own] if len(chosen) >= self.max_units else chosen + [own]
        if wants_list and not any(u.is_list for _, u in chosen):
            # Asked for examples: the best supported list answers better than a sentence naming the topic.
            # (from a document already quoted: another document's list answers another question)
            lists = [(sc, u) for sc, u in ranked if u.is_list and sc >= self.min_support and
                     any(u.passage.chunk.source == c.passage.chunk.source for _, c in chosen)]
            if lists:
                chosen = chosen[: self.max_units - 1] + [lists[0]]
        # A list question, a named paragraph, or a best sentence that ends on a colon ("“service provider”
        # means:"): the lead-in comes with its numbered or lettered items.
        leads = wants_list or scope.labelled or chosen[0][1].text.rstrip().endswith(":")
        close = [su for su in ranked if su[0] >= best - self.margin]
        if leads and (listed := self._numbered_list(chosen, keyword) or (wants_list and
                                                                           self._numbered_list(close, keyword))):
            return self._cited(question, passages, listed, "\n", notice)
        # Read in document order within each source; sources in order of their best sentence.
        source_order: dict[str, int] = {}
        for _, u in chosen:
            source_order.setdefault(u.passage.chunk.source, len(source_order))
        chosen.sort(key=lambda su: (source_order[su[1].passage.chunk.source], su[1].start))
        # A chosen lead-in further down ("... the General Assembly ... :") comes with its lettered items, which
        # say what it introduces, and the other chosen sentences keep their places.
        # A chosen sub-paragraph ("(b) on board a ship flying the flag of that Party; or") comes with its lead-in
        # and sibling items: the list is the unit that says what the item is a case of.
        expanded = [self._numbered_list([(sc, u)], keyword) if u.text.rstrip().endswith(":") and not u.is_list else
                    self._whole_list(u, keyword, wants_list and not kinds.ASKS_WHAT_IS_INCLUDED.search(rules))
                    for sc, u in chosen]
        if any(expanded):
            quotes = [q for (_, u), listed in zip(chosen, expanded)
                      for q in (listed or [(u.passage.chunk, u.start, u.end)])]
            return self._cited(question, passages, list(dict.fromkeys(quotes)), "\n", notice, keep_order=True)
        citations, parts = [], []
        for n, (_, u) in enumerate(chosen, start=1):
            c = u.passage.chunk
            citations.append(cite(n, c, u.start, u.end, u.text))
            parts.append(f"{u.text} [{n}]")
        joiner = "\n\n" if any(u.is_list for _, u in chosen) else " "
        return Answer(question=question, text=joiner.join(parts), abstained=False,
                      citations=tuple(citations), passages=tuple(passages), notice=notice)

    def _names(self, keyword: KeywordIndex) -> answer_types.Names:
        """Common words (the embedding model's vocabulary) and the index's acronym expansions, for name checks."""
        return answer_types.Names(vocabulary(self.retriever.embedder) or frozenset(),
                                  lambda acronym: acronyms.expansion(acronym, keyword))

    @staticmethod
    def _only_planned(event: answer_types.Event, keyword: KeywordIndex) -> bool:
        """Whether the sources write the event's names only in sentences that plan it: some sentence names it,
        none reports it as held."""
        catalog = scoping.documents_of(keyword)
        named = False
        for chunk in catalog.chunks_in([]):
            if not all(n.casefold() in chunk.text.casefold() for n in event.names):
                continue
            for sentence in _SENTENCE_END.split(chunk.text):
                if answer_types.mentions(sentence, event):
                    named = True
                    if answer_types.reports(sentence, event):
                        return False
        return named

    def _numbered_list(self, candidates: list[tuple[float, Unit]], keyword: KeywordIndex) -> list[tuple[Chunk, int, int]]:
        """The first candidate that ends on a colon, with its numbered items (structured_quotes.numbered_list)."""
        lead = next((u for _, u in candidates if u.text.rstrip().endswith(":") and not u.is_list), None)
        if lead is None:
            return []
        return numbered_list(scoping.documents_of(keyword), (lead.passage.chunk, lead.start, lead.end))

    def _per_document(self, ranked: list[tuple[float, Unit]], sources: Sequence[str],
                      margin: float) -> list[tuple[float, Unit]]:
        """For each document, its best supported sentences within `margin` of its own best, `max_units` shared
        equally among the documents that have a supported sentence."""
        owned = [own for src in sources
                 if (own := [(sc, u) for sc, u in ranked if u.passage.chunk.source == src]) and own[0][0] >= self.min_support]
        share = max(1, self.max_units // max(1, len(owned)))
        picked: list[tuple[float, Unit]] = []
        for own in owned:
            keys: set[str] = set()
            for sc, u in own:
                if len(keys) >= share or sc < max(self.min_support, own[0][0] - margin):
                    break
                if fold(u.text) not in keys:
                    keys.add(fold(u.text))
                    picked.append((sc, u))
        return sorted(picked, key=lambda su: -su[0])

    @staticmethod
    def _whole_list(unit: Unit, keyword: KeywordIndex, wants_list: bool = False) -> list[tuple[Chunk, int, int]]:
        """The lead-in and items of the list a chosen item belongs to, when the item is a fragment that cannot
        stand alone ("on board a ship flying the flag of that Party; or") or the question asks for a list ("What
        tasks does the Convention give the secretariat?": "(a) Assist the Conference ..." comes with (b) and (c));
        [] otherwise."""
        if unit.is_list or not (unit.text[:1].islower() or wants_list):
            return []
        return enclosing_list(scoping.documents_of(keyword), (unit.passage.chunk, unit.start, unit.end))

    def _cited(self, question: str, passages: Sequence[Passage], quotes: list[tuple[Chunk, int, int]],
               joiner: str, notice: str | None = None, keep_order: bool = False) -> Answer:
        # A paragraph's number left alone at the end of the passage before its text ("4.") is no quote.
        quotes = [q for q in quotes if says_something(q[0].text[q[1] - q[0].start:q[2] - q[0].start])] or quotes
        citations = [cite(n, c, s, e, c.text[s - c.start:e - c.start]) for n, (c, s, e) in enumerate(quotes, start=1)]
        text = joiner.join(f"{ci.quote} [{ci.n}]" for ci in citations)
        # The passages shown with the answer are those it quotes first, then the rest of what was retrieved
        # (or, with keep_order, as retrieved).
        quoted: dict[str, Chunk] = {}
        for c, _, _ in quotes:
            quoted.setdefault(c.chunk_id, c)
        retrieved = {p.chunk.chunk_id: p for p in passages}
        if keep_order:  # retrieval's order, then the chunks quoted beyond it (a list running on)
            shown, rest = list(passages), [Passage(c, 1.0) for cid, c in quoted.items() if cid not in retrieved]
        else:
            shown = [retrieved.get(cid) or Passage(c, 1.0) for cid, c in quoted.items()]
            rest = [p for p in passages if p.chunk.chunk_id not in quoted]
        return Answer(question=question, text=text, abstained=False, citations=tuple(citations),
                      passages=tuple(shown + rest), notice=notice)

    def abstain(self, question: str, passages: Sequence[Passage], missing: Sequence[str] = (),
                reason: str | None = None) -> Answer:
        """The answer that says the sources do not cover the question, with the nearest passages."""
        language = languages.detect(question)  # the assistant's words in the question's language (messages.py)
        text = messages.say("abstain", language) + (f" {reason}" if reason else "")
        if missing:
            text += " " + messages.say("not_mentioned", language, terms=", ".join(f"“{m}”" for m in missing))
        if passages:
            text += " " + messages.say("nearest", language)
        return Answer(question=question, text=text, abstained=True, citations=(), passages=tuple(passages))
