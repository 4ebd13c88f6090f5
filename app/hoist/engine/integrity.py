"""Checksums: part ETags, the multipart ETag, and the file's SHA-256 receipt."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

BLOCK = 1024 * 1024


def clean_etag(etag: str) -> str:
    return etag.strip().strip('"').lower()


def multipart_etag(part_md5s: list[str]) -> str:
    """S3's ETag for a multipart object: MD5 of the parts' binary MD5s, dash, count."""
    digest = hashlib.md5(b"".join(bytes.fromhex(m) for m in part_md5s), usedforsecurity=False)
    return f"{digest.hexdigest()}-{len(part_md5s)}"


def md5_of_range(path: Path, offset: int, length: int) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    fd = os.open(path, os.O_RDONLY)
    try:
        position, remaining = offset, length
        while remaining > 0:
            block = os.pread(fd, min(BLOCK, remaining), position)
            if not block:
                break
            digest.update(block)
            position += len(block)
            remaining -= len(block)
    finally:
        os.close(fd)
    return digest.hexdigest()


def sha256_of_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb", buffering=0) as handle:
        for block in iter(lambda: handle.read(4 * BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()
