"""Facts the plan does not hold, and questions that ask for one (issue 15, point 6).

Two checks, both ending in "《行动方案》未写明…" plus where to ask (the lead unit, 12345),
never a guess and never "which service?":
- `absent_fact`: from the wording alone, a kind of fact no plan of this sort states — a phone
  number (other than 12345), a person's name, a street address, opening hours, a unit price, a
  figure for a year outside 2023—2025.
- `unstated_amount`: an amount asked for (多少钱, 补多少, 比例是多少, 能贷多少 …) that the
  service's tasks do not state. Stated means: a comma-separated part of one of its clauses (or
  of its catalog facts) names the thing asked about and carries a figure of that kind (80万元
  for 保证金, 1% for 担保费率, 免费 for Ukey). 融资担保费率控制在1%以内 answers 担保费率多少,
  not 补助比例是多少; 首次申领税务Ukey和电子发票免费 answers nothing about 刻章.
"""

from __future__ import annotations

import re

from services_catalog.answers import (
    FREE_WORDS,
    HOTLINE_SLUG,
    PRICE_KINDS,
    QUOTING_RESPONSES,
    TERM,
    Answer,
    amount_not_stated,
    ask_unit,
    asks_material_list,
    cited_clause,
    compose,
    explains,
    missing_fact_answer,
    missing_fact_item,
    not_in_plan_answer,
    round_the_clock,
    service_tasks,
    with_basis,
)
from services_catalog.normalize import normalize, strip_filler
from services_catalog.plan import Clause, tasks
from services_catalog.question_cues import (
    QUESTION_CUE,
    asks_frequency,
    asks_meaning,
    asks_online,
    decisive_question_type,
    question_type,
)
from services_catalog.resolve import Resolution
from services_catalog.schemas import ServiceOut
from services_catalog.wording import MISSING_FACT, render, responses

# --- from the wording alone ---------------------------------------------------------------

_CONTACT = r"(?:电话|手机号|座机|联系方式|联系电话|客服电话|客服|热线|微信号?|邮箱)"
# (Any "…员" is a person's role: 辅导员, 监督员, 代办员, 网格员.)
_ROLE = (r"(?:副?局长|科长|处长|主任(?!务)|院长|庭长|所长|站长|书记|州长|县长|行长|总?经理|"
         r"负责人|经办人|领导(?!小组)|工作人员|办事员|法官|检察官|专员|管理员|对接人|联络员|联系人"
         r"|管理人|律师|调解员|公证员|[\u4e00-\u9fff]{1,3}(?<![成会委党])员(?!工|会))")
# A second fact asked in the same breath (联系人和电话是谁, 负责人跟手机号叫啥): the role is still
# what is asked.
_AND_FACT = rf"(?:[和跟及与、]{_CONTACT})?"
_FIRM = r"(?:公司|企业|机构|律所|事务所|中介|服务商|供应商|代理机构|测绘单位|4S店|银行)"
# Checked in this order. Each asks for the fact, not of it: 打自来水公司电话没人接 tells of a
# call, 那个小程序叫什么名字 names a thing, 住所登记 is a procedure about an address.
ABSENT_FACTS: dict[str, re.Pattern[str]] = {
    "phone": re.compile(
        rf"{_CONTACT}(?:号码|号)?(?:是|大概|一般)?(?:多少|几|啥|什么|给|发|告诉|有吗|有没有|呢|吗)"
        rf"|(?:给|发|告诉|要|留|求|查|有没有|有)(?:我|一下|个|一个)*(?:\w{{0,8}}的)?"
        rf"(?:投诉|举报|咨询|办公|服务|值班|专门)?{_CONTACT}"
        # 号码多少 asked again just after the number was named (投诉电话？号码多少); not a
        # lottery's or an invoice's 号码 (双色球下期号码是多少)
        rf"|{_CONTACT}\W{{1,3}}(?:那个|它的?)?号码(?:是|大概|一般)?(?:多少|几|啥|什么)"
        r"|(?:怎么|咋|如何|怎样)(?:跟|和|与)?\w{0,6}?联系|联系不上|打哪个|打什么号|拨哪个|打几号"
        r"|(?:打|拨)(?:哪个|什么)号码|打电话(?:预约|咨询|问问?|联系)"
        r"|什么电话|哪个电话|电话多少"
        rf"|(?<!打)(?<!打个)(?:的)?{_CONTACT}(?:号码|号)?[?？]?$"),
    "person": re.compile(
        rf"{_ROLE}{_AND_FACT}(?:是|叫|姓)?(?:谁|哪位|哪个|什么名字|叫什么|叫啥|姓什么|姓啥|名字|姓名)"
        rf"|谁是\w{{0,8}}{_ROLE}|(?:哪个|哪位){_ROLE}|(?:人|员|长|导)(?:叫|姓)(?:什么|啥)|姓名"
        # 归哪个人管，叫啥: a person asked for by who handles one's case
        r"|(?:哪个|哪位)人(?:管|负责|对接|联系)"),
    # which firms by name (名录库里的公司都叫啥, 推荐几家): the plan names no business and the
    # assistant recommends none. 那个小程序叫什么名字 names a thing, not a firm.
    "firm": re.compile(
        rf"{_FIRM}(?:都|分别|各|具体)*(?:叫|的?(?:名字|名称)(?:是|都是|分别是)?)(?:什么|啥)"
        # who built or runs a platform (小程序是哪家公司开发的): the plan names no contractor
        r"|(?:哪家|哪个|什么)(?:公司|企业|厂家|厂商|单位)(?:开发|做|建|承建|运营|运维|设计)的"
        # 扶持上市的是哪家企业: a firm's name (哪些企业可以申请 asks who qualifies, stated)
        r"|(?:是|有)(?:哪家|哪几家|哪一家)(?:公司|企业|厂家|厂商|单位|机构|银行)"
        # 哪几家公证处有三名以上公证员: which offices by name (the plan states the condition)
        r"|(?:哪家|哪几家|哪一家)(?:公证处|公证机构|律所|律师事务所|银行|担保公司)"
        r"|(?:推荐|介绍)(?:一下|一|两|几|个)*家"
        r"|(?:推荐|介绍)(?:一下|一|两|几|个)*\w{0,6}?(?:公司|律所|律师|中介|服务商|代理机构|测绘单位)"),
    # an amount per unit, not the plan's 公开燃气价格 (a policy) or 一度电比外面贵
    "price": re.compile(
        r"(?:价格|单价|价钱|水价|电价|气价|油价|房价|租金|房租|电费|水费|燃气费|气费|暖气费|取暖费"
        r"|物业费|报酬|佣金|酬金)(?:是|大概|一般|要|收)?(?:按|依|照)?(?:多少|几|怎么算|咋算|怎么收"
        r"|什么标准|啥标准|哪个标准|标准)"
        r"|多少钱一|[一每](?:度|方|吨|立方(?:米)?)(?:电|水|气|天然气)?(?:是|要|收)?(?:多少|几)"),
    # where a building is, not where to apply (在哪办 is a channel question the plan answers),
    # nor how many addresses (一个执照能挂好几个地址吗 asks about 一照多址)
    "address": re.compile(
        r"(?:办公|具体|详细|单位|大厅|中心|局)?(?<![几多两三四五]个)地址(?:是|在)?"
        r"(?:多少|哪|什么|呢|吗|给|发)"
        # 工作室在哪个地址: where a thing is
        r"|在(?:哪个|什么|啥)(?:具体|详细)?地址"
        r"|具体地址|详细地址|地址[和跟、及]|具体位置|什么位置|哪个位置|位置在哪|办公地点|什么地方办公"
        r"|哪条[街路道]|哪个[街路]|什么[街路]|门牌号?(?:是|多少|几号|呢|吗)|几楼|几层楼|哪栋|哪座楼|几号楼|哪个小区"
        r"|怎么走|咋走|怎么过去|坐几路|坐什么车|哪路车|导航|定位"
        r"|(?:局|中心|大厅|营业厅|服务厅|法院|检察院|公证处|窗口|办公室)(?:的)?(?:具体)?"
        r"(?:在|位于)(?:哪|什么地方|哪个地方)(?!办|申请|领|交|提|填|弄|搞|报|登记|注册|开|缴|能办)"),
    # a web address (网址, 链接), not which platform to apply on (在哪个平台上弄 is a channel the
    # plan names): the plan gives no URL
    "web": re.compile(
        r"(?:网址|网站地址|网页地址|网页链接|链接|域名)(?:是|在)?(?:多少|啥|什么|哪|呢|吗|给|发)"
        r"|(?:给|发|告诉)(?:我|一下|个|一个)*(?:\w{0,8}的)?(?:网址|链接)"
        # 网址能不能发我一下, 网址或者公众号叫啥: the address asked first, then how or with what
        r"|(?:网址|网站地址|网页链接)(?:能不能|能否|可不可以|可以|麻烦)?(?:发|给|告诉)"
        r"|(?:网址|网站地址)(?:或者|或是|或|和|跟|还有|、)"),
    # opening hours, not the time of day (现在几点了) nor a deadline (春节前能办完吗)
    "hours": re.compile(
        # 晚上几点以后就没人接了: until when someone answers
        r"几点(?:以后|之后|以前|之前|后)?\w{0,3}?(?:没人接|有人接|打不通|能打通)|"
        r"几点(?:上班|下班|开门|关门|开始|营业|办公|结束|截止|到几点)|(?:上班|下班|开门|关门|营业|办公)"
        r"(?:是|时间是)?几点|几点到几点|上班时间|办公时间|营业时间|开门时间|作息时间|工作时间"
        r"|午休|中午休息|(?:节假日|假期|春节|国庆|过年|放假|周末|周六|周日|礼拜[六天日]|星期[六天日]"
        r"|双休日?|中午|晚上|夜里|夜间)(?:期间)?(?:的时候)?(?:也|还|有人|能|可以|上班|开门|开放"
        r"|营业|办公|休息|开不开|上不上班|办不办|能不能|去|休不休)"),
    # how it went in fact (平均用了几天, 去年办了多少件, 一天接多少个电话): the plan sets limits
    # and targets, it reports no statistics.
    # a form's or template's number (表格编号, 范本编号, 用哪个表号): the plan names forms by
    # what they are for, never by a number
    "form": re.compile(
        r"(?:表格?|表单|范本|模板|样本|样表|格式文本|文书|申请书|合同)\w{0,4}?(?:编号|表号|编码|序号)"
        r"|(?:哪个|什么|啥|哪一个)(?:表格?|表单|范本|模板)?(?:编号|表号)"
        r"|(?:表号|文号|编号)(?:是|为)?(?:多少|几|啥|什么)"),
    # how long the queue is, how many windows or halls: the plan sets the time limits of the
    # services, not the wait at a counter nor the counters' number (要跑几个窗口 asks how the
    # steps combine, which 一窗受理 answers)
    "queue": re.compile(
        r"(?:排队|排号|等号|叫号|候办|等候|取号)\w{0,6}?(?:多久|多长时间|几分钟|多少分钟|几个小时|多少人)"
        r"|(?:窗口|大厅|服务中心|营业厅)(?:一共|总共|共)?有(?:几个|多少个?|几处|几家)"
        r"|(?:一共|总共|共)?有(?:几个|多少个)(?:窗口|大厅|政务服务中心)"),
    "stats": re.compile(
        r"平均(?:用时|用了|花了|办了|要|需要|得)?(?:多久|几天|多少天|多长时间|几个工作日)"
        r"|(?:实际|去年|前年|上半年|今年以来|这几年)\w{0,10}?(?:用了|花了|办了|办结了|受理了|接了"
        r"|帮了|服务了)(?:多少|几)"
        r"|(?:已经|一共|总共|累计)(?:办了|办结了|受理了|接了|帮了|服务了)(?:多少|几)"
        r"|一(?:天|年|个月)(?:能|要|会)?(?:接|受理)(?:多少|几)"),
}
# A unit price stated to be confirmed (听说一方气3块2，真的吗; 电费是5毛一度吗): the plan states
# no unit price, so it is neither confirmed nor denied with one of its figures.
_STATED_PRICE = re.compile(
    r"[一每](?:度|方|吨|立方米?|千瓦时)(?:电|水|气|天然气)?[^，,。？?！!；;\d]{0,3}\d+(?:\.\d+)?"
    r"\s*(?:块|元|毛|角)"
    r"|\d+(?:\.\d+)?\s*(?:块|元|毛|角)\d*(?:钱)?[一每](?:度|方|吨|立方米?|千瓦时)")
