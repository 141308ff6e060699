"""Word SOPs and the handbook, opened again as a user's Word would: structure, numbering, languages, bytes."""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
import zipfile
from pathlib import Path

import pytest
from babel.dates import format_date
from docx.oxml.ns import qn

import docx
from sopgen.blueprints.sop_model import plain_texts
from sopgen.blueprints.vocabulary import PHASES
from sopgen.build.sop_views import sop_view
from sopgen.docx import wordml as docx_xml
from sopgen.docx.document_control import ACCOUNTABLE_PREFERENCE
from sopgen.docx.handbook import render_handbook
from sopgen.docx.package import document_bytes
from sopgen.docx.sop import render_sop
from sopgen.docx.template import builtin_document, load_template
from sopgen.docx.views import ChartPicture, DocxOptions, HandbookView, SopView
from sopgen.errors import TemplateError
from sopgen.i18n.localizer import Localizer
from sopgen.localize.localization import Localization

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TIMESTAMP = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.timezone.utc)
SOP_SECTIONS = (
    "Document control",
    "Purpose",
    "Scope",
    "Roles and responsibilities",
    "Tools",
    "Procedure",
    "Do's and don'ts",
    "Key performance indicators",
    "Flowchart",
    "Records and review",
)


# ---------------------------------------------------------------- fixtures and helpers


def localizer(locale: str) -> Localizer:
    if locale == "en":
        return Localizer.for_locale("en")
    # No interface catalog yet: the text stays English, the formats, fonts and tags are the locale's.
    return Localizer(locale, gettext.NullTranslations(), gettext.NullTranslations())


@pytest.fixture(scope="module")
def chart_png() -> bytes:
    import graphviz

    graph = graphviz.Digraph(graph_attr={"rankdir": "LR"})
    graph.edge("Customer pays", "Check the order")
    graph.edge("Check the order", "Pack the parcel")
    return graph.pipe(format="png")


@pytest.fixture(scope="module")
def wide_png() -> bytes:
    import graphviz

    graph = graphviz.Digraph(graph_attr={"rankdir": "LR"})
    for index in range(14):
        graph.edge(f"Step number {index}", f"Step number {index + 1}")
    return graph.pipe(format="png")


@pytest.fixture(scope="module")
def chart(chart_png: bytes) -> ChartPicture:
    return ChartPicture(chart_png, "Current order flow", ("There are 2 hand-offs.", "The bottleneck is packing."))


def sample_sops(library) -> list:
    """order-processing (sub-steps, a flow) and the first SOP of every other phase."""
    chosen = [library.sop("order-processing")]
    for phase in PHASES:
        first = next((sop for sop in library.sops if sop.phase == phase and sop not in chosen), None)
        if first is not None and phase != "sale":
            chosen.append(first)
    return chosen


def view_of(library, profile, sop, locale="en", chart=None) -> SopView:
    view = sop_view(sop, library, Localization(localizer(locale), profile), chart)
    assert view is not None
    return view


def reopened(document) -> tuple[docx.document.Document, dict[str, bytes]]:
    data = document_bytes(document, TIMESTAMP)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    return docx.Document(io.BytesIO(data)), parts


def headings(document, level: int | None = None) -> list[str]:
    names = {f"Heading {level}"} if level else {f"Heading {n}" for n in range(1, 10)}
    return [p.text for p in document.paragraphs if p.style.name in names]


