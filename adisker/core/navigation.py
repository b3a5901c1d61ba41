"""The main menu: one list, each item shown only to the roles that have a use for it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.urls import get_script_prefix, reverse
from django.utils.functional import Promise

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


_items: list[NavItem] = []


def register(item: NavItem) -> None:
    _items.append(item)


def items_for(user: User) -> list[NavItem]:
    return [item for item in _items if item.shown_to(user)]
