"""Fast tests of what the chat UI shows and saves: escaping, highlighting, export, feedback, examples, follow-ups."""
import json

import pytest
from docx import Document as DocxDocument

from assistant import conversation, examples, export, feedback, views
from assistant.feedback import FeedbackError

EVIL = 'Intro.\nThe <script>alert("x")</script> text <img src=x onerror=alert(1)> ends here.\nNext paragraph.'


def _answer(**over):
    text = "Szilvia Tóth from the OSCE explained how the organisation promotes Confidence-Building Measures (CBMs)."
    base = {
        "question": "What does the OSCE promote?", "answer": text + " [1]", "abstained": False,
        "citations": [{"n": 1, "source": "s.txt", "title": "Workshop <b>news</b>", "section": "The OSCE Session",
                       "page": None, "quote": text, "start": 10, "end": 10 + len(text),
                       "url": "https://example.org/a", "publisher": "KnowCyber", "date": "17 March 2025",
                       "chunk_id": "c1"}],
        "passages": [{"source": "s.txt", "chunk_id": "c1", "score": 0.03, "text": text, "title": "Workshop",
                      "section": "The OSCE Session", "page": None, "start": 10, "end": 10 + len(text)}],
        "timings_ms": {}, "backend": "extractive",
    }
    base.update(over)
    return base


def _located(locator="A/RES/73/27, para. 1.3, p. 3", **over):
    """An answer in the current shape: its citation carries symbol, paragraph and locator."""
    ans = _answer(**over)
    ans["citations"][0].update(symbol="A/RES/73/27", paragraph="para. 1.3", locator=locator, page=3)
    return ans


def _null_located():
    """The current shape for a source without structure: the three fields are there, all null."""
    ans = _answer()
    ans["citations"][0].update(symbol=None, paragraph=None, locator=None)
    return ans


def test_document_html_escapes_markup_and_highlights_the_range():
    start = EVIL.index("The <script>")
    end = EVIL.index(" ends here.")
    out = views.document_html(EVIL, {"source": "evil.txt", "title": "Evil <i>doc</i>"}, start, end)
    assert "<script>" not in out and "<img" not in out and "<i>" not in out
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in out
    assert '<mark id="cd-cited">The &lt;script&gt;' in out and "onerror=alert(1)&gt;</mark> ends here." in out


def test_document_html_for_an_unknown_document_says_so():
    assert "not in the index" in views.document_html(None, {"source": "../../etc/passwd"})


def test_sources_html_highlights_the_quote_inside_its_paragraph():
    text = "Heading\n" + "X" * 2 + _answer()["citations"][0]["quote"] + " Countries take voluntary steps.\nOther."
    ans = _answer()
    c = ans["citations"][0]
    c["start"], c["end"] = text.index(c["quote"]), text.index(c["quote"]) + len(c["quote"])
    out = views.sources_html(ans, lambda source: text)
    assert f"<mark>{c['quote']}</mark> Countries take voluntary steps." in out
    assert "Heading" not in out and "Other." not in out  # only the surrounding paragraph
    assert "Workshop &lt;b&gt;news&lt;/b&gt;" in out and "KnowCyber" in out and "17 March 2025" in out
    assert 'href="https://example.org/a"' in out and "section “The OSCE Session”" in out


def test_sources_html_for_an_abstention_shows_the_nearest_passages():
    ans = _answer(abstained=True, citations=[], answer="The sources do not answer this question.")
    out = views.sources_html(ans, lambda s: None)
    assert "do not answer" in out and "Passage 1" in out and "Confidence-Building" in out


def test_only_http_links_are_linked():
    assert views.safe_url("javascript:alert(1)") is None
    assert views.safe_url("file:///etc/passwd") is None
    assert views.safe_url("https://example.org/x?y=1") == "https://example.org/x?y=1"
    ans = _answer()
    ans["citations"][0]["url"] = "javascript:alert(1)"
    assert "javascript:" not in views.sources_html(ans, lambda s: None)
    assert "javascript:" not in views.chat_markdown(ans)


