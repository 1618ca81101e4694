"""A need said as a situation, read in the catalog's words (after typos, before anything matches).

People often state what is wrong instead of naming what they want: 新房没水, 厂房还没来电 (they
want the connection), 窗口办事拖拉 我要给那个窗口差评 (they want to rate the window), 我不太会弄
电脑 (they want someone to do it for them). No name or alias is in such a message, and free text
reads it only loosely. Each reading below adds the catalog's own word for the need (an alias, so
the phrase matcher names the service) to the message; what the catalog calls it is the catalog's:
a reading whose word no service holds names nothing.
"""

from __future__ import annotations

import re

import jieba

from services_catalog.search.common import token_spans

# 没水 / 还没来电 / 没有接上气 / 水还没通 / 水电都没接: the utility is missing, so the caller
# wants it connected (通水 …).
_UTILITY = r"(水|电|燃气|天然气|气)"
_LACK = re.compile(rf"(?:没有|没|未)(?:来|通|接|装|拉)?上?{_UTILITY}"
                   rf"|{_UTILITY}(?:还|都|也)?(?:没有|没|未)(?:来|通|接|装|拉)")
# 水电都没通 / 水电气还没接: each of them (one word to the tokenizer).
_UTILITIES = {"水电": ("水", "电"), "水气": ("水", "气"), "水电气": ("水", "电", "气")}
# 突然没水了, 停水, 一直没气, 牲口没水喝: an outage or a grievance about the supply, which is a
# complaint (供水燃气投诉), not a connection.
_OUTAGE = re.compile(r"突然|停|断|一直|老是|总是|经常|时有时无|好几天|几天了|没.{0,3}喝")
# 手机没电了 / 电动车没电: a battery, not a building. 没水了 / 家里没电了 (了: it ran out) is an
# outage too, where a connection wanted is 没水 / 还没来电.
_BATTERY = re.compile(r"手机|电池|电瓶|电动车|汽车|车子|充电|笔记本|电脑|平板")
_RAN_OUT = "了"
# 给那个窗口差评 / 想夸夸窗口的人 / 工作人员态度好想表扬: rating the service of a window or its
# staff (政务服务“好差评”); a rating of these answers (差评, 不满意) names no window.
_RATING = re.compile(r"差评|好评|夸|表扬|点赞|评价")
_OFFICE = re.compile(r"窗口|工作人员|办事员|办事人员|柜台|大厅|经办人")
RATING_WORD = "好差评"
# 不太会弄电脑 / 不会用手机上网 / 老人不会操作自助机: someone should do it for them (帮办代办).
_UNABLE = re.compile(r"不(?:太|大|怎么)?会(?:弄|用|操作|搞|使)(?:.{0,3})?"
                     r"(?:电脑|手机|网上|网|系统|软件|app|小程序|自助|机器)")
UNABLE_WORD = "不会操作"


def read_needs(norm: str, tok: jieba.Tokenizer) -> str:
    """`norm` with the catalog's word for each need it states as a situation added after it."""
    added = [*_lacks(norm, tok)]
    if _RATING.search(norm) and _OFFICE.search(norm):
        added.append(RATING_WORD)
    if _UNABLE.search(norm):
        added.append(UNABLE_WORD)
    return " ".join([norm, *dict.fromkeys(added)]) if added else norm


def _lacks(norm: str, tok: jieba.Tokenizer) -> list[str]:
    """通水 for 新房没水 (and 通电, 通气 …); nothing for an outage, nor for 没电脑 / 没水平, where
    the character is part of another word."""
    if _OUTAGE.search(norm) or _BATTERY.search(norm):
        return []
    found = []
    spans: list[tuple[int, int]] | None = None
    for lack in _LACK.finditer(norm):
        spans = spans if spans is not None else token_spans(tok, norm)
        group = 1 if lack.group(1) else 2
        start, end = lack.span(group)
        if norm.startswith(_RAN_OUT, lack.end()):
            continue
        word = next((norm[ts:te] for ts, te in spans if ts < end < te or ts < start < te), None)
        if word is None:
            found.append("通" + lack.group(group))
        else:  # 电 of 电脑, 水 of 水平: another word, unless it names utilities together
            found.extend("通" + utility for utility in _UTILITIES.get(word, ()))
    return found
