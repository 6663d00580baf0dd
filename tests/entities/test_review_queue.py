"""Candidates from published articles, and the editors' decisions on them."""

import pytest
from django.core.management import call_command

from shpalta.entities import services
from shpalta.entities.models import ArticleEntity, Candidate, Entity, Kind
from shpalta.news import services as news_services
from tests.factories.entities import EntityFactory
from tests.factories.news import ArticleFactory, draft

pytestmark = pytest.mark.django_db

UMEROV_NOM = "<p>Міністр оборони Рустем Умєров прибув до Сеула.</p>"
UMEROV_GEN = "<p>Делегація зустріла Рустема Умєрова в аеропорту.</p>"
UMEROV_SURNAME = "<p>Журналісти розпитали Умєрова про закупівлі.</p>"


def candidate(key):
    return Candidate.objects.get(key=key)


def test_publish_proposes_candidate_in_nominative():
    article = ArticleFactory(body=UMEROV_GEN)
    found = candidate("рустем умєров")
    assert (found.name, found.kind, found.status) == ("Рустем Умєров", Kind.PERSON, "pending")
    assert found.surfaces == ["Рустема Умєрова"]
    assert found.example == article


def test_draft_proposes_nothing():
    draft(body=UMEROV_NOM)
    assert not Candidate.objects.exists()


def test_candidate_counts_articles_not_edits():
    first = ArticleFactory(body=UMEROV_NOM)
    ArticleFactory(body=UMEROV_GEN)
    first.lede = "Оновлено."
    news_services.article_save(article=first)
    assert candidate("рустем умєров").article_count == 2


def test_accept_links_old_articles_in_every_form():
    articles = [ArticleFactory(body=b) for b in (UMEROV_NOM, UMEROV_GEN, UMEROV_SURNAME)]
    unrelated = ArticleFactory(body="<p>Міська рада ухвалила бюджет.</p>")
    entity = services.candidate_accept(candidate=candidate("рустем умєров"))
    linked = set(ArticleEntity.objects.filter(entity=entity).values_list("article", flat=True))
    assert linked == {a.pk for a in articles}
    assert unrelated.pk not in linked
    assert (entity.slug, candidate("рустем умєров").status) == ("rustem-umierov", "accepted")


def test_accepted_entity_links_new_articles_automatically():
    EntityFactory(name="Рустем Умєров")
    article = ArticleFactory(body=UMEROV_SURNAME)
    assert list(article.entity_links.values_list("entity__name", flat=True)) == ["Рустем Умєров"]
    assert not Candidate.objects.filter(key__contains="умєров").exists()


def test_merge_makes_candidate_an_alias_and_links_its_articles():
    ministry = EntityFactory(name="Міністерство оборони України", kind=Kind.ORGANISATION)
    article = ArticleFactory(body="<p>Про це повідомили в Міноборони увечері.</p>")
    services.candidate_merge(candidate=candidate("міноборони"), entity=ministry)
    ministry.refresh_from_db()
    assert ministry.alias_list == ["Міноборони"]
    assert list(article.entity_links.values_list("entity", flat=True)) == [ministry.pk]
    assert candidate("міноборони").status == "merged"


def test_rejected_candidate_never_comes_back():
    ArticleFactory(body=UMEROV_NOM)
    services.candidate_reject(candidate=candidate("рустем умєров"))
    ArticleFactory(body=UMEROV_GEN)
    rejected = candidate("рустем умєров")
    assert (rejected.status, rejected.article_count) == ("rejected", 1)
    assert Candidate.objects.filter(key="рустем умєров").count() == 1
    assert not ArticleEntity.objects.exists()


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("«Нафтогаз України»", "naftohaz-ukrainy"),
        ("Кам’янець-Подільський", "kamianets-podilskyi"),
        ("Ан-225 «Мрія»", "an-225-mriia"),
        ("О'Браєн — «Ґудзь»", "obraien-gudz"),
        ("ʼʼʼ", "tema"),
    ],
)
def test_entity_slug_valid_for_quotes_apostrophes_and_dashes(name, slug):
    assert EntityFactory(name=name, kind=Kind.ORGANISATION).slug == slug


def test_entity_slug_unique_for_namesakes():
    first = EntityFactory(name="Олена Коваленко")
    second = EntityFactory(name="Олена Коваленко")
    assert (first.slug, second.slug) == ("olena-kovalenko", "olena-kovalenko-2")


def test_entity_known_forms_cover_cases():
    entity = EntityFactory(name="Південна Корея", kind=Kind.PLACE)
    assert {"Південної Кореї", "Південній Кореї", "Південною Кореєю"} <= set(entity.forms)


def test_relink_command_links_archive_with_progress(capsys):
    articles = [ArticleFactory(body=b) for b in (UMEROV_NOM, UMEROV_GEN)]
    # An entity that arrived without relinking (an import, a restored backup).
    entity = Entity.objects.create(
        name="Рустем Умєров", slug="rustem-umierov", kind=Kind.PERSON,
        forms=services.entity_forms(Entity(name="Рустем Умєров", kind=Kind.PERSON)),
    )  # fmt: skip
    assert not ArticleEntity.objects.exists()
    call_command("relink_entities")
    linked = set(ArticleEntity.objects.filter(entity=entity).values_list("article", flat=True))
    assert linked == {a.pk for a in articles}
    out = capsys.readouterr()
    assert "Згадки" in out.err and "Перечитано статей: 2." in out.out


def test_accepted_entity_teaches_search_its_forms():
    from shpalta.ukrainian import morphology

    assert "йоль" not in morphology.lemmas("Йолем")
    EntityFactory(name="Юн Сук Йоль")
    services.entity_lexicon()
    assert "йоль" in morphology.lemmas("Йолем")
