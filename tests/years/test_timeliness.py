"""Which deadline of article 49 applies to a body, read from its name, and the day itself."""

from __future__ import annotations

import pytest

from analyzers.years.timeliness import body_kind, timeliness


@pytest.mark.parametrize("agency, kind", [
    ("上海市人民政府办公厅", "department"), ("沭阳县发展和改革局", "department"), ("双塔区卫健委", "department"),
    ("平潭综合实验区海坛片区管理局", "department"), ("沭阳县人民政府", "government"), ("平潭综合实验区", "government"),
    ("平潭综合实验区管委会", "government"), ("广元市", "government"), ("孙家湾镇人民政府", "town"),
    ("凤灵街道办事处", "town"), ("洞头乡", "town"), ("", "unknown"), ("信息公开", "unknown"),
])
def test_the_kind_of_body_is_read_from_its_name(agency, kind):
    assert body_kind(agency)[0] == kind


def test_a_department_is_on_time_on_31_january_and_late_the_day_after():
    on_time = timeliness({"agency": "沭阳县发展和改革局", "year": 2023, "published_on": "2024-01-31"})
    late = timeliness({"agency": "沭阳县发展和改革局", "year": 2023, "published_on": "2024-02-01"})
    assert (on_time["status"], late["status"], late["days_late"]) == ("on_time", "late", 1)


def test_a_government_has_until_31_march_and_a_town_is_given_the_same():
    government = timeliness({"agency": "沭阳县人民政府", "year": 2023, "published_on": "2024-03-31"})
    town = timeliness({"agency": "孙家湾镇人民政府", "year": 2023, "published_on": "2024-04-01"})
    assert government["status"] == "on_time" and (town["status"], town["deadline"]) == ("late", "2024-03-31")


def test_an_unreadable_date_counts_as_unknown_not_on_time():
    result = timeliness({"agency": "沭阳县人民政府", "year": 2023, "published_on": "2024-13-45"})
    assert result["status"] == "unknown_date" and result["days_late"] is None
