"""Who is not a reader: crawlers, link previews, monitors and scripts, by their user agent."""

import re

_BOT = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|"
    r"headless|phantomjs|lighthouse|pagespeed|pingdom|uptime|monitor|"
    r"curl/|wget/|python-requests|python-urllib|aiohttp|httpx|go-http-client|java/|okhttp|"
    r"libwww|scrapy|node-fetch|axios/",
    re.IGNORECASE,
)


def is_bot(user_agent: str | None) -> bool:
    """No user agent at all is a script too: every browser sends one."""
    ua = (user_agent or "").strip()
    return not ua or bool(_BOT.search(ua))
