"""Follow-ups inside a conversation that name no service, or only a unit.

Each rule reads the conversation's service (and the plan's clauses) and answers what the short
follow-up asks of it, instead of drifting to a capability blurb, another service's channel or
the time limit:

- 要跑现场吗 / 得跑一趟不: the service's clause saying it is done online (第2条 全流程网办);
- 要几天 after a step with no time limit of its own (住所登记承诺制): the time limit of the
  matter its clause says it serves (…即可办理企业开办 → 企业开办 3个工作日, 第3条);
- 那税务那边的失信名单呢 after 法院失信: the sibling service of the unit named (纳税信用修复,
  州税务局, 第108条);
- 还能咨询啥 after 商标业务受理窗口: the clause listing what the service offers to do
  (第137条 商标注册、商标续展、商标侵权纠纷等咨询服务).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from services_catalog.answers import HOTLINE_SLUG, Answer, quoting_answer, service_tasks
from services_catalog.evidence import Evidence, pairs, relevant_clauses
from services_catalog.normalize import normalize
from services_catalog.plan import Clause
from services_catalog.plan import task as plan_task
from services_catalog.question_cues import content_besides_cues
from services_catalog.schemas import ServiceOut
from services_catalog.snapshot import CatalogSnapshot

# --- 要跑现场吗: whether one must go in person ---

# Going in person asked yes or no (要跑现场吗, 得跑一趟不, 用不用去大厅, 要本人去吗), not how
# many visits (跑几趟) nor where (去哪办).
_VISIT_ASKED = re.compile(
    r"(?:要|得|用|必须|需要)?(?:亲自|本人)(?:到现场|去现场|去|跑|到场)(?:一趟|一次|一回|一下)?"
    r"|跑现场|去现场|到现场|现场跑|(?:要|得|用|必须)跑(?:一趟|一次)?[吗不么嘛没]"
    r"|用不用(?:亲自)?(?:去|跑)(?:一趟|一次)?|要不要(?:亲自)?(?:去|跑)(?:一趟|一次)?"
    r"|(?:要|得|用)(?:去|跑)(?:窗口|大厅|现场)[吗不么嘛]?")
# A clause saying the matter is done without a visit, in the plan's words.
# 移动端联合办理 (第31条 灵活就业人员参保…在移动端联合办理): done on the phone is done online.
_NO_VISIT_SAID = re.compile(r"全流程网办|全程网办|网上全流程|全程网上|不见面|零跑|掌上办|网上办理"
                            r"|网上(?:查询|申请|受理)|在线(?:办理|查询|申请|受理|可视化)"
                            r"|移动端(?:联合)?(?:办理|可办)")


# Words a visit question may say besides going in person (要本人去现场吗); more than this tells
# a case of its own (人在外地 不想回去现场核身份: 第3条 远程身份验证), which other rules read.
VISIT_MAX_REST = 2


def asks_visit(text: str) -> bool:
    """要跑现场吗 / 得跑一趟不: whether one has to go there in person, and no more."""
    norm = normalize(text)
    m = _VISIT_ASKED.search(norm)
    if m is None:
        return False
    return len(content_besides_cues(norm[:m.start()] + " " + norm[m.end():])) <= VISIT_MAX_REST


def _own_clauses(service: ServiceOut) -> list[Clause]:
    return [c for n in service_tasks(service) for c in plan_task(n).clauses]


def _quote(service: ServiceOut, clause: Clause) -> Answer:
    """The service's answer quoting one clause of its own tasks (第N条)."""
    return quoting_answer(service, [Evidence(clause, 1.0)], [service.name, *service.aliases])


def done_online(service: ServiceOut) -> bool:
    """Whether a clause of the service's own tasks says it is done online (第112条 “全程网办”)."""
    return any(_NO_VISIT_SAID.search(c.text) for c in _own_clauses(service))