# The plan covers 2023—2025: a figure for another year (2026年还是3个工作日吗) it does not state,
# nor what will change later (明年用电报装时限会变吗).
PLAN_YEARS = range(2023, 2026)
_YEAR = re.compile(r"(20\d\d)\s*年")
# A year said short, as speech has it (二二年的时候, 二〇年那会儿, 22年以前): the two Chinese digits
# of 2015—2022 (一二年 is also 一两年, so 2010—2014 are left out), or two figures with a word of
# a time after them (经营了20年的 counts years).
_CN_DIGIT = "〇零一二三四五六七八九"
_SHORT_YEAR = re.compile(
    rf"(?<![{_CN_DIGIT}十百千两\d])(?:二[〇零]|两千零?)?(二[〇零一二]|一[五六七八九])年(?!级|龄|限|度?内)"
    r"|(?<![\d.])(1[5-9]|2[0-2])\s*年(?=的时候|那会|那时|那年|那阵|时候|底|初|以前|之前|上半年|下半年)")


def _question_years(norm: str) -> list[int]:
    """The years the message's question clauses name (那2024年底要通到多少个村), not those of a
    clause telling what the plan is known to say (村村通快递2025年底要全通); [] when no question
    clause names one, or the message is one clause."""
    # Imported here: asked_matters reads clauses through several.py, which imports this module.
    from services_catalog.asked_matters import asking_clauses  # noqa: PLC0415

    return [int(y) for words in asking_clauses(norm) for y in _YEAR.findall(words)]


def _short_years(norm: str) -> list[int]:
    """The years a question names short (二二年 → 2022, 19年底 → 2019)."""
    out = []
    for cn, figures in _SHORT_YEAR.findall(norm):
        digits = figures or "".join(str(max(_CN_DIGIT.index(c) - 1, 0)) for c in cn)
        out.append(2000 + int(digits))
    return out


# (以后投标会不会受影响 asks a consequence, not a change: 会不会 counts only before a change.)
_LATER = re.compile(r"(?:明年|后年|以后|将来|未来|往后)\w{0,12}?(?:变|调整|改|还是|延续|继续"
                    r"|会不会(?:变|调|改|取消|延续|继续|还)|新政策|新规定)")
# 以后地址变了呢 / 将来法人换了咋办: a change of the business's own particulars later on (its
# 变更登记), not of the policy in years beyond the plan.
_OWN_CHANGE = re.compile(r"(?:地址|住所|经营场所|场所|名称|名字|法人|股东|经营范围|注册资本"
                         r"|门面|店面|厂址|电话|手机号)\w{0,3}?(?:变|换|改|迁|搬)")
# A year after the plan asked about (2026年以后有没有新方案, 2027年起还这样吗), though a plan year
# is named beside it; a later year told alone (我们2026年3月成立的) asks nothing of it.
_AFTER_PLAN = re.compile(r"20(?:2[6-9]|[3-9]\d)\s*年(?:以后|之后|起|开始|往后|后|还|会|有没有"
                         r"|的目标|有什么|新)")
# 12345 is the one phone number the plan gives (its own service answers it); a unit's own
# 咨询热线 is not it.
_HOTLINE = re.compile(r"12345|市长|便民|政务(?:服务)?热线|(?<![\u4e00-\u9fff])热线")
# 12345 named as the number not wanted (不是12345那个, 除了12345): a unit's own number is asked.
_NOT_HOTLINE = re.compile(r"(?:不是|除了|除|不要|不打|别给|别说|不用|而不是)(?:我|我们)?"
                          r"(?:打|说|报)?(?:那个)?"
                          r"(?:12345|便民热线|政务(?:服务)?热线|市长热线)(?:那个|这个)?"
                          r"|(?:12345|热线)(?:以外|之外|除外)")


