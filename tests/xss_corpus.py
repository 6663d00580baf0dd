"""Hostile markup an attacker (or a careless copy-paste from a hostile site) could put into
anything a reader sees, and a checker that finds anything in a page that could run."""

import json
import re

from lxml import html as lxml_html

XSS_CORPUS = [
    "<script>window.__pwned=1;alert('xss')</script>",
    '<img src=x onerror="window.__pwned=1">',
    '<a href="javascript:window.__pwned=1">клікніть</a>',
    '<a href="JaVaScRiPt:window.__pwned=1">регістр</a>',
    '<a href="&#106;avascript:window.__pwned=1">сутності</a>',
    "<svg onload=window.__pwned=1><script>window.__pwned=1</script></svg>",
    '<div style="width: expression(window.__pwned=1)">CSS</div>',
    '"><script>window.__pwned=1</script>',
    "'><img src=x onerror=window.__pwned=1>",
    '<iframe src="javascript:window.__pwned=1"></iframe>',
    "<body onload=window.__pwned=1>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>",
    "<scr<script>ipt>window.__pwned=1</script>",
    "<img src=x onerror=window.__pwned=1//",
    "<style>body{background:url(javascript:window.__pwned=1)}</style>",
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
    '<form action="javascript:window.__pwned=1"><button>Надіслати</button></form>',
    '<details open ontoggle="window.__pwned=1">',
    "</textarea></title><script>window.__pwned=1</script>",
]

RUNNABLE_ELEMENTS = {"iframe", "object", "embed", "svg", "math", "frame", "frameset", "base"}
DANGEROUS_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster"}
OUR_SCRIPTS = re.compile(r"^/static/")


def runnable_bits(page: str) -> list[str]:
    """Everything in `page` a browser could execute that is not our own static script."""
    doc = lxml_html.document_fromstring(page)
    found = []
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag == "script" and not _ours_or_data(element):
            found.append(f"<script> {lxml_html.tostring(element)[:80]!r}")
        if tag == "style" or tag in RUNNABLE_ELEMENTS:
            found.append(f"<{tag}>")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"{tag}[{name}]")
            if name.lower() in URL_ATTRIBUTES and DANGEROUS_URL.match(value):
                found.append(f"{tag}[{name}={value[:40]}]")
            if name.lower() == "style" and "expression" in value.lower():
                found.append(f"{tag}[style=expression]")
    return found


def _ours_or_data(script) -> bool:
    """Our own static files, or JSON-LD that is whole JSON (markup breaking out of it would
    have ended the element early and left invalid JSON behind)."""
    if OUR_SCRIPTS.match(script.get("src") or ""):
        return True
    if (script.get("type") or "").lower() != "application/ld+json":
        return False
    try:
        json.loads(script.text or "")
    except ValueError:
        return False
    return True
