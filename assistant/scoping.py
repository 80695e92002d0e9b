"""Questions that name a document, paragraph or article: which indexed documents and passages they mean.

"What does 78/16 decide?", "paragraph 5 of resolution 73/27", "Article 41 of the UN Convention against
Cybercrime", "the Budapest Convention": the question is answered from that document (a filter inside
retrieval) and, when it names a paragraph or article, from the passages that carry that label. A document
named by its symbol that is not in the index is reported as missing, so the answer can say so instead of
quoting other resolutions that merely recall it.
"""
from __future__ import annotations

import os
import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Sequence

from . import docmeta, references, structure
from .schema import Chunk, SourceMeta


@dataclass(frozen=True)
class Scope:
    """What a question points at, resolved against the indexed documents."""

    sources: tuple[str, ...] = ()  # indexed documents the question names
    missing: tuple[str, ...] = ()  # documents named by symbol that the index does not hold, in the question's words
    paragraphs: tuple[str, ...] = ()  # "1", "1.3", "4(a)"
    articles: tuple[str, ...] = ()  # "41", "2(b)"
    named: tuple[str, ...] = ()  # the question's words for the documents found ("resolution 73/27")
    # Articles whose title the question's words cover ("corporate liability" -> Article 12 "Corporate
    # liability"): their passages come first, but the answer still picks its sentences.
    titled: tuple[tuple[str, str], ...] = ()  # (source, article number)
    # Words that describe the documents found rather than their content, as their title, publisher and date write
    # them ("ministers", "joint", "statement", "October", "2021"): a question that uses them to say which document
    # it means ("... navode ministri ... u zajedničkoj izjavi iz listopada 2021") is not asking about them.
    describing: frozenset[str] = frozenset()

    @property
    def labelled(self) -> bool:
        return bool(self.paragraphs or self.articles)


def resolve(question: str, documents: Iterable[tuple[str, SourceMeta]]) -> Scope:
    """The documents and labels `question` names, among `documents` ((source, meta) pairs)."""
    catalog = documents if isinstance(documents, Catalog) else Catalog(list(documents))
    cached = catalog.scopes.get(question)
    if cached is None:  # retrieval and the answerer both ask, for the same question
        cached = _resolve(question, catalog)
        with catalog._lock:
            if len(catalog.scopes) >= 1024:
                catalog.scopes.clear()
            catalog.scopes[question] = cached
    return cached


def _resolve(question: str, catalog: "Catalog") -> Scope:
    try:
        refs = references.parse(question)
    except Exception:  # noqa: BLE001 - a reference we cannot read must not stop the question
        return Scope()
    if not (refs.documents or refs.paragraphs or refs.articles or _DESCRIBED.search(question)):
        return Scope()
    sources: list[str] = []
    missing: list[str] = []
    named: list[str] = []
    for ref in refs.documents:
        found = catalog.find(ref)
        if found:
            sources.extend(s for s in found if s not in sources)
            named.append(ref.text)
        elif re.search(r"\d", ref.text):
            # Named by symbol ("74/28", "A/76/135"): its content cannot come from documents that only recall it.
            missing.append(ref.text.strip())
    for phrase, found, superseded in catalog.described(question, [r.text for r in refs.documents]):
        # "the Sarajevo workshop report", "the 2021 PRC attribution statement": a document named by what it is.
        if superseded and all(set(found) == set(catalog.find(r)) for r in refs.documents if r.text in superseded):
            continue  # "the Counter Ransomware Initiative statement": the name said it already
        for ref in refs.documents:
            if ref.text in superseded and ref.text in named:  # "the Paris Call case studies", not the Paris Call
                named.remove(ref.text)
                sources = [s for s in sources if s not in catalog.find(ref)]
        sources.extend(s for s in found if s not in sources)
        named.append(phrase)
    for m in [*_PROTOCOL.finditer(question), *_PROTOCOL_OF.finditer(question)]:
        # "the Second Additional Protocol to the Budapest Convention" (or "the Budapest Convention's Second Additional
        # Protocol") is a document of its own.
        if not any("protocol" in (meta.title or "").casefold() for _, meta in catalog):
            missing.append(re.sub(r"\s+(?:on|against|of|for|the)$", "", m.group(0).strip()))
            sources = [s for s in sources if s not in catalog.find_all(m.group("parent"))]
    describing = frozenset(w for s in sources for w in catalog.describing_words(s)) if len(sources) == 1 else frozenset()
    return Scope(tuple(sources), tuple(missing), refs.paragraphs, refs.articles, tuple(named), describing=describing)




# A named protocol is written with a capital: "the Second Additional Protocol to the Budapest Convention".
# "a supplementary protocol to the Convention" is a notion the Convention itself may govern.
_PROTOCOL = re.compile(r"\b(?:(?:First|Second|Third|Additional|Optional)\s+)*Protocols?\s+(?:to|of)\s+(?:the\s+)?"
                       r"(?P<parent>[A-Z][\w-]*(?:\s+(?:on|against|of|for|the|[A-Z][\w-]*))*)")
