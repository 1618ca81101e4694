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


# Phrasings of no dev set: every prefecture-level city, 新疆's counties and 兵团 cities, districts
# of big cities, and places named only as not being here.
@pytest.mark.parametrize(("text", "region"), [
    ("在昆明开公司要几天", "昆明"),
    ("南京的用电报装时间多长", "南京"),
    ("和田用水报装收费吗", "和田"),
    ("我是库尔勒的，营业执照怎么办", "库尔勒"),
    ("沙湾县的不动产登记几天办完", "沙湾"),
    ("奎屯市燃气报装多久", "奎屯"),
    ("库车的失业金能领多久", "库车"),
    ("米东区用水报装要多久", "米东"),
    ("独山子区有没有用电补贴", "独山子"),
    ("五家渠的营业执照去哪办", "五家渠"),
    ("洛阳的工程项目审批多少天", "洛阳"),
    ("徐州那边办电要几天", "徐州"),
    ("大连注销公司要多久", "大连"),
    ("浦东新区开公司需要几天", "浦东新区"),
    ("兰州新区招商引资政策", "兰州新区"),
    ("海南自贸港开公司有什么优惠", "海南自贸港"),
    ("兵团的企业开办要几天", "兵团"),
    ("第六师的企业能享受这个补贴吗", "第六师"),
    ("内地开个公司一般几天", "内地"),
    ("疆外的营商环境政策是什么样的", "疆外"),
    ("全国的企业开办时限都是3天吗", "其他地区"),
    ("新疆其他地州的企业开办也是3天吗", "其他地区"),
    ("昆山市的企业开办要几天", "昆山市"),  # a county-level city of no list
    ("在晋江市那边用电报装多久", "晋江市"),
])
def test_places_of_every_kind_are_named(text: str, region: str) -> None:
    assert other_region(text) == region


@pytest.mark.parametrize("text", [
    "我在外地，营业执照能网上办吗",  # where the person is
    "员工在内地，劳动合同能网签吗",
    "内地读的研究生 学位要公证咋弄",
    "外地企业来昌吉投资有什么政策",
    "营业执照全国通用吗",
    "香港老板开的厂碰到问题找谁协调",  # a business here, owned from elsewhere
    "不用跑乌鲁木齐就能办商标业务吗",  # asks whether it can be done here
    "中小企业怎么开拓国外市场",
    "我想经营口罩生意要办什么证",  # 经营口罩 holds no 营口
    "大理石加工厂要环评吗",  # stone, not 大理
    "这两个政策大同小异吗",
    "朝阳产业有扶持政策吗",
    "呼图壁县有没有人才补贴",
    "开超市的手续有哪些",  # words ending in 市/县 that are no place
    "申请上市的条件",
    "我们县的企业能享受吗",
    "昌吉州下面的县的企业开办几天",
])
def test_words_that_only_look_like_places_are_in_scope(text: str) -> None:
    assert other_region(text) is None


# 昌吉 named only to compare with the region asked about: still that region's question.
@pytest.mark.parametrize(("text", "region"), [
    ("北京政府采购多少钱以下专门给中小企业？跟昌吉一样吗", "北京"),
    ("克拉玛依的融资担保费率是多少，比昌吉低吗", "克拉玛依"),
    ("喀什的用水报装要几天？昌吉是5天吧，喀什呢", "喀什"),
    ("石河子开发区的燃气报装要多久，跟昌吉比哪个快", "石河子开发区"),
    ("昌吉和乌鲁木齐开公司哪个快", "乌鲁木齐"),
    ("昌吉的用电报装比乌鲁木齐快吗", "乌鲁木齐"),
    ("深圳办营业执照几天，和昌吉州一样吗", "深圳"),
    ("吐鲁番用水报装几天？昌吉要5个工作日，吐鲁番呢", "吐鲁番"),  # 昌吉's figure recalled
])
def test_changji_as_contrast_keeps_the_other_region(text: str, region: str) -> None:
    assert other_region(text) == region


@pytest.mark.parametrize("text", [
    "乌鲁木齐的公司能在昌吉投标吗",
    "我是石河子人，在昌吉开饭馆要办什么",
    "我和乌鲁木齐的公司签了合同，在昌吉能网上立案吗",
    "在昌吉3天能办完吗，我在哈密",
])
def test_changji_as_the_place_of_the_procedure_stays_in_scope(text: str) -> None:
    assert other_region(text) is None


# Where the caller is now (人在北京) is not where their matter is; 听说昌吉有… recalls no figure
# of 昌吉 to contrast with: both ask about 昌吉.
@pytest.mark.parametrize("text", [
    "我人在北京出差，公司的税务ukey丢了能补吗",
    "现在人在西安，营业执照副本怎么在手机上亮出来",
    "以前都在上海办，听说昌吉也有专利受理窗口了，在哪",
])
def test_where_the_caller_is_or_what_they_heard_of_changji_is_in_scope(text: str) -> None:
    assert other_region(text) is None


def test_a_region_asked_about_stays_out_of_scope() -> None:
    assert other_region("我在西安，开公司要几天") == "西安"
    assert other_region("西安的用水报装几天？听说昌吉是5天") == "西安"


def test_changji_known_or_heard_with_a_figure_is_still_contrast() -> None:
    assert other_region("昌吉的我知道，那哈密的用电报装几天") == "哈密"
    assert other_region("听说昌吉是3个工作日，哈密的用电报装呢") == "哈密"


# A region named as where people come from: the people, and the question, are here.
@pytest.mark.parametrize("text", [
    "我们厂从甘肃招了十几个工人，他们的孩子能在这边上学吗",
    "员工户口在四川，社保能在这交吗",
    "来自河南的农民工工资保证金怎么交",
    "老家在湖北的员工想把孩子接过来念书",
    "四川籍的工人劳动合同怎么签",
    "甘肃来的工人能办灵活就业参保吗",
])
def test_where_people_come_from_is_no_question_about_it(text: str) -> None:
    assert other_region(text) is None


@pytest.mark.parametrize(("text", "region"), [
    ("在河南开分公司要什么手续", "河南"),
    ("西安那边怎么规定的", "西安"),
    ("从北京开公司要几天", "北京"),  # 从 with no hiring or arriving word after the place
    ("深圳人才补贴多少", "深圳"),  # 人才 is no person from there
    ("河南招商引资有什么优惠", "河南"),
])
def test_another_place_asked_about_is_still_told_the_scope(text: str, region: str) -> None:
    assert other_region(text) == region
