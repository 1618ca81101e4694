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
# Everyday sayings of a need the catalog names in its own words (each word below is an alias):
# - the window takes the file now and the missing paper follows (先收下，后面我再补; 能先受理
#   吗，证明回头补上): accepting with a paper missing, 先办后补 (容缺受理);
# - a fine at the top of the range, or fines as a quota (顶格罚, 按最高额罚, 罚款任务/指标):
#   enforcement for revenue, 顶格罚款 / 罚没指标;
# - prices of daily goods gone up (菜价涨, 物价太高, 肉价离谱): price supervision, 物价监管;
# - a case of intellectual property in court (知识产权的案子, 专门审知识产权): 知识产权官司;
# - 跨省通办 / 省外通办 said as in the news, or doing it here instead of back home (不用回老家
#   办): 跨省办理;
# - a licence revoked or about to be (要被清吊, 执照给吊销了, 被吊照): the clearing-up of revoked
#   businesses, 执照被吊销 — what the caller faces, not the 注销 they never did (也没注销);
# - wages held back because the project's client has not paid (甲方没给钱, 开发商不结工程款):
#   the arrears chain of a construction project, 拖欠农民工工资 — not a dispute with one's boss.
_ABROAD = (r"外商|外资|外国|国外|境外|海外|老外|外籍|港资|台资|港澳|斯坦|俄罗斯|蒙古|欧洲|美国|日本"
           r"|韩国|德国|中亚|东南亚")
_HERE = r"昌吉|咱们?这|我们这|这边|这儿|这里|本地|当地|州里|园区|新疆|准东"
_SAYINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"先(?:收|受理|接|办|收着)下?.{0,12}(?:后面|以后|过后|回头|随后|再)(?:再)?补"),
     "先办后补"),
    (re.compile(r"顶格罚|最高(?:额|档|标准)?(?:罚|处罚)|按顶格"), "顶格罚款"),
    (re.compile(r"罚款(?:任务|指标|创收)|罚没(?:任务|创收)"), "罚没指标"),
    (re.compile(r"(?:菜|肉|蛋|粮|油|米|面)价|物价"), "物价监管"),
    (re.compile(r"知识产权(?:的|方面的)?(?:案子|案件)|专门审.{0,6}知识产权"), "知识产权官司"),
    (re.compile(r"跨省通办|省外通办|不用回老家|不回老家"), "跨省办理"),
    (re.compile(r"(?:被|给|遭)(?:.{0,4})(?:清吊|吊销|吊照)|吊销了|清吊了"), "执照被吊销"),
    (re.compile(r"(?:甲方|业主|开发商|建设单位|总包|发包方|上面)(?:还|一直|迟迟)?(?:没有?|不|未)"
                r"(?:给|付|结|拨)(?:钱|款|工程款)?"), "拖欠农民工工资"),
    # - a paper one short or left at home when at the window (材料就差一个没带, 忘带了一份证明,
    #   证明落家里了): what becomes of the visit is 容缺受理's 先办后补 — not of a lawsuit's
    #   papers (起诉材料没带全), which the court's own services answer.
    (re.compile(r"^(?!.*(?:起诉|诉讼|法院|官司|立案))(?:.*(?:材料|资料|证明|证件|手续|复印件)"
                r"[^，,。？?\s]{0,6}(?:差|少|缺)了?(?:一|个|一个|一份|一样|一张)[^，,。？?\s]{0,6}?"
                r"(?:没带|忘带|忘了带|没拿|落)"
                r"|.*(?:忘带|忘了带|漏带|少带)了?[^，,。？?\s]{0,6}(?:材料|资料|证明|证件|复印件)"
                r"|.*(?:材料|资料|证明|证件|复印件)[^，,。？?\s]{0,4}(?:忘带|忘了带|漏带|落在?家))"),
     "先办后补"),
    # - a child called as at home (娃娃, 娃子, 闺女, 儿子) going to school here (娃娃跟过来了，
    #   在这边上学; 闺女能在这念书不): 孩子上学 (随迁子女入学), the catalog's word for the child.
    (re.compile(r"(?:娃娃|娃子|娃|闺女|丫头|儿子|女儿)[^。？?！!]{0,14}?(?:上学|入学|念书|读书"
                r"|上幼儿园|上小学|上初中|转学)"), "孩子上学"),
    # - a matter done in another county or city than where it belongs (在州内别的县办事, 去外市
    #   也能办吗): 异地办理 (跨省通办、疆内通办、州内通办).
    (re.compile(r"(?:别的|其他|其它|外)(?:县市|县|市(?!场)|州|地州|省)[^，,。？?]{0,4}(?:办事|办理|能办"
                r"|可以办|也能办|办得了)|跨(?:县|市|县市|地区)(?:办|通办)"), "异地办理"),
    # - a business from abroad coming here to invest (哈萨克斯坦的客商来昌吉投资, 外国公司想到咱们
    #   这儿建厂): investment into 昌吉, 外商投资 — never the 境外投资 of a business going abroad.
    # - a body serving patents or trademarks to be set up or brought in (设个专利商标服务的机构,
    #   开一家商标专利服务公司): 知识产权服务机构 (第131条 引进和培育), not the trademark window.
    (re.compile(r"(?:专利|商标)(?:、|和|与|及|或)?(?:专利|商标)?(?:服务|代办)的?(?:机构|公司"
                r"|事务所)"), "知识产权服务机构"),
    # - a business that owes its workers' wages, told as the one asked about (拖欠工人工资的建筑
    #   公司, 欠农民工工资的企业): 欠薪企业 (第95条 联合惩戒, 市场准入限制).
    (re.compile(r"(?:拖欠|欠)(?:了)?(?:农民工|工人|员工|职工)?(?:的)?(?:工资|薪水|工钱)的(?:建筑|施工"
                r"|劳务)?(?:企业|公司|单位|老板|包工头)"), "欠薪企业"),
    # - a sole trader's business opened (开个体户, 注册个体工商户, 办个体执照): the 营业执照 of
    #   企业开办 — not a sole trader's social insurance (个体户交社保) or loans.
    (re.compile(r"(?:开|办|注册|登记|申请|开办|成立)(?:了|个|一个|一家)?个体(?:工商)?户"
                r"(?!.{0,4}(?:社保|养老|医保|贷款|交税|纳税))|个体(?:工商户)?(?:的)?(?:营业)?执照"),
     "办营业执照"),
    # - 境外投资者 / 外国投资者 is the investor from abroad here (第58条 维护境外投资者合法权益),
    #   never a business of ours going abroad.
    (re.compile(r"(?:境外|外国|外籍)投资者"), "外商投资"),
    (re.compile(rf"(?:{_ABROAD}).{{0,12}}(?:来|到)(?:{_HERE}).{{0,8}}(?:投资|办厂|建厂|设厂|开厂"
                r"|办企业|开公司|落户|兴业)"), "外商投资"),
)


def read_needs(norm: str, tok: jieba.Tokenizer) -> str:
    """`norm` with the catalog's word for each need it states as a situation added after it."""
    added = [*_lacks(norm, tok)]
    if _RATING.search(norm) and _OFFICE.search(norm):
        added.append(RATING_WORD)
    if _UNABLE.search(norm):
        added.append(UNABLE_WORD)
    added.extend(word for saying, word in _SAYINGS if saying.search(norm))
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
