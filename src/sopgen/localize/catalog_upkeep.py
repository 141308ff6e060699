"""Catalog upkeep for `sopgen i18n`: extract templates, update and compile catalogs, check them."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sopgen import __version__, resources
from sopgen.blueprints.library import YAML_SUFFIXES, collect_files
from sopgen.blueprints.yaml_loading import display_path
from sopgen.errors import Problem, SopgenError, Source, TranslationError
from sopgen.i18n.catalogs import CONTENT_DOMAIN, catalog_path
from sopgen.i18n.interface import UI_DOMAIN, _
from sopgen.i18n.locales import SOURCE_LOCALE, SUPPORTED_LOCALES

TRANSLATED_LOCALES = tuple(locale for locale in SUPPORTED_LOCALES if locale != SOURCE_LOCALE)
# CLDR: Indonesian and Chinese have one plural form; babel's default header says two for Indonesian.
PLURAL_FORMS = {"da": (2, "(n != 1)"), "en": (2, "(n != 1)"), "id": (1, "0"), "zh_Hant_TW": (1, "0")}
UI_KEYWORDS = {"_": None, "ui_": None, "N_": None, "ngettext": (1, 2), "gettext": None}

_JINJA_PLACEHOLDER = re.compile(r"\{\{\s*(.*?)\s*\}\}")
_FORMAT_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)\}(?!\})")


@dataclass(frozen=True)
class CatalogSet:
    """The catalogs of one project: sopgen's own (interface and built-in blueprints) or a user's."""

    locales_dir: Path
    blueprint_dirs: tuple[Path, ...]
    domains: tuple[str, ...]
    source_dir: Path | None = None  # Python and Jinja sources of the interface domain

    @classmethod
    def builtin(cls) -> CatalogSet:
        return cls(resources.locales_dir(), (resources.blueprints_dir(),), (UI_DOMAIN, CONTENT_DOMAIN), resources.package_dir())

    @classmethod
    def for_user(cls, blueprints_dir: Path) -> CatalogSet:
        return cls(blueprints_dir / "locales", (blueprints_dir,), (CONTENT_DOMAIN,))

    def template_path(self, domain: str) -> Path:
        return self.locales_dir / f"{domain}.pot"


# ---------------------------------------------------------------- extract


def extract(catalogs: CatalogSet, domain: str) -> Any:
    from babel.messages.catalog import Catalog

    template = Catalog(project="sopgen", version=__version__, copyright_holder="sopgen", fuzzy=False, charset="utf-8")
    template.creation_date = template.revision_date = _fixed_date()
    for message, locations, comments, flags in _extracted(catalogs, domain):
        template.add(message, None, locations, auto_comments=comments, flags=flags)
    for entry in template:
        entry.flags.discard("python-format")  # sopgen formats with str.format(), never with %
    return template


def _fixed_date() -> Any:
    import datetime as dt

    return dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def _extracted(catalogs: CatalogSet, domain: str) -> Iterator[tuple[Any, list[tuple[str, int]], list[str], set[str]]]:
    if domain == CONTENT_DOMAIN:
        yield from _extracted_blueprints(catalogs.blueprint_dirs)
    else:
        yield from _extracted_interface(catalogs.source_dir)


def _extracted_blueprints(folders: Iterable[Path]) -> Iterator[tuple[Any, list[tuple[str, int]], list[str], set[str]]]:
    from sopgen.blueprints.yaml_loading import read_text
    from sopgen.localize.extractor import extract_texts

    problems: list[Problem] = []
    for file in collect_files(folders):
        if file.suffix not in YAML_SUFFIXES or "locales" in file.parts:
            continue
        try:
            for line, _function, message, comments in extract_texts(read_text(file), display_path(file)):
                yield message, [(display_path(file), line)], comments, set()
        except SopgenError as error:
            problems.extend(error.problems)
    if problems:
        raise SopgenError(problems)


def _extracted_interface(source_dir: Path | None) -> Iterator[tuple[Any, list[tuple[str, int]], list[str], set[str]]]:
    from babel.messages.extract import extract_from_dir

    if source_dir is None:
        return
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    options_map = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    for filename, line, message, comments, _context in extract_from_dir(
        source_dir, method_map, options_map, keywords=UI_KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True
    ):
        flags = {"python-brace-format"} if _FORMAT_PLACEHOLDER.search(message if isinstance(message, str) else message[0]) else set()
        yield message, [(f"src/sopgen/{filename}", line)], list(comments), flags


# ---------------------------------------------------------------- update and compile


def template_file(catalogs: CatalogSet, domain: str) -> tuple[Path, bytes]:
    """The message template (.pot) of a domain, as the path to write and its bytes."""
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, extract(catalogs, domain), width=100, sort_output=False, omit_header=False)
    return catalogs.template_path(domain), buffer.getvalue()


def updated_catalogs(catalogs: CatalogSet, domain: str, locales: Iterable[str] = TRANSLATED_LOCALES) -> list[tuple[Path, bytes]]:
    """The fresh template merged into each locale's catalog, keeping translations; missing catalogs created."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    from sopgen.i18n.catalog_files import read_catalog

    template = extract(catalogs, domain)
    written = []
    for locale in locales:
        path = catalog_path(catalogs.locales_dir, domain, locale)
        if path.exists():
            catalog = read_catalog(path, locale)
        else:
            catalog = Catalog(locale=locale, project="sopgen", version=__version__, copyright_holder="sopgen", fuzzy=False)
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        catalog.obsolete.clear()
        for message in catalog:
            message.flags.discard("python-format")  # sopgen formats with str.format(), never with %
        _fix_plural_forms(catalog, locale)
        catalog.creation_date = catalog.revision_date = _fixed_date()
        buffer = io.BytesIO()
        write_po(buffer, catalog, width=100, ignore_obsolete=True, include_previous=False)
        written.append((path, buffer.getvalue()))
    return written


