"""Domain errors raised inside the package; only the CLI and UI turn them into messages."""


class AssistantError(Exception):
    """Base of every error a user can cause or fix; its message says what to do.

    `key` and `values` (optional) name the message so that an edge can say it in the user's language
    (the UI's catalogue has `error_<key>`); the English message stays the exception's text.
    """

    def __init__(self, message: str = "", *, key: str | None = None, **values: object):
        super().__init__(message)
        self.key = key
        self.values = values


class ConfigError(AssistantError):
    """A setting is out of range or malformed."""


class SourceError(AssistantError):
    """A source file cannot be read, is empty, or has an unsupported format."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelIntegrityError(AssistantError):
    """The embedding model files are missing or do not match their published checksum."""


class IndexMissing(AssistantError):
    """No index has been built at the given place yet."""


class IndexMismatch(AssistantError):
    """The index was built with other settings (model, dimension, chunking) than the current ones."""


class IndexCorrupt(AssistantError):
    """The index files are damaged."""


class IndexBusy(AssistantError):
    """Another ingest holds the index lock."""


class QuestionError(AssistantError):
    """The question is empty, too long or otherwise unusable."""


class BackendError(AssistantError):
    """An answering backend (LLM) failed or is misconfigured."""


class EvalError(AssistantError):
    """The evaluation set or its thresholds are malformed, or do not match the sources."""
