"""Catalog command line: `python -m services_catalog COMMAND`."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import select

from services_catalog import repository as repo
from services_catalog import transfer
from services_catalog.config import ROOT, SCENARIOS_FILE, SEED_FILE, get_catalog_settings
from services_catalog.db import session_scope

CLI_ACTOR = "cli"
STAFF_COMMANDS = ("list-staff", "set-role", "deactivate-staff", "activate-staff",
                  "reset-password", "delete-staff")


def migrate(url: str | None = None) -> None:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.attributes["configure_logger"] = False
    if url:
        cfg.attributes["url"] = url
    command.upgrade(cfg, "head")


def prepare() -> None:
    migrate()
    from services_catalog import examples

    with session_scope() as session:
        added, updated = transfer.sync_seed(session, SEED_FILE)
        total = len(repo.list_services(session))
        seeded = examples.seed(session)
        questions = [q for qs in examples.by_slug(session).values() for q in qs]
        # After the services: a scenario links existing services only.
        s_added, _ = transfer.sync_scenarios(session, SCENARIOS_FILE)
        scenarios = len(transfer.export_scenarios(session))
    print(f"catalog ready: {total} services ({len(added)} added, {len(updated)} updated from "
          f"the seed), {len(questions)} example questions ({seeded} added from the seed), "
          f"{scenarios} scenarios ({len(s_added)} added) at "
          f"{get_catalog_settings().database_url}")
    # Encode the example questions now (~20 s, kept in var/) rather than in the first request.
    from services_catalog.paraphrase import example_vectors

    vectors = example_vectors(questions)
    print(f"example question vectors ready: {len(vectors)}")
    from services_catalog import situations

    situations.warm()  # the situation memory's vectors, kept in the same cache


def gen_nlu(root: Path = ROOT) -> None:
    from services_catalog import examples
    from services_catalog.nlu_export import write_nlu

    with session_scope() as session:
        services = [repo.to_out(r) for r in repo.list_services(session)]
        by_slug, outside = examples.by_slug(session), examples.out_of_scope(session)
    print("generated NLU:", json.dumps(write_nlu(services, root, by_slug, outside)))


def export(fmt: str) -> None:
    with session_scope() as session:
        records = transfer.export_records(session)
    sys.stdout.write(transfer.dump_yaml(records) if fmt == "yaml" else transfer.dump_csv(records))


def import_file(path: Path, apply: bool) -> int:
    text = path.read_text(encoding="utf-8")
    records = transfer.parse_csv(text) if path.suffix == ".csv" else transfer.parse_yaml(text)
    with session_scope() as session:
        report = transfer.import_records(session, records, actor="cli", apply=apply)
        if report.errors:
            session.rollback()
    print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    return 1 if report.errors else 0


def _new_password(password: str | None) -> str:
    if password:
        return password
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise SystemExit("the two passwords differ")
    return first


def create_staff(username: str, role: str, password: str | None) -> None:
    from services_catalog.staff import create_user

    password = _new_password(password)
    with session_scope() as session:
        create_user(session, username, password, role, actor=CLI_ACTOR)
    print(f"staff account {username!r} ({role}) created")


def staff_command(args: argparse.Namespace) -> int:
    """list-staff, set-role, deactivate/activate-staff, reset-password, delete-staff: each
    change is audited (actor "cli") and revokes the account's earlier tokens."""
    from services_catalog import staff
    from services_catalog.models import StaffUser

    try:
        with session_scope() as session:
            if args.cmd == "list-staff":
                for u in session.scalars(select(StaffUser).order_by(StaffUser.username)):
                    print(f"{u.username}\t{u.role}\t{'active' if u.active else 'disabled'}"
                          f"\t{u.created_at:%Y-%m-%d}")
            elif args.cmd == "set-role":
                staff.update_user(session, args.username, CLI_ACTOR, role=args.role)
            elif args.cmd in ("deactivate-staff", "activate-staff"):
                staff.update_user(session, args.username, CLI_ACTOR,
                                  active=args.cmd == "activate-staff")
            elif args.cmd == "reset-password":
                staff.reset_password(session, args.username, _new_password(args.password),
                                     CLI_ACTOR)
            elif args.cmd == "delete-staff":
                staff.delete_user(session, args.username, CLI_ACTOR)
    except repo.CatalogError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.cmd != "list-staff":
        print(f"{args.cmd}: {args.username} done")
    return 0


