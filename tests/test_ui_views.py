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
