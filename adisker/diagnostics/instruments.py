"""The six instruments the seeds name (R9 b–f), as data in Kazakh, Russian and English.

Loaded once by a data migration into version 1 of each instrument; from then on they are
edited as data (a used version is frozen and an edit makes a new version). Each instrument is
one section per dimension, so that a respondent on a phone saves one short page at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

T = tuple[str, str, str]  # kk, ru, en

SCALES: dict[str, list[tuple[int, T]]] = {
    "agree5": [
        (1, ("Мүлдем келіспеймін", "Совершенно не согласен", "Strongly disagree")),
        (2, ("Келіспеймін", "Не согласен", "Disagree")),
        (3, ("Бейтараппын", "Затрудняюсь ответить", "Neither agree nor disagree")),
        (4, ("Келісемін", "Согласен", "Agree")),
        (5, ("Толық келісемін", "Полностью согласен", "Strongly agree")),
    ],
    "level5": [
        (1, ("Меңгермегенмін", "Не владею", "Not yet")),
        (2, ("Бастапқы деңгейде", "На начальном уровне", "Beginning")),
        (3, ("Жеткілікті", "Достаточно", "Sufficient")),
        (4, ("Сенімді", "Уверенно", "Confident")),
        (5, ("Басқаларға үйрете аламын", "Могу научить других", "Can teach others")),
    ],
    "freq5": [
        (1, ("Ешқашан", "Никогда", "Never")),
        (2, ("Сирек", "Редко", "Rarely")),
        (3, ("Кейде", "Иногда", "Sometimes")),
        (4, ("Жиі", "Часто", "Often")),
        (5, ("Үнемі", "Постоянно", "Always")),
    ],
}
# Reverse-worded statements: agreeing scores low.
SCALES["agree5_reversed"] = [(6 - score, text) for score, text in SCALES["agree5"]]
YES_NO: list[tuple[int, T]] = [(1, ("Иә", "Да", "Yes")), (0, ("Жоқ", "Нет", "No"))]

LEVELS_3: list[tuple[str, int, T]] = [
    ("low", 0, ("төмен", "низкий", "low")),
    ("medium", 50, ("орташа", "средний", "medium")),
    ("high", 75, ("жоғары", "высокий", "high")),
]


def scale(name: str, kk: str, ru: str, en: str) -> dict[str, Any]:
    return {"kind": "likert", "options": SCALES[name], "text": (kk, ru, en)}


def agree(kk: str, ru: str, en: str) -> dict[str, Any]:
    return scale("agree5", kk, ru, en)


def disagree(kk: str, ru: str, en: str) -> dict[str, Any]:
    return scale("agree5_reversed", kk, ru, en)


def can(kk: str, ru: str, en: str) -> dict[str, Any]:
    return scale("level5", kk, ru, en)


def often(kk: str, ru: str, en: str) -> dict[str, Any]:
    return scale("freq5", kk, ru, en)


COMPETENCE = {
    "code": "competence",
    "kind": "competence",
    "respondent": "teacher",
    "anonymous": False,
    "expert_assessment": True,
    "name": (
        "Педагогтің әдістемелік құзыреттілігі",
        "Методическая компетентность педагога",
        "Teacher's methodological competence",
    ),
    "description": (
        "Мұғалімнің өзін-өзі бағалауы және әдістемелік кеңестің сол өлшемдер бойынша "
        "сараптамалық бағалауы (R9 b). Өлшемдер «Педагог» кәсіптік стандартының (2017) еңбек "
        "функцияларынан алынған: оқыту, әдістемелік, зерттеушілік және "
        "әлеуметтік-коммуникативтік функциялар, сондай-ақ цифрлық дағдылар.",
        "Самооценка учителя и экспертная оценка методического совета по тем же измерениям "
        "(R9 b). Измерения взяты из трудовых функций профессионального стандарта «Педагог» "
        "(2017): обучающей, методической, исследовательской и социально-коммуникативной, а "
        "также цифровых навыков.",
        "The teacher's self-assessment and the methodological council's expert assessment on "
        "the same dimensions (R9 b). The dimensions are taken from the labour functions of the "
        "professional standard «Педагог» (2017): teaching, methodological, research and "
        "social-communicative functions, plus digital skills.",
    ),
    "levels": LEVELS_3,
    "dimensions": [
        {
            "code": "subject_methods",
            "name": (
                "Пәндік-әдістемелік дайындық",
                "Предметно-методическая подготовка",
                "Subject and teaching methods",
            ),
            "topic": (
                "Белсенді оқыту әдістері және пәнді оқыту әдістемесі",
                "Активные методы обучения и методика преподавания предмета",
                "Active learning methods and subject teaching methodology",
            ),
            "forms": "seminar,master_class",
            "items": [
                can(
                    "Сабақта оқушылардың жас ерекшелігіне сай белсенді оқыту әдістерін қолданамын",
                    "Применяю на уроке активные методы обучения с учётом возраста учащихся",
                    "I use active learning methods suited to my pupils' age",
                ),
                can(
                    "Оқу мақсаттарын оқушыларға түсінікті етіп тұжырымдаймын",
                    "Формулирую цели обучения понятно для учащихся",
                    "I state learning objectives in a way pupils understand",
                ),
                can(
                    "Тапсырмаларды оқушылардың қажеттіліктеріне қарай саралаймын",
                    "Дифференцирую задания по потребностям учащихся",
                    "I differentiate tasks to pupils' needs",
                ),
                can(
                    "Пәнімнің жаңартылған мазмұнын және оқу бағдарламасын еркін меңгергенмін",
                    "Свободно владею обновлённым содержанием и учебной программой предмета",
                    "I know the updated content and curriculum of my subject well",
                ),
            ],
        },
        {
            "code": "planning_assessment",
            "name": (
                "Жоспарлау және критериалды бағалау",
                "Планирование и критериальное оценивание",
                "Planning and criteria-based assessment",
            ),
            "topic": (
                "Қалыптастырушы және жиынтық бағалау: критерийлер мен дескрипторлар",
                "Формативное и суммативное оценивание: критерии и дескрипторы",
                "Formative and summative assessment: criteria and descriptors",
            ),
            "forms": "seminar,workshop",
            "items": [
                can(
                    "Ұзақ, орта және қысқа мерзімді жоспарларды өзара байланыстыра құрамын",
                    "Составляю долгосрочные, среднесрочные и краткосрочные планы во взаимосвязи",
                    "I write long-, medium- and short-term plans that fit together",
                ),
                can(
                    "Бағалау критерийлері мен дескрипторларын оқу мақсатына сай құрастырамын",
                    "Составляю критерии оценивания и дескрипторы в соответствии с целью обучения",
                    "I write assessment criteria and descriptors that match the objective",
                ),
                can(
                    "Қалыптастырушы бағалау нәтижесінде оқушыға нақты кері байланыс беремін",
                    "По итогам формативного оценивания даю ученику конкретную обратную связь",
                    "I give pupils specific feedback from formative assessment",
                ),
                can(
                    "Бағалау нәтижелерін келесі сабақтарды жоспарлауға пайдаланамын",
                    "Использую результаты оценивания для планирования следующих уроков",
                    "I use assessment results to plan the next lessons",
                ),
            ],
        },
        {
            "code": "research",
            "name": (
                "Зерттеушілік және рефлексия",
                "Исследовательская деятельность и рефлексия",
                "Research and reflection",
            ),
            "topic": (
                "Lesson Study және іс-әрекеттегі зерттеу",
                "Lesson Study и исследование в действии",
                "Lesson Study and action research",
            ),
            "forms": "seminar,lesson_study",
            "items": [
                can(
                    "Өз сабағымды талдап, рефлексия жасаймын",
                    "Анализирую свой урок, провожу рефлексию",
                    "I analyse and reflect on my own lessons",
                ),
                can(
                    "Іс-әрекеттегі зерттеу немесе Lesson Study циклін жүргізе аламын",
                    "Могу провести цикл исследования в действии или Lesson Study",
                    "I can run an action research or Lesson Study cycle",
                ),
                can(
                    "Оқушылардың оқу нәтижелері туралы деректерді жинап, талдаймын",
                    "Собираю и анализирую данные о результатах обучения учащихся",
                    "I collect and analyse data on pupils' learning",
                ),
                can(
                    "Өз тәжірибемді жинақтап, жазбаша сипаттай аламын",
                    "Могу обобщить и описать свой опыт письменно",
                    "I can generalise my experience and write it up",
                ),
            ],
        },
        {
            "code": "digital",
            "name": ("Цифрлық құзыреттілік", "Цифровая компетентность", "Digital competence"),
            "topic": (
                "Сабақта цифрлық ресурстар мен платформаларды қолдану",
                "Использование цифровых ресурсов и платформ на уроке",
                "Using digital resources and platforms in lessons",
            ),
            "forms": "master_class,coaching",
            "items": [
                can(
                    "Сабақта цифрлық білім беру ресурстарын мақсатты пайдаланамын",
                    "Целенаправленно использую на уроке цифровые образовательные ресурсы",
                    "I use digital learning resources purposefully in lessons",
                ),
                can(
                    "Онлайн-тапсырмалар мен тесттер құрастырамын",
                    "Создаю онлайн-задания и тесты",
                    "I create online tasks and tests",
                ),
                can(
                    "Электрондық журнал мен платформалардың деректерін талдаймын",
                    "Анализирую данные электронного журнала и платформ",
                    "I analyse data from the e-journal and platforms",
                ),
                can(
                    "Оқушыларға ақпараттық қауіпсіздік ережелерін үйретемін",
                    "Обучаю учащихся правилам информационной безопасности",
                    "I teach pupils to stay safe online",
                ),
            ],
        },
        {
            "code": "collaboration",
            "name": (
                "Ынтымақтастық және тәжірибе алмасу",
                "Сотрудничество и обмен опытом",
                "Collaboration and sharing practice",
            ),
            "topic": (
                "Өзара сабаққа қатысу және тәжірибе алмасу мәдениеті",
                "Взаимопосещение уроков и культура обмена опытом",
                "Mutual lesson observation and a culture of sharing practice",
            ),
            "forms": "round_table,workshop",
            "items": [
                can(
                    "Әріптестеріммен бірге сабақ жоспарлаймын",
                    "Планирую уроки вместе с коллегами",
                    "I plan lessons together with colleagues",
                ),
                can(
                    "Әріптестеріме сындарлы кері байланыс беремін",
                    "Даю коллегам конструктивную обратную связь",
                    "I give colleagues constructive feedback",
                ),
                can(
                    "Ашық сабақ, шеберлік сыныбы арқылы тәжірибемді таратамын",
                    "Распространяю опыт через открытые уроки и мастер-классы",
                    "I share my practice through open lessons and master classes",
                ),
                can(
                    "Ата-аналармен оқушының оқуы туралы тұрақты байланыс орнатамын",
                    "Поддерживаю постоянную связь с родителями об учёбе ребёнка",
                    "I keep parents regularly informed about their child's learning",
                ),
            ],
        },
    ],
}

CLIMATE = {
    "code": "climate",
    "kind": "climate",
    "respondent": "teacher",
    "anonymous": True,
    "expert_assessment": False,
    "name": (
        "Ұжымның моральдық-психологиялық ахуалы",
        "Морально-психологический климат коллектива",
        "Staff moral-psychological climate",
    ),
    "description": (
        "Анонимді сауалнама (R9 c, f). Жеке жауаптар сақталмайды, мектеп тек жиынтық "
        "нәтижені көреді, 5 жауаптан аз топ көрсетілмейді. Өлшемдер С. Сишордың топтық "
        "ұйымшылдық индексі мен Ф. Фидлердің психологиялық атмосфера шкаласы негізінде "
        "бейімделген.",
        "Анонимная анкета (R9 c, f). Ответы отдельных людей не хранятся, школа видит только "
        "сводные результаты, группа меньше 5 ответов не показывается. Измерения адаптированы "
        "по индексу групповой сплочённости С. Сишора и шкале психологической атмосферы "
        "Ф. Фидлера.",
        "Anonymous questionnaire (R9 c, f). Nobody's own answers are kept; the school sees "
        "aggregates only, never of fewer than 5 answers. The dimensions are adapted from "
        "S. Seashore's group cohesiveness index and F. Fiedler's psychological atmosphere scale.",
    ),
    "levels": [
        ("unfavourable", 0, ("қолайсыз", "неблагоприятный", "unfavourable")),
        ("moderate", 50, ("орташа", "умеренный", "moderate")),
        ("favourable", 75, ("қолайлы", "благоприятный", "favourable")),
    ],
    "dimensions": [
        {
            "code": "cohesion",
            "name": ("Ұжымның ұйымшылдығы", "Сплочённость коллектива", "Staff cohesion"),
            "topic": (
                "Ұжымды топтастыру: тренингтер мен бірлескен жобалар",
                "Сплочение коллектива: тренинги и совместные проекты",
                "Team building: trainings and joint projects",
            ),
            "forms": "seminar,workshop",
            "items": [
                agree(
                    "Мен өзімді ұжымның толыққанды мүшесі сезінемін",
                    "Я чувствую себя полноправным членом коллектива",
                    "I feel a full member of the staff",
                ),
                agree(
                    "Ұжым мүшелері ортақ мақсат үшін бірге жұмыс істейді",
                    "Члены коллектива работают вместе ради общей цели",
                    "Staff work together towards shared goals",
                ),
                disagree(
                    "Ұжымда жиі жанжалдар мен топтасулар болады",
                    "В коллективе часты конфликты и группировки",
                    "There are frequent conflicts and cliques among staff",
                ),
                agree(
                    "Мүмкіндік болса да, басқа мектепке ауыспас едім",
                    "Даже при возможности я не перешёл бы в другую школу",
                    "I would not move to another school even if I could",
                ),
            ],
        },
        {
            "code": "trust",
            "name": (
                "Сенім және өзара қолдау",
                "Доверие и взаимная поддержка",
                "Trust and mutual support",
            ),
            "topic": (
                "Өзара қолдау мен тәлімгерлік мәдениеті",
                "Культура взаимной поддержки и наставничества",
                "A culture of mutual support and mentoring",
            ),
            "forms": "round_table,coaching",
            "items": [
                agree(
                    "Қиындыққа тап болсам, әріптестерім көмектеседі",
                    "Когда у меня трудности, коллеги помогают",
                    "When I struggle, colleagues help me",
                ),
                agree(
                    "Әріптестеріме кәсіби қатемді айтудан қорықпаймын",
                    "Я не боюсь рассказать коллегам о своей профессиональной ошибке",
                    "I am not afraid to tell colleagues about a professional mistake",
                ),
                disagree(
                    "Менің жұмысымды әділетсіз сынайды",
                    "Мою работу критикуют несправедливо",
                    "My work is criticised unfairly",
                ),
                agree(
                    "Әріптестерімнің жетістігіне шын қуанамын",
                    "Я искренне радуюсь успехам коллег",
                    "I am genuinely glad when colleagues succeed",
                ),
            ],
        },
        {
            "code": "leadership",
            "name": (
                "Әкімшілікпен қарым-қатынас",
                "Отношения с администрацией",
                "Relations with the administration",
            ),
            "topic": (
                "Ашық басқару және кері байланыс",
                "Открытое управление и обратная связь",
                "Open management and feedback",
            ),
            "forms": "round_table,seminar",
            "items": [
                agree(
                    "Әкімшілік шешімдерді ұжыммен ақылдаса қабылдайды",
                    "Администрация принимает решения, советуясь с коллективом",
                    "The administration consults staff before deciding",
                ),
                agree(
                    "Менің еңбегім әділ бағаланады",
                    "Мой труд оценивается справедливо",
                    "My work is assessed fairly",
                ),
                agree(
                    "Ұсынысымды әкімшілікке еркін айта аламын",
                    "Я могу свободно высказать администрации своё предложение",
                    "I can freely make suggestions to the administration",
                ),
            ],
        },
        {
            "code": "wellbeing",
            "name": (
                "Жұмысқа қанағаттану және күйзеліс",
                "Удовлетворённость работой и стресс",
                "Job satisfaction and stress",
            ),
            "topic": (
                "Кәсіби күйзелістің алдын алу",
                "Профилактика профессионального выгорания",
                "Preventing professional burnout",
            ),
            "forms": "seminar,coaching",
            "items": [
                agree(
                    "Жұмысыма жалпы алғанда қанағаттанамын",
                    "В целом я доволен своей работой",
                    "On the whole I am satisfied with my work",
                ),
                disagree(
                    "Жұмыс жүктемесі мені жиі шаршатады",
                    "Рабочая нагрузка часто меня изматывает",
                    "My workload often exhausts me",
                ),
                agree(
                    "Мектепке жұмысқа қуанышпен келемін",
                    "Я прихожу на работу в школу с радостью",
                    "I am glad to come to work",
                ),
            ],
        },
        {
            "code": "pupils",
            "name": ("Оқушылармен қарым-қатынас", "Отношения с учащимися", "Relations with pupils"),
            "topic": (
                "Оқушымен сындарлы қарым-қатынас және сынып ахуалы",
                "Конструктивное взаимодействие с учащимися и климат класса",
                "Constructive relations with pupils and classroom climate",
            ),
            "forms": "seminar,workshop",
            "items": [
                agree("Оқушыларым маған сенеді", "Мои ученики мне доверяют", "My pupils trust me"),
                agree(
                    "Сабақта құрмет пен тәртіп ахуалы бар",
                    "На уроках царит атмосфера уважения и порядка",
                    "My lessons have an atmosphere of respect and order",
                ),
                disagree(
                    "Оқушылармен қақтығыстар жиі болады",
                    "Конфликты с учениками случаются часто",
                    "Conflicts with pupils are frequent",
                ),
            ],
        },
    ],
}

RESOURCES = {
    "code": "resources",
    "kind": "resources",
    "respondent": "school",
    "anonymous": False,
    "expert_assessment": False,
    "name": (
        "Әдістемелік жұмыстың материалдық-техникалық базасы",
        "Материально-техническая база методической работы",
        "Material-technical capacity for methodological work",
    ),
    "description": (
        "Мектептің түгендеу сауалнамасы, оны директордың орынбасары толтырады (R9 d). "
        "Өлшемдер әдістемелік жұмысқа қажетті жағдайлардан алынған: әдістемелік кабинет, "
        "цифрлық жабдық пен интернет, әдістемелік әдебиет, ашық сабақ пен Lesson Study "
        "өткізуге арналған орын (Оқу-әдістемелік және ғылыми-әдістемелік жұмыс қағидалары, "
        "2023 ж. 10 тамыздағы № 253 бұйрық).",
        "Инвентаризация школы, заполняет заместитель директора (R9 d). Измерения взяты из "
        "условий, необходимых для методической работы: методический кабинет, цифровое "
        "оборудование и интернет, методическая литература, место для открытых уроков и "
        "Lesson Study (Правила учебно-методической и научно-методической работы, приказ № 253 "
        "от 10 августа 2023 г.).",
        "A school inventory, filled in by the deputy director (R9 d). The dimensions are the "
        "conditions methodological work needs: a methodological office, digital equipment and "
        "internet, methodological literature, and space for open lessons and Lesson Study "
        "(Rules of educational-methodological and scientific-methodological work, Order No. 253 "
        "of 10 August 2023).",
    ),
    "levels": LEVELS_3,
    "dimensions": [
        {
            "code": "office",
            "name": ("Әдістемелік кабинет", "Методический кабинет", "Methodological office"),
            "topic": (
                "Әдістемелік кабинетті жабдықтау",
                "Оснащение методического кабинета",
                "Equipping the methodological office",
            ),
            "forms": "",
            "items": [
                {
                    "kind": "single",
                    "options": YES_NO,
                    "text": (
                        "Мектепте жеке әдістемелік кабинет бар ма?",
                        "Есть ли в школе отдельный методический кабинет?",
                        "Does the school have its own methodological office?",
                    ),
                },
                {
                    "kind": "single",
                    "options": YES_NO,
                    "text": (
                        "Онда 10 және одан көп педагог бірге жұмыс істей ала ма?",
                        "Могут ли в нём работать вместе 10 и более педагогов?",
                        "Can 10 or more teachers work there together?",
                    ),
                },
                {
                    "kind": "single",
                    "options": YES_NO,
                    "text": (
                        "Сабақты бейнеге түсіріп, талдауға жағдай бар ма?",
                        "Есть ли условия для видеозаписи и разбора уроков?",
                        "Can lessons be video-recorded and reviewed?",
                    ),
                },
            ],
        },
        {
            "code": "digital",
            "name": (
                "Цифрлық жабдық және интернет",
                "Цифровое оборудование и интернет",
                "Digital equipment and internet",
            ),
            "topic": (
                "Педагогтердің цифрлық жабдыққа қолжетімділігі",
                "Доступ педагогов к цифровому оборудованию",
                "Teachers' access to digital equipment",
            ),
            "forms": "",
            "items": [
                {
                    "kind": "number",
                    "max": 20,
                    "text": (
                        "Педагогтер әдістемелік жұмысқа пайдалана алатын компьютерлер саны",
                        "Число компьютеров, доступных педагогам для методической работы",
                        "Computers teachers can use for methodological work",
                    ),
                },
                {
                    "kind": "number",
                    "max": 50,
                    "text": (
                        "Интернет жылдамдығы, Мбит/с",
                        "Скорость интернета, Мбит/с",
                        "Internet speed, Mbit/s",
                    ),
                },
                {
                    "kind": "multiple",
                    "options": [
                        (
                            1,
                            (
                                "Проектор немесе интерактивті панель",
                                "Проектор или интерактивная панель",
                                "Projector or interactive panel",
                            ),
                        ),
                        (
                            1,
                            (
                                "Принтер және көшірме құрылғысы",
                                "Принтер и копировальный аппарат",
                                "Printer and copier",
                            ),
                        ),
                        (1, ("Бейнекамера", "Видеокамера", "Video camera")),
                        (
                            1,
                            (
                                "Бейнеконференцияға арналған жабдық",
                                "Оборудование для видеоконференций",
                                "Video-conferencing equipment",
                            ),
                        ),
                    ],
                    "text": (
                        "Әдістемелік жұмыс үшін қандай жабдық бар?",
                        "Какое оборудование есть для методической работы?",
                        "Which equipment is available for methodological work?",
                    ),
                },
            ],
        },
        {
            "code": "library",
            "name": (
                "Әдістемелік әдебиет және ресурстар",
                "Методическая литература и ресурсы",
                "Methodological literature and resources",
            ),
            "topic": (
                "Әдістемелік қорды толықтыру",
                "Пополнение методического фонда",
                "Building the methodological library",
            ),
            "forms": "",
            "items": [
                {
                    "kind": "number",
                    "max": 10,
                    "text": (
                        "Мектеп жазылған кәсіби басылымдар (журналдар, платформалар) саны",
                        "Число профессиональных изданий (журналов, платформ), "
                        "на которые подписана школа",
                        "Professional journals and platforms the school subscribes to",
                    ),
                },
                {
                    "kind": "single",
                    "options": YES_NO,
                    "text": (
                        "Педагогтердің іс-тәжірибесінің электрондық банкі бар ма?",
                        "Есть ли электронный банк педагогического опыта учителей?",
                        "Is there an electronic bank of teachers' practice?",
                    ),
                },
                {
                    "kind": "text",
                    "options": [],
                    "text": (
                        "Әдістемелік жұмысқа ең алдымен не жетіспейді?",
                        "Чего в первую очередь не хватает для методической работы?",
                        "What does methodological work lack most?",
                    ),
                },
            ],
        },
    ],
}

INNOVATION = {
    "code": "innovation",
    "kind": "innovation",
    "respondent": "teacher",
    "anonymous": False,
    "expert_assessment": False,
    "name": (
        "Педагогтердің инновациялық белсенділігі",
        "Инновационная активность педагогов",
        "Teachers' innovation activity",
    ),
    "description": (
        "Мұғалімдердің жаңалыққа бейімділігі мен тәжірибені тарату белсенділігі (R9 e). "
        "Өлшемдер В. С. Лазаревтің педагогтердің жаңалықты қабылдауы мен инновациялық "
        "қызметке дайындығын бағалау әдістемесінен бейімделген.",
        "Восприимчивость учителей к новшествам и активность в распространении опыта (R9 e). "
        "Измерения адаптированы по методике В. С. Лазарева оценки восприимчивости педагогов к "
        "новшествам и готовности к инновационной деятельности.",
        "Teachers' receptiveness to innovation and their activity in sharing practice (R9 e). "
        "The dimensions are adapted from V. S. Lazarev's method of assessing teachers' "
        "receptiveness to innovation and readiness for innovation work.",
    ),
    "levels": LEVELS_3,
    "dimensions": [
        {
            "code": "openness",
            "name": ("Жаңалыққа ашықтық", "Открытость новшествам", "Openness to innovation"),
            "topic": (
                "Педагогикалық инновациялар: таныстыру және таңдау",
                "Педагогические инновации: знакомство и выбор",
                "Educational innovations: learning about them and choosing",
            ),
            "forms": "seminar,pedagogical_readings",
            "items": [
                agree(
                    "Жаңа әдістерді өз сабағымда сынап көруге дайынмын",
                    "Готов опробовать новые методы на своих уроках",
                    "I am ready to try new methods in my lessons",
                ),
                agree(
                    "Педагогикадағы жаңалықтарды өз бетімше қадағалаймын",
                    "Самостоятельно слежу за новинками в педагогике",
                    "I follow new ideas in education on my own",
                ),
                disagree(
                    "Жаңалықтар көбіне уақытты босқа алады деп ойлаймын",
                    "Считаю, что новшества чаще отнимают время впустую",
                    "I think innovations mostly waste time",
                ),
            ],
        },
        {
            "code": "practice",
            "name": (
                "Жаңалықты тәжірибеде қолдану",
                "Применение новшеств на практике",
                "Using innovations in practice",
            ),
            "topic": (
                "Жаңа технологияларды сабаққа енгізу",
                "Внедрение новых технологий в урок",
                "Bringing new technologies into lessons",
            ),
            "forms": "master_class,workshop",
            "items": [
                often(
                    "Соңғы жылы меңгерген жаңа әдісті сабақта қолданамын",
                    "Применяю на уроках новый метод, освоенный за последний год",
                    "I use a new method learned in the last year",
                ),
                often(
                    "Курстан алған білімімді сабақта сынап, нәтижесін талдаймын",
                    "Проверяю на уроках знания с курсов и анализирую результат",
                    "I try out course learning in lessons and analyse the result",
                ),
                often(
                    "Оқушылардың жобалық, зерттеушілік жұмысын ұйымдастырамын",
                    "Организую проектную и исследовательскую работу учащихся",
                    "I organise pupils' project and research work",
                ),
            ],
        },
        {
            "code": "dissemination",
            "name": ("Тәжірибені тарату", "Распространение опыта", "Sharing practice"),
            "topic": (
                "Іс-тәжірибені жинақтау және тарату",
                "Обобщение и распространение опыта",
                "Generalising and sharing teaching experience",
            ),
            "forms": "pedagogical_readings,master_class",
            "items": [
                {
                    "kind": "multiple",
                    "options": [
                        (1, ("Ашық сабақ", "Открытый урок", "Open lesson")),
                        (1, ("Шеберлік сыныбы", "Мастер-класс", "Master class")),
                        (1, ("Семинарда баяндама", "Доклад на семинаре", "Talk at a seminar")),
                        (
                            1,
                            (
                                "Педагогикалық оқулар, конференция",
                                "Педагогические чтения, конференция",
                                "Pedagogical readings, conference",
                            ),
                        ),
                    ],
                    "text": (
                        "Соңғы оқу жылында тәжірибеңізді қалай тараттыңыз?",
                        "Как вы распространяли свой опыт в прошлом учебном году?",
                        "How did you share your practice last academic year?",
                    ),
                },
                {
                    "kind": "number",
                    "max": 3,
                    "text": (
                        "Соңғы үш жылдағы жарияланымдар саны",
                        "Число публикаций за последние три года",
                        "Publications in the last three years",
                    ),
                },
                often(
                    "Әріптестерім менің әдістерімді сұрап, қолданады",
                    "Коллеги спрашивают и перенимают мои приёмы",
                    "Colleagues ask about and adopt my methods",
                ),
            ],
        },
    ],
}

READINESS = {
    "code": "readiness",
    "kind": "readiness",
    "respondent": "leader",
    "anonymous": False,
    "expert_assessment": False,
    "name": (
        "Басшылардың әдістемелік жұмысты басқаруға дайындығы",
        "Готовность руководителей к управлению методической работой",
        "Leaders' readiness to run methodological work",
    ),
    "description": (
        "Директорға, оның орынбасарларына, ӘБ жетекшілері мен КБАҚ модераторларына "
        "арналған (R9 e). "
        "Өлшемдер ғылыми-әдістемелік жұмысты басқару циклінен алынған: жоспарлау, ұйымдастыру, "
        "мониторинг және талдау, жетілдіру (R27), сондай-ақ бөлінген көшбасшылық (R24).",
        "Для директора, его заместителей, руководителей МО и модераторов ПОС (R9 e). Измерения "
        "взяты из цикла управления научно-методической работой: планирование, организация, "
        "мониторинг и анализ, совершенствование (R27), а также распределённое лидерство (R24).",
        "For the director, deputies, heads of associations and PLC facilitators (R9 e). The "
        "dimensions follow the cycle of managing scientific-methodological work: plan, do, "
        "monitor and analyse, improve (R27), plus distributed leadership (R24).",
    ),
    "levels": LEVELS_3,
    "dimensions": [
        {
            "code": "planning",
            "name": ("Жоспарлау", "Планирование", "Planning"),
            "topic": (
                "Диагностикаға негізделген жылдық жоспар",
                "Годовой план на основе диагностики",
                "An annual plan built on diagnostics",
            ),
            "forms": "seminar,coaching",
            "items": [
                can(
                    "Әдістемелік жұмыстың жылдық жоспарын диагностика нәтижесіне сүйеніп құрамын",
                    "Составляю годовой план методической работы на основе результатов диагностики",
                    "I build the annual plan of methodological work on diagnostic results",
                ),
                can(
                    "Мектептің әдістемелік тақырыбын стратегиялық міндеттермен байланыстырамын",
                    "Связываю методическую тему школы со стратегическими задачами",
                    "I link the school's methodological theme to its strategic goals",
                ),
                can(
                    "Нақты, өлшенетін нәтижелер белгілеймін",
                    "Ставлю конкретные измеримые результаты",
                    "I set specific, measurable outcomes",
                ),
            ],
        },
        {
            "code": "organising",
            "name": ("Ұйымдастыру", "Организация", "Organising"),
            "topic": (
                "Әдістемелік жұмыстың тиімді формалары",
                "Эффективные формы методической работы",
                "Effective forms of methodological work",
            ),
            "forms": "seminar,round_table",
            "items": [
                can(
                    "Әдістемелік жұмыстың түрлі формаларын (семинар, КБАҚ, Lesson Study) "
                    "ұйымдастырамын",
                    "Организую разные формы методической работы (семинар, ПОС, Lesson Study)",
                    "I organise different forms of work (seminars, PLCs, Lesson Study)",
                ),
                can(
                    "Педагогтердің кәсіби дамуына уақыт пен ресурс бөлемін",
                    "Выделяю время и ресурсы для профессионального развития педагогов",
                    "I find time and resources for teachers' development",
                ),
                can(
                    "Отырыстарды хаттамалап, шешімдердің орындалуын қадағалаймын",
                    "Протоколирую заседания и контролирую исполнение решений",
                    "I minute meetings and follow decisions through",
                ),
            ],
        },
        {
            "code": "monitoring",
            "name": ("Мониторинг және талдау", "Мониторинг и анализ", "Monitoring and analysis"),
            "topic": (
                "Әдістемелік жұмыстың нәтижелілігін талдау",
                "Анализ результативности методической работы",
                "Analysing the results of methodological work",
            ),
            "forms": "seminar,coaching",
            "items": [
                can(
                    "Сабаққа қатысып, педагогке дамытушы кері байланыс беремін",
                    "Посещаю уроки и даю педагогу развивающую обратную связь",
                    "I observe lessons and give developmental feedback",
                ),
                can(
                    "Кәсіби даму мен оқушы нәтижелерінің байланысын талдаймын",
                    "Анализирую связь профессионального развития с результатами учащихся",
                    "I analyse how development links to pupils' results",
                ),
                can(
                    "Талдау нәтижесінде жоспарға түзету енгіземін",
                    "По итогам анализа корректирую план",
                    "I adjust the plan from what the analysis shows",
                ),
            ],
        },
        {
            "code": "distributed",
            "name": ("Бөлінген көшбасшылық", "Распределённое лидерство", "Distributed leadership"),
            "topic": (
                "Педагогтердің көшбасшылығын дамыту",
                "Развитие лидерства педагогов",
                "Developing teachers' leadership",
            ),
            "forms": "coaching,workshop",
            "items": [
                can(
                    "Бастаманы мұғалімдерге беріп, олардың көшбасшылығын қолдаймын",
                    "Передаю инициативу учителям и поддерживаю их лидерство",
                    "I hand initiative to teachers and support their leadership",
                ),
                can(
                    "Тәжірибелі педагогтерді тәлімгер ретінде тартамын",
                    "Привлекаю опытных педагогов как наставников",
                    "I involve experienced teachers as mentors",
                ),
                can(
                    "Педагогтердің жетістігін ұжым алдында мойындаймын",
                    "Признаю успехи педагогов перед коллективом",
                    "I recognise teachers' achievements before the staff",
                ),
            ],
        },
    ],
}

BOLAM = [
    (
        "shared_vision",
        ("Ортақ құндылықтар мен көзқарас", "Общие ценности и видение", "Shared values and vision"),
        [
            (
                "Біздің мұғалімдер оқушылардың оқуы туралы ортақ көзқарасты ұстанады",
                "Наши учителя разделяют общее видение обучения учащихся",
                "Our teachers share a vision of pupils' learning",
            ),
            (
                "Мектептің басымдықтары бәріне түсінікті",
                "Приоритеты школы понятны всем",
                "The school's priorities are clear to everyone",
            ),
            (
                "Шешімдер барлық оқушының оқуына пайдасы тұрғысынан қабылданады",
                "Решения принимаются с точки зрения пользы для обучения всех учеников",
                "Decisions are made by what helps every pupil learn",
            ),
        ],
    ),
    (
        "collective_responsibility",
        (
            "Оқушылардың оқуы үшін ұжымдық жауапкершілік",
            "Коллективная ответственность за обучение учащихся",
            "Collective responsibility for pupils' learning",
        ),
        [
            (
                "Мұғалімдер тек өз сыныбы үшін емес, барлық оқушы үшін жауап береді",
                "Учителя отвечают не только за свой класс, но за всех учеников",
                "Teachers feel responsible for all pupils, not only their own class",
            ),
            (
                "Оқушылардың нәтижелерін бірлесіп талқылаймыз",
                "Мы совместно обсуждаем результаты учащихся",
                "We discuss pupils' results together",
            ),
            (
                "Оқуда қиналған оқушыға бірнеше мұғалім бірге көмектеседі",
                "Ученику, которому трудно, помогают несколько учителей вместе",
                "Several teachers work together to help a struggling pupil",
            ),
        ],
    ),
    (
        "collaboration",
        (
            "Оқуға бағытталған ынтымақтастық",
            "Сотрудничество, направленное на обучение",
            "Collaboration focused on learning",
        ),
        [
            (
                "Мұғалімдер сабақты бірге жоспарлайды және талдайды",
                "Учителя вместе планируют и анализируют уроки",
                "Teachers plan and review lessons together",
            ),
            (
                "Бірлескен жұмыс әкімшілік істерге емес, оқушылардың оқуына арналады",
                "Совместная работа посвящена обучению учеников, а не административным делам",
                "Joint work is about pupils' learning, not administration",
            ),
            (
                "Бір-біріміздің сабағымызға жиі қатысамыз",
                "Мы часто посещаем уроки друг друга",
                "We often observe each other's lessons",
            ),
        ],
    ),
    (
        "professional_learning",
        (
            "Жеке және ұжымдық кәсіби оқу",
            "Индивидуальное и коллективное профессиональное обучение",
            "Individual and collective professional learning",
        ),
        [
            (
                "Әр мұғалім өзінің кәсіби даму мақсатын біледі",
                "Каждый учитель знает свою цель профессионального развития",
                "Every teacher knows their professional development goal",
            ),
            (
                "Курстан алған білімімізбен бір-бірімізбен бөлісеміз",
                "Мы делимся друг с другом тем, чему научились на курсах",
                "We share with each other what we learned on courses",
            ),
            (
                "Мектепте бірлесіп оқуға арнайы уақыт бөлінген",
                "В школе выделено время для совместного обучения",
                "The school sets aside time for learning together",
            ),
        ],
    ),
    (
        "reflective_enquiry",
        (
            "Рефлексиялық кәсіби зерттеу",
            "Рефлексивное профессиональное исследование",
            "Reflective professional enquiry",
        ),
        [
            (
                "Өз тәжірибемізді деректер негізінде зерттейміз",
                "Мы исследуем свою практику на основе данных",
                "We investigate our practice using evidence",
            ),
            (
                "Lesson Study немесе іс-әрекеттегі зерттеу жүргіземіз",
                "Мы проводим Lesson Study или исследование в действии",
                "We carry out Lesson Study or action research",
            ),
            (
                "Сабақ туралы ашық, сындарлы пікір алмасамыз",
                "Мы открыто и конструктивно обсуждаем уроки",
                "We discuss lessons openly and constructively",
            ),
        ],
    ),
    (
        "openness_networks",
        (
            "Ашықтық, желілер және серіктестік",
            "Открытость, сети и партнёрства",
            "Openness, networks and partnerships",
        ),
        [
            (
                "Басқа мектептермен тәжірибе алмасамыз",
                "Мы обмениваемся опытом с другими школами",
                "We exchange practice with other schools",
            ),
            (
                "ЖОО, әдістемелік кабинет сияқты серіктестермен жұмыс істейміз",
                "Мы работаем с партнёрами: вузами, методическим кабинетом",
                "We work with partners such as universities and the methodological office",
            ),
            (
                "Сырттан келген жаңа идеяларға ашықпыз",
                "Мы открыты новым идеям извне",
                "We are open to ideas from outside",
            ),
        ],
    ),
    (
        "inclusive_membership",
        ("Инклюзивті мүшелік", "Инклюзивное членство", "Inclusive membership"),
        [
            (
                "Жас мұғалімдер қоғамдастыққа толық тартылған",
                "Молодые учителя полноценно вовлечены в сообщество",
                "Young teachers are fully part of the community",
            ),
            (
                "Мұғалім көмекшілері мен басқа қызметкерлер де бірлескен оқуға қатысады",
                "Ассистенты и другие сотрудники тоже участвуют в совместном обучении",
                "Assistants and other staff also take part in learning together",
            ),
            (
                "Әр мүшенің пікірі ескеріледі",
                "Мнение каждого участника учитывается",
                "Every member's view counts",
            ),
        ],
    ),
    (
        "mutual_trust",
        (
            "Өзара сенім, құрмет және қолдау",
            "Взаимное доверие, уважение и поддержка",
            "Mutual trust, respect and support",
        ),
        [
            (
                "Әріптестер бір-біріне сенеді және құрметтейді",
                "Коллеги доверяют и уважают друг друга",
                "Colleagues trust and respect each other",
            ),
            (
                "Жаңа нәрсені сынап, қателесуге болады",
                "Можно пробовать новое и ошибаться",
                "It is safe to try new things and make mistakes",
            ),
            (
                "Қиын сәтте әріптестер қолдау көрсетеді",
                "В трудную минуту коллеги поддерживают",
                "Colleagues support each other in hard times",
            ),
        ],
    ),
]

PLC_MATURITY = {
    "code": "plc_maturity",
    "kind": "plc_maturity",
    "respondent": "teacher",
    "anonymous": False,
    "expert_assessment": False,
    "name": (
        "КБАҚ кемелділігінің өзіндік бағалауы",
        "Самооценка зрелости ПОС",
        "PLC maturity self-review",
    ),
    "description": (
        "Мектептің кәсіби білім алушы қоғамдастық ретіндегі кемелділігі (R19–R26). Сегіз өлшем "
        "Bolam et al. (2005) «Creating and Sustaining Effective Professional Learning "
        "Communities» зерттеуіндегі тиімді КБАҚ-тың сегіз сипаттамасы; деңгейлер сол "
        "зерттеудегі даму кезеңдері: бастапқы, дамушы, кемелді.",
        "Зрелость школы как профессионального обучающегося сообщества (R19–R26). Восемь "
        "измерений — восемь характеристик эффективного ПОС из исследования Bolam et al. (2005) "
        "«Creating and Sustaining Effective Professional Learning Communities»; уровни — стадии "
        "развития из того же исследования: начальная, развивающаяся, зрелая.",
        "The school's maturity as a professional learning community (R19–R26). The eight "
        "dimensions are the eight characteristics of effective PLCs in Bolam et al. (2005), "
        "«Creating and Sustaining Effective Professional Learning Communities»; the levels are "
        "the stages of development in the same study: starter, developing, mature.",
    ),
    "levels": [
        ("starter", 0, ("бастапқы", "начальная", "starter")),
        ("developing", 45, ("дамушы", "развивающаяся", "developing")),
        ("mature", 75, ("кемелді", "зрелая", "mature")),
    ],
    "dimensions": [
        {
            "code": code,
            "name": name,
            "topic": name,
            "forms": "round_table,lesson_study",
            "items": [agree(*text) for text in texts],
        }
        for code, name, texts in BOLAM
    ],
}

ALL = [COMPETENCE, CLIMATE, RESOURCES, INNOVATION, READINESS, PLC_MATURITY]


def install(get_model: Callable[[str], Any]) -> None:
    """Version 1 of every instrument not yet installed; `get_model` is a migration's
    `apps.get_model` or the real models' lookup."""
    instrument_model = get_model("Instrument")
    for spec in ALL:
        if instrument_model.objects.filter(code=spec["code"]).exists():
            continue
        install_one(get_model, spec)


