"""Finding 1: the token-signing secret is never a published default."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.secret import load_or_create_secret
from bot.settings import DEV_SECRET, Settings


@pytest.fixture(autouse=True)
def no_secret_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)


def settings(**kw) -> Settings:  # type: ignore[no-untyped-def]
    return Settings(_env_file=None, **kw)


def test_unset_secret_is_generated_once_into_var_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "var" / "secret_key"
    first = settings(environment="development", secret_key_file=path)
    assert first.signing_key != DEV_SECRET and len(first.signing_key) >= 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    # Another gateway process (a worker, a restart) reads the same key.
    again = settings(environment="production", secret_key_file=path)
    assert again.signing_key == first.signing_key == path.read_text().strip()


def test_two_processes_starting_together_agree(tmp_path: Path) -> None:
    import multiprocessing

    path = tmp_path / "secret_key"
    with multiprocessing.get_context("fork").Pool(4) as pool:
        keys = pool.map(load_or_create_secret, [path] * 8)
    assert len(set(keys)) == 1


def test_the_old_default_secret_is_refused(tmp_path: Path) -> None:
    for env in ("development", "production"):
        with pytest.raises(ValidationError, match="SECRET_KEY"):
            settings(environment=env, secret_key=DEV_SECRET, secret_key_file=tmp_path / "k")
    with pytest.raises(ValidationError, match="32"):
        settings(environment="development", secret_key="short")


def test_tests_get_an_ephemeral_key_and_write_nothing(tmp_path: Path) -> None:
    path = tmp_path / "secret_key"
    a = settings(environment="test", secret_key_file=path)
    b = settings(environment="test", secret_key_file=path)
    assert a.signing_key != b.signing_key and DEV_SECRET not in (a.signing_key, b.signing_key)
    assert not path.exists()
