"""Command line: ingest, ask, search, status, serve, eval, brief; domain errors become one line and an exit code."""
from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path
from typing import Sequence

from .errors import AssistantError, IndexMissing

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 3  # a bug: 1 already means "a metric is below its threshold" (eval)


def _common(p: argparse.ArgumentParser, sources: bool = True) -> None:
    if sources:
        p.add_argument("--sources", type=Path, help="folder of source documents (default: sources/, ASSISTANT_SOURCES)")
    p.add_argument("--index", type=Path, help="index folder (default: index/, ASSISTANT_INDEX)")
    p.add_argument("--chroma-url", help="use a Chroma server at this URL instead of the embedded store")
    p.add_argument("--config", type=Path, help="settings file (default: assistant.toml, ASSISTANT_CONFIG)")


def _question_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--top-k", type=int, help="passages to retrieve (1-50, default 5)")
    p.add_argument("--source", action="append", default=[], metavar="PATH",
                   help="only use this source (path relative to the sources folder); repeatable")
    p.add_argument("--publisher", action="append", default=[], help="only use sources of this publisher; repeatable")
    p.add_argument("--json", action="store_true", help="print JSON")


def _backend_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--backend", choices=["extractive", "openai", "ollama"], help="answering backend (default extractive)")
    p.add_argument("--llm-url", help="LLM server base URL")
    p.add_argument("--llm-model", help="LLM model name")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant",
        description="Answers questions about cyber diplomacy from curated sources, citing every sentence.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", help="build or update the index from the sources folder")
    _common(p)
    p.add_argument("--rebuild", action="store_true", help="drop the index and build it anew")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")

    p = sub.add_parser("ask", help="answer a question ('-' reads one question per line from stdin)",
                       description="Answer a question from the indexed sources. With '-', each stdin line is a "
                       "question on its own, or a JSON object {\"question\": \"...\", \"history\": [earlier "
                       "questions, oldest first]} that carries its conversation, so a follow-up ('And the OSCE?', "
                       "'Who presented it?') is read with the earlier turns (see resolved_query); out: one JSON "
                       "object per line.")
    p.add_argument("question", help="the question, or - for one question (plain text or JSON with history) per line "
                                    "on stdin (JSON lines out)")
    _common(p)
    _question_flags(p)
    _backend_flags(p)
    p.add_argument("--stream", action="store_true",
                   help="print the answer sentence by sentence as the LLM backend writes and checks it")

    p = sub.add_parser("search", help="show the passages retrieved for a question")
    p.add_argument("question")
    _common(p, sources=False)
    _question_flags(p)
    p.add_argument("--mode", choices=["hybrid", "keyword", "dense"], default="hybrid", help="retrieval mode")

    p = sub.add_parser("status", help="what the index holds and how it was built")
    _common(p, sources=False)
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("serve", help="start the chat UI (builds a missing index first; updates an existing one "
                                     "in the background while answering, and again on SIGHUP)")
    _common(p)
    _backend_flags(p)
    p.add_argument("--host", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default 7860)")
    p.add_argument("--auth", help="user:password required to use the UI and API (or ASSISTANT_AUTH)")
    p.add_argument("--no-ingest", action="store_true",
                   help="never write the index; SIGHUP reloads what another process ingested (a Chroma server's replicas)")

    p = sub.add_parser("brief", help="a cited briefing pack on a topic ('all' for the whole index): key points, "
                       "glossary, timeline, who's who, quiz")
    p.add_argument("topic", help="the topic, e.g. 'confidence-building measures', or all")
    _common(p, sources=False)
    p.add_argument("--source", action="append", default=[], metavar="PATH",
                   help="only use this source (path relative to the sources folder); repeatable")
    p.add_argument("--publisher", action="append", default=[], help="only use sources of this publisher; repeatable")
    p.add_argument("--json", action="store_true", help="print the pack as JSON")
    p.add_argument("--format", choices=["md", "docx"], default="md", help="file format with --out (default md)")
    p.add_argument("--out", type=Path, help="write the pack to this file (Markdown or Word) instead of printing it")

    p = sub.add_parser("eval", help="run the evaluation set; exit 1 when a metric is below its threshold")
    _common(p)
    _backend_flags(p)
    p.add_argument("--cases", type=Path, default=Path("evals/cases.yaml"), help="evaluation set: a YAML or JSON Lines file, or a folder of them")
    p.add_argument("--thresholds", type=Path, default=Path("evals/thresholds.yaml"),
                   help="minimum per metric (`metrics:`), optionally per split (`splits: {test: {...}}`)")
    p.add_argument("--baseline", type=Path, default=Path("evals/baseline.json"),
                   help="checked-in per-case results to compare with")
    p.add_argument("--update-baseline", action="store_true", help="write this run's per-case results as the baseline")
    p.add_argument("--report", type=Path, default=Path("artifacts/eval"), help="folder for report.json and report.md")
    p.add_argument("--no-baselines", action="store_true", help="skip the keyword-only and dense-only runs")
    p.add_argument("--json", action="store_true", help="print the report object as JSON")
    return parser


