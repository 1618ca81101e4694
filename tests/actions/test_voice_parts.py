"""Voice-typed messages (no stops, 然后/还有 between questions) and everyday words for a second
matter (欠的款拿去贷款 → 应收账款质押; 欠的钱要回来 → 清欠): the second question gets its 第N条
and the plan's words beside the answer (i15-life11). Own wordings, not those of a question set."""

from __future__ import annotations

from services_catalog.asked_matters import asked_matters, asking_clauses, beside_answer
from services_catalog.evidence import plan_words


def test_a_question_after_then_is_read_on_its_own() -> None:
    text = "我们饭馆被查出菜单标价有问题 第一次这样也要罚吗 然后我们税务上有过失信记录 能不能撤掉"
    clauses = asking_clauses(text)
    assert clauses[-1].startswith("然后"), clauses
    assert "菜单" not in clauses[-1]
    extra = beside_answer(text, {130})
    assert 108 in extra and "信用修复" in extra[108]


def test_also_before_any_question_still_joins_its_list() -> None:
    # 还有 inside a list asked at its end: the short question is read with the whole list.
    clauses = asking_clauses("我想领税务ukey,还有开电子发票,收不收钱")
    assert clauses == ("我想领税务ukey,还有开电子发票,收不收钱",)


def test_still_a_way_is_no_second_matter() -> None:
    clauses = asking_clauses("想借点钱周转,名下啥也没有能抵押的,还有路子吗")
    assert clauses[-1].startswith("名下") or "借点钱" in clauses[-1], clauses


def test_a_double_verb_question_asks() -> None:
    text = "想在村里开个连锁便利店 政府鼓励不鼓励往乡下开 还有执照要改地址 去哪办"
    clauses = asking_clauses(text)
    assert clauses[0] == "政府鼓励不鼓励往乡下开", clauses
    assert 60 in beside_answer(text, {1, 3, 6})


def test_money_owed_to_us_for_a_loan_is_receivables_pledged() -> None:
    text = "厂子想扩产 政府有啥扶持 还有客户欠我们的账款能不能拿去银行贷款"
    assert "应收账款" in plan_words("客户欠我们的账款能不能拿去银行贷款")
    extra = beside_answer(text, {39})
    assert 35 in extra and "应收账款质押" in extra[35]


def test_money_owed_got_back_is_the_plans_clearing() -> None:
    text = "给乡政府修了一段路 钱一直没结 以后投政府采购的标咋知道他们有没有钱 还有欠着的能不能追回"
    extra = beside_answer(text, {26})
    assert 129 in extra and "清欠" in extra[129]
    assert 22 in extra and "足额安排资金" in extra[22]


def test_a_licence_made_into_a_phone_one_is_the_electronic_licence() -> None:
    words = plan_words("执照能不能变成手机上的")
    assert "电子营业执照" in words and "全流程网办" not in words
    extra = beside_answer("执照能不能变成手机上的 省得带着纸的 还有年报每年要报几个地方", {2, 9})
    assert 10 in extra and "电子化" in extra[10]


def test_green_project_money_and_country_papers() -> None:
    text = "我们做风电 用地审批要几天 还有政府对绿色项目有没有贷款上的支持"
    assert 63 in beside_answer(text, {111})
    extra = beside_answer("外地来的师傅想落户 要不要回去跑 还有他在老家的证明能不能在这边办", {51})
    assert 64 in extra and "跨省通办" in extra[64]


def test_trainees_subsidy_and_a_licence_days() -> None:
    extra = beside_answer("我们学校想给学员评技能等级 能发证吗 学员培训有没有补贴", {53})
    assert 54 in extra and "职业技能培训补贴" in extra[54]
    extra = beside_answer("准备开家物业公司。执照几天能拿照？后面的许可能网上办吗？", {79})
    assert 3 in extra and "3个工作日" in extra[3]


def test_a_mortgage_signed_online_and_a_judgment_not_obeyed() -> None:
    extra = beside_answer("买了个门面要过户 要几天 以后拿去抵押 抵押登记要不要到现场签字", {111})
    assert 112 in extra and "电子签章" in extra[112]
    extra = beside_answer("客户欠我货款 想先调解 要是判了他还不给咋弄", {143, 156})
    assert 159 in extra


def test_a_question_naming_its_matter_in_the_clause_before() -> None:
    # 补贴 of what? The clause before names the training: 第54条's 职业技能培训补贴.
    extra = beside_answer("新招了一批学徒 打算送去搞培训 政府有没有补贴 还有能不能自己评等级", {53})
    assert 54 in extra and "职业技能培训补贴" in extra[54]
    extra = beside_answer("我带的几个工人 老板一直拖着工钱不给 这些工人咋维权", {27})
    assert 167 in extra and "欠薪" in extra[167]


def test_a_scene_alone_lends_no_reading_to_a_question() -> None:
    # 电脑手机 … 办执照: no 一照办电 of a cue joining the scene's words to the question's.
    assert not any(a.task == 41 for a in asked_matters(
        "我们两口子不会弄电脑手机，办执照是不是还得一趟趟跑？售货柜要不要单独办许可？"))
