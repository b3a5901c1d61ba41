"""The shared lesson observation forms every school starts with (reference data)."""

from django.db import migrations

TEMPLATES = [
    {
        "name_kk": "Сабаққа қатысу парағы (жалпы)",
        "name_ru": "Лист посещения урока (общий)",
        "name_en": "Lesson observation sheet (general)",
        "questions_kk": "Сабақтың мақсаты оқушыларға түсінікті болды ма?\n"
        "Оқушылар қалай белсенді болды?\n"
        "Қалыптастырушы бағалау қалай жүргізілді?\n"
        "Кері байланыс қалай берілді?\n"
        "Нені өз тәжірибемде қолданамын?",
        "questions_ru": "Была ли цель урока понятна ученикам?\n"
        "Насколько активны были ученики?\n"
        "Как проводилось формативное оценивание?\n"
        "Как давалась обратная связь?\n"
        "Что я применю в своей практике?",
        "questions_en": "Was the aim of the lesson clear to the pupils?\n"
        "How active were the pupils?\n"
        "How was formative assessment done?\n"
        "How was feedback given?\n"
        "What will I use in my own practice?",
    },
    {
        "name_kk": "Оқушылардың оқуын бақылау",
        "name_ru": "Наблюдение за учением учеников",
        "name_en": "Observing pupils' learning",
        "questions_kk": "Оқушылар нені үйренді, оны қайдан көрдім?\n"
        "Оқуға не кедергі болды?\n"
        "Қай тапсырма ең тиімді болды?",
        "questions_ru": "Чему научились ученики и как я это увидел(а)?\n"
        "Что мешало учению?\n"
        "Какое задание было самым результативным?",
        "questions_en": "What did the pupils learn, and how did I see it?\n"
        "What got in the way of learning?\n"
        "Which task worked best?",
    },
]


def add_templates(apps, schema_editor):
    ObservationTemplate = apps.get_model("plc", "ObservationTemplate")
    for values in TEMPLATES:
        ObservationTemplate.objects.update_or_create(
            school=None, name_kk=values["name_kk"], defaults=values
        )


def remove_templates(apps, schema_editor):
    ObservationTemplate = apps.get_model("plc", "ObservationTemplate")
    names = [values["name_kk"] for values in TEMPLATES]
    ObservationTemplate.objects.filter(school=None, name_kk__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [("plc", "0001_initial")]

    operations = [migrations.RunPython(add_templates, remove_templates)]
