"""Shared fixtures: a real index of the shipped sources (real model, real Chroma) and fast fake setups."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.embeddings import HashingEmbedder

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_SOURCES = ROOT / "sources"


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
