"""Life events told as a story (i15-life12): a need stated before another matter (车要查验 还有…),
a question of the situation as a whole (这方面有什么支持), a question naming its matter two
clauses before, a homophone (注消) and a debt said to be none (没啥欠账). Each gets its 第N条 and
the plan's words beside the answer. Own wordings, not those of a question set."""

from __future__ import annotations

from services_catalog.asked_matters import asked_matters, asking_clauses, beside_answer
from services_catalog.evidence import plan_words


def test_no_debt_is_no_question_and_no_arrears() -> None:
    assert "拖欠" not in plan_words("厂子没有欠款")
    assert "拖欠" not in plan_words("也没啥欠账")
    assert "拖欠" in plan_words("客户欠款一直不还")
    assert "也没啥欠账" not in asking_clauses("店不开了 想注销 也没啥欠账 有没有简单一些的办法")


def test_a_homophone_of_closing_reads_the_easy_close() -> None:
    text = "饭店干不下去了 店想注消 也没啥欠账 有没有简单点的路子 然后社保那边咋弄"
    tasks = [a.task for a in asked_matters(text)]
    assert tasks and tasks[0] in (11, 12), tasks
    extra = beside_answer(text, {30})
    assert {11, 12} & set(extra) and "简易注销" in " ".join(extra.values())


def test_a_need_before_another_matter_is_asked() -> None:
    text = "我们是出租车公司 刚换了一批车要查验 还有就是收费站老乱收钱 有人管吗"
    extra = beside_answer(text, {61})
    assert 81 in extra and "上门查验" in extra[81]


def test_a_household_move_and_whether_to_travel() -> None:
    text = "新招的技术员想把户口迁到昌吉来 是不是得回原籍跑一趟 另外孩子上学咋安排"
    extra = beside_answer(text, {55})
    assert 78 in extra and "互联网全流程办理" in extra[78]


def test_a_question_of_the_situation_as_a_whole() -> None:
    text = "我们打算开个厂，在网上把枸杞卖到哈萨克斯坦。政府在这方面有什么支持？"
    extra = beside_answer(text, set())
    assert 101 in extra and "跨境电商" in extra[101]


def test_a_change_of_registration_without_the_counter() -> None:
    assert "无纸化登记" in plan_words("股东变更能不能网上弄 不用跑")
    text = "我们要换股东，地址也要改。变更能不能全程网上办？还有新地址没房产证能变更吗？"
    extra = beside_answer(text, {5})
    assert 10 in extra and "无纸化登记" in extra[10]