def table_texts(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def find_table(document, first_cell: str):
    return next(t for t in document.tables if t.rows[0].cells[0].text == first_cell)


def numbered(document) -> list[tuple[str, int, int]]:
    """(text, numId, level) of every numbered procedure step."""
    found = []
    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith("List Number"):
            numbering = paragraph._p.pPr.numPr
            found.append((paragraph.text, numbering.numId.val, numbering.ilvl.val))
    return found


@pytest.fixture(scope="module")
def en_order(library, demo_profile, chart):
    view = view_of(library, demo_profile, library.sop("order-processing"), chart=chart)
    document, parts = reopened(render_sop(view, DocxOptions()))
    return view, document, parts


# ---------------------------------------------------------------- one SOP: structure


@pytest.mark.parametrize("locale", ["en", "zh_Hant_TW"])
def test_every_sample_sop_has_its_sections_in_order(library, demo_profile, chart, locale):
    for sop in sample_sops(library):
        view = view_of(library, demo_profile, sop, locale, chart if sop.flow else None)
        document, _parts = reopened(render_sop(view, DocxOptions()))
        expected = [
            title
            for title in SOP_SECTIONS
            if not (title == "Tools" and not view.tools)
            and not (title == "Do's and don'ts" and not (sop.dos or sop.donts))
            and not (title == "Key performance indicators" and not sop.kpis)
            and not (title == "Flowchart" and view.chart is None)
        ]
        assert headings(document, 1) == expected, sop.id
        assert document.paragraphs[0].style.name == "Title"
        assert document.paragraphs[0].text == view.sop.title
        assert view.document_id in document.paragraphs[1].text


def test_document_control_table(en_order):
    view, document, _parts = en_order
    control = table_texts(find_table(document, "Document ID"))
    assert control[0] == ["Document ID", view.document_id, "Version", view.sop.version]
    assert control[1][:2] == ["Title", view.sop.title]
    assert control[2] == ["Owner", "Mette Holm", "Approver", "Anders Holm"]
    assert control[3] == ["Effective date", "December 1, 2026", "Next review", "June 1, 2027"]
    assert control[4] == ["Status", "Draft", "Review cycle", "every 6 months"], "an approver named is not an approval"
    assert headings(document, 2)[:2] == ["Approval", "Revision history"]


def test_approval_block_and_revision_history(en_order):
    _view, document, _parts = en_order
    approval = table_texts(find_table(document, ""))
    assert approval[0] == ["", "Name", "Date", "Signature"]
    assert [row[0] for row in approval[1:]] == ["Prepared by", "Reviewed by", "Approved by"]
    assert approval[1][1] == "Mette Holm" and approval[3][1] == "Anders Holm"
    assert all(row[3] == "" for row in approval[1:]), "signature cells stay empty for a pen"
    history = table_texts(find_table(document, "Version"))
    assert history == [["Version", "Date", "Description of change", "Author"], ["1.0", "December 1, 2026", "First issue", "Mette Holm"]]


def test_roles_table_names_the_team(en_order):
    view, document, _parts = en_order
    roles = table_texts(find_table(document, "Role"))
    assert roles[0] == ["Role", "Responsibilities", "Held by"]
    assert ["Virtual assistant", view.role_descriptions["virtual-assistant"], "Rina Wijaya"] in roles


def test_raci_matrix_marks_who_does_and_who_answers(en_order):
    view, document, _parts = en_order
    matrix = table_texts(find_table(document, "Step"))
    header = matrix[0]
    assert header[0] == "Step" and "E-commerce manager" in header and "Virtual assistant" in header
    rows = {row[0]: dict(zip(header[1:], row[1:], strict=True)) for row in matrix[1:]}
    first = dict(rows["1  Open the list of new orders"])
    assert first.pop("E-commerce manager") == "A" and first.pop("Virtual assistant") == "R"
    assert set(first.values()) <= {""}, "nobody else takes part in the first step"
    [release] = [letters for title, letters in rows.items() if title.endswith("  Release the order for packing")]
    assert release["E-commerce manager"] == "R/A"
    assert all(list(letters.values()).count("A") + sum("R/A" == v for v in letters.values()) == 1 for letters in rows.values())
    assert ACCOUNTABLE_PREFERENCE[0] == "ecommerce-manager"


def test_tools_are_the_shops_own(en_order):
    view, document, _parts = en_order
    tools = table_texts(find_table(document, "Purpose"))
    assert ["Web shop platform", "Shopify"] in tools
    assert ["Shipping tool", "Shipmondo"] in tools
    assert len(tools) == 1 + len(view.tools)


def test_dos_and_donts_side_by_side(en_order):
    view, document, _parts = en_order
    table = find_table(document, "Do")
    assert [cell.text for cell in table.rows[0].cells] == ["Do", "Don't"]
    do_cell, dont_cell = table.rows[1].cells
    assert [p.text for p in do_cell.paragraphs] == list(plain_texts(view.sop.dos))
    assert [p.text for p in dont_cell.paragraphs] == list(plain_texts(view.sop.donts))
    assert all(p.style.name == "List Bullet" and p._p.pPr.numPr is not None for p in do_cell.paragraphs)


def test_kpi_table(en_order):
    view, document, _parts = en_order
    kpis = table_texts(find_table(document, "Indicator"))
    assert kpis == [["Indicator", "Target"]] + [[k.name, k.target] for k in view.sop.kpis]


def test_records_and_review(en_order):
    view, document, _parts = en_order
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Records and review")
    rest = texts[start:]
    assert "Keep these records:" in rest
    assert all(record in rest for record in plain_texts(view.sop.records))
    assert "The owner reviews this procedure every 6 months. The next review is due on June 1, 2027." in rest


def test_tables_use_a_builtin_table_style(en_order):
    _view, document, _parts = en_order
    assert {table.style.name for table in document.tables} == {"Table Grid"}
    repeated = [t for t in document.tables if t._tbl.tr_lst[0].trPr is not None and t._tbl.tr_lst[0].trPr.find(qn("w:tblHeader")) is not None]
    kept_whole = [t for t in document.tables if all(row.trPr is not None and row.trPr.find(qn("w:cantSplit")) is not None for row in t._tbl.tr_lst)]
    # short tables (document control, approval, roles, KPIs) stay whole; a table that may run over a page repeats its header
    assert len(kept_whole) >= 4
    assert set(map(id, repeated)).isdisjoint(map(id, kept_whole))


# ---------------------------------------------------------------- numbering


def test_procedure_steps_are_numbered_with_sub_steps(en_order):
    view, document, parts = en_order
    steps = numbered(document)
    top = [text.split("\n")[0] for text, _num, level in steps if level == 0]
    assert [t.split("  –  ")[0] for t in top] == [step.title for step in view.sop.steps]
    assert {num for _t, num, _l in steps} == {steps[0][1]}, "one list per SOP"
    levels = [level for _t, _n, level in steps]
    assert 1 in levels, "order-processing has sub-steps"
    assert {p.style.name for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None and p.style.name.startswith("List Number")} == {"List Number", "List Number 2"}
    numbering = parts["word/numbering.xml"].decode()
    assert re.search(r'<w:lvl w:ilvl="1">.*?<w:lvlText w:val="%1\.%2\."/>', numbering, re.S)


def _num_element(parts: dict[str, bytes], num_id: int):
    from lxml import etree

    root = etree.fromstring(parts["word/numbering.xml"])
    return root.find(f"{W}num[@{W}numId='{num_id}']"), root


def test_every_sop_list_restarts_at_one(en_order):
    _view, document, parts = en_order
    num_id = numbered(document)[0][1]
    num, _root = _num_element(parts, num_id)
    overrides = num.findall(f"{W}lvlOverride")
    assert {o.get(f"{W}ilvl") for o in overrides} >= {"0", "1"}
    assert all(o.find(f"{W}startOverride").get(f"{W}val") == "1" for o in overrides)


def test_handbook_numbering_restarts_for_each_sop(library, demo_profile, chart):
    views = tuple(view_of(library, demo_profile, sop, chart=chart if sop.flow else None) for sop in sample_sops(library))
    handbook = HandbookView(views[0].localizer, demo_profile, views, views[0].effective, chart)
    document, parts = reopened(render_handbook(handbook, DocxOptions()))
    steps = numbered(document)
    lists = list(dict.fromkeys(num for _t, num, _l in steps))
    assert len(lists) == len(views)
    abstract_ids = set()
    for num_id in lists:
        num, _root = _num_element(parts, num_id)
        abstract_ids.add(num.find(f"{W}abstractNumId").get(f"{W}val"))
        assert num.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val") == "1"
    assert len(abstract_ids) == 1, "every list is an instance of the one procedure list"
    first_of_each = [next(text for text, num, level in steps if num == num_id and level == 0) for num_id in lists]
    assert len(first_of_each) == len(views)


# ---------------------------------------------------------------- header, footer, fields, properties


def test_header_and_footer_fields(en_order):
    view, document, parts = en_order
    header = document.sections[0].header
    assert view.document_id in header.paragraphs[-1].text
    assert "Version 1.0" in header.paragraphs[-1].text
    footer_xml = b"".join(data for name, data in parts.items() if name.startswith("word/footer"))
    instructions = docx_xml.field_instructions(docx.oxml.parse_xml(footer_xml.split(b"?>", 1)[1]))
    assert "PAGE" in instructions and "NUMPAGES" in instructions
    assert "Page 1 of 1" in document.sections[0].footer.paragraphs[-1].text


def test_core_properties(en_order):
    view, document, _parts = en_order
    properties = document.core_properties
    assert properties.title == view.sop.title
    assert view.document_id in properties.subject
    assert properties.author == "Mette Holm"
    assert properties.language == "en-US"
    assert view.document_id in properties.keywords and "Nordlys Keramik" in properties.keywords
    assert properties.created == properties.modified == TIMESTAMP
    assert properties.revision == 1
    assert "python-docx" not in (properties.comments or "")


def test_same_input_same_bytes(library, demo_profile, chart):
    def render() -> bytes:
        view = view_of(library, demo_profile, library.sop("order-processing"), "zh_Hant_TW", chart)
        return document_bytes(render_sop(view, DocxOptions()), TIMESTAMP)

    first, second = render(), render()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(2026, 12, 1, 8, 0, 0)}
    assert not any("thumbnail" in info.filename for info in infos)


