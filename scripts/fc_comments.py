#!/usr/bin/env python3
"""Reviewers' Word comments in a DOCX and where they are anchored, located the way tendercheck's
DOCX ingest locates text (checker/ingest/docx.py): "第N段" for the N-th body paragraph (every body
``w:p`` counts, empty ones too, paragraphs of top-level content controls in place; tables take no
number) and "表T 第R行 第C列" for a cell (C counts grid columns; nested tables "… 内表K").

Used to write the FC labels (tests/real_labels/shenzhen_fc.json) and by scripts/score_fc.py to place
findings and anchors on one axis: every paragraph and cell gets a ``block`` number in body order.

Usage: python scripts/fc_comments.py DOCX... [--jsonl OUT]  (prints comments with their text; the
text is for the labeller's eyes only and never goes into the repository.)
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class Unit:
    """A paragraph or a table cell, in body order."""

    block: int
    location: str
    paragraph: int | None  # 第N段's N; None for a cell


@dataclass
class Comment:
    id: str
    author: str
    date: str
    text: str
    start: Unit | None  # None: no range or reference in the body (a general comment)
    end: Unit | None
    parent: str | None  # the comment this one replies to (commentsExtended)
    anchored: str  # the anchored text (labeller's eyes only)


class Layout:
    """Every paragraph and cell of the body with its ingest location, and a map from XML elements to them."""

    def __init__(self, body: etree._Element) -> None:
        self.units: list[Unit] = []
        self.by_element: dict[etree._Element, Unit] = {}
        para_no = table_no = 0
        for block in self._iter_body(body):
            if block.tag == q("p"):
                para_no += 1
                self._add(block, f"第{para_no}段", para_no)
            else:
                table_no += 1
                nested: list[tuple[etree._Element, str]] = []
                self._table(block, f"表{table_no}", nested)
                for tbl, label in nested:  # nested tables follow the table that holds them, as in ingest
                    self._cells(tbl, label)

    @staticmethod
    def _iter_body(body: etree._Element):
        for child in body:
            if child.tag in (q("p"), q("tbl")):
                yield child
            elif child.tag == q("sdt"):
                content = child.find(q("sdtContent"))
                if content is not None:
                    for sub in content:
                        if sub.tag in (q("p"), q("tbl")):
                            yield sub

    def _add(self, element: etree._Element, location: str, paragraph: int | None) -> Unit:
        unit = Unit(len(self.units), location, paragraph)
        self.units.append(unit)
        self.by_element[element] = unit
        return unit

    def _table(self, tbl: etree._Element, label: str, nested: list[tuple[etree._Element, str]]) -> None:
        """Cells of one table; nested tables are numbered into ``nested`` as ingest's _table numbers them
        (a nested table, then the tables nested in it) and their cells come after the outer table's."""
        for where, tc in self._iter_cells(tbl, label):
            self._add(tc, where, None)
            self._number_nested(tc, where, nested)

    def _number_nested(self, tc: etree._Element, where: str, nested: list[tuple[etree._Element, str]]) -> None:
        for child in tc:
            if child.tag == q("tbl"):
                inner: list[tuple[etree._Element, str]] = []
                nested.append((child, f"{where} 内表{len(nested) + 1}"))
                for inner_where, inner_tc in self._iter_cells(child, nested[-1][1]):
                    self._number_nested(inner_tc, inner_where, inner)
                nested += inner

    def _cells(self, tbl: etree._Element, label: str) -> None:
        for where, tc in self._iter_cells(tbl, label):
            self._add(tc, where, None)

    @staticmethod
    def _iter_cells(tbl: etree._Element, label: str):
        for r, tr in enumerate(tbl.findall(q("tr"))):
            col = 0
            for tc in tr.findall(q("tc")):
                span_el = tc.find(f"{q('tcPr')}/{q('gridSpan')}")
                span = int(span_el.get(q("val"), "1")) if span_el is not None else 1
                yield f"{label} 第{r + 1}行 第{col + 1}列", tc
                col += span

    def unit_of(self, element: etree._Element) -> Unit | None:
        """The innermost paragraph or cell holding ``element``; for a marker between blocks, the next block."""
        node: etree._Element | None = element
        while node is not None:
            if node in self.by_element:
                return self.by_element[node]
            node = node.getparent()
        # A range marker directly under <w:body> (or under a row): take the next block that is a unit.
        node = element
        while node is not None:
            sib = node.getnext()
            while sib is not None:
                if sib in self.by_element:
                    return self.by_element[sib]
                for d in sib.iter(q("p"), q("tc")):
                    if d in self.by_element:
                        return self.by_element[d]
                sib = sib.getnext()
            node = node.getparent()
        return None


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(q("t")))


