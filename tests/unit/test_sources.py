"""Paths to keys: NFC, forward slashes, no leading slash, no '..', special files refused."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from hoist.engine.sources import BadInput, collect, make_key, normalise_prefix


def test_keys_are_nfc_with_forward_slashes() -> None:
    nfd = unicodedata.normalize("NFD", "Café")
    assert make_key("photos", ["trip", nfd + ".jpg"]) == "photos/trip/Café.jpg"
    assert make_key("", ["a"]) == "a"


@pytest.mark.parametrize("prefix", ["/abs/", "//x", "\\win\\style"])
def test_prefix_never_starts_with_slash(prefix: str) -> None:
    assert not normalise_prefix(prefix).startswith("/")


@pytest.mark.parametrize("prefix", ["a/../b", "./x/..", ".."])
def test_prefix_with_dot_dot_is_refused(prefix: str) -> None:
    with pytest.raises(BadInput, match=r"contains '\.' or '\.\.'"):
        normalise_prefix(prefix)


def test_key_segment_dot_dot_is_refused() -> None:
    with pytest.raises(BadInput, match="climbs out"):
        make_key("", ["a", "..", "b"])


def test_folder_walk_skips_fifos_and_symlinks(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("a")
    (root / "sub" / "b.txt").write_text("bb")
    os.mkfifo(root / "pipe")
    (root / "link").symlink_to(root / "a.txt")
    sources, skipped = collect([str(root)], "pre")
    assert sorted(s.key for s in sources) == ["pre/docs/a.txt", "pre/docs/sub/b.txt"]
    reasons = {s.path.name: s.reason for s in skipped}
    assert reasons["pipe"] == "is a named pipe (FIFO), not a regular file"
    assert reasons["link"] == "is a symbolic link (use --follow-symlinks)"


def test_explicit_bad_paths_raise(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.symlink_to(tmp_path / "nowhere")
    with pytest.raises(BadInput, match="a broken symbolic link"):
        collect([str(broken)], "")
    with pytest.raises(BadInput, match="is a device"):
        collect(["/dev/null"], "")
    with pytest.raises(BadInput, match="no such file or folder"):
        collect([str(tmp_path / "missing")], "")


def test_followed_links_that_loop_back_are_skipped_not_walked_forever(tmp_path: Path) -> None:
    (tmp_path / "lp" / "real").mkdir(parents=True)
    (tmp_path / "lp" / "real" / "f.txt").write_text("r")
    (tmp_path / "lp" / "linkdir").symlink_to("real")  # a second way into real/: followed
    (tmp_path / "lp" / "real" / "loop").symlink_to("..")  # back up to lp/: a loop
    sources, skipped = collect([str(tmp_path / "lp")], "", follow_symlinks=True)
    assert sorted(s.key for s in sources) == ["lp/linkdir/f.txt", "lp/real/f.txt"]
    assert sorted((s.path.relative_to(tmp_path).as_posix(), s.reason) for s in skipped) == [
        ("lp/linkdir/loop", "links back to a folder that contains it (a loop)"),
        ("lp/real/loop", "links back to a folder that contains it (a loop)"),
    ]
    sources, skipped = collect([str(tmp_path / "lp")], "")  # not following: each link is named
    assert [s.key for s in sources] == ["lp/real/f.txt"]
    assert {s.reason for s in skipped} == {"is a symbolic link to a folder (use --follow-symlinks)"}
    assert len(skipped) == 2


@pytest.mark.parametrize(
    ("key", "renamed"),
    [
        ("in/doc.txt", "in/doc (1).txt"),
        ("README", "README (1)"),
        ("ie/.hidden", "ie/.hidden (1)"),
        ("arch.tar.gz", "arch (1).tar.gz"),
        ("v1.2/notes", "v1.2/notes (1)"),
    ],
)
def test_if_exists_rename_puts_the_number_before_the_extension(key: str, renamed: str) -> None:
    from hoist.engine.conflict import split_extension

    stem, ext = split_extension(key)
    assert f"{stem} (1){ext}" == renamed


def test_a_link_named_explicitly_is_followed_whether_to_a_file_or_a_folder(tmp_path: Path) -> None:
    """One rule for what is named on the command line: it is what the person means, so a
    link to a folder is walked as a link to a file is uploaded (it was refused before).
    Inside it, links are still skipped without --follow-symlinks."""
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text("a")
    (real / "inner-link").symlink_to(real / "a.txt")
    (tmp_path / "folder-link").symlink_to(real)
    (tmp_path / "file-link").symlink_to(real / "a.txt")
    sources, skipped = collect([str(tmp_path / "folder-link"), str(tmp_path / "file-link")], "pre")
    assert sorted(s.key for s in sources) == ["pre/file-link", "pre/folder-link/a.txt"]
    assert [(s.path.name, s.reason) for s in skipped] == [
        ("inner-link", "is a symbolic link (use --follow-symlinks)")
    ]
    sources, skipped = collect([str(tmp_path / "folder-link") + "/"], "", follow_symlinks=True)
    assert (sorted(s.key for s in sources), skipped) == (["a.txt", "inner-link"], [])
