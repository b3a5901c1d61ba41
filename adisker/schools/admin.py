from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from adisker.schools.models import (
    AcademicYear,
    District,
    InterSchoolAssociation,
    Region,
    School,
    Subject,
    SubjectAlias,
)


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["name_kk", "name_ru"]
    search_fields = ["name_kk", "name_ru"]


@admin.register(District)
class DistrictAdmin(SimpleHistoryAdmin):
    list_display = ["name_kk", "name_ru", "region"]
    list_filter = ["region"]
    search_fields = ["name_kk", "name_ru"]


@admin.register(School)
class SchoolAdmin(SimpleHistoryAdmin):
    list_display = ["name_kk", "bin", "district", "school_type", "locality", "pupil_count"]
    list_filter = ["school_type", "locality", "language", "district__region"]
    search_fields = ["name_kk", "name_ru", "bin"]
    list_select_related = ["district"]


@admin.register(InterSchoolAssociation)
class InterSchoolAssociationAdmin(SimpleHistoryAdmin):
    list_display = ["name_kk", "base_school", "district"]
    autocomplete_fields = ["base_school", "member_schools"]


@admin.register(Subject)
class SubjectAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_kk", "name_ru", "name_en"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]


@admin.register(AcademicYear)
class AcademicYearAdmin(SimpleHistoryAdmin):
    list_display = ["__str__"]


@admin.register(SubjectAlias)
class SubjectAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "language", "ambiguous", "school"]
    list_filter = ["language", "ambiguous"]
    search_fields = ["name"]
    filter_horizontal = ["subjects"]
    autocomplete_fields = ["school"]
