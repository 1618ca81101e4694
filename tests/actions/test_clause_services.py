"""A later clause of a message asks about another service than the answer's (clause_services):
its line (the catalog's figure or the task's clause, with 第N条) is added beside the answer. A
clause that only sets the scene, a short question about what was told before it, and an answer
saying the plan does not state something add nothing."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from services_catalog.asked_matters import asked_matters
from services_catalog.clause_services import clause_services, states_absent
from tests.actions.conftest import question_tracker, uncited_figures


def _reply(run_action, text: str, intent: str) -> str:
    run = run_action(ActionAnswerService(), question_tracker(text, intent))
    return "\n".join(t or "" for t in run.texts)


@pytest.mark.parametrize(("text", "intent", "cited"), [
    # Two services named in two clauses, then one question of both (这两样).
    ("厂子倒闭我被裁了，想先领失业金，以后自己当个体户再自己交社保，这两样怎么弄", "ask_howto",
     ("第31条",)),
    # A checklist, and a later question whether a missing paper still gets the file in (容缺).
    ("开个小饭馆要办好几个证，能一次办完吗？另外材料还缺一样能不能先受理", "ask_howto",
     ("第74条",)),
    # A want (打算迁户口) and a question about doing it without going back home (异地办).
    ("我从外省过来开店，打算把户口迁过来，得回老家跑吗？", "ask_howto", ("第64条",)),
])
def test_a_later_clause_of_another_service_gets_its_line(run_action, text: str, intent: str,
                                                         cited: tuple[str, ...]) -> None:
    replies = _reply(run_action, text, intent)
    for n in cited:
        assert n in replies, replies
    assert uncited_figures(replies) == []


def test_the_services_each_clause_names(snap) -> None:
    text = "厂子倒闭我被裁了，想先领失业金，以后自己当个体户再自己交社保，这两样怎么弄"
    assert [slug for slug, _ in clause_services(snap, text)] == [
        "unemployment-insurance", "flexible-employment-insurance"]


@pytest.mark.parametrize("text", [
    # The scene (我们是做番茄加工的小厂) is no matter asked.
    "我们是做番茄加工的小厂，厂里去年刚装了电，今年效益一般，有啥支持吗",
    # A short question asks of what was told before it: 调解 of that dispute, 立案 of that case.
    "跟单位闹了劳动纠纷 能不能就在家门口调解了",
    "不想诉前调解 直接立案行不行",
    "员工跳槽把公司的技术秘密带走了 能告吗",
])
def test_a_scene_or_a_short_question_names_no_service(snap, text: str) -> None:
    assert clause_services(snap, text) == []


def test_an_absent_fact_answer_gets_no_line() -> None:
    assert states_absent("《行动方案》未写明用电报装的收费标准，请向供电公司咨询")
    assert states_absent("《行动方案》没有列出竣工联合验收的材料清单")
    # A checklist's stock phrases say nothing is absent of what was asked.
    assert not states_absent("2. 住所登记承诺制：《行动方案》未规定具体办理时限（第5条）")
    assert not states_absent("方案未列出的手续以办理窗口告知为准，也可拨打12345咨询。")


# plan_words.yml: a price set at will is the plan's price supervision (第45条), a fine set at will
# or the heaviest fine is 乱罚款、一律顶格罚款 (第163条), a first offence is 轻微违法免予处罚.
@pytest.mark.parametrize(("text", "task"), [
    ("冷库要通天然气，报装几天？气价是不是随便定的", 45),
    ("罚款是不是随便定的，罚得也太重了", 163),
    ("小店头一回被查出点毛病，会不会直接按最高的罚", 163),
])
def test_a_price_or_a_fine_set_at_will_reads_its_task(text: str, task: int) -> None:
    assert task in {a.task for a in asked_matters(text)}


def test_a_first_offence_and_the_heaviest_fine_are_both_answered(run_action) -> None:
    replies = _reply(run_action, "理发店第一次被查出点小问题，不是故意的，会不会直接按最高的罚",
                     "ask_policy")
    assert "第130条" in replies and "免予处罚" in replies, replies
    assert "第163条" in replies and "顶格罚款" in replies, replies


def test_the_price_clause_joins_the_time_limit(run_action) -> None:
    replies = _reply(run_action, "冷库要通天然气，报装几天？气价是不是随便定的", "ask_time_limit")
    assert "10个工作日" in replies and "第46条" in replies, replies
    assert "第45条" in replies and "政府定价" in replies, replies
