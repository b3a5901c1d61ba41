"""Each reader gets the schools they see, and every write to a school, its staff or its
district on the next list."""

from __future__ import annotations

import lxml.html
from django.urls import reverse

from adisker.core.testing import Cast, StaffProfileFactory, listed
from adisker.schools.models import School

URL = reverse("schools:list")


def staff_counts(client) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Each school's staff count by its name, as shown."""
    response = client.get(URL)
    assert response.status_code == 200
    rows = lxml.html.fromstring(response.content).xpath("//tbody/tr[td/a]")
    return {row.xpath("td[1]/a")[0].text: row.xpath("td[6]")[0].text.strip() for row in rows}


def test_every_write_shows_on_the_next_list(client, cast: Cast) -> None:
    client.force_login(cast.methodologist_a)
    before = staff_counts(client)[cast.school_a2.name_kk]
    staff = StaffProfileFactory(school=cast.school_a2)
    assert staff_counts(client)[cast.school_a2.name_kk] == str(int(before) + 1)
    cast.school_a2.name_kk = "Жаңа мектеп"
    cast.school_a2.save()
    assert "Жаңа мектеп" in staff_counts(client)
    cast.district_a.name_kk = "Жаңа аудан"
    cast.district_a.save()
    assert "Жаңа аудан" in client.get(URL).content.decode()
    staff.delete()
    assert staff_counts(client)["Жаңа мектеп"] == before


def test_each_reader_gets_the_list_of_the_schools_they_see(client, cast: Cast) -> None:
    client.force_login(cast.methodologist_a)
    assert set(listed(client.get(URL), School)) == {cast.school_a, cast.school_a2}
    client.force_login(cast.director_a)
    assert listed(client.get(URL), School) == [cast.school_a]
    # A search is a list of its own.
    client.force_login(cast.methodologist_a)
    found = listed(client.get(URL, {"q": cast.school_a2.name_kk}), School)
    assert found == [cast.school_a2]
