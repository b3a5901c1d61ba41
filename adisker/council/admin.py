from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from adisker.council.models import FormOfWork


@admin.register(FormOfWork)
class FormOfWorkAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_kk", "name_ru", "name_en", "ordering"]
    list_editable = ["ordering"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
