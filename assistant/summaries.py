"""What a document says, in its own sentences: "Summarize resolution 78/16", "What is the Paris Call about?".

A question that names one document and asks for nothing in particular is answered with a few of its sentences,
quoted whole and in document order, each with its locator:

- a resolution or decision with numbered operative paragraphs: the opening sentence of its first top-level
  operative paragraphs (what the body welcomes, decides, requests), the preamble left out;
- any other document (a convention, a joint statement, a web page): the sentences closest to the document as a
  whole (each unit's stored vector against the mean of the document's units), at most one per passage, so that
  the quotes spread over the text rather than repeat one part of it.

Nothing is generated: every sentence is a unit the answerer could quote for any question.
"""
from __future__ import annotations

import re
from typing import Callable, Mapping, Sequence

import numpy as np

from . import docmeta, languages, structure
from .retrieval import tokenize
from .schema import Chunk
from .segmentation import unit_spans

# "Summarize 78/16", "Give me an overview of the Paris Call", "What are the main points of ...", "What is ... about?",
# "What does the Paris Call say?" (and nothing more).
SUMMARY_QUESTION = re.compile(
    r"\b(?:summari[sz]e|summary|summarise|overview|outline|gist|synopsis|in a nutshell|in brief|briefly)\b|"
    r"\b(?:main|key|principal|central|essential|most important)\s+(?:points?|takeaways?|messages?|elements?|"
    r"provisions?|ideas?|contents?|commitments?|decisions?|insights?)\b|"
    r"^\s*what\s+(?:is|are)\b.*\babout\s*\??\s*$|"
    r"^\s*what\s+(?:does|do|did)\b.*\b(?:say|state|contain|cover)\s*\??\s*$|"
    # the same request in the other languages the assistant reads, when the glossary leaves the verb as written
    r"\br[ée]sum(?:e|ez|er|é|ée)\b|\bsynth[èe]se\b|\bsa[žz]m(?:i|ite)\b|\bsa[žz]etak\b|\brezimir\w*|\bсажми\w*|"
    r"\bсажетак\w*|\bsamenvat\w*|\bvat\b.*\bsamen\b|\bzusammenfass\w*|\bfasse?\b.*\bzusammen\b",
    re.IGNORECASE,
)
# The words of such a request, which say nothing about what in the document is wanted.
_REQUEST_WORDS = frozenset(tokenize(
    "summarize summarise summary overview outline gist synopsis nutshell brief briefly main key principal central "
    "essential most important points point takeaways takeaway messages message elements element provisions "
    "provision ideas idea contents content commitments commitment decisions insights say says said state states "
    "contain contains cover covers about give me please short document text can you could provide "
    "résume résumez résumer résumé synthèse sažmi sažmite sažetak rezimiraj rezimirajte сажми сажмите сажетак "
    "samenvatting vat samen zusammenfassung fasse fassen zusammen "
    # what the document is called, when the name taken out left its kind behind ("la résolution", "rezoluciju")
    "resolution resolutions résolution rezolucija rezoluciju rezolucije резолуција резолуцију resolutie "
    "convention konvencija konvenciju verdrag konvention übereinkommen statement izjava izjavu verklaring erklärung "
    "declaration report izvještaj izveštaj rapport bericht decision odluka odluku décision besluit beschluss page "
    "call appel poziv oproep appell"))
_OPERATIVE_LABEL = re.compile(r"^para\. (\d+)$")
SUMMARY_UNITS = 6


def asks_for_summary(question: str, rules: str, topic: str) -> bool:
    """Whether the question (as asked, or `rules`, its English rendering) asks what a document says as a whole: a
    summary request whose `topic` (the question without the document's name) has no word of its own."""
    return bool(SUMMARY_QUESTION.search(question) or SUMMARY_QUESTION.search(rules)) and \
        not (set(tokenize(topic)) - _REQUEST_WORDS)


# "Article 1 / Statement of purpose": what a convention says it is for.
_PURPOSE_ARTICLE = re.compile(r"^(?:#+\s*)?Article\s+(\d+)\s*\n\s*\n?(?:#+\s*)?(?:Statement of purposes?|Purposes?|"
                              r"Object(?:ives?| and purpose)?|Aims?)\s*$", re.IGNORECASE | re.MULTILINE)