_PROTOCOL_OF = re.compile(r"(?P<parent>\b[A-Z][\w-]*(?:\s+(?:on|against|of|for|[A-Z][\w-]*))*)['’]s\s+"
                          r"(?:(?:First|Second|Third|Additional|Optional)\s+)*Protocols?\b")


# "the Sarajevo workshop report", "the joint statement on commercial spyware": a kind of document with words
# that name which one.
_DESCRIBED = re.compile(
    r"\b(?:the|this|that)\s+(?P<pre>(?:[\w’'-]+\s+){0,4}?)(?P<kind>report|statement|page|call|declaration|strategy|"
    r"attribution|case stud(?:y|ies)|decision|resolution|convention|communiqu[eé]|website|treaty|press release|"
    r"fact sheet)s?\b"
    # "the White House statement of July 2021 on China": a date after the kind names the document too.
    r"(?P<dated>\s+(?:of|from|dated|issued\s+(?:in|on))\s+(?:\d{1,2}\s+)?(?:(?:january|february|march|april|may|june|"
    r"july|august|september|october|november|december)\s+)?(?:\d{1,2},?\s+)?(?:19|20)\d{2})?"
    r"(?P<tail>\s+(?:on|about|against|for)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+){0,2})?", re.IGNORECASE)
# The same, with as many words as fit before the kind: "the Paris Call case studies" before "the Paris Call".
_DESCRIBED_LONGEST = re.compile(_DESCRIBED.pattern.replace("{0,4}?)", "{0,4})"), re.IGNORECASE)
# A strategy, convention or resolution is titled as one; a "report", "page" or "statement" is what people call
# any document.
_STRICT_KINDS = {"strategy", "declaration", "decision", "resolution", "convention", "call", "communique", "communiqué",
                 "treaty"}
_LINKING = {"for", "of", "and", "the", "in", "on", "to", "with", "by", "at"}
_GENERIC = {"the", "a", "an", "its", "their", "official", "full", "original", "final", "latest", "whole", "same",
            "above", "relevant", "english", "s"}


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text.replace("’s", "").replace("'s", "").casefold())
    return re.findall(r"[a-z0-9]+", "".join(ch for ch in text if not unicodedata.combining(ch)))


# "the UN treaty on cybercrime" is the United Nations Convention against Cybercrime: a convention is a treaty, and
# bodies go by their initials.
_SHORT_NAMES = ((("united", "nations"), "un"), (("convention",), "treaty"), (("council", "europe"), "coe"),
                (("european", "union"), "eu"), (("north", "atlantic", "treaty"), "nato"),
                # "the Belgian foreign ministry's page": a ministry of foreign affairs goes by many names (FPS Foreign
                # Affairs, MFA, foreign office).
                (("foreign", "affairs"), "ministry"), (("mfa",), "ministry"), (("mfa",), "foreign"),
                (("fps",), "ministry"), (("wh",), "white"), (("wh",), "house"))


def _file_words(source: str) -> str:
    """A file name's words: "FR-MFA-ParisCall-site.md" -> "FR MFA Paris Call site md"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", re.sub(r"[-_./]", " ", source))


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")

# Words that say what kind of document, by whom and when, where a document's title, publisher or date has them.
_DESCRIBING = frozenset({"joint", "statement", "declaration", "communique", "ministers", "representatives", "meeting",
                         "page", "website", "resolution", "decision", "report", *(m for m in _MONTHS if m != "may")})  # "may" is a modal verb too


def _date_words(date: str | None) -> str:
    """An ISO date's year and month in words ("2021-07-19" -> "2021 july"): "the July 2021 statement"."""
    m = re.match(r"(\d{4})(?:-(\d{2}))?", date or "")
    if not m:  # "workshop held 17 March 2025": its year and month as written
        low = (date or "").casefold()
        return " ".join(re.findall(r"\b(?:19|20)\d{2}\b", low) + [w for w in _MONTHS if re.search(rf"\b{w}\b", low)])
    month = int(m[2]) if m[2] else 0
    return f"{m[1]} {_MONTHS[month - 1]}" if 1 <= month <= 12 else m[1]


def _kind_words(symbol: str | None) -> str:
    """What a symbol says the document is: A/RES/… a resolution, A/DEC/… a decision, ETS … a convention."""
    key = docmeta.symbol_key(symbol) or ""
    if re.match(r"(?:A/(?:HRC/)?|S/)RES/", key) or re.fullmatch(r"\d+/\d+", key):
        return "resolution"
    if re.match(r"(?:A|PC)[./]DEC/", key):
        return "decision"
    return "convention treaty" if key.startswith(("ETS ", "CETS ")) else ""


def _with_short_names(words: list[str]) -> frozenset[str]:
    found = set(words)
    return frozenset(found | {short for long, short in _SHORT_NAMES if set(long) <= found})


