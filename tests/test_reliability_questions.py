"""Bad questions through the facade and the CLI (real model, real index): a sensible reply each, service stays up."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from assistant.errors import QuestionError

# name -> (question, what a sensible reply is: "refused" with a message, or "answered")
BAD_QUESTIONS = {
    "empty": ("", "refused"),
    "whitespace": ("  \t \n  ", "refused"),
    "100,000 characters": ("What is cyber diplomacy? " * 4000, "refused"),
    "only control and NUL characters": ("\x00\x01\x07\x1b\x7f", "refused"),
    "only invisible format characters": ("\u200b\u200e\u202e\ufeff", "refused"),
    "NUL and control characters inside": ("What\x00 is\x07 cyber\x1b[31m diplomacy?\x00", "answered"),
    "right-to-left (Arabic)": ("ما هي الدبلوماسية السيبرانية؟", "refused"),  # not a random English quote
    "Chinese only": ("什么是网络外交？", "refused"),
    "right-to-left with Latin": ("ما هو دور OSCE في confidence-building measures؟", "answered"),
    "right-to-left override": ("\u202eWhat is cyber diplomacy?\u202c", "answered"),
    "mixed scripts": ("What does the OSCE (ОБСЕ, 欧安组织, אבטחה) promote?", "answered"),
    "script tag": ("<script>alert('x')</script> What is cyber diplomacy?", "answered"),
    "markup": ("<b onmouseover=alert(1)>OSCE</b> confidence-building <img src=x onerror=alert(2)>", "answered"),
    "markdown and quotes": ("**What** `is` [cyber](javascript:alert(1)) \"diplomacy\"? ' OR 1=1 --", "answered"),
    "lone surrogate": ("What is cyber\ud800 diplomacy?", "answered"),
    "emoji": ("🔐🌍 What is cyber diplomacy? 🤝", "answered"),
    "emoji only": ("🔐🌍🤝❓", "refused"),
}


def check_reply(name: str, question: str, kind: str, ask) -> str:
    """Ask; a refusal must be a one-line QuestionError, an answer must quote its sources verbatim."""
    try:
        answer = ask(question)
    except QuestionError as exc:
        assert kind == "refused", f"{name}: refused ({exc})"
        assert str(exc) and "\n" not in str(exc)
        return f"refused: {exc}"
    assert kind == "answered", f"{name}: answered instead of refused"
    assert answer.abstained or answer.citations
    for c in answer.citations:
        assert c.quote and f"[{c.n}]" in answer.text
    return "abstained" if answer.abstained else f"answered with {len(answer.citations)} citations"


@pytest.mark.slow
def test_bad_questions_through_the_facade(real_assistant):
    handled = {name: check_reply(name, q, kind, real_assistant.ask) for name, (q, kind) in BAD_QUESTIONS.items()}
    print(f"\nfacade: {len(handled)} bad questions tried, {len(handled)} handled")
    for name, outcome in handled.items():
        print(f"  {name}: {outcome[:100]}")
    # Still up, and still right, after all of them.
    after = real_assistant.ask("What is cyber diplomacy?")
    assert not after.abstained and after.citations
    # The clean part of a question with control characters is what gets answered.
    noisy = real_assistant.ask(BAD_QUESTIONS["NUL and control characters inside"][0])
    assert noisy.question == "What is cyber [31m diplomacy?"


def _cli(args: list[str], index, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args, "--index", str(index)], input=stdin,
                          capture_output=True, text=True, env=env, timeout=300, encoding="utf-8",
                          errors="surrogateescape")


@pytest.mark.slow
def test_bad_questions_through_the_cli(real_assistant, real_settings):
    """As an argument: a refusal is one line and exit 2. On stdin (JSON lines): one reply per question."""
    for name in ("empty", "100,000 characters", "only control and NUL characters"):
        question = BAD_QUESTIONS[name][0]
        if "\x00" in question:
            question = question.replace("\x00", "")  # a command-line argument cannot hold NUL
        done = _cli(["ask", question], real_settings.index)
        assert done.returncode == 2, f"{name}: {done.returncode} {done.stderr}"
        assert done.stderr.startswith("error: the question is") and done.stderr.count("\n") == 1
        assert "Traceback" not in done.stderr
    batch = [q for name, (q, _) in BAD_QUESTIONS.items()
             if name not in ("empty", "whitespace", "lone surrogate") and "\n" not in q]
    batch.append("What is cyber diplomacy?")
    done = _cli(["ask", "-"], real_settings.index, stdin="\n".join(batch) + "\n")
    assert done.returncode == 0, done.stderr[-3000:]
    replies = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(replies) == len(batch)
    for q, reply in zip(batch, replies):
        refused = next(kind for q2, kind in BAD_QUESTIONS.values() if q2 == q) == "refused" \
            if q != batch[-1] else False
        assert ("error" in reply) == refused, (q[:60], reply)
    assert replies[-1]["citations"] and not replies[-1]["abstained"]
    print(f"\ncli: {len(batch) - 1 + 3} bad questions tried, all handled")
