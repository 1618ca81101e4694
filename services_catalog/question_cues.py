"""Which kind of question a wording asks (多久 → time limit, 要钱吗 → fee …), from its words alone.

The NLU learns the same from examples; these cues file the catalog's example questions for it
(nlu_export) and, at answer time, overrule it where a wording leaves no doubt: a message that
says 几天 and nothing of another question type asks how long, whatever else it mentions
("网上递交起诉状 几天能立案" is not a channel question).
"""

from __future__ import annotations

import re

from services_catalog.normalize import content_only, normalize, strip_filler, unspaced

# Words that make a sentence a question (also used to tell a question from a command).
# ([一-龥])不\1: any A-not-A question (限不限行, 收不收, 是不是, 行不行).
QUESTION_CUE = re.compile(r"[?？吗呢么嘛]|怎|咋|啥|什么|哪|几|多久|多少|多长|能不能|能否|"
                              r"可不可以|可以|要不要|需不需要|有没有|是否|如何|([\u4e00-\u9fff])不\1")

# 另外…, 还有…: a clause (or a turn) that opens another matter than the one asked before it.
OPENS_ANOTHER = re.compile(r"^(?:另外|还有|此外|顺便|顺带)")
_DUE_DATE = re.compile(r"哪天|几号|什么时候能|啥时候能")
# Checked in this order; a wording matching two types shows none (but see _first_type).
QUESTION_CUES: dict[str, re.Pattern[str]] = {
    "ask_due_date": _DUE_DATE,
    "ask_time_limit": re.compile(r"多久|几天|多长时间|多少天|时限|几个工作日|多快|啥时候|什么时候"),
    "ask_fee": re.compile(r"钱|收费|费用|免费|交费|缴费|贵不贵"),
    "ask_materials": re.compile(r"材料|带啥|带什么|证件|资料|条件|准备啥|准备什么|要求"),
    "ask_department": re.compile(r"部门|找谁|谁管|电话|哪个单位|联系"),
    "ask_channel": re.compile(r"在哪|哪里|哪儿|去哪|网上|线上|手机上|窗口|现场|哪办"),
    "ask_howto": re.compile(r"怎么|咋|如何|流程|步骤|手续"),
    "ask_policy": re.compile(r"政策|规定|是啥|是什么|啥意思|什么意思|补贴|扶持"),
}
# Which side of a bound (多少钱以下, 几万以上, 多少之内): asked of a threshold, not a fee. One
# definition for the fee cue here, answers._THRESHOLD_ASKED and evidence._MONEY_BOUND.
BOUND_SIDE = r"以[下上内]|之[内下上]"
# Cues specific enough to overrule the NLU's question type, whatever else the message says:
# 网上/流程/怎么 are often only the setting of a question about time or money (网上递交起诉状
# 几天能立案, 怎么收费). 前几天 / 拖了好几天 is a time told, not asked; 乱收费 is a complaint.
DECISIVE: dict[str, re.Pattern[str]] = {
    "ask_due_date": _DUE_DATE,
    "ask_time_limit": re.compile(r"多久|(?<![前这那头好])几天|多长时间|多少天|时限|几个工作日"
                                 r"|多少个?(?:工作日|自然日)|多快"),
    # 多少钱以下 asks a threshold (a clause's 200万元以下), not what is paid
    "ask_fee": re.compile(rf"(?<!乱)收费|收钱|要钱|花钱|多少钱(?!{BOUND_SIDE})|费用|免费"
                          r"|交费|缴费|贵不贵|收多少|费率"),
}
# A money word that is no charge asked: part of a noun (研发费用能加计扣除, 缴费基数), or money owed
# to or taken from the business (钱能追回来吗, 货交了钱迟迟不付). Read at answer time only (not by
# question_type, which files the NLU's examples).
_NOT_A_CHARGE = re.compile(
    r"(?:费用|钱|款)(?:能|可以|可|也|还|都|能不能|可不可以|怎么|咋)?(?:加计)?"
    r"(?:扣除|抵扣|追回|要回|讨回|拿回|退回|返还)"
    r"|缴费(?:基数|年限|记录|凭证|档次|工资)"
    r"|钱(?:迟迟|一直|老是|总是|就是|还|都)?(?:不付|不给|没付|没给|不结|拖着)")


