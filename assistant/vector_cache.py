"""A small thread-safe LRU cache of text embeddings, shared by retrieval, answering and grounding."""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, Sequence

import numpy as np


class VectorCache:
    """Vectors of texts by text; the least recently used are dropped beyond `size`.

    The embedding call runs outside the lock, so concurrent questions do not wait for each other's model
    call; two threads missing the same text may both embed it, and the result is the same.
    """

    def __init__(self, embed: Callable[[list[str]], np.ndarray], size: int):
        if size < 1:
            raise ValueError(f"size must be at least 1 (got {size})")
        self._embed = embed
        self.size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._vectors)

    def __contains__(self, text: str) -> bool:
        return text in self._vectors

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, in order; only the texts not cached are embedded (once each)."""
        with self._lock:
            known = {t: self._vectors[t] for t in dict.fromkeys(texts) if t in self._vectors}
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            known.update(zip(missing, self._embed(missing)))
        with self._lock:
            for t, v in known.items():  # used now: the most recent, whether a hit or just embedded
                self._vectors[t] = v
                self._vectors.move_to_end(t)
            while len(self._vectors) > self.size:
                self._vectors.popitem(last=False)
        return np.stack([known[t] for t in texts])
