from django.db import models
from django.db.models import Q
from django.utils import timezone

from shpalta.core.links import slug_url


class Section(models.Model):
    name = models.CharField("назва", max_length=100, unique=True)
    slug = models.SlugField("адреса", max_length=100, unique=True)
    description = models.TextField("опис", blank=True)
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "розділ"
        verbose_name_plural = "розділи"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("news:section", self.slug)


class Source(models.Model):
    """An outlet or body a story is credited to: "Politico", "WSJ", "Міноборони"."""

    name = models.CharField("назва", max_length=200, unique=True)
    url = models.URLField("адреса", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "джерело"
        verbose_name_plural = "джерела"

    def __str__(self):
        return self.name


class Author(models.Model):
    name = models.CharField("ім’я", max_length=200)
    slug = models.SlugField("адреса", max_length=200, unique=True)
    bio = models.TextField("про автора", blank=True)
    user = models.OneToOneField(
        "auth.User", verbose_name="користувач", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "автор"
        verbose_name_plural = "автори"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("news:author", self.slug)


class Tag(models.Model):
    name = models.CharField("назва", max_length=100, unique=True)
    slug = models.SlugField("адреса", max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "тег"
        verbose_name_plural = "теги"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("news:tag", self.slug)


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Public now: published, or scheduled whose time has come (a late timer never
        shows a story early, and never hides one that is due)."""
        now = now or timezone.now()
        return self.filter(
            status__in=[Article.Status.PUBLISHED, Article.Status.SCHEDULED],
            published_at__lte=now,
        )

    def newest_first(self):
        return self.order_by("-published_at", "-id")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "чернетка"
        SCHEDULED = "scheduled", "заплановано"
        PUBLISHED = "published", "опубліковано"

    headline = models.CharField("заголовок", max_length=300)
    slug = models.SlugField("адреса", max_length=100, unique=True)
    lede = models.TextField("лід", blank=True)
    body = models.TextField("текст", blank=True)
    teaser = models.CharField(
        "анонс",
        max_length=400,
        blank=True,
        editable=False,
        help_text="Початок ліду й тексту, обрізаний по слову: для «Інших новин» і списків.",
    )
    section = models.ForeignKey(
        Section, verbose_name="розділ", on_delete=models.PROTECT, related_name="articles"
    )
    authors = models.ManyToManyField(
        Author, verbose_name="автори", blank=True, related_name="articles"
    )
    tags = models.ManyToManyField(Tag, verbose_name="теги", blank=True, related_name="articles")
    sources = models.ManyToManyField(
        Source,
        verbose_name="джерела",
        blank=True,
        related_name="articles",
        help_text="Видання чи установа, на яку посилається новина: «З посиланням на …».",
    )
    status = models.CharField(
        "стан", max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField("час публікації", null=True, blank=True)
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField("оновлено", auto_now=True)
    is_top_story = models.BooleanField("головна новина", default=False)
    lead_image = models.ForeignKey(
        "images.Image",
        verbose_name="головне фото",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text="З фотобібліотеки; одне фото може бути в багатьох статтях.",
    )
    is_pinned = models.BooleanField(
        "закріплено",
        default=False,
        help_text="Закріплена стаття стоїть угорі головної сторінки й свого розділу.",
    )
    revised_at = models.DateTimeField(
        "змінено після публікації",
        null=True,
        blank=True,
        editable=False,
        help_text="Час останньої зміни тексту опублікованої статті: «Оновлено …» на сторінці.",
    )
    correction = models.TextField(
        "виправлення",
        blank=True,
        help_text="Примітка для читачів про виправлену помилку; показується під статтею.",
    )
    image = models.ImageField("зображення", upload_to="articles/%Y/%m/", blank=True)
    image_url = models.URLField(
        "адреса зображення",
        max_length=1000,
        blank=True,
        help_text="Зображення на іншому сервері (наприклад, зі старого сайту після імпорту).",
    )
    image_alt = models.CharField("опис зображення", max_length=300, blank=True)
    image_credit = models.CharField("автор фото", max_length=200, blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = "стаття"
        verbose_name_plural = "статті"
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_status_pub"),
            models.Index(fields=["section", "published_at"], name="article_section_pub"),
            # Newest first across all sections («Інші новини», the front page) walks this
            # index instead of sorting every published story.
            models.Index(fields=["published_at", "id"], name="article_pub_id"),
            models.Index(
                fields=["published_at"], condition=Q(is_top_story=True), name="article_top_pub"
            ),
            models.Index(
                fields=["published_at"], condition=Q(is_pinned=True), name="article_pinned_pub"
            ),
            # A section page's own top and pinned stories: without these, finding "none"
            # walked the whole section (2.2 s at 1,000,000 articles, docs/benchmarks.md).
            models.Index(
                fields=["section", "published_at"],
                condition=Q(is_top_story=True),
                name="article_section_top_pub",
            ),
            models.Index(
                fields=["section", "published_at"],
                condition=Q(is_pinned=True),
                name="article_section_pinned_pub",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
        ]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return slug_url("news:article", self.slug)

    @property
    def is_public(self) -> bool:
        return (
            self.status != self.Status.DRAFT
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class SlugRedirect(models.Model):
    """An address an article used to answer at; it now answers with a 301."""

    old_slug = models.SlugField(max_length=100, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")

    def __str__(self):
        return f"{self.old_slug} → {self.article.slug}"


class ArticleFragment(models.Model):
    """The article's own markup, rendered once and kept beside it (shpalta.news.fragments):
    its page's head and body, and its card in «Інші новини». A page-cache miss then joins
    stored strings instead of building model instances and running templates.

    `stamp` says what a page part was rendered from (templates, the render epoch, the
    article's updated_at); a part whose stamp no longer matches is rendered again."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="fragment"
    )
    stamp = models.CharField(max_length=100, blank=True)
    head = models.TextField(blank=True)
    top = models.TextField(blank=True)
    rating_top = models.TextField(blank=True)
    rating_end = models.TextField(blank=True)
    card_stamp = models.CharField(max_length=100, blank=True)
    card = models.TextField(blank=True)

    class Meta:
        verbose_name = "збережена розмітка статті"
        verbose_name_plural = "збережена розмітка статей"

    def __str__(self):
        return f"розмітка статті {self.article_id}"


class RenderEpoch(models.Model):
    """One row, given a new value by an edit shown in many stored fragments (a section,
    tag, author, outlet or photo), which makes every fragment stale at once."""

    value = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"епоха розмітки {self.value}"
