"""What each powfacts module imports, read from its source (lazy imports inside functions too)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def source_of(module: str) -> Path:
    """``powfacts.run.batch`` -> its file (a package's ``__init__.py``)."""
    base = SRC.joinpath(*module.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def modules() -> list[str]:
    """Every module of the package, dotted, sorted."""
    names = []
    for path in sorted((SRC / "powfacts").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


def imports_of(module: str) -> set[str]:
    """The powfacts modules (dotted, as written) that ``module`` imports; ``from pkg import mod`` gives ``pkg.mod``."""
    path = source_of(module)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    known = set(modules())
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            if not base.startswith("powfacts"):
                continue
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in known else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("powfacts"))
    return found