def _has_word(word: str, vocab: frozenset[str]) -> bool:
    """`word` or another form of it (Belgian/Belgium: 5 shared letters, 70% of both) is in `vocab`."""
    if word in vocab:
        return True
    if len(word) < 5 or word.isdigit():
        return False
    return any(o[:5] == word[:5] and len(os.path.commonprefix([o, word])) >= 0.7 * max(len(o), len(word)) for o in vocab)


def topic(query: str, scope: Scope, names_the_answer: bool = False) -> str:
    """The question without the names of the documents it is already restricted to.

    Within A/RES/73/27, the tokens "73" and "27" only match stray dates ("27 December 2013"); what the
    question asks about is the rest ("On what date was ... adopted?"). When the answer must name something
    (`names_the_answer`: "Which countries are part of the Counter Ransomware Initiative?", "Who signed the joint
    statement?") and the rest holds no more than the kind asked for and one other word, the name stays: "Which countries are
    part of ?" cannot tell which of the document's sentences lists them.
    """
    out = without_names(query, scope)
    if names_the_answer and out != query:
        from .retrieval import tokenize  # retrieval imports this module

        if len(set(tokenize(out))) < 3:  # the kind asked for ("countries") and one more word at most
            return query
    return out if re.search(r"\w{3,}", out) else query


# "..., according to the ministers of the Counter Ransomware Initiative in 2021?", "D'après la déclaration des
# ministres ..., quel risque ...": a clause that says where the answer is to be found, up to the next comma or the
# end of the question. In the languages questions are asked in (languages.py).
_ATTRIBUTION = re.compile(
    r"(?:^|(?<=[,;:(]))\s*(?:according to|as (?:stated|said|set out|laid down|put|described) (?:by|in)|"
    r"in the (?:view|words|opinion) of|d['’]apr[eè]s|selon|prema|po rije[cč]ima|po re[cč]ima|volgens|laut|gem[aä][sß]|"
    r"согласно|према)\b[^,;?!]*", re.IGNORECASE)


def _without_attribution(query: str, scope: Scope) -> str:
    """`query` without the clause that attributes it to a document it names ("according to the ministers of the
    Counter Ransomware Initiative in 2021"): once the question is restricted to that document, the clause's other
    words (ministers, 2021, statement) only match the document's opening lines."""
    from .query_translation import english  # query_translation imports this module's callers

    names = [n.casefold() for n in scope.named]
    for m in _ATTRIBUTION.finditer(query):
        clause, end = m.group(), m.end()
        folded = clause.casefold()
        rest = english(clause)
        for n in scope.named:
            rest = re.sub(re.escape(n), " ", rest, flags=re.IGNORECASE)
        names_in_rest = [w for w in re.findall(r"\b[A-Z][a-z][\w-]*", rest.strip())[1:]
                         if w.casefold() not in _MONTHS and w.casefold() not in scope.describing]
        if names_in_rest:
            # "D'après l'étude de cas de l'Appel de Paris consacrée à la Linux Foundation, ...": the clause names
            # more than the document found (the Linux Foundation), which the question still asks about.
            continue
        at = max((folded.find(n) + len(n) for n in names if n in folded), default=-1)
        if at >= 0:
            # As asked: up to the name and a date after it ("... Initiative in 2021"), if the clause ends there.
            if not re.fullmatch(r"(?:\s+(?:in|of|from|dated|on)?\s*(?:\d{1,2}\s+)?(?:[a-z]+\s+)?(?:19|20)\d\d)?\s*",
                                folded[at:]):
                continue
        elif query[end:end + 1] != "," or not any(n in english(clause).casefold() for n in names):
            # In another language, only a clause that opens the question ("D'après la déclaration ..., quel ...?")
            # and whose rendering names the document.
            continue
        return " ".join((query[:m.start()] + " " + query[end:]).split())
    return query


def without_names(query: str, scope: Scope) -> str:
    """`query` with the names of the documents it is restricted to taken out (as it is when it names none)."""
    if not scope.sources or not scope.named:
        return query
    out = _without_attribution(query, scope)
    for name in sorted(scope.named, key=len, reverse=True):
        out = re.sub(re.escape(name), " ", out, flags=re.IGNORECASE)
    return " ".join(_without_describing(out, scope).split())


def _without_describing(query: str, scope: Scope) -> str:
    """`query` without the words that describe the one document it is restricted to (scope.describing). A question
    in another language is read in its English rendering here, as the English-only stages read it."""
    if not scope.describing:
        return query
    from .query_translation import english

    from .retrieval import tokenize  # retrieval imports this module

    pattern = re.compile(r"\b(?:" + "|".join(sorted(scope.describing, key=len, reverse=True)) + r")s?\b", re.IGNORECASE)
    rendered = english(query)
    if not pattern.search(rendered):
        return query
    out = pattern.sub(" ", rendered)
    # "What did the Counter Ransomware Initiative ministers agree in 2021?": with the name and the describing words
    # out, one word ("agree") cannot tell the document's sentences apart; the words stay.
    return out if len(set(tokenize(out))) >= 3 else query


