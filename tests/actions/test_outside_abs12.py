"""Outside-catalog readings (issue 15, round 12): people told to be in another region while the
question is about here, inbound investment told with 在…设立, a 专利/商标 service body, a
business owing wages, and the topic of two equally sure services when the asking clause refers
back to them. New wordings, none of a dev set."""

from __future__ import annotations

from services_catalog.scope import other_region
from services_catalog.search.needs import read_needs


def test_people_there_ask_about_here() -> None:
    assert other_region("评审专家都在北京，开会太难约了，可以视频评审吗") is None
    assert other_region("专家在乌鲁木齐能评吗") == "乌鲁木齐"
    assert other_region("乌鲁木齐用电报装几天") == "乌鲁木齐"


def test_needs_read_in_catalog_words() -> None:
    assert "知识产权服务机构" in read_needs("想开一家商标专利服务公司", None)
    assert "欠薪企业" in read_needs("欠农民工工资的企业还能投标吗", None)


def test_topic_of_two_sure_services(snap) -> None:
    from services_catalog.resolve import resolve
    text = "看到一个招标公告门槛很高，排斥外地企业，这个有人管吗？"
    assert resolve(snap, text).slug == "e-bidding"
