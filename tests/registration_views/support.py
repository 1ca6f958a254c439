"""POST data for the registration form, built the way a browser sends it."""

from typing import Any

from geography.models import Area

HEAD = {
    "name_hi": "सुरेश पटेल",
    "name_en": "Suresh Patel",
    "gender": "M",
    "date_of_birth": "1980-05-01",
    "relation": "HEAD",
    "father_or_husband_name": "Mohan Patel",
    "marital_status": "MARRIED",
    "mobile": "9876543210",
    "caste_category": "OBC",
}
WIFE = {
    "name_hi": "गीता पटेल",
    "name_en": "Geeta Patel",
    "gender": "F",
    "age_years": "40",
    "relation": "SPOUSE",
    "father_or_husband_name": "Suresh Patel",
    "marital_status": "MARRIED",
    "caste_category": "OBC",
}


def form_data(
    area: Area, members: list[dict[str, Any]], action: str = "save", initial: int = 0
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "action": action,
        "area": area.pk,
        "house_number": "12",
        "locality": "Nehru Nagar",
        "pin_code": "462001",
        "language": "hi",
        "members-TOTAL_FORMS": str(len(members)),
        "members-INITIAL_FORMS": str(initial),
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "30",
    }
    for i, member in enumerate(members):
        for key, value in member.items():
            data[f"members-{i}-{key}"] = value
    return data
