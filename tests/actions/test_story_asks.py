"""A small owner's story with two asks, typed by voice (tests/dev_plan29's kind): each ask read
in the plan's own words for it (plan_words.yml), and a 这种咋办 of the whole story asking of each
wrong told before it."""

from __future__ import annotations

import pytest

from services_catalog.asked_matters import asked_matters
from services_catalog.resolve import asks_together


def tasks(text: str) -> set[int]:
    return {a.task for a in asked_matters(text)}


@pytest.mark.parametrize(("text", "task", "words"), [
    # Lies spread online, and who deals with them: 网络市场监管.
    ("对面那家在网上发视频说我们掺假 算不算犯罪 网上这种乱说的有没有部门管", 125, "网络市场监管"),
    # A site hard for the old to use: 适老化改造.
    ("我爸不会弄手机 有没有人帮着一起办手续 还有那网站能不能弄得给老年人好用点", 72, "适老化改造"),
    # Someone to help with the errands (帮着一起办 is no together-question): 帮办代办.
    ("我爸不会弄手机 有没有人帮着一起办手续 还有那个网站能不能弄得给老年人好用点", 75, "帮办代办"),
    # How far the clearing of arrears has got: 台账欠款清偿率.
    ("工程款欠着七十多万 我听人说政府有清欠的任务 到底清到啥程度了", 129, "台账欠款清偿率"),
    # A fine felt to be set at will: 乱罚款、一律顶格罚款.
    ("要罚我好几万 第一次犯能不能少罚点 他们是不是随便定的数", 163, "顶格罚款"),
    # Money demanded on the road: 公路“乱收费”.
    ("白天进城老是说限行 还有路上老有人拦车要钱说是啥费 这个有没有人管", 61, "乱收费"),
    # Will the boss be taken in at once: 不批准逮捕, 取保候审.
    ("对方报了案说我们老板侵占 这种事情会不会直接抓人", 165, "取保候审"),
])
def test_each_ask_of_a_story_is_read_in_the_plans_words(text: str, task: int, words: str) -> None:
    found = {a.task: a.quote for a in asked_matters(text)}
    assert task in found, found
    assert words in found[task]


def test_what_to_do_about_the_whole_story_asks_of_each_wrong_told() -> None:
    text = "我们包了个工地 附近几个人天天来堵门 不让车进 报了警也没个下文 案子拖着不立 这种咋办"
    assert {146, 172} <= tasks(text)


def test_a_helper_doing_it_along_is_no_together_question() -> None:
    assert not asks_together("有没有人帮着一起办手续")
    assert asks_together("税务注销能一起办吗")


def test_a_story_the_nlu_cannot_place_gets_each_wrong_it_tells(run_action) -> None:
    # Answered by the plan clause the story reads as (第146条 恶意阻碍生产); the other wrong it
    # tells (案子拖着不立 → 第172条 久拖不立) follows in the related-matters bubble.
    from actions.conversation import ActionFallback
    from tests.actions.conftest import question_tracker, uncited_figures

    text = ("我们在吉木萨尔包了个工地 附近几个人天天来堵门 不让车进 说要给他们钱才让干 "
            "报了警也没个下文 案子拖着不立 这种咋办")
    run = run_action(ActionFallback(), question_tracker(text, "nlu_fallback"))
    replies = "\n".join(m.get("text") or "" for m in run.messages)
    assert "第172条" in replies and "久拖不立" in replies
    assert uncited_figures(replies) == []


def test_whether_filing_a_suit_takes_long_is_the_online_filing_review() -> None:
    text = "工程款到现在还欠着七十多万 实在不行我想去法院告 立案是不是要等很久"
    found = {a.task: a.quote for a in asked_matters(text)}
    assert 142 in found and "7日内完成网上立案审核" in found[142]


def test_an_old_owner_who_cannot_cope_asks_for_a_helper_not_an_easier_site() -> None:
    assert 72 not in tasks("老板岁数大了不会弄网上那些 有没有人帮着跑")
