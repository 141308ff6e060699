"""Pictures as Word 2016+ embeds them: SVG, with a PNG for older readers (python-docx takes PNG only)."""

from __future__ import annotations

import io
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Emu

SVG_EXTENSION_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NAMESPACE = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
_DRAWING_NAMESPACE = "http://schemas.openxmlformats.org/drawingml/2006/main"
_RELATIONSHIP_NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def add_svg_picture(run: Any, svg: bytes, png: bytes, width: Emu, height: Emu) -> Any:
    """The picture in `run`: a PNG `a:blip` whose extension names the SVG part, as Word writes it.

    Word 2016 and later and LibreOffice draw the SVG; older readers the PNG. Returns the inline shape.
    """
    inline = run.add_picture(io.BytesIO(png), width=width, height=height)
    part = run.part
    package = part.package
    svg_part = Part(package.next_partname("/word/media/image%d.svg"), "image/svg+xml", svg, package)
    relationship = part.relate_to(svg_part, RT.IMAGE)
    blip = inline._inline.find(".//" + qn("a:blip"))
    blip.append(
        parse_xml(
            f'<a:extLst xmlns:a="{_DRAWING_NAMESPACE}"><a:ext uri="{SVG_EXTENSION_URI}">'
            f'<asvg:svgBlip xmlns:asvg="{SVG_NAMESPACE}" xmlns:r="{_RELATIONSHIP_NAMESPACE}" r:embed="{relationship}"/>'
            "</a:ext></a:extLst>"
        )
    )
    return inline
