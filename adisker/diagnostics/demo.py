"""Demo diagnostics: two competence campaigns in the gymnasium (spring, closed; autumn, open,
with growth between them, the council's ratings and proposals), a closed climate survey, an
open PLC maturity review, a district inventory and a campaign in the rural base school.

Only the demo logins have accounts, so the other staff's answers are entered as if given on
paper (`record_response`); the response rate counts the accounts' invitations only.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.utils import timezone

from adisker.core.demo import DemoData
from adisker.diagnostics import proposals, services
from adisker.diagnostics.models import Campaign, Instrument, Invitation, Item
from adisker.diagnostics.scoring import VersionStructure
from adisker.lib.dates import today
from adisker.people.models import StaffProfile, User
from adisker.schools.models import District, School


def demo_answers(structure: VersionStructure, rng: random.Random, base: float) -> dict[int, Any]:
    """Every item answered around `base` (1–5), each dimension a little off it."""
    shift = {d.pk: rng.choice((-1, 0, 0, 1)) for d in structure.dimensions}
    found: dict[int, Any] = {}
    for item in structure.items:
        options = structure.options.get(item.pk, [])
        wanted = round(base + shift.get(item.dimension_id, 0) + rng.uniform(-0.6, 0.6))
        if item.kind in (Item.Kind.LIKERT, Item.Kind.SINGLE):
            ranked = sorted(options, key=lambda o: o.score)
            index = max(0, min(len(ranked) - 1, round((wanted - 1) / 4 * (len(ranked) - 1))))
            found[item.pk] = ranked[index].pk
        elif item.kind == Item.Kind.MULTIPLE:
            found[item.pk] = [o.pk for o in options if rng.random() < wanted / 5]
        elif item.kind == Item.Kind.NUMBER:
            found[item.pk] = str(round((item.number_max or 1) * max(0, wanted - 1) / 4))
        else:
            found[item.pk] = "Бейнекамера және жылдам интернет"
    return found


def campaign(
    code: str,
    title: str,
    *,
    by: User,
    school: School | None = None,
    district: District | None = None,
    deadline_in: int = 14,
    created_days_ago: int = 0,
) -> tuple[Campaign, bool]:
    found = Campaign.objects.filter(title=title, school=school, district=district).first()
    if found is not None:
        return found, False
    launched = services.launch_campaign(
        instrument=Instrument.objects.get(code=code),
        title=title,
        deadline=today() + datetime.timedelta(days=deadline_in),
        by=by,
        school=school,
        district=district,
    )
    if created_days_ago:
        launched.created_at = timezone.now() - datetime.timedelta(days=created_days_ago)
        launched.save(update_fields=["created_at"])
    return launched, True


def answer_all(
    target: Campaign,
    staff: list[StaffProfile],
    rng: random.Random,
    base: dict[int, float],
    *,
    skip: set[int] = frozenset(),  # type: ignore[assignment]
) -> None:
    """Invited accounts answer through their invitations, the others on paper."""
    structure = VersionStructure.load(target.version)
    anonymous = target.instrument.anonymous
    invitations = {inv.user_id: inv for inv in target.invitations.filter(role=Invitation.Role.SELF)}
    for person in staff:
        if person.user_id in skip:
            continue
        answers = demo_answers(structure, rng, base[person.pk])
        invitation = invitations.get(person.user_id) if person.user_id else None
        if invitation is not None:
            services.save_draft(invitation, answers)
            services.submit(invitation)
        else:
            services.record_response(
                campaign=target,
                structure=structure,
                answers=answers,
                school=person.school,
                subject=None if anonymous else person,
            )


def load(data: DemoData) -> None:
    rng = data.rng("diagnostics")
    gymnasium, base_school = data.schools[0], data.schools[1]
    deputy, teacher = data.users["deputy"], data.users["teacher"]
    staff = data.staff[gymnasium.pk]
    # Each teacher's own level, stable across campaigns; a few are clearly weak.
    level = {p.pk: rng.choice((1.8, 2.4, 3.0, 3.3, 3.6, 4.0, 4.4)) for p in staff}

    spring, created = campaign(
        "competence",
        "Әдістемелік құзыреттілік — көктем",
        by=deputy,
        school=gymnasium,
        created_days_ago=200,
    )
    if created:
        answer_all(spring, staff, rng, level)
        spring.close()

    autumn, created = campaign(
        "competence", "Әдістемелік құзыреттілік — күз", by=deputy, school=gymnasium
    )
    if created:
        grown = {pk: value + 0.3 for pk, value in level.items()}
        answer_all(autumn, staff, rng, grown, skip={teacher.pk})
        structure = VersionStructure.load(autumn.version)
        for person in staff[:6]:
            if person.user_id == deputy.pk:
                continue
            expert = services.expert_invitation(autumn, person, by=deputy)
            services.save_draft(expert, demo_answers(structure, rng, level[person.pk]))
            services.submit(expert)
        proposals.generate(autumn, gymnasium)

    climate, created = campaign(
        "climate", "Ұжымның ахуалы", by=deputy, school=gymnasium, created_days_ago=30
    )
    if created:
        answer_all(climate, staff, rng, {p.pk: rng.uniform(2.8, 4.4) for p in staff})
        climate.close()

    campaign("plc_maturity", "КБАҚ кемелділігі", by=deputy, school=gymnasium, deadline_in=21)

    inventory, created = campaign(
        "resources",
        "Әдістемелік жұмыстың базасы",
        by=data.users["methodologist"],
        district=data.district,
    )
    if created:
        structure = VersionStructure.load(inventory.version)
        for invitation in inventory.invitations.filter(user=data.users["deputy2"]):
            services.save_draft(invitation, demo_answers(structure, rng, 2.6))
            services.submit(invitation)

    campaign("innovation", "Инновациялық белсенділік", by=data.users["deputy2"], school=base_school)
