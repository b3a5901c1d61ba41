from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from adisker.people.models import (
    CategoryAlias,
    Position,
    PositionAlias,
    QualificationCategory,
    RoleMembership,
    StaffProfile,
    User,
)


class RoleMembershipInline(admin.TabularInline):
    model = RoleMembership
    extra = 0
    autocomplete_fields = ["school", "district"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    inlines = [RoleMembershipInline]
    fieldsets = (*DjangoUserAdmin.fieldsets, (_("Preferences"), {"fields": ["language"]}))
    list_display = ["username", "email", "is_active", "is_staff", "last_login"]


@admin.register(StaffProfile)
class StaffProfileAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "iin", "school", "position", "category"]
    list_filter = ["category", "position", "school__district"]
    search_fields = ["last_name", "first_name", "iin"]
    autocomplete_fields = ["school", "user"]
    filter_horizontal = ["subjects"]
    list_select_related = ["school", "position", "category"]


@admin.register(QualificationCategory, Position)
class ReferenceAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_kk", "name_ru", "name_en"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]


@admin.register(CategoryAlias, PositionAlias)
class AliasAdmin(admin.ModelAdmin):
    list_display = ["name", "language", "school"]
    list_filter = ["language"]
    search_fields = ["name"]
    autocomplete_fields = ["school"]
