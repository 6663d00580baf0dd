from .models import LegacyRedirect


def normalise_old_path(path: str) -> str:
    """One key per address: decoded, with exactly one trailing slash (WordPress adds it)."""
    if "?" in path:
        return path
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def legacy_redirect_target(path: str) -> str | None:
    """The new address for an old one, or None. An article that is not public (yet) has no
    address to give: a 404 until it is published, so drafts never leak through old links."""
    row = (
        LegacyRedirect.objects.select_related("article")
        .only("target_url", "article__slug", "article__status", "article__published_at")
        .filter(old_path=normalise_old_path(path))
        .first()
    )
    if row is None:
        return None
    if row.article is None:
        return row.target_url or None
    return row.article.get_absolute_url() if row.article.is_public else None
