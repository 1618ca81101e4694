"""A second question in a clause of its own that the plan addresses in words of its own (晚上能办
吗 → 第2条 不打烊) is not dropped when the answer settles on another matter: it follows in the
related-matters bubble. A clause that only tells the scene adds nothing, nor does a one-clause
question."""

from __future__ import annotations

import re

from actions.catalog_answers import ActionAnswerService
from services_catalog import plan
from services_catalog.asked_matters import around, asked_matters, asking_clauses, beside_answer
from services_catalog.evidence import plan_words
from tests.actions.conftest import question_tracker, uncited_figures

CITE = re.compile(r"第(\d{1,3})条")


def related(run) -> list[dict]:  # noqa: ANN001 (the conftest's Run)
    return [m for m in run.messages if (m.get("custom") or {}).get("type") == "related_matters"]


def test_a_second_question_of_another_matter_gets_its_clause(run_action) -> None:
    text = "想开个烤肉店，要办哪些手续？周末和晚上能办吗"
    run = run_action(ActionAnswerService(), question_tracker(text, "ask_howto"))
    extra = related(run)
    assert len(extra) == 1, [m.get("text") for m in run.messages]
    bubble = extra[0]["text"]
    assert "第2条" in bubble and "不打烊" in bubble
    assert uncited_figures(bubble) == []


def test_a_question_of_ownership_beside_a_lawsuit_gets_its_clause(run_action) -> None:
    text = "合伙建的仓库被对方说成是他们的，产权到底归谁？我们能不能快点立案"
    run = run_action(ActionAnswerService(), question_tracker(text, "ask_policy"))
    replies = "\n".join(m.get("text") or "" for m in run.messages)
    assert "第150条" in replies and "产权" in replies


def test_a_clause_telling_the_scene_adds_no_matter() -> None:
    # 来回跑了三趟 reads strongly as 第1条 but tells the case; the question is about the licence.
    assert asked_matters("来回跑了三趟，营业执照变更到底要啥材料") == ()


def test_a_one_clause_question_adds_no_matter(run_action) -> None:
    assert asked_matters("政务大厅晚上能办吗") == ()
    run = run_action(ActionAnswerService(), question_tracker("企业开办要几天？", "ask_time_limit"))
    assert related(run) == []


def test_a_worry_in_the_plan_words_of_another_area_adds_no_matter(run_action) -> None:
    # 查封 is 第164条's word for unfreezing; asked of a house it is a 不动产 lookup (第113条).
    text = "想查下这套房有没有被查封，去哪查"
    run = run_action(ActionAnswerService(), question_tracker(text, "ask_channel"))
    assert "第164条" not in "\n".join(m.get("text") or "" for m in run.messages)
    # 冻住 asked beside a fraud: the answer's own task (快速冻结) addresses it already.
    text = "被人冒充供货商骗了钱，对方的账户能冻住吗"
    run = run_action(ActionAnswerService(), question_tracker(text, "ask_policy"))
    assert "第164条" not in "\n".join(m.get("text") or "" for m in run.messages)


def test_a_question_of_another_clause_of_the_answers_own_task_gets_it(run_action) -> None:
    # The card answers the port's fees (第102条's fee clause); the clause on its inspection
    # equipment, asked in a question of its own, follows quoted with 第102条.
    text = "货走奇台口岸，口岸的收费清单公开了没有？那边的查验设备现在是不是信息化了"
    run = run_action(ActionAnswerService(), question_tracker(text, "ask_fee"))
    replies = "\n".join(m.get("text") or "" for m in run.messages)
    assert "第102条" in replies and "查验设施设备信息化建设" in replies, replies
    assert uncited_figures(replies) == []


def test_an_own_clause_the_reply_already_states_is_not_repeated() -> None:
    from services_catalog.asked_matters import unquoted_own

    text = "我们开了家火锅店，燃气报装大概要几天"
    assert unquoted_own(text, {46}, "燃气报装的承诺办理时限是10个工作日（第46条）") == {}
    # no reply, or one question in one clause: nothing is read
    assert unquoted_own("燃气报装大概要几天", {46}, "无关的回答") == {}


