"""A small, valid LGD-style geography written as CSV files, for the importer tests.

One state, one division, one district with a Janpad (two GPs, three villages) and a Nagar
Palika Parishad (two wards). Tests change a row or add one to make the import go wrong.
"""

from pathlib import Path

HEADERS = {
    "states": "state_code,state_name_en,state_name_hi",
    "divisions": "division_code,division_name_en,division_name_hi,state_code",
    "districts": "district_code,district_name_en,district_name_hi,division_code",
    "local_bodies": (
        "local_body_code,local_body_name_en,local_body_name_hi,local_body_type,district_code"
    ),
    "areas": "area_code,area_name_en,area_name_hi,area_type,local_body_code",
    "villages": "village_code,village_name_en,village_name_hi,area_code",
}

ROWS = {
    "states": ["23,Madhya Pradesh,मध्य प्रदेश"],
    "divisions": ["2301,Bhopal,भोपाल,23"],
    "districts": ["413,Bhopal,भोपाल,2301"],
    "local_bodies": ["6701,Phanda,फंदा,JP,413", "248101,Bhopal Nagar Nigam,नगर निगम भोपाल,NN,413"],
    "areas": [
        "130001,Barkheda Nathu,बरखेड़ा नाथू,GP,6701",
        "130002,Intkhedi,ईंटखेड़ी,GP,6701",
        "900101,Ward 1,वार्ड 1,WARD,248101",
        "900102,Ward 2,वार्ड 2,WARD,248101",
    ],
    "villages": [
        "482001,Barkheda Nathu,बरखेड़ा नाथू,130001",
        "482002,Kalapani,कालापानी,130001",
        "482003,Intkhedi,ईंटखेड़ी,130002",
    ],
}

ORDER = ["states", "divisions", "districts", "local_bodies", "areas", "villages"]


def write_geography(folder: Path, **rows: list[str]) -> list[Path]:
    """Write one CSV per level into folder; keyword arguments replace a level's rows."""
    paths = []
    for number, level in enumerate(ORDER, start=1):
        path = folder / f"{number}_{level}.csv"
        lines = [HEADERS[level], *rows.get(level, ROWS[level])]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
