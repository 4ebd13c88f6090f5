"""Alembic migrations of Hoist Server's schema (applied by ``hoist-server migrate`` or at start)."""
