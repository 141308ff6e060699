"""Raw WordprocessingML that python-docx has no API for: fonts, language tags, fields, list restarts, blocks as XML."""

from sopgen.docx.wordml.blocks import (
    TableCell,
    TableRow,
    append_blocks,
    paragraph_xml,
    run_xml,
    table_xml,
)
from sopgen.docx.wordml.fields import (
    add_field,
    field_instructions,
    update_fields_on_open,
)
from sopgen.docx.wordml.names import xml_safe
from sopgen.docx.wordml.numbering import (
    BULLET_LIST_NAME,
    PROCEDURE_LEVELS,
    PROCEDURE_LIST_NAME,
    bullet_list,
    ensure_numbering_part,
    procedure_numbering,
    restarted_list,
)
from sopgen.docx.wordml.stories import (
    border,
    clear_body,
    copy_story,
    story_snapshot,
)
from sopgen.docx.wordml.styles_and_fonts import (
    RunLanguage,
    find_style,
    import_styles,
    set_fonts,
    set_language,
    set_latin_font,
    style_name,
    styles_by_name,
    tag_runs,
    theme_latin_fonts,
)

__all__ = [
    "BULLET_LIST_NAME",
    "PROCEDURE_LEVELS",
    "PROCEDURE_LIST_NAME",
    "RunLanguage",
    "TableCell",
    "TableRow",
    "add_field",
    "append_blocks",
    "border",
    "bullet_list",
    "clear_body",
    "copy_story",
    "ensure_numbering_part",
    "field_instructions",
    "find_style",
    "import_styles",
    "paragraph_xml",
    "procedure_numbering",
    "restarted_list",
    "run_xml",
    "set_fonts",
    "set_language",
    "set_latin_font",
    "story_snapshot",
    "style_name",
    "styles_by_name",
    "table_xml",
    "tag_runs",
    "theme_latin_fonts",
    "update_fields_on_open",
    "xml_safe",
]
