"""Example questions for the first screen, drawn from the indexed sources' headings and kept only if answered."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .service import Assistant

# "North Atlantic Treaty Organization (NATO)" or "The European Union (EU)": a heading naming an actor.
_ORGANISATION = re.compile(r"^(?:The\s+)?(?P<name>[A-Z][^()?:]{3,80}?)\s*\((?P<acronym>[A-Z]{2,8})\)$")


def candidates(sections: list[tuple[str, str]]) -> list[str]:
    """Questions suggested by section headings, alternating between documents so each source shows up."""
    per_source: dict[str, list[str]] = {}
    for source, path in sections:
        heading = path.split(" > ")[-1].strip()
        if heading.endswith("?") and 3 <= len(heading.split()) <= 14:
            question = heading
        elif m := _ORGANISATION.match(heading):
            question = f"What is the role of the {m['name']} ({m['acronym']}) in cyberspace?"
        else:
            continue
        questions = per_source.setdefault(source, [])
        if question not in questions:
            questions.append(question)
    out: list[str] = []
    for i in range(max((len(q) for q in per_source.values()), default=0)):
        for questions in per_source.values():
            if i < len(questions) and questions[i] not in out:
                out.append(questions[i])
    return out


def suggest(assistant: "Assistant", limit: int = 4, tries: int = 10) -> list[str]:
    """Up to `limit` example questions that the current index answers (abstentions are left out)."""
    out = []
    for question in candidates(assistant.sections())[:tries]:
        if not assistant.ask(question).abstained:
            out.append(question)
        if len(out) >= limit:
            break
    return out
