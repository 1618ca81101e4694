"""basis and effective dates: every time limit, fee, material and note records its basis

Revision ID: 0005_basis_effective_dates
Revises: 0002
Create Date: 2026-12-03 14:00:00

The figures live in JSON columns, so no column changes: each stored figure gets its basis
written out (`{"kind": "plan"}`: the plan's 第N条, what every figure rested on so far) and no
scheduled change. Without this, rows written before would differ from what the schema dumps
and the first edit of a list would record a change nobody made. A downgrade drops the basis
and any scheduled change (decisions taken since are lost: export the catalog first).
"""
from typing import Any, Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0005_basis_effective_dates"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

FIGURE_COLUMNS = ("time_limits", "fees", "materials", "notes")
PLAN = {"kind": "plan", "document": None, "date": None}

services = sa.table("services", sa.column("id", sa.Integer),
                    *(sa.column(c, sa.JSON) for c in FIGURE_COLUMNS))


def _rewrite(change: Any) -> None:
    bind = op.get_bind()
    for row in bind.execute(sa.select(services)).mappings().all():
        values = {c: [change(dict(f)) for f in (row[c] or [])] for c in FIGURE_COLUMNS}
        if any(values[c] != (row[c] or []) for c in FIGURE_COLUMNS):
            bind.execute(services.update().where(services.c.id == row["id"]).values(**values))


def _with_basis(figure: dict[str, Any]) -> dict[str, Any]:
    figure.setdefault("basis", dict(PLAN))
    figure.setdefault("change", None)
    return figure


def _without_basis(figure: dict[str, Any]) -> dict[str, Any]:
    figure.pop("basis", None)
    figure.pop("change", None)
    return figure


def upgrade() -> None:
    _rewrite(_with_basis)


def downgrade() -> None:
    _rewrite(_without_basis)
