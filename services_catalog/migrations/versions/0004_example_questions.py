"""example questions in the catalog, the inbox's handled questions, chat_log.kind

Revision ID: 0004_example_questions
Revises: 0002
Create Date: 2026-12-03 14:00:00

Example questions move from services_catalog/data/questions.yml (repo only) into the catalog;
`python -m services_catalog prepare` seeds them from that file (services_catalog/examples.py).
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0004_example_questions"
down_revision: Union[str, Sequence[str], None] = "0003_scenarios"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "example_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=True),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("text_key", sa.String(length=500), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("author", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("text_key"),
    )
    with op.batch_alter_table("example_questions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_example_questions_slug"), ["slug"], unique=False)
    op.create_table(
        "inbox_handled",
        sa.Column("chat_log_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=True),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["chat_log_id"], ["chat_log.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("chat_log_id"),
    )
    with op.batch_alter_table("chat_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("chat_log", schema=None) as batch_op:
        batch_op.drop_column("kind")
    op.drop_table("inbox_handled")
    with op.batch_alter_table("example_questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_example_questions_slug"))
    op.drop_table("example_questions")
