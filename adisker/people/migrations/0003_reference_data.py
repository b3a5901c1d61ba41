from django.db import migrations

# The qualification categories since 2020, lowest first (glossary.md).
CATEGORIES = [
    ("pedagogue", 1, "педагог", "педагог", "teacher"),
    ("moderator", 2, "педагог-модератор", "педагог-модератор", "teacher-moderator"),
    ("expert", 3, "педагог-сарапшы", "педагог-эксперт", "teacher-expert"),
    ("researcher", 4, "педагог-зерттеуші", "педагог-исследователь", "teacher-researcher"),
    ("master", 5, "педагог-шебер", "педагог-мастер", "teacher-master"),
]

POSITIONS = [
    ("teacher", "Мұғалім", "Учитель", "Teacher"),
    ("primary-teacher", "Бастауыш сынып мұғалімі", "Учитель начальных классов",
     "Primary school teacher"),
    ("director", "Директор", "Директор", "Director"),
    ("deputy-academic", "Директордың оқу ісі жөніндегі орынбасары",
     "Заместитель директора по учебной работе", "Deputy director for academic work"),
    ("deputy-methodological", "Директордың әдістемелік жұмыс жөніндегі орынбасары",
     "Заместитель директора по методической работе", "Deputy director for methodological work"),
    ("deputy-upbringing", "Директордың тәрбие ісі жөніндегі орынбасары",
     "Заместитель директора по воспитательной работе", "Deputy director for pastoral work"),
    ("methodologist", "Әдіскер", "Методист", "Methodologist"),
    ("psychologist", "Педагог-психолог", "Педагог-психолог", "School psychologist"),
    ("social-pedagogue", "Әлеуметтік педагог", "Социальный педагог", "Social pedagogue"),
    ("librarian", "Кітапханашы", "Библиотекарь", "Librarian"),
]


def add_reference_data(apps, schema_editor):
    QualificationCategory = apps.get_model("people", "QualificationCategory")
    Position = apps.get_model("people", "Position")
    for code, rank, kk, ru, en in CATEGORIES:
        QualificationCategory.objects.update_or_create(
            code=code, defaults={"rank": rank, "name_kk": kk, "name_ru": ru, "name_en": en}
        )
    for code, kk, ru, en in POSITIONS:
        Position.objects.update_or_create(
            code=code, defaults={"name_kk": kk, "name_ru": ru, "name_en": en}
        )


class Migration(migrations.Migration):
    dependencies = [("people", "0002_initial")]
    operations = [migrations.RunPython(add_reference_data, migrations.RunPython.noop)]
