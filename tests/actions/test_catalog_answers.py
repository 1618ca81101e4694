"""The answer action against tracker fixtures: the figure, the citation, context, conditions."""

from __future__ import annotations

from actions.catalog_answers import ActionAnswerService
from tests.actions.conftest import load_tracker


def test_time_limit_comes_from_the_catalog_with_its_citation(run_action) -> None:
    run = run_action(ActionAnswerService(), load_tracker("company_time_limit"))
    text = run.texts[0]
    assert "3个工作日" in text
    assert "依据：《行动方案（2023—2025年）》第3条" in text
    assert run.cards[0]["slug"] == "company-registration"
    assert run.slots["service"] == "company-registration"
    assert [b["title"] for b in run.messages[0]["buttons"]] == ["满意", "不满意"]


def test_followup_without_subject_keeps_the_question_and_switches_service(run_action) -> None:
    run = run_action(ActionAnswerService(), load_tracker("followup_gas"))
    assert run.cards[0]["slug"] == "gas-connection"
    assert "10个工作日" in run.texts[0]


def test_followup_without_service_uses_the_last_one(run_action) -> None:
    run = run_action(ActionAnswerService(), load_tracker("context_channel"))
    assert run.cards[0]["slug"] == "company-registration"
    assert "一网通办" in run.texts[0]


def test_condition_is_asked_with_buttons_and_no_figure(run_action) -> None:
    run = run_action(ActionAnswerService(), load_tracker("electricity_no_condition"))
    msg = run.messages[0]
    assert msg["response"] == "utter_ask_condition"
    assert {b["title"] for b in msg["buttons"]} == {"居民", "非居民"}
    assert "工作日" not in run.texts[0]


def test_stated_condition_and_capacity_pick_the_figure_and_the_three_zero_service(
    run_action,
) -> None:
    run = run_action(ActionAnswerService(), load_tracker("electricity_enterprise_80kw"))
    text = run.texts[0]
    assert "15个工作日" in text and "5个工作日" not in text.replace("15个工作日", "")
    assert "三零" in text
    assert run.slots["condition"] == "非居民"


def test_clicked_condition_button_answers_with_that_variant(run_action) -> None:
    tracker = load_tracker(
        "electricity_no_condition",
        slots={"service": "electricity-connection", "question": "time_limit", "condition": None,
               "misses": 0},
        latest_message={"text": '/inform_condition{"condition": "居民"}',
                        "intent": {"name": "inform_condition", "confidence": 1.0},
                        "entities": [{"entity": "condition", "value": "居民"}]},
    )
    run = run_action(ActionAnswerService(), tracker)
    assert "5个工作日" in run.texts[0] and "15个工作日" not in run.texts[0]


def test_a_service_without_a_time_limit_says_so(run_action) -> None:
    tracker = load_tracker(
        "company_time_limit",
        latest_message={"text": "一照多址要多久", "intent": {"name": "ask_time_limit"},
                        "entities": []},
    )
    run = run_action(ActionAnswerService(), tracker)
    assert run.messages[0]["response"] == "utter_no_time_limit"
    assert "没有为" in run.texts[0]
    assert "工作日" not in run.texts[0]


def test_a_follow_up_clearly_about_another_service_switches(run_action) -> None:
    tracker = load_tracker(
        "context_channel",
        latest_message={"text": "那专利能质押贷款吗", "intent": {"name": "ask_policy"},
                        "entities": []},
    )
    run = run_action(ActionAnswerService(), tracker)
    assert run.cards[0]["slug"] == "ip-pledge-financing"


