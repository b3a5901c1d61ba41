from django.contrib import admin

from adisker.plc.models import ObservationTemplate


@admin.register(ObservationTemplate)
class ObservationTemplateAdmin(admin.ModelAdmin):
    list_display = ["name_kk", "name_ru", "school"]
    list_filter = ["school"]
