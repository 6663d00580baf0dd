"""«Інші новини»: the stored lists of related stories, and how a change to one story
updates them. Called from services.article_refresh and the relink command."""

from django.db.models import F

from shpalta.news.models import Article

from . import related
from .models import ArticleProfile, ArticleTerm, RelatedArticle
from .purge import related_pages_purge

NEIGHBOURS_REFRESHED = 30


def related_refresh(*, article: Article) -> None:
    """Recompute the article's own list, put it into (or take it out of) the lists of the
    stories it is close to, and recompute lists it used to be in."""
    was_in = set(
        RelatedArticle.objects.filter(related=article).values_list("article_id", flat=True)
    )
    RelatedArticle.objects.filter(related=article).delete()
    # A scheduled story gets its list now and enters its neighbours' lists: pages read them
    # through Article.objects.published(), so it shows there only once its time has come.
    if article.status == Article.Status.DRAFT:
        RelatedArticle.objects.filter(article=article).delete()
        ArticleProfile.objects.filter(article=article).update(related_count=0)
        for other_id in was_in:
            _store(other_id, _scores_for(other_id))
        return
    scores = _scores_for(article.pk)
    _store(article.pk, scores)
    changed = _insert_into_neighbours(article.pk, dict(scores[:NEIGHBOURS_REFRESHED]))
    for other_id in was_in - changed:
        _store(other_id, _scores_for(other_id))  # it lost this story: recompute whole
    _top_up_short_lists(article.pk)
    # Pages that now show it; those that showed it are refreshed by its article tag. A story
    # not yet public shows nowhere: when it comes due, the page cache refreshes every page
    # carrying the «latest» tag, which article pages do.
    if article.is_public:
        related_pages_purge(
            Article.objects.published().filter(pk__in=changed).values_list("slug", flat=True)
        )


def _top_up_short_lists(article_id: int, count: int = 6) -> None:
    """Lists still shorter than `count` (a young archive) take the new story at the end,
    as «the latest». In an archive of any size there are none, and this costs one query."""
    short = list(
        ArticleProfile.objects.filter(related_count__lt=count)
        .exclude(article_id=article_id)
        .exclude(article__status=Article.Status.DRAFT)
        .values_list("article_id", "related_count")
    )
    if not short:
        return
    holding = set(
        RelatedArticle.objects.filter(
            article_id__in=[owner for owner, _ in short], related_id=article_id
        ).values_list("article_id", flat=True)
    )
    additions = [(owner, n) for owner, n in short if owner not in holding]
    RelatedArticle.objects.bulk_create(
        [
            RelatedArticle(article_id=owner, related_id=article_id, rank=n + 1, score=0.0)
            for owner, n in additions
        ]
    )
    ArticleProfile.objects.filter(article_id__in=[owner for owner, _ in additions]).update(
        related_count=F("related_count") + 1
    )


def _scores_for(article_id: int, *, count: int | None = None) -> list[tuple[int, float]]:
    """(id, score) of the public stories most related to one article, best first."""
    mine = dict(ArticleTerm.objects.filter(article_id=article_id).values_list("term", "weight"))
    when = Article.objects.filter(pk=article_id).values_list("published_at", flat=True).first()
    rows = (
        ArticleTerm.objects.filter(
            term__in=[t for t, w in mine.items() if w > 0],
            article__in=Article.objects.published(),
        )
        .exclude(article_id=article_id)
        .values_list("article_id", "term", "weight", "article__published_at")[:50_000]
    )
    others: dict[int, tuple[dict, object]] = {}
    for other_id, term, weight, published_at in rows:
        others.setdefault(other_id, ({}, published_at))[0][term] = weight
    return related.rank(mine, others, when=when, count=count or NEIGHBOURS_REFRESHED)


def _store(article_id: int, scores: list[tuple[int, float]], *, count: int = 6) -> None:
    """Keep the best `count`; when fewer are related, the latest published stories fill the
    list (score 0), so that the page reads one stored list in one query."""
    scores = scores[:count]
    if len(scores) < count:
        taken = {pk for pk, _ in scores} | {article_id}
        latest = (
            Article.objects.published()
            .newest_first()
            .exclude(pk__in=taken)
            .values_list("pk", flat=True)[: count - len(scores)]
        )
        scores = scores + [(pk, 0.0) for pk in latest]
    RelatedArticle.objects.filter(article_id=article_id).delete()
    RelatedArticle.objects.bulk_create(
        [
            RelatedArticle(article_id=article_id, related_id=other, rank=n, score=score)
            for n, (other, score) in enumerate(scores[:count], start=1)
        ]
    )
    ArticleProfile.objects.filter(article_id=article_id).update(
        related_count=min(len(scores), count)
    )


def _insert_into_neighbours(
    article_id: int, neighbours: dict[int, float], count: int = 6
) -> set[int]:
    """A new or edited story enters a neighbour's list when it beats the list's weakest."""
    lists: dict[int, list[tuple[int, float]]] = {n: [] for n in neighbours}
    for owner, other, score in RelatedArticle.objects.filter(
        article_id__in=list(neighbours)
    ).values_list("article_id", "related_id", "score"):
        lists[owner].append((other, score))
    changed = []
    for owner, entries in lists.items():
        merged = sorted([*entries, (article_id, neighbours[owner])], key=lambda e: (-e[1], -e[0]))
        if (article_id, neighbours[owner]) in merged[:count]:
            lists[owner] = merged[:count]
            changed.append(owner)
    RelatedArticle.objects.filter(article_id__in=changed).delete()
    RelatedArticle.objects.bulk_create(
        [
            RelatedArticle(article_id=owner, related_id=other, rank=n, score=score)
            for owner in changed
            for n, (other, score) in enumerate(lists[owner], start=1)
        ]
    )
    for owner in changed:
        ArticleProfile.objects.filter(article_id=owner).update(related_count=len(lists[owner]))
    return set(changed)


def related_rebuild(*, article: Article) -> None:
    """Only the article's own list (for the re-link command, which walks them all)."""
    if article.status != Article.Status.DRAFT:
        _store(article.pk, _scores_for(article.pk))
    else:
        RelatedArticle.objects.filter(article=article).delete()
