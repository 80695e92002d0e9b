"""A tampered embedding model (weights that do not match the published sha256) refuses to load, with a message."""
from __future__ import annotations

import shutil

import pytest

from assistant.config import BUNDLED_MODEL_SHA256
from assistant.embeddings import SentenceTransformerEmbedder, bundled_model_path
from test_reliability_ingest import cli


@pytest.fixture(scope="module")
def model_copies(tmp_path_factory):
    """An intact copy of the bundled model folder and one with a single byte of its weights flipped."""
    root = tmp_path_factory.mktemp("models")
    intact, tampered = root / "intact", root / "tampered"
    shutil.copytree(bundled_model_path(), intact)
    shutil.copytree(bundled_model_path(), tampered)
    weights = tampered / "model.safetensors"
    with weights.open("r+b") as fh:
        fh.seek(weights.stat().st_size // 2)
        byte = fh.read(1)
        fh.seek(-1, 1)
        fh.write(bytes([byte[0] ^ 0x01]))
    return intact, tampered


def test_the_intact_copy_matches_the_published_hash(model_copies):
    intact, _ = model_copies
    embedder = SentenceTransformerEmbedder(intact, str(intact), BUNDLED_MODEL_SHA256)
    assert embedder.verify() == BUNDLED_MODEL_SHA256


@pytest.mark.slow
def test_a_tampered_model_refuses_to_load_with_a_message(model_copies, tmp_path):
    """Through the CLI with embedding_model=<folder> and embedding_sha256=<published hash>: exit 2, one line."""
    _, tampered = model_copies
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "note.txt").write_text("Cyber diplomacy uses negotiation to reduce risks in cyberspace.\n")
    model_env = {"ASSISTANT_EMBEDDING_MODEL": str(tampered), "ASSISTANT_EMBEDDING_SHA256": BUNDLED_MODEL_SHA256}
    done = cli("ingest", "--sources", str(sources), "--index", str(tmp_path / "index"), "--quiet",
               cwd=tmp_path, extra_env=model_env)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "do not match the published checksum" in done.stderr and "reinstall" in done.stderr
    assert "Traceback" not in done.stderr and done.stderr.strip().count("\n") == 0
    # The same through a settings file instead of the environment.
    config = tmp_path / "assistant.toml"
    config.write_text(f'embedding_model = "{tampered}"\nembedding_sha256 = "{BUNDLED_MODEL_SHA256}"\n')
    done = cli("ingest", "--sources", str(sources), "--index", str(tmp_path / "index2"), "--quiet",
               "--config", str(config), cwd=tmp_path, extra_env={"ASSISTANT_EMBEDDING_MODEL": ""})
    assert done.returncode == 2 and "do not match the published checksum" in done.stderr, done.stderr[-2000:]
    # Nothing half-built is left to be served.
    status = cli("status", "--index", str(tmp_path / "index2"), cwd=tmp_path)
    assert status.returncode == 2 and "run `assistant ingest` first" in status.stderr, status.stderr
