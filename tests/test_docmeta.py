"""Unit tests of docmeta: metadata read from the real documents and from small synthetic texts."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from assistant.docmeta import (INSTRUMENTS, DetectedMeta, detect, instrument_for_title, parse_date,
                               symbol_aliases, symbol_key)
from conftest import require_realdocs

REALDOCS = Path(__file__).resolve().parents[1].parent / "shared" / "realdocs"
POA_TITLE = ("Programme of action to advance responsible State behaviour in the use of information and "
             "communications technologies in the context of international security")
DEV_TITLE = "Developments in the field of information and telecommunications in the context of international security"
UNCC_TITLE = ("United Nations Convention against Cybercrime; Strengthening International Cooperation for Combating "
              "Certain Crimes Committed by Means of Information and Communications Technology Systems and for the "
              "Sharing of Evidence in Electronic Form of Serious Crimes")


def _real_text(name: str) -> str:
    path = REALDOCS / name
    require_realdocs(path)
    return _read(path)


@lru_cache(maxsize=None)
def _read(path: Path) -> str:
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return "\n\n".join(page.extract_text() for page in PdfReader(path).pages)
    return path.read_text(encoding="utf-8")


# (file, symbol, title, date, body, kind); the file name is not passed, so everything comes from the text.
REAL = [
    ("A-RES-73-27.txt", "A/RES/73/27", DEV_TITLE, "2018-12-05", "General Assembly", "resolution"),
    ("A-RES-75-240.txt", "A/RES/75/240", DEV_TITLE, "2020-12-31", "General Assembly", "resolution"),
    ("A-RES-77-37.txt", "A/RES/77/37", POA_TITLE, "2022-12-07", "General Assembly", "resolution"),
    ("A-RES-78-16.pdf", "A/RES/78/16", POA_TITLE, "2023-12-04", "General Assembly", "resolution"),
    ("A-RES-79-243.pdf", "A/RES/79/243", UNCC_TITLE, "2024-12-24", "General Assembly", "resolution"),
    ("CoE-ETS-185-Budapest-Convention-NL-treaty-db.md", "ETS No. 185", "Convention on Cybercrime", "2001-11-23",
     "Council of Europe", "convention"),
    ("Paris-Call-2018.pdf", None, None, "2018-11-12", None, None),
    ("A-DEC-77-512-A-and-B.txt", None, None, "2022-12-07", "General Assembly", "decision"),
    ("US-WH-2021-10-14-Counter-Ransomware-Initiative-joint-statement.md", None,
     "Joint Statement of the Ministers and Representatives from the Counter Ransomware Initiative Meeting October 2021",
     "2021-10-14", None, "statement"),
    ("FR-MFA-ParisCall-site-case-study-principle-2.md", None,
     "Protecting the Domain Name System: French company Nameshield ensures identity integrity and resilience",
     None, None, None),
]


@pytest.mark.parametrize("name,symbol,title,date,body,kind", REAL, ids=[r[0] for r in REAL])
def test_real_documents(name, symbol, title, date, body, kind):
    meta = detect(_real_text(name))
    assert (meta.symbol, meta.title, meta.date, meta.body, meta.kind) == (symbol, title, date, body, kind)


@pytest.mark.parametrize("name,expected", [
    ("A-RES-78-16.pdf", ("A/RES/78/16", "78/16", "resolution 78/16", "Programme of Action", "PoA")),
    ("A-RES-73-27.txt", ("A/RES/73/27", "73/27", "resolution 73/27")),
    ("A-RES-79-243.pdf", ("UN Convention against Cybercrime", "UN Cybercrime Convention")),
    ("CoE-ETS-185-Budapest-Convention-NL-treaty-db.md", ("Budapest Convention", "ETS No. 185")),
    ("US-WH-2021-10-14-Counter-Ransomware-Initiative-joint-statement.md", ("Counter Ransomware Initiative",)),
])
def test_real_aliases(name, expected):
    aliases = detect(_real_text(name)).aliases
    assert set(expected) <= set(aliases)


@pytest.mark.parametrize("name,unexpected", [
    ("A-RES-79-243.pdf", "Budapest Convention"),  # it cites no Budapest, and "against" is not "on"
    ("CoE-ETS-185-Budapest-Convention-NL-treaty-db.md", "UN Convention against Cybercrime"),
    ("A-RES-73-27.txt", "PoA"),
    ("A-RES-73-27.txt", "71/28"),  # recalled in the preamble, not its own
])
def test_real_aliases_exclude(name, unexpected):
    assert unexpected not in detect(_real_text(name)).aliases


def test_decision_symbol_from_file_name():
    meta = detect(_real_text("A-DEC-77-512-A-and-B.txt"), "sources/un/A-DEC-77-512-A-and-B.txt")
    assert meta.symbol == "A/DEC/77/512"
    assert "decision 77/512" in meta.aliases


def test_decision_does_not_take_a_cited_symbol():
    # Its first paragraph cites A/77/380, A/77/275 and A/AC.292/2022/INF/4; none is the decision's own.
    assert detect(_real_text("A-DEC-77-512-A-and-B.txt")).symbol is None


def test_text_symbol_beats_file_name():
    assert detect(_real_text("A-RES-73-27.txt"), "A-RES-99-1.txt").symbol == "A/RES/73/27"


# --- synthetic texts ----------------------------------------------------------------------------

GA = """United Nations \nA/RES/73/27\n \nGeneral Assembly \nDistr.: General \n11 December 2018 \n
Seventy-third session \nAgenda item 96 \n\n Resolution adopted by the General Assembly \non 5 December 2018 \n
[on the report of the First Committee (A/73/505)] \n\n\n73/27. Developments in the field of information and
telecommunications \nin the context of international security \n\n\n\nThe General Assembly,  \n
Recalling its resolutions 36/103 of 9 December 1981 and A/RES/71/28,\n"""

SC = """United Nations S/RES/2341 (2017)\nSecurity Council Distr.: General\n13 February 2017\n
Resolution 2341 (2017)\nAdopted by the Security Council at its 7882nd meeting, on 13 February 2017\n
The Security Council,\nRecalling its resolutions 1373 (2001) and 2129 (2013),\n"""

HRC = """United Nations A/HRC/RES/20/8\nGeneral Assembly Distr.: General\n16 July 2012\nHuman Rights Council
Twentieth session\nAgenda item 3\nResolution adopted by the Human Rights Council\n
20/8. The promotion, protection and enjoyment of human rights on the Internet\n\n\nThe Human Rights Council,
Reaffirming ...\n31st meeting\n5 July 2012\n"""

OSCE = """Organization for Security and Co-operation in Europe\nPermanent Council\nPC.DEC/1202\n10 March 2016
Original: ENGLISH\n1092nd Plenary Meeting\nPC Journal No. 1092, Agenda item 1\n\nDECISION No. 1202
OSCE CONFIDENCE-BUILDING MEASURES TO REDUCE THE RISKS OF CONFLICT STEMMING FROM THE USE OF
INFORMATION AND COMMUNICATION TECHNOLOGIES\n\nThe Permanent Council,\n"""

CETS = """CETS No. 224\nSecond Additional Protocol to the Convention on Cybercrime on enhanced co-operation and disclosure
Strasbourg, 12.V.2022\n\nPreamble\nThe member States of the Council of Europe and the other Parties ...\n"""

BUDAPEST_TXT = """Convention on Cybercrime\nBudapest, 23.XI.2001\nEuropean Treaty Series - No. 185\n\nPreamble
The member States of the Council of Europe and the other States signatory hereto,\n...\n
Done at Budapest, this 23rd day of November 2001, in English and in French.\n"""

UNCC_ONLY = """United Nations Convention against Cybercrime\n\nPreamble\nThe States Parties to this Convention,\n"""

PARIS = """Paris Call for Trust and Security in Cyberspace\n\nCyberspace now plays a crucial role in every aspect
of our lives.\nWe recognize that the Budapest Convention on Cybercrime is a key tool.\n\nParis, 12th of November, 2018 \n"""

REPORT = """United Nations A/76/135\nGeneral Assembly Distr.: General\n14 July 2021\nOriginal: English
Seventy-sixth session\nItem 96 of the provisional agenda*\nDevelopments in the field of information\n
Report of the Group of Governmental Experts on Advancing Responsible State Behaviour in Cyberspace\n"""

MD_CHRISTCHURCH = """# Christchurch Call to Eliminate Terrorist and Violent Extremist Content Online\n
A commitment by Governments and tech companies to eliminate terrorist and violent extremist content online.\n"""

FRONT = """---\ntitle: Pall Mall Process Declaration\ndate: 2024-02-06\n---\n# Some other heading\n\nText.\n"""