def absent_fact(text: str) -> str | None:
    """The kind of fact asked for that the plan does not hold (phone, person, price, address,
    hours, another year's figure), or None."""
    norm = normalize(text)
    if _YEAR.search(norm) and not any(int(y) in PLAN_YEARS for y in _YEAR.findall(norm)):
        return "year"
    if _LATER.search(norm) and not _OWN_CHANGE.search(norm):
        return "year"
    if _AFTER_PLAN.search(norm):
        return "year"  # 2025年就到期了吧，2026年以后有没有新的方案
    asked_years = _question_years(norm)
    if asked_years and not any(y in PLAN_YEARS for y in asked_years):
        return "year"  # 2023年底要到95%我知道了，那2026年要到多少: the plan's year is told
    if any(y not in PLAN_YEARS for y in _short_years(norm)):
        return "year"  # 二二年的时候要多少天: an earlier year's figure
    if _STATED_PRICE.search(norm) and QUESTION_CUE.search(norm):
        return "price"
    how_long = decisive_question_type(norm) in ("ask_due_date", "ask_time_limit")
    for kind, cue in ABSENT_FACTS.items():
        if kind == "hours" and (how_long or asks_online(norm)):
            # 下班前交的几天能办完 asks how long; 能网上办吗，晚上也能提交不 asks whether it can
            # be done online (7×24小时), not when an office opens.
            continue
        if kind == "person" and not _asks_person(norm):
            continue
        if cue.search(norm) and not (kind == "phone"
                                     and _HOTLINE.search(_NOT_HOTLINE.sub("", norm))):
            return kind
    return None


# What a not-stated answer says it lacks, by kind of fact: MISSING_FACT's own words (办公时间,
# 联系电话 …) up to any variable, and the other wordings of an amount or a year not stated
# (再多领的收费标准, 您问的那一年的目标).
_LACKS = {kind: re.escape(re.split(r"[{（]", words, maxsplit=1)[0])
          for kind, words in MISSING_FACT.items()}
_LACKS["money"] += "|收费标准|金额|交费"
_LACKS["amount"] += "|数额|比例|收费标准|金额"
_LACKS["year"] += "|那一年|年份"


def _not_stated_words() -> str:
    """How a not-stated answer says so (未写明), as the domain's template words it."""
    opening = responses()["utter_not_in_plan_general"].split("{", 1)[0]
    return opening.rsplit("》", 1)[-1]


def absent_answered(reply: str, words: str) -> bool:
    """The reply already says the plan does not hold the kind of fact the question clause
    `words` asks (12345打得通吗，晚上有人接不 answered 未写明…的办公时间; 最多能加载几个 answered
    未写明…具体数额): the clause is answered, and no clause is to be read for it (第2条's
    7×24小时 is 企业开办's online channel, not the hotline's hours)."""
    if _not_stated_words() not in reply:
        return False
    kinds = {absent_fact(words)}
    asked = amount_asked(words)
    if asked is not None:
        kinds.add("money" if asked[1] is _MONEY_FIGURE else "amount")
    if staff_count_asked(words):
        kinds.add("staff")
    if _YEAR.search(normalize(words)):
        kinds.add("year")
    return any(re.search(_LACKS[k], reply) for k in kinds if k in _LACKS)


# A thing's name asked (那个工作室叫什么, 平台名称是啥): the plan may name it; only a person's name
# is a fact it never holds. 以法官名字命名的 describes a thing by a person, asking nothing.
_NAMED_AFTER = re.compile(r"名字?命名|名义")
_THING = (r"工作室|平台|中心|小程序|系统|网站|专区|品牌|公众号|服务站|专栏|专窗|机制|模式|热线"
          r"|app|APP|栏目|基地|园区|驿站|超市|码")
_THING_NAME = re.compile(rf"(?:{_THING})[^，,。；;！!]{{0,6}}?(?:叫什么|叫啥|什么名|名字|名称)")


def _asks_person(norm: str) -> bool:
    """Whether a person's name is what is asked, not a thing's named after one."""
    bare = _NAMED_AFTER.sub("", norm)
    thing = _THING_NAME.search(bare)
    if thing and not ABSENT_FACTS["person"].search(thing.group(0)):
        return False  # 工作室叫什么 (工作室负责人叫什么 asks a person)
    return bool(ABSENT_FACTS["person"].search(bare))


def may_be_absent(text: str) -> bool:
    """A fact the plan never holds, or an amount of money or a rate it may not state: either way
    a question to answer (not stated, ask here), never small talk or "which service?"."""
    return absent_for(text, service_found=False) is not None


def absent_for(text: str, service_found: bool) -> str | None:
    """As absent_fact; and an amount asked with no service named at all (公章刻一套要多少钱):
    the plan states no such figure for anything it could be, so not "which service?"."""
    kind = absent_fact(text)
    if kind is None and not service_found and staff_count_asked(text):
        kind = "staff"  # 调解员有几个人: no service, so no clause that could state it
    if kind is None and not service_found:
        asked = amount_asked(text)
        if asked is not None and asked[1] is not _ANY_FIGURE:
            kind = "money" if asked[1] is _MONEY_FIGURE else "amount"
    return kind


# A number asked of a named office (市场监管局的联系方式) is that office's, not the assistant's
# own (你们的联系方式 → 12345).
_OFFICE = re.compile(r"局|中心|公司|法院|检察院|厅|所|站|委|银行|窗口|室|庭|处|科|部门|法官|律师")
# The speaker's own business told (我儿子开了个小公司, 我们公司): no office whose number is asked.
_OWN_FIRM = re.compile(r"(?:我|我们|俺|咱|儿子|女儿|闺女|家里)[^，,。？?]{0,6}?(?:开了?|办了?|的)?"
                       r"[^，,。？?]{0,3}?(?:公司|企业|厂|店)")
# A number asked to report a problem on (打电话反映, 找谁投诉, 遇到难处打哪个号码).
_TO_REPORT = re.compile(r"反映|投诉|求助|诉求|举报|遇到(?:了)?(?:问题|困难|难处|麻烦)")
# Hours of the hall or a window are not answered by a 7×24小时 online channel.
_IN_PERSON = re.compile(r"大厅|窗口|中心|现场|上班|开门|关门|下班|局")
# A service found only by free-text similarity is no service named: 办事大厅周末开不开 reads
# as 特种行业许可, and a not-stated answer naming that service would mislead.
NAMED_MIN = 0.6


def missing_answer(kind: str, found: Resolution, services: dict[str, ServiceOut],
                   text: str) -> Answer:
    """The answer to a question for a fact the plan does not hold: the service asked about, its
    lead unit and 12345, or 12345 alone when no service is named."""
    named = found.source != "search" or found.confidence >= NAMED_MIN
    norm = normalize(text)
    if kind == "phone" and found.source == "search" and _TO_REPORT.search(norm):
        # 投资企业遇到问题一般打什么电话反映: a number to report a problem on, whatever service
        # its words resemble, is the plan's own number, 12345 (第77条).
        named = False
    service = services.get(found.slug or "") if named else None
    if kind == "phone" and (_OFFICE.search(_OWN_FIRM.sub("", norm)) or _NOT_HOTLINE.search(norm)):
        # 除了12345，有没有专门的举报电话: a number besides the hotline, which the plan gives none.
        if service is not None and service.slug == HOTLINE_SLUG:
            service = None
        return not_in_plan_answer(kind, service)
    if kind == "hours" and _IN_PERSON.search(norm):
        return not_in_plan_answer(kind, service, in_person=True)
    if kind == "hours" and service is not None:
        # 晚上能办吗: whether it can be done out of hours, which the plan's 7×24小时 clause says.
        clock = round_the_clock(service, services.values(), text)
        if clock is not None:
            return clock
    return missing_fact_answer(kind, service, services)


# --- amounts, against the evidence -----------------------------------------------------------

# How much money (to pay or to get), what share, how many.
# (钱一方, 钱一年: the money per unit; 钱一直拿不到 tells money owed, asking no amount.)
_MONEY = re.compile(r"多少钱|钱一(?:年|个|月|次(?!退)|天|周|期|亩|吨|度|平|户|方"
                    r"|件|份|套|张|本|项|人|共|般多少)|花多少|收多少|交多少|缴多少|付多少|给多少|补多少|奖多少|奖励多少"
                    r"|补贴多少|贴多少|补助多少|领多少|发多少|拿多少|得多少|贷多少|借多少|返多少|退多少"
                    r"|存多少|押多少|缴纳多少|交纳多少|罚多少|罚款(?:是|要|大概|一般)?多少|报销多少"
                    r"|多少万|几万|几千|收费标准|(?<=费)(?:用|是|大概|一般|要|收|交|一年|每年|一个?月|每月|一次"
                    r"|每次|一期|每期|一个人|每人|一人)*多少|金额|数额|额度"
                    r"|资金多少")
_RATE = re.compile(r"比例|利率|费率|利息|百分之|几成|多少个点|占比|份额")
# (好几个网点 tells, 多少个工作日 asks how long.) Counts are checked against the quoted clause
# only, as before: a count rarely has a noun the evidence could be searched for.
_COUNT = re.compile(r"(?<![好这那前头十])(?:几家|几个|几项|几人|几次)|多少(?:家|项|人|户|次)"
                    r"|多少个(?!工作日|自然日|月|小时|天)|多长|多高|多大")
