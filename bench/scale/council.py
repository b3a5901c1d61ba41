"""Synthetic methodological work: each school's theme, this year's council and subject
associations with heads and members, the annual plans of this and last year, meetings with
protocols and decisions, mentoring pairs; and the inter-school associations' joint work."""

from __future__ import annotations

import datetime

from adisker.council.demo import GOAL, JOINT_PLAN, PLAN, TASKS, THEME, plan_day
from adisker.council.models import (
    AgendaItem,
    AnnualPlan,
    Association,
    FormOfWork,
    Meeting,
    MentoringPair,
    MethodologicalTheme,
    PlanItem,
    ProtocolDecision,
)
from adisker.people.models import Role, RoleMembership
from adisker.records.cycle import add_years
from adisker.schools.models import AcademicYear
from bench.scale import Row, ScaleData, SchoolRow

# Subject associations group the curriculum's subjects into families.
FAMILIES = (
    ("Тіл және әдебиет пәндерінің әдістемелік бірлестігі",
     {"kazakh-language", "kazakh-literature", "russian-language", "russian-literature", "english"}),
    ("Жаратылыстану-математика пәндерінің әдістемелік бірлестігі",
     {"mathematics", "algebra", "geometry", "physics", "chemistry", "biology", "geography",
      "informatics", "natural-science"}),
    ("Бастауыш сынып мұғалімдерінің әдістемелік бірлестігі", {"primary"}),
    ("Қоғамдық пәндердің әдістемелік бірлестігі",
     {"history-kazakhstan", "world-history", "law", "self-knowledge"}),
    ("Көркем-эстетикалық және дене шынықтыру пәндерінің әдістемелік бірлестігі",
     {"art", "music", "physical-education", "initial-military"}),
)  # fmt: skip
TEACHERS_PER_ASSOCIATION = 10
AGENDA = (
    ("Әдістемелік жұмыстың жылдық жоспарын бекіту туралы",
     "Жылдық жоспардың жобасы, мақсаты мен міндеттері таныстырылды.",
     "Жоспар бекітілсін."),
    ("Өздігінен білім алу тақырыптары туралы",
     "Мұғалімдердің тақырыптары талданды.",
     "Тақырыптар мектептің әдістемелік тақырыбымен байланыстырылсын."),
    ("Ашық сабақтар кестесі туралы",
     "Тоқсандағы ашық сабақтардың кестесі ұсынылды.",
     "Ашық сабақтар кесте бойынша өткізілсін, талдаулары тапсырылсын."),
    ("Критериалды бағалау тапсырмаларын сараптау",
     "Тоқсандық жиынтық бағалау тапсырмалары қаралды.",
     "Тапсырмалар спецификацияға сәйкестендірілсін."),
    ("Оқушылардың білім сапасының мониторингі",
     "Тоқсан қорытындысы бойынша білім сапасы талданды.",
     "Үлгерімі төмен оқушылармен жеке жұмыс жоспары құрылсын."),
)  # fmt: skip
RESPONSIBLE = ("deputy", "head", "teacher", "facilitator")
YOUNG_YEARS = 3


def generate(data: ScaleData) -> None:
    this_year = AcademicYear.objects.current()
    last_year = AcademicYear.objects.for_date(add_years(data.on, -1))
    forms = dict(FormOfWork.objects.values_list("code", "pk"))
    work = Work(data, forms, this_year, last_year)
    for school in data.schools:
        work.school(school)
        if len(work.meetings) >= 5_000:
            work.write()
    for association in data.inter_schools:
        work.joint(association)
    work.write()


