"""The demo's people: a demo district of five schools, their staff, and a login for each role
(`manage.py load_demo` adds each module's own demo data on top).

An urban gymnasium, a large rural base school and three small-class schools grouped around it
(R8). Every object is found by its natural key, and a fixed seed gives the same people, IINs and
BINs on every run, so running it again changes nothing and duplicates nothing.
"""

from __future__ import annotations

import datetime
import random
from typing import Any, NamedTuple, TypeVar

from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from django.utils import translation

from adisker.lib.identifiers import control_digit
from adisker.people.models import (
    SCHOOL_ROLES,
    Position,
    QualificationCategory,
    Role,
    RoleMembership,
    StaffProfile,
    User,
)
from adisker.schools.models import (
    AcademicYear,
    District,
    InterSchoolAssociation,
    Region,
    School,
    Subject,
)

M = TypeVar("M", bound=models.Model)

SEED = 2026
DEFAULT_PASSWORD = "adisker-demo-2026"

REGION = {"name_kk": "Абай облысы", "name_ru": "Область Абай", "name_en": "Abai Region"}
DISTRICT = {"name_kk": "Аягөз ауданы", "name_ru": "Аягозский район", "name_en": "Ayagoz District"}


class SchoolPlan(NamedTuple):
    name_kk: str
    name_ru: str
    school_type: str
    locality: str
    language: str
    pupil_count: int
    staff: int


Kind, Place = School.Type, School.Locality
SCHOOLS = (
    SchoolPlan("Абай атындағы №1 гимназия", "Гимназия №1 имени Абая",
               Kind.GYMNASIUM, Place.URBAN, School.Language.MIXED, pupil_count=912, staff=60),
    SchoolPlan("Баршатас ауылының Шәкәрім атындағы жалпы орта мектебі",
               "Общеобразовательная средняя школа имени Шакарима села Баршатас",
               Kind.GENERAL, Place.RURAL, School.Language.KAZAKH, pupil_count=604, staff=40),
    SchoolPlan("Ақшәулі ауылының шағын жинақты негізгі орта мектебі",
               "Малокомплектная основная средняя школа села Акшаули",
               Kind.SMALL_CLASS, Place.RURAL, School.Language.KAZAKH, pupil_count=87, staff=12),
    SchoolPlan("Бидайық ауылының шағын жинақты жалпы орта мектебі",
               "Малокомплектная общеобразовательная средняя школа села Бидайык",
               Kind.SMALL_CLASS, Place.RURAL, School.Language.KAZAKH, pupil_count=64, staff=10),
    SchoolPlan("Тарбағатай ауылының шағын жинақты негізгі орта мектебі",
               "Малокомплектная основная средняя школа села Тарбагатай",
               Kind.SMALL_CLASS, Place.RURAL, School.Language.MIXED, pupil_count=52, staff=11),
)  # fmt: skip
GYMNASIUM, BASE_SCHOOL = 0, 1
SMALL_SCHOOLS = slice(2, None)
ASSOCIATION = {
    "name_kk": "Баршатас тірек мектебі жанындағы мектепаралық әдістемелік бірлестік",
    "name_ru": "Межшкольное методическое объединение при опорной школе села Баршатас",
}

# The first two of each school's staff are its director and its deputy for methodological work.
DIRECTOR, DEPUTY = 0, 1
SENIOR_POSITIONS = ("director", "deputy-methodological")

# Staffing order, cycled: a small school gets the core subjects, a large one several of each.
# A teacher teaches the first subject and, every other time, the second too.
CURRICULUM = (
    ("history-kazakhstan", "world-history"),
    ("mathematics", "algebra"),
    ("primary", "self-knowledge"),
    ("kazakh-language", "kazakh-literature"),
    ("russian-language", "russian-literature"),
    ("english",),
    ("primary",),
    ("physics", "informatics"),
    ("chemistry", "biology"),
    ("geography", "natural-science"),
    ("primary", "music"),
    ("physical-education",),
    ("algebra", "geometry"),
    ("kazakh-literature", "kazakh-language"),
    ("primary",),
    ("english",),
    ("initial-military", "physical-education"),
    ("informatics",),
    ("art", "music"),
    ("history-kazakhstan", "law"),
    ("biology", "geography"),
    ("self-knowledge",),
)


class DemoLogin(NamedTuple):
    username: str
    roles: tuple[Role, ...]
    # The school's index in SCHOOLS and the staff member's in that school's staff.
    profile: tuple[int, int] | None = None