# Amounts named by a noun of their own (保证金上限, 信用宽限期): the noun is what is asked.
_NAMED = re.compile(r"上限|下限|基数|宽限期|有效期|过渡期|观察期|考察期|缓冲期")
# A rate or a named amount is asked only with a word asking how much (比例是多少, 上限多高, 按什么
# 比例); 抽查比例会降吗 asks whether it falls, which the clause (降低抽查比例) answers.
_HOW_MUCH = re.compile(r"多少|几|多高|多大|多低|多长|怎么算|咋算|怎么定|怎么收|按什么|按啥|什么比例"
                       r"|啥比例|是什么|是啥|最高|最低|最多|最少|标准|百分之")
# … of which a span of time is asked (宽限期多长时间, 有效期几年), whatever its how-long words.
_NAMED_SPAN = re.compile(r"(?:宽限期|有效期|过渡期|观察期|考察期|缓冲期)"
                         r"(?=\w{0,4}(?:多久|多长|几[天年月]|多少天|是几|是多少))")
# A figure of each kind. Free counts as an amount of money: 电子发票免费 answers 要多少钱.
_MONEY_FIGURE = re.compile(rf"\d+(?:\.\d+)?\s*(?:万元|元|万|亿元|亿|[%％])|{FREE_WORDS}"
                           r"|零投资|零成本|零费用")
_RATE_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*[%％‰]|百分之")
_ANY_FIGURE = re.compile(r"\d+(?!\d*\s*年)")
# What is left of the asked thing once the amount words go: 最多交, 一个月, 能贷 say how, not what.
_HOW = re.compile(r"(?:是|要|得|能|可以|大概|大约|一般|一共|总共|最多|最高|最低|至少|每个?月"
                  r"|一个?月|每年|一年|每人|一个人|每个人|一人|每家|一家|给|交|缴|付|收|补|奖|领|发"
                  r"|贷|借|拿|得|花|返|退|有|的|了|呢|吗)+$")
_MEASURE = re.compile(r"(?:比例|利率|费率|标准|额度|金额|数额|上限|基数|份额|占比|费用|价格|钱)$")
# The measure a rate or limit question names, itself a word of the clause that states it.
_MEASURE_WORD = re.compile(r"比例|利率|费率|占比|份额|上限|下限|基数|宽限期|有效期|过渡期|观察期"
                           r"|考察期|缓冲期")
_PART = re.compile(r"[，,、：:（）()]")
# An amount named by its noun alone (金额, 额度) with a word of publishing: whether it is made
# known is asked, which a clause answers (在招标采购文件中公开采购项目预算金额).
_AMOUNT_NOUN = re.compile(r"金额|数额|额度")
_DISCLOSED = re.compile(r"公开|公示|公布|透明")
HEAD_MIN = 2  # characters: one alone (费) says nothing of what is asked
# A generic noun after the thing asked (工程项目, 货物类, 服务方面): the clause names the thing
# itself (400万元以下的工程), so the head is matched without it too.
_GENERIC_TAIL = re.compile(r"(?:的)?(?:项目|类的|类|方面|部分|这块|那块)$")


def amount_asked(text: str) -> tuple[str, re.Pattern[str]] | None:
    """The amount a question asks for: (what it is of, the figure that would answer it), or
    None. How long and by when have their own answers (the time limits)."""
    norm = strip_filler(normalize(text))
    span = _NAMED_SPAN.search(norm)
    if span:
        # 信用宽限期是多长时间 asks a span of its own (the 宽限期), not how long the service
        # takes: the service's time limit (信用修复 3日内) is not the figure asked for.
        return _head(norm[:span.end()]), _ANY_FIGURE
    if decisive_question_type(norm) in ("ask_due_date", "ask_time_limit"):
        return None
    for cue, figure in ((_MONEY, _MONEY_FIGURE), (_RATE, _RATE_FIGURE), (_NAMED, _ANY_FIGURE),
                        (_COUNT, _ANY_FIGURE)):
        found = cue.search(norm)
        if found and cue in (_RATE, _NAMED) and not _HOW_MUCH.search(norm):
            continue  # 抽查比例会降吗, 能不能给个宽限期: whether, not how much
        if found and _AMOUNT_NOUN.fullmatch(found.group(0)) and _DISCLOSED.search(norm):
            return None  # 预算金额会公开吗 asks whether it is published, not how much
        if found and cue is _COUNT and _count_told(normalize(text)):
            continue  # 几个分店的许可信息要变更，每家都要跑吗: several told, the question elsewhere
        if found:
            named = cue is _RATE or cue is _NAMED
            return _head(norm[:found.start()] + (found.group(0) if named else "")), figure
    return None


_PIECES = re.compile(r"[^，,。？?！!；;\s]+")
_YES_NO_ASKED = re.compile(r"吗|呢|能不能|可不可以|要不要|是不是")
_TOLD_AFTER = 4  # characters after the count in its clause: 几个分店的食品许可… tells on


def _count_told(norm: str) -> bool:
    """The count word says "several" of a thing its clause goes on to tell of (几个分店的食品许可
    信息要变更), in a clause asking nothing else, while a later clause asks (每家都要跑一趟现场吗).
    能办几个事项 / 公司能开几个分店吗 ask the count."""
    count = _COUNT.search(norm)
    if count is None:
        return False
    own = next((m for m in _PIECES.finditer(norm) if m.start() <= count.start() < m.end()), None)
    if own is None or own.end() - count.end() < _TOLD_AFTER \
            or QUESTION_CUE.search(own.group(0).replace(count.group(0), "")):
        return False
    # The question follows what is told of the several (…每家都要跑吗); one asked before it (是不是
    # 还得交房产证 几个连锁店的食品证也要改) leaves the count to the amount reading.
    return any(_YES_NO_ASKED.search(m.group(0)) for m in _PIECES.finditer(norm)
               if m.start() >= own.end())


def _head(before: str) -> str:
    """The thing asked about: the words just before the amount cue (投标保证金最多交 → 投标保证金,
    融资担保费补助比例 → 融资担保费补助)."""
    rest = _HOW.sub("", re.split(r"[\s，,。？?！!；;]", before)[-1])
    return _MEASURE.sub("", rest) or rest


def _task_clauses(service: ServiceOut) -> list[tuple[int, Clause]]:
    """The clauses of the plan's tasks the service cites, each with its task number."""
    plan = tasks()
    return [(n, c) for n in service_tasks(service) if n in plan for c in plan[n].clauses]


def _parts(service: ServiceOut) -> list[str]:
    """Comma-separated parts of the service's tasks' clauses and of its catalog facts."""
    texts = [c.text for _, c in _task_clauses(service)]
    texts += [f.text for f in (*service.fees, *service.materials, *service.notes)]
    return [p for t in texts for p in _PART.split(t) if p]


def amount_stated(service: ServiceOut, head: str, figure: re.Pattern[str],
                  measure: str = "") -> bool:
    """Whether a part of the service's evidence carries a figure of the asked kind and names
    `head` (its last two to four characters: 保证金 of 投标保证金; any part when `head` is "")
    or the asked measure itself (比例 for 保证金按啥比例交: 收取比例低于2%)."""
    core = _GENERIC_TAIL.sub("", head)
    core = core if len(core) >= HEAD_MIN else head  # 工程项目 → 工程; 项目 alone stays
    heads = {h[-n:] for h in {head, core} for n in range(HEAD_MIN, min(len(h), 4) + 1)} or {""}
    if measure:
        heads.add(measure)
    return any(figure.search(p) and any(h in p for h in heads) for p in _parts(service))


def _besides_service(service: ServiceOut, head: str) -> str:
    """The asked thing without the service's own name or alias: 开公司刻章 → 刻章, and "" when
    the question asks about the service as a whole (办营业执照, 失业金)."""
    ends = [head.rfind(n) + len(n) for n in (service.name, *service.aliases) if n and n in head]
    if ends:  # what follows the last naming of the service (政府的担保公司: nothing)
        head = head[max(ends):]
    rest = _HOW.sub("", re.sub(r"^(?:办|办理|申请|开|做|弄|搞|的)+", "", head))
    return rest if len(rest) >= HEAD_MIN else ""


# Answers that already say the plan states no such figure.
_SAYS_NOT_STATED = ("utter_no_fee", "utter_fee_unstated", "utter_not_in_plan",
                    "utter_not_in_plan_general")
