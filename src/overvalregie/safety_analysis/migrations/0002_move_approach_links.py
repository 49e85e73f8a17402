"""The link between a decision and its approach moves to the approach (``Approach.decision``).

Approaches started by a decision before keep that decision; their statuses get the new names.
The old column goes in the next migration: PostgreSQL alters no table in the transaction
that changed rows referring to it.
"""

from django.db import migrations

STATUSES = {"started": "active", "closed": "completed"}


def move_links(apps, schema_editor):
    Decision = apps.get_model("safety_analysis", "Decision")
    Approach = apps.get_model("approach", "Approach")
    for decision_id, approach_id in Decision.objects.filter(approach__isnull=False).values_list(
        "pk", "approach_id"
    ):
        Approach.objects.filter(pk=approach_id, decision__isnull=True).update(
            decision_id=decision_id
        )
    for old, new in STATUSES.items():
        Approach.objects.filter(status=old).update(status=new)


class Migration(migrations.Migration):
    dependencies = [
        ("safety_analysis", "0001_initial"),
        ("approach", "0002_stepplan_approach_budget_approach_created_by_and_more"),
    ]

    operations = [
        migrations.RunPython(move_links, migrations.RunPython.noop),
    ]
