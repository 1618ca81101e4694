"""Which place a question is about: the assistant answers for 昌吉州 only.

The plan is 昌吉州's, so its figures say nothing about 北京 or 伊犁. A question naming another
region (and no place of 昌吉州) gets a polite "we cover 昌吉州, ask 12345" instead of 昌吉's
figures or candidate services. A list, not a model: place names are a closed set (places.py),
and a wrong guess here would withhold a true answer.
"""

from __future__ import annotations

import re

from services_catalog.normalize import normalize
from services_catalog.places import CITIES, DISTRICTS, ELSEWHERE, FOREIGN, PROVINCES, XINJIANG

# 昌吉州 itself, its 县市 and 园区. (这边 / 本地 are not here: said from 北京 they mean 北京.)
HOME = (
    "昌吉", "阜康", "呼图壁", "玛纳斯", "奇台", "吉木萨尔", "木垒", "准东", "高新区", "本州",
    "州内",
)
# A park of the other region (乌鲁木齐高新区, 兰州新区) is no place of 昌吉州.
_ITS_PARK = r"(?:高新区|经开区|开发区|新区|园区|自贸港|自贸区)?"
# Leaving for (or arriving from) another region is a 昌吉 procedure: 从新疆迁到陕西 税务怎么办
# is 税务迁移, 跨省通办 serves other provinces' businesses here. (一网通办 is a platform every
# region has: 上海浦东一网通办怎么弄 asks about 上海.)
_MOVING = re.compile(r"迁|搬|跨省|跨区域|跨地区|异地|(?<!一网)通办")
_OTHER = re.compile(f"(?:{'|'.join((*XINJIANG, *PROVINCES, *CITIES, *DISTRICTS))}){_ITS_PARK}")
_HOME = re.compile("|".join(HOME))
_FOREIGN = re.compile("|".join(FOREIGN))
# A foreign country named as a trade partner (出口到哈萨克斯坦, 往俄罗斯发货, 俄罗斯客户, 去中亚
# 投资建厂): the export, the claim or the outward investment is a 昌吉 procedure (第97、98、102条).
_TO_PARTNER = re.compile(r"(?:出口|发货|发往|运往|销往|卖|卖到|运到|发到|出口到|往|对|向|与|跟"
                         r"|和)$")
_PARTNER_AFTER = re.compile(r"^(?:的)?(?:客户|客商|买家|卖家|合作伙伴|合作方|合伙人|合资方|外方|"
                            r"供应商|进口商|采购商|"
                            # 做哈萨克斯坦边贸的: the trade itself, not that country's rules of it
                            r"边贸|外贸|生意|贸易(?!政策|法规|规定|法律|制度|壁垒|管制)|"
                            # 哈萨克斯坦那边有人想要货: a buyer there
                            r"那边(?:有人|有客户|的客户|的人|有个客户|有家公司)?[^，,。？?]{0,3}"
                            r"(?:要货|订货|进货|下单|采购|买货)|"
                            r"经销商|商人|老板|订单|货款|市场|公司(?!注册|开办|设立)|企业|出口|发货|"
                            r"投资|建厂|设厂|办厂|设立|设个|开个?(?:分公司|办事处|工厂)"
                            # 去阿拉木图建个分厂 / 在塔什干开一家工厂: an outward investment too.
                            r"|(?:建|设|办|开)(?:个|一个|一家|家|座|一座)?(?:分厂|工厂|厂|分公司|子公司"
                            r"|办事处|仓库|海外仓))")
