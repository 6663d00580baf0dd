import factory

from shpalta.entities import services
from shpalta.entities.models import Candidate, Entity, Kind


class EntityFactory(factory.django.DjangoModelFactory):
    """Saved through entity_save, so forms, slug and links are what an editor gets."""

    class Meta:
        model = Entity

    kind = Kind.PERSON
    name = factory.Sequence(lambda n: f"Особа {n}")
    slug = ""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.entity_save(entity=model_class(*args, **kwargs))


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    name = factory.Sequence(lambda n: f"Кандидат {n}")
    key = factory.LazyAttribute(lambda o: o.name.lower())
    kind = Kind.PERSON