def test_chat_markdown_keeps_markers_and_makes_tags_inert():
    ans = _answer()
    ans["answer"] = 'Evil <script>alert(1)</script> *not bold* [1]\n\n- a list item [2]'
    md = views.chat_markdown(ans)
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "\\*not bold\\* [1]" in md and "\n- a list item [2]" in md
    assert "**Sources**" in md and "[1] *Workshop &lt;b&gt;news&lt;/b&gt;*" in md


def test_chat_markdown_says_how_a_follow_up_was_read():
    md = views.chat_markdown(_answer(question="And the OSCE?", resolved_query="What does the OSCE promote?"))
    assert md.startswith("*Read as: “What does the OSCE promote?”*")
    assert "Read as" not in views.chat_markdown(_answer())


def test_chat_markdown_sets_off_each_question_of_a_two_question_message():
    ans = _answer()
    ans["answer"] = "What does the OSCE promote?\nCBMs are promoted. [1]\n\nWho is it for?\nThe sources do not say."
    lines = views.chat_markdown(ans).split("\n")
    assert lines[:2] == ["**What does the OSCE promote?**", ""] and "**Who is it for?**" in lines
    assert "CBMs are promoted. [1]" in lines and "The sources do not say." in lines
    one = _answer()
    one["answer"] = "Is it so? [1]"
    assert "**" not in views.chat_markdown(one).split("**Sources**")[0]


def test_markdown_export_has_questions_answers_and_full_references():
    turns = [_answer(), _answer(question="Recipe for cake?", abstained=True, citations=[],
                                answer="The sources do not answer this question."),
             {"question": "", "error": "the question is empty"}]
    md = export.to_markdown(turns)
    c = turns[0]["citations"][0]
    assert "## 1. What does the OSCE promote?" in md and turns[0]["answer"] in md
    assert f"> “{c['quote']}”" in md and "<https://example.org/a>" in md
    assert "KnowCyber" in md and "section “The OSCE Session”" in md and "s.txt, characters" in md
    assert "## 2. Recipe for cake?" in md and "Nearest passages" in md
    assert "Not answered: the question is empty" in md


def test_markdown_export_keeps_a_quoted_list_inside_its_blockquote():
    ans = _answer()
    ans["citations"][0]["quote"] = "It supports:\n- rule of law.\n- human rights."
    md = export.to_markdown([ans])
    assert "   > “It supports:\n   > - rule of law.\n   > - human rights.”" in md


def test_word_export_has_the_same_content(tmp_path):
    path = export.write_docx([_answer()], tmp_path / "c.docx")
    text = "\n".join(p.text for p in DocxDocument(str(path)).paragraphs)
    c = _answer()["citations"][0]
    assert "1. What does the OSCE promote?" in text and f"“{c['quote']}”" in text
    assert "https://example.org/a" in text and "[1] " in text


def test_feedback_is_appended_and_survives_reopening(tmp_path):
    first = feedback.record(tmp_path, "up", _answer())
    feedback.record(tmp_path, "up", _answer(), "very useful", feedback_id=first["id"])
    feedback.record(tmp_path / "", "down", _answer(question="Other?"))
    lines = feedback.feedback_path(tmp_path).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and all(json.loads(x)["time"] for x in lines)
    saved = feedback.read_all(tmp_path)
    assert [e["rating"] for e in saved] == ["up", "up", "down"]
    assert saved[1]["id"] == first["id"] and saved[1]["comment"] == "very useful"
    assert saved[0]["citations"][0]["quote"].startswith("Szilvia Tóth") and saved[2]["question"] == "Other?"


@pytest.mark.parametrize("rating,answer,comment,message", [
    ("meh", _answer(), "", "rating must be one of up, down"),
    ("up", {}, "", "no answer to rate"),
    ("up", _answer(), "x" * 5000, "comment is too long"),
])
def test_bad_feedback_is_refused_with_a_clear_message(tmp_path, rating, answer, comment, message):
    with pytest.raises(FeedbackError, match=message):
        feedback.record(tmp_path, rating, answer, comment)
    assert not feedback.feedback_path(tmp_path).exists()