def install_one(get_model: Callable[[str], Any], spec: dict[str, Any]) -> Any:
    instrument = get_model("Instrument").objects.create(
        code=spec["code"],
        kind=spec["kind"],
        respondent=spec["respondent"],
        anonymous=spec["anonymous"],
        expert_assessment=spec["expert_assessment"],
        **_three("name", spec["name"]),
        **_three("description", spec["description"]),
    )
    version = get_model("InstrumentVersion").objects.create(instrument=instrument, number=1)
    for code, min_score, name in spec["levels"]:
        get_model("Level").objects.create(
            version=version, code=code, min_score=Decimal(min_score), **_three("name", name)
        )
    for order, dim in enumerate(spec["dimensions"], start=1):
        dimension = get_model("Dimension").objects.create(
            version=version,
            code=dim["code"],
            order=order,
            form_codes=dim["forms"],
            **_three("name", dim["name"]),
            **_three("topic", dim["topic"]),
        )
        section = get_model("Section").objects.create(
            version=version, order=order, **_three("title", dim["name"])
        )
        for item_order, item_spec in enumerate(dim["items"], start=1):
            kind = item_spec["kind"]
            item = get_model("Item").objects.create(
                section=section,
                dimension=None if kind == "text" else dimension,
                order=item_order,
                kind=kind,
                required=kind != "text",
                number_max=item_spec.get("max"),
                **_three("text", item_spec["text"]),
            )
            get_model("Option").objects.bulk_create(
                get_model("Option")(
                    item=item, order=n, score=Decimal(score), **_three("text", text)
                )
                for n, (score, text) in enumerate(item_spec.get("options", []), start=1)
            )
    return instrument


def _three(field: str, texts: T) -> dict[str, str]:
    return dict(zip((f"{field}_kk", f"{field}_ru", f"{field}_en"), texts, strict=True))
