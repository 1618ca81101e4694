"""fix26: colloquial words read in the plan's words (好差评, 强迫交易, 不得附加条件,
商标续展 …), and a service's alias found only inside another word (用电 of 用电子) naming
nothing."""

from __future__ import annotations

from typing import Any

from actions.catalog_access import CACHE
from actions.catalog_answers import ActionAnswerService
from services_catalog.db import session_scope
from services_catalog.evidence import plan_words
from services_catalog.resolve import claims_message, reading_names
from tests.actions.conftest import follow_up, load_tracker


def test_electricity_is_not_read_inside_another_word() -> None:
    assert "一照办电" not in plan_words("营业执照能用电子的吗").split()
    assert "一照办电" not in plan_words("营业执照能用电脑办吗").split()
    assert "一照办电" in plan_words("办电要营业执照吗").split()
    assert "一照办电" in plan_words("电那块拿执照就行吗").split()


def test_first_message_with_an_alias_cut_through_is_the_e_licence(run_action: Any) -> None:
    # The NLU tags 用电 (mapped to 用电报装's slug) inside 电子.
    tracker = load_tracker(
        "company_time_limit", sender_id="fix26-e-licence",
        slots={"service": None, "question": None, "condition": None, "misses": 0},
        latest_message={"text": "营业执照能用电子的吗",
                        "intent": {"name": "ask_channel", "confidence": 0.9},
                        "entities": [{"entity": "service", "start": 5, "end": 7,
                                      "value": "electricity-connection"}]},
    )
    run = run_action(ActionAnswerService(), tracker)
    assert [c["slug"] for c in run.cards] == ["e-business-license"]
    assert "第10条" in run.reply and "一照办电" not in run.reply


def test_plan_readings_of_five_kinds_of_wording() -> None:
    assert "好差评" in plan_words("给执法的打分在哪打").split()
    assert "好差评" not in plan_words("给员工打分").split()
    assert "强迫交易" in plan_words("外面有伙人天天来逼我们买他们的沙子").split()
    assert "不得附加条件" in plan_words("他们让我们先交一笔钱才给解，这样合理吗").split()
    assert "商标续展" in plan_words("续展也能办吗").split()


def test_a_reading_that_names_a_service_outright() -> None:
    with session_scope() as session:
        snap = CACHE.get(session)
        assert reading_names(snap, "给执法的打分在哪打") == "service-rating"
        forced = reading_names(snap, "外面有伙人天天来逼我们买他们的沙子")
        assert forced == "business-crime-crackdown"
        assert reading_names(snap, "给员工打分") is None
        # A plight the NLU filed as out of scope, not asked but named by the reading.
        assert claims_message(snap, "外面有伙人天天来逼我们买他们的沙子", "out_of_scope")
        assert not claims_message(snap, "帮我叫个出租车", "out_of_scope")


def test_mark_for_officials_is_the_service_rating(run_action: Any) -> None:
    run = follow_up(run_action, "online-ad-trade", "给执法的打分在哪打", intent="ask_channel")
    assert [c["slug"] for c in run.cards] == ["service-rating"] and "第72条" in run.reply


def test_made_to_buy_is_forced_trading(run_action: Any) -> None:
    run = follow_up(run_action, "telecom-fraud", "另外外面有伙人天天来逼我们买他们的沙子")
    assert "强迫交易" in run.reply and "第146条" in run.reply


def test_money_first_for_release_is_no_attached_condition(run_action: Any) -> None:
    run = follow_up(run_action, "unfreeze-unrelated-property",
                    "他们让我们先交一笔钱才给解，这样合理吗", question="due_date")
    assert "不得附加条件" in run.reply and "第164条" in run.reply


def test_renewal_after_the_trademark_window_quotes_the_renewal(run_action: Any) -> None:
    run = follow_up(run_action, "trademark-window", "续展也能办吗", question="channel")
    assert "商标续展" in run.reply and "第137条" in run.reply


def test_a_free_text_read_well_keeps_its_service() -> None:
    with session_scope() as session:
        snap = CACHE.get(session)
        from services_catalog.resolve import resolve  # noqa: PLC0415

        assert resolve(snap, "研发花的钱能多扣吗").slug == "rd-deduction"
        assert resolve(snap, "给执法的打分在哪打").slug == "service-rating"
        # The loose guess reads a matter of its own (户口), which the reading (奖励) leaves out.
        assert resolve(snap, "从内地挖来个工程师 户口要迁过来 州里对引进的人有没有奖励").slug \
            != "talent-incentive"
        # 燃气 inside the word 燃气公司 is a compound of it, not a cut: the entity stands.
        assert resolve(snap, "燃气公司收的钱跟公示的不一样，能查处不",
                       ["gas-connection"]).slug == "gas-connection"


