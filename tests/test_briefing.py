"""Briefing packs: the section finders on sentences from the sources, and whole packs (fake and real model) whose
every line is verbatim at its offsets in the document text; the JSON contract, the CLI and the Word export."""
from __future__ import annotations

import json

import pytest

from assistant import briefing, cli, export
from assistant.glossary import find_terms
from assistant.people import find_people
from assistant.quiz import BLANK, Fact, make_quiz, question_for
from assistant.retrieval import Filters
from assistant.schema import SourceMeta
from assistant.timeline import find_dates, iso_date
from pack_checks import assert_verbatim

@pytest.mark.parametrize("text, expected", [
    ("Szilvia Tóth from the OSCE explained how the organisation promotes Confidence-Building Measures (CBMs).",
     [("CBMs", "Confidence-Building Measures")]),
    ("experts from the Organisation for Security and Co-operation in Europe (OSCE), and the United Nations (UN).",
     [("OSCE", "Organisation for Security and Co-operation in Europe"), ("UN", "United Nations")]),
    ("the Group of Governmental Experts on Developments in the Field of Information and Telecommunications in the "
     "Context of International Security (GGE)", [("GGE", "Group of Governmental Experts")]),
    ("law enforcement and cyber emergency response teams (CERTs) to", [("CERTs", "cyber emergency response teams")]),
    ("concerned about the People’s Republic of China’s (PRC) malicious cyber activities",
     [("PRC", "People’s Republic of China")]),
    ("the European Committee on Crime Problems (CDPC) in order", []),  # a French acronym: no English initials
    ("The meeting (see annex) was held in Geneva (UN) today.", []),
])
def test_glossary_acronyms(text, expected):
    found = [(t.term, t.definition) for t in find_terms(text) if t.kind == "acronym"]
    assert found == expected
    for t in find_terms(text):
        assert text[t.start:t.end] == t.definition  # verbatim, located


def test_glossary_defined_terms():
    text = '(a) “Electronic data” shall mean any representation of facts, information or concepts in a form suitable;'
    (term,) = find_terms(text)
    assert term.kind == "defined" and term.term == "Electronic data"
    assert term.definition.startswith("“Electronic data” shall mean") and not term.definition.endswith(";")


@pytest.mark.parametrize("text, isos", [
    ("On 17 March 2025, a workshop on cyber diplomacy took place.", ["2025-03-17"]),
    ("the European Cyber Security Strategy approved in March 2021.", ["2021-03"]),
    ("In 2016, NATO recognised cyberspace as an operational domain.", ["2016"]),
    ("Recalling its resolutions 53/70 of 4 December 1998, 54/49 of 1 December 1999", ["1998-12-04", "1999-12-01"]),
    ("the 2010, 2013, 2015 and 2021 reports of the Group", ["2010", "2013", "2015", "2021"]),
    ("the open-ended working group 2021–2025, acting on a consensus basis", []),  # a body's name, not a date
    ("Over 2000 States and 100 organisations", []),
    ("the 2019 budget of resolution 73/27", []),
    ("ministers met on October 13-14, 2021 and in its 2015 report", ["2021-10-13", "2015"]),
    ("(Prague, 10 and 11 June 1997)", ["1997-06-10"]),
])
def test_timeline_dates(text, isos):
    assert [d.iso for d in find_dates(text)] == isos


def test_iso_date_keeps_written_precision():
    assert iso_date("1 March 2021", "day") == "2021-03-01"
    assert iso_date("March 2021", "month") == "2021-03"
    assert iso_date("2016", "year") == "2016"
    assert iso_date("31 February 2021", "day") is None


@pytest.mark.parametrize("text, expected", [
    ("Katherine Prizeman from the UN Office for Disarmament Affairs (UNODA) outlined the work of the group.",
     [("Katherine Prizeman", "from the UN Office for Disarmament Affairs (UNODA)")]),
    ("Ambassador Emina Merdan shared Bosnia and Herzegovina’s current efforts in cyber diplomacy.",
     [("Emina Merdan", "Ambassador")]),
    ("In 2016, NATO recognised cyberspace as an operational domain, just like land, sea, and air.",
     [("NATO", "recognised cyberspace as an operational domain, just like land, sea, and air")]),
    ("The Open-ended Working Group shall function on the basis of consensus.",
     [("Open-ended Working Group", "shall function on the basis of consensus")]),
    ("It was a good year for cooperation.", []),
])
def test_people_and_bodies(text, expected):
    found = find_people(text)
    assert [(p.name, p.role) for p in found] == expected
    for p in found:
        assert text[p.start:p.end] == p.role


def test_quiz_questions_blank_their_answer_and_mix_kinds():
    text = "On 17 March 2025, a workshop on cyber diplomacy took place at the Ministry in Sarajevo."
    q = question_for(Fact("date", "u1", text, 3, 16))
    assert q.answer == "17 March 2025" and BLANK in q.question and "17 March 2025" not in q.question
    acronym = "the organisation promotes Confidence-Building Measures (CBMs) in the region."
    facts = [Fact("date", "u1", text, 3, 16), Fact("acronym", "u2", acronym, 26, 54, "CBMs"),
             Fact("date", "u1", text, 3, 16)]
    quiz = make_quiz(facts, limit=5)
    assert [x.kind for x in quiz] == ["date", "acronym"]  # the same answer is never asked twice
    assert quiz[1].question == "What does CBMs stand for?" and quiz[1].answer == "Confidence-Building Measures"


