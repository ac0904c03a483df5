"""Safe XML parsing that remembers line numbers, so errors can say where.

defusedxml refuses entity declarations (the "billion laughs" bomb) and external references; the
tree builder records each element's line from the underlying expat parser.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from listwatch.errors import InputError
from listwatch.sources.files import decode


class _LineBuilder(ET.TreeBuilder):
    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, int] = {}
        self.parser: DefusedXMLParser | None = None

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        elem = super().start(tag, attrs)
        if self.parser is not None:
            self.lines[id(elem)] = self.parser.parser.CurrentLineNumber
        return elem


class ParsedXML:
    def __init__(self, root: ET.Element, lines: dict[int, int]) -> None:
        self.root = root
        self._lines = lines

    def line(self, elem: ET.Element) -> int | None:
        return self._lines.get(id(elem))


_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']""")


def parse_xml(path: Path, data: bytes) -> ParsedXML:
    # Check the declared encoding first: expat's "invalid token" would hide a wrong-encoding file.
    declared = _DECLARED.match(data[:200])
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(path, f'unknown encoding "{encoding}" in the XML declaration', line=1) from None
    decode(path, data, encoding)
    builder = _LineBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    builder.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as exc:
        raise InputError(path, f"refused unsafe XML: {exc}") from None
    except ET.ParseError as exc:
        line, _column = exc.position
        raise InputError(
            path, f"malformed XML: {exc.msg if hasattr(exc, 'msg') else exc}", line=line
        ) from None
    return ParsedXML(root, builder.lines)


def strip_namespaces(root: ET.Element) -> None:
    """Rename every element to its local name: publishers change their default namespace (OFAC's moved
    with the Sanctions List Service), and the rest then reads like the schema documentation."""
    for elem in root.iter():
        if isinstance(elem.tag, str) and elem.tag.startswith("{"):
            elem.tag = elem.tag.rsplit("}", 1)[-1]


def text(elem: ET.Element | None) -> str:
    """Element text with whitespace runs collapsed: generators differ in wrapping, not content."""
    if elem is None or elem.text is None:
        return ""
    return " ".join(elem.text.split())
