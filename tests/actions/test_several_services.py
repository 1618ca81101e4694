"""Several services in one message: one compact line each, with its own figure and 第N条."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from tests.actions.conftest import load_tracker, uncited_figures


def asked(text: str, intent: str = "ask_time_limit"):
    return load_tracker("company_time_limit", sender_id=f"sev-{abs(hash(text))}",
                        latest_message={"text": text, "intent": {"name": intent},
                                        "entities": []})


def test_two_services_each_get_their_line(run_action) -> None:
    run = run_action(ActionAnswerService(), asked("企业开办和用水报装分别要多久"))
    assert run.messages[0]["response"] == "utter_several"
    lines = run.texts[0].split("\n")[1:]
    assert len(lines) == 2
    assert "企业开办" in lines[0] and "3个工作日" in lines[0] and "第3条" in lines[0]
    assert "用水报装" in lines[1] and "5个工作日" in lines[1] and "第46条" in lines[1]
    assert [s["slug"] for s in run.cards[0]["several"]] == ["company-registration",
                                                            "water-connection"]


def test_three_services_with_variants_listed(run_action) -> None:
    run = run_action(ActionAnswerService(), asked("用水、用电、燃气报装各要几天"))
    lines = run.texts[0].split("\n")[1:]
    assert len(lines) == 3
    assert "5个工作日" in lines[0]
    assert "居民5个工作日" in lines[1] and "非居民15个工作日" in lines[1] and "第42条" in lines[1]
    assert "10个工作日" in lines[2]


def test_several_fee_questions_get_each_fee(run_action) -> None:
    run = run_action(ActionAnswerService(), asked("注册公司和注销公告收费吗", "ask_fee"))
    lines = run.texts[0].split("\n")[1:]
    assert len(lines) == 2 and all("免费" in line and "第4条" in line for line in lines)


@pytest.mark.parametrize("text", ["公司注销要多久", "办营业执照需要交社保吗"])
def test_one_service_named_twice_or_in_passing_is_one_answer(run_action, text: str) -> None:
    run = run_action(ActionAnswerService(), asked(text))
    assert run.messages[0]["response"] != "utter_several"


def test_asking_whether_two_go_together_is_one_question(run_action) -> None:
    run = run_action(ActionAnswerService(), asked("买房交税和过户能在一个窗口办吗", "ask_channel"))
    assert run.messages[0]["response"] != "utter_several"


def lines_of(run) -> list[str]:
    assert run.messages[0]["response"] == "utter_several", run.texts[0]
    return run.texts[0].split("\n")[1:]


def test_services_named_in_free_words_between_joiners(run_action) -> None:
    # Neither 施工图联审 nor 上门查验 is a catalog name or alias: each piece between the joiners
    # reads as one service.
    lines = lines_of(run_action(ActionAnswerService(),
                                asked("施工图联审和出租车上门查验分别要多久")))
    assert len(lines) == 2
    assert "第86条" in lines[0] and "5个工作日" in lines[0]
    assert "第81条" in lines[1] and "1个工作日" in lines[1]
    assert uncited_figures("\n".join(lines)) == []


def test_a_second_question_after_a_pause_and_its_own_preamble(run_action) -> None:
    lines = lines_of(run_action(ActionAnswerService(), asked(
        "户口迁移能网上办吗，还有我们单位的保安服务许可能网上申请不", "ask_channel")))
    assert "户口迁移" in lines[0] and "第78条" in lines[0]
    assert "第79条" in lines[1]


def test_a_clause_that_only_names_a_service_is_asked_by_the_next(run_action) -> None:
    lines = lines_of(run_action(ActionAnswerService(),
                                asked("网上立案，保全保证金交不起怎么办", "ask_howto")))
    assert "第142条" in lines[0] and "7日内" in lines[0]
    assert "第160条" in lines[1] and "保全保险" in lines[1]


def test_together_in_one_services_own_clause_does_not_join_the_others(run_action) -> None:
    # 能一起办不 is asked of 税务注销 and 工商注销 (one service), not of 注销登报 and them.
    lines = lines_of(run_action(ActionAnswerService(),
                                asked("注销登报收费不？税务注销跟工商注销能一起办不", "ask_fee")))
    assert "免费" in lines[0] and "第4条" in lines[0]
    assert "第13条" in lines[1] and "收费标准" not in lines[1]


def test_each_line_answers_its_own_amount(run_action) -> None:
    lines = lines_of(run_action(ActionAnswerService(),
                                asked("投标保证金比例多少？融资担保费率是多少", "ask_fee")))
    assert "2%" in lines[0] and "第23条" in lines[0]
    assert "1%以内" in lines[1] and "第33条" in lines[1]


def test_one_service_asked_two_things_in_two_clauses_gets_two_lines(run_action) -> None:
    lines = lines_of(run_action(ActionAnswerService(),
                                asked("居民办电几天，高压用户有啥服务，燃气报装几天")))
    assert len(lines) == 3
    assert "5个工作日" in lines[0] and "省力、省时、省钱" in lines[1]
    assert "10个工作日" in lines[2]
    assert [s["slug"] for s in run_action(ActionAnswerService(), asked(
        "居民办电几天，高压用户有啥服务，燃气报装几天")).cards[0]["several"]] == [
        "electricity-connection", "gas-connection"]


def test_a_shared_question_is_each_services_question(run_action) -> None:
    # 都能在政务大厅办吗 asks where of both: the clause on the hall, not a time limit.
    lines = lines_of(run_action(ActionAnswerService(),
                                asked("用电报装跟燃气报装都能在政务大厅办吗", "ask_channel")))
    assert "工作日" not in lines[0]
    assert "一窗受理" in lines[1] and "第45条" in lines[1]


def test_a_field_the_catalog_lacks_is_quoted_from_the_plan(run_action) -> None:
    # 用电报装 has no fee in the catalog, but 第42条 says 零投资: quoted, not "not stated".
    lines = lines_of(run_action(ActionAnswerService(),
                                asked("用电报装和注销公告分别要交钱吗", "ask_fee")))
    assert "零投资" in lines[0] and "第42条" in lines[0]
    assert "免费" in lines[1]


@pytest.mark.parametrize("text", ["知识产权被侵犯，法院有专门审吗",
                                  "我开了个饭馆，用水报装要多久"])
def test_a_scene_clause_is_not_a_second_service(run_action, text: str) -> None:
    run = run_action(ActionAnswerService(), asked(text))
    assert run.messages[0]["response"] != "utter_several"
