"""WordPress post content → the HTML our sanitiser keeps.

WordPress stores what the editor typed, not what it shows: classic posts have no <p>
(wpautop adds them on display), shortcodes stand for images and galleries, and embeds
are bare URLs. Block-editor posts are HTML wrapped in <!-- wp:… --> comments. Both end
up as plain paragraphs, figures and links; the sanitiser in article_save does the rest.
"""

import html
import re

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_EMBED_FIGURE = re.compile(
    r"<figure[^>]*wp-block-embed[^>]*>\s*<div[^>]*>\s*(https?://[^\s<]+)\s*</div>"
    r"(?:\s*<figcaption[^>]*>.*?</figcaption>)?\s*</figure>",
    re.S | re.I,
)
_CAPTION = re.compile(r"\[caption[^\]]*\](.*?)\[/caption\]", re.S | re.I)
_CAPTION_IMAGE = re.compile(r"^\s*((?:<a[^>]*>)?\s*<img[^>]*>\s*(?:</a>)?)(.*)$", re.S | re.I)
_GALLERY = re.compile(r"\[gallery([^\]]*)\]", re.I)
_GALLERY_IDS = re.compile(r"""ids\s*=\s*["']?([\d,\s]+)""", re.I)
_MEDIA_SHORTCODE = re.compile(r"\[/?(?:embed|video|audio|playlist)\b[^\]]*\]", re.I)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
_BARE_URL = re.compile(r"^(https?://[^\s<>\"]+)$")
_BLOCK_START = re.compile(
    r"^<(?:p|h[1-6]|ul|ol|li|blockquote|figure|table|thead|tbody|tr|pre|div|hr|dl|section)[\s>/]",
    re.I,
)


def link_paragraph(url: str) -> str:
    url = html.escape(url, quote=True)
    return f'<p><a href="{url}">{url}</a></p>'


def wordpress_html(content: str, *, attachments: dict, old_bases: tuple[str, ...] = ()) -> str:
    text = content.replace("\r\n", "\n").replace("\r", "\n")
    is_blocks = "<!-- wp:" in text
    text = _EMBED_FIGURE.sub(lambda m: link_paragraph(m.group(1)), text)
    text = _COMMENT.sub("", text)  # block delimiters, <!--more-->, <!--nextpage-->
    text = _CAPTION.sub(_caption, text)
    text = _GALLERY.sub(lambda m: _gallery(m.group(1), attachments), text)
    text = _MEDIA_SHORTCODE.sub("", text)
    text = autop(text) if not is_blocks else _bare_url_lines(text)
    return relative_links(text, old_bases)


def _caption(match) -> str:
    parts = _CAPTION_IMAGE.match(match.group(1))
    if parts is None:
        return match.group(1)
    image, caption = parts.group(1), parts.group(2).strip()
    caption_html = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"\n\n<figure>{image}{caption_html}</figure>\n\n"


def _gallery(attributes: str, attachments: dict) -> str:
    ids = _GALLERY_IDS.search(attributes)
    if not ids:
        return ""
    images = []
    for raw_id in ids.group(1).split(","):
        found = attachments.get(raw_id.strip())
        if found:
            url, alt = (html.escape(value, quote=True) for value in found)
            images.append(f'<img src="{url}" alt="{alt}">')
    return f"\n\n<figure>{''.join(images)}</figure>\n\n" if images else ""


def autop(text: str) -> str:
    """WordPress's wpautop in short: blank lines part paragraphs, a single newline is a
    line break, a URL alone on its line is an embed (a link here), blocks stay blocks."""
    out = []
    for chunk in _PARAGRAPH_BREAK.split(text.strip()):
        chunk = chunk.strip()
        if not chunk:
            continue
        if _BARE_URL.match(chunk):
            out.append(link_paragraph(chunk))
        elif _BLOCK_START.match(chunk):
            out.append(_bare_url_lines(chunk))
        else:
            out.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    return "\n".join(out)


def _bare_url_lines(text: str) -> str:
    lines = text.split("\n")
    return "\n".join(
        link_paragraph(line.strip()) if _BARE_URL.match(line.strip()) else line for line in lines
    )


def relative_links(text: str, old_bases: tuple[str, ...]) -> str:
    """Links to the old site become site-relative: the old permalinks answer here with a
    301 to the new address, so "Читайте також" keeps working after the move."""
    for base in old_bases:
        if base:
            text = text.replace(f'href="{base}/', 'href="/').replace(f'href="{base}"', 'href="/"')
    return text
