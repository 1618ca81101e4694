"""Plan words read in turns (turn28). Wordings are new, not the sets'."""

from __future__ import annotations

from services_catalog.evidence import plan_words
from services_catalog.resolve import resolve
from tests.actions.conftest import follow_up


def test_settled_locally_is_the_plans_on_the_spot() -> None:
    assert "就地就近" in plan_words("纠纷能不能就在本地调解")
    assert "就地就近" not in plan_words("本地企业有啥优惠")


def test_settled_locally_after_a_labour_dispute_stays_on_it(snap, run_action) -> None:
    assert resolve(snap, "能不能在当地处理掉", previous="labor-dispute").slug == "labor-dispute"
    run = follow_up(run_action, "labor-dispute", "能不能在当地处理掉")
    assert "第27条" in run.reply and "就地就近" in run.reply


def test_a_faster_trial_is_the_plans_quick_hearing() -> None:
    assert "快审" in plan_words("能不能审得快一点")
    assert "快审" not in plan_words("审批能快点吗")
    assert "快审" not in plan_words("工程项目能快点审批吗")