@pytest.mark.parametrize("meta, expected", [
    (SourceMeta("Developments in the field of ICT", symbol="A/RES/73/27"), "UN"),
    (SourceMeta("Strengthening cyber security", publisher="KnowCyber (EU Cyber Balkans project news)"), "EU"),
    (SourceMeta("Convention on Cybercrime", publisher="Council of Europe", symbol="ETS No. 185"), "Council of Europe"),
    (SourceMeta("Cyber diplomacy", publisher="Belgian FPS Foreign Affairs"), "National"),
])
def test_forum_of_a_document(meta, expected):
    assert briefing.forum(meta) == expected


def test_pack_on_shipped_sources_is_verbatim(fake_assistant):
    pack = fake_assistant.brief("all").to_json()
    assert pack["topic"] == "all" and set(pack["sections"]) == {"key_points", "glossary", "timeline", "people", "quiz"}
    assert_verbatim(pack, fake_assistant.document_text)
    terms = {g["term"]: g["definition"] for g in pack["sections"]["glossary"]}
    assert terms["CBMs"] == "Confidence-Building Measures" and terms["OEWG"] == "Open-Ended Working Group"
    dates = [t["date"] for t in pack["sections"]["timeline"]]
    assert dates == sorted(dates) and {"2016", "2021-03", "2025-03-17"} <= set(dates)
    assert {"Szilvia Tóth", "Katherine Prizeman", "Emina Merdan"} <= {p["name"] for p in pack["sections"]["people"]}
    assert len(pack["sections"]["quiz"]) >= 5
    forums = [k["forum"] for k in pack["sections"]["key_points"]]
    assert forums == sorted(forums, key=briefing.FORUMS.index)  # grouped by forum


def test_pack_respects_filters_and_topic(fake_assistant):
    only = "belgium-cyber-diplomacy.txt"
    pack = fake_assistant.brief("all", Filters((only,))).to_json()
    assert pack["citations"] and {c["source"] for c in pack["citations"]} == {only}
    topical = fake_assistant.brief("confidence-building measures").to_json()
    assert_verbatim(topical, fake_assistant.document_text)
    assert any("onfidence" in k["text"] for k in topical["sections"]["key_points"])


def test_markdown_and_word_exports_hold_every_section_and_reference(fake_assistant, tmp_path):
    from docx import Document

    pack = fake_assistant.brief("all").to_json()
    md = export.pack_to_markdown(pack)
    for heading in ("## Key points", "## Glossary", "## Timeline", "## Who's who", "## Quiz", "## References"):
        assert heading in md
    docx = export.write_pack_docx(pack, tmp_path / "pack.docx")
    paragraphs = [p.text for p in Document(str(docx)).paragraphs]
    assert {"Key points", "Glossary", "Timeline", "Who's who", "Quiz", "References"} <= set(paragraphs)
    for c in pack["citations"]:
        assert f"“{c['quote']}”" in paragraphs  # each reference's quote, in full
        assert c["quote"].split("\n")[0] in md


@pytest.mark.slow
def test_cli_brief_with_the_real_model(real_assistant, real_settings, tmp_path, capsys):
    args = ["brief", "all", "--index", str(real_settings.index)]
    assert cli.main([*args, "--json"]) == 0
    pack = json.loads(capsys.readouterr().out)
    assert_verbatim(pack, real_assistant.document_text)
    assert len(pack["sections"]["quiz"]) >= 5 and pack["sections"]["key_points"]
    out = tmp_path / "pack.docx"
    assert cli.main([*args, "--format", "docx", "--out", str(out)]) == 0
    assert out.read_bytes()[:2] == b"PK"
    assert cli.main(["brief", "all", "--index", str(real_settings.index), "--format", "docx"]) == 2  # no --out
    assert cli.main(["brief", "  ", "--index", str(real_settings.index)]) == 2  # empty topic


def test_briefing_benchmark_times_packs_beside_answers(fake_assistant):
    from benchmarks import briefing as bench

    result = bench.measure(fake_assistant, topics=("confidence-building measures",), repeats=1)
    row = result["topics"][0]
    assert row["pack_s"] > 0 and row["ask_s"] > 0 and row["items"] > 0
    assert result["all"]["citations"] > 0 and result["all"]["sections"]["quiz"] >= 5
    assert "| confidence-building measures |" in bench.format_report(result)


def test_pack_view_escapes_source_text():
    from assistant import views

    hostile = "<script>window.pwned = 1</script> [1] **bold**"
    cite = {"n": 1, "source": "x.md", "title": "<img src=x onerror=alert(1)>", "section": None, "page": None,
            "quote": hostile, "start": 0, "end": len(hostile), "url": None, "publisher": None, "date": None,
            "chunk_id": None, "symbol": None, "paragraph": None, "locator": None}
    item = {"citations": [1]}
    pack = {"topic": "<b>t</b>", "citations": [cite], "sections": {
        "key_points": [{**item, "text": hostile, "forum": "UN"}],
        "glossary": [{**item, "term": "<i>T</i>", "definition": hostile}],
        "timeline": [{**item, "date": "2016", "text": hostile}],
        "people": [{**item, "name": "<u>N</u>", "role": hostile, "kind": "body"}],
        "quiz": [{**item, "question": hostile, "answer": "<svg/onload=1>", "kind": "date"}]},
        "overview": {"text": hostile, "citations": [1], "support_rate": 1.0, "notice": None}}
    page = views.pack_html(pack)
    assert "<script>" not in page and "<img" not in page and "<svg" not in page and "<u>" not in page
    assert "&lt;script&gt;" in page and '<a class="cd-n" href="#cd-ref-1">[1]</a>' in page