class Catalog:
    """The indexed documents, looked up by symbol key and by instrument, and their chunks by document: built once
    per index version, so that no question makes a pass over every document or chunk."""

    def __init__(self, documents: Sequence[tuple[str, SourceMeta]], chunks: Sequence[Chunk] = ()):
        self.documents = list(documents)
        self._metas = dict(self.documents)
        self._chunks: dict[str, list[Chunk]] = {}
        for c in chunks:
            self._chunks.setdefault(c.source, []).append(c)
        for listed in self._chunks.values():
            listed.sort(key=lambda c: c.index)
        self._definitions: list[tuple[Chunk, tuple[frozenset[str], ...]]] | None = None
        self._datelines: set[str] | None = None
        self._titles: list[tuple[str, str, frozenset[str]]] | None = None
        self._openings: dict[str, tuple[str, ...]] = {}  # chunk id -> the first words of each of its units
        self._opening_chunks: dict[tuple, list[Chunk]] = {}  # (opener, documents) -> their chunks it opens
        self._text_words: dict[str, frozenset[str]] = {}  # source -> the words of its text (read when needed)
        self._lock = threading.Lock()
        self.scopes: dict[str, Scope] = {}  # question -> its scope
        self.by_symbol: dict[str, list[str]] = {}
        self.by_instrument: dict[str, list[str]] = {}
        self.by_title_alias: dict[str, list[str]] = {}  # "Paris Call 2018": a title that carries a short name
        for source, meta in self.documents:
            keys = {k for s in (meta.symbol, *(docmeta.symbol_aliases(meta.symbol) if meta.symbol else ()))
                    if s and (k := docmeta.symbol_key(s))}
            for k in keys:
                self.by_symbol.setdefault(k, []).append(source)
            instrument = docmeta.instrument_for_title(meta.title)
            if instrument is not None:
                self.by_instrument.setdefault(instrument.key, []).append(source)
                continue
            title = " ".join((meta.title or "").split()).casefold()
            for inst in docmeta.INSTRUMENTS:
                if any(len(a) > 6 and a.casefold() in title and re.search(rf"\b{re.escape(a.casefold())}\b", title)
                       for a in inst.aliases):
                    self.by_title_alias.setdefault(inst.key, []).append(source)

        # What each document is called, in words: its title, publisher, file name and year ("Belgian page",
        # "the 2021 PRC attribution statement", "the Sarajevo workshop report").
        self._described: dict[str, frozenset[str]] = {
            source: _with_short_names(_words(" ".join(x for x in (meta.title, meta.publisher or "", _file_words(source),
                                                                  _date_words(meta.date), _kind_words(meta.symbol))
                                                      if x)))
            for source, meta in self.documents}
        counts: dict[str, int] = {}
        for words in self._described.values():
            for w in words:
                counts[w] = counts.get(w, 0) + 1
        self._word_docs = counts

    def __iter__(self):
        return iter(self.documents)

    def meta(self, source: str) -> SourceMeta | None:
        """The metadata of an indexed document; None for a source the index does not hold."""
        return self._metas.get(source)

    def describing_words(self, source: str) -> frozenset[str]:
        """The words of a document's title, publisher and date that describe it rather than its content: its kind,
        its authors' function, its month and year."""
        words = self._described.get(source, frozenset())
        return frozenset(w for w in words if w in _DESCRIBING or re.fullmatch(r"(?:19|20)\d\d", w))

    def described(self, question: str, named: Sequence[str] = ()) -> list[tuple[str, list[str]]]:
        """Documents the question names by description ("the Belgian page"), outside the spans `named` covers.

        Every word before the kind of document must occur in a document's title, publisher, file name or year
        (or a form of one: Belgian, Belgium); words after "on"/"about" count while they match. The documents with
        the most words win: one document for a singular ("the Belgian page"), up to four for a plural; one of the
        words must be distinctive (in at most three documents). A strategy, convention, treaty, declaration,
        decision or resolution must be called so in its title or file name.
        """
        taken = [(i, i + len(n), n) for n in named if (i := question.casefold().find(n.casefold())) >= 0]
        out = []
        covered = 0  # the end of the last description found
        for m in _DESCRIBED.finditer(question):
            if m.start() < covered:
                continue
            # "the Paris Call case studies" are not the Paris Call: the longest description that names documents
            # wins, and supersedes a document name it contains.
            longer = _DESCRIBED_LONGEST.match(question, m.start())
            for cand in ([longer] if longer and longer.end("kind") > m.end("kind") else []) + [m]:
                # A name within the description, apart from its kind ("the 2023 resolution on the programme of
                # action"), is narrowed by it; a name the kind word is part of ("the Paris Call") is not one.
                inside = [n for a, b, n in taken if cand.start("pre") <= a and b <= cand.end()
                          and not (a < cand.end("kind") and cand.start("kind") < b)]
                if any(a < cand.end() and cand.start() < b for a, b, n in taken if n not in inside):
                    continue
                if (hit := self._described_match(question, cand)) is not None:
                    out.append((*hit, tuple(inside)))
                    covered = cand.end()
                    break
        return out

    def _described_match(self, question: str, m: "re.Match") -> tuple[str, list[str]] | None:
        """The documents one description names, with the words that named them; None if not one (or a few)."""
        pre = [w for w in _words(m.group("pre")) if w not in _GENERIC]
        # Its year and month, when the description dates it, must be the document's ("of July 2021").
        pre += [w for w in _words(m.group("dated") or "") if w in _MONTHS or re.fullmatch(r"(?:19|20)\d{2}", w)]
        tail_spans = [t for t in re.finditer(r"[\w-]+", m.group("tail") or "")][1:]  # after on/about/...
        if tail_spans and tail_spans[0].group().casefold() == "the":
            tail_spans = tail_spans[1:]
        tail = [_words(t.group()) for t in tail_spans]
        if not pre and not tail:
            return None
        kind = m.group("kind").casefold()
        kind_word = _words(kind)[0]
        strict = kind.split()[0] in _STRICT_KINDS
        best, found = 0, []
        for source, vocab in self._described.items():
            if not all(_has_word(w, vocab) for w in pre) or (strict and not _has_word(kind_word, vocab)):
                continue
            score = len(pre)
            for words in tail:
                if not words or not all(_has_word(w, vocab) for w in words):
                    break
                score += 1
            # "the Paris Call case studies": of the documents the words fit, those called case studies.
            score += 0.5 if not strict and _has_word(kind_word, vocab) else 0
            if score > best:
                best, found = score, [source]
            elif score == best and score:
                found.append(source)
        plural = m.group(0)[m.end("kind") - m.start():].startswith("s") and not kind.endswith("s")
        tail_matched = int(best) - len(pre)
        if len(found) > 1 and not plural and kind != "case studies" and tail_matched < len(tail):
            # "the Paris Call case study on the Hague Centre": of the pages that fit the words before it, the one whose
            # text has what follows "on"; a page of several case studies is titled by its first one only.
            if (one := self._by_text(found, tail[tail_matched:])) is not None:
                source, extra = one
                end = m.start("tail") + tail_spans[tail_matched + extra - 1].end()
                return question[m.start():end].strip(), [source]
        if not found or len(found) > (4 if plural or kind == "case studies" else 1):
            return None
        matched = pre + [w for words in tail[:tail_matched] for w in words] + \
            ([kind_word] if best != int(best) or strict else [])
        if not any(self._word_docs.get(w, 0) <= max(3, len(found)) for w in matched if w in self._described[found[0]]) and \
                not any(_has_word(w, self._described[found[0]]) and self._word_docs.get(w, 0) == 0 for w in matched):
            return None
        end = m.start("tail") + tail_spans[tail_matched - 1].end() if tail_matched > 0 else \
            (m.end("dated") if m.group("dated") else m.end("kind"))
        return question[m.start():end].strip(), found

    def _by_text(self, sources: Sequence[str], tail: Sequence[Sequence[str]]) -> tuple[str, int] | None:
        """The one document among `sources` whose text holds the most of `tail`'s words in a row (at least one
        distinctive word: in no other of them), with how many; None when none or several do."""
        counts = []
        for source in sources:
            if source not in self._text_words:
                self._text_words[source] = frozenset(_words(" ".join(c.text for c in self._chunks.get(source, []))))
            vocab, n = self._text_words[source], 0
            for words in tail:
                if not words or not all(w in vocab for w in words):
                    break
                n += 1
            while n and tail[n - 1] and tail[n - 1][-1] in _LINKING:  # "the Hague Centre for": not "for"
                n -= 1
            counts.append((n, source))
        counts.sort(reverse=True)
        if not counts or counts[0][0] == 0 or (len(counts) > 1 and counts[1][0] == counts[0][0]):
            return None
        n, source = counts[0]
        others = [self._text_words[s] for _, s in counts[1:]]
        if not any(w not in o for words in tail[:n] for w in words for o in others):
            return None
        return source, n

    def chunks_of(self, source: str) -> list[Chunk]:
        """A document's chunks in order."""
        return self._chunks.get(source, [])

    def dateline_chunks(self, sources: Sequence[str]) -> list[Chunk]:
        """The chunks of these documents that hold the document's own date line ("Paris, 12th of November, 2018")."""
        from .question_kinds import is_dateline

        with self._lock:
            if self._datelines is None:
                self._datelines = {c.chunk_id for listed in self._chunks.values() for c in listed
                                   if any(is_dateline(line) for line in c.text.split("\n"))}
            found = self._datelines
        return [c for c in self.chunks_in(sources) if c.chunk_id in found]

    def lead_in_chunks(self, sources: Sequence[str], words: set[str], tokenize) -> list[Chunk]:
        """The chunks of these documents with a lead-in that introduces a list (a unit ending with a colon) and
        holds every one of `words` (tokens): "Which norms does 73/27 list?" -> "Welcomes the following set of ...
        rules, norms and principles ...:"."""
        from .segmentation import unit_spans

        found = []
        for c in self.chunks_in(sources):
            if words and ":" in c.text and any(c.text[s:e].rstrip().endswith(":") and words <= set(tokenize(c.text[s:e]))
                                     for s, e, _ in unit_spans(c.text)):
                found.append(c)
        return found

    def opening_chunks(self, sources: Sequence[str], opener: "re.Pattern") -> list[Chunk]:
        """The chunks of these documents with a paragraph (after its number) that `opener` matches."""
        key = (opener.pattern, opener.flags, tuple(sources))
        with self._lock:
            found = self._opening_chunks.get(key)
        if found is None:  # the same few openers over all documents, question after question: ~30 ms at 100k chunks
            found = [c for c in self.chunks_in(sources) if any(opener.match(o) for o in self._openings_of(c))]
            with self._lock:
                if len(self._opening_chunks) >= 256:
                    self._opening_chunks.clear()
                self._opening_chunks[key] = found
        return list(found)

    def _openings_of(self, chunk: Chunk) -> tuple[str, ...]:
        """How each quotable unit of `chunk` begins (its first words, without its number), segmented once per
        chunk and index version rather than at every question."""
        found = self._openings.get(chunk.chunk_id)
        if found is None:
            from .segmentation import unit_spans

            found = tuple(chunk.text[s:min(e, s + 60)] for s, e, _ in unit_spans(chunk.text))
            with self._lock:
                self._openings[chunk.chunk_id] = found
        return found

    def article_titles(self, tokenize) -> list[tuple[str, str, frozenset[str]]]:
        """(source, article number, title tokens) of every titled article ("Article 12" "Corporate liability"),
        from the text ("Article 61\n\nRelation with protocols") or the section path ("Article 12 > Corporate
        liability")."""
        with self._lock:
            if self._titles is None:
                found: dict[tuple[str, str], frozenset[str]] = {}
                for source, listed in self._chunks.items():
                    for c in listed:
                        pairs = [(m.group(1), m.group(2)) for m in _ARTICLE_TITLE.finditer(c.text)]
                        parts = (c.section or "").split(" > ")
                        pairs += [(m.group(1), parts[i + 1]) for i, part in enumerate(parts[:-1])
                                  if (m := re.fullmatch(r"Article\s+(\d+)", part.strip()))]
                        for number, title in pairs:
                            tokens = frozenset(tokenize(title))
                            if tokens and (source, number) not in found:
                                found[(source, number)] = tokens
                self._titles = [(s, n, t) for (s, n), t in found.items()]
            return self._titles

    def article_heading(self, source: str, number: str) -> tuple[Chunk, int, int] | None:
        """Where a document prints an article's title ("Article 14" / "Scope of procedural provisions"): the
        chunk and the title's document offsets; None when the article has no title line."""
        for c in self._chunks.get(source, []):
            for m in _ARTICLE_TITLE.finditer(c.text):
                if m.group(1) == number:
                    return c, c.start + m.start(2), c.start + m.start(2) + len(m.group(2).rstrip())
        return None

    def preambular_paragraphs(self, source: str) -> list[tuple[Chunk, int, int]]:
        """A resolution's preambular paragraphs in order (chunk, document offsets): the paragraphs before its
        operative part, each ending with a comma or semicolon ("Recalling its resolutions ...,")."""
        found = []
        for c in self._chunks.get(source, []):
            for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", c.text):
                start = c.start + m.start()
                if structure.paragraph_label(c.anchor_at(start)[1]) == "preamble" and \
                        re.search(r"[,;]\s*$", m.group()) and len(m.group().split()) >= 4:
                    found.append((c, start, c.start + m.end() - (len(m.group()) - len(m.group().rstrip()))))
        return found

    def chunks_in(self, sources: Sequence[str]) -> list[Chunk]:
        """The chunks of these documents (of all documents when none are given), in document order."""
        return [c for s in (sources or sorted(self._chunks)) for c in self.chunks_of(s)]

    def definitions(self, tokenize) -> list[tuple[Chunk, tuple[frozenset[str], ...]]]:
        """Chunks that define terms ("“Electronic data” shall mean"), with each term's keyword tokens."""
        with self._lock:
            if self._definitions is None:
                found = []
                for listed in self._chunks.values():
                    for c in listed:
                        terms = tuple(t for m in DEFINES.finditer(c.text) if (t := frozenset(tokenize(m.group(1)))))
                        if terms:
                            found.append((c, terms))
                self._definitions = found
            return self._definitions

    def find_all(self, text: str) -> list[str]:
        """Sources of every document the words `text` name."""
        try:
            refs = references.parse(text)
        except Exception:  # noqa: BLE001
            return []
        return [s for ref in refs.documents for s in self.find(ref)]

    def find(self, ref: references.DocRef) -> list[str]:
        """Sources of the documents `ref` names (same answers as `_matches` on every document)."""
        found: list[str] = []
        if ref.symbol_key:
            found += self.by_symbol.get(ref.symbol_key, [])
            if re.fullmatch(r"\d+/\d+", ref.symbol_key) and not re.search(r"(?i)\bres(?:olution)?s?\b|\bA/RES/", ref.text):
                found += self.by_symbol.get(f"A/DEC/{ref.symbol_key}", [])
        if ref.name_key:
            found += self.by_instrument.get(ref.name_key, [])
            inst = docmeta.INSTRUMENTS_BY_KEY.get(ref.name_key)
            if inst is not None and inst.symbol and (k := docmeta.symbol_key(inst.symbol)):
                found += self.by_symbol.get(k, [])
            if not found:
                found += self.by_title_alias.get(ref.name_key, [])
        return list(dict.fromkeys(found))


