"""The import graph, read from the source with `ast` (imports inside functions included), keeps its shape.

- The contract imports no other tessera package.
- The parts (planner, renderer, verifier) import only the contract among tessera packages, never each other.
- No package imports another package's private module or name (a segment starting with `_`).
- There is no cycle between packages.
- Everything is imported under `tessera.`: no bare `import agents`, in the packages, the tests or the benchmarks.

Each rule is also shown failing on a small tree with one violation, so a green run means the rule was checked.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("contract", "planner", "renderer", "verifier", "agents", "evals", "prompts")
# What each part may import among tessera packages besides itself; `prompts` holds only the planner's templates.
PART_ALLOWED = {"planner": {"contract", "prompts"}, "renderer": {"contract"}, "verifier": {"contract"}}
# Folders beside the packages whose Python files must import tessera's packages under `tessera.` too.
OTHER_FOLDERS = ("tests", "bench")


@dataclass(frozen=True)
class Import:
    """One imported name as a file names it: `from m import n` is `m.n`, a relative import made absolute."""

    file: str
    line: int
    module: str

    @property
    def package(self) -> str | None:
        """The tessera package imported from, e.g. 'renderer' for `tessera.renderer._fonts`; None outside tessera."""
        parts = self.module.split(".")
        return parts[1] if parts[0] == "tessera" and len(parts) > 1 else None

    def __str__(self) -> str:
        return f"{self.file}:{self.line} imports {self.module}"


def module_name(path: Path, root: Path) -> str:
    """The dotted name a file imports as: `tessera.<package>...` for package files, its path's otherwise."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[0] == "src":
        parts = parts[1:]
    elif parts[0] in PACKAGES:
        parts = ["tessera", *parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_in(path: Path, root: Path) -> Iterator[Import]:
    """Every import in a file: statements anywhere (functions, TYPE_CHECKING blocks) and literal dynamic imports."""
    name = module_name(path, root).split(".")
    package = name if path.name == "__init__.py" else name[:-1]
    file = str(path.relative_to(root))
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=file)):
        if isinstance(node, ast.Import):
            yield from (Import(file, node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(package, node.level, node.module)
            for alias in node.names:
                yield Import(file, node.lineno, base if alias.name == "*" else f"{base}.{alias.name}")
        elif isinstance(node, ast.Call) and (target := _dynamic_import(node)):
            yield Import(file, node.lineno, target)


def _absolute(package: list[str], level: int, module: str | None) -> str:
    """The absolute name of `from <level dots><module> import`, seen from a module of `package`."""
    base = package[: len(package) - level + 1] if level else []
    return ".".join([*base, *([module] if module else [])])


def _dynamic_import(call: ast.Call) -> str | None:
    """The module named by `import_module("...")` or `__import__("...")` with a literal name."""
    func = call.func
    called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    first = call.args[0] if call.args else None
    if called in ("import_module", "__import__") and isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    return None


def python_files(folder: Path) -> list[Path]:
    """The .py files under a folder, caches left out."""
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def package_imports(root: Path) -> dict[str, list[Import]]:
    """Each package's imports, keyed by the importing package."""
    return {
        package: [imp for path in python_files(root / package) for imp in imports_in(path, root)]
        for package in PACKAGES
        if (root / package).is_dir()
    }


def contract_violations(imports: dict[str, list[Import]]) -> list[str]:
    """Imports of another tessera package from the contract."""
    return [str(imp) for imp in imports.get("contract", []) if imp.package not in (None, "contract")]


def part_violations(imports: dict[str, list[Import]]) -> list[str]:
    """Imports of a tessera package other than the contract (and, for the planner, its prompts) from a part."""
    return [
        str(imp)
        for part, allowed in PART_ALLOWED.items()
        for imp in imports.get(part, [])
        if imp.package not in (None, part, *allowed)
    ]


def private_violations(imports: dict[str, list[Import]]) -> list[str]:
    """Imports of another package's private module or name: any segment after `tessera.<package>` starting `_`."""
    return [
        str(imp)
        for package, found in imports.items()
        for imp in found
        if imp.package not in (None, package) and any(_private(segment) for segment in imp.module.split(".")[2:])
    ]


def _private(segment: str) -> bool:
    return segment.startswith("_") and not (segment.startswith("__") and segment.endswith("__"))


def package_cycles(imports: dict[str, list[Import]]) -> list[list[str]]:
    """Every cycle in the graph of packages importing packages, each once, starting at its first package by name."""
    edges = {
        package: {imp.package for imp in found if imp.package not in (None, package)}
        for package, found in imports.items()
    }
    cycles: list[list[str]] = []

    def walk(start: str, path: list[str]) -> None:
        for nxt in sorted(edges.get(path[-1], set())):
            if nxt == start:
                cycles.append([*path, start])
            elif nxt > start and nxt not in path:
                walk(start, [*path, nxt])

    for start in sorted(edges):
        walk(start, [start])
    return cycles


def bare_violations(root: Path, folders: tuple[str, ...]) -> list[str]:
    """Absolute imports of a package by its bare name (`agents`, not `tessera.agents`) in the given folders."""
    files = [path for folder in folders if (root / folder).is_dir() for path in python_files(root / folder)]
    return [str(imp) for path in files for imp in imports_in(path, root) if imp.module.split(".")[0] in PACKAGES]


@pytest.fixture(scope="module")
def imports() -> dict[str, list[Import]]:
    return package_imports(ROOT)


def test_every_package_is_read(imports: dict[str, list[Import]]) -> None:
    assert sorted(imports) == sorted(PACKAGES)
    assert all(python_files(ROOT / package) for package in PACKAGES)


def _report(violations: list[str]) -> str:
    return "\n" + "\n".join(violations)


def test_the_contract_imports_no_other_tessera_package(imports: dict[str, list[Import]]) -> None:
    violations = contract_violations(imports)
    assert not violations, _report(violations)


def test_the_parts_import_only_the_contract(imports: dict[str, list[Import]]) -> None:
    violations = part_violations(imports)
    assert not violations, _report(violations)


def test_no_package_imports_another_packages_private_modules(imports: dict[str, list[Import]]) -> None:
    violations = private_violations(imports)
    assert not violations, _report(violations)


def test_there_is_no_cycle_between_packages(imports: dict[str, list[Import]]) -> None:
    cycles = package_cycles(imports)
    evidence = [
        f"{a} -> {b} (cycle {' -> '.join(cycle)}): " + "; ".join(str(imp) for imp in imports[a] if imp.package == b)
        for cycle in cycles
        for a, b in zip(cycle, cycle[1:], strict=False)
    ]
    assert not cycles, _report(evidence)


def test_everything_is_imported_under_the_tessera_namespace() -> None:
    violations = bare_violations(ROOT, (*PACKAGES, *OTHER_FOLDERS, "src"))
    assert not violations, _report(violations)


def _tree(root: Path, files: dict[str, str]) -> Path:
    """A small repository: every package folder with an empty __init__.py, plus `files`."""
    for package in PACKAGES:
        (root / package).mkdir(parents=True, exist_ok=True)
        (root / package / "__init__.py").write_text("")
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_a_contract_importing_a_part_is_caught(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"contract/plan.py": "from tessera.renderer import PlanRenderer\n"})
    assert contract_violations(package_imports(root)) == ["contract/plan.py:1 imports tessera.renderer.PlanRenderer"]


def test_a_part_importing_another_part_inside_a_function_is_caught(tmp_path: Path) -> None:
    source = "def look():\n    from tessera.renderer import sprite_for\n    return sprite_for\n"
    root = _tree(tmp_path, {"planner/_looks.py": source})
    assert part_violations(package_imports(root)) == ["planner/_looks.py:2 imports tessera.renderer.sprite_for"]


def test_a_part_importing_agents_through_a_relative_import_is_caught(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"verifier/_checks.py": "from ..agents import Settings\n"})
    assert part_violations(package_imports(root)) == ["verifier/_checks.py:1 imports tessera.agents.Settings"]


