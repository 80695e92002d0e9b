"""Times a question names that the sources never write: found by value, and declined end to end."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from assistant import periods
from assistant.schema import Chunk, SourceMeta


@pytest.mark.parametrize("text,keys", [
    ("adopted in July 2025", [("month", 2025, 7)]),
    ("on 4 December 2023 and on December 4, 2023", [("day", 2023, 12, 4)]),
    ("the 12th of November, 2018", [("day", 2018, 11, 12)]),
    ("the 2016-2017 Group, the 2021–2025 working group and the 2019/20 session",
     [("span", 2016, 2017), ("span", 2021, 2025), ("span", 2019, 2020)]),
    ("le 4 décembre 2023, juillet 2021, 17. März 2025", [("day", 2023, 12, 4), ("month", 2021, 7),
                                                         ("day", 2025, 3, 17)]),
    ("dated 2021-07-19", [("day", 2021, 7, 19)]),
    ("a group that worked from 2019 to 2021, between 2016 and 2017", [("span", 2019, 2021), ("span", 2016, 2017)]),
    # Not times: symbols, counts, a year alone, "may" as a verb, page ranges of other numbers.
    ("A/RES/73/27, resolution 2016/17 of ECOSOC? no: 1,000 States may act; pages 1200-1250; in 2016", []),
])
def test_times_are_found_by_value(text, keys):
    assert [p.key for p in periods.find(text)] == keys


def test_a_day_also_writes_its_month():
    written = periods.keys(["Resolution adopted by the General Assembly on 4 December 2023"])
    assert ("month", 2023, 12) in written and ("day", 2023, 12, 4) in written


@dataclass
class FakeKeyword:
    chunks: list
    words: set = field(default_factory=set)


def _chunk(text: str, date: str | None = None) -> Chunk:
    return Chunk("c", "a.txt", "h", 0, text, 0, len(text), None, 1, SourceMeta("A", date=date))


def test_unwritten_times_in_the_question_words():
    kw = FakeKeyword([_chunk("The 2021–2025 open-ended working group met in July 2021.", date="2023-12-04")])
    assert periods.unwritten("What did the 2021-2025 group say in July 2021?", kw) == []
    assert periods.unwritten("What did the report adopted in July 2025 recommend?", kw) == ["July 2025"]
    assert periods.unwritten("Why did the 2016-2017 Group fail?", kw) == ["2016-2017"]
    assert periods.unwritten("What was adopted in December 2023?", kw) == []  # the document's own date
    assert periods.unwritten("What did it say in 2016?", kw) == []  # a year alone is the term check's


@pytest.mark.parametrize("question,named", [
    ("What did the final report of the open-ended working group, adopted in July 2025, recommend?", "July 2025"),
    ("Why did the 2016-2017 Group of Governmental Experts fail to agree on a report?", "2016-2017"),
])
def test_on_topic_questions_about_an_unwritten_time_are_declined_naming_it(realdocs_assistant, question, named):
    answer = realdocs_assistant.ask(question)
    assert answer.abstained and not answer.citations
    assert f"“{named}”" in answer.text


def test_a_named_document_with_a_wrong_time_is_answered_from_the_document(realdocs_assistant):
    # A false premise about an indexed document: its text corrects the time, so it is quoted, not declined.
    answer = realdocs_assistant.ask("Why did resolution 78/16 set up the permanent mechanism straight away in "
                                    "January 2024?")
    assert not answer.abstained
    assert any("no later than 2026" in c.quote for c in answer.citations)