# Answers that might state the amount asked (the plan's own figure, a quoted clause), or answer
# another question in its place (a time limit for 失业金一个月发多少).
_MAY_STATE_AMOUNT = ("utter_fee", "utter_fee_free", "utter_fee_waived", *QUOTING_RESPONSES,
                     "utter_overview", "utter_channel", "utter_department", "utter_materials",
                     "utter_no_materials", "utter_time_limit", "utter_no_time_limit")


# How many people (专属团队一共有几个人, 每个县配了几个辅导员, 窗口工作人员有几个): asked, not told
# (我们几个人合伙开的 tells who), so at the end of a clause or with 一共 / 配 / 有 before it.
_PEOPLE = r"(?:人|名|位|个人|工作人员|员工|法官|律师|[\u4e00-\u9fff]{0,5}员(?!工|会))"
_STAFF = r"(?:人员|工作人员|员工|法官|律师|人手|[\u4e00-\u9fff]{1,5}员(?!工|会))"
_STAFF_COUNT = re.compile(
    rf"(?:一共|总共|共|有|配了?|配备了?|安排了?|设了?)(?:几|多少)(?:个|名|位)?{_PEOPLE}"
    rf"(?=[啊呀呢吗？?，,。！!；;\s]|$)"
    # the people named first (窗口的工作人员有几个, 调解员一共多少个)
    rf"|{_STAFF}(?:一共|总共|共|都)?(?:有|配了?|配备了?)?(?:几|多少)(?:个|名|位)?"
    rf"(?:啊|呀|呢|吗)?(?=[？?，,。！!；;\s]|$)"
    rf"|(?<![我们咱俺他她好这那])(?:几|多少)(?:个|名|位)?{_PEOPLE}(?:啊|呀|呢|吗)?(?=[？?，,。！!；;\s]|$)"
    r"|人数(?:是|有)?(?:多少|几)|多少(?:个)?(?:人手|编制)")
# A count of people a clause states (三名以上公证员).
_PEOPLE_FIGURE = re.compile(r"(?:\d+|[一二三四五六七八九十两百千]+)\s*(?:名|位|人(?!民))")


def staff_count_asked(text: str) -> bool:
    norm = normalize(text)
    found = _STAFF_COUNT.search(norm)
    # 多少个工作日 / 几个事项 count days or matters, not people
    return bool(found) and not re.search(r"工作日|事项|项目|窗口$", found.group(0))


def unstated_staff(service: ServiceOut, text: str) -> Answer | None:
    """A staff count asked (专属团队有几个人) that no clause of the service's tasks states: the
    plan does not say how many people; the lead unit and 12345. None otherwise."""
    if not staff_count_asked(text):
        return None
    if any(_PEOPLE_FIGURE.search(p) for p in _parts(service)):
        return None  # 三名以上公证员: the quoted clause states it
    return not_in_plan_answer("staff", service)


def unstated_amount(service: ServiceOut, text: str, answer: Answer) -> Answer | None:
    """The plain "not stated, ask here" answer to an amount question whose figure the service's
    evidence does not hold; None when the answer may stand."""
    staff = unstated_staff(service, text)
    if staff is not None:
        return staff
    asked = amount_asked(text)
    if asked is None:
        return None
    head, figure = asked
    kind = "money" if figure is _MONEY_FIGURE else "amount"
    if figure is _ANY_FIGURE and not _NAMED.search(normalize(text)):
        return amount_not_stated(service, text, answer)  # a count: as the quote has it
    if answer.response in _SAYS_NOT_STATED or answer.needs_condition:
        if answer.response in ("utter_no_fee", "utter_fee_unstated") and not _pays(text):
            return _plain(service, answer, "amount")  # 失业金能领多少: no fee, an amount
        return None
    if answer.response not in _MAY_STATE_AMOUNT:
        return None
    # 费率补助, 利率补贴: the rate is what the subsidy is of, the subsidy is what is asked — the
    # rate's own figure (费率控制在1%以内) does not answer how much is subsidised.
    measure = next(iter(_MEASURE_WORD.findall(_OF_A_GRANT.sub("", normalize(text)))), "")
    head = _besides_service(service, head)
    if not amount_stated(service, head, figure, measure):
        return _plain(service, answer, kind)  # 刻章要多少钱, 失业金一个月发多少
    if head:
        return None
    if answer.response in ("utter_fee_free", "utter_fee_waived") and _pays(text):
        # 办营业执照要花多少钱: what the plan makes free (税务Ukey、电子发票) is not the whole
        # service — the plan sets no fee standard, and says only that much.
        answer.response = "utter_fee_unstated"
        return answer
    return amount_not_stated(service, text, answer)


# A measure word naming what a grant is of (费率补助, 利率补贴, 比例奖励).
_OF_A_GRANT = re.compile(r"(?:比例|利率|费率|占比|份额|上限|基数)"
                         r"(?=的?(?:补助|补贴|奖补|奖励|资助|贴息))")


# Paying (收费, 要交多少) rather than getting (补贴, 能领多少).
_GETS = re.compile(r"补|奖|领|发|贷|借|返|退|给|资助|安家|工资|赔|基数|利息|利率|报销")


def _pays(text: str) -> bool:
    return not _GETS.search(normalize(text))


def _plain(service: ServiceOut, answer: Answer, kind: str) -> Answer:
    plain = not_in_plan_answer(kind, service)
    if kind in PRICE_KINDS and missing_fact_item(kind, service) != service.citation.item:
        return plain  # a charge: the clause of the service's charges, not the answer's quote
    if answer.card and plain.card and answer.card.get("citation"):
        plain.card["citation"] = answer.card["citation"]
        plain.variables["item"] = str(answer.card["citation"].get("item",
                                                                  plain.variables["item"]))
        with_basis(plain.variables, [])  # 事项依据 names the clause the card quotes
    return plain


# --- lists, against the evidence --------------------------------------------------------------

# Which ones, item by item (具体是哪些, 有哪几项, 列一下) …
_WHICH_ONES = re.compile(r"具体(?:是|有|包括|包含)?(?:哪些|哪几|什么|啥)"
                         r"|(?:有|是|包括|包含|都是)哪(?:些|几)|哪几[项个种类样家条]|列(?:一下|出来|个|给我|举)|都(?:有|包括|是)(?:什么|啥|哪些)"
                         # a letter's 请列明/请提供…具体条目, an older speaker's 写了哪些…念念
                         r"|列明|具体(?:条目|事项|内容|名单|项目)|(?:写|列|规定)了?(?:哪些|什么|啥)"
                         r"|念(?:念|一念|一下|给我)")
# … of a list the plan may give only by its name or its size (“免申即享”清单, 15个事项).
# (15个事: a voice message drops the 项.)
_A_LIST = re.compile(r"清单|名单|目录|名录|名册"
                     r"|\d+(?:个|项|件)[^，,。？?！!；;]{0,5}?(?:事项?|政策|项目|服务)"
                     r"|(?:十几|几十|二十几)(?:个|项|件)[^，,。？?！!；;]{0,5}?(?:事项?|政策|项目|服务)"
                     r"|(?:那|这)些[^，,。？?！!；;]{0,6}?(?:事项|事情|政策)"
                     r"|哪(?:些|几项|几个)(?:事项|政策)")
# A clause that lists the items of such a list: "包括A、B" / "A、B、C等N个事项" after or before
# the list's noun (a clause naming channels, 网站、终端和小程序, lists no 事项).
_LISTING = r"(?:包括|包含|含|如|即|涵盖|[：:])[^。；;]*?[、“]"
_LIST_NOUN = re.compile(r"清单|名单|目录|名录|名册|事项|政策|项目|服务")


def unlisted(service: ServiceOut, text: str, answer: Answer) -> Answer | None:
    """具体是哪些 / 列一下 of a list the service's clauses name (or count) without its items:
    the plan does not list them — say so and where to ask, instead of quoting the count again.
    None when no such list is asked or a clause about it enumerates items."""
    norm = normalize(text)
    if not (_WHICH_ONES.search(norm) and _A_LIST.search(norm)):
        return None
    if answer.response not in _MAY_STATE_AMOUNT:
        return None
    nouns = set(_LIST_NOUN.findall(norm))
    plan = tasks()
    clauses = [c.text for n in service_tasks(service) if n in plan for c in plan[n].clauses]
    for noun in nouns:
        listed = re.compile(rf"{noun}[^。；;]{{0,6}}{_LISTING}"
                            rf"|、[^。；;、]{{0,20}}等\d*[个项类]?{noun}")
        if any(listed.search(c) for c in clauses):
            return None
    if answer.response == "utter_detail" and answer.variables.get("quotes"):
        # The quote says what the plan does state (15个事项可办理); then that it lists no items.
        answer.variables["quotes"] += render("utter_tail_unlisted",
                                             {"ask_unit": ask_unit(service)})
        return answer
    return _plain(service, answer, "list")


