"""A situation told without the plan's term, whose question one clause answers (issue 15,
dev_plan20 outside_catalog / detail): new wordings, none of a dev set. The plan's words for what
is asked (拖很久 → 期限不超过, 分期 → 执行和解, 几拨人轮着查 → 一次检查), a target asked by year
(哪一年 → the task's 到20XX年 clauses, each level), and a clause of another office's service
the search also reads the message as (拖欠工钱…还能投 → 第95条 市场准入)."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from tests.actions.conftest import question_tracker, uncited_figures

ask = question_tracker


@pytest.mark.parametrize(("text", "intent", "phrases", "item"), [
    # 拖很久 asks the bound the plan sets (调解期限不超过30日); 不同意 is the other clause
    ("法院叫我们先走诉前调解，这个调解要拖很久吗？要是我们不同意调解呢？", "ask_howto",
     ["30日", "及时立案"], 143),
    # 谈分期 of a debt under a judgment: 执行和解, not the fee line of 信用修复
    ("我们公司成了被执行人，一时拿不出全款，能不能跟申请人商量着分期还？", "ask_fee",
     ["执行和解"], 152),
    # several offices one after another: 一次检查、多任务实施, not the 双随机 clause
    ("这个月好几拨人轮着来我们店里检查，能不能合并成一次查？", "ask_department",
     ["一次检查、多任务实施"], 115),
    # by which year: both levels the task sets (70%以上 by 2023, 100% by 2024)
    ("清理拖欠中小企业账款这件事，州里打算哪一年清偿到多少？", "ask_policy",
     ["70%以上", "100%"], 129),
])
def test_the_clause_that_answers_what_is_asked(run_action, text, intent, phrases,
                                               item) -> None:
    run = run_action(ActionAnswerService(), ask(text, intent))
    reply = run.texts[0]
    assert all(p in reply for p in phrases) and f"第{item}条" in reply, reply
    assert uncited_figures(reply) == []


@pytest.mark.parametrize(("text", "intent", "phrase", "item"), [
    # 工钱 names 农民工工资保证金 (人社局); 第95条 (法院牵头) limits such firms' 市场准入
    ("听说那家施工单位老是拖欠工人工钱，这种企业还能照样来投标吗？", "ask_fee", "市场准入", 95),
    # 调解 names 诉前调解; 知识产权纠纷 “法院+工商联” is 第133条
    ("我们的商标被人仿冒了，除了上法院打官司，工商联能不能帮着调解？", "ask_department",
     "工商联", 133),
])
def test_a_service_the_search_also_reads_answers_with_its_clause(run_action, text, intent,
                                                                 phrase, item) -> None:
    run = run_action(ActionAnswerService(), ask(text, intent))
    reply = run.texts[0]
    assert phrase in reply and f"第{item}条" in reply, reply
    assert "收费标准" not in reply and uncited_figures(reply) == []


@pytest.mark.parametrize(("text", "item", "not_item"), [
    # 帮办代办 is named alone: not 燃气报装's 政务服务大厅…报装窗口 (第45条)
    ("大厅里那个帮办代办具体能帮哪些忙？很琐碎的事也管吗", 75, 45),
    # 通电 names 用电报装 alone: not 一照多址's 营业执照…加载多个经营场所 (第7条)
    ("我们新开了个洗车店要通电，光带营业执照去可以申请吗", 42, 7),
])
def test_a_service_named_alone_is_not_read_as_another_offices(run_action, text, item,
                                                               not_item) -> None:
    reply = "\n".join(run_action(ActionAnswerService(), ask(text, "ask_policy")).texts)
    assert f"第{item}条" in reply and f"第{not_item}条" not in reply, reply
