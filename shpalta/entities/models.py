from django.db import models

from shpalta.core.links import slug_url
from shpalta.news.models import Article


class Kind(models.TextChoices):
    PERSON = "person", "особа"
    ORGANISATION = "organisation", "організація"
    PLACE = "place", "місце"
    EVENT = "event", "подія"


class Entity(models.Model):
    """A person, organisation, place or event an editor has accepted. Every declined form
    of its name and aliases is kept in `forms`, so that «Умєрова» finds «Рустем Умєров»."""

    kind = models.CharField("тип", max_length=12, choices=Kind.choices, db_index=True)
    name = models.CharField(
        "назва", max_length=200, help_text="У називному відмінку: «Рустем Умєров»."
    )
    slug = models.SlugField("адреса", max_length=200, unique=True)
    aliases = models.TextField(
        "інші назви",
        blank=True,
        help_text="По одній у рядку, у називному відмінку: «Умєров», «Rustem Umerov».",
    )
    description = models.TextField("короткий опис", blank=True)
    image = models.ImageField("зображення", upload_to="entities/", blank=True)
    image_alt = models.CharField("опис зображення", max_length=300, blank=True)
    forms = models.JSONField("відомі форми", default=list, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "персона чи тема"
        verbose_name_plural = "персони й теми"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("entities:entity", self.slug)

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class Candidate(models.Model):
    """A name extraction found that no accepted entity covers yet. Editors accept it,
    merge it into an entity, or reject it; a rejected name is remembered by its key and
    never proposed again."""

    class Status(models.TextChoices):
        PENDING = "pending", "очікує"
        ACCEPTED = "accepted", "прийнято"
        MERGED = "merged", "об’єднано"
        REJECTED = "rejected", "відхилено"

    key = models.CharField("ключ", max_length=200, unique=True)
    name = models.CharField("назва", max_length=200)
    kind = models.CharField("тип", max_length=12, choices=Kind.choices)
    status = models.CharField(
        "стан", max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    entity = models.ForeignKey(
        Entity,
        verbose_name="сутність",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="candidates",
    )
    surfaces = models.JSONField("форми в текстах", default=list, blank=True)
    article_count = models.PositiveIntegerField("статей", default=0)
    example = models.ForeignKey(
        Article,
        verbose_name="приклад",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    first_seen = models.DateTimeField("вперше", auto_now_add=True)
    last_seen = models.DateTimeField("востаннє", auto_now=True)

    class Meta:
        ordering = ["-article_count", "name"]
        verbose_name = "кандидат"
        verbose_name_plural = "кандидати на розгляд"

    def __str__(self):
        return self.name


class ArticleEntity(models.Model):
    """An accepted entity mentioned in an article, in any form."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="entity_links")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="article_links")
    mentions = models.PositiveSmallIntegerField("згадок", default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "entity"], name="article_entity_once")
        ]
        indexes = [models.Index(fields=["entity", "article"], name="entity_article")]

    def __str__(self):
        return f"{self.entity} у «{self.article}»"


class ArticleProfile(models.Model):
    """What extraction found in an article, kept so that accepting an entity re-links old
    articles without re-reading them, and so that related stories can be scored."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="entity_profile"
    )
    names = models.JSONField(default=dict)  # key -> {"name", "kind", "count", "surfaces"}
    terms = models.JSONField(default=dict)  # weighted terms for relatedness
    related_count = models.PositiveSmallIntegerField(default=0, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"профіль статті {self.article_id}"


class ArticleTerm(models.Model):
    """An inverted index of each public article's strongest terms (entity keys and rare
    lemmas): the candidates for «Інші новини» are found through it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    term = models.CharField(max_length=200)
    weight = models.FloatField()

    class Meta:
        indexes = [models.Index(fields=["term"], name="article_term_term")]
        constraints = [
            models.UniqueConstraint(fields=["article", "term"], name="article_term_once")
        ]

    def __str__(self):
        return f"{self.term} у статті {self.article_id}"


class TermFrequency(models.Model):
    """In how many public articles a term occurs: the rarer, the more it says."""

    term = models.CharField(max_length=200, unique=True)
    documents = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.term}: {self.documents}"


class RelatedArticle(models.Model):
    """«Інші новини» of an article, computed when it or a story near it changes."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_to")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()

    class Meta:
        ordering = ["article", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="related_once"),
            models.CheckConstraint(
                condition=~models.Q(article=models.F("related")), name="related_not_itself"
            ),
        ]

    def __str__(self):
        return f"{self.article_id} → {self.related_id} (#{self.rank})"