def _matches(ref: references.DocRef, meta: SourceMeta, source: str) -> bool:
    aliases = docmeta.symbol_aliases(meta.symbol) if meta.symbol else ()
    if references.matches(ref, meta.symbol, aliases, meta.title):
        return True
    if ref.name_key and (inst := docmeta.INSTRUMENTS_BY_KEY.get(ref.name_key)) is not None:
        # A title that carries the short name ("Paris Call 2018") names the instrument too.
        title = " ".join(meta.title.split()).casefold()
        return any(len(a) > 6 and re.search(rf"\b{re.escape(a.casefold())}\b", title) for a in inst.aliases) and \
            docmeta.instrument_for_title(meta.title) in (None, inst)
    return False


_ARTICLE_TITLE = re.compile(r"^(?:#+\s*)?Article\s+(\d+)\s*\n\s*\n?(?:#+\s*)?([A-Z][^\n.;:]{2,80})$", re.MULTILINE)


def titled_articles(catalog: Catalog, scope: Scope, query_tokens: set[str], tokenize) -> tuple[tuple[str, str], ...]:
    """The articles whose whole title is in the question ("What does the Budapest Convention say about corporate
    liability?" -> Article 12 "Corporate liability"): within the named documents, or one document when none is
    named. The longest such title wins; none when the question names an article itself."""
    if scope.labelled:
        return ()
    wanted = set(scope.sources)
    hits = [(len(t), s, n) for s, n, t in catalog.article_titles(tokenize)
            if t <= query_tokens and (not wanted or s in wanted)]
    if not hits:
        return ()
    longest = max(h[0] for h in hits)
    best = tuple((s, n) for size, s, n in hits if size == longest)
    return best if len({s for s, _ in best}) == 1 and len(best) <= 2 else ()


