"""What each output of a pack is made from, as a digest: an output whose digest did not change is not made again."""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from sopgen.blueprints.library import Library, document_id
from sopgen.blueprints.shop_profile import Profile
from sopgen.build.sessions import RunSettings
from sopgen.i18n.locales import language_pair, single_locales

if TYPE_CHECKING:
    from sopgen.build.pack import PackItem


def fingerprints(items: list[PackItem], library: Library, profile: Profile, settings: RunSettings) -> dict[str, str]:
    """For each output, a digest of everything it is made from: code, catalogs, profile, blueprints, options."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")  # dates documents whose profile gives no effective date
    common = _digest(_code_digest(), profile.model_dump_json(), repr(settings), _file_digest(settings.template), epoch)
    roles = _digest(*(catalog.model_dump_json() for catalog in library.roles))
    catalogs = {
        locale: _digest(*(_catalogs_digest(single, settings) for single in single_locales(locale))) if language_pair(locale) else _catalogs_digest(locale, settings)
        for locale in {item.locale for item in items}
    }
    messages = _digest(*(message_set.model_dump_json() for message_set in library.messages))

    def sop_inputs(sop_id: str) -> str:
        sop = library.sop(sop_id)
        flow = library.flow(sop.flow) if sop and sop.flow else None
        return _digest(sop.model_dump_json() if sop else "", flow.model_dump_json() if flow else "", document_id(sop, library) if sop else "")

    keys = {}
    for item in items:
        if item.kind == "sop":
            content = sop_inputs(item.key)
        elif item.kind in ("chart", "export"):
            content = _digest(library.flow(item.key).model_dump_json(), item.fmt)
        else:  # the handbook and the message templates: every SOP the shop gets, and the messages
            content = _digest(*(sop_inputs(sop.id) for sop in library.sops if profile.applies(sop.when)), messages)
        keys[item.relative] = _digest(common, roles, catalogs[item.locale], item.locale, item.kind, content)
    return keys


def _digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _file_digest(path: Path | None) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path and path.is_file() else ""


@functools.cache
def _code_digest() -> str:
    from sopgen import resources

    package = resources.package_dir()
    files = sorted(path for path in package.rglob("*") if path.is_file() and path.suffix in (".py", ".html", ".yaml", ".docx"))
    return _digest(*(f"{path.relative_to(package)}:{_file_digest(path)}" for path in files))


def _catalogs_digest(locale: str, settings: RunSettings) -> str:
    from sopgen import resources

    folders = [resources.locales_dir(), *settings.user_locales]
    files = sorted(path for folder in folders for path in (folder / locale / "LC_MESSAGES").glob("*.po"))
    return _digest(*(_file_digest(path) for path in files))