def without_non_charges(text: str) -> str:
    """`text` without its money words that ask no charge (研发费用能加计扣除 → 研发 吗)."""
    return _NOT_A_CHARGE.sub(" ", normalize(text))


def says_no_charge_asked(text: str) -> bool:
    """Every money word of `text` asks no charge: the fee cue reads it, but not once those
    words are taken out (客户研发费用能加计扣除吗, 缴费基数也能手机上报吗)."""
    norm = normalize(text)
    cues = (DECISIVE["ask_fee"], QUESTION_CUES["ask_fee"])
    rest = without_non_charges(norm)
    return any(c.search(norm) for c in cues) and not any(c.search(rest) for c in cues)


# Offices told as the case (被各个部门上门检查, 好几个部门都来过): no question which office
# handles it.
_OFFICES_TOLD = re.compile(r"(?:各个|每个|多个|好几个|不同|各)部门")


def says_no_office_asked(text: str) -> bool:
    """The department cue reads `text` only in offices told as the case (客户一年被各个部门上门
    检查好几次，能不能少查点)."""
    norm = normalize(text)
    cue = QUESTION_CUES["ask_department"]
    return bool(cue.search(norm)) and not cue.search(_OFFICES_TOLD.sub(" ", norm))


# What a bare follow-up may keep besides its cue: a verb or two (在哪领, 要带啥).
BARE_MAX_REST = 2
_PARTICLES = re.compile(r"[的了吗呢吧啊呀嘛么要是能可以还那这个]")


def _first_type(text: str, cues: dict[str, re.Pattern[str]]) -> str | None:
    text = normalize(text)
    found = [intent for intent, cue in cues.items() if cue.search(text)]
    if found[:1] == ["ask_due_date"]:
        return "ask_due_date"  # 什么时候能办完 also says 时候
    return found[0] if len(found) == 1 else None


def question_type(text: str) -> str | None:
    return _first_type(text, QUESTION_CUES)


def decisive_question_type(text: str) -> str | None:
    """The question type when the wording settles it: a due date, or exactly one of how long /
    how much. A money word asking no charge (研发费用能加计扣除) settles nothing."""
    return _first_type(without_non_charges(text), DECISIVE)


# How often something is done (多久查一次, 每隔多久, 一年抽查几次, 频次): asked of a measure, not
# of how long the service takes; the clause that says how often (每年对照开展核查) answers it,
# not the time limit or "no time limit". Kept out of QUESTION_CUES (it files the NLU's data).
_FREQUENCY = re.compile(r"(?:多久|多长时间|几天|几个月|几年)[^，,。？?！!；;]{0,6}?"
                        r"一(?:次|回|轮|遍|趟)|每?隔多(?:久|长时间)|频率|频次|多频繁|(?:一|每)(?:年|季度?|个?月|周)"
                        r"[^，,。？?！!；;]{0,4}?几(?:次|回|轮|遍)")


def asks_frequency(text: str) -> bool:
    return bool(_FREQUENCY.search(normalize(text)))

# What a term means (啥意思, 分别指什么, 怎么理解), not what the plan does about it (是什么政策).
_MEANING = re.compile(r"啥意思|什么意思|指什么|指啥|指的是(?:什么|啥)|分别(?:指|是什么|是啥|代表)"
                      r"|具体指|含义|什么叫|啥叫|怎么理解|代表什么|代表啥")


def asks_meaning(text: str) -> bool:
    return bool(_MEANING.search(normalize(text)))

# 能网上办吗 / 手机上能弄不: a yes/no question about applying online.
_ONLINE = re.compile(r"网上|线上|在线|手机|网络|小程序|在家|不用跑|不跑|远程")
_YES_NO = re.compile(r"吗|能不能|可不可以|能否|行不行|是否|可以不|能不|行不|[不没]$")


def asks_online(text: str) -> bool:
    norm = strip_filler(normalize(text)) + ("吗" if re.search(r"吗\W*$", text) else "")
    return bool(_ONLINE.search(norm) and _YES_NO.search(norm))