def mark_trained() -> None:
    from services_catalog.training import mark_trained as mark

    with session_scope() as session:
        h = mark(session)
    print(f"model marked as trained on catalog NLU {h}")


def purge_chat_logs(days: int | None) -> None:
    from services_catalog.retention import purge_chat_logs as purge

    days = days or get_catalog_settings().chat_log_retention_days
    with session_scope() as session:
        removed = purge(session, days)
    print(f"chat logs older than {days} days deleted: {json.dumps(removed)}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m services_catalog")
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("migrate")
    sub.add_parser("prepare", help="migrate and add seed services that are missing")
    gn = sub.add_parser("gen-nlu",
                        help="write the jieba dictionary and NLU files from the catalog")
    gn.add_argument("--root", type=Path, default=ROOT,
                    help="project to write into (default: this repository)")
    e = sub.add_parser("export")
    e.add_argument("--format", choices=["yaml", "csv"], default="yaml")
    i = sub.add_parser("import")
    i.add_argument("file", type=Path)
    i.add_argument("--apply", action="store_true", help="apply (default: dry run)")
    s = sub.add_parser("create-staff")
    s.add_argument("username")
    s.add_argument("--role", choices=["agent", "viewer", "editor", "admin"], default="editor")
    s.add_argument("--password", help="default: prompt (or STAFF_PASSWORD)")
    sub.add_parser("list-staff", help="staff accounts: name, role, active, created")
    r = sub.add_parser("set-role", help="change an account's role (its tokens stop working)")
    r.add_argument("username")
    r.add_argument("role", choices=["agent", "viewer", "editor", "admin"])
    for name, what in (("deactivate-staff", "disable an account (its tokens stop working)"),
                       ("activate-staff", "enable a disabled account"),
                       ("delete-staff", "delete an account")):
        sub.add_parser(name, help=what).add_argument("username")
    pw = sub.add_parser("reset-password", help="set a new password (tokens stop working)")
    pw.add_argument("username")
    pw.add_argument("--password", help="default: prompt (or STAFF_PASSWORD)")
    sub.add_parser("mark-trained",
                   help="record the catalog NLU fingerprint as the one the model was trained on")
    g = sub.add_parser("purge-chat-logs",
                       help="delete chat/assist log rows older than CHAT_LOG_RETENTION_DAYS")
    g.add_argument("--days", type=int, help="default: CHAT_LOG_RETENTION_DAYS (180)")
    args = p.parse_args(argv)
    if args.cmd == "migrate":
        migrate()
    elif args.cmd == "prepare":
        prepare()
    elif args.cmd == "gen-nlu":
        gen_nlu(args.root)
    elif args.cmd == "export":
        export(args.format)
    elif args.cmd == "import":
        return import_file(args.file, args.apply)
    elif args.cmd == "create-staff":
        import os

        create_staff(args.username, args.role, args.password or os.environ.get("STAFF_PASSWORD"))
    elif args.cmd == "mark-trained":
        mark_trained()
    elif args.cmd in STAFF_COMMANDS:
        if args.cmd == "reset-password":
            import os

            args.password = args.password or os.environ.get("STAFF_PASSWORD")
        return staff_command(args)
    elif args.cmd == "purge-chat-logs":
        if args.days is not None and args.days < 1:
            p.error("--days must be at least 1")
        purge_chat_logs(args.days)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