class Work:
    def __init__(
        self,
        data: ScaleData,
        forms: dict[str, int],
        this_year: AcademicYear,
        last_year: AcademicYear,
    ) -> None:
        self.data = data
        self.forms = forms
        self.this_year = this_year
        self.last_year = last_year
        self.rng = data.rng("council")
        self.tables: dict[tuple[type, tuple[str, ...]], list[Row]] = {}
        self.meetings = self._rows(
            Meeting, "id", "association", "number", "held_on", "place", "plan_item", "invited"
        )

    def _rows(self, model: type, *names: str) -> list[Row]:
        return self.tables.setdefault((model, names), [])

    def _ids(self, model: type, count: int) -> range:
        return self.data.writer.reserve(model, count)

    def write(self) -> None:
        # Parents before children: the order the tables were first asked for.
        order = [
            MethodologicalTheme,
            Association,
            Association.members.through,
            AnnualPlan,
            PlanItem,
            Meeting,
            Meeting.attendees.through,
            AgendaItem,
            ProtocolDecision,
            MentoringPair,
            RoleMembership,
        ]
        for (model, names), rows in sorted(self.tables.items(), key=lambda t: order.index(t[0][0])):
            self.data.writer.write(model, names, rows)
            rows.clear()

    def school(self, school: SchoolRow) -> None:
        rng, data = self.rng, self.data
        facts = data.staff
        year = self.this_year
        theme = self._ids(MethodologicalTheme, 1)[0]
        self._rows(
            MethodologicalTheme, "id", "school", "title", "start_year", "end_year", "description"
        ).append((theme, school.id, THEME, year.start_year - 1, year.start_year + 3, ""))
        teachers = list(school.teachers)
        groups = max(1, min(len(FAMILIES), len(teachers) // TEACHERS_PER_ASSOCIATION))
        members: list[list[int]] = [[] for _group in range(groups)]
        for staff_id in teachers:
            codes = set(facts.subjects[facts.index(staff_id)])
            family = next(n for n, (_name, f) in enumerate(FAMILIES) if codes & f)
            members[family % groups].append(staff_id)
        heads = [
            min(group, key=lambda s: facts.started[facts.index(s)]) if group else school.deputy
            for group in members
        ]
        secretary = rng.choice(teachers) if teachers else None
        council_members = [school.director, school.deputy, *heads]
        structures = self._ids(Association, groups + 1)
        rows = self._rows(
            Association,
            "id", "school", "academic_year", "kind", "name", "head", "secretary",
            "formed_on", "formation_decision", "tasks",
        )  # fmt: skip
        rows.append(
            (
                structures[0], school.id, year.pk, Association.Kind.COUNCIL, "Әдістемелік кеңес",
                school.deputy, secretary, datetime.date(year.start_year, 8, 28),
                "Педагогикалық кеңестің 28 тамыздағы №1 хаттамасы", "",
            )
        )  # fmt: skip
        for n, structure in enumerate(structures[1:]):
            name = FAMILIES[n][0] if groups > 1 else "Мұғалімдердің әдістемелік бірлестігі"
            rows.append(
                (
                    structure, school.id, year.pk, Association.Kind.SUBJECT, name, heads[n],
                    None, None, "", "Критериалды бағалау; функционалдық сауаттылық.",
                )
            )  # fmt: skip
        by_structure = [list(dict.fromkeys(council_members)), *members]
        through = self._rows(Association.members.through, "association", "staffprofile")
        for structure, people in zip(structures, by_structure, strict=True):
            through += [(structure, staff_id) for staff_id in people]
        self._rows(RoleMembership, "user", "role", "school").extend(
            (facts.user_id(head), Role.ASSOCIATION_HEAD, school.id)
            for head in dict.fromkeys(heads)
            if head != school.deputy
        )
        data.structures[school.id] = list(structures)
        people = {
            "director": school.director,
            "deputy": school.deputy,
            "head": heads[0],
            "teacher": secretary or school.deputy,
            "facilitator": rng.choice(teachers) if teachers else school.deputy,
        }
        bodies = {"council": structures[0], "subject": structures[1] if groups else None}
        plan_items: dict[int, int] = {}
        for plan_year in (self.last_year, self.this_year):
            plan_items = self._plan(school.id, None, plan_year, theme, people, bodies, PLAN)
        for structure, people_of in zip(structures, by_structure, strict=True):
            self._meetings(structure, people_of, plan_items.get(structure))
        self._mentoring(school)

    def _plan(
        self,
        school: int | None,
        inter_school: int | None,
        year: AcademicYear,
        theme: int | None,
        people: dict[str, int],
        bodies: dict[str, int | None],
        lines: tuple[tuple, ...],  # type: ignore[type-arg]
    ) -> dict[int, int]:
        """The plan and its items; returns the first item of each structure."""
        on = self.data.on
        plan = self._ids(AnnualPlan, 1)[0]
        approved = datetime.date(year.start_year, 9, 1)
        director = people.get("director")
        approved_by = self.data.staff.user_id(director) if director else None
        self._rows(
            AnnualPlan,
            "id", "school", "inter_school", "academic_year", "theme", "goals", "tasks",
            "approved_on", "approved_by",
        ).append(
            (plan, school, inter_school, year.pk, theme, GOAL, TASKS, approved, approved_by)
        )  # fmt: skip
        items = self._rows(
            PlanItem,
            "id", "plan", "title", "form_of_work", "planned_on", "responsible", "audience",
            "expected_result", "status", "evidence", "association",
        )  # fmt: skip
        firsts: dict[int, int] = {}
        ids = self._ids(PlanItem, len(lines))
        for item_id, line in zip(ids, lines, strict=True):
            title, form, offset, day = line[:4]
            who, audience, result, body = line[4:] if len(line) > 4 else ("deputy", "", "", None)
            planned_on = plan_day(year, offset, day)
            done = planned_on < on and self.rng.random() < 0.9
            structure = bodies.get(body) if body else None
            if structure is not None:
                firsts.setdefault(structure, item_id)
            items.append(
                (
                    item_id, plan, title, self.forms[form], planned_on, people[who], audience,
                    result, PlanItem.Status.DONE if done else PlanItem.Status.PLANNED,
                    "Хаттама, фотоесеп" if done else "", structure,
                )
            )  # fmt: skip
        return firsts

    def _meetings(self, structure: int, people: list[int], plan_item: int | None) -> None:
        """A meeting a month since the year began, each with two questions and decisions."""
        rng, on = self.rng, self.data.on
        start = self.this_year.starts_on
        months = (on.year - start.year) * 12 + on.month - start.month + 1
        ids = self._ids(Meeting, months)
        attendees = self._rows(Meeting.attendees.through, "meeting", "staffprofile")
        agenda = self._rows(
            AgendaItem, "id", "meeting", "order", "title", "speaker", "heard", "spoke"
        )
        decisions = self._rows(
            ProtocolDecision, "agenda_item", "text", "owner", "due_on", "done_on", "outcome"
        )
        for number, meeting in enumerate(ids, start=1):
            held_on = min(
                on,
                datetime.date(start.year, start.month, 1)
                + datetime.timedelta(days=31 * (number - 1) + rng.randint(1, 25)),
            )
            self.meetings.append(
                (
                    meeting,
                    structure,
                    number,
                    held_on,
                    "Мәжіліс залы",
                    plan_item if number == 1 else None,
                    "",
                )
            )
            attendees += [(meeting, s) for s in people if rng.random() < 0.9]
            for order, (title, heard, decided) in enumerate(rng.sample(AGENDA, 2), start=1):
                item = self._ids(AgendaItem, 1)[0]
                agenda.append((item, meeting, order, title, rng.choice(people), heard, ""))
                due_on = held_on + datetime.timedelta(days=rng.randint(14, 60))
                done = due_on < on and rng.random() < 0.7
                decisions.append(
                    (
                        item,
                        decided,
                        rng.choice(people),
                        due_on,
                        due_on if done else None,
                        "Орындалды" if done else "",
                    )
                )

    def _mentoring(self, school: SchoolRow) -> None:
        facts = self.data.staff
        young = [
            s
            for s in school.teachers
            if facts.started[facts.index(s)] >= self.data.on.year - YOUNG_YEARS
        ]
        experienced = [
            s for s in school.teachers if facts.started[facts.index(s)] < self.data.on.year - 10
        ]
        self._rows(MentoringPair, "school", "academic_year", "mentor", "mentee", "goals").extend(
            (school.id, self.this_year.pk, mentor, mentee, "Сабақты жоспарлау және бағалау")
            for mentor, mentee in zip(experienced, young, strict=False)
        )

    def joint(self, association) -> None:  # type: ignore[no-untyped-def]
        """The inter-school association's working body (the deputies of its schools), its plan
        and its meetings."""
        schools = [association.base_school, *association.members]
        people = [s.deputy for s in schools]
        structure = self._ids(Association, 1)[0]
        self._rows(
            Association,
            "id", "inter_school", "academic_year", "kind", "name", "head", "secretary",
            "formed_on", "formation_decision", "tasks",
        ).append(
            (
                structure, association.id, self.this_year.pk, Association.Kind.INTER_SCHOOL,
                "Мектепаралық әдістемелік бірлестік", people[0], people[1], None, "", "",
            )
        )  # fmt: skip
        self._rows(Association.members.through, "association", "staffprofile").extend(
            (structure, staff_id) for staff_id in people
        )
        self._plan(
            None, association.id, self.this_year, None, {"deputy": people[0]}, {}, JOINT_PLAN
        )
        self._meetings(structure, people, None)
