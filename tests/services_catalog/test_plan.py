"""The plan shipped in the repo, parsed into its 172 tasks: verbatim, complete, in order."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from services_catalog.config import PLAN_FILE
from services_catalog.plan import TASK_COUNT, clauses, squash, task, tasks

# sha256 of the seed document (/work/shared/seeds/000_0571abc50a7b2424.txt), copied unchanged.
PLAN_SHA256 = "8076983d966d4c726f7aec6876c5dc4c476fe69da7f9b95e6a75e2020437c704"


def plan_text() -> str:
    return PLAN_FILE.read_text(encoding="utf-8")


def test_the_plan_ships_inside_the_repo_unchanged() -> None:
    repo = Path(__file__).resolve().parents[2]
    assert PLAN_FILE == repo / "services_catalog" / "data" / "plan.txt"
    assert hashlib.sha256(PLAN_FILE.read_bytes()).hexdigest() == PLAN_SHA256


def test_172_tasks_numbered_1_to_172_in_order() -> None:
    assert TASK_COUNT == 172
    assert list(tasks()) == list(range(1, 173))
    text = plan_text()
    positions = [text.index(t.clauses[0].raw) for t in tasks().values()]
    assert positions == sorted(positions)


def test_every_clause_is_verbatim_from_the_plan() -> None:
    text = plan_text()
    for t in tasks().values():
        assert t.clauses, f"第{t.number}条 has no clause"
        for c in t.clauses:
            assert c.raw in text, f"第{t.number}条: {c.raw!r} is not in the plan"
            assert c.text == squash(c.raw)
            assert c.task == t.number


def test_clauses_split_on_full_stops_and_semicolons_and_lose_nothing() -> None:
    text = squash(plan_text())
    for t in tasks().values():
        for c in t.clauses[:-1]:
            assert c.text[-1] in "。；;" and not re.search("[。；;]", c.text[:-1])
        # The task as written: its number, its clauses, then its 责任单位 in brackets.
        assert f"{t.number}.{t.text}" in text or f"{t.number}．{t.text}" in text
        assert re.search(re.escape(t.text) + r"[（(]责任单位[:：]" + re.escape(t.units), text)


def test_spot_checked_tasks() -> None:
    assert task(1).title == "提升企业开办服务水平"
    assert task(1).area.title == "提高开办企业便利度"
    assert task(1).area.lead == "州市场监督管理局"
    assert task(1).units.startswith("州市场监督管理局、人社局、医保局、税务局")
    assert clauses(3) == ["压缩开办企业全流程办结时限。",
                          "提供人脸、远程等多种身份验证方式，企业开办时限压缩至3个工作日。"]
    assert task(3).units == "州市场监督管理局，各县市〈园区〉人民政府〈管委会〉"
    assert "用水报装压缩至5个工作日内,燃气报装压缩至10个工作日内。" in clauses(46)[-1]
    assert task(46).area.title == "提高获得用水用气服务水平"
    assert task(46).area.lead == "州住建局、水利局"
    # 责任单位 split by a page break in the source
    assert task(57).units == ("州卫健委、住建局、教育局、市场监督管理局，"
                              "各县市〈园区〉人民政府〈管委会〉")
    assert task(152).units == "州中级人民法院、州人民检察院，州公安局"
    assert task(170).title == "强化仲裁解纷功能"
    assert task(170).area.title == "加强执行合同司法保障"
    assert task(172).units == "州党委政法委"  # the last task ends before 三、保障措施
    assert "保障措施" not in task(172).text
    assert {t.area.number for t in tasks().values()} == {
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三",
        "十四", "十五", "十六", "十七", "十八"}


def test_every_task_has_its_units() -> None:
    assert all(t.units for t in tasks().values())


def test_unknown_task_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        task(173)