LOGINS = (
    DemoLogin("admin", (Role.ADMINISTRATOR,)),
    DemoLogin("methodologist", (Role.DISTRICT_METHODOLOGIST,)),
    DemoLogin("director", (Role.DIRECTOR,), (GYMNASIUM, DIRECTOR)),
    DemoLogin("deputy", (Role.DEPUTY_DIRECTOR, Role.TEACHER), (GYMNASIUM, DEPUTY)),
    DemoLogin("teacher", (Role.TEACHER,), (GYMNASIUM, 2)),
    DemoLogin("head", (Role.ASSOCIATION_HEAD, Role.TEACHER), (GYMNASIUM, 3)),
    DemoLogin("facilitator", (Role.PLC_FACILITATOR, Role.TEACHER), (GYMNASIUM, 4)),
    DemoLogin("deputy2", (Role.DEPUTY_DIRECTOR, Role.TEACHER), (BASE_SCHOOL, DEPUTY)),
    DemoLogin("teacher2", (Role.TEACHER,), (BASE_SCHOOL, 2)),
)

KAZAKH_SURNAMES = (
    "Абенов", "Ахметов", "Әбдірахманов", "Байжанов", "Бейсенов", "Ержанов", "Жақсылықов",
    "Жұмабаев", "Исабеков", "Қасымов", "Қожахметов", "Құсайынов", "Мұқанов", "Мұсин",
    "Нұрпейісов", "Омаров", "Оспанов", "Серікбаев", "Смағұлов", "Сыздықов", "Төлеуов",
    "Тұрсынов", "Әлімжанов", "Шәріпов",
)  # fmt: skip
KAZAKH_MEN = (
    "Асқар", "Айдос", "Арман", "Азамат", "Бауыржан", "Дархан", "Дәурен", "Ерболат", "Ержан",
    "Еркін", "Ерлан", "Жандос", "Қайрат", "Марат", "Мұрат", "Нұржан", "Нұрлан", "Серік",
    "Талғат", "Темірлан",
)  # fmt: skip
KAZAKH_WOMEN = (
    "Айгүл", "Айжан", "Ақмарал", "Аяжан", "Әсел", "Бибігүл", "Гүлмира", "Гүлнар", "Динара",
    "Жанар", "Жұлдыз", "Ләззат", "Меруерт", "Мөлдір", "Назерке", "Раушан", "Салтанат", "Сәуле",
    "Толқын", "Шолпан",
)  # fmt: skip
RUSSIAN_SURNAMES = (
    "Васильев", "Волков", "Иванов", "Кузнецов", "Лебедев", "Морозов", "Петров", "Попов",
    "Смирнов", "Соколов",
)  # fmt: skip
RUSSIAN_MEN = ("Александр", "Андрей", "Владимир", "Дмитрий", "Николай", "Сергей")
RUSSIAN_WOMEN = ("Елена", "Ирина", "Людмила", "Наталья", "Ольга", "Светлана", "Татьяна")
RUSSIAN_PATRONYMICS = (
    ("Александрович", "Александровна"),
    ("Викторович", "Викторовна"),
    ("Владимирович", "Владимировна"),
    ("Иванович", "Ивановна"),
    ("Николаевич", "Николаевна"),
    ("Петрович", "Петровна"),
    ("Сергеевич", "Сергеевна"),
    ("Юрьевич", "Юрьевна"),
)
FEMALE_SHARE = 0.78
# Initial military training is taught by men, usually reserve officers.
MEN_ONLY_SUBJECTS = {"initial-military"}
RUSSIAN_SHARE = {
    School.Language.KAZAKH: 0.05,
    School.Language.MIXED: 0.3,
    School.Language.RUSSIAN: 0.8,
}

UNIVERSITIES = (
    "Шәкәрім атындағы Семей университеті",
    "Семей мемлекеттік педагогикалық институты",
    "Абай атындағы Қазақ ұлттық педагогикалық университеті",
    "С. Аманжолов атындағы Шығыс Қазақстан университеті",
    "Әл-Фараби атындағы Қазақ ұлттық университеті",
    "Л. Н. Гумилев атындағы Еуразия ұлттық университеті",
    "Е. А. Бөкетов атындағы Қарағанды университеті",
)
COLLEGES = (
    "М. Әуезов атындағы Семей педагогикалық колледжі",
    "Өскемен жоғары педагогикалық колледжі",
)
EDUCATION_WEIGHTS = {
    StaffProfile.Education.VOCATIONAL: 9,
    StaffProfile.Education.HIGHER: 78,
    StaffProfile.Education.MASTER: 12,
    StaffProfile.Education.DOCTORAL: 1,
}
CATEGORY_WEIGHTS = {"pedagogue": 40, "moderator": 27, "expert": 18, "researcher": 12, "master": 3}
SENIOR_CATEGORIES = ("expert", "researcher", "master")
# A subject's name where the diploma's speciality is called otherwise.
SPECIALITIES = {"primary": "Бастауыш оқытудың педагогикасы мен әдістемесі"}
# Teachers who started this recently have not yet been attested above the first category.
NEWCOMERS_SINCE = 2022

