from django.db import migrations

from adisker.lib.text import reference_key

# (name as schools write it, language, category code). Old categories map as the 2020 reform
# did: second, first, highest to модератор, сарапшы, зерттеуші; "без категории" to педагог.
CATEGORY_ALIASES = [
    ("без категории", "ru", "pedagogue"),
    ("санатсыз", "kk", "pedagogue"),
    ("категориясыз", "kk", "pedagogue"),
    ("no category", "en", "pedagogue"),
    ("вторая", "ru", "moderator"),
    ("второй", "ru", "moderator"),
    ("екінші", "kk", "moderator"),
    ("second", "en", "moderator"),
    ("модератор", "ru", "moderator"),
    ("moderator", "en", "moderator"),
    ("первая", "ru", "expert"),
    ("первой", "ru", "expert"),
    ("бірінші", "kk", "expert"),
    ("first", "en", "expert"),
    ("эксперт", "ru", "expert"),
    ("сарапшы", "kk", "expert"),
    ("expert", "en", "expert"),
    ("высшая", "ru", "researcher"),
    ("высшей", "ru", "researcher"),
    ("жоғары", "kk", "researcher"),
    ("highest", "en", "researcher"),
    ("исследователь", "ru", "researcher"),
    ("зерттеуші", "kk", "researcher"),
    ("researcher", "en", "researcher"),
    ("мастер", "ru", "master"),
    ("шебер", "kk", "master"),
    ("master", "en", "master"),
]

# (name, language, position code): abbreviations as they stand in staff lists.
POSITION_ALIASES = [
    ("мұғалімі", "kk", "teacher"),
    ("пән мұғалімі", "kk", "teacher"),
    ("пәнінің мұғалімі", "kk", "teacher"),
    ("педагог", "kk", "teacher"),
    ("оқытушы", "kk", "teacher"),
    ("учитель-предметник", "ru", "teacher"),
    ("преподаватель", "ru", "teacher"),
    ("бастауыш сыныптар мұғалімі", "kk", "primary-teacher"),
    ("бастауыш сынып мұғ.", "kk", "primary-teacher"),
    ("учитель нач. классов", "ru", "primary-teacher"),
    ("учитель нач. кл.", "ru", "primary-teacher"),
    ("primary teacher", "en", "primary-teacher"),
    ("мектеп директоры", "kk", "director"),
    ("директор школы", "ru", "director"),
    ("Директордың ОІЖО", "kk", "deputy-academic"),
    ("ДОІЖО", "kk", "deputy-academic"),
    ("ОІЖО", "kk", "deputy-academic"),
    ("Директордың оқу-тәрбие ісі жөніндегі орынбасары", "kk", "deputy-academic"),
    ("зам. по УВР", "ru", "deputy-academic"),
    ("зам. директора по УВР", "ru", "deputy-academic"),
    ("заместитель директора по УВР", "ru", "deputy-academic"),
    ("заместитель директора по учебно-воспитательной работе", "ru", "deputy-academic"),
    ("ЗДУВР", "ru", "deputy-academic"),
    ("зам. по УР", "ru", "deputy-academic"),
    ("deputy head (academic)", "en", "deputy-academic"),
    ("Директордың ӘЖЖО", "kk", "deputy-methodological"),
    ("ДӘЖЖО", "kk", "deputy-methodological"),
    ("ӘЖЖО", "kk", "deputy-methodological"),
    ("зам. по МР", "ru", "deputy-methodological"),
    ("зам. по НМР", "ru", "deputy-methodological"),
    ("зам. директора по НМР", "ru", "deputy-methodological"),
    ("заместитель директора по научно-методической работе", "ru", "deputy-methodological"),
    ("ЗДНМР", "ru", "deputy-methodological"),
    ("Директордың ТІЖО", "kk", "deputy-upbringing"),
    ("ДТІЖО", "kk", "deputy-upbringing"),
    ("ТІЖО", "kk", "deputy-upbringing"),
    ("зам. по ВР", "ru", "deputy-upbringing"),
    ("зам. директора по ВР", "ru", "deputy-upbringing"),
    ("ЗДВР", "ru", "deputy-upbringing"),
    ("психолог", "ru", "psychologist"),
    ("педагог психолог", "ru", "psychologist"),
    ("соц. педагог", "ru", "social-pedagogue"),
    ("әлеум. педагог", "kk", "social-pedagogue"),
]


def add_aliases(apps, schema_editor):
    for model_name, target, rows in (
        ("CategoryAlias", "QualificationCategory", CATEGORY_ALIASES),
        ("PositionAlias", "Position", POSITION_ALIASES),
    ):
        Alias = apps.get_model("people", model_name)
        by_code = {item.code: item for item in apps.get_model("people", target).objects.all()}
        field = "category" if target == "QualificationCategory" else "position"
        for name, language, code in rows:
            if code in by_code:
                Alias.objects.update_or_create(
                    key=reference_key(name),
                    school=None,
                    defaults={"name": name, "language": language, field: by_code[code]},
                )


class Migration(migrations.Migration):
    dependencies = [("people", "0006_position_category_aliases")]
    operations = [migrations.RunPython(add_aliases, migrations.RunPython.noop)]
