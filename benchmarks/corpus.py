"""A deterministic generator of diplomacy-like Markdown documents, sized in chunks of our own chunker."""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from assistant import sources as source_loader
from assistant.chunking import chunk_document, embedding_text

FORUMS = [
    ("Open-ended Working Group", "OEWG"), ("Group of Governmental Experts", "GGE"),
    ("Organization for Security and Co-operation in Europe", "OSCE"), ("ASEAN Regional Forum", "ARF"),
    ("Organization of American States", "OAS"), ("African Union", "AU"), ("European Union", "EU"),
    ("North Atlantic Treaty Organization", "NATO"), ("Global Forum on Cyber Expertise", "GFCE"),
    ("International Telecommunication Union", "ITU"), ("Council of Europe", "CoE"),
]
PUBLISHERS = [
    "United Nations Office for Disarmament Affairs", "OSCE Secretariat", "European External Action Service",
    "Ministry of Foreign Affairs", "Federal Foreign Office", "Foreign, Commonwealth & Development Office",
    "Department of Foreign Affairs and Trade", "ASEAN Secretariat", "Geneva Internet Platform",
]
SYMBOLS = [
    "A/70/174", "A/65/201", "A/68/98", "A/76/135", "A/RES/73/27", "A/RES/73/266", "A/RES/76/19",
    "A/75/816", "A/77/275", "A/78/265", "PC.DEC/1106", "PC.DEC/1202", "PC.DEC/1039", "S/2021/1029",
    "A/AC.290/2021/CRP.2", "A/RES/77/37", "A/79/214",
]
TOPICS = [
    "confidence-building measures", "capacity building", "critical infrastructure protection",
    "the application of international law in cyberspace", "norms of responsible State behaviour",
    "ransomware", "attribution of malicious ICT activity", "points of contact networks",
    "the protection of CERTs and CSIRTs", "supply chain security", "the Programme of Action",
    "cyber diplomacy toolbox", "due diligence", "human rights online", "election infrastructure",
    "public-private partnerships", "incident response cooperation", "the digital divide",
    "regional cooperation", "the humanitarian consequences of cyber operations",
]
ACTORS = [
    "Member States", "the Group", "participating States", "the Union", "the Secretariat", "delegations",
    "the Chair", "regional organizations", "national CERTs", "the Council", "Allies", "experts",
]
VERBS = [
    "reaffirmed", "welcomed", "called for", "emphasized", "recommended", "noted", "agreed on",
    "encouraged", "recognized", "endorsed", "proposed", "underlined",
]
EXTRAS = [
    "through voluntary reporting", "on a regular basis", "within existing resources", "in line with the UN Charter",
    "at the regional and subregional levels", "with the support of the private sector", "as a matter of priority",
    "building on previous consensus reports", "in cooperation with civil society", "subject to national legislation",
]
PLACES = ["Geneva", "New York", "Vienna", "Brussels", "Singapore", "Addis Ababa", "Washington", "Sarajevo", "Tallinn"]

# Made-up names grow the vocabulary with the corpus, as real collections do (people, places, bodies).
SYLLABLES = ["ka", "ro", "vel", "tan", "mir", "os", "da", "lun", "bre", "zi", "nor", "quo", "ash", "pel", "ru",
             "sten", "ia", "gor", "lem", "ux", "fa", "dri", "kov", "en", "sal", "tor", "wy", "ba", "cel", "hom"]

TEMPLATES = [
    "Ambassador {person} of {country} {verb} {topic} {extra}.",
    "The {country} Centre for Cyber Security {verb} {topic} at a workshop in {city}.",
    "{actor} {verb} {topic} {extra}.",
    "In its report {symbol}, the {forum} {verb} {topic}.",
    "The {abbr} {verb} the importance of {topic} for international peace and security.",
    "At the {year} session in {place}, {actor} {verb} {topic} {extra}.",
    "Several delegations stressed that {topic} should be implemented {extra}.",
    "The report {symbol} sets out eleven voluntary, non-binding norms, including on {topic}.",
    "{actor} {verb} that the {abbr} remains the central venue for discussions on {topic}.",
    "Following resolution {symbol}, the {forum} held consultations on {topic} in {year}.",
    "The {abbr} framework complements the work on {topic} {extra}.",
    "Progress on {topic} was reviewed by {actor} in {place} in {year}.",
    "It was {verb2} that {topic} requires sustained funding and trained personnel.",
    "{actor} {verb} a proposal by the {abbr} to strengthen {topic}.",
]
ITEMS = [
    "designate a national point of contact for {topic}",
    "share information on {topic} {extra}",
    "report on the implementation of {symbol}",
    "support {topic} in developing countries",
    "consult the {abbr} before adopting measures on {topic}",
    "hold regular exercises on {topic}",
    "publish national views on {topic}",
]
HEADINGS = [
    "Background", "Introduction", "Key findings", "Recommendations", "Implementation", "The way forward",
    "Regional perspectives", "Capacity building", "International law", "Norms and principles",
    "Confidence-building measures", "Annex", "Summary of discussions", "Next steps",
]