def _fix_plural_forms(catalog: Any, locale: str) -> None:
    count, expression = PLURAL_FORMS[locale]
    catalog._num_plurals, catalog._plural_expr = count, expression


def compiled_catalogs(catalogs: CatalogSet) -> list[tuple[Path, bytes]]:
    """Every catalog (.po) compiled, as the .mo path to write and its bytes; all checked before any is returned."""
    from sopgen.i18n.catalog_files import read_catalog, translation_problems

    compiled, problems = [], []
    for po_file in sorted(catalogs.locales_dir.glob("*/LC_MESSAGES/*.po")):
        try:
            catalog = read_catalog(po_file)
        except TranslationError as error:
            problems.extend(error.problems)
            continue
        if po_file.stem == CONTENT_DOMAIN:
            problems.extend(translation_problems({message.id: message.string for message in catalog if message.id}, po_file))
        compiled.append((po_file.with_suffix(".mo"), _mo_bytes(catalog)))
    if problems:
        raise TranslationError(problems)
    return compiled


def _mo_bytes(catalog: Any) -> bytes:
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


# ---------------------------------------------------------------- check


@dataclass
class CatalogReport:
    locale: str
    domain: str
    path: str
    total: int = 0
    translated: int = 0
    untranslated: int = 0
    fuzzy: int = 0
    obsolete: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.untranslated == 0 and self.fuzzy == 0 and not self.problems

    def as_json(self) -> dict[str, Any]:
        return {
            "locale": self.locale,
            "domain": self.domain,
            "catalog": self.path,
            "total": self.total,
            "translated": self.translated,
            "untranslated": self.untranslated,
            "fuzzy": self.fuzzy,
            "obsolete": self.obsolete,
            "percent_translated": round(100 * self.translated / self.total, 1) if self.total else 100.0,
            "problems": [str(problem) for problem in self.problems],
        }


