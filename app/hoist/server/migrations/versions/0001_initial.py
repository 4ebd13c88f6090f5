"""Users, tokens, upload sessions and the parts each session signed.

Revision ID: 0001
Revises:
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
        "users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(1024), nullable=False),
        sa.Column("max_object_size", sa.BigInteger, nullable=True),
        sa.Column("quota_bytes", sa.BigInteger, nullable=True),
        sa.Column("max_open_sessions", sa.Integer, nullable=True),
        sa.Column("created", sa.Double, nullable=False),
    )
    op.create_table(
        "tokens",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("created", sa.Double, nullable=False),
        sa.Column("revoked", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "upload_sessions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("bucket", sa.String(255), nullable=False),
        sa.Column("key", sa.String(1024), nullable=False),
        sa.Column("upload_id", sa.String(1024), nullable=False),
        sa.Column("content_type", sa.String(255), nullable=False),
        sa.Column("declared_size", sa.BigInteger, nullable=True),
        sa.Column("created", sa.Double, nullable=False),
        sa.Column("last_activity", sa.Double, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("finished", sa.Double, nullable=True),
        sa.Column("part_count", sa.Integer, nullable=True),
        sa.Column("final_size", sa.BigInteger, nullable=True),
        sa.Column("etag", sa.String(128), nullable=True),
    )
    op.create_index("ix_upload_sessions_upload_id", "upload_sessions", ["upload_id"])
    op.create_index("ix_upload_sessions_state_activity", "upload_sessions", ["state", "last_activity"])
    op.create_index("ix_upload_sessions_user_state", "upload_sessions", ["user_id", "state"])
    op.create_table(
        "session_parts",
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("upload_sessions.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("part_number", sa.Integer, primary_key=True),
        sa.Column("first_signed", sa.Double, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("session_parts")
    op.drop_table("upload_sessions")
    op.drop_table("tokens")
    op.drop_table("users")
