"""The main menu: one list, each item shown only to the roles that have a use for it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.urls import get_script_prefix, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from adisker.people.models import SCHOOL_MANAGERS, Role, User


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    shown_to: Callable[[User], bool]

    @property
    def url(self) -> str:
        return _reversed(self.url_name, get_script_prefix())


@cache
def _reversed(url_name: str, script_prefix: str) -> str:
    """The menu is on every page and its addresses never change while the app runs (none
    takes arguments or a language prefix): reversed once per prefix, not twice per item and
    page. The prefix is in the key only to keep a second mount point apart."""
    return reverse(url_name)


def everyone(user: User) -> bool:
    return True


def staff_viewers(user: User) -> bool:
    return user.is_administrator or user.has_role(*SCHOOL_MANAGERS, Role.DISTRICT_METHODOLOGIST)


def has_staff_profile(user: User) -> bool:
    return hasattr(user, "staff_profile")


def answers_or_oversees(user: User) -> bool:
    return has_staff_profile(user) or staff_viewers(user)


def holds_a_role(user: User) -> bool:
    return bool(user.scope.roles)


# The whole menu, in its order. The PLC item is one: its page links to shared practice and
# mutual observation.
MENU = [
    NavItem(_("Schools"), "schools:list", everyone),
    NavItem(_("Staff"), "people:staff_list", staff_viewers),
    NavItem(_("My profile"), "people:my_profile", has_staff_profile),
    NavItem(_("Course plan"), "records:plan", staff_viewers),
    NavItem(_("Methodological work"), "council:index", everyone),
    NavItem(_("Events"), "events:calendar", holds_a_role),
    NavItem(_("PLC"), "plc:list", everyone),
    NavItem(_("Diagnostics"), "diagnostics:index", answers_or_oversees),
]


def items_for(user: User) -> list[NavItem]:
    return [item for item in MENU if item.shown_to(user)]
