"""Hoist Server: the upload service for teams (Companion-compatible S3 routes).

Storage keys stay here; people hold a token. Upload sessions live in a database that
every instance shares (SQLite for one instance, PostgreSQL for many), so any instance
can answer any request. Never imports hoist.engine, hoist.ui or PySide6.
"""
