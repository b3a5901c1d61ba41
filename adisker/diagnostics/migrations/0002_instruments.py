"""The six instruments of R9 b–f, version 1, in Kazakh, Russian and English."""

from django.db import migrations


def install(apps, schema_editor):
    from adisker.diagnostics.instruments import install

    install(lambda name: apps.get_model("diagnostics", name))


class Migration(migrations.Migration):
    dependencies = [("diagnostics", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
