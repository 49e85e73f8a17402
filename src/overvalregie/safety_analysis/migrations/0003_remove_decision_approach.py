from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("safety_analysis", "0002_move_approach_links"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="decision",
            name="approach",
        ),
    ]
