"""Other regions are told the assistant covers 昌吉州; 昌吉州's own places are in scope."""

from __future__ import annotations

import pytest

from services_catalog.scope import other_region


@pytest.mark.parametrize(("text", "region"), [
    ("北京开公司要几天", "北京"),
    ("上海的用电报装多久能办好", "上海"),
    ("乌鲁木齐办营业执照去哪里", "乌鲁木齐"),
    ("伊犁那边的企业能享受这个政策吗", "伊犁"),
    ("克拉玛依用水报装收费吗", "克拉玛依"),
    ("石河子的不动产登记几天", "石河子"),
    ("吐鲁番开饭馆要哪些手续", "吐鲁番"),
    ("哈密的企业简易注销怎么办", "哈密"),
    ("喀什燃气报装多久", "喀什"),
    ("广东那边开公司是3天吗", "广东"),
    ("深圳的社保登记在哪办", "深圳"),
    ("在烏魯木齊開公司要多久", "乌鲁木齐"),  # traditional characters
])
def test_other_regions_are_named(text: str, region: str) -> None:
    assert other_region(text) == region


@pytest.mark.parametrize("text", [
    "开公司要几天",
    "昌吉市开公司要几天",
    "阜康用水报装多久",
    "呼图壁县燃气报装收费吗",
    "玛纳斯的不动产登记在哪办",
    "奇台县注销公司要登报吗",
    "吉木萨尔开饭馆要哪些手续",
    "木垒县社保怎么交",
    "准东开发区的项目审批多久",
    "高新区企业开办要几天",
    "我在乌鲁木齐的公司想迁到昌吉，税务迁移怎么办",  # a 昌吉 question from elsewhere
    "哈密瓜摊要办营业执照吗",  # a melon, not 哈密
    "宅基地和田地能抵押贷款吗",  # 和 + 田地, not 和田
    "新疆政务服务网上能办吗",  # the region's own platform serves 昌吉 too
    "自治区的政策昌吉能享受吗",
])
def test_changji_and_no_place_are_in_scope(text: str) -> None:
    assert other_region(text) is None


@pytest.mark.parametrize("text", [
    "从新疆迁到陕西 税务手续麻烦吗",
    "我们公司要从新疆搬到四川去，税务这块要怎么迁出迁入？",
    "北京的营业执照能跨省通办吗",
])
def test_moving_between_regions_is_a_changji_procedure(text: str) -> None:
    assert other_region(text) is None
