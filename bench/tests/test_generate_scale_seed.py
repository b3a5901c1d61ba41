"""bench/generate_scale.py is deterministic: one seed, one data set. Kept apart from the
module that generates once for all its tests, as this one needs an empty database."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from adisker.council.models import ProtocolDecision
from adisker.diagnostics.models import DimensionScore, Proposal
from adisker.events.models import Participation
from adisker.people.models import StaffProfile
from adisker.records.models import QualificationCourse
from adisker.schools.models import School
from bench.tests.test_generate_scale import generate

SCORE = (
    "response__school__bin",
    "response__campaign__title",
    "response__subject__iin",
    "dimension__code",
    "score",
)


def fingerprint() -> dict[str, Any]:
    """What two runs with one seed share, ids aside: sequences are not rolled back."""
    return {
        "schools": list(
            School.objects.order_by("bin").values_list("bin", "name_kk", "school_type")
        ),
        "staff": list(StaffProfile.objects.order_by("iin").values_list("iin", "last_name")),
        "courses": list(
            QualificationCourse.objects.order_by("staff__iin", "finished_on").values_list(
                "staff__iin", "finished_on", "hours"
            )
        ),
        "participations": Participation.objects.count(),
        "decisions": list(
            ProtocolDecision.objects.order_by("due_on", "text").values_list("due_on", "text")
        ),
        "scores": list(DimensionScore.objects.order_by(*SCORE).values_list(*SCORE)),
        "proposals": list(
            Proposal.objects.order_by("school__bin", "kind", "title").values_list(
                "school__bin", "kind", "title"
            )
        ),
    }


def generated(seed: int) -> dict[str, Any]:
    with transaction.atomic():
        generate(seed=seed, schools=6)
        found = fingerprint()
        transaction.set_rollback(True)
    return found


@pytest.mark.django_db
def test_one_seed_gives_the_same_data_set_and_another_seed_another() -> None:
    first = generated(5)
    assert first["staff"] and first["courses"] and first["participations"] and first["scores"]
    assert generated(5) == first
    other = generated(6)
    assert other["staff"] != first["staff"] and other["scores"] != first["scores"]
