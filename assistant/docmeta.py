"""Document metadata found in the text itself (symbol, title, adoption date, body, kind, aliases).

Used when neither the catalog nor front matter says what a document is. Also home of the one table
of well-known cyber instruments (`INSTRUMENTS`) and of `symbol_key`, which `references` shares so a
question's "res. 78/16" and a document's "A/RES/78/16" compare equal.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

import yaml


@dataclass(frozen=True)
class DetectedMeta:
    """What the text says about itself; None where it says nothing reliable."""

    symbol: str | None
    title: str | None
    date: str | None  # ISO date of adoption (or signature / issue when no adoption date is given)
    body: str | None
    kind: str | None  # "resolution", "decision", "convention", "report", "statement"
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Instrument:
    """A well-known cyber instrument: the short names people use and what identifies it."""

    key: str
    name: str  # formal name
    aliases: tuple[str, ...]  # names people use, as shown to users
    titles: tuple[str, ...]  # regexes searched (case-insensitive) in a document title
    mentions: tuple[str, ...]  # regexes found (case-insensitive) in a question
    acronyms: tuple[str, ...] = ()  # case-sensitive regexes in a question ("PoA", not "poa")
    body: str | None = None
    symbol: str | None = None
    kind: str | None = None


# Titles are anchored where a looser match would catch a different document: "Convention on Cybercrime"
# must not catch the "United Nations Convention against Cybercrime" or an explanatory report about it.
INSTRUMENTS: tuple[Instrument, ...] = (
    Instrument(
        "budapest-convention", "Convention on Cybercrime",
        ("Budapest Convention", "Convention on Cybercrime", "ETS No. 185"),
        (r"^(?:the\s+)?(?:council of europe\s+)?convention on cybercrime\b", r"^(?:the\s+)?budapest convention\b"),
        # "convention (of) Budapest": a question in French, Dutch or BCS rendered word by word ("la Convention de
        # Budapest", "het Verdrag van Boedapest", "Budimpeštanska konvencija" keeps its order as "Budapest convention")
        (r"\bbudapest convention(?: on cybercrime)?\b", r"\b(?:council of europe\s+|coe\s+)?convention on cybercrime\b",
         r"\bconvention\s+(?:of\s+|from\s+)?budapest\b"),
        body="Council of Europe", symbol="ETS No. 185", kind="convention"),
    Instrument(
        "un-cybercrime-convention", "United Nations Convention against Cybercrime",
        ("United Nations Convention against Cybercrime", "UN Convention against Cybercrime",
         "UN Cybercrime Convention", "Hanoi Convention"),
        (r"\bconvention against cybercrime\b", r"^(?:united nations|un)\s+(?:cybercrime convention|convention on cybercrime)\b"),
        # "UN Convention on Cybercrime" is a common misnomer for this one, never for Budapest.
        (r"\b(?:(?:the\s+)?(?:united nations|u\.?n\.?)\s+)?convention against cybercrime\b",
         r"\b(?:united nations|u\.?n\.?)\s+(?:cybercrime convention|convention on cybercrime)\b",
         # "the Hanoi convention on cybercrime" is this one (signed in Hanoi), not Budapest's Convention on Cybercrime
         r"\bhanoi convention(?:\s+(?:on|against)\s+cybercrime)?\b"),
        body="General Assembly", kind="convention"),
    Instrument(
        "paris-call", "Paris Call for Trust and Security in Cyberspace", ("Paris Call",),
        (r"^(?:the\s+)?paris call for trust (?:and|&) security in cyberspace\b",),
        (r"\bparis call\b", r"\bcall\s+(?:of\s+|from\s+)?paris\b"), kind="statement"),
    Instrument(
        "tallinn-manual", "Tallinn Manual on the International Law Applicable to Cyber Operations",
        ("Tallinn Manual", "Tallinn Manual 2.0"),
        (r"^(?:the\s+)?tallinn manual\b",), (r"\btallinn manual(?: 2\.0)?\b",)),
    Instrument(
        "christchurch-call", "Christchurch Call to Eliminate Terrorist and Violent Extremist Content Online",
        ("Christchurch Call",), (r"^(?:the\s+)?christchurch call\b",), (r"\bchristchurch call\b",),
        kind="statement"),
    Instrument(
        "programme-of-action",
        "Programme of action to advance responsible State behaviour in the use of information and "
        "communications technologies in the context of international security",
        ("Programme of Action", "PoA"),
        (r"^programme of action to advance responsible state behaviou?r in the use of information",),
        (r"\bprogram(?:me)? of action\b",), (r"\bPoA\b", r"\bPOA\b")),
    Instrument(
        "counter-ransomware-initiative", "Counter Ransomware Initiative", ("Counter Ransomware Initiative", "CRI"),
        (r"\bcounter[- ]ransomware initiative\b",), (r"\bcounter[- ]ransomware initiative\b",), (r"\bCRI\b",)),
    Instrument(
        "pall-mall-process", "Pall Mall Process", ("Pall Mall Process",),
        (r"\bpall mall process\b",), (r"\bpall mall process\b",)),
    Instrument(
        "malabo-convention", "African Union Convention on Cyber Security and Personal Data Protection",
        ("Malabo Convention", "AU Convention on Cyber Security and Personal Data Protection"),
        (r"^(?:the\s+)?african union convention on cyber ?security and personal data protection\b",
         r"^(?:the\s+)?malabo convention\b"),
        (r"\bmalabo convention\b", r"\b(?:african union|au)\s+convention on cyber ?security\b"),
        body="African Union", kind="convention"),
    Instrument(
        "eu-cybersecurity-act", "Regulation (EU) 2019/881 (Cybersecurity Act)", ("Cybersecurity Act",),
        (r"^regulation \(eu\) 2019/881\b", r"\(cybersecurity act\)"),
        # National acts share the name; "Cybersecurity Act of 2015" / "Cybersecurity Act 2018" are not this.
        (r"\b(?:eu\s+|european\s+)?cyber ?security act\b(?!\s+(?:of\s+)?\d{4})", r"\bregulation \(eu\) 2019/881\b"),
        body="European Union"),
    Instrument(
        "nis2-directive", "Directive (EU) 2022/2555 (NIS 2 Directive)", ("NIS2 Directive", "NIS 2 Directive"),
        (r"^directive \(eu\) 2022/2555\b", r"\bnis ?2 directive\b"),
        (r"\bnis ?2(?: directive)?\b", r"\bdirective \(eu\) 2022/2555\b"), body="European Union"),
    Instrument(
        "cyber-diplomacy-toolbox", "Framework for a Joint EU Diplomatic Response to Malicious Cyber Activities",
        ("Cyber Diplomacy Toolbox",),
        (r"\bjoint eu diplomatic response to malicious cyber activities\b", r"\bcyber[- ]diplomacy toolbox\b"),
        (r"\b(?:eu\s+)?cyber[- ]diplomacy toolbox\b", r"\bjoint eu diplomatic response to malicious cyber activities\b"),
        body="European Union"),
)
INSTRUMENTS_BY_KEY = {i.key: i for i in INSTRUMENTS}

_TITLE_RES = [(i, [re.compile(p, re.I) for p in i.titles]) for i in INSTRUMENTS]
_MENTION_RES = [(i, [re.compile(p, re.I) for p in i.mentions] + [re.compile(p) for p in i.acronyms])
                for i in INSTRUMENTS]


def instrument_for_title(title: str | None) -> Instrument | None:
    """The well-known instrument a document title identifies, if any."""
    norm = " ".join((title or "").split())
    for inst, patterns in _TITLE_RES:
        if any(p.search(norm) for p in patterns):
            return inst
    return None


def find_instruments(text: str) -> list[tuple[int, int, Instrument]]:
    """Non-overlapping (start, end, instrument) mentions in `text`, longest first where they overlap."""
    found = [(m.start(), m.end(), inst) for inst, patterns in _MENTION_RES for p in patterns
             for m in p.finditer(text)]
    # Longest wins so "UN Convention on Cybercrime" is not read as its "Convention on Cybercrime" tail.
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken: list[tuple[int, int, Instrument]] = []
    for f in found:
        if all(f[1] <= t[0] or f[0] >= t[1] for t in taken):
            taken.append(f)
    return sorted(taken, key=lambda f: f[0])


# --- symbols ------------------------------------------------------------------------------------

_SESSION_NO = r"(\d{1,3})/(\d{1,4})"
_KEY_FORMS = (
    (re.compile(rf"A/RES/{_SESSION_NO}", re.I), lambda m: f"{int(m[1])}/{int(m[2])}"),
    (re.compile(rf"A/DEC/{_SESSION_NO}", re.I), lambda m: f"A/DEC/{int(m[1])}/{int(m[2])}"),
    (re.compile(rf"A/HRC/RES/{_SESSION_NO}", re.I), lambda m: f"A/HRC/RES/{int(m[1])}/{int(m[2])}"),
    (re.compile(r"S/RES/(\d{1,5})(?:\s*\(\d{4}\))?", re.I), lambda m: f"S/RES/{int(m[1])}"),
    (re.compile(rf"(?:(?:human rights council|hrc)\s+)resolution\s+{_SESSION_NO}", re.I),
     lambda m: f"A/HRC/RES/{int(m[1])}/{int(m[2])}"),
    (re.compile(r"(?:(?:security council|sc|unsc)\s+)?resolution\s+(\d{3,5})(?:\s*\(\d{4}\))?", re.I),
     lambda m: f"S/RES/{int(m[1])}"),
    (re.compile(rf"(?:(?:general assembly|ga|unga)\s+)?(?:decision|dec\.)\s*{_SESSION_NO}(?:\s+[A-H](?:\s+and\s+[A-H])?)?", re.I),
     lambda m: f"A/DEC/{int(m[1])}/{int(m[2])}"),
    (re.compile(rf"(?:(?:general assembly|ga|unga)\s+)?(?:resolution|res\.?)?\s*{_SESSION_NO}", re.I),
     lambda m: f"{int(m[1])}/{int(m[2])}"),
    (re.compile(r"C?ETS\s*(?:No\.?|n°|nr\.?|#)?\s*(\d{1,3})", re.I), lambda m: f"ETS {int(m[1])}"),
    (re.compile(r"(?:OSCE\s+)?PC\.DEC/(\d{1,5})", re.I), lambda m: f"PC.DEC/{int(m[1])}"),
    (re.compile(r"(?:OSCE\s+)?(MC|FSC)\.DEC/(\d{1,5})(?:/(\d{1,4}))?", re.I),
     lambda m: f"{m[1].upper()}.DEC/{int(m[2])}" + (f"/{int(m[3])}" if m[3] else "")),
    (re.compile(r"(?:OSCE\s+)?Permanent Council Decision\s+(?:No\.?\s*)?(\d{1,5})", re.I),
     lambda m: f"PC.DEC/{int(m[1])}"),
    (re.compile(r"[ASE](?:/[A-Z0-9][A-Z0-9.\-]*)*/\d[A-Z0-9.\-/]*", re.I), lambda m: m[0].upper()),
)


def symbol_key(text: str | None) -> str | None:
    """Canonical comparison key of a symbol in any usual spelling; None if `text` is not one symbol.

    GA resolutions become "78/16" (A/RES/78/16, res. 78/16, GA resolution 78/16); GA decisions
    "A/DEC/77/512"; HRC resolutions "A/HRC/RES/20/8"; Security Council "S/RES/2341" (year dropped);
    ETS and CETS numbers (one series) "ETS 185"; OSCE "PC.DEC/1202"; other UN symbols upper-cased.
    """
    norm = " ".join((text or "").split()).rstrip(".,;:")
    norm = re.sub(r"^(?:the\s+|un\s+|united nations\s+)", "", norm, flags=re.I)
    for pattern, key in _KEY_FORMS:
        m = pattern.fullmatch(norm)
        if m:
            return key(m)
    return None


_UN_SYMBOL = re.compile(r"(?<![\w/])[ASE](?:/[A-Z0-9][A-Za-z0-9.\-]*)+(?: ?\(\d{4}\))?")
_COE_SYMBOL = re.compile(r"\bC?ETS\s+No\.?\s*\d{1,3}\b")
_OSCE_SYMBOL = re.compile(r"\b(?:PC|MC|FSC)\.DEC/\d{1,5}(?:/\d{1,4})?\b")
_ANY_SYMBOL = re.compile(f"{_UN_SYMBOL.pattern}|{_COE_SYMBOL.pattern}|{_OSCE_SYMBOL.pattern}")


def _clean_symbol(s: str) -> str | None:
    s = s.rstrip(".,;:")
    return s if re.search(r"\d", s) else None


_TREATY_SERIES = re.compile(r"\b(European|Council of Europe) Treaty Series\s*[-–—]?\s*No\.?\s*(\d{1,3})\b")
_DECISION_LINE = re.compile(r"^\s*(?:General Assembly\s+)?[Dd]ecision\s+(\d{1,3})/(\d{3,4})(?:\s+[A-H](?:\s+and\s+[A-H])?)?\s*$")


def _head_symbol(lines: list[str]) -> str | None:
    for line in lines[:15]:
        if m := _TREATY_SERIES.search(line):
            return f"{'ETS' if m[1] == 'European' else 'CETS'} No. {m[2]}"
        if m := _DECISION_LINE.match(line):
            return f"A/DEC/{m[1]}/{m[2]}"
    # The symbol standing alone on one of the first lines (the masthead: "United Nations  A/RES/78/16")
    # is the document's own; symbols inside sentences are cited ones.
    for line in lines[:40]:
        rest = re.sub(r"\bUnited Nations\b", "", line).strip()
        m = _ANY_SYMBOL.fullmatch(rest) or _ANY_SYMBOL.match(rest)
        if m and (m.end() == len(rest) or re.fullmatch(r"\s+\d{1,2} \w+ \d{4}", rest[m.end():])):
            if sym := _clean_symbol(m[0]):
                return sym
    # Otherwise the running header: a symbol that begins or ends several short lines (one per page).
    counts: dict[str, int] = {}
    for line in lines:
        line = line.strip()
        if len(line) > 160:
            continue
        tail = line[-40:]
        at_end = next((m for m in _ANY_SYMBOL.finditer(tail) if m.end() == len(tail)), None)
        if (m := _ANY_SYMBOL.match(line) or at_end) and (sym := _clean_symbol(m[0])):
            counts[sym] = counts.get(sym, 0) + 1
    best = max(counts.items(), key=lambda kv: kv[1], default=None)
    return best[0] if best and best[1] >= 2 else None


def _symbol_from_source(source: str) -> str | None:
    # Last resort: file names like "A-RES-73-27.txt", "A_DEC_77_512_A_and_B.txt", "CoE-ETS-185-....md".
    stem = PurePosixPath(source).name
    if m := re.match(r"(A|S)[-_](RES|DEC)[-_](\d{1,3})[-_](\d{1,4})(?!\d)", stem, re.I):
        return f"{m[1].upper()}/{m[2].upper()}/{m[3]}/{m[4]}"
    if m := re.search(r"(?<![A-Za-z])(C?ETS)[-_ ]?(?:No[-_. ]*)?(\d{1,3})(?!\d)", stem, re.I):
        return f"{m[1].upper()} No. {m[2]}"
    return None


def symbol_aliases(symbol: str) -> tuple[str, ...]:
    """Names people use for a document symbol: A/RES/78/16 -> ("A/RES/78/16", "78/16", "resolution 78/16")."""
    key = symbol_key(symbol)
    out = [symbol]
    if key and re.fullmatch(r"\d+/\d+", key):
        out += [key, f"resolution {key}"]
    elif key and key.startswith("A/DEC/"):
        out += [f"decision {key[6:]}"]
    elif key and key.startswith("A/HRC/RES/"):
        out += [f"Human Rights Council resolution {key[10:]}", f"HRC resolution {key[10:]}"]
    elif key and key.startswith("S/RES/"):
        year = re.search(r"\((\d{4})\)", symbol)
        out += ([f"resolution {key[6:]} ({year[1]})"] if year else []) + [f"resolution {key[6:]}"]
    elif key and key.startswith("ETS "):
        out += [f"ETS No. {key[4:]}", f"CETS No. {key[4:]}"]
    elif key and key.startswith("PC.DEC/"):
        out += [f"Permanent Council Decision No. {key[7:]}"]
    return tuple(dict.fromkeys(out))


# --- dates --------------------------------------------------------------------------------------

_MONTHS = ("january february march april may june july august september october november december").split()
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
          "XI": 11, "XII": 12}
DATE = (rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:day\s+)?(?:of\s+)?(?P<m1>{_MONTH}),?\s+(?P<y1>\d{{4}})"
        rf"|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
        rf"|(?P<d3>\d{{1,2}})\.(?P<m3>[IVX]{{1,4}})\.(?P<y3>\d{{4}})"
        rf"|(?P<y4>\d{{4}})-(?P<m4>\d{{2}})-(?P<d4>\d{{2}}))")
_DATE_RE = re.compile(DATE)


def parse_date(text: str) -> str | None:
    """ISO date of the first date written in `text` ("12th of November, 2018", "23.XI.2001"), or None."""
    m = _DATE_RE.search(text)
    return _iso(m) if m else None


def _iso(m: re.Match) -> str | None:
    try:
        if m["y1"]:
            day, month, year = int(m["d1"]), _MONTHS.index(m["m1"].lower()) + 1, int(m["y1"])
        elif m["y2"]:
            day, month, year = int(m["d2"]), _MONTHS.index(m["m2"].lower()) + 1, int(m["y2"])
        elif m["y3"]:
            day, month, year = int(m["d3"]), _ROMAN[m["m3"]], int(m["y3"])
        else:
            day, month, year = int(m["d4"]), int(m["m4"]), int(m["y4"])
        return dt.date(year, month, day).isoformat()
    except (KeyError, ValueError):  # "31 February", "23.XIV.2001": not a date after all
        return None


_BODIES = r"(General Assembly|Security Council|Human Rights Council|Permanent Council|Committee of Ministers)"
# In order of trust: the adoption formula, the plenary-meeting formula of decisions, the signature clause of
# treaties, a "Place, date" line, the meeting line closing a resolution.
_DATE_FORMS = (
    (re.compile(rf"adopted by the {_BODIES}\s*(?:at its [^.]{{0,60}}?meeting,?\s*)?on\s+{DATE}", re.I), 4000),
    (re.compile(rf"\bAt its [^.]{{0,40}}?(?:plenary )?meeting,?\s+(?:held\s+)?on\s+{DATE}"), 4000),
    (re.compile(rf"\bDone at [A-Z][\w\-]+(?: [A-Z][\w\-]+)?,?\s+(?:this\s+|on\s+(?:the\s+)?)?{DATE}", re.I), None),
    (re.compile(rf"^[ \t]*[A-Z][A-Za-z\-]+(?: [A-Z][A-Za-z\-]+)?,[ \t]+{DATE}[ \t.]*$", re.M), None),
    (re.compile(rf"\b\d+(?:st|nd|rd|th)\s+(?:\(resumed\)\s+)?(?:plenary\s+)?meeting\s*\n\s*{DATE}", re.I), None),
    # a communique's or statement's issue line: "Issued by NATO Heads of State ... in Vilnius 11 July 2023."
    (re.compile(rf"^\W*Issued (?:by|on|at|in)\b[^.]{{0,200}}?{DATE}", re.M), 3000),
    # an EU act's date line under its title: "REGULATION (EU) 2019/881 OF THE ..." then "of 17 April 2019"
    (re.compile(rf"\b(?:REGULATION|DIRECTIVE|DECISION)\s+\((?:EU|EC|EU, Euratom)\)[^\n]{{0,160}}\n\s*of\s+{DATE}"), 3000),
)
# Last resort: a date standing alone near the top (OSCE decisions, reports: the date of issue).
_HEAD_DATE = re.compile(rf"^\s*{DATE}\s*$")


_FR_MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
# A French text's adoption formula: "Résolution adoptée par l'Assemblée générale le 4 décembre 2023".
_FR_ADOPTED = re.compile(r"adoptée? par (?:l[’']Assemblée générale|le Conseil de sécurité|le Conseil des droits de "
                         rf"l[’']homme)[^.\n]{{0,60}}?\s+le\s+(\d{{1,2}})(?:er)?\s+({'|'.join(_FR_MONTHS)})\s+(\d{{4}})", re.I)


def _date(text: str) -> str | None:
    for pattern, limit in _DATE_FORMS:
        for m in pattern.finditer(text[:limit] if limit else text):
            if iso := _iso(m):
                return iso
    if m := _FR_ADOPTED.search(text[:4000]):
        try:
            return dt.date(int(m[3]), _FR_MONTHS.index(m[2].lower()) + 1, int(m[1])).isoformat()
        except ValueError:
            pass
    for line in text.splitlines()[:15]:
        if (m := _HEAD_DATE.match(line)) and (iso := _iso(m)):
            return iso
    return None


# --- titles, body, kind ---------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]*([A-Z0-9\"“(].*?)(?:[ \t]+#+)?[ \t]*$")
_RES_MARKER = re.compile(r"^\s*(\d{1,3})/(\d{1,4})\.\s+(\S.*)$")
_TITLE_END = re.compile(r"^\s*(?:The (?:General Assembly|Security Council|Human Rights Council|[A-Z][\w ]{2,40})|"
                        r"L[’'][A-ZÀ-Ý][\w\- ]{2,40}|(?:Le|La|Les|El|Los) [A-ZÀ-Ý][\w\- ]{2,40}),\s*$")
# A report's or conclusions' own title line: "Report of the Group of Governmental Experts on ...".
_REPORT_TITLE = re.compile(r"^\s*((?:(?:Final|Annual|Progress|Annual progress) r|R)eport of the [A-Z].*|"
                           r"Council conclusions on [a-z].*)$")
_CONVENTION_LINE = re.compile(
    r"^\s*((?:[A-Z][\w\-]*\s+){0,4}(?:Convention|Protocol) (?:on|against|for|to) (?:the )?[A-Z][^.;:]{2,150}?)\s*$")
_SC_TITLE = re.compile(r"^\s*(Resolution \d{3,5} \(\d{4}\))\s*$")
_OSCE_DECISION = re.compile(r"^\s*DECISION No\.\s*\d{1,5}\s*$", re.I)


def _front_matter(text: str) -> tuple[str, dict]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return text, {}
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return text, {}
    return (text[m.end():], data) if isinstance(data, dict) else (text, {})


def _join_lines(lines: list[str]) -> str:
    out = ""
    for line in lines:
        line = " ".join(line.split())
        # A line broken after a hyphen ("confidence-" / "building") keeps the hyphen, without a space.
        out += line if out.endswith("-") or not out else " " + line
    return out.strip()


def _resolution_title(lines: list[str]) -> tuple[str, str, str] | None:
    """(session, number, title) of the "73/27. Title" line that heads a resolution, title lines joined."""
    for i, line in enumerate(lines[:60]):
        m = _RES_MARKER.match(line)
        if not m:
            continue
        parts, blanks = [m[3]], 0
        for nxt in lines[i + 1:i + 12]:
            if _TITLE_END.match(nxt) or blanks >= 2 or len(parts) >= 6:
                break
            if not nxt.strip():
                blanks += 1
                continue
            blanks = 0
            parts.append(nxt)
        return m[1], m[2], _join_lines(parts)
    return None


def _markdown_title(lines: list[str]) -> str | None:
    # Headings before the first prose line; one naming a known instrument wins ("####Convention on
    # Cybercrime" under the Dutch "##Verdrag ..." heading of a bilingual treaty page).
    headings: list[str] = []
    for line in lines[:80]:
        m = _HEADING.match(line)
        if m:
            headings.append(" ".join(re.sub(r"[*_`]", "", m[1]).split()))
        elif len(line.strip()) >= 60 and not line.lstrip().startswith("<"):
            break
    for h in headings:
        if instrument_for_title(h):
            return h
    return headings[0] if headings else None


def _plain_title(lines: list[str]) -> str | None:
    for i, line in enumerate(lines[:30]):
        if (m := _CONVENTION_LINE.match(line)) or (m := _SC_TITLE.match(line)):
            return " ".join(m[1].split())
        if _OSCE_DECISION.match(line):  # the title follows "DECISION No. 1202", up to the preamble
            parts = []
            for nxt in lines[i + 1:i + 6]:
                if not nxt.strip() and parts or _TITLE_END.match(nxt):
                    break
                parts.append(nxt)
            return _join_lines(parts) or None
        if i < 5 and len(line) < 200 and instrument_for_title(line.strip()):  # "Paris Call for Trust ..."
            return " ".join(line.split())
        nxt = next((n for n in lines[i + 1:i + 3] if n.strip()), "")
        if i >= 3 and re.match(r"\s*Note by the Secretary-General\s*$", nxt) and 20 <= len(line.strip()) < 200 \
                and line.strip()[-1:] not in ".;:," and not _REPORT_TITLE.match(line):
            # the title printed just above "Note by the Secretary-General" ("Open-ended working group on ...")
            prev = lines[i - 1].strip()
            wrapped = line.strip()[:1].islower() and prev and prev[-1:] not in ".;:,"
            title = _join_lines([prev, line] if wrapped else [line])
            # a word broken at the line end ("com-" / "munications") that the document writes whole elsewhere
            whole = "\n".join(lines).lower()
            return re.sub(r"\b([A-Za-z]+)-([a-z]+)\b", lambda m: m[1] + m[2] if (m[1] + m[2]).lower() in whole
                          and m[0].lower() not in whole else m[0], title)
        if _REPORT_TITLE.match(line):  # its lines up to "Note by the Secretary-General", a blank or a sentence
            parts = [line]
            for nxt in lines[i + 1:i + 4]:
                if not nxt.strip() or re.match(r"\s*(?:Note|Letter)\b", nxt) or parts[-1].rstrip()[-1:] in ".;:," \
                        or len(parts[-1].strip()) < 60:  # a short line is the title's last
                    break
                parts.append(nxt)
            return _join_lines(parts)
    return None


def _body(head: str, symbol: str | None, inst: Instrument | None) -> str | None:
    if m := re.search(rf"adopted by the {_BODIES}", head, re.I):
        return _body_name(m[1])
    key = symbol_key(symbol) or ""
    if key.startswith("A/HRC/"):
        return "Human Rights Council"
    if key.startswith("S/"):
        return "Security Council"
    if key.startswith("ETS "):
        return "Council of Europe"
    if key.startswith("PC.DEC/"):
        return "OSCE Permanent Council"
    if key.startswith("A/") or re.fullmatch(r"\d+/\d+", key):
        return "General Assembly"
    for phrase, name in (("Human Rights Council", None), ("Security Council", None), ("General Assembly", None),
                         ("Council of Europe", None), ("Permanent Council", "OSCE Permanent Council")):
        if re.search(rf"\b{phrase}\b", head) and (name is None or "OSCE" in head):
            return name or phrase
    return inst.body if inst else None


def _body_name(found: str) -> str:
    name = " ".join(w.capitalize() for w in found.split())
    return "OSCE Permanent Council" if name == "Permanent Council" else name


def _kind(head: str, symbol: str | None, title: str | None, inst: Instrument | None) -> str | None:
    key = symbol_key(symbol) or ""
    if key.startswith(("A/DEC/", "PC.DEC/")) or re.search(r"^\W*(?:[A-H]\s+)?At its [^.]{0,40}?plenary meeting", head):
        return "decision"
    if re.fullmatch(r"\d+/\d+", key) or key.startswith(("S/RES/", "A/HRC/RES/")) or \
            re.search(r"\bResolution adopted by\b", head):
        return "resolution"
    low = (title or "").lower()
    if key.startswith("ETS ") or re.search(r"\bconvention\b", low):
        return "convention"
    if re.match(r"(?:final |annual |annual progress |progress )?report\b", low) or \
            re.search(r"^\s*(?:Report of the|Final report)\b", head, re.M):
        return "report"
    if re.search(r"\b(?:joint )?statement\b", low):
        return "statement"
    return inst.kind if inst else None


def detect(text: str, source: str = "") -> DetectedMeta:
    """Metadata the document states about itself: symbol, title, adoption date, issuing body, kind, aliases."""
    body_text, front = _front_matter(text or "")
    lines = body_text.splitlines()
    head = body_text[:2500]

    symbol = _head_symbol(lines)
    res = _resolution_title(lines)
    if res and not symbol and re.search(r"Resolution adopted by the General Assembly", head):
        symbol = f"A/RES/{res[0]}/{res[1]}"
    elif res and not symbol and re.search(r"Resolution adopted by the Human Rights Council", head):
        symbol = f"A/HRC/RES/{res[0]}/{res[1]}"

    title = front.get("title") if isinstance(front.get("title"), str) else None
    title = title or (res[2] if res else None) or _markdown_title(lines) or _plain_title(lines)
    title = " ".join(title.split()) if title else None
    inst = instrument_for_title(title)

    symbol = symbol or _symbol_from_source(source) or (inst.symbol if inst else None)
    date = _date(body_text)
    if not date and front.get("date"):
        date = parse_date(str(front["date"])) or None
    aliases = list(symbol_aliases(symbol)) if symbol else []
    if inst:
        aliases += [inst.name, *inst.aliases]
    aliases = [a for a in dict.fromkeys(aliases) if a != title]
    return DetectedMeta(symbol=symbol, title=title, date=date, body=_body(head, symbol, inst),
                        kind=_kind(head, symbol, title, inst), aliases=tuple(aliases))


# --- publisher ---------------------------------------------------------------------------------------------
# The issuing body's full name, for bodies known by a short one.
_FULL_BODY_NAMES = {"General Assembly": "United Nations General Assembly",
                    "Security Council": "United Nations Security Council",
                    "Human Rights Council": "United Nations Human Rights Council"}


def publisher_of(meta: DetectedMeta) -> str | None:
    """The issuing body as a publisher, when the document's symbol vouches for it ("A/RES/…": the General
    Assembly; "ETS No. …": the Council of Europe). A body only named somewhere in the head is no publisher: a
    news page that mentions the General Assembly is not the Assembly's."""
    if not (meta.symbol and meta.body):
        return None
    return _FULL_BODY_NAMES.get(meta.body, meta.body)


