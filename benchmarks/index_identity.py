"""Is the index unchanged by a change to the ingest? Build an index of ../shared/realdocs + sources/ with the
code on PYTHONPATH, dump everything it stores, and compare two dumps (issue #11: the index must be identical
before and after a speed change; vectors within 1e-6).

usage: python -m benchmarks.index_identity build OUTDIR   (ingest into OUTDIR/index; dump.json + dump.npz)
       python -m benchmarks.index_identity compare DIR_A DIR_B   (exit 0 when identical)
"""
import json, shutil, sys
from pathlib import Path
import numpy as np

def build(out: Path):
    from benchmarks.realdocs import build_corpora, REALDOCS
    from assistant.config import Settings
    from assistant.embeddings import make_embedder
    from assistant.service import Assistant
    out.mkdir(parents=True, exist_ok=True)
    corpora = build_corpora(REALDOCS, out / "work")
    src = corpora["all"]
    s = Settings(sources=src, index=out / "index", data_dir=out / "index" / "data")
    emb = make_embedder(s)
    a = Assistant(s, embedder=emb, create=True)
    rep = a.ingest(progress=False, log=lambda m: None)
    print("chunks", rep.chunks_written, "docs", len(rep.added), "failed", rep.failed)
    dump(a.store, out)

def dump(store, out: Path):
    recs = store.documents()
    chunks = store.current_chunks()
    chunks.sort(key=lambda c: c.chunk_id)
    ids = [c.chunk_id for c in chunks]
    texts = {d: store.document_text(d) for d in sorted(recs)}
    docs = {d: repr(r) for d, r in sorted(recs.items())}
    meta = [repr(c) for c in chunks]
    emb = store.embeddings_for(ids)
    units = store.unit_vectors(ids)
    V = np.stack([emb[i] for i in ids])
    U = [units[i] for i in ids]
    json.dump({"docs": docs, "texts": texts, "chunks": meta, "ids": ids}, open(out / "dump.json", "w"), indent=0)
    np.savez(out / "dump.npz", V=V, **{f"u{k}": u for k, u in enumerate(U)})

def compare(a: Path, b: Path) -> bool:
    ja, jb = json.load(open(a / "dump.json")), json.load(open(b / "dump.json"))
    ok = True
    for key in ("ids", "docs", "texts", "chunks"):
        same = ja[key] == jb[key]
        print(key, "identical" if same else "DIFFERENT", len(ja[key]))
        if not same:
            ok = False
            if isinstance(ja[key], list):
                for x, y in zip(ja[key], jb[key]):
                    if x != y:
                        print("  first diff:\n   ", x[:300], "\n   ", y[:300]); break
            else:
                for k in ja[key]:
                    if ja[key].get(k) != jb[key].get(k):
                        print("  differs:", k); break
    if ja["ids"] != jb["ids"]:
        print("RESULT DIFFERENT (other passages: vectors not compared)")
        return False
    na, nb = np.load(a / "dump.npz"), np.load(b / "dump.npz")
    dv = float(np.abs(na["V"] - nb["V"]).max())
    print("passage vectors", na["V"].shape, "max abs diff", dv)
    n = len(ja["ids"])
    du = 0.0; nunits = 0
    for k in range(n):
        ua, ub = na[f"u{k}"], nb[f"u{k}"]
        if ua.shape != ub.shape:
            print("unit shape differs", k, ua.shape, ub.shape); ok = False; continue
        nunits += len(ua)
        if ua.size: du = max(du, float(np.abs(ua - ub).max()))
    print("unit vectors", nunits, "max abs diff", du)
    ok = ok and dv <= 1e-6 and du <= 1e-6
    print("RESULT", "IDENTICAL (within 1e-6)" if ok else "DIFFERENT")
    return ok

if __name__ == "__main__":
    if sys.argv[1] == "build":
        build(Path(sys.argv[2]))
    else:
        sys.exit(0 if compare(Path(sys.argv[2]), Path(sys.argv[3])) else 1)
