"""Scenarios (life events) as catalog data: what the seed holds, what validation refuses, how
concurrent edits and imports behave."""

from __future__ import annotations

import threading

import pytest
import yaml
from pydantic import ValidationError
from sqlalchemy import select

from services_catalog import scenarios as scen
from services_catalog import transfer
from services_catalog.config import SCENARIOS_FILE
from services_catalog.db import get_sessionmaker
from services_catalog.models import AuditEntry, Scenario
from services_catalog.repository import CatalogError, Conflict
from services_catalog.schemas import ScenarioIn, ScenarioPatch

NEW = {"slug": "open-bakery", "name": "开面包店", "aliases": ["开烘焙店"],
       "description": "先领执照再开业。",
       "services": [{"slug": "company-registration", "note": "先领营业执照"},
                    {"slug": "electricity-connection"}]}


def test_the_seed_has_the_common_life_events(db_session) -> None:
    names = {r.name for r in scen.list_scenarios(db_session)}
    assert len(names) >= 10
    assert {"开饭馆", "开超市", "开诊所", "开药店", "开快递网点", "开民宿", "建厂房", "招员工",
            "员工离职", "注销退出", "申请贷款", "参加政府采购"} <= names


def test_every_seed_scenario_links_active_services_and_states_no_figure(db_session) -> None:
    for record in yaml.safe_load(SCENARIOS_FILE.read_text(encoding="utf-8"))["scenarios"]:
        item = ScenarioIn.model_validate(record)  # the no-figure rule runs here
        scen.check_links(db_session, [link.model_dump() for link in item.services])


@pytest.mark.parametrize("change", [
    {"description": "一般3个工作日办完。"},
    {"services": [{"slug": "company-registration", "note": "五天内办完"}]},
    {"name": "两天开饭馆"},
    {"aliases": ["3天开店"]},
    {"services": []},
    {"services": [{"slug": "company-registration"}, {"slug": "company-registration"}]},
])
def test_figures_empty_and_repeated_links_are_refused(change: dict) -> None:
    with pytest.raises(ValidationError):
        ScenarioIn.model_validate({**NEW, **change})


def test_unknown_or_deleted_service_is_refused(db_session) -> None:
    bad = ScenarioIn.model_validate({**NEW, "services": [{"slug": "no-such-service"}]})
    with pytest.raises(scen.UnknownService, match="关联的事项不存在"):
        scen.create_scenario(db_session, bad, actor="t")


def test_a_phrase_starts_one_scenario_only(db_session) -> None:
    clash = ScenarioIn.model_validate({**NEW, "aliases": ["開餐館"]})  # 开餐馆 in traditional
    with pytest.raises(CatalogError, match="已属于场景 open-restaurant"):
        scen.create_scenario(db_session, clash, actor="t")


def test_create_update_delete_are_audited_and_versioned(db_session) -> None:
    row = scen.create_scenario(db_session, ScenarioIn.model_validate(NEW), actor="ed")
    row, changes = scen.update_scenario(
        db_session, "open-bakery", ScenarioPatch(version=1, aliases=["开烘焙店", "开蛋糕店"]),
        actor="ed")
    assert row.version == 2 and set(changes) == {"aliases"}
    with pytest.raises(Conflict):
        scen.update_scenario(db_session, "open-bakery", ScenarioPatch(version=1, name="开面包房"),
                             actor="ed")
    scen.delete_scenario(db_session, "open-bakery", actor="ed", version=2)
    actions = [e.action for e in db_session.scalars(
        select(AuditEntry).where(AuditEntry.slug == "scenario:open-bakery")
        .order_by(AuditEntry.id))]
    assert actions == ["create", "update", "delete"]
    assert db_session.scalar(select(Scenario).where(Scenario.slug == "open-bakery")) is None


def test_two_sessions_editing_the_same_version_one_wins() -> None:
    """The database, not the code, refuses the second write (version_id_col)."""
    maker = get_sessionmaker()
    with maker() as setup:
        scen.create_scenario(setup, ScenarioIn.model_validate({**NEW, "slug": "race-bakery",
                                                               "name": "开甜品店",
                                                               "aliases": []}), actor="t")
        setup.commit()
    barrier = threading.Barrier(2)
    results: list[str] = []

    def edit(note: str) -> None:
        with maker() as session:
            row = scen.get_scenario(session, "race-bakery")
            assert row.version == 1
            barrier.wait()
            try:
                scen.update_scenario(session, "race-bakery", ScenarioPatch(
                    version=1, description=note), actor=note)
                session.commit()
                results.append("ok")
            except Exception as exc:  # noqa: BLE001 - the loser: Conflict or a locked database
                session.rollback()
                results.append(type(exc).__name__)

    threads = [threading.Thread(target=edit, args=(n,)) for n in ("甲说明。", "乙说明。")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["Conflict", "ok"], results
    with maker() as session:
        row = scen.get_scenario(session, "race-bakery")
        assert row.version == 2
        scen.delete_scenario(session, "race-bakery", actor="t", version=2)
        session.commit()


def test_yaml_export_and_import_carry_scenarios(db_session) -> None:
    text = transfer.dump_yaml(transfer.export_records(db_session),
                              transfer.export_scenarios(db_session))
    services, scenarios = transfer.parse_yaml_document(text)
    assert scenarios and {s["slug"] for s in scenarios} >= {"open-restaurant", "hire-employees"}
    report = transfer.import_records(db_session, services, "ed", apply=False, scenarios=scenarios)
    assert not report.errors and report.scenarios is not None
    assert report.as_dict()["scenarios"] == {"created": [], "updated": {},
                                             "unchanged": len(scenarios)}


def test_import_preview_changes_nothing_and_apply_writes(db_session) -> None:
    services = transfer.export_records(db_session)
    current = transfer.export_scenarios(db_session)
    edited = [{**current[0], "description": "改过的说明。"}, *current[1:]]
    added = {**NEW, "slug": "import-bakery", "name": "开糕点店", "aliases": []}
    preview = transfer.import_records(db_session, services, "ed", apply=False,
                                      scenarios=[*edited, added])
    assert preview.scenarios.created == ["import-bakery"]
    assert preview.scenarios.updated == {current[0]["slug"]: ["description"]}
    assert db_session.scalar(select(Scenario).where(Scenario.slug == "import-bakery")) is None
    # SQLite's SAVEPOINT (the import's nested transaction) commits: apply only a new one here
    # and remove it afterwards.
    applied = transfer.import_records(db_session, services, "ed", apply=True,
                                      scenarios=[*current, added])
    assert applied.applied and scen.get_scenario(db_session, "import-bakery").version == 1
    assert [e.action for e in db_session.scalars(select(AuditEntry).where(
        AuditEntry.slug == "scenario:import-bakery"))] == ["create"]
    scen.delete_scenario(db_session, "import-bakery", actor="t", version=1)
    db_session.commit()


def test_import_with_an_unknown_service_or_a_figure_is_rejected(db_session) -> None:
    services = transfer.export_records(db_session)
    bad = [{**NEW, "services": [{"slug": "no-such-service"}]},
           {**NEW, "slug": "other-bakery", "name": "开饼店", "aliases": [],
            "description": "5天办完。"}]
    report = transfer.import_records(db_session, services, "ed", apply=True, scenarios=bad)
    assert not report.applied
    assert [e["kind"] for e in report.errors] == ["scenario", "scenario"]
    assert "关联的事项不存在" in report.errors[0]["errors"][0]["message"]
    assert db_session.scalar(select(Scenario).where(Scenario.slug == "open-bakery")) is None