# A follow-up that asks a detail of the service at hand (那要是超过160千瓦呢, 被驳回了怎么办,
# 能一起办吗): a question opening on 如果/要是 … or asking about a rejection, a threshold,
# doing two things together. 现在几点了 is none of these; a bare 那X呢 names a new service.
_DETAIL_OPENER = re.compile(r"^(?:那|那么)?(?:如果|要是|假如|万一|是不是|是否)")
_DETAIL_WORDS = re.compile(r"驳回|不通过|没通过|不批|退回|超过|不到|以上|以下|以内|一起|同时|顺便"
                           r"|一块|分别|条件|资格|符合|享受|适用|能不能|可不可以|可以吗|需要吗"
                           r"|要不要|需不需要|有没有")
DETAIL_MAX_CONTENT = 12  # characters besides question words: a follow-up, not a new question


def asks_detail(text: str) -> bool:
    """A short question about a detail of the conversation's service, whatever intent the NLU
    gave it."""
    full = normalize(text)
    norm = strip_filler(full)
    if not QUESTION_CUE.search(full) or len(content_besides_cues(text)) > DETAIL_MAX_CONTENT:
        return False
    return bool(_DETAIL_OPENER.search(norm) or _DETAIL_WORDS.search(norm))


def detail_rest(text: str) -> str:
    """What a detail follow-up says besides its question and detail words (被驳回了怎么办 → 被办):
    when that is almost nothing, it can name no other service."""
    rest = _DETAIL_WORDS.sub("", content_besides_cues(text))
    return _DETAIL_OPENER.sub("", rest)


# Saying who one is: 我们是非居民用户, 属于社会投资项目, 如果是饭馆的话.
_STATEMENT = re.compile(r"^(?:我们|我|俺们|俺|咱们|咱|我家|我们家|我们这|我这|咱家)"
                        r"(?:家|公司|企业|单位|这边)?(?:是|属于|算|都是|就是)"
                        r"|^(?:是|属于|算|如果是|要是|假如是|那如果是|那要是)"
                        r"|(?:的|的话|用户|项目|性质)$")

# What the business has: 我们店里还有一台现磨咖啡机, 厂里有两台锅炉.
_HAS = re.compile(r"^(?:我们|我|俺们|俺|咱们|咱)?(?:家|的)?(?:店|厂|公司|门店|店铺|单位|工地)"
                  r"里?(?:还|也|都)?有")


def states_who(text: str) -> bool:
    """A short message that says who the caller is or what their case is (我们是高压用户,
    我们是小微企业, 卖现做咖啡的呢), in any words."""
    norm = strip_filler(normalize(text))
    if _HAS.search(norm):  # 还/一台 say nothing: the content is what the business has
        return len(content_besides_cues(text)) <= DETAIL_MAX_CONTENT
    return len(content_only(norm)) <= DETAIL_MAX_CONTENT and bool(_STATEMENT.search(norm))


# A grievance about how a matter was handled (the NLU's complaint examples: 办事太慢了我要投诉,
# 窗口态度差, 一直拖着不给办, 停水三天了都没人来修): what it wants is the 12345 hand-off. Its
# words: a complaint outright, a judgement, or, told as a statement, something not done (没/不);
# asked, only rhetorically (为什么一直不给办, 这不是逼人吗). A message the NLU files as a complaint
# that asks plainly (要是工资拖欠了会咋样, 交易和交税要跑几个窗口) or states the case without
# either (我们已经把钱都还了, 人数挺多的，几十个人) tells or asks something about the case at hand.
_GRIEVANCE = re.compile(r"投诉|举报|态度|太|效率|过分|坑|气死|气人|乱|随便|随意|凶|推|踢|折腾"
                        r"|刁难|吃拿卡要|好处|送礼|红包|恶劣|骂|插队|石沉大海|不像话|欺负|很冲|阴阳怪气"
                        r"|说好|说是|结果|又让|又说|每次|拖了|卡了|等了|催了|过了|迟到|打游戏"
                        r"|多(?:收|扣|交|缴)|不对|排队|排到|排了|来回|好几(?:趟|次|遍|天)|[一两半]个月"
                        r"|坏了|都第|还要排|爱去哪")
_RHETORICAL = re.compile(r"为什么|为啥|凭什么|凭啥|难道|不是.{0,10}吗|怎么回事|咋回事|有没有人管")
_NOT_DONE = re.compile(r"[没不未]")
# 几 in a round number (几十个人, 十几次) asks nothing.
_ROUGH_NUMBER = re.compile(r"几(?=[十百千万])|(?<=[十百千万好])几")