def test_a_part_importing_its_own_modules_and_the_contract_is_fine(tmp_path: Path) -> None:
    source = "from . import _fonts\nfrom ._wrap import wrap\nfrom tessera.contract import Box\nimport numpy\n"
    root = _tree(tmp_path, {"renderer/_render.py": source})
    assert part_violations(package_imports(root)) == []
    assert private_violations(package_imports(root)) == []


@pytest.mark.parametrize(
    "source",
    [
        "from tessera.renderer._fonts import font_for\n",
        "from tessera.renderer import _fonts\n",
        "import tessera.renderer._fonts\n",
        "import importlib\nimportlib.import_module('tessera.renderer._fonts')\n",
    ],
)
def test_importing_another_packages_private_module_is_caught(tmp_path: Path, source: str) -> None:
    root = _tree(tmp_path, {"agents/cli.py": source})
    (violation,) = private_violations(package_imports(root))
    assert violation.startswith("agents/cli.py:") and "tessera.renderer._fonts" in violation


def test_a_cycle_between_packages_is_caught(tmp_path: Path) -> None:
    files = {
        "agents/cli.py": "def run():\n    from tessera.evals import run_eval\n",
        "evals/_runner.py": "from tessera.agents.engine import Engine\n",
    }
    root = _tree(tmp_path, files)
    assert package_cycles(package_imports(root)) == [["agents", "evals", "agents"]]


def test_a_longer_cycle_is_caught_once(tmp_path: Path) -> None:
    files = {
        "agents/a.py": "import tessera.evals\n",
        "evals/e.py": "import tessera.prompts\n",
        "prompts/p.py": "import tessera.agents\n",
    }
    assert package_cycles(package_imports(_tree(tmp_path, files))) == [["agents", "evals", "prompts", "agents"]]


def test_one_way_imports_are_no_cycle(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"evals/_runner.py": "from tessera.agents import Engine\n"})
    assert package_cycles(package_imports(root)) == []


@pytest.mark.parametrize(
    ("name", "source", "bare"),
    [
        ("tests/test_x.py", "import agents\n", "agents"),
        ("tests/planner/test_y.py", "from planner import Canvas\n", "planner.Canvas"),
        ("bench/bench_z.py", "def f():\n    import renderer._fonts\n", "renderer._fonts"),
        ("tests/test_w.py", "x = __import__('planner').Canvas\n", "planner"),
        ("agents/cli.py", "from evals import run_eval\n", "evals.run_eval"),
    ],
)
def test_a_bare_package_import_is_caught(tmp_path: Path, name: str, source: str, bare: str) -> None:
    root = _tree(tmp_path, {name: source})
    (violation,) = bare_violations(root, (*PACKAGES, *OTHER_FOLDERS))
    assert violation.startswith(f"{name}:") and violation.endswith(f"imports {bare}")


def test_tessera_imports_and_relative_imports_are_not_bare(tmp_path: Path) -> None:
    files = {
        "tests/test_x.py": "from tessera.agents import Engine\nimport tessera.planner\n",
        "agents/cli.py": "from . import engine\nfrom .services import _app\n",
    }
    assert bare_violations(_tree(tmp_path, files), (*PACKAGES, *OTHER_FOLDERS)) == []