# --- a material list, against the quoted clauses ----------------------------------------------

# A clause that says something of the materials (材料一次提交, 免于提交证明, 容缺受理, 申请书).
_OF_MATERIALS = re.compile(r"材料|资料|证明|证照|证件|申请书|要件|表格|容缺|免交|免于提交|免提交")


def unlisted_materials(service: ServiceOut, question: str, text: str,
                       answer: Answer) -> Answer | None:
    """要交哪些材料 answered by a quote about something else (联合验收's 第92条 names the
    专项验收, no material): the plan lists no materials — the plain "no material list, ask the
    window" answer instead. None when the quote speaks of materials, or no list is asked."""
    if (question not in ("materials", "overview", "policy", "howto") or service.materials
            or answer.response not in QUOTING_RESPONSES or not asks_material_list(text)):
        return None
    quoted = [e.get("text", "") for e in (answer.card or {}).get("evidence", [])]
    quoted += [answer.variables.get(k, "") for k in ("quotes", "policy", "howto")]
    if not any(_OF_MATERIALS.search(q) for q in quoted):
        return compose(service, "materials", text=text)
    if any(_LISTS_MATERIALS.search(part) for q in quoted for part in _CLAUSE_PARTS.split(q)
           if _OF_MATERIALS.search(part)):
        return None
    # 梳理…申报所需材料，实现网上申报 speaks of the materials but names none: what it says
    # stands, then that the plan lists no materials, and where to ask.
    key = next((k for k in ("quotes", "policy") if answer.variables.get(k)), None)
    if key is not None:
        answer.variables[key] = answer.variables[key].rstrip("。") + render(
            "utter_tail_unlisted_materials", {"ask_unit": ask_unit(service)})
    return answer


# A clause part that names materials one by one (身份证、营业执照; 包括申请书…; 如：…).
_LISTS_MATERIALS = re.compile(r"、|包括|包含|如[：:]|[：:]|以下")
_CLAUSE_PARTS = re.compile(r"[，,；;。]")


# --- a time limit for another step than the one the plan's limit is for ----------------------

# Steps a business waits for that are not the service's own handling: when the court sits, the
# money arrives, the case ends. 网上立案 7日 is the 审核, not 开庭; 失业金 5个工作日 is 审核办结,
# not 到账. A step the service's clauses name (3日内删除…) is its limit's own.
_STEPS = re.compile(r"开庭|宣判|判决|结案|审结|到账|拨付|放款|下款|退还|退款|返还|退回来|兑现"
                    r"|执行完|执行到位|回款|赔付|发放|开工|投产|判下来|判出来|判完|审完|出判决")
# … asked right by the how-long words (多久能开庭, 几天能到账, 审结要多久): 履行完判决了，失信信息
# 多久删 tells of the 判决 and asks about the 删除.
_HOW_LONG = r"(?:多久|多长时间|几天|多少天|几个工作日|多少个?工作日)"
_ASKED_STEP = re.compile(
    rf"{_HOW_LONG}(?:以内|之内|内)?(?:能|可以|才能|会|就能|就|才|可)?(?P<after>{_STEPS.pattern})"
    rf"|(?P<before>{_STEPS.pattern})(?:要|需要|得|大概|一般|能)*{_HOW_LONG}")
_LIMIT_ANSWERS = ("utter_time_limit", "utter_overview")


def unstated_step(service: ServiceOut, text: str, answer: Answer) -> Answer | None:
    """网上立案以后多久能开庭: a how-long question about a step the service's time limit is not
    for, which no clause of its tasks names — the plan does not state it; say what it does state
    (the limit and its 第N条) and where to ask. None otherwise."""
    norm = normalize(text)
    if (answer.response not in _LIMIT_ANSWERS
            or decisive_question_type(norm) not in ("ask_due_date", "ask_time_limit")):
        return None
    asked = _ASKED_STEP.search(norm)
    if asked is None:
        return None
    step = asked.group("after") or asked.group("before")
    plan = tasks()
    if any(step in plan[n].text for n in service_tasks(service) if n in plan):
        return None
    stated = answer.variables.get("plan_quote", "").lstrip("：")
    plain = not_in_plan_answer("amount", service)
    item = (answer.card or {}).get("citation", {}).get("item", service.citation.item)
    plain.variables["missing"] = render("utter_missing_step_limit", {
        "step": step, "stated": stated or "办理时限", "item": str(item)})
    plain.variables["item"] = str(item)
    return plain


# --- a year of the plan its tasks set no target for --------------------------------------------

_DEADLINE_YEAR = re.compile(r"(20\d\d)年(?:底|末|前|内|年底)?")


def unstated_year(service: ServiceOut, text: str, answer: Answer) -> Answer | None:
    """2024年底用地审批要压缩到几天: a year of the plan's period asked about, where the service's
    tasks set targets for other years only (到2023年底 …、到2025年底 …): the plan states nothing
    for that year — say so, naming the years it does, and where to ask. None when the tasks name
    no year at all (their figure holds throughout) or name the year asked."""
    norm = normalize(text)
    # The year of the question clause, where one names it: a year told beside it is the plan's
    # known target (2025年底要全通，那2024年底呢 asks of 2024 only).
    asked = [y for y in (_question_years(norm) or map(int, _YEAR.findall(norm)))
             if y in PLAN_YEARS]
    if not asked or not (answer.response in _MAY_STATE_AMOUNT or answer.needs_condition):
        return None
    plan = tasks()
    stated = sorted({int(y) for n in service_tasks(service) if n in plan
                     for y in _DEADLINE_YEAR.findall(plan[n].text)})
    if not stated or any(y in stated for y in asked):
        return None
    plain = _plain(service, answer, "year")
    # The year asked is not repeated: a year no cited task states would read as the plan's.
    plain.variables["missing"] = render("utter_missing_year_target", {
        "years": "、".join(f"{y}年底" for y in stated)})
    return plain


# --- free only for a case the question is not ----------------------------------------------

# A clause that makes something free only for a case it names: the first time (首次申领…免费),
# a new business (新开办企业…免费), a first set or loan (首套, 首笔). The qualifier before the
# free word in one comma-part.
_FIRST_TIME = r"首次|首笔|首套|首台|初次|第一次"
_NEW_FIRM = r"新开办|新设立|新设|新办|新注册|新成立"
_QUALIFIER = re.compile(rf"{_FIRST_TIME}|{_NEW_FIRM}")
_FREE_WORD = re.compile(FREE_WORDS)
# A case outside each qualifier, as a question states it: again or a replacement (补办, 再次,
# 换新, 第二次, 重新申领, 丢了) against the first time; a business that is not new against 新开办.
# (再多领一个, 多领一个给会计用, 第二个: one more besides the first.)
_REPEAT_CASE = re.compile(r"补办|补领|补发|再次申领|再次|再办|再申请|再领|换新|换领|更换"
                          r"|再多(?:领|要|申领|申请|办)|多领|另领|第[二三四五两]个"
                          r"|第[二三四五两]次|重新(?:申领|申请|办|领|开)")
# What befell the first one (丢了, 坏了, 过期): a repeat too, asked as 补办.
_REPEAT_STATE = re.compile(r"遗失|丢失|损坏|[坏丢]了|过期|失效")
_OLD_FIRM = re.compile(r"老企业|存量企业|成立(?:了)?(?:好|多|几|\d+)年|开了(?:好|多|几|\d+)年"
                       r"|已经(?:开了|成立|营业)")
_FREE_ANSWERS = ("utter_fee_free", "utter_fee_waived", *QUOTING_RESPONSES)


def _outside_case(qualifier: str, norm: str) -> str | None:
    """The case the question states that the qualifier leaves out (补办 for 首次), or None."""
    if not re.fullmatch(_FIRST_TIME, qualifier):
        found = _OLD_FIRM.search(norm)
        return "已开办的企业" if found else None
    found = _REPEAT_CASE.search(norm)
    return found.group(0) if found else "补办" if _REPEAT_STATE.search(norm) else None


def _free_clauses(service: ServiceOut, answer: Answer) -> list[tuple[str, int]]:
    """The clauses the answer rests on (the fee facts, the quoted evidence), with their task."""
    quoted = [(e.get("text", ""), int(e.get("item") or 0))
              for e in (answer.card or {}).get("evidence", [])]
    return [*((f.text, f.item or service.citation.item) for f in service.fees), *quoted]


