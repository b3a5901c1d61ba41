"""Daily, from cron: close campaigns whose deadline has passed, and remind those who have not
answered a campaign that closes within the next days (once a day at most)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from adisker.diagnostics.models import Campaign
from adisker.diagnostics.services import remind_unanswered
from adisker.lib.dates import today


class Command(BaseCommand):
    help = "Close overdue diagnostic campaigns and remind those who have not answered."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=3, help="Remind this many days ahead.")
        parser.add_argument("--base-url", default="", help="Site address for the links.")

    def handle(self, *args: Any, days: int, base_url: str, **options: Any) -> None:
        on = today()
        open_campaigns = Campaign.objects.filter(status=Campaign.Status.OPEN)
        closed = 0
        for campaign in open_campaigns.filter(deadline__lt=on):
            campaign.close()
            closed += 1
        since = timezone.now() - datetime.timedelta(hours=20)
        sent = 0
        due = open_campaigns.filter(
            deadline__gte=on, deadline__lte=on + datetime.timedelta(days=days)
        )
        for campaign in due.exclude(reminded_at__gte=since).select_related("version__instrument"):
            sent += remind_unanswered(campaign, base_url=base_url)
        self.stdout.write(f"closed {closed}, reminders sent {sent}")