PHONE_CODES = ("701", "702", "705", "707", "747", "771", "775", "777", "778")
MAIL_DOMAINS = ("mail.ru", "gmail.com", "mail.kz", "inbox.ru")
LATIN = str.maketrans(
    {
        "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e",
        "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "k", "л": "l",
        "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s",
        "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "sch", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e",
        "ю": "yu", "я": "ya",
    }
)  # fmt: skip


def upsert(model: type[M], defaults: dict[str, Any], **lookup: Any) -> M:
    """update_or_create that saves only what changed: each save adds a history entry, and the
    staff and school pages show them."""
    obj, _created = model._default_manager.get_or_create(**lookup, defaults=defaults)
    changed = [
        name
        for name, value in defaults.items()
        # serializable_value gives a foreign key's id without fetching the related object.
        if obj.serializable_value(name) != (value.pk if isinstance(value, models.Model) else value)
    ]
    if changed:
        for name in changed:
            setattr(obj, name, defaults[name])
        obj.save(update_fields=changed)
    return obj


def weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def issue_number(rng: random.Random, prefix: str, issued: set[str]) -> str:
    """A valid IIN or BIN: the prefix, a serial, the control digit. The next serial is tried when
    those eleven digits have no control digit or the number is already issued."""
    width = 11 - len(prefix)
    serial = rng.randrange(10**width)
    while True:
        first_eleven = f"{prefix}{serial % 10**width:0{width}d}"
        check = control_digit(first_eleven)
        number = f"{first_eleven}{check}"
        if check is not None and number not in issued:
            issued.add(number)
            return number
        serial += 1


def full_name(rng: random.Random, *, female: bool, russian: bool) -> tuple[str, str, str]:
    if russian:
        surname = rng.choice(RUSSIAN_SURNAMES)
        given = rng.choice(RUSSIAN_WOMEN if female else RUSSIAN_MEN)
        patronymic = rng.choice(RUSSIAN_PATRONYMICS)[female]
    else:
        surname = rng.choice(KAZAKH_SURNAMES)
        given = rng.choice(KAZAKH_WOMEN if female else KAZAKH_MEN)
        # Both forms are on today's documents: the Kazakh -ұлы / -қызы and the Russian one.
        suffixes = ("ұлы", "қызы") if rng.random() < 0.6 else ("ович", "овна")
        patronymic = rng.choice(KAZAKH_MEN) + suffixes[female]
    return surname + ("а" if female else ""), given, patronymic


def contacts(rng: random.Random, surname: str, given: str) -> dict[str, str]:
    email = f"{surname.lower().translate(LATIN)}.{given.lower().translate(LATIN)[0]}"
    phone = " ".join(
        [rng.choice(PHONE_CODES), f"{rng.randrange(1000):03d}"]
        + [f"{rng.randrange(100):02d}" for _pair in range(2)]
    )
    return {
        "email": f"{email}@{rng.choice(MAIL_DOMAINS)}" if rng.random() < 0.5 else "",
        "phone": f"+7 {phone}" if rng.random() < 0.6 else "",
    }


def demo_password_hash(password: str) -> str:
    """One hash for every demo user, kept while it still matches: hashing is slow on purpose, and
    a fresh salt on every run would rewrite every user."""
    usernames = [login.username for login in LOGINS]
    hashes = User.objects.filter(username__in=usernames).values_list("password", flat=True)
    for encoded in hashes.distinct():
        if check_password(password, encoded):
            return encoded
    return make_password(password)


