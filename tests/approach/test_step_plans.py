"""Step plans are data: shipped files are valid, a broken plan is named, sync keeps rows current."""

import pytest

from overvalregie.approach import steps
from overvalregie.approach.models import StepPlan


def test_the_three_shipped_plans_are_valid_and_loaded_by_migrate(db):
    files = sorted(steps.SHIPPED.glob("*.toml"))
    assert len(files) == 3
    for path in files:
        assert steps.validate(steps.read_plan(path)) == []
    plans = {plan.key: plan for plan in StepPlan.objects.all()}
    assert set(plans) == {"overvallen", "slachtoffernazorg", "kvo"}
    keys = ("overvallen", "slachtoffernazorg", "kvo")
    assert [len(plans[key].definition["steps"]) for key in keys] == [6, 4, 4]
    assert all(plan.shipped for plan in plans.values())


def test_each_kind_of_approach_has_its_default_plan(db):
    assert steps.plan_for_kind("specific").key == "overvallen"
    assert steps.plan_for_kind("dark_days").key == "overvallen"
    assert steps.plan_for_kind("kvo").key == "kvo"


def _plan(**step):
    return {
        "key": "eigen",
        "name": {"nl": "Eigen plan"},
        "steps": [{"key": "een", "title": {"nl": "Een"}, **step}],
    }


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ({"artefacts": [{"kind": "telepathy", "label": {"nl": "x"}}]}, "kind must be one of"),
        ({"artefacts": [{"kind": "note", "label": {"nl": "x"}}]}, "a note needs a key"),
        (
            {"artefacts": [{"kind": "meetings", "meeting_kind": "lunch", "label": {"nl": "x"}}]},
            "meeting_kind must be one of",
        ),
        ({"artefacts": [{"kind": "goals", "minimum": 0, "label": {"nl": "x"}}]}, "at least 1"),
        ({"checklist": [{"key": "a", "label": {"en": "only English"}}]}, "needs a text in Dutch"),
        ({"requires_previous": "yes"}, "true or false"),
    ],
)
def test_a_broken_plan_is_refused_with_the_place_and_the_reason(step, message):
    errors = steps.validate(_plan(**step))
    assert any(message in error and error.startswith("step 1") for error in errors), errors


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda plan: plan["steps"][0].update(key=["a"]), "step 1: needs a key of its own"),
        (lambda plan: plan["steps"][0].update(key={"a": 1}), "step 1: needs a key of its own"),
        (
            lambda plan: plan["steps"][0].update(checklist=[{"key": ["a"], "label": {"nl": "x"}}]),
            "step 1 checklist 1: needs a key of its own",
        ),
        (
            lambda plan: plan["steps"][0].update(checklist=[{"key": {}, "label": {"nl": "x"}}]),
            "step 1 checklist 1: needs a key of its own",
        ),
        (lambda plan: plan["steps"][0].update(checklist="a"), "step 1 checklist: a list"),
        (lambda plan: plan["steps"][0].update(checklist=7), "step 1 checklist: a list"),
        (
            lambda plan: plan["steps"][0].update(artefacts=[{"kind": ["note"]}]),
            "step 1 artefact 1: kind must be one of",
        ),
        (
            lambda plan: plan["steps"][0].update(artefacts=[{"kind": {"note": 1}}]),
            "step 1 artefact 1: kind must be one of",
        ),
        (lambda plan: plan["steps"][0].update(artefacts=7), "step 1 artefacts: a list"),
        (
            lambda plan: plan["steps"][0].update(
                artefacts=[{"kind": "meetings", "meeting_kind": ["triangle"], "label": {"nl": "x"}}]
            ),
            "step 1 artefact 1: meeting_kind must be one of",
        ),
        (
            lambda plan: plan["steps"][0].update(
                artefacts=[{"kind": "note", "key": ["a"], "label": {"nl": "x"}}]
            ),
            "step 1 artefact 1: a note needs a key",
        ),
        (lambda plan: plan.update(kinds=[["specific"]]), "kinds: each must be one of"),
        (lambda plan: plan.update(kinds=[{"specific": 1}]), "kinds: each must be one of"),
        (lambda plan: plan.update(kinds="specific"), "kinds: each must be one of"),
    ],
)
def test_a_value_of_the_wrong_type_is_an_error_line_not_an_exception(change, message):
    plan = _plan()
    change(plan)
    errors = steps.validate(plan)
    assert any(error.startswith(message) for error in errors), errors


def test_a_list_as_a_key_does_not_hide_a_later_duplicate():
    plan = _plan()
    plan["steps"] += [
        {"key": ["een"], "title": {"nl": "Lijst"}},
        {"key": "een", "title": {"nl": "Nog een"}},
    ]
    errors = steps.validate(plan)
    assert [error.split(":")[0] for error in errors] == ["step 2", "step 3"], errors


def test_a_valid_plan_of_ones_own_passes_and_duplicate_step_keys_do_not():
    assert steps.validate(_plan()) == []
    plan = _plan()
    plan["steps"].append({"key": "een", "title": {"nl": "Nog een"}})
    assert any("key of its own" in error for error in steps.validate(plan))


def test_sync_rewrites_a_changed_shipped_plan_and_keeps_the_others(db):
    plan = StepPlan.objects.get(key="kvo")
    plan.definition = {**plan.definition, "name": {"nl": "Veranderd"}}
    plan.save()
    own = StepPlan.objects.create(key="eigen", definition=_plan())

    assert steps.sync_shipped_plans() == 3

    assert StepPlan.objects.get(key="kvo").name == "Stappenplan Keurmerk Veilig Ondernemen"
    assert StepPlan.objects.get(pk=own.pk).definition == _plan()


def test_a_plans_texts_follow_the_interface_language(db):
    from django.utils import translation

    plan = StepPlan.objects.get(key="overvallen")
    with translation.override("nl"):
        assert plan.name == "Stappenplan aanpak overvallen"
    with translation.override("en"):
        assert plan.name == "Robbery approach step plan"