def qualified_free(service: ServiceOut, text: str, answer: Answer) -> Answer | None:
    """税务Ukey补办要钱吗 answered 免费 from 首次申领…免费: the plan makes only that case free
    and says nothing of the fee for the one asked — say so, quoting the clause with its 第N条,
    and where to ask. None when no fee is asked, the answer says no free, or the question's
    case is the qualified one."""
    norm = normalize(text)
    if answer.response not in _FREE_ANSWERS:
        return None
    # 申领 is no getting money: the fee cue decides; an amount asked must be one paid.
    if not ("ask_fee" in (question_type(norm), decisive_question_type(norm))
            or (amount_asked(text) and _pays(text))):
        return None
    for clause, item in _free_clauses(service, answer):
        for part in re.split(r"[。；;]", clause):
            for head in re.split(r"[，,]", part):
                free = _FREE_WORD.search(head)
                qualifiers = _QUALIFIER.findall(head[:free.start()]) if free else []
                for qualifier in qualifiers:  # 新开办企业首次申领: 首次 leaves out 补办
                    case = _outside_case(qualifier, norm)
                    if case:
                        return _free_only_for(service, answer, part.strip("，, "), item,
                                              qualifier, case)
    return None


def _free_only_for(service: ServiceOut, answer: Answer, quote: str, item: int,
                   qualifier: str, case: str) -> Answer:
    plain = _plain(service, answer, "money")
    plain.response = "utter_not_in_plan_general"  # the case asked is its subject, not the service
    plain.variables["item"] = str(item)
    plain.variables["missing"] = render("utter_missing_free_only_for", {
        "case": case, "item": str(item), "quote": quote, "qualifier": qualifier,
        "ask_unit": ask_unit(service)})
    if plain.card:
        plain.card["citation"] = cited_clause(service, item)
    return plain


# --- a case the figure's own clause leaves out ---------------------------------------------------

# 除重大工程建设项目外，政府投资项目审批时间控制在55个工作日以内: the clause's figure is not for
# the case it excepts.
_EXCEPT = re.compile(r"除(?P<case>[^，,。；;、]{2,16}?)(?:以)?外")


def excluded_case(service: ServiceOut, text: str, answer: Answer) -> Answer | None:
    """A question about the very case a clause of the service excepts from its figure (重大工程
    建设项目的审批时间): the plan sets no figure for it — say so with the clause's 第N条 and where
    to ask, not the figure of the other cases nor "which kind are you?". None otherwise."""
    norm = normalize(text)
    if (decisive_question_type(norm) not in ("ask_due_date", "ask_time_limit")
            and amount_asked(text) is None):
        return None  # 重大工程建设项目有协调机制吗 asks no figure
    for n, clause in _task_clauses(service):
        for m in _EXCEPT.finditer(clause.text):
            case = m.group("case")
            if normalize(case) in norm:
                plain = _plain(service, answer, "amount")
                plain.variables["missing"] = MISSING_FACT["excepted"].format(case=case, item=n)
                if plain.card:
                    plain.card["citation"] = cited_clause(service, n)
                return plain
    return None


# A kind of a matter, the two characters before its head word (更正登记, 抵押登记, 一般登记).
_KIND = re.compile(r"([\u4e00-\u9fff]{2})(登记|审批|许可|查验|注销)")
# A clause's 一般登记 covers every ordinary kind (首次, 转移/过户, 变更, 注销登记); only the special
# registrations of the 不动产登记暂行条例 stand outside it.
_GENERAL = "一般"
_SPECIAL = frozenset({"更正", "异议", "预告", "查封"})


def _kinds(text: str, head: str) -> dict[str, None]:
    """The kinds of `head` the text names, in the order written (an ordered set)."""
    return dict.fromkeys(m.group(1) for m in _KIND.finditer(text) if m.group(2) == head)


def other_kind(service: ServiceOut, text: str, answer: Answer) -> Answer | None:
    """不动产更正登记和异议登记要几个工作日: the limit's clause names the kinds it sets the days
    for (一般登记和抵押登记5个工作日内办结), and the question asks only of kinds it does not name:
    the plan sets no limit for them — say so with the clause's 第N条, not its 5个工作日. None when
    no limit is asked, the clause names no kinds, or the question asks of one it names."""
    norm = normalize(text)
    if decisive_question_type(norm) not in ("ask_due_date", "ask_time_limit"):
        return None
    for limit in service.time_limits:
        clause = next((c for n, c in _task_clauses(service)
                       if n == limit.item and limit.amount and str(limit.amount) in c.text), None)
        if clause is None:
            continue
        for head in {m.group(2) for m in _KIND.finditer(clause.text)}:
            named = _kinds(clause.text, head)
            # The service's own name (不动产登记 → 动产) is no kind asked.
            own = {k for n in (service.name, *service.aliases) for k in _kinds(normalize(n), head)}
            asked = [k for k in _kinds(norm, head) if k not in own]
            if len(named) < 2 or not asked or set(asked) & set(named):
                continue
            if _GENERAL in named and not set(asked) <= _SPECIAL:
                continue  # 过户登记几天: an ordinary kind, which 一般登记's days cover
            plain = _plain(service, answer, "amount")
            plain.variables["missing"] = MISSING_FACT["other_kind"].format(
                case="、".join(f"{k}{head}" for k in asked), item=limit.item,
                kinds="、".join(f"{k}{head}" for k in named))
            if plain.card:
                plain.card["citation"] = cited_clause(service, limit.item)
            return plain
    return None


# --- faster than the time limit ----------------------------------------------------------------

# 能不能当天办完, 有没有加急通道, 是不是比5个工作日还快了: a way faster than the limit asked for.
_FASTER = re.compile(r"当天|当日|当场|立等|马上(?:就)?(?:能|可以)?(?:办|拿|出|领)|即办|加急|急件"
                     r"|(?:比|还)\w{0,8}?(?:还|更)快|更快|提前(?:办|拿|出|领)")
# … which the service's own clauses state (当日受理, 接诉即办): then they answer it.
_FAST_STATED = re.compile(r"当日|当天|即办|立等|加急|当场")


def faster_than_limit(service: ServiceOut, text: str, answer: Answer) -> Answer | None:
    """能不能当天办完 of a service whose limit is days: the plan commits to the limit, not to a
    same-day or rushed service — say so, with the limit's 第N条 and where to ask. None when no
    such way is asked, the service has no time limit, or its clauses state one (当日受理)."""
    norm = normalize(text)
    if not service.time_limits or not _FASTER.search(norm) or not QUESTION_CUE.search(norm):
        return None
    if any(_FAST_STATED.search(c.text) for _, c in _task_clauses(service)):
        return None
    item = service.time_limits[0].item or service.citation.item
    plain = _plain(service, answer, "amount")
    plain.variables["missing"] = MISSING_FACT["faster"].format(item=item)
    return plain


# --- a figure heard and asked to confirm -------------------------------------------------------

# Hearsay put to the assistant (听说…对吗, 他说…真的假的, 要多交200块，是这样吗): the asker
# states the figure; the assistant confirms only what the plan states.
_HEARSAY = re.compile(r"听说|听人说|有人说|据说|说是|传言|网上说|[他她]们?说|朋友说|亲戚说"
                      r"|真的假的|真的吗|真的么|是真的|对吗|对不对|对吧|是吗|是这样吗|是不是这样"
                      r"|没错吧|靠谱吗|属实吗|有这回事|有这事")
# A figure a business would act on, as said (3.2%, 200块, 1个工作日, 50万). A year (2024年) and a
# numbered ask (1. …) are none.
_CLAIMED = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(个工作日|工作日|个自然日|个小时|小时|天"
                      r"|日(?!前|后)|个月|万元|元|块钱?|万|%|％)")
_DIGITS = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


def claimed_figures(text: str) -> list[str]:
    """The figures a question puts forward to be confirmed (听说利率是3.2%对吗 → ["3.2"]); []
    when it states none or asks nothing of one."""
    norm = normalize(text)
    if not _HEARSAY.search(norm):
        return []
    return [m.group(1) for m in _CLAIMED.finditer(norm)]


def unconfirmed_claim(service: ServiceOut, text: str, answer: Answer) -> Answer | None:
    """A figure heard (听说贷款利率是3.2%对吗) that no clause of the service's tasks and no catalog
    fact states: the plan does not say so, and where to ask — never an answer that could be read
    as a yes. None when every figure put forward is the plan's own (听说3个工作日就能办完？)."""
    claims = claimed_figures(text)
    if not claims or answer.needs_condition:
        return None
    evidence = " ".join([*_parts(service), *(str(t.amount) for t in service.time_limits)])
    stated = set(_DIGITS.findall(normalize(evidence).replace("12345", "")))
    if all(c in stated for c in claims):
        return None
    return _plain(service, answer, "claim")


