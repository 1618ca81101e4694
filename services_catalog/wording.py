"""Render domain.yml responses outside Rasa (agent assist, degraded mode), as Rasa would."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from services_catalog.config import ROOT

DOMAIN_FILE = ROOT / "domain.yml"
# What utter_not_in_plan says the plan does not state, by question_cues.ABSENT_FACTS kind.
MISSING_FACT = {
    "phone": "联系电话",
    "person": "工作人员或负责人的姓名",
    "firm": "具体机构或企业的名称（本助手也不推荐具体企业）",
    "price": "具体价格",
    "address": "具体办公地址",
    "web": "网址（网页链接）",
    "hours": "办公时间",
    "amount": "具体数额、比例或期限",
    "money": "具体金额或收费标准",
    "year": "三年行动期（2023至2025）以外年份的安排",
    "list": "具体包括哪些（只写明了数量或清单本身）",
    "staff": "人员数量（配备多少人）",
    "form": "表格、范本或文书的编号",
    "queue": "排队等候时间或窗口、大厅的数量",
    "faster": "当天办结、加急等比承诺时限更快的安排（方案写明的时限见第{item}条）",
    "stats": "实际办理情况的统计数字（只写明了承诺时限和工作目标）",
    "over_capacity": "{max_kw}kW以上用户和高压用户的全过程办理时限",
    "over_capacity_fee": "{max_kw}kW以上用户和高压用户报装的具体费用",
    "excepted": "{case}的具体时限或标准（第{item}条写明的要求“除{case}外”）",
    "other_kind": "{case}的办理时限（第{item}条的时限只写明了{kinds}）",
    "claim": "您听到的这个具体数字（方案中没有这一说法）",
}
_VAR = re.compile(r"{([^\n{}]+?)}")


@lru_cache
def responses(path: Path = DOMAIN_FILE) -> dict[str, str]:
    domain = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {name: variants[0]["text"] for name, variants in domain["responses"].items()
            if variants and "text" in variants[0]}


def render(name: str, variables: dict[str, str]) -> str:
    template = responses()[name]
    return _VAR.sub(lambda m: str(variables.get(m.group(1), m.group(0))), template).strip()
