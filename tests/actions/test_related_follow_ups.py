"""Follow-ups read with the conversation in mind: a service related to the one the conversation
is on (same chapter of the plan, or a task both cite) is preferred to an unrelated one that free
text reads about as well; a case stated with a question goes to the related service whose
clauses address it."""

from __future__ import annotations

import pytest

from tests.actions.conftest import follow_up


@pytest.mark.parametrize(("service", "text", "slug", "phrase"), [
    # 帮办代办 reads closer in free text; the conversation is about tax.
    ("tax-filing", "有专人帮忙吗", "tax-dedicated-service", "一对一"),
    # 新业态包容审慎监管 reads closer; the conversation is about government procurement.
    ("bid-deposit", "我们是小微企业，有照顾吗", "sme-procurement", "专门面向中小微企业采购"),
    # 请律师 says little, but what it says is the related legal-aid service's.
    ("wage-arrears-campaign", "请律师要钱吗", "labor-dispute", "免费法律援助"),
])
def test_a_follow_up_goes_to_the_related_service(
    run_action, service: str, text: str, slug: str, phrase: str,
) -> None:
    run = follow_up(run_action, service, text)
    assert run.slots["service"] == slug
    assert phrase in "\n".join(run.texts)


def test_an_unrelated_service_that_holds_more_of_the_words_stays_first(run_action) -> None:
    # 知识产权服务机构 is related to 商标, but says nothing of 贷款.
    run = follow_up(run_action, "trademark-window", "专利能贷款吗")
    assert run.slots["service"] == "ip-pledge-financing"


def test_a_case_stated_without_a_question_stays_with_the_service(run_action) -> None:
    run = follow_up(run_action, "gas-connection", "我们是非居民用户", intent="inform_condition")
    assert run.slots["service"] == "gas-connection"
