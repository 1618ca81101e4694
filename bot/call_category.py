"""A caller's request type (GB/T 33358-2016 work-order 诉求类型) and the route a 12345 call
takes (the State Council's 2025 hotline guidance: answer on the call, dispatch, hand over to
110/119/120, or point to the statutory channel), from the caller's words: a small lexicon."""

from __future__ import annotations

import re

CATEGORIES = ("咨询", "求助", "投诉", "举报", "建议", "表扬", "其他")
ROUTES = ("当场答复", "派单", "转110/119/120", "引导法定途径")

# Checked in this order: the first that matches decides.
_LEXICON: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("举报", re.compile(r"举报|检举|揭发|偷排|非法(?:经营|排放|占用)|违法(?:建设|经营|排放)")),
    ("投诉", re.compile(r"投诉|乱收费|不作为|态度(?:很|太|特别)?(?:差|恶劣|不好)|刁难|推诿|踢皮球"
                        r"|拖着不办|一直不给办|不给办|吃拿卡要|故意拖延|没人管|讨说法")),
    ("表扬", re.compile(r"表扬|点赞|锦旗|感谢(?:你们|窗口|工作人员|他们)|服务(?:很|特别|非常)好")),
    ("建议", re.compile(r"建议|希望(?:能|可以|政府|你们)|能不能(?:增加|多设|延长)|提个意见")),
    ("求助", re.compile(r"求助|帮帮|救救|帮忙解决|帮我(?:们)?(?:协调|解决|问问)|停水了|停电了"
                        r"|停气了|没水了|没电了|拖欠|欠(?:我|我们)?(?:工资|工钱|货款)")),
)
# A question or a service named: a consultation.
_ASKS = re.compile(r"[?？吗呢]|多久|几天|多少|怎么|咋|如何|哪里|在哪|哪儿|能不能|可不可以|是不是"
                   r"|要不要|需要|什么|啥|有没有|想问|咨询|问一下|问下")
EMERGENCY = re.compile(r"着火|火灾|起火|冒烟|爆炸|泄漏|漏气|打架|斗殴|抢劫|持刀|受伤|晕倒|昏迷|救命"
                       r"|车祸|溺水")
LEGAL = re.compile(r"起诉|诉讼|打官司|仲裁|复议|法院|判决|告(?:他|她|它)们?")


def categorize(text: str, names_a_service: bool) -> str:
    for category, pattern in _LEXICON:
        if pattern.search(text):
            return category
    return "咨询" if names_a_service or _ASKS.search(text) else "其他"


def route(text: str, category: str, can_close_on_call: bool) -> str:
    if EMERGENCY.search(text):
        return "转110/119/120"
    if LEGAL.search(text) and category in ("投诉", "举报", "求助"):
        return "引导法定途径"
    if can_close_on_call:
        return "当场答复"
    return "派单"
