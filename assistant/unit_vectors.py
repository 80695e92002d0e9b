"""Answer-unit vectors as the answerer reads them: one index version's, kept in memory.

The vectors of a passage's answer units are stored with it at ingest (late chunking, index.py). Read from Chroma for
each question, they cost ~1.5 ms of the ~6 ms the answer stage takes (benchmarks). So an index version of up to
`whole_max` passages has all of them read at its first question, as stored (int8, 2.2 KB a passage with the bundled
model: 22 MB and 0.35 s at 10,000 passages), and each passage's are unpacked when asked for; a larger version keeps
the last `RECENT` passages' read (follow-up questions come back to them).

One table per index version (retrieval.IndexSnapshot): a new version, also one rebuilt with another model, starts
with a table of its own, and never answers with the vectors of the one before.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, Collection, Mapping, Sequence

import numpy as np

RECENT = 2048  # passages whose unpacked vectors are kept (~8 KB each with the bundled model)

# (ids) -> {id: packed vectors}, and packed -> rows: the store's own (index.ChromaStore.packed_unit_vectors, unpack)
ReadPacked = Callable[[Sequence[str]], Mapping[str, str]]
Unpack = Callable[[str], np.ndarray]


class UnitVectors:
    """The unit vectors of one index version's passages in one vector set."""

    def __init__(self, ids: Collection[str], read_packed: ReadPacked, unpack: Unpack, whole: bool):
        """`ids`: the version's passages; `whole`: read them all at first use (else only those asked for)."""
        self._ids, self._read_packed, self._unpack, self._whole = ids, read_packed, unpack, whole
        self._packed: dict[str, str] | None = None
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self._load_lock = threading.Lock()

    def get(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Each passage's rows in unit order (read-only); passages without stored vectors are left out."""
        out: dict[str, np.ndarray] = {}
        with self._lock:
            for cid in ids:
                if (kept := self._recent.get(cid)) is not None:
                    self._recent.move_to_end(cid)
                    out[cid] = kept
        wanted = [cid for cid in dict.fromkeys(ids) if cid not in out]
        if not wanted:
            return out
        if self._whole:
            packed = self._all()
            found = {cid: packed[cid] for cid in wanted if cid in packed}
        else:
            found = dict(self._read_packed(wanted))
        read = {cid: self._unpack(text) for cid, text in found.items()}
        with self._lock:
            for cid, rows in read.items():
                rows.setflags(write=False)  # shared by every later reader
                self._recent[cid] = rows
            while len(self._recent) > RECENT:
                self._recent.popitem(last=False)
        out.update(read)
        return out

    def _all(self) -> dict[str, str]:
        with self._load_lock:
            if self._packed is None:
                ids = sorted(self._ids)
                packed: dict[str, str] = {}
                for start in range(0, len(ids), 2000):  # in pages, as the passage vectors are read
                    packed.update(self._read_packed(ids[start:start + 2000]))
                self._packed = packed
            return self._packed
