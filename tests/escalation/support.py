"""Work items made directly, held since a given moment (the clock is moved with ``now=``)."""

import itertools
from datetime import datetime

from geography.models import Area
from officials.models import Official
from registration.models import Application, ApplicationSource, ApplicationStatus

_numbers = itertools.count(1)


def application(
    area: Area,
    holder: Official | None,
    held_since: datetime,
    status: str = ApplicationStatus.DRAFT,
) -> Application:
    return Application.objects.create(
        number=f"AP-2026-ESC{next(_numbers):05d}",
        area=area,
        holder=holder,
        held_since=held_since,
        status=status,
        source=ApplicationSource.FAMILY if holder is None else ApplicationSource.OFFICIAL,
        applicant_mobile=f"90{next(_numbers):08d}" if holder is None else "",
        created_by=holder,
    )