def test_a_different_timestamp_changes_only_the_dates(library, demo_profile):
    view = view_of(library, demo_profile, library.sop("order-processing"))
    later = document_bytes(render_sop(view, DocxOptions()), TIMESTAMP + dt.timedelta(days=1))
    document = docx.Document(io.BytesIO(later))
    assert document.core_properties.modified == TIMESTAMP + dt.timedelta(days=1)


# ---------------------------------------------------------------- languages and fonts


@pytest.mark.parametrize("locale, tag", [("en", "en-US"), ("da", "da-DK"), ("id", "id-ID")])
def test_language_tags(library, demo_profile, locale, tag):
    view = view_of(library, demo_profile, library.sop("order-processing"), locale)
    document, parts = reopened(render_sop(view, DocxOptions()))
    styles = parts["word/styles.xml"].decode()
    defaults = styles[styles.index("<w:docDefaults"):styles.index("</w:docDefaults>")]
    assert f'w:val="{tag}"' in defaults
    body = parts["word/document.xml"].decode()
    runs = re.findall(r"<w:r>.*?</w:r>|<w:r .*?</w:r>", body, re.S)
    assert runs and all(f'<w:lang w:val="{tag}"' in run for run in runs)
    assert document.core_properties.language == tag
    assert 'w:eastAsia="Microsoft JhengHei"' not in styles


