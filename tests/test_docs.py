"""The generated CLI and settings references match the code; the README shows the two commands."""
from assistant import docs
from conftest import ROOT


def test_generated_references_are_current():
    for path, text in docs.expected().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is stale: run python -m assistant.docs"


def test_readme_starts_with_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme.split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split()[0:2] for line in head.strip().splitlines()] == [["make", "run"], ["make", "test"]]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\nmake test\n" in ci
