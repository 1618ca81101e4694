"""Fixtures shared by the gateway tests."""

from __future__ import annotations

import pytest

from tests.bot.test_admin_auth import auth, make_staff


@pytest.fixture(scope="module")
def agent_token() -> str:
    """A logged-in 12345 agent (the lowest role that may use /api/assist)."""
    return make_staff("agent")[1]


@pytest.fixture()
def as_agent(gateway, agent_token: str) -> None:
    """Every request of the test is made as that agent: `pytestmark = usefixtures("as_agent")`."""
    gateway.headers.update(auth(agent_token))