CITES_ONLY = """The General Assembly,\nRecalling its resolutions 73/27 of 5 December 2018, 75/240 and the report
A/76/135, and the Convention on Cybercrime (ETS No. 185),\n1. Decides to ...\n"""

SYNTHETIC = [
    ("ga", GA, "A/RES/73/27", DEV_TITLE, "2018-12-05", "General Assembly", "resolution"),
    ("sc", SC, "S/RES/2341 (2017)", "Resolution 2341 (2017)", "2017-02-13", "Security Council", "resolution"),
    ("hrc", HRC, "A/HRC/RES/20/8", "The promotion, protection and enjoyment of human rights on the Internet",
     "2012-07-05", "Human Rights Council", "resolution"),
    ("osce", OSCE, "PC.DEC/1202", "OSCE CONFIDENCE-BUILDING MEASURES TO REDUCE THE RISKS OF CONFLICT STEMMING FROM "
     "THE USE OF INFORMATION AND COMMUNICATION TECHNOLOGIES", "2016-03-10", "OSCE Permanent Council", "decision"),
    ("cets", CETS, "CETS No. 224", "Second Additional Protocol to the Convention on Cybercrime on enhanced "
     "co-operation and disclosure", "2022-05-12", "Council of Europe", "convention"),
    ("budapest", BUDAPEST_TXT, "ETS No. 185", "Convention on Cybercrime", "2001-11-23", "Council of Europe",
     "convention"),
    ("uncc", UNCC_ONLY, None, "United Nations Convention against Cybercrime", None, "General Assembly", "convention"),
    ("paris", PARIS, None, "Paris Call for Trust and Security in Cyberspace", "2018-11-12", None, "statement"),
    ("report", REPORT, "A/76/135",
     "Report of the Group of Governmental Experts on Advancing Responsible State Behaviour in Cyberspace", "2021-07-14", "General Assembly", "report"),
    ("christchurch", MD_CHRISTCHURCH, None,
     "Christchurch Call to Eliminate Terrorist and Violent Extremist Content Online", None, None, "statement"),
    ("front-matter", FRONT, None, "Pall Mall Process Declaration", "2024-02-06", None, None),
    ("cites-only", CITES_ONLY, None, None, None, "General Assembly", None),  # cited dates are not its date
    ("empty", "", None, None, None, None, None),
]


