"""From a known set of competence answers to plan items, a PLC and pairs."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from adisker.core.testing import Cast
from adisker.council.models import MentoringPair, PlanItem
from adisker.diagnostics import proposals, services
from adisker.diagnostics.models import Campaign, Proposal
from adisker.lib.dates import today
from adisker.plc.models import Community, ObservationVisit

from .helpers import answer, invitation_of, launch, teacher

OTHER = ["subject_methods", "planning_assessment", "research", "digital", "collaboration"]


def years_ago(n: int) -> datetime.date:
    return today() - datetime.timedelta(days=365 * n + 30)


@pytest.fixture
def known(cast: Cast) -> tuple[Campaign, dict[str, object]]:
    """Six teachers answering; the cast's own five do not answer.

    T1 (2 years' experience) digital 0, all else 100 · T2 (10 years) digital 25, else 75
    T3 digital 50, else 75 · T4 all 100 · T5 all 75 · T6 research 0, else 50.
    """
    people = {
        "T1": teacher(cast.school_a, experience_started_on=years_ago(2)),
        "T2": teacher(cast.school_a, experience_started_on=years_ago(10)),
        "T3": teacher(cast.school_a),
        "T4": teacher(cast.school_a),
        "T5": teacher(cast.school_a),
        "T6": teacher(cast.school_a),
    }
    campaign = launch("competence", cast.deputy_a, school=cast.school_a)
    plan = {
        "T1": ({"digital": 1}, 5),
        "T2": ({"digital": 2}, 4),
        "T3": ({"digital": 3}, 4),
        "T4": ({}, 5),
        "T5": ({}, 4),
        "T6": ({"research": 1}, 3),
    }
    for name, (dims, default) in plan.items():
        answer(invitation_of(campaign, people[name]), dims, default)
    staff = {name: user.staff_profile for name, user in people.items()}
    return campaign, staff


def test_it_proposes_a_topic_a_plc_and_pairs_from_known_answers(cast: Cast, known) -> None:  # type: ignore[no-untyped-def]
    campaign, staff = known
    found = proposals.generate(campaign, cast.school_a)
    by_kind: dict[str, list[Proposal]] = {}
    for p in found:
        by_kind.setdefault(p.kind, []).append(p)

    (topic,) = by_kind["topic"]
    assert topic.dimension.code == "digital"
    # 2 of 6 low (33%): over the 30% threshold, under the 50% of a whole-staff need, so the
    # dimension's group form of work.
    assert topic.form_code == "coaching"
    assert topic.rationale["count"] == 2 and topic.rationale["total"] == 6
    assert topic.rationale["percent"] == 33 and not topic.rationale["whole_staff"]
    assert {s["name"] for s in topic.rationale["scores"]} == {
        staff["T1"].short_name,
        staff["T2"].short_name,
    }

    (plc,) = by_kind["plc"]
    assert plc.dimension.code == "digital"
    assert set(plc.members.all()) == {staff["T1"], staff["T2"], staff["T3"]}
    assert plc.stronger == staff["T4"]

    pairs = {
        (p.kind, p.dimension.code, p.weaker, p.stronger)
        for p in found
        if p.kind in ("mentoring", "observation")
    }
    assert pairs == {
        ("mentoring", "digital", staff["T1"], staff["T4"]),
        ("observation", "digital", staff["T2"], staff["T5"]),
        ("observation", "research", staff["T6"], staff["T3"]),
    }
    mentoring = next(p for p in found if p.kind == "mentoring")
    assert mentoring.rationale["experience_years"] == 2


def test_it_counts_the_councils_score_over_the_self_assessment(cast: Cast, known) -> None:  # type: ignore[no-untyped-def]
    campaign, staff = known
    expert = services.expert_invitation(campaign, staff["T6"], by=cast.deputy_a)
    answer(expert, {}, default=3)  # research 50: no longer low
    found = proposals.generate(campaign, cast.school_a)
    assert not [p for p in found if p.dimension.code == "research"]


def test_it_turns_accepted_proposals_into_plan_items_plcs_and_pairs(
    client, cast: Cast, known
) -> None:  # type: ignore[no-untyped-def]
    campaign, staff = known
    client.force_login(cast.deputy_a)
    response = client.post(reverse("diagnostics:proposal_generate", args=[campaign.pk]))
    assert response.status_code == 302
    page = client.get(reverse("diagnostics:proposals", args=[campaign.pk]))
    assert page.status_code == 200 and len(page.context["proposals"]) == 5
    for proposal in Proposal.objects.all():
        url = reverse("diagnostics:proposal_decide", args=[proposal.pk])
        data = {"decision": "accept", "title": proposal.title}
        if proposal.kind == "topic":
            data |= {"title": "Цифрлық сабақ", "form_code": "workshop"}
        assert client.post(url, data).status_code == 302

    assert set(Proposal.objects.values_list("status", flat=True)) == {"accepted"}
    item = PlanItem.objects.get()
    # As the deputy edited it.
    assert item.title == "Цифрлық сабақ" and item.form_of_work.code == "workshop"
    assert item.plan.school == cast.school_a
    community = Community.objects.get()
    assert set(community.members.all()) == {staff["T1"], staff["T2"], staff["T3"]}
    assert community.facilitator == staff["T4"]
    pair = MentoringPair.objects.get()
    assert (pair.mentor, pair.mentee) == (staff["T4"], staff["T1"])
    visits = {(v.observer, v.observed) for v in ObservationVisit.objects.all()}
    assert visits == {(staff["T2"], staff["T5"]), (staff["T6"], staff["T3"])}
    assert Proposal.objects.get(kind="plc").created_object == f"plc.community:{community.pk}"

    # Computing again keeps what was decided and proposes nothing twice.
    client.post(reverse("diagnostics:proposal_generate", args=[campaign.pk]))
    assert Proposal.objects.count() == 5


def test_it_sets_a_proposal_aside(client, cast: Cast, known) -> None:  # type: ignore[no-untyped-def]
    campaign, _staff = known
    proposals.generate(campaign, cast.school_a)
    proposal = Proposal.objects.get(kind="topic")
    client.force_login(cast.deputy_a)
    client.post(reverse("diagnostics:proposal_decide", args=[proposal.pk]), {"decision": "reject"})
    proposal.refresh_from_db()
    assert proposal.status == "rejected" and not PlanItem.objects.exists()


def test_it_refuses_proposals_to_others(client, cast: Cast, known) -> None:  # type: ignore[no-untyped-def]
    campaign, _staff = known
    proposals.generate(campaign, cast.school_a)
    proposal = Proposal.objects.get(kind="topic")
    decide = reverse("diagnostics:proposal_decide", args=[proposal.pk])
    client.force_login(cast.director_a)
    assert client.post(decide, {"decision": "accept"}).status_code == 403
    assert client.get(reverse("diagnostics:proposals", args=[campaign.pk])).status_code == 403
    client.force_login(cast.deputy_b)
    assert client.post(decide, {"decision": "accept"}).status_code == 404
    client.force_login(cast.teacher_a)
    assert client.post(decide, {"decision": "accept"}).status_code == 404
    generate = reverse("diagnostics:proposal_generate", args=[campaign.pk])
    assert client.post(generate).status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == "proposed" and not PlanItem.objects.exists()


def test_it_decides_nothing_on_a_decision_it_does_not_know(client, cast: Cast, known) -> None:  # type: ignore[no-untyped-def]
    campaign, _staff = known
    proposals.generate(campaign, cast.school_a)
    proposal = Proposal.objects.get(kind="topic")
    client.force_login(cast.deputy_a)
    decide = reverse("diagnostics:proposal_decide", args=[proposal.pk])
    for posted in ({}, {"decision": "maybe"}, {"decision": "accept", "form_code": "no-such"}):
        response = client.post(decide, posted, follow=True)
        assert response.status_code == 200
        assert [m.level_tag for m in response.context["messages"]] == ["error"]
    proposal.refresh_from_db()
    assert proposal.status == "proposed" and not PlanItem.objects.exists()
