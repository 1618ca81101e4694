"""Places in life-event wordings of several styles (a formal letter, WeChat shorthand): a
place name inside a word, an outward branch plant, and 州里 asked after a story set elsewhere."""

from __future__ import annotations

import pytest

from services_catalog.scope import other_region


@pytest.mark.parametrize("text", [
    "想开个民营口腔诊所 诊所审批现在能网上弄吗",  # 民营+口腔, not 营口
    "国营口岸那边的企业怎么办",
    "打算去阿拉木图建个分厂 怕踩坑 州里能给啥指导",  # an outward investment (第98条)
    "在塔什干开一家工厂，政府这边有什么支持",
    # the other region only tells the story; 州里 is asked
    "我公司到贵州某县落户投资，县里答应的至今未兑现。请问：1. 州里对政府不兑现承诺有何约束？",
])
def test_asked_of_here(text: str) -> None:
    assert other_region(text) is None


@pytest.mark.parametrize(("text", "region"), [
    ("营口开公司要几天", "营口"),
    ("伊犁州里开公司要几天", "伊犁"),  # 伊犁's 州, not 昌吉's
    ("在阿拉木图开一家工厂，那边的税怎么交", "阿拉木图"),
    ("贵州开公司要几天，州里呢", "贵州"),  # the other region's clause asks too
])
def test_asked_of_there(text: str, region: str) -> None:
    assert other_region(text) == region
