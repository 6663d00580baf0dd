"""What the public templates need to draw a photo: the values of one <picture> element
(images/picture.html draws them), computed from the image row alone."""

from . import selectors

LEAD_SIZES = "(max-width: 48rem) calc(100vw - 2rem), 46rem"
CARD_SIZES = "(min-width: 64rem) 16rem, 7.5rem"  # see .card-image in site.css
CARD_WIDTHS = (320, 640)
TOP_SIZES = "(min-width: 72rem) 41rem, (min-width: 48rem) 58vw, calc(100vw - 2rem)"


def _picture(image, *, crop, sizes, eager, widths=selectors.WIDTHS, css_class="") -> dict:
    return {
        "picture": selectors.picture(image, crop=crop, widths=widths),
        "sizes": sizes,
        "eager": eager,
        "css_class": css_class,
    }


def lead_picture(article) -> dict | None:
    """The article's lead photo: above the fold, so eager and high priority."""
    image = article.lead_image
    if image is None:
        return None
    return _picture(image, crop="w", sizes=LEAD_SIZES, eager=True)


def card_picture(item, eager=False) -> dict | None:
    """A 16:9 thumbnail for a card in a list; lazy unless the card is at the top."""
    image = item.lead_image
    if image is None:
        return None
    return _picture(image, crop="16x9", sizes=CARD_SIZES, eager=eager, widths=CARD_WIDTHS,
                    css_class="card-image")  # fmt: skip


def top_story_picture(item) -> dict | None:
    """The front page's top story: a 16:9 crop above the fold, so eager."""
    if item.lead_image is None:
        return None
    return _picture(item.lead_image, crop="16x9", sizes=TOP_SIZES, eager=True,
                    css_class="top-image")  # fmt: skip
