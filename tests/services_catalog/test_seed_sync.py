"""`prepare` brings the catalog in line with the seed files without touching staff work: a row
only the seed wrote follows the file, a row a person edited keeps the edit, a service or
scenario a person deleted does not come back (both tables share one rule, transfer._follow_seed).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from services_catalog import repository as repo
from services_catalog import scenarios as scen
from services_catalog import transfer
from services_catalog.schemas import ScenarioPatch, ServicePatch


def _seed_file(tmp_path: Path, records: list[dict], name: str = "services.yml") -> Path:
    path = tmp_path / name
    path.write_text(transfer.dump_yaml(records), encoding="utf-8")
    return path


def test_seed_rows_follow_the_file_and_staff_edits_stay(db_session, tmp_path) -> None:
    records = transfer.export_records(db_session)[:3]
    seed_only, edited, deleted = (r["slug"] for r in records)
    patch = ServicePatch(version=repo.get_service(db_session, edited).version,
                         howto="窗口办理（人工改）")
    repo.update_service(db_session, edited, patch, actor="editor")
    repo.set_active(db_session, deleted, False, actor="editor",
                    version=repo.get_service(db_session, deleted).version)
    for record in records:
        record["howto"] = "种子文件的新说法"

    added, updated = transfer.sync_seed(db_session, _seed_file(tmp_path, records))

    assert added == [] and updated == [seed_only]
    assert repo.get_service(db_session, seed_only).howto == "种子文件的新说法"
    assert repo.get_service(db_session, edited).howto == "窗口办理（人工改）"
    assert not repo.get_service(db_session, deleted, include_inactive=True).active


def test_seed_scenarios_follow_the_file_but_a_deleted_one_stays_deleted(db_session,
                                                                        tmp_path) -> None:
    records = transfer.export_scenarios(db_session)[:2]
    kept, deleted = (r["slug"] for r in records)
    scen.delete_scenario(db_session, deleted, actor="editor",
                         version=scen.get_scenario(db_session, deleted).version)
    row = scen.get_scenario(db_session, kept)
    row.updated_by = "seed"  # as prepare left it
    for record in records:
        record["aliases"] = [*record["aliases"], f"{record['name']}要走哪些流程"]
    path = tmp_path / "scenarios.yml"
    path.write_text(yaml.safe_dump({"scenarios": records}, allow_unicode=True), encoding="utf-8")

    added, updated = transfer.sync_scenarios(db_session, path)

    assert added == [] and updated == [kept]
    assert f"{records[0]['name']}要走哪些流程" in scen.get_scenario(db_session, kept).aliases
    assert deleted not in {s.slug for s in scen.list_scenarios(db_session)}
    scen.update_scenario(db_session, kept, ScenarioPatch(
        version=scen.get_scenario(db_session, kept).version, aliases=records[0]["aliases"][:1]),
        actor="editor")
    assert transfer.sync_scenarios(db_session, path) == ([], [])


def test_a_phrase_moving_to_an_earlier_scenario_in_the_file_is_freed_first(db_session,
                                                                          tmp_path) -> None:
    records = transfer.export_scenarios(db_session)[:2]
    taker, giver = records
    for record in records:
        scen.get_scenario(db_session, record["slug"]).updated_by = "seed"  # as prepare left it
    moving = giver["aliases"][0]
    giver["aliases"] = giver["aliases"][1:]
    taker["aliases"] = [*taker["aliases"], moving]  # earlier in the file than the one losing it
    path = tmp_path / "scenarios.yml"
    path.write_text(yaml.safe_dump({"scenarios": records}, allow_unicode=True), encoding="utf-8")

    transfer.sync_scenarios(db_session, path)

    assert moving in scen.get_scenario(db_session, taker["slug"]).aliases
    assert moving not in scen.get_scenario(db_session, giver["slug"]).aliases