def _settings(args: argparse.Namespace):
    from .config import load_settings

    return load_settings(
        config_file=getattr(args, "config", None),
        sources=getattr(args, "sources", None),
        index=getattr(args, "index", None),
        chroma_url=getattr(args, "chroma_url", None),
        top_k=getattr(args, "top_k", None),
        backend=getattr(args, "backend", None),
        llm_url=getattr(args, "llm_url", None),
        llm_model=getattr(args, "llm_model", None),
        host=getattr(args, "host", None),
        port=getattr(args, "port", None),
        auth=getattr(args, "auth", None),
    )


def _filters(args: argparse.Namespace):
    from .service import Filters

    return Filters(tuple(args.source), tuple(args.publisher))


def _open(settings, ensure_index: bool = False, preload: bool = False):
    from .service import Assistant

    assistant = Assistant(settings, create=ensure_index, preload=preload)
    if ensure_index and not assistant.has_index():
        print(f"No index at {settings.index} yet: building it from {settings.sources}", file=sys.stderr)
        _print_report(assistant.ingest(progress=sys.stderr.isatty()), as_json=False)
    return assistant


def _print_report(report, as_json: bool) -> None:
    if as_json:
        print(json.dumps({
            "added": list(report.added), "updated": list(report.updated), "removed": list(report.removed),
            "unchanged": list(report.unchanged),
            "failed": [{"source": f.source, "reason": f.reason} for f in report.failed],
            "chunks_embedded": report.chunks_written, "seconds": round(report.seconds, 3),
        }, ensure_ascii=False))
    else:
        print(f"Ingest: {report.summary()}", file=sys.stderr)


def format_answer(answer) -> str:
    """Human-readable answer with its numbered references."""
    from .views import readable

    lines = [answer.text, ""]
    if answer.notice:
        lines.insert(0, f"Note: {answer.notice}\n")
    for c in answer.citations:
        where = ", ".join(x for x in [c.section and f"section “{c.section}”", c.page and f"page {c.page}"] if x)
        lines.append(f"[{c.n}] {c.title}" + (f" — {c.publisher}" if c.publisher else "") + (f" ({where})" if where else ""))
        lines.append(f"    “{c.quote}”")
        lines.append(f"    {c.source}, characters {c.start}-{c.end}" + (f", {c.url}" if c.url else ""))
    if answer.abstained and answer.passages:
        lines.append("Nearest passages:")
        for p in answer.passages[:3]:
            snippet = readable(p.chunk.text)[:240]
            lines.append(f"  - {p.chunk.meta.title} ({p.chunk.section or p.chunk.source}): {snippet}")
    return "\n".join(lines).rstrip()