def test_due_date_without_the_condition_gives_each_variants_date(run_action) -> None:
    # 今天申请哪天能通电 — 居民 or 非居民 not said: both dates, and buttons to narrow it down.
    from actions.catalog_access import today
    from services_catalog.due_dates import due_date, format_date

    tracker = load_tracker(
        "electricity_no_condition",
        latest_message={"text": "今天申请的话哪天能通电",
                        "intent": {"name": "ask_due_date", "confidence": 0.9}, "entities": []},
    )
    run = run_action(ActionAnswerService(), tracker)
    text = run.texts[0]
    resident = format_date(due_date(today(), 5, "工作日").date)
    business = format_date(due_date(today(), 15, "工作日").date)
    assert f"居民5个工作日，最晚{resident}办完" in text, text
    assert f"非居民15个工作日，最晚{business}办完" in text, text
    assert {"居民", "非居民"} <= {b["title"] for b in run.messages[0]["buttons"]}
    assert [d["condition"] for d in run.cards[0]["due_dates"]] == ["居民", "非居民"]


def test_the_wording_of_how_long_or_how_much_overrules_the_intent(run_action) -> None:
    # The NLU read 网上 (a channel question); 几天 is what is asked.
    tracker = load_tracker(
        "context_channel",
        latest_message={"text": "网上交的开公司材料 几天能办完", "intent": {"name": "ask_channel"},
                        "entities": []},
    )
    run = run_action(ActionAnswerService(), tracker)
    assert "3个工作日" in run.texts[0], run.texts
    assert run.slots["question"] == "time_limit"


def test_a_stated_condition_keeps_the_conversation_on_its_service(run_action) -> None:
    # 一般社会投资的 answers the 工程建设项目审批 question back; free text alone reads closer
    # to 小型低风险项目.
    tracker = load_tracker(
        "electricity_no_condition",
        slots={"service": "construction-approval", "question": "time_limit", "condition": None,
               "misses": 0},
        latest_message={"text": "一般社会投资的", "intent": {"name": "inform_condition"},
                        "entities": []},
    )
    run = run_action(ActionAnswerService(), tracker)
    assert run.cards[0]["slug"] == "construction-approval", run.texts
    assert "50个工作日" in run.texts[0]


def test_a_follow_up_describing_another_service_switches_and_a_bare_one_stays(
    run_action,
) -> None:
    for text, intent, expected in (
        ("新招的员工 劳动合同可以在手机上签吗", "ask_channel", "e-labor-contract"),
        ("网上能办不", "ask_channel", "company-registration"),
        ("我明天去交材料 哪天能办好", "ask_due_date", "company-registration"),
        # its words read like 一件事一次办's examples to the sentence encoder; it asks a date
        ("今天提交哪天能办完", "ask_due_date", "company-registration"),
        # 批下来 alone reads as 建设项目用地审批 in free text; too little to leave the service
        ("多久能批下来", "ask_time_limit", "company-registration"),
    ):
        tracker = load_tracker(
            "context_channel",
            latest_message={"text": text, "intent": {"name": intent}, "entities": []},
        )
        run = run_action(ActionAnswerService(), tracker)
        assert run.cards and run.cards[0]["slug"] == expected, (text, run.texts)


def test_that_one_character_follow_up_means_the_analogous_service(run_action) -> None:
    # After 用水报装 (通水, 接水, 装水表), "那电呢" is 用电报装 (通电, 接电, 装电表).
    tracker = load_tracker(
        "context_channel",
        slots={"service": "water-connection", "question": "channel", "condition": None,
               "misses": 0},
        latest_message={"text": "那电呢", "intent": {"name": "inform_service"}, "entities": []},
    )
    run = run_action(ActionAnswerService(), tracker)
    assert run.cards and run.cards[0]["slug"] == "electricity-connection", run.texts


def test_a_bare_follow_up_with_no_service_before_it_asks_which_service(run_action) -> None:
    # "要准备啥材料" opening a conversation matches some service's example questions word for
    # word; answering that service would be a guess, so the bot asks which one is meant.
    for text, intent in (("要准备啥材料", "ask_materials"), ("要多久", "ask_time_limit")):
        tracker = load_tracker(
            "context_channel",
            slots={"service": None, "question": None, "condition": None, "misses": 0},
            latest_message={"text": text, "intent": {"name": intent}, "entities": []},
        )
        run = run_action(ActionAnswerService(), tracker)
        assert not run.cards, (text, run.texts)
        assert "哪项业务" in run.texts[0], run.texts
