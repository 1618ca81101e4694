"""Life events (我想开个饭馆，要办哪些手续): which scenario a message asks about, and its checklist.

A scenario (services_catalog/scenarios.py) is an ordered list of catalog services. Its answer is
one line per service — the line the several-services answer gives for a time question, so the
same time limit and 第N条 from the catalog (services_catalog/several.py) — plus a button per
service to ask about it. The scenario itself adds no figure.

Detection is by the scenario's name and trigger phrases, through the catalog search's phrase and
pinyin matcher (services_catalog/search/phrase.py) over an index of scenario phrases only. A
phrase that also names a service (开诊所 is an alias of 医疗机构执业登记), or any service named
besides it (开饭馆用电要多久), is a question about that service, unless the message asks for
the procedures (哪些手续, 要跑哪些部门 …). A short statement after an answer
(我们是开饭馆的) is a condition of the service at hand (resolve.py), not a new life event.
A situation told at length, in a clause of its own with the questions in others (生意做不下去
了，公司想注销…还要登报花钱，是这样吗), gets the checklist whatever it names: the services named
(or read surely from its words) join the checklist, the one asked about leading the card.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from services_catalog import plan
from services_catalog.answers import Answer, compose, detail_answer
from services_catalog.evidence import MIN_EVIDENCE, SECOND_RATIO, question_grams
from services_catalog.normalize import normalize
from services_catalog.places import FOREIGN
from services_catalog.question_cues import DECISIVE, QUESTION_CUE, QUESTION_CUES, states_condition
from services_catalog.schemas import ScenarioOut
from services_catalog.search import BM25_MAX_CONF
from services_catalog.several import LINE, SURE
from services_catalog.snapshot import CatalogSnapshot
from services_catalog.wording import render

# Asking for the set of procedures, not one service's fact.
PROCEDURES = re.compile(
    r"哪些手续|什么手续|啥手续|手续有哪些|手续都有|手续咋|手续怎么|办手续|流程|环节|"
    r"办哪些|办什么|办啥|需要办|要办哪|都要办|都需要|都得办|得办哪|要跑哪|跑哪些|跑几个|哪些部门|"
    r"哪些证|什么证|啥证|几个证|哪些审批|哪些许可|什么许可|哪些事项|什么事项|哪些事|先办什么|先办啥|"
    r"从哪开始|从哪里开始|第一步|步骤|需要准备什么|要准备什么|准备哪些|"
    r"一件事|清单|都要经过|要经过哪")
# 开一家小饭馆 / 开间民宿 / 建两栋厂房 → 开饭馆, 开民宿, 建厂房: the phrase matcher already drops 个
# after a verb (search._VERB_MEASURE); life events also say 一家, 间, 座 and 小/新 (买了一栋旧厂房,
# 买了个二手厂房 → 买厂房).
# 弄个, 整个, 盘个, 注册个, 成立个: verbs of starting say the measure word too.
_MEASURE = re.compile(r"(?<=[开办建盖做搞雇招买弄整盘册立])了?(?:一|两|几)?"
                      r"(?:家|间|座|栋|所|个|批|些|名|位)(?:小|新|旧|二手)?"
                      r"|(?<=[开办建盖])(?:小|新)(?=[\u4e00-\u9fff]{2})")
STEP_SEPARATOR = "——"
# Without a procedures cue, a life event is asked about as a whole by how long (开饭馆要多久), how
# (想开个民宿 怎么弄) or what support there is; a message asking only a service's fact (材料去哪交,
# 在哪交, 要钱吗) asks about one service. 欠钱不还 asks no fee: the fee cue is the decisive one.
_FACT_CUES = (DECISIVE["ask_fee"], *(QUESTION_CUES[k] for k in
                                     ("ask_materials", "ask_department", "ask_channel")))
_WHOLE_CUES = tuple(QUESTION_CUES[k] for k in
                    ("ask_due_date", "ask_time_limit", "ask_howto", "ask_policy"))


_HOW = QUESTION_CUES["ask_howto"]


def _asks_a_fact(text: str) -> bool:
    """材料去哪交 / 担保费收多少: a fact's word in a question. 来检查的部门太多了 and 线上线下都卖
    name a department and a channel but ask nothing: the situation is told."""
    if DECISIVE["ask_fee"].search(text):
        return True  # 担保费贵不贵: the decisive fee cue is a question by itself
    return QUESTION_CUE.search(text) is not None and any(cue.search(text) for cue in _FACT_CUES)


# 审批周期多长 / 整个流程要多长时间: how long, in words the time-limit cue leaves to context.
_HOW_LONG = re.compile(r"周期|多长")


def _asks_whole(text: str) -> bool:
    return _HOW_LONG.search(text) is not None or any(cue.search(text) for cue in _WHOLE_CUES)


# 开一家拌面馆 / 想开个打印店: premises the trigger phrases do not list, read by their kind (the
# last character or two) — so a new kind of shop still gets its life event. 开户行, 开具证明所需,
# 开发区, 办公室 … open nothing.
# 开了五年小卖部 / 干了十几年饭馆: premises run for a while are the asker's business, not one
# being opened (what they ask of it is read on its own: 升级成公司, 注销 …).
_OPENING = re.compile(r"(?:开办|开设|新开|开|经营|盘下|接手|做|干|搞|弄|整|盘|注册|成立)"
                      r"(?!了?(?:[\d一二两三四五六七八九十几多好]+|半)(?:来|多)?(?:年|个月|个多月))"
                      r"(?P<what>(?![具通发户始庭票会证展工放的车口心门单业拓])[\u4e00-\u9fff]{1,5}?)"
                      r"(?P<kind>饭店|酒店|酒楼|超市|门市|公司|学校|厂|店|馆|铺|坊|摊|厅|吧|室|所|站|院|园|场|部)"
                      r"(?![长务里内部])")
_KINDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(words), slug) for words, slug in (
    (r"化妆品|美妆|医疗器械", "cosmetics-medical-devices"),
    (r"药", "open-pharmacy"),
    (r"保安|爆破|典当|开锁|刻章|印章", "open-security-company"),
    (r"电商|网店|直播", "online-store"),
    (r"汽车|4S", "vehicle-maker"),
    (r"电站|光伏|风电|化工|电厂", "build-factory"),
    (r"诊|医|牙|口腔|卫生", "open-clinic"),
    (r"宾|旅|酒店|民宿|客栈|住宿|招待", "open-hotel"),
    (r"KTV|ktv|歌|网吧|网咖|游戏|电玩|台球|棋牌|酒吧|舞", "open-entertainment"),
    (r"快递|驿站|菜鸟", "open-express-outlet"),
    (r"物流|运输|货运|配送", "open-logistics"),
    (r"回收|废品", "open-recycling"),
    (r"饭|餐|面|菜|吃|食|饮|火锅|烧烤|奶茶|咖啡|饺|包子|馕|烤|羊肉|鸡|茶|酒楼|甜品|蛋糕|面包|粥|串|汤",
     "open-restaurant"),
    (r"超市|便利|卖部|商店|副食|零售|粮油|烟酒|杂货", "open-supermarket"),
    (r"厂", "build-factory"),
    (r"公司", "start-company"),
    (r".", "open-shop"),
))


# Life events told with words between their parts (个体户想升级成公司, 员工突然不干了), which no
# fixed trigger phrase catches: checked after the phrases, before the kind of premises.
_TOLD: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), slug) for pattern, slug in (
        # 小卖部…现在想升级成公司: a shop of one's own grown into a company is a 个体户's
        (r"(?:个体(?:户|工商户)?|小卖部|小卖铺|小店|门市部|店铺|摊位?)[^?？]{0,6}?"
         r"(?:转|升级|变|改)(?:成|为)?(?:公司|企业)",
         "individual-to-company"),
        (r"(?:公司|企业|厂|店).{0,4}(?:搬|迁)(?:到|去|往|家|址|走)", "relocate-company"),
        (r"(?:员工|工人|职工|店员|伙计).{0,4}(?:离职|辞职|走了|不干了|被辞|被裁|失业|开除)",
         "employee-leaving"),
        # 开个新公司，接电，再招十几个人: the company comes first, its hiring is a step of it
        (r"(?:开|办|注册|成立)(?:公司|企业).{0,12}(?:招|雇|聘)", "start-company"),
        (r"(?:工人|员工|职工|人才|技术人员|骨干|工程师).{0,12}(?:孩子|子女|家属|娃|小孩|上学|入学)",
         "talent-settle"),
        # 厂子要关了 / 店快关张了: closing told by the verb alone
        # … and a trade's own premises (砂石矿开不下去了, 作坊要关了, 车队不干了)
        (r"(?:公司|企业|店|厂|生意|买卖|矿|作坊|车队|合作社|诊所|民宿|农家乐|牧场|养殖场)"
         r".{0,4}(?:不干了|不做了|不开了|关门|黄了|干不下去|"
         r"做不下去|开不下去|撑不下去|不想干|(?<![被给])关(?:了|掉|张)|歇业|停业)",
         "close-business"),
        (r"资不抵债|快倒闭|要倒闭|濒临倒闭|欠了?.{0,4}债.{0,6}(?:撑不下去|还不上|还不起|快不行|"
         r"干不下去|倒闭|破产)|资金链(?:断|出问题)|(?:企业|公司|厂|我们|咱们)(?:欠|拖欠)了?"
         r".{0,30}(?:资金链|还不上|还不起|撑不|倒闭|破产)", "company-bankruptcy"),
        # 新公司刚成立 / 公司刚注册下来
        (r"新(?:公司|企业)刚?(?:成立|注册|开业|开|办)|(?:公司|企业)刚(?:成立|注册|开业)",
         "start-company"),
        (r"(?:恢复|修复)(?:企业|公司)?的?信用|信用.{0,2}(?:修复|恢复)", "credit-repair"),
        # 去阿拉木图建个分厂 / 到塔什干设厂: any foreign country or city of places.FOREIGN
        (r"(?:去|到|在)(?:国外|境外|海外|中亚|" + "|".join(FOREIGN) + r")"
         r".{0,4}(?:投资|建厂|办厂|设厂|开厂|建分厂|分厂)", "foreign-trade"),
        (r"(?:做|干|搞|跑|开)快递", "open-express-outlet"),
        # 把自家院子改成民宿 / 老宅翻修成客栈: premises turned into lodging
        (r"(?:改|改造|改建|翻修|翻盖|装修|弄|做|办)(?:成|为)(?:个|一个|了)?.{0,2}"
         r"(?:民宿|客栈|农家乐|牧家乐|宾馆|旅馆|旅店|招待所)", "open-hotel"),
        (r"(?:医疗器械|化妆品).{0,4}(?:生产)?(?:厂|企业)", "cosmetics-medical-devices"),
        # 县里答应的优惠政策一直没兑现 / 说好的减免，换了领导就不认了: a promise of the
        # government not kept (the plan's 新官不理旧账)
        (r"(?:答应|承诺|许诺|说好)(?:了|的|过)?.{0,16}?(?:没兑现|不兑现|没有兑现|未兑现|不认账|不认了|"
         r"没落实|未落实|未履行|不算数|不算了|反悔|变卦)|(?:换了|新来的?|新上任的?)(?:个)?(?:领导|书记|县长|市长|"
         r"班子|局长).{0,6}(?:不认|不管|不算|不兑现)|新官不理旧账", "government-arrears"),
        # 代理一个品牌的医疗器械 / 批发化妆品: trading in them, whatever the premises
        (r"(?:代理|经销|销售|批发|零售|卖|经营|做)[^,.?!;:\s]{0,6}?(?:医疗器械|化妆品|美妆)",
         "cosmetics-medical-devices"),
        # 也没欠谁钱，想把它销掉 / 公司注销掉 / 生意不想做了: closing the business
        (r"把(?:它|公司|企业|执照|店|厂|个体户|营业执照)?(?:给)?(?:注销|销掉|注消|关掉|处理掉)|"
         r"(?:公司|企业|执照|个体户|空壳).{0,3}(?:注销掉|销掉|注消|处理掉)|"
         # 公司和税务登记也要销掉: the registrations themselves struck off
         r"(?:登记|执照|税号|税务)[^,.?!;:\s]{0,3}(?:注销掉|销掉|注消)|"
         # 怎么处理掉它 / 注销掉这个公司: the thing to be rid of named after the verb
         r"(?:注销|销|处理|关|清理)掉(?:它|这个|这家|那个|那家)|"
         r"(?:生意|买卖|公司|店).{0,2}不想(?:做|干|开)了", "close-business"),
        # 同一个县里再铺两个点 / 再设几家门店: more premises of a business already running (再开
        # 门店 is 开门店's, the shop's own checklist)
        (r"(?:再|多|又)(?:铺|设|增加|加|添)(?:了)?[一两二三四五几多]?(?:个|家)?"
         r"(?:点|店|分店|门店|网点|分部|经营场所)(?![长员主])|(?:再|多|又)开(?:了)?[一两二三四五几多]?"
         r"(?:个|家)?(?:点|网点|分部|经营场所)(?![长员主])", "company-change"),
        # 全家户口迁过来，孩子也要转学: a family moving here, its registration and schooling
        (r"(?:户口|户籍|全家|一家人|家属|家人).{0,10}(?:迁|落户|搬|过来).{0,16}"
         r"(?:孩子|子女|娃|小孩).{0,6}(?:上学|入学|转学|念书|读书)", "talent-settle"),
        # 列进了重大税收违法失信名单 / 被列入经营异常: on a list to get off
        (r"(?:列进|列入|纳入|进了|上了|弄进|弄成|拉进)了?.{0,10}?(?:经营异常|异常名录|失信|黑名单|"
         r"(?<![白红])名单|老赖)", "credit-repair"),
        # 机器也被贴了封条 / 货都被扣了: the business's property sealed in a case (账户被冻了, told
        # alone, is the service 解除无关财产查封冻结's own words)
        (r"(?:资产|财产|设备|机器|厂房|仓库|货物?|车辆).{0,4}(?:被|给|也|都)?(?:查封|封了|扣了|扣押)|"
         r"贴了?封条", "company-sued"),
        # 官司赢了对方就是不给钱 / 判了他还不给: a judgment to enforce
        (r"(?:官司|案子)(?:打)?赢了|(?:打)?赢了(?:官司|案子)|胜诉.{0,10}(?:不给|不还|不执行|不履行|拖)|"
         r"判(?:决)?了?.{0,8}(?:还是?|就是|也)?(?:不给|不还|不履行|不执行)", "business-dispute"),
        # 堵在厂门口要保护费: a crime against the business (出纳挪用了钱 asks about 挪用资金 itself,
        # the court clause that answers it)
        (r"保护费|强揽|强买强卖|欺行霸市|(?:堵|拦|闹)(?:在|着)?.{0,6}(?:门口|厂门|大门|工地)",
         "business-fraud"),
        # 出纳偷偷挪了几十万 / 会计把货款卷走了: the business's money taken by its own people, told
        # without the legal word (挪用/侵占, which name the service itself)
        (r"(?:出纳|会计|财务|员工|职工|合伙人|股东|经理|店长|业务员|管账的)(?:把)?.{0,6}?"
         r"(?:(?:偷偷|私自|私下|悄悄)?(?:挪(?!用)|卷|私吞|吞)了?(?:走|跑)?了?.{0,8}?(?:钱|款|资金|万|账)|"
         r"(?:钱|款|资金)(?:都|全|给)?(?:偷偷|私自|悄悄)?(?:挪(?!用)|卷|私吞|吞)(?:走|跑)?了)",
         "business-fraud"),
        (r"(?:招|雇|请|聘)(?:几|一些|一批|些|个|名|位|了)*.{0,5}?(?:工人|员工|人手|店员|服务员|"
         r"师傅|学徒|帮工|伙计|司机|厨师|保洁|临时工|大学生|毕业生|应届|技术员|工程师)"
         r"|(?:招|雇|聘)(?:[一二两三四五六七八九十几百来多余]+个?)人(?!才)", "hire-employees"),
        (r"外(?:资|商|国|籍).{0,4}(?:投资|企业|公司|来昌吉|落户)", "foreign-investment"),
        (r"(?:换|变更|改|变)(?:个|一下|了)?(?:法人|股东|公司名|名字|名称|经营范围|注册资本)",
         "company-change"),
        # 再开两个门市，能不能不设分公司: more premises under the licence held (一照多址)
        (r"不(?:用|必|想|需要|要)?(?:单独|另外)?(?:设|开|办|成立|注册)(?:个)?分(?:公司|支机构)",
         "company-change"),
        (r"(?:出口|卖到国外|卖到海外|卖到中亚|卖到哈萨克|卖到俄罗斯|进口)", "foreign-trade"),
        # 往哈萨克斯坦那边卖货 / 货发到中亚: selling abroad told by where the goods go
        (r"(?:往|到|向|给)(?:国外|境外|海外|外国|中亚|哈萨克|吉尔吉斯|乌兹别克|塔吉克|土库曼|俄罗斯|"
         r"蒙古|欧洲|中东|一带一路).{0,6}(?:卖|销|发货|出货|供货|发过去)", "foreign-trade"),
        (r"被(?:人)?(?:骗|诈骗|敲诈|勒索|讹)", "business-fraud"),
        (r"(?:商标|专利|品牌|版权|知识产权|商业秘密|技术|产品).{0,4}(?:被|让|给)人?.{0,2}"
         r"(?:仿冒|假冒|抢注|盗用|侵权|抄袭|偷|泄露)|假货|山寨|仿冒|盗图|盗(?:用)?品牌|"
         r"(?:配方|技术|图纸|客户名单|商业秘密).{0,6}(?:带走|偷走|拿走|泄露)", "ip-infringement"),
        # The business is the party sued or investigated (被起诉了, 老板被公安调查): before the
        # disputes it brings itself.
        (r"被(?:人|客户|供应商|对方|债主|银行)?(?:起诉|告了|公安|检察|立案|调查|查封|扣押)"
         r"|(?:老板|法人|企业家|负责人).{0,6}被(?:抓|拘|带走)", "company-sued"),
        (r"(?:政府|机关|单位|部门|国企).{0,10}(?:钱|款|账).{0,6}(?:拿不到|不给|没给|要不回|收不回|"
         r"没结|不结|拖)", "government-arrears"),
        # 给县里一个单位干的活，验收都过了一年多，钱就是不给: work done for a public body unpaid
        (r"给.{0,6}?(?:政府|机关|单位|部门|国企|学校|医院|街道|乡里|镇里).{0,4}(?:干|做|供|修|建|搞)"
         r".{0,40}?(?:不给|没给|没结|不结|没付|不付|拖着|拖欠|一分没|要不回|拿不到)",
         "government-arrears"),
        # 工地上农民工说工资没发全 / 拖欠农民工工钱: the business's migrant workers' wages owed
        # (the plan's 根治欠薪), before a trade debt (工钱 holds 钱). A worker's own 老板欠我工资
        # is 劳动争议's.
        (r"农民工.{0,6}(?:工资|工钱).{0,4}(?:没发|没给|不发|发不出|拖欠|欠着|没结|没付)|"
         r"(?:拖欠|欠)了?农民工.{0,2}(?:工资|工钱)", "wage-arrears"),
        (r"(?:欠|拖欠)(?:了)?(?:我们|我|咱们|咱)?.{0,8}?(?:钱|货款|账款|账|工程款)"
         r"(?!还不上|还不起)|打官司|起诉|闹翻|谈不拢|违约|(?:闹|起|打)纠纷|索赔",
         "business-dispute"),
        # 各个部门轮着来厂里检查: inspections too many, told by how often they come
        (r"被.{0,6}?(?:查到|查出|查了|罚)|被查(?![询看])|(?:会|要)(?:被)?(?:重罚|罚款)|"
         r"罚(?:得)?(?:这么|那么|太)重|罚最高|检查.{0,6}太多|来.{0,4}检查|(?:轮着|轮番|三天两头|"
         r"隔三差五|一拨一拨|一拨接一拨|好几拨)(?:地|的)?.{0,6}(?:查|检查)",
         "law-enforcement"),
        (r"(?:做|搞|跑|干|开展).{0,6}?(?:物流|配送|运输)", "open-logistics"),
        # 弄个KTV / 搞了家网咖: premises whose kind is a word of its own (not …店, …馆)
        (r"(?i:(?:开|弄|搞|做|办|整|盘)(?:个|家|了)?(?:ktv|歌厅|网吧|网咖|酒吧|台球厅|棋牌室|电玩城|"
         r"游戏厅|练歌房))", "open-entertainment"),
        # 楼快封顶了 / 新厂房马上完工: a building nearly done, its acceptance and certificate ahead
        (r"(?:楼|厂房|车间|仓库|项目|工程|厂)(?:快|已经|马上|刚刚?|就要|眼看)?就?(?:要)?(?:封顶|完工|竣工|"
         r"建好|盖好|建完|盖完)", "build-factory"),
        # 我是搞建筑施工的，刚中了个项目 / 承接了一个工程
        (r"(?:搞|做|干)建筑|建筑(?:施工|公司|企业|队)|施工(?:企业|单位|队)|中了.{0,2}(?:项目|工程)|"
         r"(?:承接|承包)了?.{0,4}(?:工程|项目)", "construction-contract"),
        # 准备买下隔壁企业的厂房和土地
        (r"买(?:下|入)(?:了)?.{0,8}?(?:厂房|土地|写字楼|门面|商铺|办公楼)", "buy-property"),
        (r"(?:申请|领|拿|要|争取|申报|享受)(?:点|些|个|到)?.{0,4}(?:补贴|补助|奖补|扶持资金)",
         "apply-subsidy"),
        (r"(?:贷|借)(?:点|些|笔)(?:款|钱)|借钱|(?:贷|借)(?:个|点|笔)?[\d一二两三四五六七八九十几百千]+"
         r"(?:万|十万|百万)|周转(?:一下|资金|不开|不过来)|(?:没|没有|没啥|没什么)(?:能|可以)?抵押|融(?:点|些)资|(?:去|来|想|要|申请|办理?)贷款|"
         r"缺钱|缺资金|缺担保|没有?担保|贷款.{0,3}(?:门路|路子|渠道)", "apply-loan"),
        (r"拿(?:块|片|了|个)?地.{0,4}(?:建|盖|开工|办厂|投资|项目)|(?:建|盖|修|新建|扩建)(?:个|座|栋|一|了)*.{0,3}"
         r"(?:厂房|车间|仓库|库房|基地|生产线|办公楼|生产楼|厂楼)|(?:扩建|改建).{0,6}?(?:厂房|车间|生产楼|厂楼)|"
         r"(?:厂房|车间|厂区).{0,3}(?:扩建|改建)|(?:建|盖)(?:个|座|一)*.{0,5}?(?:厂|电站)|"
         r"新(?:建|盖)?的?(?:厂|厂房|厂区|工厂|车间)|投资项目|项目的?前期|项目立项",
         "build-factory"),
        (r"(?:投(?![资诉入产放])|竞)[^,.?!;:\s]{0,8}?(?<![目指商])标(?!准)|中(?:了)?标|(?:参加|参与|做|接|投)(?:政府|政府的)?"
         r"采购", "join-procurement"),
    ))


# 也没欠谁钱 / 没被罚过 / 不打官司: words denied tell no situation (a company with no debts
# closing down is no debt dispute).
_DENIED = re.compile(r"(?:没|没有|不|无|未|别|不用|不想|并没|从没|从来没)(?:怎么|太|再|也|被|让)?$")


def _affirmed(pattern: re.Pattern[str], bare: str, pos: int = 0) -> re.Match[str] | None:
    """The first match of `pattern` from `pos` not denied by the word before it."""
    return next((m for m in pattern.finditer(bare, pos)
                 if not _DENIED.search(bare, 0, m.start())), None)


def _told(snap: CatalogSnapshot, bare: str) -> tuple[str, int, int] | None:
    """The situation told first (做网店卖特产，以后想卖到中亚: the online store, selling abroad
    is a step of it); at the same place, the earlier pattern (被起诉 before 起诉)."""
    return _told_after(snap, bare, 0)


# 药店老板问一下 / 我是饭店老板: premises named by who runs them (not 公司/厂: 公司老板 opens
# nothing), at the start of a clause.
_OWNER = re.compile(r"(?:^|(?<=[,.?!;:\s是]))(?P<what>[\u4e00-\u9fff]{1,4}?)"
                    r"(?P<kind>饭店|酒店|超市|诊所|药房|店|馆|铺)的?(?:老板|店主|掌柜)")


# 盘个门面做火锅 / 租了间铺面卖菜: premises named only as a shopfront, the kind of business read
# from what is done in it (做火锅 → 开饭馆, else 开店).
_SHOPFRONT = re.compile(r"(?:盘|租|开|找|买|弄|整|看)(?:了|下|好|到)?(?:一|两)?(?:个|间|家)?"
                        r"(?:门面|店面|铺面|门市|商铺|铺子|摊位)(?:房)?.{0,6}?(?:做|卖|开|搞|干|经营)"
                        r"(?P<what>[\u4e00-\u9fff]{1,4})(?P<kind>)")


def _premises(snap: CatalogSnapshot, bare: str) -> tuple[str, int, int] | None:
    # 不想再开分公司了: a wish denied opens nothing (the same test as the told situations')
    found = min((m for m in (_affirmed(_OPENING, bare), _affirmed(_OWNER, bare),
                             _affirmed(_SHOPFRONT, bare)) if m is not None),
                key=lambda m: m.start(), default=None)
    if found is None:
        return None
    words = found.group("what") + found.group("kind")
    slug = next((slug for cue, slug in _KINDS if cue.search(words)), None)
    if slug is None or slug not in snap.scenarios:
        return None
    return slug, found.start(), found.end()


def _opening(snap: CatalogSnapshot, bare: str) -> tuple[str, int, int] | None:
    """(scenario slug, start, end) of a situation told in loose words or a business opened by
    its kind of premises, whichever the message tells first."""
    found = [f for f in (_told(snap, bare), _premises(snap, bare)) if f is not None]
    return min(found, key=lambda f: f[1]) if found else None


# 我们是开烧烤店的，… / 药店老板问一下: the business the asker runs, told as who they are.
_SETTING_AFTER = re.compile(r"的(?:[,.?!;:\s]|$)|的?(?:老板|店主|掌柜)")


def _a_setting(text: str, bare: str, start: int, end: int) -> bool:
    """The premises read at bare[start:end] are the business the asker already runs (开烧烤店的，
    / 药店老板 / 在准东开了个化工配套厂，…): the setting of what happened since, not what they set
    out to do."""
    if _SETTING_AFTER.match(bare, end):
        return True
    # _MEASURE drops 了 with the measure word (开了个厂 → 开厂): look for it in the message
    opened = re.escape(bare[start]) + "了.{0,4}" + re.escape(bare[start + 1:end])
    return re.search(opened, normalize(text)) is not None


def _what_happened(snap: CatalogSnapshot, text: str, bare: str,
                   first: tuple[str, int, int]) -> tuple[str, int, int] | None:
    """在准东开了个化工配套厂，招了一批技术骨干，他们最关心娃娃上学: a situation told after the
    business the asker runs is what the message is about (引进人才, not 建厂房) — in a story told
    at length. 我们开了家小饭馆，没房子抵押，能不能凭流水贷点款 asks about one service (the
    business is context, see _another_service)."""
    if not (_at_length(bare) or _told_plainly(bare)):
        return None  # 我是从外省来昌吉创业的，想把全家户口迁过来: told plainly, a story too
    told = _told_after(snap, bare, first[2])
    if told is None or told[0] == first[0] or not _a_setting(text, bare, first[1], first[2]):
        return None
    return told


def _told_after(snap: CatalogSnapshot, bare: str, pos: int) -> tuple[str, int, int] | None:
    found = [(m.start(), i, slug, m.end()) for i, (pattern, slug) in enumerate(_TOLD)
             if slug in snap.scenarios and (m := _affirmed(pattern, bare, pos)) is not None]
    if not found:
        return None
    start, _, slug, end = min(found)
    return slug, start, end


# How to go about a whole matter (not one service's fact).
# 报警有用吗 / 该怎么维权: whether and how a remedy works is how to go about it too.
_GO_ABOUT = re.compile(r"咋办|怎么办|有用吗|有没有用|(?:有|顶|管)(?:啥|什么)用|管不管|管用吗|"
                       r"(?:怎么|咋|如何|该怎么)维权|"
                       r"怎么处理|咋处理|咋弄|怎么弄|咋整|怎么整|如何处理|怎么搞|咋搞|"
                       r"哪些渠道|有(?:啥|什么)(?:快的|好的|简便的?|便利的?)?(?:渠道|办法|支持|路子|"
                       r"门路|照顾|帮助|说法)|(?:还有|有没有)(?:啥|什么)?(?:办法|出路|路子)|(?:要|该|得)(?:干|做)(?:啥|什么)|要?注意(?:啥|什么|哪些)|"
                       r"(?:能|可以)帮(?:啥|什么|我们|忙)")


def _told_plainly(bare: str) -> bool:
    return not QUESTION_CUE.search(bare) and not _asks_a_fact(bare)


def _clause_at(bare: str, pos: int) -> int:
    return len(re.findall(r"[,.?!;:\s]+", bare[:pos]))


def _asked_in_its_clause(bare: str, pos: int) -> bool:
    """The clause holding `pos` asks something (with its question mark, if any)."""
    clauses = _ASKED_CLAUSE.findall(bare)
    home = _clause_at(bare, pos)
    return home < len(clauses) and QUESTION_CUE.search(clauses[home]) is not None


def _story(snap: CatalogSnapshot, scenario: ScenarioOut, bare: str, start: int, end: int,
           spans: list[tuple[int, int, str]], named: tuple[str, ...]) -> bool:
    """The event told in one clause and its own steps asked about in others (厂子要招一批工人，
    有没有招聘平台？签合同能电子签吗). Not 那问个正事 开小饭馆要接燃气 几天 (the service asked in
    the event's own clause), nor one service's fact (贷款找担保公司 担保费收多少)."""
    if _clauses(bare) < 2 or not named:
        return False
    if not set(named) <= {link.slug for link in scenario.services}:
        return False
    if len(named) == 1 and _asks_a_fact(bare):
        return False
    home = _clause_at(bare, start)
    apart = [a for a, b, _ in spans if b <= start or a >= end]  # not overlapping the phrase
    return all(_clause_at(bare, a) != home for a in apart)


# Clauses of a message (the normalised text has ASCII punctuation), of two characters at least
# (喂 is none). Not normalize.PAUSES: the story gates below were tuned with this cut, which keeps
# 。 (NFKC leaves it full-width) inside a clause; cutting there too changes replies.
_CLAUSE = re.compile(r"[^,.?!;:\s]{2,}")
# A story: four clauses or more, or three of which two ask something. 开个没人看店的小超市 只卖
# 包装好的东西 要办食品许可证吗 (three clauses, one question) asks about one service.
_STORY_CLAUSES = 4
_ASKED_CLAUSE = re.compile(r"[^,.?!;:\s]{2,}\??")
_STORY_ASKING = 3


def _long_story(bare: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> bool:
    """The situation told in a clause of its own among several (the questions in the others):
    no service named in the situation's clause but inside its phrase."""
    if not _at_length(bare):
        return False
    home = _clause_at(bare, start)
    return all(_clause_at(bare, a) != home for a, b, _ in spans if b <= start or a >= end)


def _at_length(bare: str) -> bool:
    """Four clauses or more, or three of which two ask something."""
    clauses = _ASKED_CLAUSE.findall(bare)  # with its question mark, if any
    asking = sum(QUESTION_CUE.search(c) is not None for c in clauses)
    return len(clauses) >= _STORY_CLAUSES or (len(clauses) >= _STORY_ASKING and asking >= 2)


def _clauses(bare: str) -> int:
    return len(_CLAUSE.findall(bare))


def _bare(text: str) -> str:
    return _MEASURE.sub("", normalize(text))


@dataclass(frozen=True)
class LifeEvent:
    scenario: ScenarioOut
    # Services the message names itself (执照要办，后厨还要接燃气), in its order: the card's main
    # service is the first of them, and any the scenario lacks joins the checklist.
    named: tuple[str, ...] = ()
    # The service the message is most about: the card's slug and the first suggestion.
    main: str | None = None
    # The message (normalised): which of a step's tasks it speaks of.
    text: str = ""
    # Told at length (several clauses, the questions apart from the situation).
    story: bool = False
    # Services a clause of the message reads as surely, beyond the scenario's and those named
    # (查验要一辆辆开到车管所太费事了 → 机动车查验): the owner's own concern joins the checklist.
    read: tuple[str, ...] = ()

    @property
    def lead(self) -> str | None:
        return self.named[0] if self.named else self.main

    def slugs(self, snap: CatalogSnapshot) -> list[str]:
        """The checklist's services: the scenario's (still active) ones, then the others named."""
        own = [link.slug for link in self.scenario.services if link.slug in snap.services]
        listed = [*own, *(slug for slug in self.named if slug not in own)]
        return [*listed, *(slug for slug in self.read if slug not in listed)]


def _named(snap: CatalogSnapshot, bare: str) -> list[tuple[int, int, str]]:
    """(start, end, slug) of each service named (name, alias or pinyin), in message order."""
    return sorted((start, end, slug) for slug, start, end, conf
                  in snap.index.named_spans(bare) if conf >= SURE)


# 我是开民宿的，想问点事: that a question is to follow (想问点事, 想咨询一下, 有个事想请教).
_ANNOUNCED = re.compile(r"[，,。]?(?:我|俺)?(?:想|要|来|有点事想?|有个事想?|有几?个问题想?)"
                        r"(?:问|咨询|请教|打听)(?:问|一下|下)?(?:点|些|个)?(?:事儿?|事情|问题)?"
                        r"[。.！!～~，,]*$")
# Who one is says it (我是开民宿的); one's plan (想开个饭馆, 准备办厂) is itself asked about.
_PLANNED = re.compile(r"想|打算|准备|计划|要")


def announces_question(text: str) -> bool:
    """我是开民宿的，想问点事: who one is and that a question follows, asking nothing yet. The
    question to come says which service is meant; a checklist of the trade answers none."""
    norm = normalize(text)
    found = _ANNOUNCED.search(norm)
    if found is None:
        return False
    rest = norm[:found.start()]
    return not QUESTION_CUE.search(rest) and not _PLANNED.search(rest)


def life_event_asked(snap: CatalogSnapshot, text: str,
                     previous: str | None = None) -> LifeEvent | None:
    """The life event a message asks about, or None (a service question, or no life event)."""
    if announces_question(text):
        return None
    event = _life_event(snap, text, previous)
    if event is None or _step_named_by_reading(snap, event, text) is not None:
        return None
    other = _another_service(snap, event, text)
    if other is None:
        return _with_concerns(snap, event)
    if event.story:
        # 新公司刚成立，社保医保都要开户，还有几个灵活就业的，能一块儿办吗: the service the
        # words read surely joins the checklist of a situation told at length.
        return _with_concerns(snap, replace(event, named=(*event.named, other)))
    return None


_JOINS_ANOTHER = re.compile(r"顺便|顺带|另外|同时|也想|还想")


def _step_named_by_reading(snap: CatalogSnapshot, event: LifeEvent, text: str) -> str | None:
    """The step of the checklist the plan's reading of a short message names outright
    (resolve.reading_names): 还有一回被路上罚款，好像是有罚款指标，顶格罚的 reads 顶格罚款
    (逐利性执法查处), 标签有点小问题要罚款 reads 轻微违法 (轻微违法免罚清单) — that step is what
    the message is about, not the 遇到执法检查 checklist, which only loose words read (被…罚款).
    None for an event named by a phrase of its own (公司关门了，员工去领失业金…: 注销退出's
    checklist, the step asked leading it), a situation told at length, a message asking for the
    procedures or how to go about it (合伙人偷偷挪了二十万货款，咋办), one joining another matter
    (想招一批应届大学生，顺便搞搞定向培养) or asking several questions; and None for the
    checklist's first step, which it leads with anyway."""
    from services_catalog.resolve import reading_names  # noqa: PLC0415 (resolve is the heavier)

    bare = _bare(text)
    if (event.story or PROCEDURES.search(bare) or _HOW.search(bare) or _GO_ABOUT.search(bare)
            or _JOINS_ANOTHER.search(bare) or len(QUESTION_CUE.findall(bare)) > 1):
        return None
    if any(h[3] >= SURE for h in snap.scenario_index.named_spans(bare)):
        return None
    slug = reading_names(snap, text)
    steps = [link.slug for link in event.scenario.services]
    return slug if slug in steps[1:] else None


# A clause says a concern of its own when it holds this many of the plan's kind of words (not
# question words): 执照咋办 / 要多少天 say nothing a step of the checklist does not.
_CONCERN_GRAMS = 5
_CONCERN_LOOK = 3  # a checklist step among a clause's first hits: the clause is about that step
_MAX_CONCERNS = 2
# A clause reads as a service surely enough a little under free text's ceiling (BM25_MAX_CONF):
# on the tuning sets' life events 0.7 added 6 steps asked for and 3 plausible extra ones.
_CONCERN_SURE = 0.7


def _with_concerns(snap: CatalogSnapshot, event: LifeEvent) -> LifeEvent:
    """Each clause of the message that is not the situation itself and reads as surely as free
    text nearly gets (_CONCERN_SURE) as a service the checklist lacks — none of the checklist's
    services among its first hits — adds that service (项目评审专家老约不上怎么办 → 项目前期
    "一件事"). The search runs per clause, for life-event messages only."""
    listed = set(event.slugs(snap))
    read: list[str] = []
    for clause in _CLAUSE.findall(event.text):
        if len(read) == _MAX_CONCERNS:
            break
        if len(question_grams(clause, [])) < _CONCERN_GRAMS or _tells_a_situation(snap, clause):
            continue
        hits = snap.index.search(clause, _CONCERN_LOOK)
        if not hits or hits[0].confidence < _CONCERN_SURE or hits[0].slug in read \
                or any(h.slug in listed for h in hits):
            continue
        read.append(hits[0].slug)
    return replace(event, read=tuple(read)) if read else event


def _tells_a_situation(snap: CatalogSnapshot, clause: str) -> bool:
    """想在昌吉投资建厂: the clause is a scenario's own phrase or story, not a step's concern."""
    if snap.scenario_index is not None and any(
            h[3] >= SURE for h in snap.scenario_index.named_spans(clause)):
        return True
    return _opening(snap, clause) is not None


def _another_service(snap: CatalogSnapshot, event: LifeEvent, text: str) -> str | None:
    """我开了个小饭店，能不能凭流水贷款: the business is the setting, the question is 信用贷款 —
    a service outside the checklist that the free text reads as surely as free text gets
    (BM25_MAX_CONF), when the message names none of the checklist's services and does not ask
    for the procedures. The same rule as agent assist's (bot/assist_life_event.py); the search
    runs only for the few messages that read as a life event."""
    if event.named or PROCEDURES.search(normalize(text)):
        return None
    hits = snap.index.search(text, 1)
    if hits and hits[0].kind == "bm25" and hits[0].confidence >= BM25_MAX_CONF \
            and hits[0].slug not in event.slugs(snap):
        return hits[0].slug
    return None


# 我们是一家小型建筑公司 / 我是开烧烤店的 / 咱家是做物流的: the speaker says who they are.
_INTRODUCTION = re.compile(r"^(?:你好|您好|请问)?(?:我们|我|咱们|咱|俺们|俺|本人)"
                           r"(?:这边|这里|家|单位|公司)?(?:是|算是|属于|就是)")
_PAUSE = re.compile(r"[,.?!;:\s]+")


def introduced_only(snap: CatalogSnapshot, text: str) -> bool:
    """The only life event the message reads is who the speaker is (我们是一家小型建筑公司，…
    工程类的也是卡这个数吗): every scenario phrase and business opened lies in a first clause that
    introduces the speaker and asks nothing, and the message asks neither for the procedures nor
    how to go about the matter (我们是建筑公司，要办哪些手续 is the checklist's question)."""
    if snap.scenario_index is None:
        return False
    bare = _bare(text)
    first, *rest = _PAUSE.split(bare, maxsplit=1)
    if not rest or not rest[0] or not _INTRODUCTION.match(first) or QUESTION_CUE.search(first):
        return False
    if PROCEDURES.search(bare) or _GO_ABOUT.search(bare) or _HOW.search(bare):
        return False
    spans = [h[1] for h in snap.scenario_index.named_spans(bare) if h[3] >= SURE]
    opened = _opening(snap, bare)
    return (all(start < len(first) for start in spans)
            and (opened is None or opened[1] < len(first))
            and _opening(snap, rest[0]) is None)


Phrase = tuple[str, int, int]


def _told_after_who(bare: str, hits: list[Phrase],
                    opened: Phrase | None) -> tuple[list[Phrase], Phrase | None] | None:
    """The phrases of another situation told after a first clause that introduces the speaker
    and asks nothing (我是个体户开小超市的), when every other phrase lies in that clause."""
    first = len(_PAUSE.split(bare, maxsplit=1)[0])
    if not _INTRODUCTION.match(bare[:first]) or QUESTION_CUE.search(bare[:first]):
        return None
    found = [*hits, *([opened] if opened else [])]
    who = {h[0] for h in found if h[2] <= first}
    after = {h[0] for h in found if h[1] >= first}
    if not who or not after or who & after \
            or any(h[1] < first < h[2] for h in found):
        return None
    return ([h for h in hits if h[1] >= first],
            opened if opened is not None and opened[1] >= first else None)


_TRADE = re.compile(r"(?:是|算是)(?:做|干|搞|跑)[\u4e00-\u9fff]{1,8}的$")


def _spoken_of(bare: str, spans: list[tuple[int, int, str]],
               found: list[Phrase]) -> list[tuple[int, int, str]]:
    """The services named (`spans`) but those named only in a first clause that introduces the
    speaker by their trade (我是做X的) and asks nothing, when a situation (`found`) is told after
    it: 我是做代办的，手上有个客户要开餐饮公司，几天能办下来 — 代办 (帮办代办) says who asks; the
    client's 开饭馆 is asked. A business's kind (我们是外资企业，想在昌吉投资建厂) is its own case
    and stays named."""
    first = len(_PAUSE.split(bare, maxsplit=1)[0])
    if (first >= len(bare) or not _INTRODUCTION.match(bare[:first])
            or not _TRADE.search(bare[:first])
            or QUESTION_CUE.search(bare[:first]) or not any(f[1] >= first for f in found)):
        return spans
    return [span for span in spans if span[0] >= first]


# 要是工资拖欠了会咋样, said in a conversation: a supposition about the case at hand, which the
# conversation's service (or a related one) answers, not the situation itself being told.
_SUPPOSES = re.compile(r"^(?:那|那么)?(?:要是|如果|万一|假如|假设|若是)")
_SUPPOSITION_MAX = 20  # characters: longer, it may tell a situation of its own


def _life_event(snap: CatalogSnapshot, text: str, previous: str | None) -> LifeEvent | None:
    if text.startswith("/") or snap.scenario_index is None:
        return None  # a button payload; a catalog without scenarios
    bare = _bare(text)
    if previous and len(bare) <= _SUPPOSITION_MAX and _SUPPOSES.search(bare):
        return None
    hits = [h[:3] for h in snap.scenario_index.named_spans(bare)
            if h[3] >= SURE and not _DENIED.search(bare, 0, h[1])]
    opened = _opening(snap, bare)
    if not hits and opened is None:
        return None  # most messages: one phrase scan over a few hundred phrases, then out
    spans = _spoken_of(bare, _named(snap, bare), [*hits, *([opened] if opened else [])])
    first = min([*hits, *([opened] if opened else [])], key=lambda f: f[1])
    happened = _what_happened(snap, text, bare, first)
    if happened is not None:
        hits, opened = [h for h in hits if h[0] == happened[0]], happened
    told_after = _told_after_who(bare, hits, opened)
    if told_after is not None:
        # 我是个体户开小超市的，想贷点款进货…: the business says who the speaker is; the
        # situation told after it (贷款) is what they ask about.
        hits, opened = told_after
    if hits and opened is not None and opened[0] != hits[0][0] \
            and opened[1] <= hits[0][1] and hits[0][2] <= opened[2] \
            and opened[2] - opened[1] > hits[0][2] - hits[0][1]:
        # 到乌兹别克斯坦投资办厂: the situation told (investing abroad) holds the phrase (办厂)
        hits = []
    elif hits and opened is not None and opened[1] < hits[0][1]:
        if opened[0] == hits[0][0]:
            # 厂子要一下子招五六十个工人，招人渠道…有啥政策: the event where it is told first
            hits = [opened, *hits]
        elif _asked_in_its_clause(bare, hits[0][1]) \
                and any(a <= hits[0][1] and hits[0][2] <= b for a, b, _ in spans):
            # 想招一批应届大学生…引进人才有没有奖励: the situation told first (招人) beats a
            # later phrase that is itself a service's name (引进人才), a step asked about. But
            # 公司撑不下去了 想申请破产 tells the event (破产) in words, asking nothing.
            hits = []
    slug, start, end = hits[0] if hits else opened
    scenario = snap.scenarios.get(slug)
    if scenario is None:
        return None
    # A service named only inside the scenario's phrase (开化妆品店: 化妆品) is part of it; one
    # whose name covers the phrase (开诊所 is 医疗机构执业登记's alias) is named as well.
    covering = [slug for a, b, slug in spans if a <= start and end <= b]
    # Words that are any scenario's phrase (建厂 in 建厂的汽车厂) tell the situation, not a service.
    phrases = [(start, end), *((a, b) for _, a, b in hits)]
    outside = [slug for a, b, slug in spans if not any(p <= a and b <= q for p, q in phrases)]
    named = tuple(dict.fromkeys(outside))
    if _long_story(bare, start, end, spans):
        # 生意做不下去了，公司想注销，没有欠债。听说注销要跑工商又跑税务，还要登报花钱: a
        # situation told at length with its questions apart: the checklist, the services named
        # joining it (the one asked about leads the card).
        return _event(snap, scenario, named, bare, story=True)
    if not hits:
        # A life event read from loose words (开个…超市, 拖欠…货款) needs the message to ask how
        # to go about it, or to tell its story: 开个没人看店的小超市 要办食品许可证吗 and 起诉欠款的
        # 客户能网上立案吗 ask about one service.
        told = not QUESTION_CUE.search(bare) and not _asks_a_fact(bare)
        # 想投政府采购的标，有啥照顾政策 / 政府投资项目的前期工作，审批周期多长: the event as a
        # whole asked about (how long, how, what policy), no one service's fact.
        whole = _asks_whole(bare) and not _asks_a_fact(bare) and len(named) != 1
        if not (PROCEDURES.search(bare) or _GO_ABOUT.search(bare) or told or whole
                or _story(snap, scenario, bare, start, end, spans, named)):
            return None
    inside_a_name = any(a <= start and end <= b and b - a > end - start for a, b, _ in spans)
    if inside_a_name and not PROCEDURES.search(bare) and QUESTION_CUE.search(bare):
        # 投标保证金比例多少？融资担保费率是多少: the event's phrase (投标) is only part of a
        # longer service name, and the message asks questions: about that service and the others
        # named. (店不开了, both 注销's alias and 注销退出's trigger, still reads as the event.)
        return None
    if PROCEDURES.search(bare) or len({*covering, *named}) >= 2:
        # 开饭馆要办哪些手续; 开个饭馆，执照要办，后厨还要接燃气，加起来多久
        return _event(snap, scenario, named, bare)
    if previous and states_condition(text, snap.condition_words):
        return None  # 我们是开饭馆的, after 用电报装: its 非居民 variant
    if covering and not (_told_plainly(bare) and hits):
        # 开诊所要多久, 裁员要备案吗: the words name a service as well; that one. But 准备做医疗
        # 器械经营, told without a question, is the event.
        return None
    if not QUESTION_CUE.search(bare) and not _asks_a_fact(bare):
        # 开奶茶店，门面是租的，要接燃气: the plan told, not a question asked
        return _event(snap, scenario, named, bare)
    if _story(snap, scenario, bare, start, end, spans, named):
        # 厂子要招一批工人，有没有招聘平台？签合同能电子签吗: the event told, then questions about
        # its steps. But 开饭馆，货车进城限行吗 asks about a service the event does not hold.
        return _event(snap, scenario, named, bare)
    if named and not ((_HOW.search(bare) or _GO_ABOUT.search(bare))
                      and named[0] in {link.slug for link in scenario.services}):
        # 开饭馆用电要多久: about 用电报装 (its 非居民 variant, from 饭馆). But 想开个小诊所，注册
        # 公司跟医疗机构审批咋弄 asks how to go about it all, naming one of its steps.
        return None
    if _asks_a_fact(bare) and not _asks_whole(bare):
        return None  # 建厂房的审批材料去哪交: one service's fact
    return _event(snap, scenario, named, bare)  # 开饭馆要多久; 招员工有啥支持


def _event(snap: CatalogSnapshot, scenario: ScenarioOut, named: tuple[str, ...],
           bare: str, story: bool = False) -> LifeEvent:
    """The life event, with its main service: the first one the message names, else the
    checklist's service its words read closest to (开个收废品的站 要去公安备案吗 → 特种行业与
    保安服务许可), else the first. The search runs only here, for the few life-event messages."""
    event = LifeEvent(scenario, named, text=bare, story=story)
    if named:
        return event
    steps = event.slugs(snap)
    best = next((h.slug for h in snap.index.search(bare, 10) if h.slug in steps), None)
    return replace(event, main=best)


# A word (two characters) the plan uses in a few tasks only says which of a service's tasks a
# note or the message is about (抵押 → 第112条's 不动产抵押); 登记, 企业 … say nothing.
_DISTINCT_IN = 6


@lru_cache(maxsize=1)
def _task_bigrams() -> dict[int, frozenset[str]]:
    return {n: frozenset(t.text[i:i + 2] for i in range(len(t.text) - 1))
            for n, t in plan.tasks().items()}


@lru_cache(maxsize=1)
def _common_bigrams() -> frozenset[str]:
    counts: dict[str, int] = {}
    for grams in _task_bigrams().values():
        for g in grams:
            counts[g] = counts.get(g, 0) + 1
    return frozenset(g for g, c in counts.items() if c > _DISTINCT_IN)


def _also_cited(items: list[int], shown: int, words: str) -> list[int]:
    """The service's other tasks (第N条) the step's note or the message speaks of: the
    checklist cites them too, so each claim of a line has its clause."""
    grams = {words[i:i + 2] for i in range(len(words) - 1)} - _common_bigrams()
    table = _task_bigrams()
    return [n for n in items if n != shown and n in table and grams & table[n]]


def _button(slug: str, name: str) -> dict[str, str]:
    return {"title": name, "payload": f'/inform_service{{"service": "{slug}"}}'}


def life_event_answer(snap: CatalogSnapshot, event: LifeEvent) -> Answer:
    """The checklist: per service its time limit and 第N条, read from the catalog; where a
    service's limit depends on who asks and the scenario's own words say it (开饭馆 → 非居民
    用电), that variant — else every variant. The card is shaped as the several-services card
    (its main service's card plus `several`), so whatever reads a service card reads it."""
    scenario = event.scenario
    notes = {link.slug: link.note for link in scenario.services}
    lines: list[str] = []
    steps: list[dict[str, object]] = []
    buttons: list[dict[str, str]] = []
    for slug in event.slugs(snap):
        service = snap.services[slug]
        note = notes.get(slug, "")
        answer = compose(service, "time_limit", text=f"{scenario.name} {note}",
                         list_variants=True)
        # A checklist line stays short: the step's 第N条 without the plan's sentence (the card
        # quotes each step's task).
        line = render(LINE.get(answer.response, "utter_line_policy"),
                      {**answer.variables, "plan_quote": ""})
        item = int(answer.variables["item"])
        # Tasks the catalog quotes a line of for this service: a task linked for detail
        # questions only (企业开办's 第7条, 一照多址) is no step of the checklist.
        quoted = [f.item for f in (*service.fees, *service.materials, *service.notes,
                                   *service.time_limits) if f.item]
        also = _also_cited([n for n in service.items if n in quoted], item,
                           f"{note} {event.text}")
        if note or also:
            line += STEP_SEPARATOR + note + "".join(f"（第{n}条）" for n in also)
        lines.append(f"{len(lines) + 1}. {line}")
        # The card quotes each step's task (its 依据) from the plan itself, as the line cites it.
        steps.append({"slug": service.slug, "name": service.name, "note": note, "item": item,
                      "time_limit": answer.variables["time_limit"] or None,
                      "condition": answer.condition,
                      "citation": {"item": item, "text": plan.task(item).text},
                      "also": [{"item": n, "text": plan.task(n).text} for n in also]})
        buttons.append(_button(service.slug, service.name))
    variables = {
        "scenario_name": scenario.name,
        "lines": "\n".join(lines),
        "description": scenario.description,
    }
    # Shaped as the several-services card (a main service's slug and name, `several`), so
    # whatever reads service cards reads it; the main service is the first one named.
    main = next((s for s in steps if s["slug"] == event.lead), steps[0] if steps else {})
    card = {"type": "life_event", "slug": main.get("slug"), "name": main.get("name"),
            "scenario": scenario.slug, "scenario_name": scenario.name, "steps": steps,
            # The service the message itself is about (named, or read as its main concern):
            # a follow-up naming nothing (在哪办, 多久能批下来) asks about it.
            "lead": event.lead if any(s["slug"] == event.lead for s in steps) else None,
            "several": [{"slug": s["slug"], "name": s["name"]} for s in steps]}
    return Answer("utter_life_event", variables, card, buttons)


def checklist_text(snap: CatalogSnapshot, event: LifeEvent) -> str:
    """The checklist as one text (agent assist, degraded mode)."""
    answer = life_event_answer(snap, event)
    return render(answer.response, answer.variables)


# A step's clause answers the message, under the checklist, from this much evidence: twice a
# detail's minimum (the message also tells the situation, whose words may share a pair or two
# with any step's clauses).
STEP_DETAIL_EVIDENCE = 2 * MIN_EVIDENCE


def step_detail(snap: CatalogSnapshot, event: LifeEvent, text: str) -> Answer | None:
    """客户投政府采购的标，保证金怎么交: a checklist read from the situation, and a detail one
    step's clause answers clearly (第23条 投标保证金收取比例低于2%): that clause, to quote under
    the checklist with its 第N条. The step the message is most about (its lead) answers if its
    clause reads well enough (STEP_DETAIL_EVIDENCE); else the step whose clause reads best, by a
    clear margin over another step's. None for a message asking for the procedures."""
    if PROCEDURES.search(_bare(text)):
        return None
    found: list[tuple[float, str, Answer]] = []
    for slug in event.slugs(snap):
        detail = detail_answer(snap.services[slug], text)
        if detail is not None and detail.card:
            found.append((float(detail.card["evidence"][0]["score"]), slug, detail))
    found = sorted((f for f in found if f[0] >= STEP_DETAIL_EVIDENCE), key=lambda f: -f[0])
    lead = next((f for f in found if f[1] == event.lead), None)
    if lead is not None:
        return lead[2]
    if not found or (len(found) > 1 and found[1][0] >= SECOND_RATIO * found[0][0]):
        return None
    return found[0][2]