def _cmd_ask(args, settings) -> int:
    from .errors import ConfigError, QuestionError

    if args.stream and args.json:
        raise ConfigError("--stream prints text as it arrives: use it without --json")
    assistant = _open(settings, ensure_index=True, preload=True)  # the model loads while the index opens
    filters = _filters(args)
    if args.question == "-":
        for line in sys.stdin:
            question = line.rstrip("\n")
            if not question.strip():
                continue
            try:
                question, history = _stdin_turn(question)
                out = assistant.ask(question, args.top_k, filters, history=history).to_json()
            except QuestionError as exc:
                out = {"question": question, "error": str(exc)}
            print(json.dumps(out, ensure_ascii=False), flush=True)
        return 0
    if args.stream:
        return _stream_answer(assistant, args, filters)
    answer = assistant.ask(args.question, args.top_k, filters)
    print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2) if args.json else format_answer(answer))
    return 0


def _stdin_turn(line: str) -> tuple[str, list[str]]:
    """A stdin line of `ask -`: a plain question (no history), or {"question": ..., "history": [...]}."""
    from .errors import QuestionError

    if not line.lstrip().startswith("{"):
        return line, []
    try:
        turn = json.loads(line)
    except json.JSONDecodeError as exc:
        raise QuestionError(f"a line starting with '{{' must be a JSON object ({exc.msg})") from None
    question, history = (turn.get("question"), turn.get("history") or []) if isinstance(turn, dict) else (None, None)
    if not isinstance(question, str) or not isinstance(history, list) or not all(isinstance(h, str) for h in history):
        raise QuestionError('a JSON line needs "question" (text) and optionally "history" '
                            '(a list of earlier questions)')
    return question, history


def _stream_answer(assistant, args, filters) -> int:
    """Prints validated sentences as they arrive, then the references (or the fallback answer if it changed)."""
    from .schema import Answer

    shown = ""
    answer = None
    for item in assistant.ask_stream(args.question, args.top_k, filters):
        if isinstance(item, Answer):
            answer = item
        else:
            shown += item
            print(item, end="", flush=True)
    if answer.text == shown:
        rest = format_answer(answer).split(answer.text, 1)
        print(rest[1] if len(rest) == 2 else "")
        if answer.notice:
            print(f"Note: {answer.notice}")
    else:  # the checked answer replaced what was streamed (a fallback): show it whole
        print(("\n\n" if shown else "") + format_answer(answer))
    return 0


def _cmd_search(args, settings) -> int:
    assistant = _open(settings)
    passages = assistant.search(args.question, args.top_k, _filters(args), args.mode)
    if args.json:
        from .contracts import SearchJSON

        print(json.dumps(SearchJSON.of(args.question, args.mode, passages).to_json(), ensure_ascii=False, indent=2))
    else:
        for rank, p in enumerate(passages, start=1):
            print(f"{rank}. {p.chunk.meta.title} — {p.chunk.section or ''} [{p.chunk.source} {p.chunk.start}-{p.chunk.end}] score {p.score:.4f}")
            print("   " + " ".join(p.chunk.text.split())[:300])
    return 0


def _cmd_status(args, settings) -> int:
    status = _open(settings).status()
    data = status.to_json()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(f"Index: {data['index']}\nDocuments: {data['documents']}\nPassages: {data['chunks']}\n"
              f"Model: {data['embedding_model']} ({data['dimension']} dimensions)\n"
              f"Chunking: v{data['chunker_version']}, ~{data['chunk_tokens']} tokens\n"
              f"Built: {data['built_at']}  Updated: {data['updated_at']}")
        if (second := status.settings.get("cross_lingual_model", "none")) != "none":
            print(f"Questions not in English: {second} (a second vector set)")
        for s in data["sources"]:
            print(f"  - {s['source']}: {s['title']} ({s['chunks']} passages)")
    return 0


def _cmd_ingest(args, settings) -> int:
    from .service import Assistant

    assistant = Assistant(settings, create=True)
    # Each skipped file is said once, in the report below (stdout), not also by the ingest's own log (stderr).
    report = assistant.ingest(rebuild=args.rebuild, progress=not args.quiet and not args.json,
                              log=lambda msg: None if msg.startswith("skipped ") else print(msg, file=sys.stderr))
    if args.json:
        _print_report(report, True)
    else:
        for f in report.failed:
            print(f"skipped {f.source}: {f.reason}")
        print(report.summary())
    return 0