def no_visit_answer(service: ServiceOut, text: str) -> Answer | None:
    """要跑现场吗 after 企业开办: the clause of its own tasks that says it is done online
    (第2条 “企业开办”全流程网办), which answers "no need", rather than the list of channels.
    None when the question asks no such thing or no clause of the service says so."""
    if not asks_visit(text):
        return None
    clause = next((c for c in _own_clauses(service) if _NO_VISIT_SAID.search(c.text)), None)
    if clause is None:
        return None
    return _quote(service, clause)


# What must be done in person, said besides the visit (核身份, 签字): a clause of the service
# saying it is done remotely or online and sharing a word with it answers that very thing.
_REMOTE_SAID = re.compile(_NO_VISIT_SAID.pattern + r"|远程|电子签")


def remote_answer(service: ServiceOut, text: str) -> Answer | None:
    """必须本人到场核身份吗 after 企业开办, whatever field the NLU guessed (材料): a visit asked
    for a thing that a clause of the service's own tasks says is done remotely (第3条 提供人脸、
    远程等多种身份验证方式), sharing a word with it (身份). None when no visit is asked, nothing
    besides the visit is said, or no such clause shares a word."""
    norm = normalize(text)
    m = _VISIT_ASKED.search(norm)
    if m is None:
        return None
    rest = content_besides_cues(norm[:m.start()] + " " + norm[m.end():])
    said = pairs(rest)
    if len(rest) <= VISIT_MAX_REST or not said:
        return None
    clause = next((c for c in _own_clauses(service)
                   if _REMOTE_SAID.search(c.text) and said & pairs(c.text)), None)
    if clause is None:
        return None
    return _quote(service, clause)


# --- 要几天 after a step: the limit of the matter it serves ---


def served_service(snap: CatalogSnapshot, service: ServiceOut) -> ServiceOut | None:
    """The matter a service with no time limit of its own is a step of: the one service with a
    time limit whose name its own quoted clause writes (住所登记承诺制, 第5条 …即可办理企业开办
    → 企业开办; 小型低风险项目审批 → 工程建设项目审批). None when it has a limit itself, or its
    clause names no such service or more than one."""
    if service.time_limits:
        return None
    said = normalize(service.citation.text)
    named = [other for other in snap.services.values()
             if other.slug != service.slug and other.time_limits
             and normalize(other.name) in said]
    return named[0] if len(named) == 1 else None


# --- 那税务那边的…呢: a sibling service of the unit named ---

# The units a business names a side by (税务那边, 法院那头, 银行方面), each with the word its
# lead unit is written with.
_UNITS = {"税务": "税务", "法院": "法院", "银行": "金融", "社保": "人社", "人社": "人社",
          "医保": "医保", "公安": "公安", "市场监管": "市场监督", "工商": "市场监督",
          "住建": "住建", "自然资源": "自然资源", "供电": "供电", "电力": "供电",
          "司法": "司法", "检察": "检察"}
_SIDE = re.compile(r"(" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"
                   r"(?:局|部门|机关)?[\u4e00-\u9fff]{0,2}?(?:那边|那头|那块|这边|这头|方面|那里|那儿)")


def _unit_of(service: ServiceOut) -> str:
    return " ".join([service.lead_unit or "", service.name])


def _clause_score(service: ServiceOut, words: str) -> float:
    """How well the service's clauses address the words, its own names counting too (失信名单
    is 纳税信用修复's word as much as its clause's)."""
    found = relevant_clauses(service_tasks(service), words, [])
    return found[0].score if found else 0.0


