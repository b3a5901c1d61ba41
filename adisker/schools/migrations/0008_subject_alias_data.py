from django.db import migrations

from adisker.lib.text import reference_key

# (name as schools write it, language, subject codes, ambiguous): abbreviations, combined
# subjects, and the Russian genitive of "учитель математики". An ambiguous name is asked about
# in the preview of an import, its subjects being the answers offered.
ALIASES = [
    ("Қазақ тілі мен әдебиеті", "kk", ["kazakh-language", "kazakh-literature"], False),
    ("Қазақ тілі және әдебиеті", "kk", ["kazakh-language", "kazakh-literature"], False),
    ("Қазақ тілі, әдебиеті", "kk", ["kazakh-language", "kazakh-literature"], False),
    ("Казахский язык и литература", "ru", ["kazakh-language", "kazakh-literature"], False),
    ("казахского языка и литературы", "ru", ["kazakh-language", "kazakh-literature"], False),
    ("Kazakh language and literature", "en", ["kazakh-language", "kazakh-literature"], False),
    ("Орыс тілі мен әдебиеті", "kk", ["russian-language", "russian-literature"], False),
    ("Орыс тілі және әдебиеті", "kk", ["russian-language", "russian-literature"], False),
    ("Русский язык и литература", "ru", ["russian-language", "russian-literature"], False),
    ("русского языка и литературы", "ru", ["russian-language", "russian-literature"], False),
    ("Russian language and literature", "en", ["russian-language", "russian-literature"], False),
    ("Тарих", "kk", ["history-kazakhstan", "world-history"], True),
    ("История", "ru", ["history-kazakhstan", "world-history"], True),
    ("истории", "ru", ["history-kazakhstan", "world-history"], True),
    ("History", "en", ["history-kazakhstan", "world-history"], True),
    ("Қазақстан тарихы, дүниежүзі тарихы", "kk", ["history-kazakhstan", "world-history"], False),
    ("истории Казахстана", "ru", ["history-kazakhstan"], False),
    ("ҚР тарихы", "kk", ["history-kazakhstan"], False),
    ("История РК", "ru", ["history-kazakhstan"], False),
    ("Дүние жүзі тарихы", "kk", ["world-history"], False),
    ("Дүниежүзілік тарих", "kk", ["world-history"], False),
    ("Бастауыш сыныптар", "kk", ["primary"], False),
    ("Бастауыш", "kk", ["primary"], False),
    ("Начальные классы", "ru", ["primary"], False),
    ("нач. классы", "ru", ["primary"], False),
    ("нач. кл.", "ru", ["primary"], False),
    ("начальных классов", "ru", ["primary"], False),
    ("Primary school", "en", ["primary"], False),
    ("Қаз. тілі", "kk", ["kazakh-language"], False),
    ("Қаз. әдеб.", "kk", ["kazakh-literature"], False),
    ("Каз. яз.", "ru", ["kazakh-language"], False),
    ("казахского языка", "ru", ["kazakh-language"], False),
    ("Орыс т.", "kk", ["russian-language"], False),
    ("Рус. яз.", "ru", ["russian-language"], False),
    ("Рус. лит.", "ru", ["russian-literature"], False),
    ("русского языка", "ru", ["russian-language"], False),
    ("Ағыл. тілі", "kk", ["english"], False),
    ("Англ. яз.", "ru", ["english"], False),
    ("английского языка", "ru", ["english"], False),
    ("Шет тілі", "kk", ["english"], False),
    ("Матем.", "ru", ["mathematics"], False),
    ("математики", "ru", ["mathematics"], False),
    ("Maths", "en", ["mathematics"], False),
    ("Алгебра және геометрия", "kk", ["algebra", "geometry"], False),
    ("Алгебра и геометрия", "ru", ["algebra", "geometry"], False),
    ("алгебры", "ru", ["algebra"], False),
    ("геометрии", "ru", ["geometry"], False),
    ("Информ.", "ru", ["informatics"], False),
    ("информатики", "ru", ["informatics"], False),
    ("Informatics", "en", ["informatics"], False),
    ("физики", "ru", ["physics"], False),
    ("химии", "ru", ["chemistry"], False),
    ("биологии", "ru", ["biology"], False),
    ("географии", "ru", ["geography"], False),
    ("ҚН", "kk", ["law"], False),
    ("Право", "ru", ["law"], False),
    ("музыки", "ru", ["music"], False),
    ("Еңбекке баулу", "kk", ["art"], False),
    ("Технология", "ru", ["art"], False),
    ("Труд", "ru", ["art"], False),
    ("Дене шын.", "kk", ["physical-education"], False),
    ("Физкультура", "ru", ["physical-education"], False),
    ("Физ-ра", "ru", ["physical-education"], False),
    ("физической культуры", "ru", ["physical-education"], False),
    ("физкультуры", "ru", ["physical-education"], False),
    ("PE", "en", ["physical-education"], False),
    ("АӘД", "kk", ["initial-military"], False),
    ("НВП", "ru", ["initial-military"], False),
    ("НВТП", "ru", ["initial-military"], False),
    ("самопознания", "ru", ["self-knowledge"], False),
]


def add_aliases(apps, schema_editor):
    Subject = apps.get_model("schools", "Subject")
    SubjectAlias = apps.get_model("schools", "SubjectAlias")
    subjects = {subject.code: subject for subject in Subject.objects.all()}
    for name, language, codes, ambiguous in ALIASES:
        if not all(code in subjects for code in codes):
            continue
        alias, _created = SubjectAlias.objects.update_or_create(
            key=reference_key(name),
            school=None,
            defaults={"name": name, "language": language, "ambiguous": ambiguous},
        )
        alias.subjects.set([subjects[code] for code in codes])


class Migration(migrations.Migration):
    dependencies = [("schools", "0007_subject_aliases")]
    operations = [migrations.RunPython(add_aliases, migrations.RunPython.noop)]