def test_locale_formats_dates(library, demo_profile):
    view = view_of(library, demo_profile, library.sop("order-processing"), "da")
    document, _parts = reopened(render_sop(view, DocxOptions()))
    control = table_texts(find_table(document, "Document ID"))
    assert control[3][1] == format_date(view.effective, format="long", locale="da")
    assert control[3][3] == format_date(view.next_review, format="long", locale="da")


def test_chinese_gets_east_asian_font_and_language(library, demo_profile):
    view = view_of(library, demo_profile, library.sop("order-processing"), "zh_Hant_TW")
    _document, parts = reopened(render_sop(view, DocxOptions()))
    styles = parts["word/styles.xml"].decode()
    defaults = styles[styles.index("<w:docDefaults"):styles.index("</w:docDefaults>")]
    assert 'w:eastAsia="Microsoft JhengHei"' in defaults
    assert 'w:eastAsia="zh-TW"' in defaults
    for fonts in re.findall(r"<w:rFonts[^>]*>", styles):
        assert 'w:eastAsia="Microsoft JhengHei"' in fonts, fonts
        assert "Theme=" not in fonts and "cstheme" not in fonts, fonts
    settings = parts["word/settings.xml"].decode()
    assert re.search(r'<w:themeFontLang [^>]*w:eastAsia="zh-TW"', settings)
    body = parts["word/document.xml"].decode()
    runs = re.findall(r"<w:r>.*?</w:r>", body, re.S)
    assert all('w:eastAsia="Microsoft JhengHei"' in run and 'w:eastAsia="zh-TW"' in run for run in runs)
    assert "年" in body, "dates are formatted for zh_Hant_TW"
    header = next(data for name, data in parts.items() if name.startswith("word/header")).decode()
    assert 'w:eastAsia="zh-TW"' in header


