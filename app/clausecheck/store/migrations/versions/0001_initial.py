"""analyses, uploads, batches, batch items

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "batches",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("perspective", sa.String(16), nullable=False),
        sa.Column("min_score", sa.Float(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("runner", sa.String(16), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_batches"),
    )
    op.create_table(
        "analyses",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("perspective", sa.String(16), nullable=False),
        sa.Column("clause_count", sa.Integer(), nullable=False),
        sa.Column("finding_count", sa.Integer(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("batch_id", sa.String(32), nullable=True),
        sa.ForeignKeyConstraint(["batch_id"], ["batches.id"], name="fk_analyses_batch_id_batches",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_analyses"),
    )
    op.create_index("ix_analyses_sha256", "analyses", ["sha256"])
    op.create_index("ix_analyses_batch_id", "analyses", ["batch_id"])
    op.create_table(
        "uploads",
        sa.Column("analysis_id", sa.String(32), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["analysis_id"], ["analyses.id"], name="fk_uploads_analysis_id_analyses",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("analysis_id", name="pk_uploads"),
    )
    op.create_table(
        "batch_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("batch_id", sa.String(32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("elapsed", sa.Float(), nullable=True),
        sa.Column("analysis_id", sa.String(32), nullable=True),
        sa.Column("spool", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["batch_id"], ["batches.id"], name="fk_batch_items_batch_id_batches",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["analysis_id"], ["analyses.id"],
                                name="fk_batch_items_analysis_id_analyses", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_batch_items"),
    )
    op.create_index("ix_batch_items_batch_id", "batch_items", ["batch_id"])


def downgrade() -> None:
    op.drop_index("ix_batch_items_batch_id", table_name="batch_items")
    op.drop_table("batch_items")
    op.drop_table("uploads")
    op.drop_index("ix_analyses_batch_id", table_name="analyses")
    op.drop_index("ix_analyses_sha256", table_name="analyses")
    op.drop_table("analyses")
    op.drop_table("batches")
