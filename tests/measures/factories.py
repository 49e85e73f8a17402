import factory

from overvalregie.measures.models import Measure


class MeasureFactory(factory.django.DjangoModelFactory):
    """A measure of the catalogue, in Dutch and English: by default one in the area line
    against robberies of businesses."""

    class Meta:
        model = Measure

    key = factory.Sequence(lambda n: f"maatregel-{n}")
    name = factory.Sequence(lambda n: {"nl": f"Maatregel {n}", "en": f"Measure {n}"})
    summary = factory.LazyFunction(lambda: {"nl": "Een korte samenvatting.", "en": "A summary."})
    description = factory.LazyFunction(
        lambda: {"nl": "Een langere omschrijving.", "en": "A longer description."}
    )
    steps = factory.LazyFunction(
        lambda: {"nl": ["Eerste stap", "Tweede stap"], "en": ["First step", "Second step"]}
    )
    lines = factory.LazyFunction(lambda: ["area"])
    targets = factory.LazyFunction(lambda: ["business"])
    types = factory.LazyFunction(lambda: ["organisational"])
    levels = factory.LazyFunction(lambda: ["local"])
    lead = "municipality"
    cost = "low"
    evidence = "theory"
