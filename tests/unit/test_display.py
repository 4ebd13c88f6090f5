"""Names and messages shown to a person stay on one line and cannot drive the terminal."""

from __future__ import annotations

from hoist.display import printable


def test_control_characters_are_shown_as_escapes_and_the_rest_untouched() -> None:
    assert printable("new\nline\r\tname.txt") == "new\\nline\\r\\tname.txt"
    assert printable("\x1b[31mred\x1b]0;title\x07") == "\\x1b[31mred\\x1b]0;title\\x07"
    assert printable("a\u2028b\x85c\x7f") == "a\\u2028b\\x85c\\x7f"  # line breaks Qt and terminals honour
    kept = "Café 日本 #?%+ [draft] ~/x\\y.txt"
    assert printable(kept) == kept


def test_invisible_characters_that_reorder_or_hide_text_are_shown_as_escapes() -> None:
    # U+202E would show "invoice\u202egpj.exe" as "invoiceexe.jpg": a program posing as a picture.
    assert printable("invoice\u202egpj.exe") == "invoice\\u202egpj.exe"
    assert printable("a\u200bb\u2066c\u2069d\ufeffe\u200ff") == "a\\u200bb\\u2066c\\u2069d\\ufeffe\\u200ff"
    joined = (
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0645 \U0001f469\u200d\U0001f4bb"  # Persian ZWNJ, emoji ZWJ
    )
    assert printable(joined) == joined
