"""The generator is deterministic: a seed always gives the same region."""

from overvalregie.demo.generator import DemoParameters, generate


def test_same_seed_gives_the_same_region(town):
    again = generate(DemoParameters())
    assert again == town  # every area, business and robbery, field by field


def test_another_seed_gives_another_region(town):
    other = generate(DemoParameters(seed=7))
    assert other.robberies != town.robberies
    assert other.neighbourhoods != town.neighbourhoods
    # ... built the same way.
    assert other.municipalities[0].population == town.municipalities[0].population
    assert len(other.businesses) == len(town.businesses)
