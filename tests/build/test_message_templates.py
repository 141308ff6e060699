"""The pack writes the customer message templates per language, links them, and remakes them only when they change."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

import docx
from sopgen.cli.app import app

SOP = (
    "kind: sop\nid: gift-wrap\nphase: sale\nnumber: 20\ntitle: Gift wrapping\n"
    "purpose: Every gift order from {{ shop.name }} leaves wrapped.\nscope: Orders with the gift option.\n"
    "roles: [warehouse]\ntools: [shipping]\nsteps:\n  - {id: wrap, title: Wrap the item}\n  - {id: label, title: Print the label}\n"
    "  - {id: check, title: Check the card}\n  - {id: photo, title: Take a photo}\n"
    "  - {id: ship, title: Send the \"Gift wrapped\" message}\nreview_every: 1 year\n"
)
MESSAGES = (
    "kind: messages\nid: gift\ntitle: Gift orders\nmessages:\n"
    "  - id: gift-wrapped\n    title: Gift wrapped\n    channel: email\n    used_in: [gift-wrap]\n"
    "    subject: Order {{ order.number }} is wrapped\n"
    "    body: \"Hi {{ customer.first_name }},\\n\\nyour gift from {{ shop.name }} is wrapped.\"\n"
)


def _pack(own: Path, out: Path):
    return CliRunner().invoke(app, ["pack", "--blueprints", str(own), "--lang", "en,da", "--out", str(out)])


def test_own_message_templates_get_their_document_and_a_link(tmp_path: Path):
    own = tmp_path / "mine"
    own.mkdir()
    (own / "gift-wrap.yaml").write_text(SOP, encoding="utf-8")
    (own / "gift-messages.yaml").write_text(MESSAGES, encoding="utf-8")
    out = tmp_path / "out"
    result = _pack(own, out)
    assert result.exit_code == 0, result.output
    assert sorted(str(path.relative_to(out)) for path in out.rglob("*.docx")) == [
        "da/handbook-da.docx",
        "da/message-templates-da.docx",
        "da/sale/SOP-SAL-020-gift-wrap.docx",
        "en/handbook-en.docx",
        "en/message-templates-en.docx",
        "en/sale/SOP-SAL-020-gift-wrap.docx",
    ]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="en/message-templates-en.docx">Customer message templates<' in index
    assert 'href="da/message-templates-da.docx">Beskedskabeloner til kunder<' in index
    english = "\n".join(p.text for p in docx.Document(str(out / "en" / "message-templates-en.docx")).paragraphs)
    cells = "\n".join(c.text for t in docx.Document(str(out / "en" / "message-templates-en.docx")).tables for r in t.rows for c in r.cells)
    assert "Gift wrapped" in english
    assert "Order [order number] is wrapped" in cells and "SOP-SAL-020 Gift wrapping" in cells
    danish = "\n".join(c.text for t in docx.Document(str(out / "da" / "message-templates-da.docx")).tables for r in t.rows for c in r.cells)
    assert "[ordrenummer]" in danish  # the marker is the interface's word, even where the message itself has no translation
    handbook = "\n".join(p.text for p in docx.Document(str(out / "en" / "handbook-en.docx")).paragraphs)
    assert "Appendix: customer message templates" in handbook


def test_a_changed_template_remakes_its_documents_and_nothing_else(tmp_path: Path):
    own = tmp_path / "mine"
    own.mkdir()
    (own / "gift-wrap.yaml").write_text(SOP, encoding="utf-8")
    (own / "gift-messages.yaml").write_text(MESSAGES, encoding="utf-8")
    out = tmp_path / "out"
    assert _pack(own, out).exit_code == 0
    sop_file = out / "en" / "sale" / "SOP-SAL-020-gift-wrap.docx"
    before = sop_file.stat().st_mtime_ns
    (own / "gift-messages.yaml").write_text(MESSAGES.replace("is wrapped.", "is wrapped and on its way."), encoding="utf-8")
    result = _pack(own, out)
    assert result.exit_code == 0, result.output
    assert sop_file.stat().st_mtime_ns == before
    cells = "\n".join(c.text for t in docx.Document(str(out / "en" / "message-templates-en.docx")).tables for r in t.rows for c in r.cells)
    assert "is wrapped and on its way." in cells
    handbook = "\n".join(c.text for t in docx.Document(str(out / "en" / "handbook-en.docx")).tables for r in t.rows for c in r.cells)
    assert "is wrapped and on its way." in handbook


def test_own_sops_without_own_templates_get_no_builtin_templates(tmp_path: Path):
    own = tmp_path / "mine"
    own.mkdir()
    (own / "gift-wrap.yaml").write_text(SOP, encoding="utf-8")
    out = tmp_path / "out"
    assert _pack(own, out).exit_code == 0
    assert not list(out.rglob("message-templates-*.docx"))
    assert "message-templates" not in (out / "index.html").read_text(encoding="utf-8")
