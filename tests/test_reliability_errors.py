"""Errors that say what they are: a damaged store reports damage; a bug is an internal error with its traceback
in the log, never "the index is damaged, rebuild it"."""
from __future__ import annotations

import json
import random
import sqlite3

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from assistant import cli, ui
from assistant.errors import IndexCorrupt
from assistant.incidents import LOG_FILE
from assistant.index import ChromaStore, is_storage_fault
from ui_server import free_port

QUESTION = "What confidence-building measures does the OSCE promote?"


@pytest.fixture()
def run_cli(fake_assistant, fake_settings, monkeypatch, capsys):
    """`assistant ...` in this process (so that monkeypatched faults apply): (exit code, stdout, stderr)."""
    monkeypatch.setenv("ASSISTANT_EMBEDDING_MODEL", "hashing")
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(fake_settings.data_dir))

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = cli.main([*args, "--index", str(fake_settings.index), "--sources", str(fake_settings.sources)])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def _bad_call(*args, **kwargs):
    raise TypeError("query() got an unexpected keyword argument 'n_result'")


def _log(settings) -> str:
    path = settings.data_dir / LOG_FILE
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_storage_faults_and_bugs_are_told_apart():
    from chromadb.errors import InternalError, InvalidArgumentError

    for fault in (sqlite3.DatabaseError("database disk image is malformed"), OSError("No such file"),
                  json.JSONDecodeError("Expecting value", "x", 0), InternalError("Error executing plan")):
        assert is_storage_fault(fault), fault
    for bug in (TypeError("bad"), AttributeError("x"), KeyError("source"), InvalidArgumentError("bad where"),
                ValueError("Expected where to have exactly one operator")):
        assert not is_storage_fault(bug), bug


def test_a_bug_inside_the_index_layer_is_an_internal_error_not_damage(fake_assistant, fake_settings, run_cli,
                                                                      monkeypatch):
    from chromadb.api.models.Collection import Collection

    assert run_cli("ask", QUESTION)[0] == 0
    # Dense search through Chroma's index (as above exact_search_max passages), in this process and the CLI's.
    monkeypatch.setattr(fake_assistant.retriever, "exact_search_max", 0)
    monkeypatch.setenv("ASSISTANT_EXACT_SEARCH_MAX", "0")
    monkeypatch.setattr(Collection, "query", _bad_call)
    # The facade lets the bug through as itself ...
    with pytest.raises(TypeError, match="n_result"):
        fake_assistant.ask(QUESTION)
    # ... and the command line says one line, with an exit code of its own (2 is a user's mistake).
    code, out, err = run_cli("ask", QUESTION)
    assert code == cli.EXIT_INTERNAL_ERROR == 3, err
    assert err.strip().count("\n") == 0 and "Traceback" not in err, err
    assert "internal error" in err and "TypeError" in err and "n_result" in err
    assert "damaged" not in err and "--rebuild" not in err and not out.strip()
    log = _log(fake_settings)
    assert "Traceback (most recent call last)" in log and "_bad_call" in log and "TypeError: query() got" in log


def test_a_bug_outside_chroma_calls_is_an_internal_error_too(fake_assistant, fake_settings, run_cli, monkeypatch):
    import assistant.index as index

    def broken_unpack(text):
        raise AttributeError("'NoneType' object has no attribute 'reshape'")

    monkeypatch.setattr(index, "_unpack", broken_unpack)
    code, out, err = run_cli("ask", QUESTION)
    assert code == 3 and "internal error (AttributeError" in err and "damaged" not in err, err
    assert "broken_unpack" in _log(fake_settings)


def test_a_corrupt_sqlite_file_still_reports_damage(fake_assistant, fake_settings, run_cli):
    db = fake_settings.index / "chroma" / "chroma.sqlite3"
    size = db.stat().st_size
    with db.open("r+b") as fh:
        fh.write(random.Random(3).randbytes(size))
    code, out, err = run_cli("ask", QUESTION)
    assert code == cli.EXIT_USER_ERROR == 2, err
    assert "damaged" in err and "--rebuild" in err and "internal error" not in err, err
    assert err.strip().count("\n") == 0 and not out.strip()
    assert "Traceback" not in _log(fake_settings)


def test_an_index_record_that_is_not_json_reports_damage(fake_assistant, fake_settings):
    store = fake_assistant.store
    store._docs.upsert(ids=["__settings__"], embeddings=[[0.0]], documents=["{not json"],
                       metadatas=[{"kind": "control"}])
    with pytest.raises(IndexCorrupt, match="damaged .*not JSON"):
        ChromaStore(path=fake_settings.index, create=False).read_settings()


def test_the_ui_shows_a_bug_as_one_line_and_logs_its_traceback(fake_assistant, fake_settings, monkeypatch):
    from chromadb.api.models.Collection import Collection

    assistant = fake_assistant
    assistant.settings = assistant.settings.replace(port=free_port())
    demo = ui.launch(assistant, block=False, example_questions=[])
    try:
        client = Client(f"http://127.0.0.1:{assistant.settings.port}", verbose=False)
        assert not client.predict(QUESTION, api_name="/ask")["abstained"]
        monkeypatch.setattr(fake_assistant.retriever, "exact_search_max", 0)  # through Chroma's index
        monkeypatch.setattr(Collection, "query", _bad_call)
        with pytest.raises(AppError) as raised:
            client.predict(QUESTION, api_name="/ask")
        message = str(raised.value)
        assert "internal error (TypeError)" in message and "damaged" not in message, message
        assert "\n" not in message.strip()
        # A web visitor sees neither the exception's text nor where the server keeps its log.
        assert "n_result" not in message and str(fake_settings.data_dir) not in message
    finally:
        demo.close()
    assert "Traceback (most recent call last)" in _log(fake_settings)


@pytest.mark.slow
def test_the_chat_shows_a_bug_as_one_line_in_chromium(fake_assistant, fake_settings, monkeypatch):
    """In a real browser: the chat says "internal error" in one line, never "damaged"; the log has the traceback."""
    from chromadb.api.models.Collection import Collection
    from playwright.sync_api import expect, sync_playwright

    assistant = fake_assistant
    assistant.settings = assistant.settings.replace(port=free_port())
    demo = ui.launch(assistant, block=False, example_questions=[])
    # Dense search through Chroma's index (as above exact_search_max passages), in this process and the CLI's.
    monkeypatch.setattr(fake_assistant.retriever, "exact_search_max", 0)
    monkeypatch.setenv("ASSISTANT_EXACT_SEARCH_MAX", "0")
    monkeypatch.setattr(Collection, "query", _bad_call)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                        args=["--no-sandbox", "--disable-gpu"])
            try:
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{assistant.settings.port}")
                page.wait_for_selector("#question textarea", timeout=60_000)
                page.fill("#question textarea", QUESTION)
                page.click("#ask")
                bot = page.locator("#chat [data-testid='bot']").last
                expect(bot).to_contain_text("internal error (TypeError", timeout=60_000)
                text = bot.inner_text()
                assert "damaged" not in text and "rebuild" not in text and "Traceback" not in text, text
            finally:
                browser.close()
    finally:
        demo.close()
    assert "Traceback (most recent call last)" in _log(fake_settings) and "_bad_call" in _log(fake_settings)
