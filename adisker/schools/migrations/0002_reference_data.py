from django.db import migrations

# (code, Kazakh, Russian, English): the subjects of Kazakhstan's secondary-school curriculum.
SUBJECTS = [
    ("kazakh-language", "Қазақ тілі", "Казахский язык", "Kazakh language"),
    ("kazakh-literature", "Қазақ әдебиеті", "Казахская литература", "Kazakh literature"),
    ("russian-language", "Орыс тілі", "Русский язык", "Russian language"),
    ("russian-literature", "Орыс әдебиеті", "Русская литература", "Russian literature"),
    ("english", "Ағылшын тілі", "Английский язык", "English"),
    ("mathematics", "Математика", "Математика", "Mathematics"),
    ("algebra", "Алгебра", "Алгебра", "Algebra"),
    ("geometry", "Геометрия", "Геометрия", "Geometry"),
    ("informatics", "Информатика", "Информатика", "Computer science"),
    ("physics", "Физика", "Физика", "Physics"),
    ("chemistry", "Химия", "Химия", "Chemistry"),
    ("biology", "Биология", "Биология", "Biology"),
    ("geography", "География", "География", "Geography"),
    ("history-kazakhstan", "Қазақстан тарихы", "История Казахстана", "History of Kazakhstan"),
    ("world-history", "Дүниежүзі тарихы", "Всемирная история", "World history"),
    ("law", "Құқық негіздері", "Основы права", "Foundations of law"),
    ("natural-science", "Жаратылыстану", "Естествознание", "Natural science"),
    ("primary", "Бастауыш сынып", "Начальные классы", "Primary classes"),
    ("music", "Музыка", "Музыка", "Music"),
    ("art", "Көркем еңбек", "Художественный труд", "Art and design"),
    ("physical-education", "Дене шынықтыру", "Физическая культура", "Physical education"),
    ("initial-military", "Алғашқы әскери және технологиялық дайындық",
     "Начальная военная и технологическая подготовка", "Initial military and technology training"),
    ("self-knowledge", "Өзін-өзі тану", "Самопознание", "Self-knowledge"),
]


def add_subjects(apps, schema_editor):
    Subject = apps.get_model("schools", "Subject")
    for code, kk, ru, en in SUBJECTS:
        Subject.objects.update_or_create(
            code=code, defaults={"name_kk": kk, "name_ru": ru, "name_en": en}
        )


class Migration(migrations.Migration):
    dependencies = [("schools", "0001_initial")]
    operations = [migrations.RunPython(add_subjects, migrations.RunPython.noop)]