def test_east_asian_font_is_configurable(library, demo_profile):
    view = view_of(library, demo_profile, library.sop("order-processing"), "zh_Hant_TW")
    _document, parts = reopened(render_sop(view, DocxOptions(east_asian_font="Noto Sans CJK TC")))
    styles = parts["word/styles.xml"].decode()
    assert 'w:eastAsia="Noto Sans CJK TC"' in styles and "Microsoft JhengHei" not in styles


def test_no_italics_in_chinese(library, demo_profile, chart):
    view = view_of(library, demo_profile, library.sop("order-processing"), "zh_Hant_TW", chart)
    document, _parts = reopened(render_sop(view, DocxOptions()))
    assert not any(run.italic for p in document.paragraphs for run in p.runs)
    assert not document.styles["Caption"].font.italic


# ---------------------------------------------------------------- the flowchart


def test_chart_embedded_with_caption_and_findings(en_order, chart_png):
    view, document, parts = en_order
    media = [name for name in parts if name.startswith("word/media/")]
    assert len(media) == 1 and parts[media[0]] == chart_png
    inline = document.inline_shapes[0]
    section = document.sections[0]
    assert inline.width <= section.page_width - section.left_margin - section.right_margin
    texts = [p.text for p in document.paragraphs]
    caption = next(p for p in document.paragraphs if p.style.name == "Caption")
    assert caption.text == "Figure 1: Current order flow"
    assert any(instr.startswith("SEQ Figure") for instr in docx_xml.field_instructions(caption._p))
    assert "There are 2 hand-offs." in texts and "The bottleneck is packing." in texts
    assert texts.index("Flowchart") < texts.index(caption.text) < texts.index("There are 2 hand-offs.")


def test_no_chart_no_picture(library, demo_profile):
    view = view_of(library, demo_profile, library.sop("order-processing"))
    document, parts = reopened(render_sop(view, DocxOptions()))
    assert not any(name.startswith("word/media/") for name in parts)
    assert "Flowchart" not in headings(document, 1)


def test_picture_size_is_capped_and_wide_charts_get_a_landscape_page(library, demo_profile, wide_png):
    wide = ChartPicture(wide_png, "A long flow", ("It is long.",))
    view = view_of(library, demo_profile, library.sop("order-processing"), chart=wide)
    document, _parts = reopened(render_sop(view, DocxOptions()))
    orientations = [section.orientation for section in document.sections]
    assert len(orientations) == 3 and orientations[1] != orientations[0] == orientations[2]
    landscape = document.sections[1]
    assert landscape.page_width > landscape.page_height
    picture = document.inline_shapes[0]
    assert picture.width <= landscape.page_width - landscape.left_margin - landscape.right_margin
    for section in document.sections:
        text_width = section.page_width - section.left_margin - section.right_margin
        header = section.header.paragraphs[-1]
        assert view.document_id in header.text
        assert header.paragraph_format.tab_stops[-1].position == text_width
        assert not section.header.is_linked_to_previous


# ---------------------------------------------------------------- the handbook


@pytest.fixture(scope="module")
def handbook(library, demo_profile, chart):
    views = tuple(
        view
        for view in (sop_view(sop, library, Localization(localizer("en"), demo_profile), chart if sop.flow else None) for sop in library.sops)
        if view is not None
    )
    view = HandbookView(views[0].localizer, demo_profile, views, views[0].effective, chart)
    document, parts = reopened(render_handbook(view, DocxOptions()))
    return view, document, parts


