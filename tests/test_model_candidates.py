"""benchmarks/model_candidates.py's WordNet reader and query expansion, on WordNet files written in the real format."""
from __future__ import annotations

from pathlib import Path

from benchmarks.model_candidates import WordNet, expand

# Lines as in WordNet 3.0's data.verb / index.verb (offset, lex file, type, word count in hex, word + lex id pairs,
# pointer count, ...); the licence header lines start with two spaces.
DATA_VERB = """  1 This software and database is being provided to you, the LICENSEE, by
00000100 32 v 02 denounce 0 mark 1 000 | speak out against
00000200 32 v 03 denounce 1 terminate 0 end_up 0 000 | announce the termination of, as of treaties
00000300 32 v 01 protect 0 000 | shield from danger
"""
INDEX_VERB = """  1 This software and database is being provided to you, the LICENSEE, by
denounce v 2 0 2 0 00000200 00000100
protect v 1 0 1 0 00000300
"""


def _wordnet(tmp_path: Path, senses: int) -> WordNet:
    (tmp_path / "data.verb").write_text(DATA_VERB, encoding="latin-1")
    (tmp_path / "index.verb").write_text(INDEX_VERB, encoding="latin-1")
    for pos in ("noun", "adj", "adv"):
        (tmp_path / f"index.{pos}").write_text("", encoding="latin-1")
    return WordNet(tmp_path, senses=senses)


def test_synonyms_follow_sense_order_and_the_senses_limit(tmp_path):
    one = _wordnet(tmp_path, senses=1)
    assert one.synonyms("denounce") == ["terminate", "end up"]  # first-listed sense only; underscores to spaces
    both = _wordnet(tmp_path, senses=2)
    assert both.synonyms("Denounces") == ["terminate", "end up", "mark"]  # case and inflection folded
    assert both.synonyms("protect") == []  # a synset of one word gives nothing
    assert both.synonyms("unknownword") == []


def test_expansion_appends_synonyms_of_english_questions_only(tmp_path):
    wn = _wordnet(tmp_path, senses=1)
    assert expand("Which states may denounce the Convention?", wn, per_word=1) == \
        "Which states may denounce the Convention? terminate"
    french = "Quels États peuvent dénoncer la Convention ?"
    assert expand(french, wn, per_word=2) == french
