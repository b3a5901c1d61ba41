"""Signing in and, on every request, reading the signed-in user back from the session."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from adisker.people.models import User


class StaffBackend(ModelBackend):
    """Django's backend, except that the user is read with their staff profile, its school,
    position and category in the same query: the menu, the home page's cards and most pages
    ask for them, which was a query of its own on every request and a second on some."""

    def get_user(self, user_id: Any) -> User | None:
        user = (
            User.objects.select_related(
                "staff_profile__school", "staff_profile__position", "staff_profile__category"
            )
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