def test_handbook_cover_contents_and_introduction(handbook):
    view, document, parts = handbook
    paragraphs = document.paragraphs
    title = next(p for p in paragraphs if p.style.name == "Title")
    assert title.text == "Nordlys Keramik"
    toc_paragraph = next(p for p in paragraphs if any(i.startswith("TOC ") for i in docx_xml.field_instructions(p._p)))
    # the contents are filled: an entry per heading 1 and 2, no note on how to fill them
    entries = [p for p in paragraphs if p.style.name in ("toc 1", "toc 2")]
    assert toc_paragraph is entries[0] or toc_paragraph._p is entries[0]._p
    assert [p.text.rstrip("\t") for p in entries] == [p.text for p in paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert not any("LibreOffice" in p.text or "update fields" in p.text for p in paragraphs)
    assert b"<w:updateFields" in parts["word/settings.xml"]
    level_one = headings(document, 1)
    assert level_one[0] == "Introduction"
    phases_present = [PHASES[phase] for phase in PHASES if any(s.sop.phase == phase for s in view.sops)]
    assert level_one[1:] == phases_present
    texts = [p.text for p in paragraphs]
    assert any(text.startswith("Pre-sale – ") for text in texts)
    assert "Figure 1: Current order flow" in texts


def test_handbook_holds_every_sop_grouped_by_phase(handbook):
    view, document, _parts = handbook
    sop_headings = headings(document, 2)
    expected = []
    for phase in PHASES:
        group = sorted((s for s in view.sops if s.sop.phase == phase), key=lambda s: s.document_id)
        expected += [f"{s.document_id}  {s.sop.title}" for s in group]
    assert [h for h in sop_headings if h.startswith("SOP-")] == expected
    assert headings(document, 3).count("Procedure") == len(view.sops)
    assert headings(document, 4).count("RACI matrix") >= 1
    register = find_table(document, "Document ID")
    register_ids = [row.cells[0].text for row in register.rows[1:] if row.cells[0].text.startswith("SOP-")]
    assert register_ids == [h.split()[0] for h in expected]


def test_handbook_is_reproducible(library, demo_profile):
    def render() -> bytes:
        views = tuple(view_of(library, demo_profile, sop, "zh_Hant_TW") for sop in sample_sops(library))
        view = HandbookView(views[0].localizer, demo_profile, views, views[0].effective)
        return document_bytes(render_handbook(view, DocxOptions()), TIMESTAMP)

    assert render() == render()


# ---------------------------------------------------------------- text Word cannot hold


def test_control_characters_in_profile_text_never_crash(library, demo_profile):
    shop = demo_profile.shop.model_copy(update={"name": "Nordlys\x07 Keramik\x1b"})
    team = {**demo_profile.team, "virtual-assistant": "Rina\x00 Wijaya"}
    profile = demo_profile.model_copy(update={"shop": shop, "team": team})
    view = view_of(library, profile, library.sop("order-processing"))
    document, _parts = reopened(render_sop(view, DocxOptions()))
    assert "Nordlys Keramik" in document.sections[0].header.paragraphs[-1].text
    assert ["Virtual assistant", view.role_descriptions["virtual-assistant"], "Rina Wijaya"] in table_texts(find_table(document, "Role"))


def test_xml_safe_keeps_tabs_newlines_and_chinese():
    assert docx_xml.xml_safe("a\tb\nc\x0bd\ud800e訂單\ufffe") == "a\tb\ncde訂單"


# ---------------------------------------------------------------- company templates


@pytest.fixture(scope="module")
def corporate_template(tmp_path_factory, chart_png) -> Path:
    """A company's own document: Letter paper, a logo in the header, Georgia, some leftover text, few styles."""
    document = docx.Document()
    from docx.shared import Cm, Inches

    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = Cm(3)
    section.header.paragraphs[0].add_run().add_picture(io.BytesIO(chart_png), width=Cm(3))
    document.styles["Normal"].font.name = "Georgia"
    for name in ("List Number 2", "Caption", "TOC Heading"):
        element = document.styles[name].element
        element.getparent().remove(element)
    document.add_paragraph("Delete me: leftover text of the template")
    path = tmp_path_factory.mktemp("templates") / "corporate.docx"
    document.save(str(path))
    return path


def test_company_template_keeps_its_look_and_loses_its_text(library, demo_profile, chart, corporate_template):
    view = view_of(library, demo_profile, library.sop("order-processing"), chart=chart)
    document, parts = reopened(render_sop(view, DocxOptions(template=corporate_template)))
    texts = [p.text for p in document.paragraphs]
    assert not any("leftover" in text for text in texts)
    assert texts[0] == view.sop.title
    section = document.sections[0]
    assert round(section.page_width.inches, 2) == 8.5 and round(section.left_margin.cm, 1) == 3.0
    header = section.header
    assert header.paragraphs[0]._p.xpath(".//w:drawing"), "the logo stays"
    assert view.document_id in header.paragraphs[-1].text
    assert document.styles["Normal"].font.name == "Georgia"
    assert {"List Number 2", "Caption"} <= {style.name for style in document.styles}
    assert numbered(document) and any(level == 1 for _t, _n, level in numbered(document))
    assert any(name.startswith("word/media/") for name in parts)


def test_company_template_without_numbering_still_numbers(library, demo_profile, tmp_path):
    from docx.opc.constants import RELATIONSHIP_TYPE

    bare = docx.Document()
    for r_id, rel in list(bare.part.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.NUMBERING:
            bare.part.drop_rel(r_id)
    path = tmp_path / "bare.docx"
    bare.save(str(path))
    assert "word/numbering.xml" not in zipfile.ZipFile(path).namelist()
    view = view_of(library, demo_profile, library.sop("order-processing"))
    document, parts = reopened(render_sop(view, DocxOptions(template=path)))
    assert "word/numbering.xml" in parts
    assert len({num for _t, num, _l in numbered(document)}) == 1


def _dotx_from(path: Path, target: Path) -> Path:
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as result:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            result.writestr(info, data)
    return target


def test_template_errors(corporate_template, tmp_path):
    cases = {
        _dotx_from(corporate_template, tmp_path / "corporate.dotx"): "Word template (.dotx)",
        _dotx_from(corporate_template, tmp_path / "renamed.docx"): "Word template (.dotx)",
        tmp_path / "notes.docx": "not a Word document",
        tmp_path / "missing.docx": "no such template file",
    }
    (tmp_path / "notes.docx").write_text("just text")
    for path, message in cases.items():
        with pytest.raises(TemplateError) as caught:
            load_template(path)
        problem = caught.value.problems[0]
        assert message in problem.message and problem.source.path == str(path)
        assert problem.hint


def test_template_with_a_style_of_the_wrong_kind(tmp_path):
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    element = document.styles["Caption"].element
    element.getparent().remove(element)
    document.styles.add_style("Caption", WD_STYLE_TYPE.CHARACTER)
    path = tmp_path / "odd.docx"
    document.save(str(path))
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    assert "'Caption'" in str(caught.value) and "character style" in str(caught.value)


def test_libreoffice_spelling_of_style_names_and_taken_ids(library, demo_profile, tmp_path):
    """LibreOffice saves 'Heading 1' where Word saves 'heading 1'; a style id may be taken by another name."""
    document = docx.Document()
    for style in document.styles.element.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        name.set(qn("w:val"), name.get(qn("w:val")).replace("heading", "Heading").replace("caption", "Caption"))
    taken = document.styles["List Number 2"].element
    taken.find(qn("w:name")).set(qn("w:val"), "Numbered list, level two")
    path = tmp_path / "libreoffice.docx"
    document.save(str(path))
    view = view_of(library, demo_profile, library.sop("order-processing"))
    rendered, _parts = reopened(render_sop(view, DocxOptions(template=path)))
    assert headings(rendered, 1)[0] == "Document control"
    level_two = {p.style.style_id for p in rendered.paragraphs if p.style.name == "List Number 2"}
    assert level_two == {"SopgenListNumber2"}
    assert [s.name for s in rendered.styles].count("List Number 2") == 1


def test_builtin_document_has_every_style_it_needs():
    from sopgen.docx.template import REQUIRED_STYLES

    document = builtin_document()
    assert all(docx_xml.find_style(document, name).get(qn("w:type")) == kind for name, kind in REQUIRED_STYLES.items())
    assert not document.paragraphs
    assert round(document.sections[0].page_width.cm, 1) == 21.0
    assert round(builtin_document("US").sections[0].page_width.inches, 1) == 8.5