@dataclass(frozen=True)
class Corpus:
    """A generated sources folder and what our chunker makes of it."""

    root: Path
    documents: int
    chunks: int
    chars: int


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _sentence(rng: random.Random, template: str | None = None) -> str:
    forum, abbr = rng.choice(FORUMS)
    return (template or rng.choice(TEMPLATES)).format(
        person=f"{_name(rng, 2)} {_name(rng, 3)}", country=_name(rng, 3), city=_name(rng, 2),
        actor=rng.choice(ACTORS), verb=rng.choice(VERBS), verb2=rng.choice(["noted", "stressed", "recalled"]),
        topic=rng.choice(TOPICS), extra=rng.choice(EXTRAS), symbol=rng.choice(SYMBOLS), forum=forum,
        abbr=abbr, year=rng.randint(2004, 2025), place=rng.choice(PLACES),
    ).replace("the the", "the")


def _capitalize(text: str) -> str:
    return text[0].upper() + text[1:]


def document_text(seed: int, n: int) -> tuple[str, str]:
    """File name and Markdown text (front matter, headings, paragraphs, lists) of document `n`."""
    rng = random.Random(f"{seed}:{n}")
    forum, abbr = rng.choice(FORUMS)
    topic = rng.choice(TOPICS)
    title = f"{abbr} {rng.choice(['report', 'statement', 'chair summary', 'working paper', 'briefing'])} on {topic}"
    lines = [
        "---",
        f'title: "{_capitalize(title)} ({n})"',
        f'publisher: "{rng.choice(PUBLISHERS)}"',
        f'date: "{rng.randint(2010, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"',
        "---",
        f"# {_capitalize(title)}",
        "",
        " ".join(_sentence(rng) for _ in range(rng.randint(2, 4))),
        "",
    ]
    for _ in range(rng.randint(2, 5)):
        lines += [f"## {rng.choice(HEADINGS)}", ""]
        for _ in range(rng.randint(1, 3)):
            lines += [" ".join(_capitalize(_sentence(rng)) for _ in range(rng.randint(3, 7))), ""]
        if rng.random() < 0.6:
            lead = f"To advance {rng.choice(TOPICS)}, {rng.choice(ACTORS)} {rng.choice(VERBS)} that States should:"
            items = [f"- {_sentence(rng, rng.choice(ITEMS))};" for _ in range(rng.randint(3, 6))]
            lines += [_capitalize(lead), *items, ""]
        if rng.random() < 0.3:
            lines += [f"### {rng.choice(HEADINGS)} ({forum})", "", " ".join(_sentence(rng) for _ in range(3)), ""]
    return f"doc-{n:06d}.md", "\n".join(lines)


def generate(root: Path, target_chunks: int, seed: int = 7) -> Corpus:
    """Write documents under `root` until our chunker makes at least `target_chunks` chunks of them.

    The same seed always writes the same bytes, and a smaller corpus is a prefix of a larger one.
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    chunks = chars = n = 0
    while chunks < target_chunks:
        name, text = document_text(seed, n)
        path = root / name
        path.write_text(text, encoding="utf-8")
        doc = source_loader.load_document(path, root)
        chunks += len(chunk_document(doc))
        chars += len(doc.text)
        n += 1
    return Corpus(root, n, chunks, chars)


def chunk_texts(root: Path, chunk_tokens: int = 160) -> list[str]:
    """What the embedder sees for every chunk of the corpus, in ingest order."""
    paths, _ = source_loader.discover(Path(root))
    return [
        embedding_text(c)
        for path in paths
        for c in chunk_document(source_loader.load_document(path, Path(root)), chunk_tokens)
    ]


def unit_texts(root: Path, chunk_tokens: int = 160) -> list[str]:
    """What the embedder also sees, for a model without late chunking (e5): each answer unit in its context
    (heading, a list's lead-in, the unit), as the ingest embeds them (assistant.answer.unit_context)."""
    from assistant.answer import unit_context
    from assistant.segmentation import unit_spans

    paths, _ = source_loader.discover(Path(root))
    return [
        unit_context(c, s, e, is_list)
        for path in paths
        for c in chunk_document(source_loader.load_document(path, Path(root)), chunk_tokens)
        for s, e, is_list in unit_spans(c.text)
    ]


QUESTION_TEMPLATES = [
    "What did the {abbr} say about {topic}?",
    "What is {symbol}?",
    "Which norms concern {topic}?",
    "How do {actor} support {topic}?",
    "What was agreed in {place} on {topic}?",
    "What does the {forum} recommend on {topic}?",
    "What is the role of the Zorblax Commission in {topic}?",  # a name the corpus never mentions: abstains
    "What did Ambassador {person} say about {topic}?",
]


def questions(count: int, seed: int = 11) -> list[str]:
    """Deterministic, distinct questions about the generated corpus."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < count:
        q = _sentence(rng, QUESTION_TEMPLATES[len(out) % len(QUESTION_TEMPLATES)])
        if q not in out:
            out.append(q)
    return out
