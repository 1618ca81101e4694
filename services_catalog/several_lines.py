"""One line of a several-services answer: the service's own answer, compact (several.py).

A field the catalog does not hold for the service (no fee, no channel, no material list) is not
always a field the plan is silent on: 用电报装's 第42条 says 零投资, 公证's 第145条 网上办证. Such
a line quotes the clause of the service's tasks that speaks of what was asked — the words a
question of that type means without saying them, as answers.online_commitment does for 能网上办吗
— and says "not stated" only when no clause does.
"""

from __future__ import annotations

import re

from services_catalog.answers import (
    FEEDBACK_BUTTONS,
    Answer,
    compose,
    detail_answer,
    service_card,
    service_tasks,
    wants_detail,
)
from services_catalog.evidence import focused_quote, relevant_clauses
from services_catalog.schemas import ServiceOut

# The plan's words for what a question type asks (在哪办 → 窗口, 大厅, 网上办证 …).
MEANS: dict[str, str] = {
    "channel": "窗口 大厅 网上 线上 平台 网办 办证 一窗受理",
    "fee": "收费 免费 费用 零投资 减免 降低 成本",
    "materials": "材料 证明 提交",
    "time_limit": "时限 时效 期限 及时 限时",
}
_PLACE = re.compile(r"大厅|政务中心|政务服务中心|窗口")
# Compact answers that say the catalog holds no such field for the service.
NOT_STATED = ("utter_no_time_limit", "utter_no_fee", "utter_fee_unstated", "utter_no_channel",
              "utter_channel_online_unstated", "utter_no_materials")


def quoted_line(service: ServiceOut, question: str, words: str) -> Answer | None:
    """The clause of the service's tasks that speaks of `question` asked in `words`, quoted with
    its 第N条 (utter_detail); None when none does."""
    naming = [service.name, *service.aliases]
    evidence = relevant_clauses(service_tasks(service), words, naming,
                                also=MEANS.get(question, ""))[:1]
    if not evidence:
        return None
    first = evidence[0]
    card = service_card(service)
    card["citation"] = {"item": first.task, "text": first.clause.text}
    quote = focused_quote(first.clause.quote, naming)
    return Answer("utter_detail", {"service_name": service.name, "item": str(first.task),
                                   "quotes": f"{quote}（第{first.task}条）"},
                  card, list(FEEDBACK_BUTTONS))


def line_answer(service: ServiceOut, question: str, words: str) -> Answer:
    """The answer one line of a several-services reply gives: a detail asked of the service
    (高压用户有啥服务) quotes the clause that addresses it; a field gets the catalog's, every
    variant listed unless the words pick one (非居民); a field the catalog lacks, the clause
    that speaks of it."""
    if words and wants_detail(service, question, words):
        detail = detail_answer(service, words)
        if detail is not None:
            return detail
    if question == "channel" and _PLACE.search(words):
        # 能在政务大厅办吗: the plan's clause on that place answers it (在政务服务大厅设置报装窗口)
        quoted = quoted_line(service, question, words)
        if quoted is not None:
            return quoted
    answer = compose(service, question, text=words, list_variants=True)
    if answer.response in NOT_STATED:
        return quoted_line(service, question, words) or answer
    return answer
