"""The daily command closes overdue campaigns and reminds once a day."""

from __future__ import annotations

import datetime
import io

from django.core.management import call_command

from adisker.core.testing import Cast
from adisker.lib.dates import today

from .helpers import launch


def test_it_closes_overdue_campaigns_and_reminds_once_a_day(
    cast: Cast, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    overdue = launch("climate", cast.deputy_a, school=cast.school_a)
    overdue.deadline = today() - datetime.timedelta(days=1)
    overdue.save(update_fields=["deadline"])
    soon = launch("competence", cast.deputy_a, school=cast.school_a)
    soon.deadline = today() + datetime.timedelta(days=2)
    soon.save(update_fields=["deadline"])
    later = launch("innovation", cast.deputy_a, school=cast.school_a)
    later.deadline = today() + datetime.timedelta(days=10)
    later.save(update_fields=["deadline"])

    with django_capture_on_commit_callbacks(execute=True):
        call_command("diagnostics_daily", stdout=io.StringIO())
    overdue.refresh_from_db()
    assert not overdue.is_open
    assert len(mailoutbox) == 5
    assert {m.subject for m in mailoutbox} == {mailoutbox[0].subject}

    with django_capture_on_commit_callbacks(execute=True):
        call_command("diagnostics_daily", stdout=io.StringIO())
    assert len(mailoutbox) == 5
