from __future__ import annotations

from rest_framework import serializers

from adisker.people.models import StaffProfile
from adisker.schools.models import School


class SchoolSerializer(serializers.ModelSerializer):
    district = serializers.CharField(source="district.name_kk")

    class Meta:
        model = School
        fields = [
            "id",
            "bin",
            "name_kk",
            "name_ru",
            "district",
            "school_type",
            "locality",
            "language",
            "pupil_count",
        ]


class StaffSerializer(serializers.ModelSerializer):
    school_bin = serializers.CharField(source="school.bin")
    position = serializers.CharField(source="position.code")
    category = serializers.CharField(source="category.code")
    subjects = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")

    class Meta:
        model = StaffProfile
        fields = [
            "id",
            "iin",
            "last_name",
            "first_name",
            "patronymic",
            "school_bin",
            "position",
            "category",
            "subjects",
            "education",
            "experience_started_on",
        ]