@pytest.mark.parametrize("text,symbol,title,date,body,kind", [s[1:] for s in SYNTHETIC], ids=[s[0] for s in SYNTHETIC])
def test_synthetic(text, symbol, title, date, body, kind):
    meta = detect(text)
    assert (meta.symbol, meta.title, meta.date, meta.body, meta.kind) == (symbol, title, date, body, kind)


@pytest.mark.parametrize("text,included,excluded", [
    (GA, ("A/RES/73/27", "73/27", "resolution 73/27"), ("71/28", "36/103")),
    (SC, ("S/RES/2341 (2017)", "resolution 2341 (2017)"), ("resolution 1373 (2001)",)),
    (HRC, ("A/HRC/RES/20/8", "Human Rights Council resolution 20/8"), ("20/8", "resolution 20/8")),
    (OSCE, ("PC.DEC/1202", "Permanent Council Decision No. 1202"), ()),
    (BUDAPEST_TXT, ("Budapest Convention", "ETS No. 185", "CETS No. 185"), ("UN Convention against Cybercrime",)),
    (UNCC_ONLY, ("UN Convention against Cybercrime", "UN Cybercrime Convention"), ("Budapest Convention",)),
    (PARIS, ("Paris Call",), ("Budapest Convention",)),  # cited in the body, not what the document is
    (MD_CHRISTCHURCH, ("Christchurch Call",), ()),
    (FRONT, ("Pall Mall Process",), ()),
    (CETS, ("CETS No. 224",), ("Budapest Convention",)),  # a protocol to Budapest is not Budapest
])
def test_synthetic_aliases(text, included, excluded):
    aliases = detect(text).aliases
    assert set(included) <= set(aliases)
    assert not set(excluded) & set(aliases)


def test_title_wrapping_over_three_lines_is_joined_verbatim():
    text = ("Resolution adopted by the General Assembly on 4 December 2023\n\n 78/16. Programme of action to "
            "advance responsible State behaviour in \nthe use of information and communications technologies in "
            "the \ncontext of international security \n \n \n The General Assembly,\n")
    meta = detect(text)
    assert meta.title == POA_TITLE and meta.symbol == "A/RES/78/16"


def test_title_line_broken_after_hyphen_keeps_the_hyphen():
    text = "Resolution adopted by the General Assembly\n\n80/1. Confidence-\nbuilding measures in cyberspace\n\n\n"
    assert detect(text).title == "Confidence-building measures in cyberspace"


def test_running_header_gives_the_symbol_when_the_masthead_is_missing():
    text = ("Stressing that ...\n\nA/RES/78/16\nProgramme of action\n23-24434 2/4\n\ntext text\n\n"
            "Programme of action\nin the context of international security A/RES/78/16\n3/4 23-24434\n")
    assert detect(text).symbol == "A/RES/78/16"


def test_markdown_heading_naming_an_instrument_wins_over_first_heading():
    text = "## Verdrag inzake cybercriminaliteit\n\n#### Convention on Cybercrime\n\nPreamble The member States ...\n"
    assert detect(text).title == "Convention on Cybercrime"


def test_hashtags_are_not_headings():
    assert detect("Support the call!\n#parisdigitalweek #pariscall\n").title is None


def test_adoption_date_beats_issue_date():
    assert detect(GA).date == "2018-12-05"  # not the "Distr.: General 11 December 2018" of issue


