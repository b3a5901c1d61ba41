"""Synthetic regions, districts, schools of every type and inter-school associations."""

from __future__ import annotations

import random

from adisker.lib.text import fold_letters
from adisker.people.demo import issue_number
from adisker.people.models import StaffProfile
from adisker.schools.models import AcademicYear, District, InterSchoolAssociation, Region, School
from bench.scale import InterSchoolRow, ScaleData, SchoolRow

REGIONS = (
    ("Абай облысы", "Область Абай"), ("Ақмола облысы", "Акмолинская область"),
    ("Ақтөбе облысы", "Актюбинская область"), ("Алматы облысы", "Алматинская область"),
    ("Атырау облысы", "Атырауская область"),
    ("Батыс Қазақстан облысы", "Западно-Казахстанская область"),
    ("Жамбыл облысы", "Жамбылская область"), ("Жетісу облысы", "Область Жетісу"),
    ("Қарағанды облысы", "Карагандинская область"), ("Қостанай облысы", "Костанайская область"),
    ("Қызылорда облысы", "Кызылординская область"), ("Маңғыстау облысы", "Мангистауская область"),
    ("Павлодар облысы", "Павлодарская область"),
    ("Солтүстік Қазақстан облысы", "Северо-Казахстанская область"),
    ("Түркістан облысы", "Туркестанская область"), ("Ұлытау облысы", "Область Ұлытау"),
    ("Шығыс Қазақстан облысы", "Восточно-Казахстанская область"), ("Астана қаласы", "город Астана"),
    ("Алматы қаласы", "город Алматы"), ("Шымкент қаласы", "город Шымкент"),
)  # fmt: skip
VILLAGES = (
    "Ақсу", "Ақтоғай", "Баршатас", "Бидайық", "Жаңатілек", "Қарабұлақ", "Қайнар", "Көктерек",
    "Құмкөл", "Майқайың", "Сарыөзек", "Тасты", "Талдыбұлақ", "Шалқар", "Ойтоған", "Егіндібұлақ",
    "Жиделі", "Көлсай", "Ақжар", "Бесқарағай", "Қызылту", "Шұбартау", "Тереңөзек", "Алғабас",
)  # fmt: skip
# Share of each type among the country's schools: about two in five are small-class schools.
TYPES = {
    School.Type.SMALL_CLASS: 38,
    School.Type.GENERAL: 50,
    School.Type.GYMNASIUM: 7,
    School.Type.LYCEUM: 5,
}
# Staff before scaling to the wanted average: (fewest, most).
STAFF = {
    School.Type.SMALL_CLASS: (8, 18),
    School.Type.GENERAL: (35, 110),
    School.Type.GYMNASIUM: (60, 140),
    School.Type.LYCEUM: (60, 140),
}
LANGUAGES = {School.Language.KAZAKH: 70, School.Language.MIXED: 20, School.Language.RUSSIAN: 10}
SCHOOLS_PER_DISTRICT = 37
SMALL_SCHOOLS_PER_ASSOCIATION = 4
FEWEST_STAFF = 5