def _cmd_serve(args, settings) -> int:
    from .service import Assistant

    assistant = Assistant(settings, create=True, preload=True)  # the model loads while the UI starts
    if not args.no_ingest and not assistant.has_index():  # nothing to answer from yet
        print(f"Updating the index from {settings.sources} ...", file=sys.stderr)
        _print_report(assistant.ingest(progress=True), as_json=False)
    elif not args.no_ingest:
        _ingest_while_serving(assistant)
    if hasattr(signal, "SIGHUP"):  # `kill -HUP <pid>`: update (or, with --no-ingest, reload) without stopping
        signal.signal(signal.SIGHUP, lambda *_: _ingest_while_serving(assistant, reload_only=args.no_ingest))
    from . import ui  # imported only when the UI runs

    ui.serve(assistant)
    return 0


def _cmd_brief(args, settings) -> int:
    from . import export
    from .errors import ConfigError

    if args.format == "docx" and not args.out:
        raise ConfigError("--format docx writes a file: give --out FILE.docx")
    pack = _open(settings).brief(args.topic, _filters(args)).to_json()
    if args.out:
        write = export.write_pack_docx if args.format == "docx" else export.write_pack_markdown
        print(f"Briefing pack written to {write(pack, args.out)}", file=sys.stderr)
    if args.json:
        print(json.dumps(pack, ensure_ascii=False, indent=2))
    elif not args.out:
        print(export.pack_to_markdown(pack), end="")
    return 0


def _ingest_while_serving(assistant, reload_only: bool = False) -> threading.Thread:
    """Update (or only reload) the index in a thread; questions are answered from the current version until the
    new one is swapped in."""
    def run() -> None:
        if reload_only:
            print("Reloading the index in the background ...", file=sys.stderr, flush=True)
        else:
            print(f"Updating the index from {assistant.settings.sources} in the background ...", file=sys.stderr,
                  flush=True)
        try:
            with assistant.background_priority():
                if reload_only:
                    assistant.reload()
                    print("Index reloaded", file=sys.stderr)
                else:
                    _print_report(assistant.ingest(progress=False), as_json=False)
        except AssistantError as exc:  # e.g. another ingest is running: the server keeps answering
            print(f"The index was not updated: {exc}", file=sys.stderr)
        sys.stderr.flush()

    thread = threading.Thread(target=run, name="serve-ingest", daemon=True)
    thread.start()
    return thread


def _cmd_eval(args, settings) -> int:
    from . import eval_report
    from .evaluation import MODES, evaluate, load_cases

    cases = load_cases(args.cases)
    thresholds = eval_report.load_thresholds(args.thresholds)
    split_thresholds = eval_report.load_split_thresholds(args.thresholds)
    baseline = eval_report.load_baseline(args.baseline)
    assistant = _open(settings, ensure_index=True)
    modes = MODES[:1] if args.no_baselines else MODES
    runs = evaluate(assistant, cases, modes)
    report = eval_report.build_report(runs, thresholds, baseline, settings.backend, split_thresholds)
    json_path, md_path = eval_report.write_reports(report, args.report)
    if args.update_baseline:
        eval_report.write_baseline(report, args.baseline)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(eval_report.format_console(report))
        print(f"Reports: {json_path}, {md_path}")
    return 0 if report["ok"] else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `assistant` command."""
    args = build_parser().parse_args(argv)
    settings = None
    try:
        settings = _settings(args)
        handler = {"ingest": _cmd_ingest, "ask": _cmd_ask, "search": _cmd_search, "status": _cmd_status,
                   "serve": _cmd_serve, "eval": _cmd_eval, "brief": _cmd_brief}[args.command]
        return handler(args, settings)
    except IndexMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug, not a user mistake nor damage: one line here, the traceback in the log
        from .incidents import report_internal

        print(f"error: {report_internal(exc, getattr(settings, 'data_dir', None) or Path('data'), args.command)}", file=sys.stderr)
        return EXIT_INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())
