"""Presigned URLs are bearer credentials: logs and messages show scheme://host/path only."""

from __future__ import annotations

import re

_URL = re.compile(r"(https?://[^\s?'\"<>]+)\?[^\s'\"<>]*", re.IGNORECASE)
_SIGNING_PARAM = re.compile(
    r"(X-Amz-(?:Signature|Credential|Security-Token)|AWSAccessKeyId|Signature)=[^&\s'\"<>]+",
    re.IGNORECASE,
)


def redact(text: str) -> str:
    """Drop query strings from URLs, and any stray signing parameter values."""
    text = _URL.sub(r"\1?<redacted>", text)
    return _SIGNING_PARAM.sub(r"\1=<redacted>", text)
