"""Test helper: run `assistant serve` as a real subprocess on a free loopback port and wait until it answers."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 180.0  # first imports and the model load are slow on 2 shared cores


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running `assistant serve` (with --no-ingest unless asked); `startup_seconds` is launch to first HTTP 200."""

    def __init__(self, index: Path, data_dir: Path, log: Path, extra: tuple[str, ...] = (), env: dict | None = None,
                 ingest: bool = False):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log
        run_env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir), "GRADIO_ANALYTICS_ENABLED": "False",
                   **(env or {})}
        cmd = [sys.executable, "-m", "assistant.cli", "serve", *([] if ingest else ["--no-ingest"]),
               "--index", str(index), "--port", str(self.port), *extra]
        self.started = time.perf_counter()
        self._log = open(log, "w")
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=run_env, stdout=self._log, stderr=subprocess.STDOUT)
        self.startup_seconds = self._wait()

    def _wait(self) -> float:
        deadline = self.started + START_TIMEOUT
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2) as r:
                    if r.status == 200:
                        return time.perf_counter() - self.started
            except urllib.error.HTTPError as exc:
                if exc.code == 401:  # behind auth: up, but locked
                    return time.perf_counter() - self.started
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"server not up after {START_TIMEOUT:.0f} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
