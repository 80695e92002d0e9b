"""Cost of the injection and instruction checks, beside the two regexes they replaced (same run, same texts).

Usage: python -m benchmarks.instructions
"""
from __future__ import annotations

import re
import time

from assistant.instruction_eval import load_cases
from assistant.instructions import check_question, instruction_kind

# Baseline: the checks answer.py had before assistant/instructions.py (they refused legitimate questions).
_OLD_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b[^.!?\n]{0,40}\b(?:instructions?|prompts?|rules|guidelines|question)\b"
    r"|\b(?:system|developer)\s+(?:prompt|message|instructions?)\b"
    r"|\b(?:AI|language model|LLM|chatbot|assistant)s?\b[^.!?\n]{0,30}\b(?:must|should|shall|are to|reading this)\b"
    r"|\b(?:instructions?|note|message)\s+(?:to|for)\s+(?:the\s+)?(?:AI|language models?|LLMs?|chatbots?|assistants?)\b"
    r"|\b(?:reply|respond|answer)\s+(?:only|always|every question)\b|\bcite this (?:passage|document|text)\b",
    re.IGNORECASE)
_OLD_IGNORE = re.compile(
    r"\b(?:ignore|disregard|forget|bypass|override|set aside)\b[^.?!]{0,40}?"
    r"\b(?:sources?|documents?|instructions?|context|rules?|prompts?|citations?|passages?|guidelines?)\b"
    r"|\bwithout (?:any )?(?:citing|citations?|sources?|quotes?|references?)\b"
    r"|\b(?:your|own) (?:own )?(?:opinion|view|views|personal|beliefs?)\b|\b(?:general|world|background|prior) knowledge\b"
    r"|\b(?:system prompt|hidden instructions?|developer mode|jailbreak)\b|\bpretend\b|\byou are now\b|^\s*system\s*:",
    re.IGNORECASE)


def _per_text(fn, texts, rounds: int = 5) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        for t in texts:
            fn(t)
    return (time.perf_counter() - start) / (rounds * len(texts)) * 1e6


def main() -> None:
    cases = load_cases()
    questions = [c.text for c in cases if c.kind == "question"]
    sentences = [c.text for c in cases if c.kind == "source"]
    print(f"{len(questions)} questions, {len(sentences)} source sentences (evals/instructions.yaml)")
    print(f"questions  check_question        {_per_text(check_question, questions):8.1f} µs   "
          f"baseline (old regex) {_per_text(_OLD_IGNORE.search, questions):6.1f} µs")
    uncached = instruction_kind.__wrapped__
    print(f"sentences  is_instruction, new   {_per_text(uncached, sentences):8.1f} µs   "
          f"baseline (old regex) {_per_text(_OLD_INSTRUCTION.search, sentences):6.1f} µs")
    instruction_kind.cache_clear()
    _per_text(instruction_kind, sentences, rounds=1)
    print(f"sentences  is_instruction, cached {_per_text(instruction_kind, sentences):7.2f} µs")
    for label, text in (("20k chars of 'ignore '", "ignore " * 3000), ("22k chars of 'previous instructions '",
                        "previous instructions " * 1000), ("10k chars of 'ai model '", "ai model " * 1100)):
        start = time.perf_counter()
        check_question(text)
        uncached(text)
        print(f"worst case {label:36} {(time.perf_counter() - start) * 1000:6.0f} ms  "
              f"(baseline {_per_text(_OLD_INSTRUCTION.search, [text], 1) / 1000:.0f} ms)")


if __name__ == "__main__":
    main()