def titled_chunks(catalog: Catalog, titled: Sequence[tuple[str, str]], limit: int) -> list[Chunk]:
    """The chunks of these articles, in document order."""
    out = []
    for source, number in titled:
        out += [c for c in catalog.chunks_of(source) if any(in_article(lab, number) for _, _, lab in c.anchors)]
    return out[:limit]


def in_article(label: str | None, number: str) -> bool:
    """Whether a structural label ("art. 12(1)(a)") lies inside article `number`."""
    label = structure.paragraph_label(label)
    return bool(label) and (label == f"art. {number}" or label.startswith(f"art. {number}("))


def label_matches(label: str | None, scope: Scope) -> bool:
    """Whether a structural label ("para. 1.3", "art. 41(2)") lies inside a paragraph or article the scope names."""
    label = structure.paragraph_label(label)
    if not label:
        return False
    for prefix, wanted in (("para. ", scope.paragraphs), ("art. ", scope.articles)):
        if label.startswith(prefix):
            own = label[len(prefix):]
            for w in wanted:
                if own == w or own.startswith(w + ".") or own.startswith(w + "("):
                    return True
    return False


def names_label(text: str, scope: Scope) -> bool:
    """Whether `text` refers to a paragraph or article the scope names by its number ("the account referred to in
    article 56", "pursuant to paragraph 5 above"), read as a question's references are (references.parse)."""
    refs = references.parse(text)
    return any(label_matches(f"para. {p}", scope) for p in refs.paragraphs) or \
        any(label_matches(f"art. {a}", scope) for a in refs.articles)


