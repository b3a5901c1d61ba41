"""A respondent answers section by section, comes back, and submits."""

from __future__ import annotations

from django.urls import reverse

from adisker.core.testing import Cast
from adisker.diagnostics.models import DimensionScore, Response
from adisker.diagnostics.scoring import VersionStructure

from .helpers import answers_for, invitation_of, launch


def section_data(invitation, section_id: int, answers: dict) -> dict:  # type: ignore[no-untyped-def]
    structure = VersionStructure.load(invitation.campaign.version)
    data = {}
    for item in structure.items:
        if item.section_id == section_id and item.pk in answers:
            data[f"s{section_id}-item-{item.pk}"] = answers[item.pk]
    return data


def test_it_autosaves_a_section_and_comes_back_to_it(client, cast: Cast) -> None:
    campaign = launch("competence", cast.deputy_a, school=cast.school_a)
    invitation = invitation_of(campaign, cast.teacher_a)
    structure = VersionStructure.load(campaign.version)
    answers = answers_for(structure, {}, default=4)
    first = structure.items[0].section_id
    client.force_login(cast.teacher_a)
    url = reverse("diagnostics:answer_section", args=[invitation.pk, first])
    response = client.post(url, section_data(invitation, first, answers), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'data-saved="yes"' in response.content.decode()
    invitation.refresh_from_db()
    assert len(invitation.draft) == 4
    page = client.get(invitation.get_absolute_url())
    assert page.status_code == 200
    _section, form = page.context["sections"][0]
    assert form.initial[f"item-{structure.items[0].pk}"] == str(answers[structure.items[0].pk])
    assert "checked" in page.content.decode()


def test_it_keeps_a_bad_number_out_of_the_draft(client, cast: Cast) -> None:
    campaign = launch("resources", cast.deputy_a, school=cast.school_a)
    invitation = campaign.invitations.get()
    structure = VersionStructure.load(campaign.version)
    number = next(i for i in structure.items if i.kind == "number")
    client.force_login(cast.deputy_a)
    url = reverse("diagnostics:answer_section", args=[invitation.pk, number.section_id])
    response = client.post(url, {f"s{number.section_id}-item-{number.pk}": "-3"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.draft == {}
    htmx = client.post(
        url, {f"s{number.section_id}-item-{number.pk}": "-3"}, HTTP_HX_REQUEST="true"
    )
    assert 'data-saved="no"' in htmx.content.decode()
    assert "invalid-feedback" in htmx.content.decode()


def test_it_refuses_an_incomplete_questionnaire(client, cast: Cast) -> None:
    campaign = launch("competence", cast.deputy_a, school=cast.school_a)
    invitation = invitation_of(campaign, cast.teacher_a)
    client.force_login(cast.teacher_a)
    response = client.post(reverse("diagnostics:answer_submit", args=[invitation.pk]))
    assert response.status_code == 400
    assert len(response.context["missing"]) == 20
    assert not Response.objects.exists()


def test_it_submits_answers_and_scores_them(client, cast: Cast) -> None:
    campaign = launch("competence", cast.deputy_a, school=cast.school_a)
    invitation = invitation_of(campaign, cast.teacher_a)
    structure = VersionStructure.load(campaign.version)
    answers = answers_for(structure, {"digital": 5}, default=2)
    client.force_login(cast.teacher_a)
    for section_id in {i.section_id for i in structure.items}:
        client.post(
            reverse("diagnostics:answer_section", args=[invitation.pk, section_id]),
            section_data(invitation, section_id, answers),
            HTTP_HX_REQUEST="true",
        )
    response = client.post(reverse("diagnostics:answer_submit", args=[invitation.pk]))
    assert response.status_code == 302
    stored = Response.objects.get()
    assert stored.respondent == cast.teacher_a
    assert stored.subject == cast.teacher_a.staff_profile
    assert stored.answers.count() == 20
    scores = {
        s.dimension.code: (str(s.score), s.level.code)
        for s in DimensionScore.objects.filter(response=stored)
    }
    assert scores["digital"] == ("100.0", "high")
    assert scores["research"] == ("25.0", "low")
    invitation.refresh_from_db()
    assert invitation.submitted and invitation.draft == {}
    # Submitted is final.
    again = client.post(
        reverse("diagnostics:answer_section", args=[invitation.pk, structure.items[0].section_id]),
        {},
    )
    assert again.status_code == 403


def test_it_opens_an_invitation_to_its_person_only(client, cast: Cast) -> None:
    campaign = launch("competence", cast.deputy_a, school=cast.school_a)
    invitation = invitation_of(campaign, cast.teacher_a)
    for name in ("deputy_a", "head_a", "teacher_b", "admin"):
        client.force_login(cast.user(name))
        assert client.get(invitation.get_absolute_url()).status_code == 404
        url = reverse("diagnostics:answer_submit", args=[invitation.pk])
        assert client.post(url).status_code == 404
