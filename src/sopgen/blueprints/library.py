"""Finding blueprint files, loading them as one validated set, and the built-in library."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sopgen import resources
from sopgen.blueprints.hints import choices_hint
from sopgen.blueprints.model import FlowBlueprint, Library, Record
from sopgen.blueprints.validation import build_library
from sopgen.blueprints.vocabulary import PHASE_CODES
from sopgen.blueprints.yaml_loading import YamlDocument, display_path, load_yaml
from sopgen.collection_pause import collector_paused
from sopgen.errors import InputError, Problem, SopgenError, Source
from sopgen.i18n.interface import _

if TYPE_CHECKING:
    from sopgen.blueprints.sop_model import SopBlueprint

YAML_SUFFIXES = (".yaml", ".yml")
R = TypeVar("R", bound=Record)


def collect_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            # Not only regular files: a pipe or device named like a blueprint is refused by the reader, not skipped unseen.
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and not p.is_dir()))
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(Source(display_path(path)), _("no such file or folder")))
    if problems:
        raise InputError(problems)
    return files


def load_documents(files: Iterable[Path]) -> tuple[list[YamlDocument], list[Problem]]:
    documents: list[YamlDocument] = []
    problems: list[Problem] = []
    for file in files:
        try:
            documents.append(load_yaml(file))
        except SopgenError as error:
            problems.extend(error.problems)
    return documents, problems


def load_library(paths: Iterable[Path], base: Library | None = None) -> Library:
    """Load and validate files and folders as one set; every problem in every file is raised at once."""
    with collector_paused():
        documents, problems = load_documents(collect_files(paths))
        try:
            library = build_library(documents, base)
        except InputError as error:
            problems.extend(error.problems)
            raise InputError(problems) from None
    if problems:
        raise InputError(problems)
    return library


@cache
def builtin_library() -> Library:
    return load_library([resources.blueprints_dir()])


@cache
def builtin_references() -> Library:
    """The built-in roles and flows, which a user's own SOPs may refer to."""
    folder = resources.blueprints_dir()
    return load_library([folder / "roles.yaml", folder / "flows"])


@cache
def builtin_roles() -> Library:
    return load_library([resources.blueprints_dir() / "roles.yaml"])


def user_library(paths: Iterable[Path]) -> Library:
    """A user's own blueprints, checked against the built-in roles and flows."""
    paths = list(paths)
    builtin = resources.blueprints_dir().resolve()
    if any(path.resolve() == builtin for path in paths) and len(paths) == 1:
        return builtin_library()
    return load_library(paths, base=builtin_references())


def resolve_flow(id_or_path: str) -> FlowBlueprint:
    """A built-in flow by id, or the flow in a file of the user's own."""
    path = _blueprint_path(id_or_path)
    if path is not None:
        return _first(load_library([path]).flows, path, _("a flow blueprint"))
    return _builtin(id_or_path, builtin_references().flows)


def resolve_sop(id_or_path: str) -> tuple[SopBlueprint, Library]:
    """A built-in SOP by id, or the SOP in a file of the user's own, with the library it refers to."""
    path = _blueprint_path(id_or_path)
    if path is not None:
        library = user_library([path])
        sop = _first(library.sops, path, _("an SOP blueprint"))
        merged = Library(sops=library.sops, flows=library.flows + builtin_references().flows, roles=library.roles, warnings=library.warnings)
        return sop, merged
    library = builtin_library()
    return _builtin(id_or_path, library.sops), library


def _blueprint_path(id_or_path: str) -> Path | None:
    path = Path(id_or_path)
    return path if path.suffix in YAML_SUFFIXES or path.exists() else None


def _first(records: Sequence[R], path: Path, what: str) -> R:
    if not records:
        raise InputError.single(Source(display_path(path)), _("does not contain {what}").format(what=what))
    return records[0]


def _builtin(record_id: str, records: Sequence[R]) -> R:
    for record in records:
        if record.id == record_id:
            return record
    raise InputError.single(
        Source(record_id),
        _("no built-in blueprint or file with this name"),
        choices_hint(record_id, [record.id for record in records]),
    )


def document_id(sop: SopBlueprint, library: Library) -> str:
    """`SOP-SAL-003`: phase code and number (given, or the SOP's place in its phase)."""
    number = sop.number
    if number is None:
        same_phase = [s for s in library.sops if s.phase == sop.phase]
        taken = {s.number for s in same_phase if s.number is not None}
        free = (n for n in range(1, 1000) if n not in taken)
        unnumbered = [s.id for s in same_phase if s.number is None]
        number = [next(free) for _ in unnumbered][unnumbered.index(sop.id)] if sop.id in unnumbered else 1
    return f"SOP-{PHASE_CODES[sop.phase]}-{number:03d}"
