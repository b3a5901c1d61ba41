"""The school's methodological theme, the year's development topics and the mentoring pairs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from adisker.council import access, forms
from adisker.council.models import (
    DevelopmentTopic,
    MethodologicalTheme,
)
from adisker.council.views.common import form_page, owner_url, requested_year
from adisker.people.http import AuthenticatedRequest
from adisker.schools.models import AcademicYear


@login_required
def theme_form(
    request: AuthenticatedRequest, school_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    if pk is not None:
        theme = access.get_theme_for_user(request.user, pk, edit=True)
        school = theme.school
    else:
        school = access.get_council_school(request.user, school_pk or 0, edit=True)
        start = AcademicYear.objects.current().start_year
        theme = MethodologicalTheme(school=school, start_year=start, end_year=start + 4)
    form = forms.ThemeForm(request.POST or None, instance=theme)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The methodological theme is saved."))
        return redirect("council:school", school.pk)
    return form_page(
        request,
        form,
        title=_("School methodological theme"),
        back_url=reverse("council:school", args=[school.pk]),
    )


@login_required
def topic_form(
    request: AuthenticatedRequest, school_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    if pk is not None:
        topic = access.get_topic_for_user(request.user, pk, edit=True)
        school, year = topic.school, topic.academic_year
    else:
        school = access.get_council_school(request.user, school_pk or 0, edit=True)
        year = requested_year(request)
        topic = DevelopmentTopic(school=school, academic_year=year)
    form = forms.TopicForm(request.POST or None, instance=topic, school=school, year=year)
    back = owner_url(school, year)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The topic of professional development is saved."))
        return HttpResponseRedirect(back)
    return form_page(
        request,
        form,
        title=_("Topic of professional development"),
        back_url=back,
        context={"year": year},
    )


@login_required
def pair_create(request: AuthenticatedRequest, school_pk: int) -> HttpResponse:
    school = access.get_council_school(request.user, school_pk, edit=True)
    year = requested_year(request)
    form = forms.MentoringPairForm(request.POST or None, school=school, year=year)
    back = owner_url(school, year)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The mentor-mentee pair is added."))
        return HttpResponseRedirect(back)
    return form_page(
        request, form, title=_("Mentor-mentee pair"), back_url=back, context={"year": year}
    )


@login_required
@require_POST
def pair_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    pair = access.get_mentoring_pair_for_user(request.user, pk, edit=True)
    back = owner_url(pair.school, pair.academic_year)
    pair.delete()
    messages.success(request, _("The mentor-mentee pair is removed."))
    return HttpResponseRedirect(back)