def test_example_candidates_come_from_headings_of_each_source():
    sections = [("a.txt", "Cyber diplomacy > North Atlantic Treaty Organization (NATO)"),
                ("a.txt", "Cyber diplomacy > Multi-Stakeholder Forum"),
                ("b.txt", "What is cyber diplomacy?"), ("b.txt", "What is cyber diplomacy?")]
    assert examples.candidates(sections) == [
        "What is the role of the North Atlantic Treaty Organization (NATO) in cyberspace?",
        "What is cyber diplomacy?",
    ]


@pytest.mark.parametrize("previous,question,has,lacks", [
    ("What does the EU cyber diplomacy strategy support?", "And what does the OSCE do?", "OSCE", "EU"),
    ("What does the EU cyber diplomacy strategy support?", "What about NATO?", "NATO cyber diplomacy strategy", "EU"),
    ("What did Katherine Prizeman outline?", "What did she introduce?", "Katherine Prizeman", None),
])
def test_follow_ups_are_resolved_with_the_previous_question(previous, question, has, lacks):
    query = conversation.resolve(question, [previous])
    assert has in query
    if lacks:
        assert lacks not in query.split()


def test_export_files_are_written_fresh_and_old_ones_cleaned(monkeypatch, tmp_path):
    import os
    import time

    from assistant import ui

    monkeypatch.setattr(ui, "_EXPORT_ROOT", tmp_path / "exports")
    md, docx = ui._exports([_answer()])
    assert "What does the OSCE promote?" in open(md, encoding="utf-8").read()
    assert DocxDocument(docx).paragraphs
    old = os.path.dirname(md)
    hour_ago = time.time() - ui._EXPORT_MAX_AGE_S - 5
    os.utime(old, (hour_ago, hour_ago))
    md2, _ = ui._exports([_answer()])
    assert not os.path.exists(old) and os.path.exists(md2)


# --- locators: "A/RES/73/27, para. 1.3, p. 3" wherever a reference is shown or written -------------------

def test_chat_reference_line_gives_the_locator():
    md = views.chat_markdown(_located())
    assert "- [1] *A/RES/73/27, para. 1.3, p. 3* <https://example.org/a>" in md.splitlines()
    assert "Workshop" not in md.split("**Sources**")[1]  # the short list gives the locator, not the title


def test_sources_card_is_headed_by_the_locator_with_the_title_beneath():
    ans = _located()
    ans["citations"][0]["page"] = 3
    out = views.sources_html(ans, lambda s: None)
    head = '<div class="cd-title cd-locator"><span class="cd-n">[1]</span> A/RES/73/27, para. 1.3, p. 3</div>'
    assert head in out
    after = out[out.index(head) + len(head):]
    assert after.startswith('<div class="cd-doc-title">Workshop &lt;b&gt;news&lt;/b&gt;</div>')
    assert "KnowCyber · 17 March 2025 · section “The OSCE Session”" in after
    assert "page 3" not in out  # the page is in the locator already


def test_a_hostile_locator_stays_inert_everywhere():
    evil = 'A/RES/1 <script>alert("x")</script><img src=x onerror=alert(1)>, p. 1'
    ans = _located(locator=evil)
    panel = views.sources_html(ans, lambda s: None)
    chat = views.chat_markdown(ans)
    doc = views.document_html("Some text.", {"source": "s.txt", "title": "T", "locator": evil}, 0, 4)
    for out in (panel, chat, doc):
        assert "<script>" not in out and "<img" not in out, out
        assert "&lt;script&gt;" in out
    assert "Cited: A/RES/1 &lt;script&gt;" in doc


def test_document_view_names_the_cited_locator_only_when_there_is_one():
    meta = {"source": "s.txt", "title": "T", "locator": "A/RES/78/16, para. 2, p. 3"}
    with_loc = views.document_html("Some text.", meta, 0, 4)
    assert "Cited: A/RES/78/16, para. 2, p. 3" in with_loc
    assert "Cited:" not in views.document_html("Some text.", {"source": "s.txt", "title": "T"}, 0, 4)


