"""Cold start: wall time from process start to the first answer, for `assistant ask` and `assistant serve`."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ENV = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "ANONYMIZED_TELEMETRY": "False",
       "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}


def _assistant_cmd() -> list[str]:
    """The console script a user runs, or the module when the project is not installed as a script."""
    script = Path(sys.executable).parent / "assistant"
    return [str(script)] if script.exists() else [sys.executable, "-m", "assistant.cli"]


def _env(model: str | None) -> dict:
    """The environment of the user's process; with a model, chosen the way a user would (ASSISTANT_EMBEDDING_MODEL)."""
    return {**ENV, "ASSISTANT_EMBEDDING_MODEL": model} if model else ENV


def cli(index: Path, sources: Path, question: str, model: str | None = None) -> float:
    """Seconds for `assistant ask QUESTION --json` to print its answer and exit."""
    started = time.perf_counter()
    done = subprocess.run([*_assistant_cmd(), "ask", question, "--json", "--index", str(index),
                           "--sources", str(sources)], capture_output=True, text=True, env=_env(model), timeout=600)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"assistant ask failed ({done.returncode}): {done.stderr[-500:]}")
    if not json.loads(done.stdout).get("answer"):
        raise RuntimeError("assistant ask printed no answer")
    return seconds


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _endpoint(client) -> str:
    """The chat endpoint of the UI: '/chat' when it exists, else the first named one."""
    names = list(client.view_api(print_info=False, return_format="dict")["named_endpoints"])
    return "/chat" if "/chat" in names else names[0]


def serve(index: Path, sources: Path, question: str, timeout: float = 180.0, model: str | None = None) -> float:
    """Seconds from starting `assistant serve` until its API returns the first answer."""
    from gradio_client import Client  # imported before the clock starts: it is the user's side

    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    started = time.perf_counter()
    proc = subprocess.Popen([*_assistant_cmd(), "serve", "--no-ingest", "--index", str(index), "--sources",
                             str(sources), "--port", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env=_env(model))
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"assistant serve exited ({proc.returncode}): {proc.stderr.read()[-500:]}")
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"assistant serve gave no answer within {timeout:.0f} s")
            try:
                client = Client(url, verbose=False)
                break
            except Exception:  # not listening yet: poll again
                time.sleep(0.1)
        answer = client.predict(question, api_name=_endpoint(client))
        seconds = time.perf_counter() - started
        if not answer:
            raise RuntimeError("assistant serve returned an empty answer")
        return seconds
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
