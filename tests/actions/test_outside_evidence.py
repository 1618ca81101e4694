"""Tasks outside the common services (issue 15, dev_plan3 outside_catalog / detail / absent):
new wordings, none of a dev set. A setting word (打官司, 立案, 申请执行) names one court service
while the clause that answers is another's of the same court; a service without a time limit
answers "when" with its task's own date; an alias the plan writes in a clause points at it; a
year of the plan the tasks set no target for is not answered with another year's figure."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from tests.actions.conftest import question_tracker, uncited_figures

ask = question_tracker


@pytest.mark.parametrize(("text", "intent", "phrase", "item"), [
    # 打官司 names 涉企网上立案; 确权 is 第150条 (依法明确产权归属)
    ("土地归谁跟邻村扯不清，去法院打官司能确权吗", "ask_time_limit", "产权归属", 150),
    # 立案 names 涉企网上立案; 挪用 by an employee is 第148条
    ("出纳挪用了公司账上的钱，内部人员这种事公安能立案吗", "ask_fee", "挪用资金", 148),
])
def test_a_setting_word_gives_way_to_the_court_clause_that_answers(
        run_action, text, intent, phrase, item) -> None:
    run = run_action(ActionAnswerService(), ask(text, intent))
    reply = run.texts[0]
    assert phrase in reply and f"第{item}条" in reply, reply
    assert "网上立案审核" not in reply and uncited_figures(reply) == []


@pytest.mark.parametrize(("text", "phrase", "item"), [
    ("偏远的村子啥时候都能收发快递", "村村通快递", 61),
    ("州里对企业上市定了啥目标没有", "1家企业", 39),
])
def test_when_or_a_target_is_answered_by_the_tasks_own_date(run_action, text, phrase,
                                                            item) -> None:
    run = run_action(ActionAnswerService(), ask(text, "ask_time_limit"))
    reply = run.texts[0]
    assert phrase in reply and f"第{item}条" in reply, reply
    assert "没有为" not in reply  # not "no time limit"


def test_an_alias_written_in_a_clause_points_at_it(run_action) -> None:
    run = run_action(ActionAnswerService(),
                     ask("搞个委培班给厂里培训工人，政府管不管", "ask_policy"))
    assert "委培班" in run.texts[0] and "第54条" in run.texts[0]


def test_a_year_the_tasks_set_no_target_for_is_not_stated(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("2024年的时候用地审批能压到多少个工作日",
                                                "ask_time_limit"))
    reply = run.texts[0]
    assert "未写明" in reply and "10个工作日" not in reply, reply
    assert "2024" not in reply


def test_a_year_the_task_names_is_answered_as_before(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("到2025年底用地审批能压到几天", "ask_time_limit"))
    assert "未写明" not in run.texts[0]  # its variants (2023年底, 2025年底) asked back


def test_a_department_question_with_a_second_question_quotes_the_clause(run_action) -> None:
    # 外商投资 (第58条): the 负面清单 clause, whose answer names the 责任单位 as well.
    run = run_action(ActionAnswerService(),
                     ask("外资投诉机制里，哪些行业是禁止进入的？归哪个部门管", "ask_department"))
    reply = run.texts[0]
    assert "负面清单" in reply and "第58条" in reply and "责任单位" in reply, reply


def test_a_department_question_alone_names_the_departments(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("外资企业投诉找哪个部门", "ask_department"))
    assert run.messages[0]["response"] == "utter_department"


def test_two_parts_of_a_task_named_keep_the_overview(run_action) -> None:
    # 评技能等级 (第53条) and 订单班 (第54条): neither alias's clause alone answers both.
    run = run_action(ActionAnswerService(),
                     ask("厂里想评技能等级，顺便跟职校办订单班，这样可以吗", "ask_howto"))
    assert "第53条" in run.texts[0], run.texts[0]
