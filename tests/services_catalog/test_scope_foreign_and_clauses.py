"""Foreign countries, another region asked in a clause of its own, and 一网通办 (wordings of no
dev set): which place a question is about."""

from __future__ import annotations

import pytest

from services_catalog.absent_facts import absent_fact, staff_count_asked
from services_catalog.scope import other_region


@pytest.mark.parametrize(("text", "region"), [
    ("在俄罗斯开个公司麻烦不", "俄罗斯"),
    ("蒙古国的海关通关一般几天", "蒙古国"),
    ("往吉尔吉斯斯坦发货，那边清关要交什么税", "吉尔吉斯斯坦"),  # a later clause asks about there
    ("阿拉木图那边注册公司要多少钱", "阿拉木图"),
    ("昌吉用水报装是5个工作日，奎屯那边要几天", "奎屯"),
    ("昌吉这边能先办后补，伊犁那边有没有", "伊犁"),
    ("上海浦东一网通办怎么用", "上海"),  # 一网通办 is no move between regions
])
def test_the_place_asked_about(text: str, region: str) -> None:
    assert other_region(text) == region


@pytest.mark.parametrize("text", [
    "出口到哈萨克斯坦要办什么手续",  # the export is a 昌吉 procedure
    "俄罗斯客户一直不付货款，能在昌吉起诉吗",
    "去乌兹别克斯坦投资建厂，要做什么风险评估",  # outward investment (第98条)
    "依法国有资产怎么处置",  # 依法 + 国有, not 法国
    "注册商标还得跑乌鲁木齐吗，昌吉本地能办吗",  # whether one must go there
    "乌鲁木齐那边说可以，昌吉这边能办吗",  # 可以 alone asks nothing
    "公司在哈密，想在昌吉开分公司要办什么",
])
def test_partners_trips_and_scene_setting_stay_in_scope(text: str) -> None:
    assert other_region(text) is None


@pytest.mark.parametrize(("text", "kind"), [
    ("平均要几天才能通上水", "stats"),
    ("这项政策去年帮了多少家企业", "stats"),
    ("12345一天能受理多少个电话", "stats"),
    ("营商环境监督员是哪位", "person"),
    ("这个小程序是哪家公司开发的", "firm"),
    ("代理人的佣金怎么算", "price"),
    ("大厅中午休不休息", "hours"),
])
def test_new_absent_fact_kinds(text: str, kind: str) -> None:
    assert absent_fact(text) == kind


@pytest.mark.parametrize(("text", "asked"), [
    ("专属团队一共有几个人", True),
    ("窗口配了几名工作人员？", True),
    ("调解员有多少个", True),
    ("我们几个人合伙开的公司，要注意什么", False),  # told, not asked
    ("有几个人堵在店门口", False),
    ("要跑几个窗口", False),
    ("多少个工作日能办完", False),
])
def test_a_staff_count_is_asked(text: str, asked: bool) -> None:
    assert staff_count_asked(text) is asked


def test_investing_abroad_asked_of_the_government_here_is_no_other_region() -> None:
    from services_catalog.scope import other_region

    # the worry is about there, the question is put to here: 第98条's matter
    assert other_region("我们想去乌兹别克斯坦投资办个加工厂，那边的政策一点不了解，"
                        "政府这边有什么能帮的") is None
    # a clause asking about there itself stays another region's question
    assert other_region("想到乌兹别克斯坦建厂，那边的税率是多少") == "乌兹别克斯坦"


@pytest.mark.parametrize("text", [
    "想跟城里的大连锁超市合作供货，要办什么证",  # 大 + 连锁: no 大连
    "马上海关查验要几天",  # 马上 + 海关: no 上海
    "想把馕出口到哈萨克斯坦和吉尔吉斯斯坦，政府有什么支持",  # a list of trade partners
    "我从河南过来想开个饭馆，要办哪些手续",  # arrived from there, asks here
    "我们是从山东回来创业的，有补贴吗",
    "规定只能用本县的商砼站，这合理吗",  # 本县 is no county's name
])
def test_no_other_region_asked(text: str) -> None:
    assert other_region(text) is None


@pytest.mark.parametrize(("text", "region"), [
    ("大连的营业执照几天能办好", "大连"),
    ("在上海开公司要几天", "上海"),
    ("从北京开公司要几天", "北京"),
    ("米东区用水报装要多久", "米东"),  # jieba reads 米 + 东区: its level keeps the name
])
def test_the_region_is_still_read(text: str, region: str) -> None:
    assert other_region(text) == region


def test_a_listed_partner_asked_about_there_is_still_out_of_scope() -> None:
    assert other_region("往哈萨克斯坦、俄罗斯出口，俄罗斯那边关税多少") is not None
