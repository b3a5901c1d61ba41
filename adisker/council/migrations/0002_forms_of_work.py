from django.db import migrations

# The forms of methodological work a plan item takes (glossary.md); editable in the admin.
FORMS = [
    ("seminar", "Семинар", "Семинар", "Seminar"),
    ("workshop", "Семинар-практикум", "Семинар-практикум", "Workshop"),
    ("open_lesson", "Ашық сабақ", "Открытый урок", "Open lesson"),
    ("master_class", "Шеберлік сыныбы", "Мастер-класс", "Master class"),
    ("round_table", "Дөңгелек үстел", "Круглый стол", "Round table"),
    ("pedagogical_readings", "Педагогикалық оқулар", "Педагогические чтения",
     "Pedagogical readings"),
    ("council_meeting", "Әдістемелік кеңес отырысы", "Заседание методического совета",
     "Methodological council meeting"),
    ("association_meeting", "Әдістемелік бірлестік отырысы",
     "Заседание методического объединения", "Methodological association meeting"),
    ("coaching", "Коучинг", "Коучинг", "Coaching session"),
    ("mentoring", "Тәлімгерлік", "Наставничество", "Mentoring"),
    ("lesson_study", "Lesson Study (сабақты зерттеу)", "Lesson Study (исследование урока)",
     "Lesson Study"),
    ("mutual_observation", "Өзара сабаққа қатысу", "Взаимопосещение уроков",
     "Mutual lesson observation"),
    ("creative_report", "Шығармашылық есеп", "Творческий отчёт", "Creative report"),
    ("consultation", "Әдістемелік кеңес беру", "Методическая консультация",
     "Methodological consultation"),
]


def add_forms(apps, schema_editor):
    FormOfWork = apps.get_model("council", "FormOfWork")
    for ordering, (code, kk, ru, en) in enumerate(FORMS, start=1):
        FormOfWork.objects.update_or_create(
            code=code,
            defaults={"name_kk": kk, "name_ru": ru, "name_en": en, "ordering": ordering * 10},
        )


class Migration(migrations.Migration):
    dependencies = [("council", "0001_initial")]
    operations = [migrations.RunPython(add_forms, migrations.RunPython.noop)]
