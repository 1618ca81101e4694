"""A story of a wrong, then a question of recourse only (这种有人管不, 有什么说法, 能告吗), and
everyday words the plan says in its own terms (i15-life13): each question gets the clause of the
plan that addresses the wrong told just before it, with its 第N条, beside the answer. Own
wordings, not those of a question set."""

from __future__ import annotations

from services_catalog.asked_matters import _recourse_only, asked_matters, beside_answer
from services_catalog.evidence import plan_words


def test_a_question_of_recourse_only() -> None:
    for q in ("这种有人管不", "有什么说法", "这个能告吗", "能立案追究吗", "法院管不管这种",
              "政府帮不帮"):
        assert _recourse_only(q), q
    # a question with a matter of its own is not one of recourse only
    for q in ("每个点都要单独办执照吗", "能不能快点立案", "多久能通"):
        assert not _recourse_only(q), q


def test_people_blocking_the_shop_for_a_debt() -> None:
    text = "最近有几个人老在厂门口堵着要账，还说不给钱就砸机器，这种有人管不？"
    extra = beside_answer(text, {143})
    assert 146 in extra and "恶意阻碍生产" in extra[146]


def test_money_taken_by_staff_and_a_forged_suit() -> None:
    text = "我们店的会计把货款挪去炒股了，能立案追究吗？另外有人拿伪造的收据告我们，有什么说法？"
    tasks = [a.task for a in asked_matters(text)]
    assert 148 in tasks and 149 in tasks, tasks


def test_a_recipe_taken_by_a_former_employee() -> None:
    assert "商业秘密" in plan_words("以前的师傅把配方带走了")
    text = "以前的大厨辞职了，把我们的配方带走了去别家干，这个能告吗？"
    assert 134 in [a.task for a in asked_matters(text)]


def test_plan_terms_for_everyday_words() -> None:
    assert "在建工程" in plan_words("还没建完的厂房能不能拿去贷款")
    assert "质疑" in plan_words("对招标结果有异议找谁")
    assert "帮办代办" in plan_words("有没有人替我们办")
    assert "帮办代办" not in plan_words("保证金有什么替代办法")
    assert "全程网办" in plan_words("能不能不去登记中心")
    assert "用电报装" in plan_words("电要按经营的重新报装")
    assert "用电报装" not in plan_words("燃气报装要多久")
    assert "违法违规收费" in plan_words("还有各种乱七八糟的收费")
    assert "违法违规收费" not in plan_words("多收不合理的费用谁来查")
    assert "非居民" not in plan_words("用电报装能在政务大厅办吗")
    assert "免费法律援助" in plan_words("工人们请不起律师")
    assert "修复机制" in plan_words("失信记录是不是永远消不掉")
    assert "外资银行保险机构" in plan_words("外国人能在这开保险公司吗")


def test_no_lawyer_money_and_whether_the_government_helps() -> None:
    text = "工地上的活干完了 老板拖着不给工钱 请不起律师 政府帮不帮"
    extra = beside_answer(text, {167})
    assert 27 in extra and "免费法律援助" in extra[27]