def test_detected_meta_is_frozen():
    with pytest.raises(AttributeError):
        DetectedMeta(None, None, None, None, None).title = "x"  # type: ignore[misc]


@pytest.mark.parametrize("text,iso", [
    ("on 5 December 2018", "2018-12-05"),
    ("Paris, 12th of November, 2018", "2018-11-12"),
    ("Budapest, 23.XI.2001", "2001-11-23"),
    ("this 23rd day of November 2001", "2001-11-23"),
    ("November 12, 2018", "2018-11-12"),
    ("2024-12-24", "2024-12-24"),
    ("1st January 2020", "2020-01-01"),
    ("31 February 2020", None),
    ("12.XIV.2001", None),
    ("in 2019", None),
    ("", None),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("text,key", [
    ("A/RES/78/16", "78/16"),
    ("a/res/78/16", "78/16"),
    ("78/16", "78/16"),
    ("resolution 78/16", "78/16"),
    ("res. 78/16", "78/16"),
    ("GA resolution 78/16", "78/16"),
    ("General Assembly resolution 78/16", "78/16"),
    ("A/76/135", "A/76/135"),
    ("A/AC.292/2022/INF/4", "A/AC.292/2022/INF/4"),
    ("decision 77/512", "A/DEC/77/512"),
    ("Decision 77/512 A and B", "A/DEC/77/512"),
    ("A/DEC/77/512", "A/DEC/77/512"),
    ("S/RES/2341 (2017)", "S/RES/2341"),
    ("Security Council resolution 2341 (2017)", "S/RES/2341"),
    ("resolution 2341 (2017)", "S/RES/2341"),
    ("A/HRC/RES/20/8", "A/HRC/RES/20/8"),
    ("Human Rights Council resolution 20/8", "A/HRC/RES/20/8"),
    ("ETS No. 185", "ETS 185"),
    ("CETS No. 185", "ETS 185"),
    ("CETS n° 224", "ETS 224"),
    ("PC.DEC/1202", "PC.DEC/1202"),
    ("Permanent Council Decision No. 1202", "PC.DEC/1202"),
    ("Budapest Convention", None),
    ("24 hours", None),
    ("", None),
    (None, None),
])
def test_symbol_key(text, key):
    assert symbol_key(text) == key


def test_hrc_and_ga_resolution_keys_differ():
    assert symbol_key("Human Rights Council resolution 20/8") != symbol_key("resolution 20/8")


@pytest.mark.parametrize("symbol,aliases", [
    ("A/RES/78/16", ("A/RES/78/16", "78/16", "resolution 78/16")),
    ("A/DEC/77/512", ("A/DEC/77/512", "decision 77/512")),
    ("A/76/135", ("A/76/135",)),
])
def test_symbol_aliases(symbol, aliases):
    assert symbol_aliases(symbol) == aliases


@pytest.mark.parametrize("title,key", [
    ("Convention on Cybercrime", "budapest-convention"),
    ("Council of Europe Convention on Cybercrime (ETS No. 185)", "budapest-convention"),
    ("United Nations Convention against Cybercrime", "un-cybercrime-convention"),
    (UNCC_TITLE, "un-cybercrime-convention"),
    ("Explanatory Report to the Convention on Cybercrime", None),
    ("Second Additional Protocol to the Convention on Cybercrime", None),
    ("Paris Call for Trust & Security in Cyberspace", "paris-call"),
    ("Tallinn Manual 2.0 on the International Law Applicable to Cyber Operations", "tallinn-manual"),
    ("African Union Convention on Cyber Security and Personal Data Protection", "malabo-convention"),
    ("Regulation (EU) 2019/881 of the European Parliament and of the Council", "eu-cybersecurity-act"),
    ("Directive (EU) 2022/2555 of the European Parliament and of the Council (NIS 2 Directive)", "nis2-directive"),
    ("Draft Council Conclusions on a Framework for a Joint EU Diplomatic Response to Malicious Cyber Activities",
     "cyber-diplomacy-toolbox"),
    ("International Counter Ransomware Initiative 2023 Joint Statement", "counter-ransomware-initiative"),
    ("The Pall Mall Process Declaration", "pall-mall-process"),
    (POA_TITLE, "programme-of-action"),
    (DEV_TITLE, None),
    ("", None),
])
def test_instrument_for_title(title, key):
    inst = instrument_for_title(title)
    assert (inst.key if inst else None) == key


def test_instrument_table_is_consistent():
    keys = [i.key for i in INSTRUMENTS]
    assert len(keys) == len(set(keys))
    for inst in INSTRUMENTS:
        assert inst.aliases, inst.key
        # Every instrument's formal name identifies it as a title (otherwise no document would get its aliases).
        assert instrument_for_title(inst.name) is inst, inst.key
