"""The layout keeps its promises: stages import in one direction, no import cycles, small modules, only build writes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import grimp

SOURCE = Path(__file__).parents[2] / "src" / "sopgen"
MAX_LINES = 400


def test_import_contracts_hold():
    """The contracts in pyproject.toml ([tool.importlinter]): layers of stages, a core free of CLI, Word, Graphviz and web."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], capture_output=True, text=True, cwd=SOURCE.parents[1])
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_import_cycles():
    """No module reaches itself again through what it imports at run time, imports inside functions included.

    Imports for type annotations only (under TYPE_CHECKING) are left out: they never run.
    """
    graph = grimp.build_graph("sopgen", cache_dir=None, exclude_type_checking_imports=True)
    cycles = sorted(
        " -> ".join((module, *chain))
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
        if (chain := graph.find_shortest_chain(importer=imported, imported=module))
    )
    assert cycles == []


def test_no_module_is_over_400_lines():
    long = {str(path.relative_to(SOURCE)): n for path in SOURCE.rglob("*.py") if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_every_module_says_what_it_holds():
    undocumented = [str(path.relative_to(SOURCE)) for path in SOURCE.rglob("*.py") if not path.read_text(encoding="utf-8").lstrip().startswith('"""')]
    assert undocumented == []


WRITES = re.compile(r"\.write_(?:text|bytes)\(|\bos\.replace\(|open\([^)]*['\"][wax]b?['\"]|\bmkstemp\(|shutil\.(?:copy|move)")


def test_only_the_build_stage_writes_files():
    writers = sorted(
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if WRITES.search(path.read_text(encoding="utf-8")) and path.relative_to(SOURCE).parts[0] != "build"
    )
    assert writers == []