def _anchored_text(body: etree._Element, cid: str) -> str:
    """Text of the runs between the comment's range start and end, in document order (capped)."""
    inside = False
    out: list[str] = []
    for el in body.iter(q("commentRangeStart"), q("commentRangeEnd"), q("t"), q("p")):
        if el.tag == q("commentRangeStart") and el.get(q("id")) == cid:
            inside = True
        elif el.tag == q("commentRangeEnd") and el.get(q("id")) == cid:
            break
        elif inside and el.tag == q("t"):
            out.append(el.text or "")
        elif inside and el.tag == q("p") and out:
            out.append("\n")
        if sum(map(len, out)) > 600:
            break
    return "".join(out).strip()


def read_comments(path: str | Path) -> tuple[list[Comment], Layout]:
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        document = etree.fromstring(z.read("word/document.xml"))
        comments_xml = etree.fromstring(z.read("word/comments.xml")) if "word/comments.xml" in names else None
        extended = (etree.fromstring(z.read("word/commentsExtended.xml"))
                    if "word/commentsExtended.xml" in names else None)
    body = document.find(q("body"))
    layout = Layout(body)
    if comments_xml is None:
        return [], layout
    # Replies: commentsExtended links the last paragraph id of a comment to its parent's.
    para_parent: dict[str, str] = {}
    if extended is not None:
        for ex in extended.iter(f"{{{W15}}}commentEx"):
            parent = ex.get(f"{{{W15}}}paraIdParent")
            if parent:
                para_parent[ex.get(f"{{{W15}}}paraId", "")] = parent
    para_to_comment: dict[str, str] = {}
    starts = {el.get(q("id")): el for el in body.iter(q("commentRangeStart"))}
    ends = {el.get(q("id")): el for el in body.iter(q("commentRangeEnd"))}
    refs = {el.get(q("id")): el for el in body.iter(q("commentReference"))}
    found: list[Comment] = []
    raw = list(comments_xml.iter(q("comment")))
    for c in raw:
        for p in c.iter(q("p")):
            pid = p.get(f"{{{W14}}}paraId")
            if pid:
                para_to_comment[pid] = c.get(q("id"), "")
    for c in raw:
        cid = c.get(q("id"), "")
        text = "\n".join(_text(p) for p in c.iter(q("p"))).strip()
        start_el = starts.get(cid) if cid in starts else refs.get(cid)
        end_el = ends.get(cid) if cid in ends else refs.get(cid)
        start = layout.unit_of(start_el) if start_el is not None else None
        end = layout.unit_of(end_el) if end_el is not None else start
        parent = None
        paras = [p.get(f"{{{W14}}}paraId") for p in c.iter(q("p")) if p.get(f"{{{W14}}}paraId")]
        if paras and paras[-1] in para_parent:
            parent = para_to_comment.get(para_parent[paras[-1]])
        found.append(Comment(cid, c.get(q("author"), ""), c.get(q("date"), ""), text, start, end, parent,
                             _anchored_text(body, cid) if cid in starts else ""))
    return found, layout


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("docx", nargs="+")
    ap.add_argument("--jsonl", help="write one JSON object per comment here (labeller's scratch, not the repo)")
    args = ap.parse_args(argv)
    rows = []
    for path in args.docx:
        comments, _ = read_comments(path)
        for c in comments:
            rows.append({"file": path, **asdict(c)})
            where = c.start.location if c.start else "(general)"
            text = re.sub(r"\s+", " ", c.text)[:80]
            if not args.jsonl:
                print(f"{Path(path).name}\t{c.id}\t{where}\t{text}")
    if args.jsonl:
        Path(args.jsonl).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
