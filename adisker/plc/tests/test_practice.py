"""Shared practice: publishing, search in Kazakh, endorsements, adaptations, featuring."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adisker.core.testing import Cast
from adisker.plc.models import Practice, PracticeAdaptation, PracticeComment, PracticeEndorsement
from adisker.plc.selectors import recognition_for
from adisker.plc.tests import factories as f

pytestmark = pytest.mark.django_db


def practice(cast: Cast, **kwargs) -> Practice:  # type: ignore[no-untyped-def]
    values = {
        "author": f.staff(cast.teacher_a),
        "title": "Әріптестер арасындағы кері байланыс",
        "approach": "Қалыптастырушы бағалау",
        "description": "Оқушылар бір-біріне «екі жұлдыз, бір тілек» әдісімен кері байланыс береді.",
        "tags": "бағалау, топтық жұмыс",
        **kwargs,
    }
    return Practice.objects.create(**values)


@pytest.mark.parametrize(
    "query",
    [
        "әріптестер",
        "ӘРІПТЕСТЕР",
        "кері байланыс",
        "жұлдыз",
        "Қалыптастырушы",
        "тілек",
        "топтық",
        "бағалау",
    ],
)
def test_it_finds_kazakh_words_on_every_database(cast: Cast, query: str) -> None:
    found = practice(cast)
    practice(cast, title="Өлең жаттау", approach="Мнемотехника", description="Ұйқас", tags="")
    assert list(Practice.objects.search(query)) == [found]


def test_it_finds_the_letters_only_kazakh_has(cast: Cast) -> None:
    found = practice(cast, title="Һәм іңір үйрету ғылымы", description="Өңір, ұлттық", tags="")
    for word in ("һәм", "іңір", "үйрету", "ғылымы", "өңір", "ұлттық"):
        assert list(Practice.objects.search(word)) == [found], word
    assert list(Practice.objects.search("ханым")) == []


def test_search_needs_every_word(cast: Cast) -> None:
    practice(cast)
    assert list(Practice.objects.search("кері ұйқас")) == []


def test_practice_is_shared_across_the_district_only(client, cast: Cast) -> None:
    found = practice(cast)
    client.force_login(cast.teacher_b)
    assert client.get(found.get_absolute_url()).status_code == 404
    assert list(client.get(reverse("plc:practices")).context["practices"]) == []
    client.force_login(cast.methodologist_a)
    assert client.get(found.get_absolute_url()).status_code == 200
    client.force_login(cast.head_a)
    page = client.get(reverse("plc:practices"), {"q": "Жұлдыз"})
    assert list(page.context["practices"]) == [found]
    page = client.get(reverse("plc:practices"), {"q": "жұлдыз"}, HTTP_HX_REQUEST="true")
    assert "<html" not in page.content.decode() and found.title in page.content.decode()


def test_a_teacher_publishes_and_edits_a_practice(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    url = reverse("plc:practice_create")
    assert client.get(url).status_code == 200
    data = {
        "title": "Ойын арқылы оқу",
        "approach": "Геймификация",
        "grade": 5,
        "description": "Сипаттама",
        "tags": "ойын",
        "file": SimpleUploadedFile("жоспар.pdf", b"%PDF-1.4"),
    }
    response = client.post(url, data)
    found = Practice.objects.get()
    assert response.url == found.get_absolute_url()
    assert found.school == cast.school_a and found.author == f.staff(cast.teacher_a)
    file = client.get(reverse("plc:practice_file", args=[found.pk]))
    assert file.status_code == 200 and b"".join(file.streaming_content) == b"%PDF-1.4"
    edit = reverse("plc:practice_edit", args=[found.pk])
    assert client.get(edit).status_code == 200
    client.force_login(cast.head_a)
    assert client.get(edit).status_code == 403
    client.force_login(cast.methodologist_a)
    assert client.get(url).status_code == 403


def test_colleagues_endorse_comment_and_adapt(client, cast: Cast) -> None:
    found = practice(cast)
    client.force_login(cast.head_a)
    endorse = reverse("plc:practice_endorse", args=[found.pk])
    assert client.get(endorse).status_code == 405
    response = client.post(endorse, HTTP_HX_REQUEST="true")
    assert 'aria-pressed="true"' in response.content.decode()
    assert PracticeEndorsement.objects.filter(practice=found).count() == 1
    client.post(endorse)  # a second click takes it back
    assert not PracticeEndorsement.objects.exists()
    client.post(endorse)
    client.post(reverse("plc:practice_comment", args=[found.pk]), {"text": "Рахмет!"})
    assert PracticeComment.objects.get().text == "Рахмет!"
    adapt = reverse("plc:practice_adapt", args=[found.pk])
    assert client.get(adapt).status_code == 200
    client.post(adapt, {"adapted_on": "2026-11-20", "how": "7 сыныпта", "outcome": "worked"})
    assert PracticeAdaptation.objects.get().staff == f.staff(cast.head_a)
    # The author does not endorse or adapt their own practice.
    client.force_login(cast.teacher_a)
    assert client.post(endorse).status_code == 403
    assert client.get(adapt).status_code == 403
    recognition = recognition_for(f.staff(cast.teacher_a))
    assert (recognition.endorsements, recognition.adaptations, recognition.featured) == (1, 1, 0)


def test_only_the_deputy_features_a_practice(client, cast: Cast) -> None:
    found = practice(cast)
    url = reverse("plc:practice_feature", args=[found.pk])
    client.force_login(cast.teacher_a)
    assert client.post(url).status_code == 403
    client.force_login(cast.methodologist_a)
    assert client.post(url).status_code == 403
    client.force_login(cast.deputy_a)
    client.post(url)
    found.refresh_from_db()
    assert found.featured_by == cast.deputy_a
    assert recognition_for(f.staff(cast.teacher_a)).featured == 1
    page = client.get(reverse("plc:practices"), {"featured": "1"})
    assert list(page.context["practices"]) == [found]
    client.post(url)
    found.refresh_from_db()
    assert not found.is_featured


def test_the_list_comes_a_page_at_a_time_with_its_counts_in_constant_queries(
    client, cast: Cast, settings
) -> None:
    settings.PAGE_SIZE = 2
    first = practice(cast, title="Бірінші")
    for colleague in (cast.head_a, cast.facilitator_a):
        PracticeEndorsement.objects.create(practice=first, staff=f.staff(colleague))
    PracticeAdaptation.objects.create(
        practice=first,
        staff=f.staff(cast.head_a),
        how="Топпен",
        outcome=PracticeAdaptation.Outcome.values[0],
    )
    client.force_login(cast.deputy_a)
    url = reverse("plc:practices")

    def shown(page: int) -> tuple[list[tuple[str, int, int]], int]:
        with CaptureQueriesContext(connection) as captured:
            listed = client.get(url, {"page": page}).context["practices"]
        rows = [(p.title, p.endorsement_count, p.adaptation_count) for p in listed]
        return rows, len(captured)

    rows, queries = shown(1)
    assert rows == [("Бірінші", 2, 1)]
    for n in range(4):
        practice(cast, title=f"Тағы {n}")
    rows, more = shown(1)
    assert [title for title, *_counts in rows] == ["Тағы 3", "Тағы 2"]
    assert shown(3)[0] == [("Бірінші", 2, 1)]
    assert more == queries