def _first(run_action: Any, text: str, intent: str = "ask_policy") -> Any:
    tracker = load_tracker(
        "company_time_limit", sender_id=f"fix26-{abs(hash(text))}",
        slots={"service": None, "question": None, "condition": None, "misses": 0},
        latest_message={"text": text, "intent": {"name": intent, "confidence": 0.9},
                        "entities": []},
    )
    return run_action(ActionAnswerService(), tracker)


def test_small_fault_fined_is_the_minor_violation_step(run_action: Any) -> None:
    for text in ("新公司第一次被查出个小毛病 会直接罚款吗",
                 "市场监管来查，说我们标签有点小问题要罚款"):
        run = _first(run_action, text)
        assert [c["slug"] for c in run.cards] == ["minor-violation-exemption"]
        assert "免予处罚" in run.reply and "第130条" in run.reply
    # A small fault with no fine is no offence.
    assert "轻微违法" not in plan_words("注销材料有点小问题会不会直接被驳回").split()


def test_fines_by_quota_is_the_profit_driven_step(run_action: Any) -> None:
    run = follow_up(run_action, "minor-violation-exemption",
                    "还有一回被路上罚款，好像是有罚款指标，顶格罚的")
    assert [c["slug"] for c in run.cards] == ["profit-driven-enforcement"]
    assert "顶格罚款" in run.reply and "第163条" in run.reply


def test_an_agent_introducing_himself_asks_of_the_clients_matter(run_action: Any) -> None:
    run = _first(run_action, "我是做代办的，手上有个客户要开餐饮公司，几天能办下来",
                 intent="ask_time_limit")
    assert run.cards[0]["slug"] == "company-registration"
    assert "3个工作日" in run.reply and "第3条" in run.reply


def test_on_the_phone_asks_of_the_matter_at_hand(run_action: Any) -> None:
    run = follow_up(run_action, "flexible-employment-insurance", "手机上能办不",
                    intent="ask_channel")
    assert [c["slug"] for c in run.cards] == ["flexible-employment-insurance"]
    assert "移动端" in run.reply and "第31条" in run.reply


def test_a_buyer_abroad_feared_not_to_pay_is_export_credit_insurance(run_action: Any) -> None:
    run = _first(run_action, "我们出口哈萨克斯坦，怕对方赖账")
    assert [c["slug"] for c in run.cards] == ["export-credit-insurance"]
    assert "出口信用保险" in run.reply and "第97条" in run.reply


def test_a_window_served_poorly_reads_as_the_service_rating() -> None:
    from services_catalog.grievance import grievance_answer  # noqa: PLC0415

    with session_scope() as session:
        snap = CACHE.get(session)
        answer = grievance_answer(snap, "我帮儿子去办事，窗口办得不好，想反映一下")
    assert answer is not None and answer.card["slug"] == "service-rating"
    assert "好差评" in answer.variables["quotes"] and answer.variables["item"] == "72"


def test_an_event_named_by_its_own_phrase_keeps_its_checklist(run_action: Any) -> None:
    # 公司关门 names 注销退出 outright; 失业金 is read as a step too, and the checklist stays.
    run = _first(run_action, "公司关门了，员工去领失业金，要单位开解除劳动关系的证明吗",
                 intent="ask_materials")
    assert "第29条" in run.reply
    from services_catalog.life_events import life_event_asked  # noqa: PLC0415

    with session_scope() as session:
        snap = CACHE.get(session)
        assert life_event_asked(snap, "外地引进的技术人员孩子上学和评职称咋弄") is not None
        assert life_event_asked(snap, "市场监管来查，说我们标签有点小问题要罚款") is None


def test_a_cut_entity_on_a_first_message_read_loosely_otherwise_stands() -> None:
    from services_catalog.resolve import resolve  # noqa: PLC0415

    with session_scope() as session:
        snap = CACHE.get(session)
        # 建厂 cuts 新建|厂区, but free text reads 用电报装 only loosely: the NLU's naming stands.
        assert resolve(snap, "我们新建厂区要接高压电，报装有啥便利",
                       ["construction-approval"]).slug == "construction-approval"
        assert resolve(snap, "营业执照能用电子的吗",
                       ["electricity-connection"]).slug == "e-business-license"


def test_in_a_conversation_an_entity_slug_stands() -> None:
    from services_catalog.resolve import resolve  # noqa: PLC0415

    with session_scope() as session:
        snap = CACHE.get(session)
        # 接入费 (市政接入's alias) across 接入|费用, after 燃气报装: the NLU's naming stands.
        assert resolve(snap, "以前那些乱七八糟的接入费用还收吗", ["utility-access"],
                       previous="gas-connection").slug == "utility-access"