def test_an_own_clause_cut_short_before_the_words_asked_is_quoted_there() -> None:
    # The reply quoted 第79条's long clause from its start, cut before the self-hired guards the
    # question asks of: it is quoted again from the part holding those words.
    from services_catalog.asked_matters import unquoted_own

    text = "打算开个废品回收站，要办啥手续？我们自己雇来看场子的保安员是不是也得备案"
    reply = ("特种行业与保安服务许可备案：优化特种行业申请备案——依托新疆公安网上办事大厅、"
             "“新疆公安”APP等平台，对特种行业、保安服务、爆破作业等单位行政许可申请……（第79条）")
    quote = unquoted_own(text, {1, 3, 79}, reply)[79]
    assert quote.startswith("……") and "自行招用保安员" in quote and len(quote) <= 80


def test_a_long_clause_is_quoted_around_the_words_asked() -> None:
    from services_catalog.asked_matters import QUOTE_MAX, around

    clause = "甲乙丙丁戊己庚辛，" * 9 + "对在同一窗口提出的申请集中统一办理和领证"
    cut = around(clause, "能不能在一个窗口统一领证")
    assert cut.startswith("……") and cut.endswith("集中统一办理和领证")
    assert len(cut) <= QUOTE_MAX + 2
    assert around("短句不切", "领证") == "短句不切"


def test_a_rendered_reply_gets_the_clause_the_second_question_asks(run_action) -> None:
    text = "我们准备开一家保安服务公司，许可去哪办？另外单位自己招的保安员要不要去备案"
    run = run_action(ActionAnswerService(), question_tracker(text, "ask_howto"))
    # Every message as the user reads it: the clause may come as the checklist step's detail
    # (a response template) or as the further-matters bubble (plain text).
    replies = run.reply
    assert "第79条" in replies and "自行招用保安员" in replies, replies
    assert uncited_figures(replies) == []


def _replies(run) -> str:  # noqa: ANN001 (the conftest's Run)
    return "\n".join(t or "" for t in run.texts)


def test_a_shop_run_for_years_grown_into_a_company_is_not_opening_a_shop(run_action) -> None:
    # 开了三年的小卖铺 is the asker's business, not one to open: the 个体户转企业 checklist, and
    # its two questions get their clauses (不用交纸质 → 无纸化登记, 一次办完 → 一件事一次办).
    text = ("家里开了三年的小卖铺，打算改成公司。营业执照是不是不用交纸质的了？"
            "有没有一次就能办完的清单？")
    run = run_action(ActionAnswerService(), question_tracker(text, "ask_howto"))
    replies = _replies(run)
    assert "个体户转企业" in replies and "开超市" not in replies
    assert "无纸化登记" in replies and "第10条" in replies
    assert "一件事一次办" in replies and "第15条" in replies
    assert uncited_figures(replies) == []


def test_a_short_question_clause_is_read_with_its_sentence() -> None:
    # 能在网上参加吗 says nothing of what: the clause before it does (开庭 … 网上 → 在线庭审).
    from services_catalog.asked_matters import unquoted_own  # noqa: PLC0415 (only here)

    text = "下周开庭，我们的律师人在外地，能在网上参加吗？"
    own = unquoted_own(text, {153}, "在线诉讼（第153条）")
    assert "在线庭审" in own.get(153, "")


def test_a_question_read_through_the_plans_own_term_gets_its_clause(run_action) -> None:
    # 开庭…在网上参加 is the plan's 在线庭审 (第153条): read below the bar of chance pairs,
    # since the clause holds the term the plan-words table gives for the question's words.
    text = ("我们公司被人告了，要做个司法鉴定，能不能网上选机构？"
            "下个月开庭，老板人在外地回不来，能在网上参加吗")
    run = run_action(ActionAnswerService(), question_tracker(text, "ask_policy"))
    replies = "\n".join(m.get("text") or "" for m in run.messages)
    assert "第153条" in replies and "在线庭审" in replies, replies
    assert uncited_figures(replies) == []