# A country listed after a partner is a partner too (卖到哈萨克斯坦、俄罗斯去, 俄罗斯和哈萨克斯坦的
# 客户): the list is read from its first name to its last.
_LISTED_BEFORE = re.compile(f"(?:{'|'.join(FOREIGN)})(?:、|和|及|与|或者?|跟|还有|以及)$")
_LISTED_AFTER = re.compile(f"^(?:(?:、|和|及|与|或者?|跟|还有|以及)(?:{'|'.join(FOREIGN)}))+")
# … unless a later clause asks about there (往乌兹别克斯坦出口番茄酱，那边进口关税是多少).
_ABOUT_THERE = re.compile(r"那边|那里|那儿|当地|该国|他们(?:国家|那)|对方国家")
# A clause asking of here (政府这边能帮什么, 我们这边要办啥): the partner stays a partner.
_ASKS_HERE = re.compile(r"这边|这里|咱们?这|我们这|本地|政府|国内")
# An other region asked about in a clause of its own (杭州具体是怎么做到的, 托克逊县那边也可以吗):
# 昌吉 named in another clause only sets the scene or compares. (可以 alone is no question:
# 乌鲁木齐那边说可以.)
# 还得跑乌鲁木齐吗，昌吉本地能办吗: whether one must go there, asked from here.
_GOING = re.compile(r"(?:跑|去|到|赶到|跑到)(?:一?趟)?"
                    r"(?:[\u4e00-\u9fff]{2,5}(?:或者?|和|、|还是))?$")
_ASKS = re.compile(r"[?？吗呢么嘛]|怎|咋|啥|什么|哪|几|多久|多少|多长|能不能|能否|可不可以|"
                   r"有没有|是否|如何|一样不|([\u4e00-\u9fff])不\1")
# 昌吉 named only to compare with the region asked about (跟昌吉一样吗, 比昌吉低吗, 昌吉和喀什哪个
# 快, 昌吉是5天吧，喀什呢): the question is still about the other region.
_HOMES = f"(?:{'|'.join(HOME)})[州市县]?(?:的|那边|这边)?"
_CONTRAST = re.compile(
    rf"(?:跟|和|与|同|比|较|相比|对比|比起|相较于?)(?:我们|咱们|咱|俺们)?{_HOMES}"
    rf"|{_HOMES}(?=(?:跟|和|与|同|比|相比|对比|比起)(?:{_OTHER.pattern}))"
    # 昌吉是50个工作日那哈密呢: 昌吉's figure recalled to ask the other region's.
    rf"|(?<![在到去来]){_HOMES}(?=(?:是|要|才|只要|只需|需要|都是)?\d)")
# 昌吉 compared with it (昌吉的用电报装比乌鲁木齐快吗, 跟乌鲁木齐比昌吉…): the plan holds no
# figure of the other side, so no comparison either.
_COMPARED = re.compile(rf"(?:比|跟|和|与|同|比起|相比|对比)(?:{_OTHER.pattern})(?:的)?"
                       r"(?:比|相比|比较|一样|快|慢|高|低|多|少|便宜|贵|差不多|有什么(?:区别|不同)"
                       r"|区别|不同|有啥)")
# A clause that only recalls 昌吉's figure (昌吉是5天吧 / 昌吉的我知道 / 听说昌吉是3天，…呢).
# 听说 recalls only with a figure: 听说昌吉现在有商标受理窗口 asks about 昌吉.
_RECALLED = re.compile(r"吧$|我知道|听说.*(?:\d|[一二三四五六七八九十两半][个天日年月]|工作日)")
# A clause stating 昌吉's figure outright (昌吉说3日内删信息, 昌吉保证金上限是80万) recalls it too,
# when another clause names the other region: a figure of the kinds the plan sets, not a count
# of the caller's own (我在昌吉有3家店), in a statement, not a question about 昌吉 itself (在昌吉
# 3天能办完吗，我在哈密).
_STATED_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:个?工作日|个?自然日|日|天|小时|个月|万元?|元"
                            r"|[%％]|吨|平方米|千瓦)")