@pytest.mark.parametrize("render", [
    lambda a: views.chat_markdown(a),
    lambda a: views.sources_html(a, lambda s: None),
    lambda a: export.to_markdown([a]).split("\n", 3)[3],  # without the export time stamp
])
def test_a_null_locator_or_the_old_shape_renders_as_before(render):
    old = _answer()  # the shape before symbol/paragraph/locator existed
    assert "locator" not in old["citations"][0]
    assert render(_null_located()) == render(old)
    assert "Workshop" in render(old)


def test_markdown_export_gives_locator_then_quote_then_address():
    ans = _located()
    c = ans["citations"][0]
    md = export.to_markdown([ans])
    block = md[md.index("1. A/RES/73/27"):].splitlines()
    assert block[0] == ("1. A/RES/73/27, para. 1.3, p. 3 (Workshop <b>news</b>, KnowCyber, 17 March 2025)")
    assert block[1] == f"   > “{c['quote']}”"
    assert block[2].startswith("   s.txt, characters") and block[3] == "   <https://example.org/a>"


def test_export_does_not_repeat_a_title_the_locator_already_names():
    ans = _located(locator="UN Convention against Cybercrime, art. 2(b), p. 9")
    ans["citations"][0].update(title="UN Convention against Cybercrime", publisher=None, date=None)
    assert "1. UN Convention against Cybercrime, art. 2(b), p. 9\n" in export.to_markdown([ans])


def test_word_export_gives_locator_then_quote_then_address(tmp_path):
    ans = _located()
    path = export.write_docx([ans], tmp_path / "c.docx")
    paras = [p.text for p in DocxDocument(str(path)).paragraphs]
    i = paras.index("[1] A/RES/73/27, para. 1.3, p. 3 (Workshop <b>news</b>, KnowCyber, 17 March 2025)")
    assert paras[i + 1] == f"“{ans['citations'][0]['quote']}”"
    assert paras[i + 2].startswith("s.txt, characters") and paras[i + 2].endswith("https://example.org/a")


def test_open_source_dropdown_names_each_citation_by_its_locator():
    from assistant import ui

    assert ui._doc_choices(_located()) == [("[1] A/RES/73/27, para. 1.3, p. 3", "c0")]
    assert ui._doc_choices(_null_located()) == ui._doc_choices(_answer()) == [
        ("[1] Workshop <b>news</b> — The OSCE Session", "c0")]


def test_locator_flows_from_the_answer_json_into_what_the_ui_shows():
    from assistant.schema import Answer, Citation

    quote = "Decides to convene the programme of action."
    cite = Citation(n=1, source="A-RES-78-16.pdf", title="Programme of action", section=None, page=3, quote=quote,
                    start=0, end=len(quote), url=None, symbol="A/RES/78/16", paragraph="para. 2",
                    locator="A/RES/78/16, para. 2, p. 3")
    data = Answer(question="Q?", text=quote + " [1]", abstained=False, citations=(cite,), passages=()).to_json()
    assert {k: data["citations"][0][k] for k in ("symbol", "paragraph", "locator")} == {
        "symbol": "A/RES/78/16", "paragraph": "para. 2", "locator": "A/RES/78/16, para. 2, p. 3"}
    assert "- [1] *A/RES/78/16, para. 2, p. 3*" in views.chat_markdown(data)
    assert "[1]</span> A/RES/78/16, para. 2, p. 3</div>" in views.sources_html(data, lambda s: quote)
    assert "1. A/RES/78/16, para. 2, p. 3 (Programme of action)" in export.to_markdown([data])


def test_a_passage_preview_drops_markdown_heading_marks():
    from assistant.views import readable

    text = "### TITLE 2\n\n#### PRINCIPLES RELATING TO EXTRADITION\n\n### Article 24\n\n1. This article applies."
    assert readable(text) == "TITLE 2 PRINCIPLES RELATING TO EXTRADITION Article 24 1. This article applies."
    assert readable("Recalling 73/27 # not a heading") == "Recalling 73/27 # not a heading"