def asks_nothing(text: str) -> bool:
    """A statement (我们已经把钱都还了, 人数挺多的，几十个人) or a case put as …呢 (那种没人没钱
    没账的空壳公司呢): whatever words of a field it holds (钱, 几), it asks no field of its own."""
    norm = _ROUGH_NUMBER.sub("", normalize(text))
    return not QUESTION_CUE.search(re.sub(r"呢\W*$", "", norm))


def voices_grievance(text: str) -> bool:
    norm = normalize(text)
    if _GRIEVANCE.search(norm) or _RHETORICAL.search(norm):
        return True
    asks = QUESTION_CUE.search(_ROUGH_NUMBER.sub("", norm))
    return not asks and bool(_NOT_DONE.search(norm))


def states_condition(text: str, condition_words: frozenset[str]) -> bool:
    """A short message that says who the caller is in a service's own condition words (居民,
    非居民, 社会投资 …): a condition for the service at hand, never a new service."""
    norm = strip_filler(normalize(text))
    return states_who(text) and any(word in norm for word in condition_words)


def content_besides_cues(text: str) -> str:
    """What a question says besides its question words and particles (多久能批下来 → 批下来),
    a learner's spaces between words (跟 对方 能 商量 吗) left out."""
    rest = strip_filler(normalize(unspaced(text)))
    for cue in QUESTION_CUES.values():
        rest = cue.sub("", rest)
    return _PARTICLES.sub("", content_only(rest))


# 要跑几趟啊, 要跑吗: how many visits the procedure at hand takes, or whether any. Kept out
# of QUESTION_CUES, which also files the catalog's example questions for the NLU (a change
# there changes the training data).
_VISITS = re.compile(r"跑几趟|跑几次|跑几回|跑一趟|(?:要|得|用|需要)跑(?=[吗么不啊]?$)")


# 批下来 / 办好 / 拿到手: that the procedure at hand gets done, which names no procedure.
_GETS_DONE = re.compile(r"(?:批|办|审|拿|领|弄|发)(?:下来|好|完|到手|到)")
# 得等 / 要等 / 还得等: waiting for it (批下来得等多少天), which names no procedure either.
_WAITING = re.compile(r"(?:还|得|要|需|需要|还得|还要)?等(?:待|着)?")


# 这事谁负责 / 归谁管 / 到底谁来查: who handles the matter at hand, a department question. Kept out
# of QUESTION_CUES for the same reason as _VISITS; 谁 alone (谁能申请) asks who qualifies.
_WHO_HANDLES = re.compile(r"谁(?:来)?(?:负责|管|查|处理|受理|牵头|主管)|归谁"
                          r"|哪个?(?:部门|单位)(?:来)?(?:负责|管|查|处理)")
# What such a question may say of the matter besides: 这事 / 这种 / 到底.
_THIS_MATTER = re.compile(r"这(?:个|种|件)?事(?:儿|情)?|这种|这块|到底|究竟")


# "Also" said of the caller's plans (我们同时还要…, 另外…): it asks no detail, and a clause that
# says 同时 of something else (第41条 电网建设与企业用电同时规划) does not address it.
_ALSO = re.compile(r"同时(?=还|也|又|要|准备|打算|想|再)|另外|此外|而且|并且")


def drop_also(text: str) -> str:
    return _ALSO.sub("", text)


# 用哪个平台办 / 在什么网站上申请: which channel of the matter at hand, a channel question. Kept
# out of QUESTION_CUES for the same reason as _VISITS.
_WHICH_CHANNEL = re.compile(r"(?:用|在|上|通过|走)?(?:哪个|哪一个|哪|什么|啥)(?:平台|网站|app|系统"
                            r"|渠道|入口|软件|小程序)(?:上)?(?:办理|办|申请|弄|报|提交|操作)?")


def asks_who_handles(text: str) -> bool:
    return bool(_WHO_HANDLES.search(normalize(text)))