def test_a_plan_term_read_two_ways_or_asking_together_adds_no_matter() -> None:
    from services_catalog.asked_matters import TERM_EVIDENCE, _in_plan_terms  # noqa: PLC0415
    from services_catalog.evidence import relevant_clauses  # noqa: PLC0415
    from services_catalog.plan import tasks  # noqa: PLC0415

    every = list(tasks())
    # 网上开 means 网络会议 (第141条's creditors' meetings) as well as 在线庭审: not one reading.
    words = "开庭能不能网上开"
    best = relevant_clauses(every, words, [])[0]
    assert best.score >= TERM_EVIDENCE and not _in_plan_terms(words, best)
    # 一起办 asks how the matters named are combined, not 第1条's 同步办理 of 企业开办.
    together = asked_matters("公司注销和税务注销，能在一个平台一起办吗？还要跑几趟")
    assert all(a.task != 1 for a in together)


def test_the_countryside_means_the_grassroots_only_of_government_business() -> None:
    from services_catalog.evidence import plan_words  # noqa: PLC0415

    assert "基层" in plan_words("我住在乡下，办个证是不是还得跑县城")
    assert "基层" not in plan_words("货能不能配送到村里")
    assert "基层" not in plan_words("跑乡下送货的时候总被罚款")


# Terse voice questions (issue 15): a sub-question read in the plan's own terms for its words
# crosses the area guard; a negated guess or hearsay asks; a long aside is left out of a quote.

def test_a_term_question_of_another_area_beside_a_checklist_gets_its_clause(run_action) -> None:
    # 小孩上学 → 随迁子女 义务教育 (第55条, chapter 八) beside a factory-building checklist.
    text = "我们要在园区建个新厂 职工的小孩上学怎么安排"
    run = run_action(ActionAnswerService(), question_tracker(text, "ask_howto"))
    replies = run.reply  # as the user reads it (the step's detail is a response template)
    assert "第55条" in replies and "随迁子女" in replies
    assert uncited_figures(replies) == []


def test_a_term_question_crosses_areas_unless_the_answer_reads_it() -> None:
    text = "我们要在园区建个新厂 职工的小孩上学怎么安排"
    assert 55 in beside_answer(text, {88, 111})  # chapters 十 and 十三: a checklist
    assert beside_answer(text, {55}) == {}  # the answer's own task: nothing added
    # Beside a one-chapter answer too, for the plan-words table states the reading in full
    # (小孩上学 → 随迁子女 义务教育) and 第88条 says none of its terms (i15-life8b's rule).
    assert 55 in beside_answer(text, {88})


def test_a_negated_guess_asks_and_reads_as_its_clause() -> None:
    # 不能视频参加吧 asks (a guess to set right): 第141条 网络会议 of creditors' meetings.
    text = "供货商撑不住了 法院要开债权人会议 我们离得远 不能视频参加吧"
    assert "不能视频参加吧" in asking_clauses(text)
    assert "网络会议" in beside_answer(text, {139})[141]  # the same chapter (十六)


def test_a_hearing_attended_online_stays_the_courts_online_trial() -> None:
    assert plan_words("开庭的时候能不能视频参加") == "在线庭审"


def test_hearsay_asks_and_no_deed_reads_as_the_address_promise() -> None:
    text = "开个饭馆 听说还要交房本复印件 多久能办好"
    assert "听说还要交房本复印件" in asking_clauses(text)
    quote = beside_answer(text, {3})[5]  # the same chapter (一)
    assert "不再提交住所产权证明材料" in quote and "承诺住所" in quote


def test_a_long_aside_in_brackets_is_left_out_of_the_quote() -> None:
    clause = next(c.quote for c in plan.task(89).clauses if "施工许可证" in c.quote)
    cut = around(clause, "三千平以下的仓库审批 小型低风险 建筑面积")
    assert cut.endswith("施工许可证") and "（……）" in cut and "3000" not in cut


def test_a_weak_term_reading_does_not_cross_areas() -> None:
    # 到现场 → 网络会议 reads 第141条 (破产会议) weakly; beside a bidding checklist it is no matter.
    text = "头回参加政府采购投标 押金交多少 是不是要人到现场"
    assert beside_answer(text, {17, 23, 33}) == {}
