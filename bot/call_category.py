"""A caller's request type (GB/T 33358-2016 work-order 诉求类型) and the route a 12345 call
takes (the State Council's 2025 hotline guidance: answer on the call, dispatch, hand over to
110/119/120, or point to the statutory channel), from the caller's words: a small lexicon."""

from __future__ import annotations

import re

CATEGORIES = ("咨询", "求助", "投诉", "举报", "建议", "表扬", "其他")
ROUTES = ("当场答复", "派单", "转110/119/120", "引导法定途径")

# Checked in this order: the first that matches decides. Tuned on bot/data/calls/dev_calls/
# (never on tests/heldout_calls/): a report names someone else's wrongdoing; a complaint says what a
# department or company did to the caller (often without the word 投诉, or as a question).
_LEXICON: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("举报", re.compile(r"举报|检举|揭发|偷排|偷偷(?:往|排|卖|挖)|排黑水"
                        r"|非法(?:经营|排放|占用|集资)"
                        r"|违法(?:建设|经营|排放)|没(?:有)?手续|无证|没挂牌|三无|假货|冒用|串通"
                        r"|秤有问题|缺斤|少二两|骗子|诈骗|传销|包拿证|吃拿卡要|要吃要拿|挖沙"
                        r"|过期.{0,8}还在|砸车|偷东西|打孩子|烧煤|熏黑|冒充|自称是.{0,8}工作人员"
                        r"|说自己是.{0,8}工作人员|收钱帮人")),
    ("投诉", re.compile(r"投诉|乱收费|不作为|态度(?:很|太|特别)?(?:差|恶劣|不好|横)|横得很|爱答不理"
                        r"|刁难|为难人|推诿|踢皮球|互相推|推来推去|拖着不|一直不给办|不给办|故意拖延"
                        r"|没人管|没人理|没人接|不接电话|电话也不接|讨说法"
                        r"|跑了[两三四五六几\d]+趟"
                        r"|第[三四五六]次|不公平|不服|罚重了|不听我解释|非要我|不买就|不换就|逼着"
                        r"|还没人来|一个多月了还|半个月了|都不退|还不退|不给退|找不到了|登不上"
                        r"|耽误我|就开了一个窗口|玩手机|多了个.{0,8}费|被挡在外面|根本不管|说不清楚"
                        r"|让我去外面找|不是说.{0,12}(?:零收费|免费|不收费)")),
    ("表扬", re.compile(r"表扬|点赞|点个赞|锦旗|感谢(?:你们|窗口|工作人员|他们|她|他)"
                        r"|太感谢|真是好人"
                        r"|服务(?:很|特别|非常)好|态度特别好|很及时|真省事|比以前快多了"
                        r"|谢谢(?:她|他|他们|你们啊)|说声谢谢|修好了")),
    ("建议", re.compile(r"建议|希望(?:能|可以|政府|你们)|能不能(?:增加|多设|延长|把|加一|放到|调"
                        r"|出个|搞个)|可以搞个|出个.{0,10}版本|提个意见"
                        r"|我觉得.{0,20}(?:可以|应该|能不能)"
                        r"|别让我们|省得.{0,8}跑")),
    ("求助", re.compile(r"求助|帮帮|救救|帮忙解决"
                        r"|帮(?:我|我们|忙|着)(?:协调|解决|要回来|催|联系|找)"
                        r"|停水|停电了|停气了|没水(?:了|用)|没电了|不热|路灯坏|丢在|撑不下去"
                        r"|还不上|欠(?:我|我们)(?:的)?.{0,6}(?:工资|工钱|货款)|拖欠|被困|卡在")),
)
# An emergency the caller is in (fire, injury, gas): help, handed to 110/119/120.
EMERGENCY = re.compile(r"着火|火灾|起火|冒烟|烟好大|爆炸|泄漏|漏气|煤气味|打架|斗殴|打起来"
                       r"|抢劫|持刀"
                       r"|拿着刀|砸店|受伤|晕倒|昏迷|救命|车祸|一动不动|溺水|摔倒|流血|卡在.{0,6}层"
                       r"|救护车|摔下来|不动了|撬.{0,4}门|困了人|困在电梯|羊水破|威胁要打|刚被骗"
                       r"|走丢了")
# A wrongdoing still going on as the caller speaks (有人在砸车，现在还在砸): a police matter.
ONGOING = re.compile(r"现在(?:还|正)在")
# Not a government matter at all: a wrong number, a test call, chit-chat.
OFF_TOPIC = re.compile(r"打错了|按错了|乱按|测试一下|试试这个号|没啥事|无聊|聊聊天|天气咋样|冷不冷"
                       r"|彩票|点个外卖|外卖电话|快递公司吗|火车票|球赛|唱首歌|是.{1,4}师傅吗"
                       r"|机器人还是真人")
# A question or a service named: a consultation.
_ASKS = re.compile(r"[?？吗呢]|多久|几天|多少|怎么|咋|如何|哪里|在哪|哪儿|能不能|可不可以|是不是"
                   r"|要不要|需要|什么|啥|有没有|想问|咨询|问一下|问下")
LEGAL = re.compile(r"起诉|诉讼|打官司|仲裁|复议|法院|判决|执行法官|告(?:他|她|它)们?")
# A consultation about the caller's own case (has it been approved?): a department must look.
OWN_CASE = re.compile(r"批了没|批下来没|到哪一步|进度|在不在名单")


def lexicon_hits(text: str) -> list[int]:
    """Which of the lexicon's patterns the text matches, one 0/1 each: features for the learned
    classifier (bot/call_classifier.py)."""
    patterns = [p for _, p in _LEXICON] + [EMERGENCY, OFF_TOPIC, _ASKS, LEGAL, OWN_CASE]
    return [int(bool(p.search(text))) for p in patterns]


def categorize(text: str, names_a_service: bool) -> str:
    if OFF_TOPIC.search(text):
        return "其他"
    for category, pattern in _LEXICON:
        if pattern.search(text):
            return category
    if EMERGENCY.search(text):
        return "求助"
    return "咨询" if names_a_service or _ASKS.search(text) else "其他"


def is_off_topic(text: str) -> bool:
    """A call that is no government matter: a draft (其他, answered on the call) is still kept."""
    return bool(OFF_TOPIC.search(text))


def route(text: str, category: str, can_close_on_call: bool) -> str:
    if EMERGENCY.search(text) or (category == "举报" and ONGOING.search(text)):
        return "转110/119/120"
    if LEGAL.search(text) and category in ("咨询", "投诉", "举报", "求助"):
        return "引导法定途径"
    if category == "其他" or can_close_on_call:
        return "当场答复"
    if category == "咨询":
        return "派单" if OWN_CASE.search(text) else "当场答复"
    return "派单"
