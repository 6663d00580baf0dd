from django import template

from shpalta.news.selectors import nav_sections as load_nav_sections

register = template.Library()


@register.simple_tag
def nav_sections():
    return load_nav_sections()