def check(catalogs: CatalogSet, locales: Iterable[str] = TRANSLATED_LOCALES) -> list[CatalogReport]:
    """Per locale and domain: counts against the current sources, and every placeholder mismatch."""
    from sopgen.i18n.catalog_files import read_catalog

    reports = []
    for domain in catalogs.domains:
        template = extract(catalogs, domain)
        for locale in locales:
            path = catalog_path(catalogs.locales_dir, domain, locale)
            report = CatalogReport(locale, domain, display_path(path))
            if not path.is_file():
                report.total = report.untranslated = len([m for m in template if m.id])
                report.problems.append(Problem(Source(report.path), _("catalog is missing"), _("run 'sopgen i18n update'")))
                reports.append(report)
                continue
            try:
                catalog = read_catalog(path, locale)
            except TranslationError as error:
                report.problems.extend(error.problems)
                report.total = report.untranslated = len([m for m in template if m.id])
                reports.append(report)
                continue
            report.obsolete = len(catalog.obsolete)
            for message in template:
                if not message.id:
                    continue
                report.total += 1
                entry = catalog.get(message.id)
                if entry is None or not _has_string(entry.string):
                    report.untranslated += 1
                elif entry.fuzzy:
                    report.fuzzy += 1
                else:
                    report.translated += 1
                    report.problems.extend(_placeholder_problems(message, entry, report.path, domain == CONTENT_DOMAIN))
            report.problems.extend(_plural_header_problems(catalog, locale, report.path))
            report.problems.extend(_compiled_problems(path.with_suffix(".mo")))
            reports.append(report)
    return reports


def _compiled_problems(mo_file: Path) -> list[Problem]:
    """The compiled catalog beside a .po is what sopgen loads: one that is broken is reported too."""
    from sopgen.i18n.catalog_files import read_compiled

    if not mo_file.exists():
        return []
    try:
        read_compiled(mo_file)
    except TranslationError as error:
        return list(error.problems)
    return []


def _has_string(string: Any) -> bool:
    if isinstance(string, (tuple, list)):
        return all(string)
    return bool(string)


def placeholders(text: str) -> list[str]:
    """Jinja `{{ shop.name }}` and format `{count}` placeholders, normalised and sorted."""
    jinja = ["{{ " + " ".join(found.split()) + " }}" for found in _JINJA_PLACEHOLDER.findall(text)]
    stripped = _JINJA_PLACEHOLDER.sub("", text)
    return sorted(jinja + ["{" + name + "}" for name in _FORMAT_PLACEHOLDER.findall(stripped)])


def _placeholder_problems(message: Any, entry: Any, path: str, rendered: bool = False) -> list[Problem]:
    """A translation's placeholders against its source's; `rendered` texts (blueprint text) also in the restricted form."""
    from sopgen.i18n.catalog_files import placeholder_names, placeholder_problem

    sources = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
    strings = entry.string if isinstance(entry.string, (tuple, list)) else (entry.string,)
    expected = placeholders(sources[-1])
    problems = []
    for string in strings:
        if rendered and placeholder_names(string) is None:
            problems.append(Problem(Source(path, entry.lineno), placeholder_problem(sources[-1], string) or "", _("keep every placeholder exactly as in the English text")))
            continue
        found = placeholders(string)
        if found != expected and not (len(sources) > 1 and set(found) <= set(expected)):
            where = ", ".join(f"{file}:{line}" for file, line in message.locations[:2])
            problems.append(
                Problem(
                    Source(path, entry.lineno),
                    _("placeholders differ from the source text ({source}): expected {expected}, found {found}").format(
                        source=where or "?", expected=" ".join(expected) or "-", found=" ".join(found) or "-"
                    ),
                    _("keep every placeholder exactly as in the English text"),
                )
            )
    return problems


def _plural_header_problems(catalog: Any, locale: str, path: str) -> list[Problem]:
    count, _expression = PLURAL_FORMS[locale]
    if catalog.num_plurals != count:
        return [
            Problem(
                Source(path, 1),
                _("the catalog declares {found} plural forms; {locale} has {count}").format(found=catalog.num_plurals, locale=locale, count=count),
            )
        ]
    return []


def raise_if_incomplete(reports: list[CatalogReport]) -> None:
    problems = [problem for report in reports for problem in report.problems]
    for report in reports:
        if report.untranslated or report.fuzzy:
            problems.append(
                Problem(
                    Source(report.path),
                    _("{untranslated} untranslated and {fuzzy} fuzzy messages").format(untranslated=report.untranslated, fuzzy=report.fuzzy),
                )
            )
    if problems:
        raise TranslationError(problems)