def _instrument_of(label: str | None) -> str | None:
    """The key of the well-known instrument a label is inside ("United Nations Convention against Cybercrime||art. 2")."""
    if not label or structure.INSTRUMENT_SEP not in label:
        return None
    inst = docmeta.instrument_for_title(label.split(structure.INSTRUMENT_SEP, 1)[0])
    return inst.key if inst else None


def summary_quotes(chunks: Sequence[Chunk], unit_vectors: Callable[[Sequence[str]], Mapping[str, np.ndarray]],
                   limit: int = SUMMARY_UNITS, instruments: frozenset[str] = frozenset(),
                   languages_wanted: Sequence[str] = ()) -> list[tuple[Chunk, int, int]]:
    """(chunk, start, end) of the units that summarize the document whose chunks (in order) are `chunks`.

    `instruments`: keys of the well-known instruments the question names. When the document holds one of them
    annexed (a resolution adopting a convention), the summary is of that instrument: its statement of purpose if
    it has an article so titled, else its most central sentences."""
    units = [(c, k, c.start + s, c.start + e) for c in chunks for k, (s, e, _) in enumerate(unit_spans(c.text))]
    if languages_wanted:
        # A bilingual text (the Budapest Convention in English, then in Dutch) is summarized in the first of
        # `languages_wanted` (the question's, then English) that it has enough sentences in.
        detected = [languages.detect(c.text[s - c.start:e - c.start]) for c, _, s, e in units]
        for wanted in languages_wanted:
            own = [u for u, lang in zip(units, detected) if lang == wanted]
            if len(own) >= limit:
                units = own
                break
    inside = [u for u in units if _instrument_of(u[0].anchor_at(u[2])[1]) in instruments] if instruments else []
    if inside:
        purpose = {m.group(1) for c in chunks for m in _PURPOSE_ARTICLE.finditer(c.text)}
        stated = [(c, s, e) for c, _, s, e in inside
                  if re.fullmatch(r"art\. (\d+)(?:\(.*)?", structure.paragraph_label(c.anchor_at(s)[1]) or "")
                  and re.match(r"art\. (\d+)", structure.paragraph_label(c.anchor_at(s)[1])).group(1) in purpose
                  and _is_sentence(c.text[s - c.start:e - c.start])]
        return stated[:limit] if stated else _central(inside, unit_vectors, limit)
    operative: list[tuple[Chunk, int, int]] = []
    seen_paragraphs: set[str] = set()
    for c, _, start, end in units:
        label = c.anchor_at(start)[1] or ""
        m = _OPERATIVE_LABEL.match(label)
        if m and label not in seen_paragraphs and _is_sentence(c.text[start - c.start:end - c.start]):
            seen_paragraphs.add(label)
            operative.append((c, start, end))
    if len(operative) >= 2:
        return operative[:limit]
    return _central(units, unit_vectors, limit)


def _is_sentence(text: str, words: int = 3) -> bool:
    """Words enough to say something: not a paragraph number left alone at a passage's end ("5.")."""
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= words


def _central(units: list[tuple[Chunk, int, int, int]],
             unit_vectors: Callable[[Sequence[str]], Mapping[str, np.ndarray]], limit: int) -> list[tuple[Chunk, int, int]]:
    stored = unit_vectors(list(dict.fromkeys(c.chunk_id for c, *_ in units))) if units else {}
    rows, kept = [], []
    for c, k, start, end in units:
        matrix = stored.get(c.chunk_id)
        if matrix is not None and k < len(matrix) and matrix[k].any() and _is_sentence(c.text[start - c.start:end - c.start], 6):
            rows.append(matrix[k])
            kept.append((c, start, end))
    if not kept:
        return [(c, s, e) for c, _, s, e in units[:limit]]
    vectors = np.stack(rows).astype(np.float32)
    mean = vectors.mean(axis=0)
    scores = vectors @ (mean / (np.linalg.norm(mean) or 1.0))
    chosen: list[tuple[Chunk, int, int]] = []
    used: set[str] = set()
    for i in np.argsort(-scores, kind="stable"):
        c, start, end = kept[int(i)]
        if c.chunk_id in used:
            continue
        used.add(c.chunk_id)
        chosen.append((c, start, end))
        if len(chosen) >= limit:
            break
    return sorted(chosen, key=lambda q: q[1])
