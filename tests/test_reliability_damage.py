"""A damaged index is reported with the way out (`ingest --rebuild`), never a traceback or a crash."""
from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest

from test_reliability_ingest import cli, write_corpus

# Chroma persists a collection's HNSW files once 1,000 vectors have been written; below that they
# are never read back, so the index must be larger than that for damage to them to matter.
DOCS = 100


@pytest.fixture(scope="module")
def good_index(tmp_path_factory) -> tuple[Path, Path]:
    """An index of 1,100 passages (hashing embedder) with persisted HNSW files, built once."""
    root = tmp_path_factory.mktemp("damage")
    sources, index = root / "sources", root / "index"
    write_corpus(sources, range(DOCS), "revision one")
    done = cli("ingest", "--sources", str(sources), "--index", str(index), "--quiet", cwd=root)
    assert done.returncode == 0, done.stderr
    assert list((index / "chroma").glob("*/index_metadata.pickle")), "no persisted HNSW index to damage"
    return sources, index


def passages_segment(index: Path) -> Path:
    return max((p.parent for p in (index / "chroma").glob("*/index_metadata.pickle")),
               key=lambda seg: (seg / "data_level0.bin").stat().st_size)


def garble(path: Path, seed: int = 5) -> None:
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.write(random.Random(seed).randbytes(max(size, 16)))


def truncate_half(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


DAMAGE = {
    "sqlite truncated": lambda idx: truncate_half(idx / "chroma" / "chroma.sqlite3"),
    "sqlite emptied": lambda idx: truncate_half(idx / "chroma" / "chroma.sqlite3") or os.truncate(
        idx / "chroma" / "chroma.sqlite3", 0),
    "hnsw header garbage": lambda idx: garble(passages_segment(idx) / "header.bin"),
    "hnsw vectors and links garbage": lambda idx: garble(passages_segment(idx) / "data_level0.bin"),
    "hnsw upper links garbage": lambda idx: garble(passages_segment(idx) / "link_lists.bin"),
    "hnsw metadata garbage": lambda idx: garble(passages_segment(idx) / "index_metadata.pickle"),
}


def assert_says_rebuild(done, what: str) -> None:
    assert done.returncode == 2, f"{what}: exit {done.returncode}\n{done.stdout[-500:]}\n{done.stderr[-2000:]}"
    assert "--rebuild" in done.stderr and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.stderr.strip().count("\n") == 0, "more than one line of error"
    assert not done.stdout.strip(), f"{what} printed an answer from a damaged index"


@pytest.mark.slow
@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damage_is_reported_with_the_way_out(good_index, tmp_path, damage):
    """ask (dense and keyword paths) and a plain ingest stop with one line naming --rebuild."""
    sources, good = good_index
    index = tmp_path / "index"
    shutil.copytree(good, index)
    DAMAGE[damage](index)
    assert_says_rebuild(cli("ask", "What does marker003x say?", "--index", str(index), cwd=tmp_path), "ask")
    assert_says_rebuild(cli("ingest", "--sources", str(sources), "--index", str(index), "--quiet", cwd=tmp_path),
                        "ingest")
    print(f"\n{damage}: detected")


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["sqlite truncated", "hnsw vectors and links garbage"])
def test_rebuild_recovers_a_damaged_index(good_index, tmp_path, damage):
    """`ingest --rebuild` wipes a damaged embedded store and builds it anew; status and search work again."""
    _, good = good_index
    index = tmp_path / "index"
    shutil.copytree(good, index)
    DAMAGE[damage](index)
    assert_says_rebuild(cli("status", "--index", str(index), cwd=tmp_path), "status")
    assert_says_rebuild(cli("search", "marker001x", "--mode", "dense", "--index", str(index), cwd=tmp_path), "search")
    small = tmp_path / "sources"
    write_corpus(small, range(3), "revision three")
    done = cli("ingest", "--rebuild", "--sources", str(small), "--index", str(index), "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "added 3" in done.stdout
    status = cli("status", "--index", str(index), cwd=tmp_path)
    assert status.returncode == 0 and "Documents: 3" in status.stdout, status.stderr
    found = cli("search", "marker001x", "--index", str(index), cwd=tmp_path)
    assert found.returncode == 0 and "doc001.md" in found.stdout.splitlines()[0]
