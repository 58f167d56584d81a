"""The page of a Vietnamese administrative document in Word, as Decree 30/2020/NĐ-CP
(Phụ lục I, thể thức và kỹ thuật trình bày văn bản hành chính) lays it out.

- A4, portrait; margins: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. A
  table too wide for the page goes to a landscape section (an annex).
- Times New Roman (Unicode, TCVN 6909:2001), black. Every run names the font for all
  four scripts of ``w:rFonts`` (ascii, hAnsi, eastAsia, cs): Word picks the East Asian
  slot for some Vietnamese letters, and a theme font there would show instead.
- Page numbers: Arabic, 13–14 pt, centred in the top margin, not shown on page one.
- Rules under the issuing body, the motto and the title: short lines of a set length,
  drawn as the bottom border of an empty paragraph with matching indents.

Only layout lives here; what the report says is in ``docx_report``.
"""

from __future__ import annotations

import re

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

FONT = "Times New Roman"
BODY_PT = 14  # the decree allows 13–14 for the body
A4_SHORT, A4_LONG = Mm(210), Mm(297)
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
FIRST_LINE = Mm(12.7)  # paragraphs start 1.27 cm in
LEFT, CENTER, RIGHT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)


def new_document() -> WordDocument:
    """An empty A4 portrait document, Times New Roman 14 pt, Vietnamese."""
    document = Document()
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _name_fonts(run_defaults)
    for tag in ("w:sz", "w:szCs"):
        run_defaults.find(qn(tag)).set(qn("w:val"), str(BODY_PT * 2))
    lang = run_defaults.find(qn("w:lang"))
    for attr in ("w:val", "w:eastAsia"):
        lang.set(qn(attr), "vi-VN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")  # single lines unless a paragraph asks for more
    set_page(document.sections[0], landscape=False)
    _add_styles(document)
    return document


# Paragraph styles of the long parts (the body's items, the annex's cells): their runs
# carry only text and bold/italic, so thousands of them stay cheap to write and to open.
BODY, HEADING, SUBHEADING, CELL, CELL_CENTRE, CELL_HEAD = (
    "VNBody",
    "VNHeading",
    "VNSubheading",
    "VNCell",
    "VNCellCentre",
    "VNCellHead",
)
CELL_PT = 11


