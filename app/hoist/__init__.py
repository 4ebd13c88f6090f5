"""Hoist: a resumable upload manager for S3-compatible object storage."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("hoist")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

APP_NAME = "Hoist"
