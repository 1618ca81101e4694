"""The 吉速办 mini-program component against the real stack: its jest e2e spec drives the
component (miniprogram-simulate) whose wx.request makes real HTTP calls to the gateway that
`live_stack` started; and live replies of every kind keep the chat contract."""

from __future__ import annotations

import os
import shutil
import subprocess

import httpx
import pytest

from bot.launcher import ROOT
from tests.chat_contract import problems

pytestmark = pytest.mark.e2e
MINIPROGRAM = ROOT / "miniprogram"


def _npm_ready() -> None:
    if not (shutil.which("node") and shutil.which("npm")):
        pytest.fail("node and npm are needed for the mini-program tests", pytrace=False)
    stamp = MINIPROGRAM / "node_modules" / ".installed"
    lock = MINIPROGRAM / "package-lock.json"
    if not stamp.exists() or stamp.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=MINIPROGRAM, check=True,
                       timeout=600)
        stamp.touch()


def test_component_gets_the_catalog_figure_from_the_real_gateway(live_stack) -> None:
    _npm_ready()
    env = {**os.environ, "JISUWEN_GATEWAY_URL": live_stack.gateway_url, "CI": "true"}
    run = subprocess.run(["npx", "jest", "tests/e2e", "--ci"], cwd=MINIPROGRAM, env=env,
                         capture_output=True, text=True, timeout=300)
    out = run.stdout + run.stderr
    assert run.returncode == 0, out[-4000:]
    assert "Tests:       1 passed, 1 total" in out, out[-4000:]


# A restaurant owner's situation told at length: the 连锁门店 checklist, then the related matters.
STORY = ("我在昌吉市区有家拌面馆，这两年生意还行，想在同一个区再弄两个门面，另外店门口打算摆台"
         "自动售货机，只卖瓶装水饮料那种。执照和食品证是不是都得一家一家重新申请？有没有省事点的做法")


@pytest.mark.parametrize(("turns", "kinds"), [
    (["开公司要多久", "/feedback_satisfied"], set()),
    (["用电报装要多久", '/inform_condition{"condition": "居民"}', "今天提交哪天能办完"], set()),
    (["开公司要多久", "我要转人工"], set()),
    (["今天天气怎么样"], set()),
    (["我想开个饭馆，要办哪些手续"], {"life_event"}),
    ([STORY], {"related_matters"}),
])
def test_live_replies_keep_the_contract(live_stack, turns: list[str], kinds: set[str]) -> None:
    """Every live reply keeps the contract, the checklist and the related-matters bubble too."""
    sender = f"mp-contract-{abs(hash(tuple(turns))) % 10**8}"
    seen: set[str] = set()
    for message in turns:
        r = httpx.post(f"{live_stack.gateway_url}/api/chat",
                       json={"sender": sender, "message": message}, timeout=60)
        assert r.status_code == 200, r.text
        assert problems(200, r.json()) == [], (message, r.json())
        seen |= {(m.get("custom") or {}).get("type") for m in r.json()["messages"]}
    assert kinds <= seen, r.json()
