"""Streaming XML for the importers: one record in memory at a time, whatever the file size."""

from collections.abc import Iterator

from lxml import etree

from .errors import ImportFailed


def local_name(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def namespace(tag) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def iter_records(stream, *, depth_for_root) -> Iterator[tuple[int, etree._Element]]:
    """Yield (root tag, element) for every element that ends at the record depth, which
    `depth_for_root(root_tag)` gives once the root is seen (1 = the root's children) or
    refuses with ImportFailed. After the caller is done with a record it and every sibling
    before it are dropped, so memory holds one record, not the file. Entities are not
    resolved and nothing is fetched from the network (no XXE, no billion laughs)."""
    parser = etree.iterparse(
        stream,
        events=("start", "end"),
        huge_tree=True,
        resolve_entities=False,
        no_network=True,
        remove_comments=True,
        remove_pis=True,
    )
    level, root_tag, depth = -1, None, 0
    try:
        for event, element in parser:
            if event == "start":
                level += 1
                if root_tag is None:
                    root_tag = element.tag
                    depth = depth_for_root(root_tag)
                continue
            if level == depth:
                yield root_tag, element
                _forget(element)
            level -= 1
    except etree.XMLSyntaxError as exc:
        raise ImportFailed(xml_error_message(exc)) from exc
    if root_tag is None:
        raise ImportFailed("Файл порожній: у ньому немає XML.")


def _forget(element) -> None:
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def xml_error_message(exc: etree.XMLSyntaxError) -> str:
    line, column = exc.position if exc.position else (exc.lineno, 0)
    # libxml2 appends a raw excerpt of the broken text after a newline: not for editors.
    reason = (exc.msg or str(exc)).split("\n", 1)[0].split(", line ")[0].strip()
    return f"Файл пошкоджено (не XML або обірваний): рядок {line}, позиція {column}: {reason}."


def children_text(element) -> dict[str, str]:
    """Direct children by local name → text (the last one wins); CDATA is plain text here."""
    return {local_name(child.tag): (child.text or "") for child in element}
