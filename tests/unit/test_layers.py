"""The layering rule: the engine, store, s3, config and CLI never import Qt."""

from __future__ import annotations

import subprocess
import sys


def test_engine_store_and_cli_do_not_import_pyside6() -> None:
    code = (
        "import sys, hoist.engine.core, hoist.engine.steps, hoist.store.journal, hoist.s3.signer, "
        "hoist.s3.transport, hoist.config.settings, hoist.connect, hoist.cli.main; "
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def _import_graph() -> dict[str, set[str]]:
    """hoist module -> the hoist modules it imports (anywhere in it: a function-level
    import is still a dependency, only deferred)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "app"
    modules = {
        ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__"): path
        for path in (root / "hoist").rglob("*.py")
    }
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")
                    parent = ".".join(parts[: len(parts) - node.level + 1])
                    base = f"{parent}.{base}" if base else parent
                targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
            found |= {t for t in targets if t in modules and t != name}
        graph[name] = found
    return graph


def test_no_import_circles_in_hoist() -> None:
    """Arrows point one way: a module never (even lazily) imports one that imports it back.
    A package's __init__ is not counted as importing its submodules."""
    graph = _import_graph()
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for nxt in sorted(graph[name]):
            if state.get(nxt) == 1:
                circles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not circles, "import circles:\n" + "\n".join(" -> ".join(c) for c in circles)


def test_server_imports_neither_qt_nor_the_engine_nor_the_ui() -> None:
    """Hoist Server (app/hoist/server) may use hoist.s3, never hoist.engine, hoist.ui or PySide6."""
    code = (
        "import sys, hoist.server.app, hoist.server.cli, hoist.server.sweeper, hoist.server.migrate; "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'hoist.engine', 'hoist.ui'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
