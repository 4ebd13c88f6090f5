"""User metadata (x-amz-meta-*) given on the command line, checked before anything is sent.

S3 sends metadata as HTTP headers: names must be header tokens, values printable
US-ASCII (S3 would otherwise store them RFC 2047-encoded, which few tools read back),
and all of it together at most 2 KB. Refusing here gives one clear message up front
instead of a 400 from the server in the middle of a batch.
"""

from __future__ import annotations

import re

MAX_METADATA_BYTES = 2048  # S3's limit for user-defined metadata (names + values)
_NAME = re.compile(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")  # an HTTP token (RFC 9110)
_VALUE = re.compile(r"^[\x20-\x7e]*$")


class MetadataError(ValueError):
    pass


def is_header_token(value: str) -> bool:
    """A storage class or encryption name as S3 spells them: STANDARD_IA, aws:kms, ..."""
    return bool(re.fullmatch(r"[A-Za-z0-9_.:-]+", value))


def parse_metadata(pairs: list[str]) -> dict[str, str]:
    """``["owner=ana", "project=x"]`` -> ``{"owner": "ana", "project": "x"}``.

    Names are lower-cased, as S3 stores them; a name given twice is refused rather than
    silently keeping one of the values.
    """
    metadata: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lower()
        if not sep or not name:
            raise MetadataError(f"{pair!r} is not NAME=VALUE (e.g. owner=ana).")
        if name.startswith("x-amz-meta-"):
            name = name[len("x-amz-meta-") :]
        if not _NAME.match(name):
            raise MetadataError(
                f"the name in {pair!r} may only hold letters, digits and !#$%&'*+.^_`|~- "
                "(it travels as an HTTP header)."
            )
        if value != value.strip():
            raise MetadataError(
                f"the value in {pair!r} starts or ends with a space, which HTTP headers drop; remove it."
            )
        if not _VALUE.match(value):
            raise MetadataError(
                f"the value in {pair!r} must be printable ASCII (S3 would store other "
                "characters encoded); percent-encode it first."
            )
        if name in metadata:
            raise MetadataError(f"'{name}' is given twice.")
        metadata[name] = value
    size = sum(len(k) + len(v) for k, v in metadata.items())
    if size > MAX_METADATA_BYTES:
        raise MetadataError(f"{size} bytes of names and values; S3 allows at most {MAX_METADATA_BYTES}.")
    return metadata
