"""The built wheel installs everything under `tessera`, so it sits beside OpenAI's Agents SDK (import name `agents`).

The wheel is built from a copy of the working tree and installed (not linked) into a scratch venv together with
`openai-agents`. To keep this to seconds, the scratch venv borrows tessera's own dependencies from the running
environment through a `.pth` line after its own site-packages; whatever `openai-agents` needs beyond them is
installed into the scratch venv from the package index.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("contract", "planner", "renderer", "verifier", "agents", "evals", "prompts")
OPENAI_AGENTS = "openai-agents==0.24.0"
_NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", ".*_cache", ".hypothesis", "__pycache__", "*.egg-info", "build", "runs", "out"
)


def _run(*command: str | Path, cwd: Path) -> str:
    """Run a command outside the repository with no PYTHONPATH, so only what is installed can be imported."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    done = subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, f"{' '.join(map(str, command))} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the working tree so that the build leaves nothing in it."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=_NOT_SOURCE)
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", work / "dist", source, cwd=work)
    (built,) = (work / "dist").glob("tessera-*.whl")
    return built


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    """The python of a scratch venv with the wheel and openai-agents installed in it."""
    venv = tmp_path_factory.mktemp("scratch") / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=venv.parent)
    python = venv / "bin" / "python"
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=venv).strip())
    borrowed = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (site / "borrowed-dependencies.pth").write_text("".join(f"{path}\n" for path in borrowed))
    pip = (sys.executable, "-m", "pip", "--python", python, "install", "-q", "--disable-pip-version-check")
    # --force-reinstall: the running environment's editable tessera is visible through the .pth line.
    _run(*pip, "--no-deps", "--force-reinstall", wheel, cwd=venv)
    _run(*pip, OPENAI_AGENTS, cwd=venv)
    return python


def test_the_wheel_holds_every_package_under_tessera(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    inits = {f"tessera/{p.relative_to(ROOT)}" for package in PACKAGES for p in (ROOT / package).rglob("__init__.py")}
    templates = {f"tessera/prompts/{p.name}" for p in (ROOT / "prompts").glob("*.j2")}
    templates |= {f"tessera/prompts/examples/{p.name}" for p in (ROOT / "prompts" / "examples").glob("*.json")}
    assert len(inits) >= len(PACKAGES) and templates
    assert inits <= names
    assert templates <= names
    assert {"tessera/__init__.py", "tessera/__main__.py"} <= names


def test_the_wheel_installs_nothing_outside_the_tessera_namespace(wheel: Path) -> None:
    tops = {name.split("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert {top for top in tops if not top.endswith(".dist-info")} == {"tessera"}


def test_tessera_and_openai_agents_import_side_by_side(scratch: Path) -> None:
    code = (
        "import agents, tessera, tessera.agents, tessera.planner\n"
        "assert isinstance(agents.Agent, type), agents\n"
        "print(agents.__file__); print(tessera.__file__); print(tessera.agents.__file__)\n"
    )
    files = _run(scratch, "-c", code, cwd=scratch.parent).split()
    prefix = str(scratch.parents[1])
    assert all(f.startswith(prefix) for f in files), files
    assert Path(files[0]).parent.name == "agents" and Path(files[2]).parent.parent.name == "tessera"


def test_python_m_tessera_runs_from_the_wheel(scratch: Path) -> None:
    assert "Usage" in _run(scratch, "-m", "tessera", "--help", cwd=scratch.parent)


def test_the_tessera_console_script_runs_from_the_wheel(scratch: Path) -> None:
    assert "Usage" in _run(scratch.parent / "tessera", "--help", cwd=scratch.parent)
