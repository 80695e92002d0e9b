"""Settings: defaults < config file < ASSISTANT_* environment < flags; validation says what is valid."""
from pathlib import Path

import pytest

from assistant.config import Settings, describe, load_settings
from assistant.errors import ConfigError


def test_precedence(tmp_path):
    config = tmp_path / "assistant.toml"
    config.write_text('[assistant]\ntop_k = 7\nindex = "from-file"\nport = 9000\n')
    env = {"ASSISTANT_INDEX": "from-env", "ASSISTANT_PORT": "9100"}
    s = load_settings(config_file=config, env=env, port=9200)
    assert s.top_k == 7 and s.index == Path("from-env") and s.port == 9200
    assert load_settings(config_file=tmp_path / "absent.toml", env={}).top_k == Settings().top_k


def test_validation_names_the_valid_range(tmp_path):
    with pytest.raises(ConfigError, match=r"top_k must be between 1 and 50 \(got 0\)"):
        Settings(top_k=0)
    with pytest.raises(ConfigError, match="backend must be one of"):
        Settings(backend="gpt")
    with pytest.raises(ConfigError, match="port must be a int"):
        load_settings(env={"ASSISTANT_PORT": "eighty"})
    bad = tmp_path / "bad.toml"
    bad.write_text("[assistant]\nnot_a_setting = 1\n")
    with pytest.raises(ConfigError, match="unknown setting 'not_a_setting'"):
        load_settings(config_file=bad, env={})


def test_every_setting_is_documented():
    assert all(doc for _, _, doc in describe())