_ASKED_HERE = re.compile(r"[在到去来](?:" + "|".join(HOME) + r")|吗|呢|能不能|可以|多少|几|啥|什么")
_CLAUSES = re.compile(r"[，,。；;？?！!\s]+")
# 州里 at a clause's start asks 昌吉州's government (请问州里对…有何约束, 州里能给啥指导): the other
# region named in a clause that asks nothing only tells the story (到贵州某县落户投资).
# (伊犁州里 is the other 州: 州里 must follow a pause or 请问/问问, not a place name.)
_STATE_ASKED = re.compile(r"(?:^|[，,。；;？?！!:：\s.]|请问|问问?)州里")
# A county or city of no list (昆山市的, 晋江那边 needs the list; 昆山市的 does not): two or three
# characters before 市/县 and a 的/那边 after, when they are no word ending in 市 (超市, 城市 …)
# and no "this/every/all" (本县, 各县市, 全县).
_ANY_COUNTY = re.compile(r"([\u4e00-\u9fff]{2,4}?[市县])(?=的|那边|那儿|那里)")
_LEADING = re.compile(r"^[在去到从来和跟与及是]+")
# (只能用本县的, 我们外县的: "this/another county" after other words is no place either.)
_NOT_A_PLACE = re.compile(r"^[本全各该每哪我咱这那俺你他外附]|[们的个一几两哪]"
                          r"|(?:超|城|集|夜|股|菜|门|上|街|早|闹|都|县|州|省|开|本|外|全|各|邻)"
                          r"[市县]$")

# 内地 / 疆外 / 全国 …: the place asked about only when nothing says the question is about here.
# 员工在内地 / 内地读的研究生 say where a person is; 内地企业 names a business from there (which
# asks what it can do here); 营业执照全国通用吗 asks about a 昌吉 licence.
_ELSEWHERE = re.compile("|".join(ELSEWHERE))
_SOMEONE_THERE = re.compile(r"(?:在|从|来自|回|去|到)$")
_FROM_THERE = re.compile(r"^(?:的)?(?:(?:企业|公司)(?!开办|注册|注销|设立|登记)|商户|个体|人|员工|"
                         r"职工|工人|客户|老板|股东|法人|孩子|子女|学生|来的|务工|户籍|户口|发票|"
                         r"证|执照|营业执照|学历|读|上学|念书|打工|工作|上班|出差|生活|引进|"
                         # 供内地合作方使用: a party the business deals with is from there.
                         r"合作方|合作伙伴|伙伴|客商|买家|卖家|厂家|厂商|供应商|采购商|经销商|代理商)")
# 香港老板开的厂 is a business here; 不用跑乌鲁木齐就能办吗 asks whether it can be done here.
_INVESTOR = re.compile(r"^(?:的)?(?:老板|客商|商人|投资人|投资者|投资方|股东|客户|合伙人|合资方)")
# 人在乌鲁木齐要办事 / 身在北京: where the caller is now, not the place their matter is in.
_PERSON_THERE = re.compile(r"(?:人|身)(?:现在|目前|还|正)?在$")
# 专家都在乌鲁木齐，约个会太难了，能不能远程评: where the people the caller deals with are, told
# in a clause that asks nothing while another clause asks — the question is about here.
_PEOPLE_THERE = re.compile(r"(?:专家|评委|员工|职工|工人|师傅|老板|股东|法人|客户|家人|孩子|老人"
                           r"|律师|会计|技术人员|人员)们?(?:都|也|还|现在|目前|平时|一般|常年|大多)*在$")
# 开会都在乌鲁木齐 我去不了咋办 / 培训在北京 走不开: where something the caller should attend is
# held, told with the caller unable to go there — the question is what can be done from here.
_CANT_GO = re.compile(r"^[^？?]{0,12}?(?:去不了|去不成|去不到|来不了|过不去|赶不过去|赶不到"
                      r"|跑不了|走不开|没法去|没办法去|不能去|去不起|跑不起)")
_EVENT_THERE = re.compile(r"(?:开会|会议|债权人会议|开庭|庭审|评审|考试|培训|面试|答辩|听证)"
                          r"(?:都|也|还|一般|总是|每次)*(?:在|去)$")
# (不想跑北京, 懒得去乌鲁木齐: a place the caller would rather not travel to, to have it done here.)
_NOT_GOING = re.compile(r"(?:不用|不必|不需要|无需|免得|省得|不想|不愿意?|懒得)(?:再)?"
                        r"(?:跑|去|到)(?:趟)?$")
