"""Going to court in the matter at hand (turn28): 打官司 / 起诉 / 告了赢了还不给 in a conversation
about a matter that is not the court's is that matter's court task, not the generic court steps
the word names (涉企网上立案, 诉前调解, 执行). Wordings are new, not the sets'."""

from __future__ import annotations

from services_catalog.answers import court_items, goes_to_court
from services_catalog.resolve import court_of_the_matter, resolve
from tests.actions.conftest import follow_up, uncited_figures


def test_going_to_court_is_read() -> None:
    assert goes_to_court("那要是去法院告他们呢")
    assert goes_to_court("判下来了他们还是拖着")
    assert not goes_to_court("能网上办吗")


def test_court_tasks_of_a_matter_citing_others_too(snap) -> None:
    assert court_items(snap.services["sme-arrears"]) == [161]
    # a court's service whose tasks are all the court's has none set apart
    assert court_items(snap.services["online-case-filing"]) == []


def test_suing_over_infringement_is_the_ip_court(snap) -> None:
    # 打官司 is an alias of 涉企网上立案 and 诉前调解; the matter's subject (知识产权) is in the
    # court's task of 知识产权专业化审判 (第133条)
    assert court_of_the_matter(snap, "ip-protection", "那去法院告他们呢", []) == "ip-adjudication"
    found = resolve(snap, "真要打官司的话咋弄", previous="ip-protection")
    assert found.slug == "ip-adjudication"


def test_a_court_step_named_stays_that_step(snap) -> None:
    found = resolve(snap, "网上立案要准备啥", previous="ip-protection")
    assert found.slug == "online-case-filing"


def test_a_matter_without_a_court_task_is_left_alone(snap) -> None:
    assert court_of_the_matter(snap, "water-connection", "要是打官司呢", []) is None


def test_judgment_not_obeyed_in_an_arrears_matter_quotes_its_court_clause(run_action) -> None:
    run = follow_up(run_action, "sme-arrears", "就算告赢了，人家还是拖着不给咋整")
    assert "第161条" in run.reply and "失信被执行人" in run.reply
    assert "第159条" not in run.reply
    assert not uncited_figures(run.reply)


def test_a_faster_trial_asked_in_an_arrears_matter_is_the_green_channel(snap) -> None:
    found = resolve(snap, "起诉以后法院能审得快吗", previous="sme-arrears")
    assert found.slug == "sme-case-green-channel"


def test_suing_over_infringement_quotes_the_specialised_trial(run_action) -> None:
    run = follow_up(run_action, "ip-protection", "真要打官司的话咋弄")
    assert "第133条" in run.reply and "三合一" in run.reply


def test_a_second_question_keeps_the_clauses_the_first_reads(run_action) -> None:
    run = follow_up(run_action, "sme-arrears",
                    "清欠到2024年底要达到多少？还有告赢了对方没钱给，法院咋办？")
    assert "第129条" in run.reply and "100%" in run.reply
    assert not uncited_figures(run.reply)


def test_only_a_follow_up_goes_to_the_court_task_of_the_matter(snap) -> None:
    """A first message the search reads as a matter asks of what its own words say; only a
    follow-up in a conversation about the matter asks what the court does in it."""
    from services_catalog.answers import detail_answer  # noqa: PLC0415

    arrears = snap.services["sme-arrears"]
    followed = detail_answer(arrears, "要是起诉到法院能管用吗", in_conversation=True)
    assert followed is not None and [e["item"] for e in followed.card["evidence"]][0] == 161
    first = detail_answer(arrears, "要是起诉到法院能管用吗")
    assert first is None or 161 not in [e["item"] for e in first.card["evidence"]]