def generate(data: ScaleData) -> None:
    AcademicYear.objects.for_date(data.on.replace(year=data.on.year - 1))
    AcademicYear.objects.current()
    rng = data.rng("schools")
    writer = data.writer
    district_count = max(1, round(data.schools_wanted / SCHOOLS_PER_DISTRICT))
    regions = REGIONS[: min(len(REGIONS), district_count)]
    region_ids = writer.reserve(Region, len(regions))
    writer.write(
        Region,
        ["id", "name_kk", "name_ru", "name_en"],
        [(i, *names, "") for i, names in zip(region_ids, regions, strict=True)],
    )
    data.district_ids = list(writer.reserve(District, district_count))
    writer.write(
        District,
        ["id", "region", "name_kk", "name_ru", "name_en"],
        (
            (
                district_id,
                region_ids[n % len(region_ids)],
                f"{n + 1}-аудан",
                f"Район №{n + 1}",
                "",
            )
            for n, district_id in enumerate(data.district_ids)
        ),
    )
    types = rng.choices(list(TYPES), list(TYPES.values()), k=data.schools_wanted)
    raw = [rng.randint(*STAFF[kind]) for kind in types]
    factor = data.staff_per_school * len(raw) / sum(raw)
    sizes = [max(FEWEST_STAFF, round(size * factor)) for size in raw]
    school_ids = writer.reserve(School, data.schools_wanted)
    issued: set[str] = set()
    # Staff ids are handed out here, school by school, for the people generator to fill.
    first_staff = writer.reserve(StaffProfile, sum(sizes)).start
    data.staff.first_id, data.staff.count = first_staff, sum(sizes)
    rows = []
    for n, (school_id, kind, size) in enumerate(zip(school_ids, types, sizes, strict=True)):
        district_id = data.district_ids[n * district_count // data.schools_wanted]
        locality = (
            School.Locality.URBAN
            if kind in (School.Type.GYMNASIUM, School.Type.LYCEUM) or rng.random() < 0.35
            else School.Locality.RURAL
        )
        if kind == School.Type.SMALL_CLASS:
            locality = School.Locality.RURAL
        language = rng.choices(list(LANGUAGES), list(LANGUAGES.values()))[0]
        school = SchoolRow(school_id, district_id, kind, locality, language, first_staff, size)
        first_staff += size
        data.schools.append(school)
        name_kk, name_ru = _names(rng, kind, locality, n)
        registered = f"{rng.randint(1995, 2012) % 100:02d}{rng.randint(1, 12):02d}"
        bin_number = issue_number(rng, f"{registered}40", issued)
        rows.append(
            (
                school_id,
                district_id,
                name_kk,
                name_ru,
                bin_number,
                kind,
                locality,
                language,
                size * rng.randint(9, 16),
                fold_letters(name_kk, name_ru, bin_number),
            )
        )
    writer.write(
        School,
        [
            "id",
            "district",
            "name_kk",
            "name_ru",
            "bin",
            "school_type",
            "locality",
            "language",
            "pupil_count",
            "search_text",
        ],
        rows,
    )
    _inter_schools(data)


def _names(rng: random.Random, kind: str, locality: str, n: int) -> tuple[str, str]:
    number = n % 120 + 1
    village = rng.choice(VILLAGES)
    if kind == School.Type.SMALL_CLASS:
        return (
            f"{village} ауылының шағын жинақты мектебі №{number}",
            f"Малокомплектная школа села {village} №{number}",
        )
    if kind == School.Type.GYMNASIUM:
        return f"№{number} гимназия", f"Гимназия №{number}"
    if kind == School.Type.LYCEUM:
        return f"№{number} лицей", f"Лицей №{number}"
    if locality == School.Locality.RURAL:
        return (
            f"{village} ауылының №{number} жалпы орта мектебі",
            f"Общеобразовательная средняя школа №{number} села {village}",
        )
    return f"№{number} жалпы орта мектебі", f"Общеобразовательная средняя школа №{number}"


def _inter_schools(data: ScaleData) -> None:
    """Small-class schools of a district, in fours, around one of its rural general schools."""
    by_district: dict[int, list[SchoolRow]] = {}
    for school in data.schools:
        by_district.setdefault(school.district_id, []).append(school)
    for schools in by_district.values():
        bases = [
            s
            for s in schools
            if s.school_type == School.Type.GENERAL and s.locality == School.Locality.RURAL
        ]
        small = [s for s in schools if s.school_type == School.Type.SMALL_CLASS]
        for n, base in enumerate(bases):
            members = small[
                n * SMALL_SCHOOLS_PER_ASSOCIATION : (n + 1) * SMALL_SCHOOLS_PER_ASSOCIATION
            ]
            if not members:
                break
            data.inter_schools.append(InterSchoolRow(0, base.district_id, base, members))
    ids = data.writer.reserve(InterSchoolAssociation, len(data.inter_schools))
    for association_id, association in zip(ids, data.inter_schools, strict=True):
        association.id = association_id
    data.writer.write(
        InterSchoolAssociation,
        ["id", "district", "base_school", "name_kk", "name_ru"],
        (
            (
                a.id,
                a.district_id,
                a.base_school.id,
                f"Тірек мектеп №{a.base_school.id} жанындағы мектепаралық әдістемелік бірлестік",
                f"Межшкольное методическое объединение при опорной школе №{a.base_school.id}",
            )
            for a in data.inter_schools
        ),
    )
    through = InterSchoolAssociation.member_schools.through
    data.writer.write(
        through,
        ["interschoolassociation", "school"],
        ((a.id, member.id) for a in data.inter_schools for member in a.members),
    )