_NATIONWIDE_HERE = re.compile(r"^(?:一体化|通用|通行|有效|联网|统一平台|范围内?(?:通|有效|都能)|"
                              r"都能|各地都|信用信息|企业信用)")
_HERE = re.compile(r"这边|这里|这儿|本地|咱们?这|我们这|俺们?这|在这|来这|回来|老家|当地")
# A region named as where people come from (从河南招了一批工人, 来自甘肃的员工, 老家在四川, 户口
# 在河南的孩子, 河南籍工人): the people are here, and so is the question.
_ORIGIN_BEFORE = re.compile(r"(?:来自|老家(?:在|是)?|户口(?:在|是)|户籍(?:在|是)|籍贯(?:是)?"
                            r"|原籍|祖籍)$")
_ORIGIN_AFTER = re.compile(r"^(?:籍|过来的|来的)|^(?:的|那边的|来的)?(?:人(?![\u4e00-\u9fff])"
                           r"|人(?=[在来到都也还想能没去])|员工|职工|工人|农民工|务工|孩子|子女|娃|学生|家属|老乡)")
# 从北京迁来 is a move (_MOVING); 从北京来昌吉 names 昌吉. 从 alone before the place also reads
# 从北京开公司要几天 loosely, so after 从 the place must be followed by a hiring or arriving word.
_FROM = re.compile(r"从$")
# 从浙江过来想投个食品厂 / 从江苏过来投资的 / 从上海回来创业: the caller arrived here from there.
# 从广东打工回来 / 从外地上学回来: the stay there is over; the caller is back here.
_ARRIVING = re.compile(r"^(?:招|招来|招的|雇|请来|过来|来的|来了"
                       r"|(?:打工|务工|上学|读书|工作|上班)?回来|来(?:这|咱|我们|本地|新疆"
                       r"|投资|创业|发展|办厂|建厂|开厂|落户))")
# What the reply calls a place named only by contrast with here.
_ELSEWHERE_SHOWN = "其他地区"
_SHOWN_AS_IS = ("内地", "疆外")


def other_region(text: str) -> str | None:
    """The other region a message asks about, or None (no place, a place of 昌吉州 named —
    我在乌鲁木齐的公司想迁到昌吉 is a question for 昌吉 — or a move between regions)."""
    norm = normalize(text)
    if _MOVING.search(norm):
        return None
    named = [m for m in _OTHER.finditer(norm) if not _origin(norm, m)]
    named = named or [m for m in _FOREIGN.finditer(norm) if not _partner(norm, m)]
    found = named[0] if named else None
    if found is not None:
        if ((_HOME.search(_OTHER.sub("", _without_contrast(norm)))
             and not any(_asked_there(norm, m) for m in named))
                or _NOT_GOING.search(norm[:found.start()])
                or _PERSON_THERE.search(norm[:found.start()])
                or _people_there(norm, found)
                or (_CANT_GO.search(norm[found.end():])
                    and not _HERE.search(norm) and _EVENT_THERE.search(norm[:found.start()]))
                or _INVESTOR.search(norm[found.end():])
                or (_STATE_ASKED.search(norm)
                    and not any(_asked_there(norm, m) for m in named))):
            return None
        return found.group(0)
    county = _ANY_COUNTY.search(norm)
    name = _LEADING.sub("", county.group(1)) if county else ""
    if len(name) >= 3 and not _NOT_A_PLACE.search(name) and not _HOME.search(norm):
        return name
    return _elsewhere(norm)


def _people_there(norm: str, found: re.Match[str]) -> bool:
    """专家都在乌鲁木齐，…能不能远程评: people told to be there, in a clause asking nothing, while
    another clause of the message asks."""
    if not _PEOPLE_THERE.search(norm[:found.start()]):
        return False
    start = max((m.end() for m in _CLAUSES.finditer(norm, 0, found.start())), default=0)
    end = next((m.start() for m in _CLAUSES.finditer(norm, found.end())), len(norm))
    if _ASKS.search(norm[start:end]):
        return False
    rest = norm[:start] + " " + norm[end:]
    return bool(_ASKS.search(rest))


