from __future__ import annotations

from django.db import transaction

from adisker.people.models import User
from adisker.records.models import Attestation


@transaction.atomic
def confirm_attestation(*, attestation: Attestation, by: User) -> None:
    """Confirm the attestation; the latest confirmed one sets the teacher's current category."""
    attestation.confirm(by=by)
    staff = attestation.staff
    latest = staff.attestations.filter(confirmed_at__isnull=False).order_by("-assigned_on").first()
    if latest is not None and staff.category_id != latest.category_id:
        staff.category = latest.category
        staff.save(update_fields=["category"])