def _add_styles(document: WordDocument) -> None:
    styles = document.styles

    def add(style_id: str, base: str, size: float, align, **layout):
        style = styles.add_style(style_id, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.font.size = Pt(size)
        _name_fonts(style.element.get_or_add_rPr())
        form = style.paragraph_format
        form.alignment = align
        for key, value in layout.items():
            setattr(form, key, value)
        return style

    add(BODY, "Normal", BODY_PT, JUSTIFY, first_line_indent=FIRST_LINE, space_after=Pt(6))
    styles[BODY].paragraph_format.line_spacing = 1.15
    heading = add(HEADING, BODY, BODY_PT, JUSTIFY, keep_with_next=True, space_before=Pt(6))
    heading.font.bold = True
    add(SUBHEADING, BODY, BODY_PT, JUSTIFY, keep_with_next=True)
    add(CELL, "Normal", CELL_PT, LEFT)
    add(CELL_CENTRE, CELL, CELL_PT, CENTER)
    add(CELL_HEAD, CELL_CENTRE, CELL_PT, CENTER).font.bold = True


def set_page(section: Section, *, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (A4_LONG, A4_SHORT) if landscape else (A4_SHORT, A4_LONG)
    )
    for side, value in MARGINS.items():
        setattr(section, f"{side}_margin", value)
    section.header_distance = Mm(8)
    section.footer_distance = Mm(8)


def add_landscape_section(document: WordDocument) -> Section:
    """A new page, landscape, same margins, numbered on every page (its own header:
    the middle of the line moved)."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    set_page(section, landscape=True)
    section.different_first_page_header_footer = False
    section.header.is_linked_to_previous = False
    return section


def mm(value: float) -> int:
    return Mm(value)


def pt(value: float) -> int:
    return Pt(value)


def text_width(section: Section) -> int:
    """Width between the margins, in EMU."""
    return section.page_width - section.left_margin - section.right_margin


# --- text ------------------------------------------------------------------------------------


def _name_fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):  # theme fonts would win over the names
        del fonts.attrib[attr]
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), FONT)


def run(
    paragraph: Paragraph,
    text: str,
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
) -> Run:
    """A run in Times New Roman (every script) at ``size`` points; newlines become breaks."""
    added = paragraph.add_run(text)
    added.font.size = Pt(size)
    added.font.bold = bold or None
    added.font.italic = italic or None
    _name_fonts(added._r.get_or_add_rPr())
    return added


def paragraph(
    container,
    text: str = "",
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align=JUSTIFY,
    first_line: int | None = None,
    before: float = 0,
    after: float = 0,
    line: float | None = None,
    keep_with_next: bool = False,
) -> Paragraph:
    """A paragraph of ``container`` (document, cell, header) with one run of ``text``."""
    added = container.add_paragraph()
    layout = added.paragraph_format
    layout.alignment = align
    layout.space_before, layout.space_after = Pt(before), Pt(after)
    if first_line is not None:
        layout.first_line_indent = first_line
    if line is not None:
        layout.line_spacing = line
    if keep_with_next:
        layout.keep_with_next = True
    _mark_size(added, size)
    if text:
        run(added, text, size=size, bold=bold, italic=italic)
    return added


def drop_empty_start(container) -> None:
    """A cell or header is made with one empty paragraph; once lines follow it, it goes."""
    first = container.paragraphs[0]
    if not first.runs and len(container.paragraphs) > 1:
        first._p.getparent().remove(first._p)


def _mark_size(target: Paragraph, size: float) -> None:
    """The paragraph mark's size: an empty paragraph is as tall as this."""
    ppr = target._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    _name_fonts(rpr)
    for tag in ("w:sz", "w:szCs"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(round(size * 2)))
        rpr.append(element)


def rule(container, *, length: int, within: int) -> Paragraph:
    """A short solid line of ``length`` EMU centred in ``within`` EMU (an empty
    paragraph's bottom border, indented from both sides)."""
    length = min(length, within)
    line = paragraph(container, size=2, align=CENTER)
    side = (within - length) // 2
    line.paragraph_format.left_indent = side
    line.paragraph_format.right_indent = side
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attr, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{attr}"), value)
    borders.append(bottom)
    ppr = line._p.get_or_add_pPr()
    ppr.insert_element_before(
        borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr", "w:sectPr"
    )
    return line


def boxed(target: Run) -> None:
    """A thin box around the run (the DỰ THẢO mark)."""
    border = OxmlElement("w:bdr")
    for attr, value in (("val", "single"), ("sz", "8"), ("space", "1"), ("color", "000000")):
        border.set(qn(f"w:{attr}"), value)
    target._r.get_or_add_rPr().append(border)


# Average advance of Times New Roman glyphs, in ems: enough to size a rule to its line.
_WIDE, _UPPER, _LOWER, _NARROW = 0.9, 0.7, 0.47, 0.27


def estimated_width(text: str, size: float, *, bold: bool = False) -> int:
    """The printed width of one line of ``text`` in EMU, estimated from glyph classes."""
    ems = 0.0
    for char in text:
        if char in "MWmwƯỨỪỬỮỰ":
            ems += _WIDE
        elif char.isupper():
            ems += _UPPER
        elif char in " .,;:-–'()/ijlftrI":
            ems += _NARROW
        else:
            ems += _LOWER
    if bold:
        ems *= 1.05
    return int(Pt(size) * ems)


def header_line(header, *, width: int, left: str = "", number: bool, size: float = 13) -> None:
    """One line at the top of the page: ``left`` (a mark) at the margin, the page number
    in the middle (a centre tab stop at half the ``width`` between the margins)."""
    line = header.paragraphs[0]
    line.paragraph_format.alignment = LEFT
    stops = line.paragraph_format.tab_stops
    for inherited in line.style.paragraph_format.tab_stops:  # the Header style's own
        stops.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(width // 2, WD_TAB_ALIGNMENT.CENTER)
    _mark_size(line, size)
    if left:
        boxed(run(line, left, size=12, bold=True))
    if number:
        run(line, "\t", size=size)
        page_number(line, size=size)


def page_number(paragraph_: Paragraph, *, size: float) -> None:
    """A PAGE field: the number of the page it is printed on."""
    for kind, instruction in (("begin", None), (None, " PAGE "), ("separate", None)):
        field = run(paragraph_, "", size=size)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            field._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = instruction
            field._r.append(instr)
    run(paragraph_, "2", size=size)
    end = run(paragraph_, "", size=size)
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)


# --- the long parts, written as XML -----------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c]")  # Word's own line break, pasted, is \x0b
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # XML 1.0 refuses them

Part = tuple[str, str]  # (text, "" | "b" | "i" | "bi")


def _runs(p, parts: list[Part]) -> None:
    for text, look in parts:
        if not text:
            continue
        r = etree.SubElement(p, W + "r")
        if look:
            rpr = etree.SubElement(r, W + "rPr")
            if "b" in look:
                etree.SubElement(rpr, W + "b")
            if "i" in look:
                etree.SubElement(rpr, W + "i")
        clean = _NOT_XML.sub("", _LINE_BREAKS.sub("\n", str(text)))  # str: lazy labels too
        for number, line in enumerate(clean.split("\n")):
            if number:
                etree.SubElement(r, W + "br")
            t = etree.SubElement(r, W + "t")
            t.text = line
            t.set(_SPACE, "preserve")


def _paragraph(parent, style: str, parts: list[Part]):
    p = parent.makeelement(W + "p", {})
    ppr = etree.SubElement(p, W + "pPr")
    etree.SubElement(ppr, W + "pStyle", {W + "val": style})
    _runs(p, parts)
    return p


def add_styled(document: WordDocument, style: str, parts: list[Part]) -> None:
    """A paragraph at the end of the document (before its last section's properties),
    in ``style``: the report's items, by the thousand."""
    body = document.element.body
    body[-1].addprevious(_paragraph(body, style, parts))


def add_row(
    table: Table, cells: list[tuple[int, str, list[Part]]], *, spans=None, keep: bool = False
) -> None:
    """A row at the end of ``table``: per cell (width in EMU, paragraph style, parts);
    ``spans``: how many grid columns each cell covers (a heading across the row);
    ``keep``: printed on the page of the next row (a heading), never split."""
    tbl = table._tbl
    tr = tbl.makeelement(W + "tr", {})
    if keep:
        etree.SubElement(etree.SubElement(tr, W + "trPr"), W + "cantSplit")
    for index, (width, style, parts) in enumerate(cells):
        tc = etree.SubElement(tr, W + "tc")
        tcpr = etree.SubElement(tc, W + "tcPr")
        etree.SubElement(tcpr, W + "tcW", {W + "w": str(width // 635), W + "type": "dxa"})
        if spans and spans[index] > 1:
            etree.SubElement(tcpr, W + "gridSpan", {W + "val": str(spans[index])})
        p = _paragraph(tc, style, parts)
        if keep:
            p[0].insert(1, p.makeelement(W + "keepNext", {}))  # after pStyle
        tc.append(p)
    tbl.append(tr)


# --- tables ----------------------------------------------------------------------------------


def layout_table(
    container, widths: list[int], *, rows: int = 1, grid: bool = False, padding: float = 0
) -> Table:
    """A fixed-width table: no borders (header, signature) or a full grid (annex), with
    ``padding`` mm inside each cell's left and right edges."""
    table = container.add_table(rows=rows, cols=len(widths))
    if grid:
        table.style = container.part.document.styles["Table Grid"]
    table.autofit = False
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(padding / 25.4 * 1440)))  # twentieths of a point
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    return table


def keep_last_with_next(document: WordDocument) -> None:
    """The document's last paragraph so far prints on the page of what follows it."""
    body = document.element.body
    last = next((e for e in reversed(body) if e.tag == W + "p"), None)
    if last is None:
        return
    ppr = last.find(W + "pPr")
    if ppr is None:
        ppr = last.makeelement(W + "pPr", {})
        last.insert(0, ppr)
    if ppr.find(W + "keepNext") is None:  # after pStyle, which comes first in pPr
        at = 1 if ppr.find(W + "pStyle") is not None else 0
        ppr.insert(at, ppr.makeelement(W + "keepNext", {}))


def keep_together(table: Table) -> None:
    """A block (the signature) printed on one page: rows never split, every paragraph
    kept with the next and its lines together."""
    for row in table.rows:
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        for cell in row.cells:
            for paragraph_ in cell.paragraphs:
                paragraph_.paragraph_format.keep_together = True
                paragraph_.paragraph_format.keep_with_next = True


def repeat_as_header(table: Table, count: int = 1) -> None:
    """The first ``count`` rows print again at the top of every page the table spans."""
    for row in table.rows[:count]:
        properties = row._tr.get_or_add_trPr()
        flag = OxmlElement("w:tblHeader")
        properties.append(flag)


def fill_cell(
    cell,
    text: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    align=LEFT,
    middle: bool = False,
) -> None:
    target = cell.paragraphs[0]
    target.paragraph_format.alignment = align
    _mark_size(target, size)
    if text:
        run(target, text, size=size, bold=bold, italic=italic)
    if middle:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
