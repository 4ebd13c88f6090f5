"""The SQLite journal: every batch, upload and acknowledged part. No Qt, no network."""