# --- how long, of a matter with no time limit, answered by a quote ----------------------------

# A handling span a clause states (5个工作日, 3日内, 24小时); a target date (到2025年底) is none.
_SPAN = re.compile(r"\d+\s*(?:个工作日|工作日|小时|天|日|个月)")
_ASKS_HOW_LONG = re.compile(rf"{_HOW_LONG}|几个月|多少日|多少时间|要多长")


def no_limit_quoted(service: ServiceOut, text: str, answer: Answer) -> Answer | None:
    """多少个工作日能拿到 of a matter the plan sets no time limit for, answered by a quote of
    its clause (the scope of 小型低风险项目): say first that the plan sets no time limit for it,
    then what its clause does say with 第N条, and where to ask. None when the service has a time
    limit, the quote is another service's, or the quote states a span (which it answers with)."""
    if (service.time_limits or answer.response not in QUOTING_RESPONSES
            or not _ASKS_HOW_LONG.search(normalize(text)) or asks_frequency(text)
            or (answer.card or {}).get("slug", service.slug) != service.slug):
        return None
    quoted = answer.variables.get("quotes") or answer.variables.get("policy", "") \
        or answer.variables.get("howto", "")
    if not quoted or _SPAN.search(re.sub(r"第\d+条", "", quoted)):
        return None
    plain = compose(service, "time_limit", text=text)
    if plain.response != "utter_no_time_limit":
        return None
    said = quoted.rstrip("。")
    if "第" not in said:  # a field's quote (policy, howto): its task's number
        said += f"（第{answer.variables.get('item', service.citation.item)}条）"
    plain.variables["extra"] = render("utter_extra_no_limit_quoted", {
        "service_name": service.name, "said": said, "ask_unit": ask_unit(service)})
    if plain.card and answer.card:
        plain.card["citation"] = answer.card.get("citation", plain.card.get("citation"))
        plain.card["evidence"] = answer.card.get("evidence", [])
    return plain


# --- a term the plan names but does not explain ----------------------------------------------

def unexplained_term(service: ServiceOut, text: str, answer: Answer) -> Answer | None:
    """166执行工作模式是啥意思 answered by the clause that only names the term (用好“166执行工作
    模式”): what the clause says stands, then that the plan does not say what the term means,
    and where to ask. None when no meaning is asked, or the clause explains the term."""
    norm = normalize(text)
    if answer.response != "utter_detail" or not asks_meaning(text):
        return None
    clauses = [e.get("text", "") for e in (answer.card or {}).get("evidence", [])]
    told = {t.group(1) for c in clauses for t in TERM.finditer(c) if explains(c, t)}
    for clause in clauses:
        for term in TERM.finditer(clause):
            if normalize(term.group(1)) in norm and term.group(1) not in told:
                answer.variables["quotes"] += render("utter_tail_unexplained_term", {
                    "term": term.group(1), "ask_unit": ask_unit(service)})
                return answer
    return None


# --- an amount asked in one line of a several-services answer --------------------------------

def unstated_in_line(service: ServiceOut, words: str, answer: Answer) -> Answer:
    """One line of a several-services answer quoting a clause for 一年安排多少钱: when the
    service's evidence states no figure of the kind asked, the line says so after its quote
    (and where to ask); otherwise it stands as it is."""
    asked = amount_asked(words)
    key = "quotes" if answer.variables.get("quotes") else "policy"
    if (asked is None or asked[1] is _ANY_FIGURE or answer.response not in QUOTING_RESPONSES
            or not answer.variables.get(key)):
        return answer
    head, figure = asked
    if amount_stated(service, _besides_service(service, head), figure):
        return answer
    kind = "money" if figure is _MONEY_FIGURE else "amount"
    answer.variables[key] = answer.variables[key].rstrip("。") + render(
        "utter_tail_unstated_in_line",
        {"missing": MISSING_FACT[kind], "ask_unit": ask_unit(service)})
    return answer


# Facts that one line of a several-services answer can say are not stated, each for its own
# service (水价 and 气价 asked together): the kinds about a service, not about a year or a person.
LINE_ABSENT = frozenset(("price", "address", "hours", "web", "phone"))


def absent_in_line(service: ServiceOut, kind: str) -> Answer:
    """One line of a several-services answer for a fact the plan does not hold: says so, with
    where to ask and the service's 第N条; no figure."""
    answer = not_in_plan_answer(kind, service)
    answer.response = "utter_line_not_in_plan"
    answer.variables.update(missing=MISSING_FACT[kind], ask_unit=ask_unit(service))
    return answer


# --- a specific fact of the quoted clause's matter: where, how often a year, what time --------

# Where a place is (产业学院在哪儿, 基地在什么地方), asked at the end of a clause: not where to
# apply (在哪办, 去哪申请), which a channel answers. The plan names places, never their address.
_WHERE_IS = re.compile(
    r"(?:学院|学校|院校|技校|园区|产业园|基地|中心|大厅|驿站|服务站|工作室|[站馆所港库点厂])"
    r"(?:具体)?(?:在|位于)(?:哪儿|哪里|哪|什么地方|啥地方|哪个地方|哪块儿?|哪搭|阿达)"
    r"(?=$|[\s，,。？?！!]|呢|啊|呀|吗|嘛)")
# How many a year or a month (一年招多少学生, 一年被抽查几回, 每月检查几次): the plan sets
# targets and rules, not a count per period.
_PER_PERIOD = re.compile(
    r"(?:一年|每年|一个?月|每个?月|一季度|每季度|一周|每周|一星期|每星期)"
    r"[^，,。？?！!；;\s]{0,8}?(?:几|多少)(?:回|次|趟|遍|名|人|个?[\u4e00-\u9fff]?生)")
# How often (多长时间抽检一回, 隔多久查一次, 几个月检查一遍): the plan sets what is checked, never
# a period between two checks.
_HOW_OFTEN = re.compile(
    r"(?:多长时间|多久|多少天|几个?月|几年|几天)[^，,。？?！!；;\s]{0,6}?[一1](?:回|次|趟|遍)")
_PERIOD_FIGURE = re.compile(r"\d+\s*(?:天|日|个?月|年)|每(?:年|季度?|月|周)")
# A clock time (延长到晚上几点, 几点以后能进城), not a time limit: the plan states none.
_CLOCK = re.compile(r"几点|几时几分|什么时间点|哪个时间点|啥时间点")
_CLOCK_FIGURE = re.compile(r"\d+\s*(?:点|时(?!间)|[:：]\d)")
_COUNT_FIGURE = re.compile(r"\d|[一二三四五六七八九十两百千万]+(?:名|个|次|回|人|批)")
SPECIFIC_MISSING = {"where": "具体地址", "per_period": "每年（每月）的具体次数或人数",
                    "clock": "具体几点", "how_often": "多长时间一次的具体频次"}


def unstated_specific(service: ServiceOut, text: str, answer: Answer) -> Answer | None:
    """产业学院在哪儿 / 一年被抽查几回 / 延长到晚上几点 answered by a quote of the clause about
    that matter, which names it without the fact asked (an address, a count per year, a clock
    time): what the clause says stands, then that the plan does not state that, and where to
    ask. None when no such fact is asked, the answer quotes nothing, or the quote states it."""
    if answer.response != "utter_detail" or not answer.variables.get("quotes"):
        return None
    norm = normalize(text)
    quoted = re.sub(r"第\d+条|12345", "", answer.variables["quotes"])
    if re.search(r"未(?:写明|列出)", quoted):  # a tail already says what is not stated
        return None
    missing = []
    if _WHERE_IS.search(norm):
        missing.append("where")
    if _PER_PERIOD.search(norm) and not _COUNT_FIGURE.search(quoted):
        missing.append("per_period")
    if _CLOCK.search(norm) and not _CLOCK_FIGURE.search(quoted):
        missing.append("clock")
    if _HOW_OFTEN.search(norm) and not _PERIOD_FIGURE.search(quoted):
        missing.append("how_often")
    if not missing:
        return None
    answer.variables["quotes"] = answer.variables["quotes"].rstrip("。") + render(
        "utter_tail_unstated_in_line",
        {"missing": "、".join(SPECIFIC_MISSING[k] for k in missing),
         "ask_unit": ask_unit(service)})
    return answer
