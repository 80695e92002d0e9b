"""Auth covers every route including the API; default bind is loopback; a hostile source stays inert."""
import urllib.error
import urllib.request

import pytest
from gradio_client import Client

from assistant import ui
from assistant.cli import main
from assistant.config import Settings, load_settings
from assistant.embeddings import HashingEmbedder
from assistant.errors import ConfigError
from assistant.service import Assistant
from ui_server import free_port

HOSTILE = ("Hostile page\n\nThe <script>window.pwned = 1</script> text and <img src=x onerror=\"window.pwned=2\"> "
           "stay inert in the source view.\n")


@pytest.fixture(scope="module")
def locked(tmp_path_factory):
    """The app over a fake index with a hostile source, behind user:password auth, in this process."""
    root = tmp_path_factory.mktemp("auth")
    (root / "sources").mkdir()
    (root / "sources" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    settings = Settings(sources=root / "sources", index=root / "index", embedding_model="hashing",
                        data_dir=root / "data", port=free_port(), auth="official:s3cret pass")
    assistant = Assistant(settings, embedder=HashingEmbedder(), create=True)
    assistant.ingest(progress=False)
    demo = ui.launch(assistant, block=False, example_questions=[])
    yield demo, f"http://127.0.0.1:{settings.port}"
    demo.close()


def _status(url: str, method: str = "GET") -> int:
    data = b'{"data": ["What is cyber diplomacy?"], "fn_index": 0, "session_hash": "x"}' if method == "POST" else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_binds_to_loopback_by_default(locked):
    demo, url = locked
    assert Settings().host == "127.0.0.1" and demo.server_name == "127.0.0.1"
    assert demo.share is False or demo.share is None


@pytest.mark.parametrize("route,method", [
    ("/config", "GET"), ("/gradio_api/info", "GET"), ("/gradio_api/file=/etc/passwd", "GET"),
    ("/gradio_api/call/ask", "POST"), ("/gradio_api/run/ask", "POST"), ("/gradio_api/queue/join", "POST"),
    ("/gradio_api/call/brief", "POST"),
])
def test_every_route_needs_the_password(locked, route, method):
    _, url = locked
    assert _status(url + route, method) == 401


def test_the_page_without_password_is_only_the_login_shell(locked):
    _, url = locked
    with urllib.request.urlopen(url + "/", timeout=10) as r:
        page = r.read().decode()
    assert "passages" not in page and "hostile" not in page and "Limit to sources" not in page


def test_the_api_refuses_a_client_without_credentials_and_serves_one_with_them(locked):
    _, url = locked
    with pytest.raises(Exception):
        Client(url, verbose=False)
    with pytest.raises(Exception):
        Client(url, auth=("official", "wrong"), verbose=False)
    client = Client(url, auth=("official", "s3cret pass"), verbose=False)
    html = client.predict("hostile.txt", None, None, api_name="/source")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in html


@pytest.mark.parametrize("value", ["nocolon", ":pass", "user:"])
def test_malformed_auth_is_a_clear_error(value):
    with pytest.raises(ConfigError, match="auth must look like user:password"):
        ui.parse_auth(value)


def test_auth_comes_from_the_environment_too():
    assert load_settings(env={"ASSISTANT_AUTH": "a:b"}).auth == "a:b"
    assert ui.parse_auth("a:b:c") == ("a", "b:c")


def test_serve_with_malformed_auth_exits_with_a_message(tmp_path, capsys):
    code = main(["serve", "--no-ingest", "--index", str(tmp_path / "i"), "--auth", "nocolon",
                 "--port", str(free_port())])
    assert code == 2 and "auth must look like user:password" in capsys.readouterr().err