def beyond_the_last(catalog: Catalog, scope: Scope) -> list[tuple[str, str]]:
    """("art. 99", "art. 48") for each article or paragraph the scope names past the last one its one document
    numbers: "Article 99 of the Budapest Convention" (48 articles). A number within the range is never refused, so
    a heading the structure missed in the middle of a document costs nothing."""
    if len(scope.sources) != 1:
        return []
    out = []
    for prefix, wanted in (("para. ", scope.paragraphs), ("art. ", scope.articles)):
        numbers = [int(m.group()) for c in catalog.chunks_of(scope.sources[0]) for _, _, lab in c.anchors
                   if (own := structure.paragraph_label(lab)) and own.startswith(prefix)
                   and (m := re.match(r"\d+", own[len(prefix):]))]
        for w in wanted:
            if numbers and (m := re.match(r"\d+", w)) and int(m.group()) > max(numbers):
                out.append((prefix + w, f"{prefix}{max(numbers)}"))
    return out


def absent_parts(catalog: Catalog, scope: Scope) -> list[tuple[str, str]]:
    """("para. 1(c)", "para. 1") for each sub-paragraph the scope names whose paragraph its one document numbers
    but which that paragraph does not have: "para 1(c) of 77/37" (paragraph 1 has no lettered items). Only a part
    of a paragraph or article the structure found is refused: its items would carry labels of their own."""
    if len(scope.sources) != 1:
        return []
    labels = {own for c in catalog.chunks_of(scope.sources[0]) for _, _, lab in c.anchors
              if (own := structure.paragraph_label(lab))}
    out = []
    for prefix, wanted in (("para. ", scope.paragraphs), ("art. ", scope.articles)):
        for w in wanted:
            parent = re.match(r"\d+", w)
            if parent is None or parent.group() == w or f"{prefix}{parent.group()}" not in labels:
                continue
            if not any(own == prefix + w or own.startswith(prefix + w + "(") or own.startswith(prefix + w + ".")
                       for own in labels):
                out.append((prefix + w, prefix + parent.group()))
    return out


