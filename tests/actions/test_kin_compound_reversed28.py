"""A short follow-up whose only word joins the conversation's matter into a related service's
name or alias, the matter's word first (turn28): 要登报吗 after 简易注销 is 注销登报, an alias of
注销公告 (第4条). Wordings are new, not the sets'."""

from __future__ import annotations

from services_catalog.resolve import kin_compound, resolve
from tests.actions.conftest import follow_up


def test_the_matter_first_compound_names_the_related_service(snap) -> None:
    assert kin_compound(snap, "simple-deregistration", "还用登报不") == "deregistration-notice"
    # more said than the compound's other part: not a bare follow-up on it
    assert kin_compound(snap, "simple-deregistration", "我们要不要在报纸上登报声明作废") is None
    assert kin_compound(snap, "simple-deregistration", "能网上办吗") is None


def test_registering_in_the_paper_after_simple_deregistration(snap, run_action) -> None:
    assert resolve(snap, "还用登报不", previous="simple-deregistration").slug == (
        "deregistration-notice")
    run = follow_up(run_action, "simple-deregistration", "还用登报不")
    assert "第4条" in run.reply and "免费发布" in run.reply
