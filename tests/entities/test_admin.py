"""The review queue in the admin: decisions through the change form and bulk actions."""

import pytest
from django.contrib.auth.models import User

from shpalta.entities.models import ArticleEntity, Candidate, Entity, Kind
from tests.factories.entities import EntityFactory
from tests.factories.news import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = User.objects.create_superuser("editor", "editor@example.org", "x" * 20)
    client.force_login(user)
    return client


@pytest.fixture
def umerov_candidate():
    ArticleFactory(body="<p>Міністр оборони Рустем Умєров прибув до Сеула.</p>")
    return Candidate.objects.get(key="рустем умєров")


def change_url(candidate):
    return f"/admin/entities/candidate/{candidate.pk}/change/"


def test_queue_opens_on_pending_candidates(editor, umerov_candidate):
    Candidate.objects.create(key="старе", name="Старе", kind=Kind.PLACE, status="rejected")
    html = editor.get("/admin/entities/candidate/").content.decode()
    assert "Рустем Умєров" in html and "Старе" not in html


def test_queue_history_one_click_away(editor, umerov_candidate):
    Candidate.objects.create(key="старе", name="Старе", kind=Kind.PLACE, status="rejected")
    rejected = editor.get("/admin/entities/candidate/?decision=rejected").content.decode()
    everything = editor.get("/admin/entities/candidate/?decision=all").content.decode()
    assert "Старе" in rejected and "Рустем Умєров" not in rejected
    assert "Старе" in everything and "Рустем Умєров" in everything


def test_accept_through_form_with_corrected_name(editor, umerov_candidate):
    response = editor.post(
        change_url(umerov_candidate),
        {"name": "Рустем Умєров", "kind": Kind.PERSON, "decision": "accept", "merge_into": ""},
    )
    assert response.status_code == 302
    entity = Entity.objects.get()
    assert (entity.name, entity.slug) == ("Рустем Умєров", "rustem-umierov")
    assert ArticleEntity.objects.filter(entity=entity).count() == 1


def test_merge_without_target_is_a_form_error(editor, umerov_candidate):
    response = editor.post(
        change_url(umerov_candidate),
        {"name": "Рустем Умєров", "kind": Kind.PERSON, "decision": "merge", "merge_into": ""},
    )
    assert response.status_code == 200
    assert "Оберіть сутність, з якою об’єднати." in response.content.decode()
    assert Candidate.objects.get(pk=umerov_candidate.pk).status == "pending"
    assert not Entity.objects.exists()


def test_merge_through_form(editor, umerov_candidate):
    entity = EntityFactory(name="Умєров Рустем Енверович")
    editor.post(
        change_url(umerov_candidate),
        {
            "name": "Рустем Умєров",
            "kind": Kind.PERSON,
            "decision": "merge",
            "merge_into": entity.pk,
        },
    )
    entity.refresh_from_db()
    assert entity.alias_list == ["Рустем Умєров"]
    assert ArticleEntity.objects.filter(entity=entity).count() == 1


def test_decided_candidate_cannot_be_decided_again(editor, umerov_candidate):
    umerov_candidate.status = Candidate.Status.REJECTED
    umerov_candidate.save()
    response = editor.post(
        change_url(umerov_candidate),
        {"name": "Рустем Умєров", "kind": Kind.PERSON, "decision": "accept", "merge_into": ""},
    )
    assert "Щодо цього кандидата вже ухвалено рішення." in response.content.decode()
    assert not Entity.objects.exists()


def test_bulk_reject_and_accept_actions(editor, umerov_candidate):
    ArticleFactory(body="<p>Делегація прибула до Південної Кореї.</p>")
    korea = Candidate.objects.get(key="південна корея")
    editor.post(
        "/admin/entities/candidate/",
        {"action": "reject", "_selected_action": [umerov_candidate.pk]},
    )
    editor.post("/admin/entities/candidate/", {"action": "accept", "_selected_action": [korea.pk]})
    assert Candidate.objects.get(pk=umerov_candidate.pk).status == "rejected"
    assert list(Entity.objects.values_list("name", "kind")) == [("Південна Корея", "place")]


def test_entity_form_rejects_name_without_letters(editor):
    response = editor.post(
        "/admin/entities/entity/add/",
        {"kind": Kind.PERSON, "name": "— «» —", "slug": "", "aliases": "", "description": ""},
    )
    assert response.status_code == 200
    assert "Назва має містити хоча б одну літеру." in response.content.decode()
    assert not Entity.objects.exists()


def test_entity_added_in_admin_gets_slug_forms_and_links(editor):
    article = ArticleFactory(body="<p>Посол Південної Кореї прибув.</p>")
    editor.post(
        "/admin/entities/entity/add/",
        {
            "kind": Kind.PLACE,
            "name": "Південна Корея",
            "slug": "",
            "aliases": "",
            "description": "",
        },
    )
    entity = Entity.objects.get()
    assert entity.slug == "pivdenna-koreia"
    assert "Південної Кореї" in entity.forms
    assert list(article.entity_links.values_list("entity", flat=True)) == [entity.pk]