# "How many articles does the Convention have?", "How many operative paragraphs are there in 78/16?"
STRUCTURE_COUNT = re.compile(r"\bhow\s+many\s+(?:operative\s+|numbered\s+)?(?P<kind>articles?|paragraphs?)\b",
                             re.IGNORECASE)


def last_numbered(catalog: Catalog, source: str, prefix: str) -> str | None:
    """The last top-level article ("art. 68") or paragraph ("para. 14") a document numbers, by number."""
    numbers = [int(m.group()) for c in catalog.chunks_of(source) for _, _, lab in c.anchors
               if (own := structure.paragraph_label(lab)) and own.startswith(prefix)
               and (m := re.match(r"\d+", own[len(prefix):]))]
    return f"{prefix}{max(numbers)}" if numbers else None


def chunk_matches(chunk: Chunk, scope: Scope) -> bool:
    """Whether any part of `chunk` carries a label the scope names."""
    return any(label_matches(lab, scope) for _, _, lab in chunk.anchors)


def labelled_chunks(catalog: Catalog, scope: Scope, limit: int | None) -> list[Chunk]:
    """The chunks of the scope's documents that hold a named paragraph or article, in document order (the first
    `limit`, or all)."""
    return [c for c in catalog.chunks_in(scope.sources) if chunk_matches(c, scope)][:limit]


_catalog_lock = threading.Lock()


def documents_of(keyword) -> Catalog:
    """The documents of a keyword index as a Catalog, built once per index version."""
    with _catalog_lock:
        cached = getattr(keyword, "_scoping_catalog", None)
        if cached is None:
            seen: dict[str, SourceMeta] = {}
            for c in keyword.chunks:
                seen.setdefault(c.source, c.meta)
            cached = Catalog(list(seen.items()), keyword.chunks)
            keyword._scoping_catalog = cached
        return cached


# "How does the Convention define electronic data?": the article that defines the term is found by the
# definition's own form ("“Electronic data” shall mean"), which a question's wording rarely matches.
DEFINITION_QUESTION = re.compile(r"\b(?:defin\w*|meaning of|what is meant by|what does .{2,60} mean|what counts as|"
                                 r"what (?:is|are) (?:an? |the )?[“\"'])", re.IGNORECASE)
DEFINES = re.compile(r"[“\"'`]{1,2}([^”\"'\n]{2,80})[”\"']\s*(?:,[^,\n]{0,60},\s*)?(?:shall\s+)?(?:means?|refers? to|is defined)\b",
                     re.IGNORECASE)


def defining_chunks(catalog: Catalog, query_tokens: set[str], tokenize, sources: Sequence[str] = (),
                    limit: int = 2) -> list[Chunk]:
    """Chunks that define a term made only of the question's words (within `sources` when given)."""
    wanted = set(sources)
    hits = []
    for c, terms in catalog.definitions(tokenize):
        if wanted and c.source not in wanted:
            continue
        fitting = [t for t in terms if t <= query_tokens]
        if fitting:
            hits.append((-max(len(t) for t in fitting), c.source, c.start, c))
    return [c for *_, c in sorted(hits, key=lambda h: h[:3])][:limit]
