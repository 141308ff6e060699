"""`sopgen sop`: one SOP as a Word document per language, written into an output folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sopgen.errors import InputError, Problem
from sopgen.i18n.interface import _ as ui_

if TYPE_CHECKING:
    pass

from sopgen.build.output_stage import opened_folder
from sopgen.build.preflight import check_run_inputs


def write_sop_documents(
    id_or_path: str, settings: Any, locales: tuple[str, ...] | None, out: Path, force: bool, pdf: bool = False
) -> tuple[list[Path], list[Problem]]:
    """One SOP as .docx per language, named `<document id>-<id>.<lang>.docx` in `out` (`<lang>` may be a pair: `da+id`); with `pdf`, a PDF beside each."""
    from sopgen.blueprints.library import document_id, resolve_sop
    from sopgen.blueprints.profile import load_profile, profile_locales
    from sopgen.blueprints.shop_flows import with_shop_flows
    from sopgen.build.bilingual import session_for
    from sopgen.build.pdf_documents import pdf_names, require_libreoffice, write_pdfs
    from sopgen.i18n.locales import language_tag

    soffice = require_libreoffice() if pdf else None  # before anything is read or written
    record, library = resolve_sop(id_or_path)
    profile = load_profile(settings.profile_path)
    library, flow_warnings = with_shop_flows(library, profile, settings.profile_path)
    record = library.sop(record.id) or record
    chosen = locales or profile_locales(profile)
    if not profile.applies(record.when):
        raise InputError.single(record.source, ui_("this SOP does not apply to the shop in the profile (see its 'when')"))
    check_run_inputs(settings, chosen)
    settings = settings.dated_for(profile)
    names = {locale: f"{document_id(record, library)}-{record.id}.{language_tag(locale)}.docx" for locale in chosen}
    warnings: list[Problem] = list(flow_warnings)
    with opened_folder(out, force, [*names.values(), *(pdf_names(names.values()) if soffice else ())]) as folder:
        documents = {}
        for locale in chosen:  # every language rendered before any is written: a bad catalog leaves nothing behind
            session = session_for(library, profile, locale, settings)
            data = session.sop_document(record)
            for localization in session.localizations:
                localization.check()
                warnings.extend(localization.missing)
            if data is None:
                raise InputError.single(record.source, ui_("this SOP does not apply to the shop in the profile (see its 'when')"))
            documents[locale] = data
        for locale, data in documents.items():
            folder.write(names[locale], data)
        if soffice:
            write_pdfs(folder, list(names.values()), soffice)
    return folder.written + folder.unchanged, warnings
