"""Text from outside Hoist (file names, keys, server messages) made safe to show.

A file name may hold a newline, a tab or a terminal escape sequence. Shown as is, it
splits a one-line message in two (a person, or a script reading stderr line by line,
sees two messages) or lets a name recolour or retitle the terminal. Each control
character is shown as its Python escape instead ("new\\nline.txt"), the way ``ls``
quotes such names. Only text that is displayed goes through here; journal rows,
object keys and paths keep the exact bytes.
"""

from __future__ import annotations

_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Invisible characters that change what a person reads: bidirectional overrides and
# isolates (U+202E turns "gpj.exe" into "exe.jpg" on screen), marks, zero-width spaces,
# word joiners and the BOM. Zero-width (non-)joiners U+200C/U+200D are kept: Persian,
# Indic scripts and emoji sequences need them in real names.
_INVISIBLE = [0x061C, 0x200B, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2060, 0x2065),
              *range(0x2066, 0x206A), 0xFEFF]  # fmt: skip
_CONTROL = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, *_INVISIBLE]
_ESCAPES = {
    code: _SHORT.get(chr(code)) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    for code in _CONTROL
}


def printable(text: str) -> str:
    """``text`` on one line, with control and invisible format characters shown as escapes."""
    return text.translate(_ESCAPES)
