"""The import arrows of the package (issue 14, item 4), checked on the source's syntax tree.

Every import counts, at module level, inside a function or under ``TYPE_CHECKING``: a lazy
import is still a dependency. ``FORBIDDEN`` maps a layer to the layers it must never import.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "crmselect"

CLI = ("crmselect.cli", "crmselect.commands")
FORBIDDEN: dict[str, tuple[str, ...]] = {
    # computation reads models, never files, pages or the command line
    "crmselect.scoring": ("crmselect.io", "crmselect.render", *CLI),
    "crmselect.tco": ("crmselect.io", "crmselect.render", *CLI),
    # renderers take results; they read no input files
    "crmselect.render": ("crmselect.io", *CLI),
    # the input models are the bottom layer above the leaves
    "crmselect.models": (
        "crmselect.io",
        "crmselect.scoring",
        "crmselect.tco",
        "crmselect.render",
        "crmselect.decision",
        *CLI,
    ),
    # loading turns files into models and checks them (the AHP consistency of a group's
    # judgments needs scoring's group kernel); it costs and renders nothing
    "crmselect.io": ("crmselect.tco", "crmselect.render", *CLI),
}
ABOVE_THE_COMMANDS = ("crmselect.cli", "crmselect.commands", "crmselect.__main__")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                root = package[: len(package) - node.level + 1]
                base = ".".join([*root, base] if base else root)
            found.append((node.lineno, base))
            # `from crmselect import cli` imports crmselect.cli
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _violations() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        banned = [b for layer, bans in FORBIDDEN.items() if _within(module, layer) for b in bans]
        if not any(_within(module, top) for top in ABOVE_THE_COMMANDS):
            banned += list(CLI)
        for line, imported in _imports(path):
            for ban in banned:
                if _within(imported, ban):
                    where = path.relative_to(PACKAGE.parent)
                    found.append(f"{where}:{line}: {module} imports {imported}")
    return sorted(set(found))


def test_no_import_crosses_a_forbidden_arrow() -> None:
    assert _violations() == []


@pytest.mark.parametrize(
    ("source", "caught"),
    [
        ("from crmselect.io.loader import load_file\n", True),
        ("def f():\n    from ..io import yamlsafe\n", True),
        ("from crmselect import cli\n", True),
        ("import crmselect.render.common\n", True),
        ("from crmselect.models.ahp import ahp_weights\n", False),
    ],
)
def test_the_checker_sees_lazy_relative_and_package_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, caught: bool
) -> None:
    """The check itself can fail: a planted import in scoring/ is reported."""
    package = tmp_path / "crmselect"
    (package / "scoring").mkdir(parents=True)
    (package / "scoring" / "planted.py").write_text(source, encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", package)
    assert bool(_violations()) is caught


def test_no_module_declares_a_dataclass() -> None:
    """Results and records are msgspec structs: every dataclass costs each run of each command
    about 5 M instructions to create (Python 3.11 compiles its methods from source)."""
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, imported in _imports(path)
        if _within(imported, "dataclasses")
    ]
    assert found == []