def unit_switch(snap: CatalogSnapshot, previous: str | None, text: str) -> str | None:
    """那税务那边的失信名单呢 after 失信信息删除与信用修复 (州中级人民法院): the service led by
    the unit named whose clauses address the rest of the message (纳税信用修复, 州税务局, 第108条
    …失信案件和当事人名单), not the conversation's service again because 失信名单 is its alias.
    None when no unit side is named, the conversation's service is that unit's, or no service
    of that unit addresses the rest (nor is that unit's part of the same matter)."""
    if previous is None or previous not in snap.services:
        return None
    m = _SIDE.search(normalize(text))
    if m is None:
        return None
    unit = _UNITS[m.group(1)]
    current = snap.services[previous]
    if unit in _unit_of(current):
        return None
    rest = normalize(text).replace(m.group(0), " ")
    theirs = [s for s in snap.services.values() if unit in _unit_of(s) and s.slug != previous]
    best = max(((_clause_score(s, rest), s.slug) for s in theirs), default=(0.0, None))
    if best[0] > 0:
        return best[1]
    # 税务那头要单独跑吗 after 简易注销 asks nothing a clause addresses: that unit's part of the
    # same matter, the one sibling whose name holds the unit and the matter's head word (注销 →
    # 企业注销与税务注销).
    head = current.name[-2:]
    same = [s.slug for s in theirs if unit in s.name and head in s.name]
    return same[0] if len(same) == 1 else None


# --- 还能咨询啥: what else the service offers ---

# What else one may consult or have done there (还能咨询啥, 还可以办理什么, 还提供哪些服务),
# with the verb it asks of; 还能问啥 / 还能办啥 may ask the assistant itself, so they stay out.
_WHAT_ELSE = re.compile(r"还(?:能|可以|可|有|会)?(?P<verb>咨询|办理|提供|受理)(?:些|点)?"
                        r"(?:啥|什么|哪些|别的|其他)")


def asks_what_else(text: str) -> bool:
    """还能咨询啥 / 还提供哪些服务: what else the service offers, asked."""
    return _WHAT_ELSE.search(normalize(text)) is not None


def what_else_answer(service: ServiceOut, text: str) -> Answer | None:
    """还能咨询啥 after 商标业务受理窗口: the clause of its own tasks that lists what it offers with
    that verb (第137条 …提供商标注册、商标续展、商标侵权纠纷等咨询服务), not the bot's own list of
    what it can answer. None when no such question is asked or no clause writes the verb."""
    m = _WHAT_ELSE.search(normalize(text))
    if m is None:
        return None
    verb = m.group("verb")
    clause = next((c for c in _own_clauses(service) if verb in c.text and "等" in c.text), None)
    clause = clause or next((c for c in _own_clauses(service) if verb in c.text), None)
    if clause is None:
        return None
    return _quote(service, clause)


# --- 去哪反映: where to report a problem ---

# Where, whom or which number to report a problem to (去哪反映, 打哪个电话反映, 找谁投诉).
_REPORT = "反映|投诉|举报|申诉"
_REPORT_WORD = re.compile(_REPORT)
_REPORT_WHERE = re.compile(r"哪|谁|电话|号码|热线|渠道|途径")
# A service named for reports (供水燃气投诉, 政府采购质疑投诉) or whose clause names where they
# are taken (…投诉平台, 受理举报) is where to report about it; the 12345 hotline is asked of the
# others (拖欠中小企业账款 只写 核查办理各级投诉线索).
_REPORT_NAMED = re.compile(_REPORT + "|诉求")
_TAKES_REPORTS = re.compile(rf"(?:{_REPORT_NAMED.pattern})(?:电话|热线|平台|窗口|渠道|中心"
                            rf"|协同|受理)|(?:受理|接收|接受|处理)(?:企业)?(?:{_REPORT_NAMED.pattern})")


def asks_where_to_report(text: str) -> bool:
    """去哪反映 / 有问题打哪个电话反映: where or whom to report a problem to."""
    norm = normalize(text)
    return bool(_REPORT_WORD.search(norm) and _REPORT_WHERE.search(norm))


