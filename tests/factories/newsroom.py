import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from shpalta.news.models import Author
from shpalta.newsroom import roles


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Олена"
    last_name = factory.Sequence(lambda n: f"Коваль{n}")
    is_staff = True


def staff(role: str, username: str, *, with_byline: bool = True, **fields):
    """A newsroom user in one of the role groups, with their Author profile."""
    user = UserFactory(username=username, **fields)
    user.groups.add(Group.objects.get(name=role))
    if with_byline:
        roles.author_for_user(user)
    return user


def author_user(username: str = "avtor", **fields):
    return staff(roles.AUTHOR, username, **fields)


def editor_user(username: str = "redaktor", **fields):
    return staff(roles.EDITOR, username, **fields)


def chief_user(username: str = "holovnyi", **fields):
    return staff(roles.CHIEF, username, **fields)


def byline(user) -> Author:
    return Author.objects.get(user=user)
