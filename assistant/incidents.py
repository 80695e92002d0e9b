"""Bugs, told apart from user mistakes and damage: the traceback goes to a log, the user gets one line."""
from __future__ import annotations

import logging
import threading
from pathlib import Path

LOG_FILE = "assistant.log"  # in the data folder (settings.data_dir), beside feedback and exports

_log = logging.getLogger("assistant.incidents")
_lock = threading.Lock()
_files: dict[Path, logging.Handler] = {}


def _log_to(data_dir: Path | None) -> str:
    """Where the traceback goes: the data folder's log file, else whatever logging the process configured."""
    if data_dir is None:
        return "the server log"
    path = (Path(data_dir) / LOG_FILE).resolve()
    with _lock:
        if path not in _files:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                handler = logging.FileHandler(path, encoding="utf-8", delay=False)
            except OSError:  # a read-only data folder: stderr's handler (logging's last resort) still has it
                return "the server log"
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
            _log.addHandler(handler)
            _files[path] = handler
    return str(path)


def report_internal(exc: BaseException, data_dir: Path | None = None, where: str = "", public: bool = False) -> str:
    """Log `exc` with its traceback and return the one line to show: an internal error, not the user's fault.

    `public`: the line goes to a web visitor, so it names the exception's type only, not its message or the
    log's path on the server (either may show internals).
    """
    place = _log_to(data_dir)
    _log.error("internal error%s", f" in {where}" if where else "", exc_info=(type(exc), exc, exc.__traceback__))
    if public:
        return (f"internal error ({type(exc).__name__}): a bug in the assistant, not a problem with your question "
                "or the index; the details are in the server's log")
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
    return (f"internal error ({detail}): a bug in the assistant, not a problem with your question or the index; "
            f"the traceback is in {place}")
