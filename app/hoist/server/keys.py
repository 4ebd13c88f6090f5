"""Object keys: the user's prefix and the client's relative path, never the client's bucket."""

from __future__ import annotations

import base64
import re
import unicodedata

MAX_KEY_BYTES = 1024  # S3's limit on a key, in UTF-8 bytes
MAX_METADATA_BYTES = 2048  # S3's limit on user metadata (names and values)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_TOKEN = re.compile(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")  # an HTTP header name (RFC 9110)
_PREFIX = re.compile(r"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*/$")


class PathRefused(ValueError):
    """A relative path or prefix refused, with the sentence to show."""


def check_prefix(prefix: str) -> str:
    """A user's prefix as the admin gives it: plain segments ending in '/' (uploads/ana/)."""
    if not _PREFIX.match(prefix) or any(seg in (".", "..") for seg in prefix.split("/")[:-1]):
        raise PathRefused(
            f"the prefix {prefix!r} must be plain segments of letters, digits, '.', '_' or '-' "
            "ending in '/' (for example uploads/ana/), with no '.' or '..' segment"
        )
    return prefix


def build_key(prefix: str, relative_path: str) -> str:
    """``prefix + path`` after checking the path: NFC, no control characters, no leading
    '/', no empty, '.' or '..' segment, no backslash, and the whole key within 1,024 bytes."""
    if _CONTROL.search(relative_path):
        raise PathRefused("the file name holds a control character (a newline, tab or escape code)")
    path = unicodedata.normalize("NFC", relative_path)
    if not path.strip():
        raise PathRefused("the file name is empty")
    if path.startswith("/"):
        raise PathRefused("the file name starts with '/': give a path relative to your folder")
    if "\\" in path:
        raise PathRefused("the file name holds a backslash: use '/' between folders")
    for segment in path.split("/"):
        if segment in ("", ".", ".."):
            raise PathRefused(
                "the file name has an empty, '.' or '..' segment: it must stay inside your folder"
            )
    key = prefix + path
    size = len(key.encode("utf-8"))
    if size > MAX_KEY_BYTES:
        raise PathRefused(f"the key would be {size} bytes long; S3 allows at most {MAX_KEY_BYTES}")
    return key


def check_metadata(value: object) -> dict[str, str]:
    """Companion's ``metadata`` object: names are header tokens; values are strings,
    sent as RFC 2047 when not printable ASCII (as Companion does); 2 KB in all."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PathRefused("'metadata' must be an object of names to strings")
    out: dict[str, str] = {}
    for name, raw in value.items():
        if raw is None:
            continue
        if not isinstance(name, str) or not _TOKEN.match(name) or len(name) > 128:
            raise PathRefused(f"the metadata name {str(name)[:64]!r} is not an HTTP header token")
        if not isinstance(raw, str):
            raise PathRefused(f"the metadata value of {name!r} must be a string")
        if re.fullmatch(r"[\x20-\x7e]*", raw) and raw == raw.strip():
            encoded = raw
        else:
            encoded = "=?UTF-8?B?" + base64.b64encode(raw.encode("utf-8")).decode("ascii") + "?="
        out[name.lower()] = encoded
    size = sum(len(k) + len(v) for k, v in out.items())
    if size > MAX_METADATA_BYTES:
        raise PathRefused(f"the metadata is {size} bytes; S3 allows at most {MAX_METADATA_BYTES}")
    return out
