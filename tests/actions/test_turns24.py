"""Follow-ups in local trades' words (i15-turns11, dev_plan24 turns): a caller back from working
elsewhere or a foreign partner is no region asked; colloquial details read as the plan's words
(一刀切 → 分级分类, 打回来 → 容错, 钱多久付 → 支付时效, 处理得到位 → 满意度, 比…快 → 缩短);
a who-oversees-him question and a village channel question quote the clause. Wordings are new."""

from __future__ import annotations

from typing import Any

import pytest

from services_catalog.resolve import addressed_here, resolve
from services_catalog.scope import other_region
from tests.actions.conftest import follow_up, uncited_figures


@pytest.mark.parametrize("text", ["我从四川务工回来，想在老家开个小饭馆，要办啥",
                                  "刚从浙江上班回来，想注册个公司",
                                  "俄罗斯的合伙人想来我们这投资建厂，有什么限制"])
def test_back_from_there_or_a_partner_is_no_region(text: str) -> None:
    assert other_region(text) is None


@pytest.mark.parametrize("text", ["四川开饭馆要几天", "俄罗斯那边注册公司要多久"])
def test_a_region_asked_stays_asked(text: str) -> None:
    assert other_region(text) is not None


@pytest.mark.parametrize(("service", "text", "goes_to"), [
    ("sme-procurement", "货款什么时候能付给我们，会拖吗", "procurement-payment"),
    ("tax-filing", "遇到弄不懂的难题有人帮着解决吗", "tax-dedicated-service"),
    ("first-loan-renewal", "有没有专人辅导一下", "financial-counselor"),
    ("trademark-window", "外包装被别的厂仿冒了，能找谁帮忙", "ip-protection"),
])
def test_detail_goes_to_the_related_service(snap: Any, service: str, text: str,
                                            goes_to: str) -> None:
    assert resolve(snap, text, [], service).slug == goes_to


@pytest.mark.parametrize(("service", "text"), [
    ("credit-loan", "比跑银行柜台快吗"),
    ("utility-complaint", "投诉了能处理得到位不"),
    ("property-preservation", "对方给我们冻了十几倍的钱，这合法吗"),
    ("bankruptcy", "开债权人会议还得专程跑去法院吗"),
    ("credit-repair-dishonest", "限制消费是不是一刀切的"),
])
def test_detail_stays_on_the_service(snap: Any, service: str, text: str) -> None:
    assert addressed_here(snap, service, text)
    assert resolve(snap, text, [], service).slug == service


@pytest.mark.parametrize(("service", "text", "item", "words"), [
    ("credit-repair-dishonest", "限制消费是不是一刀切的", 152, "分级分类"),
    ("bankruptcy", "开债权人会议还得专程跑去法院吗", 141, "网络会议"),
    ("property-preservation", "对方给我们冻了十几倍的钱，这合法吗", 160, "超标的"),
    ("simple-deregistration", "申请交上去给打回来了怎么办", 12, "容错"),
    ("utility-complaint", "投诉了能处理得到位不", 44, "100%"),
])
def test_detail_quotes_the_clause(run_action: Any, service: str, text: str, item: int,
                                  words: str) -> None:
    reply = follow_up(run_action, service, text).reply
    assert f"第{item}条" in reply and words in reply and not uncited_figures(reply)


def test_who_oversees_a_person_quotes_the_clause(run_action: Any) -> None:
    reply = follow_up(run_action, "bankruptcy", "管理人要是乱来，谁来监督他们",
                      intent="ask_department", question="department").reply
    assert "第140条" in reply and "履职评价" in reply


def test_village_channel_question_quotes_the_grassroots_clause(run_action: Any) -> None:
    reply = follow_up(run_action, "jisuban-miniprogram", "住在牧区不会弄这个，有线下的吗",
                      intent="ask_channel", question="channel").reply
    assert "第69条" in reply and "基层" in reply
    plain = follow_up(run_action, "jisuban-miniprogram", "在哪能用",
                      intent="ask_channel", question="channel").reply
    # The plain list of channels (第69条 names them, i15-turns16), not the grassroots clause.
    assert "基层" not in plain and "村（社区）" not in plain
