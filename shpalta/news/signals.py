"""What other apps listen to instead of being called from news services.

`article_changed` is sent inside the writing transaction after every create, edit,
publish, unpublish or schedule, with `article` and `previous` (an ArticleState of the
row before the change, or None for a new article). Receivers that must not run on a
rolled-back change (cache purges) wrap their work in transaction.on_commit.
"""

from django.dispatch import Signal

article_changed = Signal()
