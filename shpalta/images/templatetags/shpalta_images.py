from django import template

from .. import selectors

register = template.Library()

LEAD_SIZES = "(max-width: 48rem) calc(100vw - 2rem), 46rem"
CARD_SIZES = "(min-width: 64rem) 16rem, 7.5rem"  # see .card-image in site.css
CARD_WIDTHS = (320, 640)
TOP_SIZES = "(min-width: 72rem) 41rem, (min-width: 48rem) 58vw, calc(100vw - 2rem)"


def _picture_context(image, *, crop, sizes, eager, widths=selectors.WIDTHS, css_class=""):
    return {
        "picture": selectors.picture(image, crop=crop, widths=widths),
        "sizes": sizes,
        "eager": eager,
        "css_class": css_class,
    }


@register.inclusion_tag("images/picture.html")
def picture(image, sizes="100vw", crop="w", eager=False, css_class=""):
    """Any library photo as <picture>: WebP and JPEG srcsets, width and height set."""
    return _picture_context(image, crop=crop, sizes=sizes, eager=eager, css_class=css_class)


@register.inclusion_tag("images/lead_figure.html")
def lead_figure(article):
    """The article's lead photo: above the fold, so eager and high priority."""
    image = article.lead_image
    context = {"article": article, "image": image}
    if image is not None:
        context.update(_picture_context(image, crop="w", sizes=LEAD_SIZES, eager=True))
    return context


@register.inclusion_tag("images/picture.html")
def card_picture(item, eager=False):
    """A 16:9 thumbnail for a card in a list; lazy unless the card is at the top."""
    image = item.lead_image
    if image is None:
        return {}
    return _picture_context(
        image,
        crop="16x9",
        sizes=CARD_SIZES,
        eager=eager,
        widths=CARD_WIDTHS,
        css_class="card-image",
    )


@register.inclusion_tag("images/picture.html")
def top_story_picture(item):
    """The front page's top story: a 16:9 crop above the fold, so eager."""
    if item.lead_image is None:
        return {}
    return _picture_context(item.lead_image, crop="16x9", sizes=TOP_SIZES, eager=True,
                            css_class="top-image")  # fmt: skip
