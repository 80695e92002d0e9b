"""`ingest --rebuild` killed part-way loses nothing either: a healthy index is rebuilt document by document."""
from __future__ import annotations

import pytest

from test_reliability_ingest import assert_consistent, cli, kill_at, probe, write_corpus, write_seq


@pytest.mark.slow
def test_a_killed_rebuild_leaves_the_index_answerable(tmp_path):
    sources, index = tmp_path / "sources", tmp_path / "index"
    names = {f"doc{i:03d}.md" for i in range(24)}
    write_corpus(sources, range(24), "revision one")
    build = ["ingest", "--sources", str(sources), "--index", str(index), "--quiet"]
    assert cli(*build, cwd=tmp_path).returncode == 0
    before = probe(index, sources, tmp_path)
    writes = write_seq(index)
    outcomes = [kill_at([*build, "--rebuild"], tmp_path, index, writes * 0.5),
                kill_at([*build, "--rebuild"], tmp_path, index, 1)]
    for _ in outcomes:
        state = probe(index, sources, tmp_path)
        assert_consistent(state, names)  # every document still there, whole
    assert all(o.startswith("killed") for o in outcomes), outcomes
    done = cli(*build, "--rebuild", cwd=tmp_path)
    assert done.returncode == 0 and "updated 24" in done.stdout, done.stdout + done.stderr[-2000:]
    after = probe(index, sources, tmp_path)
    assert after["documents"] == before["documents"] and after["raw"] == after["chunks"] == before["chunks"]
    print(f"\nrebuild kills: {outcomes}; survived")
