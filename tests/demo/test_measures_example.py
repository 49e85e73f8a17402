"""The demo's deployments: the two whose effect the generator built in are told apart by the
evaluation, and the approach's own measures reach its progress report."""

import pytest
from django.utils import translation

from overvalregie.approach import progress_report, steps
from overvalregie.approach.models import Approach
from overvalregie.demo.generator import DemoParameters
from overvalregie.measures.catalogue import read_catalogue
from overvalregie.measures.evaluation import NotEvaluable, evaluate
from overvalregie.measures.models import Deployment

pytestmark = pytest.mark.django_db


def _deployment(key):
    return Deployment.objects.for_pages().get(measure__key=key, approach=None)


def test_every_built_in_effect_is_a_measure_of_the_catalogue():
    keys = {entry["key"] for entry in read_catalogue()}
    assert {effect.measure for effect in DemoParameters().measure_effects} <= keys


def test_the_evaluation_finds_the_effect_the_generator_built_in(loaded_demo):
    for effect in DemoParameters().measure_effects:
        deployment = _deployment(effect.measure)
        assert deployment.start == effect.start
        assert deployment.place_name.startswith(effect.area)
        verdict = evaluate(deployment).verdict
        if effect.multiplier < 0.5:
            assert (verdict.effect, verdict.surroundings) == ("decline", "none")
        else:
            assert verdict.effect == "no_difference"


def test_the_approach_has_measures_in_areas_and_for_the_whole(loaded_demo):
    approach = Approach.objects.get()
    deployments = list(approach.deployments.for_pages())
    assert len(deployments) == 5
    assert sum(d.evaluable for d in deployments) == 3
    # The dark days offensive starts after the register's last robbery: not yet measurable.
    planned = next(d for d in deployments if d.measure.key == "donkere-dagen-offensief")
    with pytest.raises(NotEvaluable):
        evaluate(planned)
    facts = steps.Facts.of(approach)
    assert facts.measures == 5


def test_the_progress_report_lists_the_approachs_measures_with_their_verdict(loaded_demo):
    approach = Approach.objects.get()
    report = progress_report.build(approach)
    rows = report["measures"]
    assert [row["deployment"].measure.key for row in rows][:2] == [
        "nazorg-ex-gedetineerden",
        "slachtofferhulp-nederland",
    ]
    by_key = {row["deployment"].measure.key: row for row in rows}
    assert by_key["nazorg-ex-gedetineerden"]["effect"] is None  # no area
    with translation.override("en"):
        report = progress_report.build(approach)
    by_key = {row["deployment"].measure.key: row for row in report["measures"]}
    assert by_key["donkere-dagen-offensief"]["effect"] == "Not yet measurable"
    assert by_key["preventiebezoek"]["effect"] == "Too few robberies to tell"
    data = progress_report.as_json(report)
    assert {m["measure"] for m in data["measures"]} == set(by_key)