class Demo:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.issued: set[str] = set()
        self.positions = {p.code: p for p in Position.objects.all()}
        self.categories = {c.code: c for c in QualificationCategory.objects.all()}
        self.subjects = {s.code: s for s in Subject.objects.all()}

    def school(self, district: District, plan: SchoolPlan) -> tuple[School, list[StaffProfile]]:
        registered = f"{self.rng.randint(1995, 2012) % 100:02d}{self.rng.randint(1, 12):02d}"
        fields = plan._asdict()
        del fields["staff"]
        school = upsert(
            School,
            {"district": district, **fields},
            bin=issue_number(self.rng, f"{registered}40", self.issued),
        )
        return school, [self.staff_member(school, index) for index in range(plan.staff)]

    def staff_member(self, school: School, index: int) -> StaffProfile:
        rng = self.rng
        senior = index in (DIRECTOR, DEPUTY)
        subject_codes = CURRICULUM[index % len(CURRICULUM)][: rng.randint(1, 2)]
        female = rng.random() < FEMALE_SHARE and subject_codes[0] not in MEN_ONLY_SUBJECTS
        russian = (
            "kazakh-language" not in subject_codes and rng.random() < RUSSIAN_SHARE[school.language]
        )
        surname, given, patronymic = full_name(rng, female=female, russian=russian)
        started = rng.randint(1986, 2005) if senior else rng.randint(1985, 2024)
        born = datetime.date(started - rng.randint(21, 25), rng.randint(1, 12), rng.randint(1, 28))
        century_and_sex = (3 if born.year < 2000 else 5) + female
        education = weighted(rng, EDUCATION_WEIGHTS)
        institution = rng.choice(
            COLLEGES if education == StaffProfile.Education.VOCATIONAL else UNIVERSITIES
        )
        if senior:
            position = SENIOR_POSITIONS[index]
            category = rng.choice(SENIOR_CATEGORIES)
        else:
            position = "primary-teacher" if "primary" in subject_codes else "teacher"
            category = weighted(rng, CATEGORY_WEIGHTS) if started < NEWCOMERS_SINCE else "pedagogue"
        subjects = [self.subjects[code] for code in subject_codes]
        speciality = SPECIALITIES.get(subject_codes[0], subjects[0].name_kk)
        profile = upsert(
            StaffProfile,
            {
                "school": school,
                "last_name": surname,
                "first_name": given,
                "patronymic": patronymic,
                "position": self.positions[position],
                "education": education,
                "education_details": f"{institution}, «{speciality}» мамандығы",
                "experience_started_on": datetime.date(started, 9, 1),
                "category": self.categories[category],
                **contacts(rng, surname, given),
            },
            iin=issue_number(rng, f"{born:%y%m%d}{century_and_sex}", self.issued),
        )
        profile.subjects.set(subjects)
        return profile


def add_login(
    login: DemoLogin,
    password_hash: str,
    district: District,
    staff: list[tuple[School, list[StaffProfile]]],
) -> tuple[str, str, str]:
    """The user, their memberships and staff profile; the row of the printed table."""
    administrator = Role.ADMINISTRATOR in login.roles
    user = upsert(
        User,
        {"password": password_hash, "is_staff": administrator, "is_superuser": administrator},
        username=login.username,
    )
    school = None
    if login.profile is not None:
        school_index, staff_index = login.profile
        school, profiles = staff[school_index]
        profile = profiles[staff_index]
        # A login may have been given to someone else by an older version of the demo.
        StaffProfile.objects.filter(user=user).exclude(pk=profile.pk).update(user=None)
        upsert(StaffProfile, {"user": user}, pk=profile.pk)
    for role in login.roles:
        RoleMembership.objects.get_or_create(
            user=user,
            role=role,
            school=school if role in SCHOOL_ROLES else None,
            district=district if role == Role.DISTRICT_METHODOLOGIST else None,
        )
    where = school or (district if Role.DISTRICT_METHODOLOGIST in login.roles else None)
    with translation.override("en"):
        roles = ", ".join(str(role.label) for role in login.roles)
    return login.username, roles, where.name_kk if where else "everywhere"


class People(NamedTuple):
    district: District
    # The gymnasium, the rural base school, then the three small-class schools.
    schools: list[School]
    staff: dict[int, list[StaffProfile]]  # by school id, in the order they were created
    association: InterSchoolAssociation
    logins: list[tuple[str, str, str]]  # login, roles, where


def load_people(password: str) -> People:
    AcademicYear.objects.current()
    region = upsert(Region, REGION, name_kk=REGION["name_kk"])
    district = upsert(District, DISTRICT, region=region, name_kk=DISTRICT["name_kk"])
    demo = Demo()
    staff = [demo.school(district, plan) for plan in SCHOOLS]
    schools = [school for school, _profiles in staff]
    association = upsert(
        InterSchoolAssociation,
        {"district": district, "base_school": schools[BASE_SCHOOL], **ASSOCIATION},
        name_kk=ASSOCIATION["name_kk"],
    )
    association.member_schools.set(schools[SMALL_SCHOOLS])
    password_hash = demo_password_hash(password)
    rows = [add_login(login, password_hash, district, staff) for login in LOGINS]
    return People(
        district=district,
        schools=schools,
        staff={school.pk: profiles for school, profiles in staff},
        association=association,
        logins=rows,
    )
