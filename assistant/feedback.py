"""Thumbs up/down feedback on answers, appended to a JSON Lines file that survives restarts."""
from __future__ import annotations

import json
import os
import threading
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Mapping

from .errors import AssistantError

FILE_NAME = "feedback.jsonl"
MAX_COMMENT_CHARS = 4000
RATINGS = ("up", "down")
_lock = threading.Lock()  # one writer at a time inside this process; appends are line-atomic on disk


class FeedbackError(AssistantError):
    """The feedback is malformed (unknown rating, comment too long, nothing to rate)."""


def feedback_path(data_dir: Path) -> Path:
    """Where feedback lines are appended."""
    return Path(data_dir) / FILE_NAME


def record(data_dir: Path, rating: str, answer: Mapping, comment: str = "", feedback_id: str | None = None) -> dict:
    """Append one feedback line (rating, comment, question, answer, citations, time) and return it.

    A later line with the same `id` (a comment added after the thumb) supersedes the earlier one;
    nothing is ever rewritten, so nothing already saved can be lost.
    """
    if rating not in RATINGS:
        raise FeedbackError(f"rating must be one of {', '.join(RATINGS)} (got {rating!r})")
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT_CHARS:
        raise FeedbackError(f"the comment is too long ({len(comment):,} characters; the limit is {MAX_COMMENT_CHARS:,})",
                            key="comment_too_long", length=len(comment), limit=MAX_COMMENT_CHARS)
    if not answer or not answer.get("question"):
        raise FeedbackError("there is no answer to rate yet: ask a question first", key="nothing_to_rate")
    entry = {
        "id": feedback_id or uuid.uuid4().hex,
        "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "rating": rating,
        "comment": comment,
        "question": answer.get("question"),
        "resolved_query": answer.get("resolved_query"),
        "answer": answer.get("answer"),
        "abstained": answer.get("abstained"),
        "citations": answer.get("citations", []),
        "backend": answer.get("backend"),
    }
    path = feedback_path(data_dir)
    line = json.dumps(entry, ensure_ascii=False) + "\n"
    with _lock:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())  # a rating the user saw confirmed must survive a crash or restart
    return entry


def read_all(data_dir: Path) -> list[dict]:
    """Every feedback line saved so far, oldest first (lines that do not parse are skipped)."""
    path = feedback_path(data_dir)
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # a torn last line after a power cut should not hide the rest
    return out
