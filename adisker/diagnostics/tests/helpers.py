"""Building campaigns and answers with known scores for the tests."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from adisker.core.testing import StaffProfileFactory, UserFactory
from adisker.diagnostics import services
from adisker.diagnostics.models import Campaign, Instrument, Invitation, Item
from adisker.diagnostics.scoring import VersionStructure
from adisker.lib.dates import today
from adisker.people.models import Role, RoleMembership, StaffProfile, User
from adisker.schools.models import School


def instrument(code: str) -> Instrument:
    return Instrument.objects.get(code=code)


def launch(code: str, by: User, *, school: School | None = None, district: Any = None) -> Campaign:
    return services.launch_campaign(
        instrument=instrument(code),
        title=f"{code} campaign",
        deadline=today() + datetime.timedelta(days=7),
        by=by,
        school=school,
        district=district,
    )


def teacher(school: School, **fields: Any) -> User:
    user = UserFactory()
    RoleMembership.objects.create(user=user, role=Role.TEACHER, school=school)
    StaffProfileFactory(school=school, user=user, **fields)
    return user


def answers_for(
    structure: VersionStructure, by_dimension: dict[str, int], default: int = 3
) -> dict[int, Any]:
    """Every item answered: scale items with the option scoring `by_dimension[code]` (1–5)."""
    codes = {d.pk: d.code for d in structure.dimensions}
    found: dict[int, Any] = {}
    for item in structure.items:
        wanted = by_dimension.get(codes.get(item.dimension_id, ""), default)
        options = structure.options.get(item.pk, [])
        if item.kind in (Item.Kind.LIKERT, Item.Kind.SINGLE):
            found[item.pk] = next(o.pk for o in options if o.score == Decimal(wanted))
        elif item.kind == Item.Kind.MULTIPLE:
            found[item.pk] = [o.pk for o in options]
        elif item.kind == Item.Kind.NUMBER:
            found[item.pk] = str(item.number_max)
        else:
            found[item.pk] = "—"
    return found


def answer(invitation: Invitation, by_dimension: dict[str, int], default: int = 3) -> None:
    structure = VersionStructure.load(invitation.campaign.version)
    services.save_draft(invitation, answers_for(structure, by_dimension, default))
    services.submit(invitation)


def invitation_of(campaign: Campaign, user: User) -> Invitation:
    return campaign.invitations.get(user=user, role=Invitation.Role.SELF)


def staff_of(user: User) -> StaffProfile:
    return user.staff_profile
