"""Names and messages shown to a person stay on one line and cannot drive the terminal."""

from __future__ import annotations

from hoist.display import printable


def test_control_characters_are_shown_as_escapes_and_the_rest_untouched() -> None:
    assert printable("new\nline\r\tname.txt") == "new\\nline\\r\\tname.txt"
    assert printable("\x1b[31mred\x1b]0;title\x07") == "\\x1b[31mred\\x1b]0;title\\x07"
    assert printable("a\u2028b\x85c\x7f") == "a\\u2028b\\x85c\\x7f"  # line breaks Qt and terminals honour
    kept = "Café 日本 #?%+ [draft] ~/x\\y.txt"
    assert printable(kept) == kept
