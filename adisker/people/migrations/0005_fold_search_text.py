from django.db import migrations

from adisker.lib.text import refold_search_text


def refold_staff(apps, schema_editor):
    StaffProfile = apps.get_model("people", "StaffProfile")
    refold_search_text(StaffProfile, ("last_name", "first_name", "patronymic", "iin"))


class Migration(migrations.Migration):
    """Staff names searchable without Kazakh letters: "Кусайынова" finds "Құсайынова"."""

    dependencies = [("people", "0004_staff_name_order_index")]
    operations = [migrations.RunPython(refold_staff, migrations.RunPython.noop, elidable=True)]