# 打了有人管吗 / 反映了管用吗 / 有没有人理: whether anyone acts on the matter at hand, a question
# of that matter whatever its other word reads as in free text (打 → 打广告). Kept out of
# QUESTION_CUES for the same reason as _VISITS.
_GETS_HANDLED = re.compile(r"有没有人(?:管|理|处理)|有人(?:管|理|处理)(?:没|吗|不|嘛)?"
                           r"|没人(?:管|理)|管不管|管用|有用(?:吗|没|不)|顶用|好使")
# A complaint said (投诉了有人管吗 after 燃气报装): a matter of its own may take it (供水燃气投诉).
_COMPLAINED = re.compile(r"投诉|举报")
# … and the reporting itself said before it (打过去, 反映了, 投诉完): no content of its own.
_REPORTED = re.compile(r"(?:打|反映|说|找)(?:了|过|完|过去|电话|上去)*")


def is_bare_follow_up(text: str) -> bool:
    """A question with nothing but its cue (在哪领, 收费吗, 要带啥, 要跑几趟啊, 多久能批下来, 这事谁
    负责): it can only be about the service the conversation is on, whatever intent the NLU gave
    it (负责 alone reads as 建筑师负责制)."""
    norm = strip_filler(normalize(text))
    if _VISITS.search(norm):
        return len(_VISITS.sub("", content_besides_cues(text))) <= BARE_MAX_REST
    if _WHO_HANDLES.search(norm):
        rest = _THIS_MATTER.sub("", _WHO_HANDLES.sub("", norm))
        return len(_PARTICLES.sub("", content_only(rest))) <= BARE_MAX_REST
    if _WHICH_CHANNEL.search(norm):
        rest = _THIS_MATTER.sub("", _WHICH_CHANNEL.sub("", norm))
        return len(_PARTICLES.sub("", content_only(rest))) <= BARE_MAX_REST
    if _GETS_HANDLED.search(norm) and not _COMPLAINED.search(norm):
        rest = _REPORTED.sub("", _THIS_MATTER.sub("", _GETS_HANDLED.sub("", norm)))
        if len(_PARTICLES.sub("", content_only(rest))) <= BARE_MAX_REST:
            return True
    if question_type(norm) is None:
        return False
    rest = content_besides_cues(text)
    # Getting it done counts as no content only when nothing else is said (护照多久能办好 names
    # a document).
    return len(rest) <= BARE_MAX_REST or not _WAITING.sub("", _GETS_DONE.sub("", rest))


# How much / how many / what rate (补多少, 利率多少, 比例是多少, 宽限期多长): an amount the answer
# must state or say the plan does not. How long and how much money have their own answers.
_AMOUNT = re.compile(r"多少(?!天|钱)|几(?:个|成|万|千|百|倍)|多长|多高|多大|比例|利率|费率|额度"
                     r"|上限|补多少|标准是")


def asks_amount(text: str) -> bool:
    norm = normalize(text)
    if decisive_question_type(norm) in ("ask_due_date", "ask_time_limit", "ask_fee"):
        return False
    return bool(_AMOUNT.search(norm))


# What an amount follow-up may say besides its amount words (最多交, 面积算, 查询) and still name
# no other service.
AMOUNT_MAX_REST = 3


def asks_bare_amount(text: str) -> bool:
    """An amount asked with almost nothing else (最多交多少, 多大面积算, 能查询几个): it can only be
    about the service the conversation is on."""
    if not asks_amount(text):
        return False
    return len(content_besides_cues(_AMOUNT.sub("", normalize(text)))) <= AMOUNT_MAX_REST


# 不是新能源那种 / 不属于重大工程: the case the caller says they are not. Its words select no
# variant and no clause (the plan's 新能源…项目 clause is the one that does not apply).
# 是不是 / 算不算 ask, they deny nothing.
_NEGATED = re.compile(r"(?:并不是|并非|(?<![是算属])不(?:是|算|属于))(.{2,8}?)"
                      r"(?:那种|那类|这种|这类|的|类|(?=[,，。；;！!？?]|$))")


def negated_cases(text: str) -> list[str]:
    """The cases a message says it is not (我们不是新能源那种 → [新能源])."""
    return [m.group(1) for m in _NEGATED.finditer(normalize(text))]


def without_negated(text: str) -> str:
    """The message without the cases it says it is not (normalized)."""
    return _NEGATED.sub("", normalize(text))

