"""Settings: defaults < config file < ASSISTANT_* environment < flags; a wrong value says where it came from."""
from pathlib import Path

import pytest
from pydantic import Field

from assistant import cli
from assistant.config import Settings, describe, load_settings
from assistant.errors import ConfigError


def test_precedence(tmp_path):
    config = tmp_path / "assistant.toml"
    config.write_text('[assistant]\ntop_k = 7\nindex = "from-file"\nport = 9000\n')
    env = {"ASSISTANT_INDEX": "from-env", "ASSISTANT_PORT": "9100"}
    s = load_settings(config_file=config, env=env, port=9200)
    assert s.top_k == 7 and s.index == Path("from-env") and s.port == 9200
    assert load_settings(config_file=config, env=env).port == 9100
    assert load_settings(config_file=tmp_path / "absent.toml", env={}).top_k == Settings().top_k
    # ASSISTANT_CONFIG names the file; an empty variable counts as unset.
    assert load_settings(env={"ASSISTANT_CONFIG": str(config), "ASSISTANT_PORT": ""}).port == 9000


def test_validation_names_the_valid_range():
    with pytest.raises(ConfigError, match=r"^top_k must be between 1 and 50 \(got 0\)$"):
        Settings(top_k=0)
    with pytest.raises(ConfigError, match="backend must be one of extractive, openai, ollama"):
        Settings(backend="gpt")
    with pytest.raises(ConfigError, match="collection must have at least 3 characters"):
        Settings(collection="ab")
    assert Settings().replace(top_k=9, index=None).top_k == 9
    with pytest.raises(ConfigError, match="top_k must be between 1 and 50"):
        Settings().replace(top_k=99)  # a copy is validated too


@pytest.mark.parametrize("line,message", [
    ("top_k = 7.9", r"top_k must be a whole number between 1 and 50 \(got 7.9 from {path}\)"),
    ("embedding_batch = true", r"embedding_batch must be a whole number between 1 and 1024 \(got True from {path}\)"),
    ("min_support = false", r"min_support must be a number between 0.0 and 1.0 \(got False from {path}\)"),
    ('port = "80"', None),  # a number written as text is still that number
    ("index = 5", r"index must be a folder path \(got 5 from {path}\)"),
    ("llm_model = 7", r"llm_model must be text \(or unset\) \(got 7 from {path}\)"),
    ('backend = "gpt"', r"backend must be one of extractive, openai, ollama \(got 'gpt' from {path}\)"),
    ("not_a_setting = 1", r"unknown setting 'not_a_setting' from {path} \(known: sources, index, "),
])
def test_a_wrong_value_in_the_file_is_an_error_not_a_guess(tmp_path, line, message):
    config = tmp_path / "assistant.toml"
    config.write_text(f"[assistant]\n{line}\n")
    if message is None:
        assert load_settings(config_file=config, env={}).port == 80
        return
    with pytest.raises(ConfigError, match=message.format(path=str(config))):
        load_settings(config_file=config, env={})


def test_a_wrong_value_names_the_variable_or_flag_it_came_from(tmp_path):
    with pytest.raises(ConfigError, match=r"port must be a whole number between 1 and 65535 \(got 'eighty' from "
                                          r"ASSISTANT_PORT\)"):
        load_settings(env={"ASSISTANT_PORT": "eighty"})
    with pytest.raises(ConfigError, match=r"top_k must be a whole number between 1 and 50 \(got '7.9' from "
                                          r"ASSISTANT_TOP_K\)"):
        load_settings(config_file=tmp_path / "absent.toml", env={"ASSISTANT_TOP_K": "7.9"})
    with pytest.raises(ConfigError, match=r"top_k must be between 1 and 50 \(got 0 from --top-k\)"):
        load_settings(config_file=tmp_path / "absent.toml", env={"ASSISTANT_TOP_K": "9"}, top_k=0)


def test_the_cli_exits_2_with_one_line(tmp_path, monkeypatch, capsys):
    config = tmp_path / "assistant.toml"
    config.write_text("[assistant]\nembedding_batch = true\n")
    assert cli.main(["status", "--config", str(config), "--index", str(tmp_path / "index")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"error: embedding_batch must be a whole number between 1 and 1024 (got True from {config})")
    monkeypatch.setenv("ASSISTANT_RRF_K", "sixty")
    assert cli.main(["status", "--index", str(tmp_path / "index")]) == 2
    assert capsys.readouterr().err.strip() == ("error: rrf_k must be a whole number between 1 and 1000 "
                                               "(got 'sixty' from ASSISTANT_RRF_K)")


def undocumented(model) -> list[str]:
    return [name for name, f in model.model_fields.items() if not (f.description or "").strip()]


def test_every_setting_is_documented_and_the_reference_says_so():
    assert undocumented(Settings) == []

    class Careless(Settings):
        extra_knob: int = Field(3)  # no description

    assert undocumented(Careless) == ["extra_knob"]  # the check above can fail
    rows = {name: (default, valid, doc) for name, default, valid, doc in describe()}
    assert list(rows) == list(Settings.model_fields)
    reference = (Path(__file__).resolve().parent.parent / "docs" / "settings.md").read_text(encoding="utf-8")
    for name, (default, valid, doc) in rows.items():
        assert doc == Settings.model_fields[name].description
        assert f"| `{name}` | `ASSISTANT_{name.upper()}` | `{default}` | {valid} | {doc} |" in reference
    assert rows["top_k"][1] == "a whole number between 1 and 50"