def _origin(norm: str, found: re.Match[str]) -> bool:
    """Whether the region found is named as where people come from, not asked about."""
    before, after = norm[:found.start()], norm[found.end():]
    if _FROM.search(before):
        return bool(_ARRIVING.search(after))
    return bool(_ORIGIN_BEFORE.search(before) or _ORIGIN_AFTER.search(after))


def _partner(norm: str, found: re.Match[str]) -> bool:
    """Whether a foreign country is named as a trade partner, with no later clause asking
    about there."""
    before, after = norm[:found.start()], norm[found.end():]
    while listed := _LISTED_BEFORE.search(before):
        before = before[:listed.start()]
    after = _LISTED_AFTER.sub("", after)
    if not (_TO_PARTNER.search(before) or _PARTNER_AFTER.search(after)):
        return False
    later = _CLAUSES.split(after, maxsplit=1)
    if len(later) < 2 or not _ABOUT_THERE.search(later[1]):
        return True
    # 那边的法律不熟，政府这边能给点啥帮助: the worry is there, the question is put to here
    return any(_ASKS.search(c) and _ASKS_HERE.search(c) and not _ABOUT_THERE.search(c)
               for c in _CLAUSES.split(later[1]))


def _asked_there(norm: str, found: re.Match[str]) -> bool:
    """Whether the clause naming the other region asks a question of its own and names no
    place of 昌吉州 (昌吉这边能用保函，托克逊县那边也可以吗), in a message of several clauses."""
    start = max((m.end() for m in _CLAUSES.finditer(norm, 0, found.start())), default=0)
    end = next((m.start() for m in _CLAUSES.finditer(norm, found.end())), len(norm))
    if start == 0 and end == len(norm):
        return False
    clause = norm[start:end]
    return (bool(_ASKS.search(clause)) and not _HOME.search(clause)
            and not _GOING.search(norm[start:found.start()]))


def _without_contrast(norm: str) -> str:
    """The message without the mentions of 昌吉 that only compare it with the other region."""
    clauses = [c for c in _CLAUSES.split(norm) if c]
    if len(clauses) > 1:
        clauses = [c for c in clauses
                   if not (_HOME.search(c) and not _OTHER.search(c) and _recalls(c))]
    rest = " ".join(clauses)
    return _HOME.sub("", rest) if _COMPARED.search(rest) else _CONTRAST.sub("", rest)


def _recalls(clause: str) -> bool:
    """Whether a clause naming 昌吉 only recalls what holds there (昌吉是5天吧, 昌吉上限是80万)."""
    return bool(_RECALLED.search(clause)
                or (_STATED_FIGURE.search(clause) and not _ASKED_HERE.search(clause)))


# 昌吉州以外的法院 names 昌吉 only to point away from it.
_OUTSIDE_HOME = re.compile(r"(?:昌吉州?|本州)(?:以外|之外|外面|外边)")


# 县里别的地方 / 市里其他地方 / 本县其他地区: another place within one's own county or town, which
# is here (民宿想在县里别的地方再开个点), not a region outside 昌吉州.
_WITHIN_HERE = re.compile(r"(?:县|市|州|镇|乡|村|区|城)(?:里|内|上|里面|范围内)?的?$")


def _elsewhere(norm: str) -> str | None:
    """内地开个公司几天 / 全国都是3天吗: a place named only as not being here."""
    if _HOME.search(_OUTSIDE_HOME.sub("", norm)) or _HERE.search(norm):
        return None
    for found in _ELSEWHERE.finditer(norm):
        before, after = norm[:found.start()], norm[found.end():]
        if _SOMEONE_THERE.search(before) or _WITHIN_HERE.search(before):
            continue
        if found.group(0) == "全国":  # 全国的企业 are everyone's, not a business from there
            if _NATIONWIDE_HERE.search(after):
                continue
        elif _FROM_THERE.search(after):
            continue
        return found.group(0) if found.group(0) in _SHOWN_AS_IS else _ELSEWHERE_SHOWN
    return None
