from django.db import migrations

from adisker.lib.text import refold_search_text


def refold_schools(apps, schema_editor):
    School = apps.get_model("schools", "School")
    refold_search_text(School, ("name_kk", "name_ru", "bin"))


class Migration(migrations.Migration):
    """School names searchable without Kazakh letters, as staff names are."""

    dependencies = [("schools", "0005_inter_school_name_order")]
    operations = [migrations.RunPython(refold_schools, migrations.RunPython.noop, elidable=True)]
