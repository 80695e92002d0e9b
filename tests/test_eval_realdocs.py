"""The real-documents evaluation set (evals/realdocs/): official documents next to the shipped pages, the real
model, the gate in evals/realdocs-thresholds.yaml (overall and per split)."""
from __future__ import annotations

import json
import shutil

import pytest

from assistant import cli
from conftest import ROOT, SHIPPED_SOURCES

REALDOCS = ROOT.parent / "shared" / "realdocs"  # CI checks the documents out at ../shared/realdocs
EVALS = ROOT / "evals"
CASES = EVALS / "realdocs"
THRESHOLDS = EVALS / "realdocs-thresholds.yaml"
BASELINE = EVALS / "realdocs-baseline.json"


@pytest.fixture(scope="session")
def realdocs_index(tmp_path_factory):
    """A sources folder = the shipped sources (with catalog.yaml) + every real document, ingested once."""
    if not REALDOCS.is_dir():
        pytest.skip(f"the real documents are not checked out at {REALDOCS} (see evals/realdocs/)")
    from assistant.config import Settings
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


@pytest.mark.slow
def test_realdocs_eval_meets_its_thresholds(realdocs_index, tmp_path, capsys):
    """`assistant eval --cases evals/realdocs`: every metric at or above its minimum, overall and per split."""
    args = ["eval", "--index", str(realdocs_index.index), "--sources", str(realdocs_index.sources),
            "--cases", str(CASES), "--thresholds", str(THRESHOLDS), "--baseline", str(BASELINE),
            "--report", str(tmp_path), "--no-baselines"]
    code = cli.main(args)
    out = capsys.readouterr().out
    with capsys.disabled():  # the figures, per split, in the test log
        print("\n" + out)
    assert code == 0, out
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["ok"] and report["metrics"]["citation_validity"] == 1.0
    assert set(report["splits"]) == {"tuning", "test"}
    assert report["cases"] == sum(s["cases"] for s in report["splits"].values())
