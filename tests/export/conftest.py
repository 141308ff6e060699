"""Every built-in flow in every language, a 500-step flow and a flow of hostile labels, exported once per test
session to real files, and the reports of the parsers that bpmn-js and Mermaid use, run under Node on them."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from sample_flows import BRANCHING, chain_flow, flow_from, hostile_flow
from sopgen.analysis.figures import FlowAnalysis, analyse
from sopgen.blueprints.model import FlowBlueprint
from sopgen.export import EXPORT_FORMATS, export_flow
from sopgen.i18n.localizer import Localizer
from sopgen.localize.localization import Localization

NODE_CHECKS = Path(__file__).parents[1] / "node"
LOCALES = ("en", "da", "zh_Hant_TW", "id")


@dataclass
class Export:
    """One flow in one language, exported to every format."""

    name: str
    locale: str
    flow: FlowBlueprint  # localized
    analysis: FlowAnalysis
    files: dict[str, Path] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.name} ({self.locale})"


def _export(folder: Path, name: str, locale: str, flow: FlowBlueprint, localizer: Localizer) -> Export:
    case = Export(name, locale, flow, analyse(flow))
    for fmt, extension in EXPORT_FORMATS.items():
        path = folder / f"{name}.{locale}.{extension}"
        path.write_bytes(export_flow(flow, case.analysis, localizer, fmt))
        case.files[fmt] = path
    return case


@pytest.fixture(scope="session")
def exports(tmp_path_factory: pytest.TempPathFactory, library, demo_profile) -> list[Export]:
    """The built-in flows in all four languages (localized as the pack does), then the hand-made flows in English."""
    folder = tmp_path_factory.mktemp("exports")
    cases = []
    for locale in LOCALES:
        localization = Localization(Localizer.for_locale(locale), demo_profile)
        for flow in library.flows:
            cases.append(_export(folder, flow.id, locale, localization.record(flow), localization.localizer))
    english = Localizer.for_locale("en")
    for name, text in (("branching", BRANCHING), ("chain-500", chain_flow(500, 5)), ("hostile", hostile_flow())):
        cases.append(_export(folder, name, "en", flow_from(text), english))
    cases.append(_export(folder, "hostile", "zh_Hant_TW", flow_from(hostile_flow()), Localizer.for_locale("zh_Hant_TW")))
    return cases


@pytest.fixture(scope="session")
def hostile(exports: list[Export]) -> Export:
    return next(case for case in exports if case.name == "hostile" and case.locale == "en")


def run_node_checks(kind: str, files: list[Path]) -> dict[Path, dict[str, Any]]:
    """One Node process parses all `files` (bpmn or mermaid); its report per file."""
    node = shutil.which("node")
    if node is None or not (NODE_CHECKS / "node_modules").is_dir():
        pytest.fail("the export checks need Node and the packages in tests/node: run `make test`, or `npm ci` in tests/node")
    result = subprocess.run(
        [node, str(NODE_CHECKS / "check_exports.mjs"), kind, *map(str, files)],
        cwd=NODE_CHECKS, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    return {Path(report["file"]): report for report in json.loads(result.stdout)}


@pytest.fixture(scope="session")
def moddle_reports(exports: list[Export]) -> dict[Path, dict[str, Any]]:
    return run_node_checks("bpmn", [case.files["bpmn"] for case in exports])


@pytest.fixture(scope="session")
def mermaid_reports(exports: list[Export]) -> dict[Path, dict[str, Any]]:
    return run_node_checks("mermaid", [case.files["mermaid"] for case in exports])
