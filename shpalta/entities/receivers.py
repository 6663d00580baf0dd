from .services import article_refresh


def on_article_changed(sender, article, previous, **kwargs):
    """Extraction, links and «Інші новини» follow every create, edit, publish and
    unpublish, inside the writing transaction."""
    article_refresh(article=article)