# Well-known publishers of cyber-diplomacy pages, by web host (an archived White House page included). A page
# whose front matter or catalog names no publisher is theirs when its URL is.
_HOST_PUBLISHERS = (
    (r"(?:^|\.)(?:\w+)?whitehouse(?:\.archives)?\.gov$", "The White House"),
    (r"(?:^|\.)state\.gov$", "U.S. Department of State"),
    (r"(?:^|\.)cisa\.gov$", "U.S. Cybersecurity and Infrastructure Security Agency (CISA)"),
    (r"(?:^|\.)justice\.gov$", "U.S. Department of Justice"),
    (r"(?:^|\.)un\.org$", "United Nations"),
    (r"(?:^|\.)unoda\.org$", "United Nations Office for Disarmament Affairs"),
    (r"(?:^|\.)unodc\.org$", "United Nations Office on Drugs and Crime"),
    (r"(?:^|\.)itu\.int$", "International Telecommunication Union"),
    (r"(?:^|\.)coe\.int$", "Council of Europe"),
    (r"(?:^|\.)osce\.org$", "OSCE"),
    (r"(?:^|\.)nato\.int$", "NATO"),
    (r"(?:^|\.)consilium\.europa\.eu$", "Council of the European Union"),
    (r"(?:^|\.)eeas\.europa\.eu$", "European External Action Service"),
    (r"(?:^|\.)enisa\.europa\.eu$", "ENISA"),
    (r"(?:^|\.)europa\.eu$", "European Union"),
    (r"(?:^|\.)pariscall\.international$", "Paris Call for Trust and Security in Cyberspace"),
    (r"(?:^|\.)diplomatie\.gouv\.fr$", "French Ministry for Europe and Foreign Affairs"),
    (r"(?:^|\.)diplomatie\.belgium\.be$", "Belgian FPS Foreign Affairs"),
    (r"(?:^|\.)auswaertiges-amt\.de$", "German Federal Foreign Office"),
    (r"(?:^|\.)government\.nl$", "Government of the Netherlands"),
    (r"(?:^|\.)gov\.uk$", "UK Government"),
    (r"(?:^|\.)au\.int$", "African Union"),
    (r"(?:^|\.)asean\.org$", "ASEAN"),
    (r"(?:^|\.)oas\.org$", "Organization of American States"),
)


def publisher_for_url(url: str | None) -> str | None:
    """The publisher of a page at `url`, for the well-known hosts above; None otherwise."""
    if not url:
        return None
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().casefold()).split("/")[0].split(":")[0]
    return next((name for pattern, name in _HOST_PUBLISHERS if re.search(pattern, host)), None)
