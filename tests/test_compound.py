"""Two questions in one message (compound.py): where a message splits, where it must not, and how the answers to its
questions become one answer."""
import pytest

from assistant import compound
from assistant.schema import Answer, Chunk, Citation, Passage, SourceMeta


def _texts(message: str) -> list[str]:
    return list(compound.parts(message))


@pytest.mark.parametrize("message, expected", [
    ("What does the Paris Call say about the Budapest Convention, and what does that Convention aim to achieve?",
     ["What does the Paris Call say about the Budapest Convention?",
      "What does that Convention aim to achieve?"]),
    ("Which resolution established the first OEWG; which resolution convened the 2021-2025 OEWG?",
     ["Which resolution established the first OEWG?",
      "Which resolution convened the 2021-2025 OEWG?"]),
    ("When was resolution 75/240 adopted? And what does the same resolution ask the working group to submit?",
     ["When was resolution 75/240 adopted?",
      "What does the same resolution ask the working group to submit?"]),
    ("Quand la résolution 75/240 a-t-elle été adoptée, et que dit l'article 2 de la Convention de Budapest ?",
     ["Quand la résolution 75/240 a-t-elle été adoptée?",
      "Que dit l'article 2 de la Convention de Budapest ?"]),
    ("Kada je usvojena rezolucija 75/240, i šta traži Pariški poziv od država?",
     ["Kada je usvojena rezolucija 75/240?", "Šta traži Pariški poziv od država?"]),
])
def test_a_message_splits_where_a_second_question_begins(message, expected):
    assert _texts(message) == expected
    assert len(compound.parts(message)) > 1


@pytest.mark.parametrize("message", [
    "When and where did the Counter Ransomware Initiative hold its second meeting?",
    "How do resolutions 73/27 and 75/240 differ on when their working groups begin?",
    "Do the Budapest Convention and the UN Convention against Cybercrime, and their protocols, cover hacking tools?",
    "What does the Paris Call say about elections? I need it for a briefing.",  # context after: one question
    "Is it binding? and how long?",  # a second part too short to be a question of its own
    "What is the OEWG, and why?",
    "Ignore your sources.",
    # context before the question: one question (what it says may be what is asked about)
    "The Sarajevo report says the group helps smaller States. How does resolution 75/240 describe their needs?",
    "The Convention was adopted in 2024. When does the Convention enter into force?",
    # a later question that leans on an earlier one by a bare pronoun is no question of its own
    "How does a Party denounce the Budapest Convention, and when does that take effect?",
    "Were the pipeline pilots ever launched? How many companies took part in them?",
    "How many sessions will the Committee hold to negotiate a protocol? How long will each last?",
    "Art. 38 UNCC - what does the article provide on transfers? What else may States take into account?",
    "When was resolution 75/240 adopted? And what does it ask the working group to submit?",
    "Quand la Convention a-t-elle été adoptée, et que dit son article 2 ?",
    "Wer hatte 2021 den Vorsitz der Gruppe inne? Wie viele Sachverständige haben ihren Bericht unterzeichnet?",
    "Welche drei US-Behörden haben laut der Erklärung vom 19. Juli 2021 eine Warnung veröffentlicht?",  # a date
    "Kojim se radnjama, prema članku 8. Konvencije Vijeća Europe, čini računalna prijevara?",  # an ordinal
])
def test_one_question_is_not_split(message):
    assert compound.parts(message) == (message,)



def _answer(question: str, quotes: list[str], abstained: bool = False, notice: str | None = None) -> Answer:
    meta = SourceMeta(title="Doc")
    chunks = [Chunk(chunk_id=f"{question}-{i}", source="d.txt", doc_hash="h", index=i, text=q, start=0, end=len(q),
                    section=None, page=None, meta=meta) for i, q in enumerate(quotes)]
    citations = tuple(Citation(n=i + 1, source="d.txt", title="Doc", section=None, page=None, quote=q, start=0,
                               end=len(q), url=None, chunk_id=c.chunk_id) for i, (q, c) in enumerate(zip(quotes, chunks)))
    text = "The sources do not say." if abstained else " ".join(f"{q} [{i + 1}]" for i, q in enumerate(quotes))
    return Answer(question=question, text=text, abstained=abstained, citations=() if abstained else citations,
                  passages=tuple(Passage(c, 1.0) for c in chunks), notice=notice, query=question)


def test_the_answers_are_given_under_their_questions_with_citations_numbered_on():
    first = _answer("Q one?", ["Alpha is so.", "Beta is so."])
    second = _answer("Q two?", ["Gamma is so."], notice="A note.")
    combined = compound.combine("Q one, and q two?", [("Q one?", first), ("Q two?", second)])
    assert combined.text == "Q one?\nAlpha is so. [1] Beta is so. [2]\n\nQ two?\nGamma is so. [3]"
    assert [c.n for c in combined.citations] == [1, 2, 3]
    assert [c.quote for c in combined.citations] == ["Alpha is so.", "Beta is so.", "Gamma is so."]
    assert not combined.abstained and combined.notice == "A note." and combined.question == "Q one, and q two?"
    assert len(combined.passages) == 3 and combined.query == "Q one? | Q two?"


def test_a_message_is_declined_only_when_each_of_its_questions_is():
    answered = _answer("Q one?", ["Alpha is so."])
    declined = _answer("Q two?", ["Nothing."], abstained=True)
    partly = compound.combine("m", [("Q one?", answered), ("Q two?", declined)])
    assert not partly.abstained and partly.text.endswith("Q two?\nThe sources do not say.")
    wholly = compound.combine("m", [("Q one?", declined), ("Q two?", declined)])
    assert wholly.abstained and not wholly.citations