def report_switch(snap: CatalogSnapshot, previous: str | None, text: str) -> str | None:
    """去哪反映 after 拖欠中小企业账款: where to report a problem, asked of a service that takes
    no reports (its clauses and names say nothing of 反映/投诉), nor does a related one: the
    plan's channel for reports, the 12345 hotline (第77条 “接诉即办”). None when nothing of the
    kind is asked, or the conversation's service or a related one takes reports itself."""
    hotline = snap.services.get(HOTLINE_SLUG)
    if (hotline is None or previous is None or previous == HOTLINE_SLUG
            or previous not in snap.services or not asks_where_to_report(text)):
        return None
    current = snap.services[previous]
    # 自来水公司拖着不装，投诉找谁 after 用水报装 reads as 供水燃气投诉 (第44条), which takes it.
    # Read without its report words, which any complaint service's examples hold (去哪反映),
    # and on a rare word of what is told (自来水, 燃气公司), not a generic one (有问题).
    told = _REPORT_WORD.sub(" ", normalize(text))
    rare = [w for w, weight in snap.index.content_words(told).items() if weight >= REPORT_RARE]
    read = [snap.services[h.slug] for h in snap.index.search(told, REPORT_RIVALS)
            if h.confidence >= REPORT_READ and h.slug != HOTLINE_SLUG and any(
                len(m) > 1 and (m in w or w in m) for m in h.matched.split() for w in rare)]
    if any(_takes_reports(s) for s in [current, *read]):
        return None
    return HOTLINE_SLUG


def report_first(snap: CatalogSnapshot, text: str, steps: Iterable[str] = ()) -> str | None:
    """我是开饭馆的…遇到难处想打电话反映，该打哪个号码, opening a conversation: where to report
    a problem, told of no matter that takes reports itself (its words read none of the services
    named for reports, 供水燃气投诉, 外商投资企业投诉 …): the plan's channel for reports, the
    12345 hotline (第77条), not the checklist for the trade told (开饭馆). None otherwise, and
    None when a step of that checklist (`steps`) takes reports itself (政府采购质疑投诉 of a
    bidder's checklist: 中标的串通好的，到哪去反映)."""
    if HOTLINE_SLUG not in snap.services or not asks_where_to_report(text):
        return None
    told = _REPORT_WORD.sub(" ", normalize(text))
    rare = [w for w, weight in snap.index.content_words(told).items() if weight >= REPORT_RARE]
    read = [snap.services[h.slug] for h in snap.index.search(told, REPORT_RIVALS)
            if h.confidence >= REPORT_READ and h.slug != HOTLINE_SLUG and any(
                len(m) > 1 and (m in w or w in m) for m in h.matched.split() for w in rare)]
    named = [snap.services[h.slug] for h in snap.index.mentions(text)
             if h.confidence >= 1.0 and h.slug != HOTLINE_SLUG]
    listed = [snap.services[slug] for slug in steps if slug in snap.services]
    if any(_takes_reports(s) for s in [*read, *named, *listed]):
        return None
    return HOTLINE_SLUG


REPORT_RIVALS = 3  # the best free-text readings of the message looked at
REPORT_READ = 0.35  # resolve.SEARCH_MIN: below it a reading is noise
REPORT_RARE = 3.0  # IDF of a word that names a thing (自来水 3.7), not a generic one (问题 2.2)


def _takes_reports(service: ServiceOut) -> bool:
    return bool(_REPORT_NAMED.search(" ".join([service.name, *service.aliases])) or any(
        _TAKES_REPORTS.search(c.text) for c in _own_clauses(service)))


def report_answer(hotline: ServiceOut) -> Answer:
    """The hotline's clauses, each with its 第N条 (加强“12345”平台建设 … 深化“接诉即办”), as the
    answer to where one reports a problem."""
    evidence = [Evidence(c, 1.0) for c in _own_clauses(hotline)[:REPORT_CLAUSES]]
    return quoting_answer(hotline, evidence, [hotline.name, *hotline.aliases])


REPORT_CLAUSES = 2  # the hotline itself and how it handles what is reported (接诉即办)
