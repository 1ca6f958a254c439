"""The change feed: births, deaths, marriages, migrations, merges and deactivations in the
client's districts, in the order they were recorded, read page by page with a cursor.

The cursor is opaque and signed (django.core.signing, salted for the feed): it holds the last
id given and the client it was given to, so a cursor of another client, or a forged or altered
one, is refused. A statewide client's page is ``id > cursor ORDER BY id LIMIT n`` on the primary
key; a client of some districts reads each district's by the (district, id) index, merged.

Changes younger than LAG are held back for the next call. Ids are handed out when a row is
written but become visible when its transaction commits, so a lower id may commit after a
higher one; a reader that had moved its cursor past the higher one would never see the lower.
Every register write commits well within LAG of recording its change, so a change is given once
it is LAG old, and never skipped.
"""

from datetime import datetime, timedelta
from typing import Any

from django.core import signing
from django.db import connections
from django.db import router as db_router
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from pydantic import BaseModel, Field

from api.auth import client_of, request_id
from api.models import DepartmentClient, Scope
from api.problems import ApiProblem
from api.services import district_ids, log_reads, require_purpose, require_scopes
from api.v1.records import PURPOSE_HELP
from api.v1.schemas import Problem
from ops.replicas import replica_horizon, replica_reads
from registry.models import ChangeKind, RegisterChange

router = Router(tags=["feed"])

LAG = timedelta(seconds=5)
# How far before ``since`` the search for its first id starts: the time a change is recorded
# follows its id except across transactions that overlap, which last well under this.
SINCE_MARGIN = timedelta(minutes=1)
PAGE = 1000
SALT = "api.v1.feed.cursor"
ERRORS = {400: Problem, 401: Problem, 403: Problem, 429: Problem}
KINDS_HELP = "Comma-separated kinds to return (all when omitted): " + ", ".join(ChangeKind.values)


class ChangeOut(BaseModel):
    # Plain pydantic models, not ninja's Schema: its per-attribute getter costs ~0.1 ms a
    # change, a tenth of a page's time budget.

    id: int = Field(..., description="Increases along the feed.")
    kind: str = Field(..., description="One of: " + ", ".join(ChangeKind.values))
    happened_at: datetime
    family_id: str
    member_id: str | None = Field(None, description="Absent for a change of the whole family.")
    district_lgd: str
    local_body_lgd: str
    area_lgd: str = Field(..., description="Gram Panchayat or ward (for a move: see details).")
    details: dict[str, Any] = Field(
        ...,
        description="Facts of the kind: date_of_birth, date_of_death, spouse, merged_into, "
        "from_area/to_area (LGD codes), from_family/to_family, fields (corrected)...",
    )


class ChangesOut(BaseModel):
    changes: list[ChangeOut]
    next_cursor: str = Field(
        ..., description="Give it as ``cursor`` to read on; the same when nothing new came."
    )


def _cursor(client: DepartmentClient, last_id: int, since: datetime | None) -> str:
    payload = {"c": client.pk, "i": last_id, "s": since.isoformat() if since else None}
    return signing.dumps(payload, salt=SALT, compress=False)


def _position(client: DepartmentClient, cursor: str) -> tuple[int, datetime | None]:
    try:
        payload = signing.loads(cursor[:500], salt=SALT)
        if payload["c"] != client.pk:
            raise ValueError("another client's cursor")
        since = datetime.fromisoformat(payload["s"]) if payload["s"] else None
        return int(payload["i"]), since
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ApiProblem("invalid-cursor") from None


def _kinds(raw: str) -> list[str]:
    kinds = sorted({k.strip() for k in raw.split(",") if k.strip()})
    unknown = [k for k in kinds if k not in ChangeKind.values]
    if unknown:
        raise ApiProblem(
            "invalid-request",
            _("Unknown kinds: %(unknown)s. Kinds: %(kinds)s.")
            % {"unknown": ", ".join(unknown), "kinds": ", ".join(ChangeKind.values)},
        )
    return kinds


def _first_id_before(when: datetime) -> int:
    """The last id recorded before ``when`` (less SINCE_MARGIN), by a binary search over the
    ids (each probe one step of the primary key's index): times follow ids closely enough."""
    target = when - SINCE_MARGIN
    top = RegisterChange.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    low, high = 0, top
    while low < high:
        middle = (low + high + 1) // 2
        probe = (
            RegisterChange.objects.filter(pk__gte=middle)
            .order_by("pk")
            .values_list("pk", "happened_at")
            .first()
        )
        if probe is None or probe[1] >= target:
            high = middle - 1
        else:
            low = min(probe[0], high)
    return low


def _ids_in_districts(
    districts: list[int], after: int, since: datetime | None, kinds: list[str], limit: int
) -> list[int]:
    """The next ids of these districts: each district's own by its (district, id) index, then
    merged, so that the cost is that of ``limit`` rows per district whatever the backlog."""
    table = RegisterChange._meta.db_table
    where, extra = "", list[Any]()
    if since is not None:
        where, extra = " AND happened_at >= %s", [since]
    if kinds:
        where += f" AND kind IN ({', '.join(['%s'] * len(kinds))})"
        extra += kinds
    parts, params = list[str](), list[Any]()
    for n, district in enumerate(districts):
        parts.append(
            f"SELECT id FROM (SELECT id FROM {table} WHERE district_id = %s AND id > %s{where} "  # noqa: S608 - our table; values are parameters
            f"ORDER BY id LIMIT %s) AS d{n}"
        )
        params += [district, after, *extra, limit]
    sql = " UNION ALL ".join(parts) + " ORDER BY id LIMIT %s"
    # Where the page's rows are read (the replica, in ops.replicas.replica_reads): the ids and
    # the rows must be one database's, or an id the other does not hold yet is passed over.
    with connections[db_router.db_for_read(RegisterChange)].cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        return [row[0] for row in cursor.fetchall()]


# Kinds that tell something of a scope beyond the feed's: only a client with that scope sees
# them (the row never holds the number itself, only that it was done).
SCOPED_KINDS = {
    ChangeKind.EKYC_DONE.value: Scope.EKYC.value,
    ChangeKind.MOBILE_LINKED.value: Scope.CONTACT.value,
}

COLUMNS = {
    "id": "pk",
    "kind": "kind",
    "happened_at": "happened_at",
    "family_id": "family_id",
    "member_id": "member_id",
    "district_lgd": "district__lgd_code",
    "local_body_lgd": "area__local_body__lgd_code",
    "area_lgd": "area__lgd_code",
    "details": "details",
}


def changes_page(
    client: DepartmentClient,
    *,
    after: int,
    since: datetime | None,
    kinds: list[str],
    limit: int,
    cutoff: datetime | None = None,
) -> list[dict[str, Any]]:
    """The client's next changes after id ``after``, oldest first, up to the first one recorded
    after ``cutoff`` (default: LAG ago): as the API gives them (ChangeOut's fields)."""
    hidden = {k for k, scope in SCOPED_KINDS.items() if scope not in client.scopes}
    if hidden:
        asked = kinds
        kinds = [k for k in (kinds or ChangeKind.values) if k not in hidden]
        if asked and not kinds:
            return []
    rows = RegisterChange.objects.all()
    districts = district_ids(client)
    if districts == []:
        return []
    if districts is not None and len(districts) == 1:
        rows = rows.filter(district_id=districts[0])
    elif districts is not None:
        rows = rows.filter(pk__in=_ids_in_districts(districts, after, since, kinds, limit))
    if since is not None:
        rows = rows.filter(happened_at__gte=since)
    if kinds:
        rows = rows.filter(kind__in=kinds)
    # One district: ordered as its (district, id) index is, which the planner then walks;
    # by id alone it walks the primary key and skips the other districts' rows.
    order = ("district_id", "pk") if districts is not None and len(districts) == 1 else ("pk",)
    names = list(COLUMNS)
    page = [
        dict(zip(names, values, strict=True))
        for values in rows.filter(pk__gt=after)
        .order_by(*order)
        .values_list(*COLUMNS.values())[:limit]
    ]
    cutoff = cutoff or timezone.now() - LAG
    young = next((n for n, row in enumerate(page) if row["happened_at"] > cutoff), None)
    page = page if young is None else page[:young]
    for row in page:
        row["member_id"] = row["member_id"] or None
    return page


def _read_page(
    client: DepartmentClient,
    *,
    after: int,
    since: datetime | None,
    kinds: list[str],
    limit: int,
) -> list[dict[str, Any]]:
    """The page, from the replica when the router allows it (ops.replicas) and the replica
    holds every change up to LAG ago; else from the primary.

    A cursor moves past every change it gives, so the page may give only changes before a time
    by which all of them are committed where it reads. On the primary that is LAG ago. The
    replica holds every transaction committed before its horizon (ops.replicas.replica_horizon),
    so there the page stops at the horizon less LAG: a change committed later than a higher id
    (within LAG of being recorded) is then neither given nor passed over. A replica whose
    horizon is older than LAG (replaying slowly, or an idle primary with nothing to replay) is
    left for the primary, so that the feed keeps up."""
    with replica_reads() as on_replica:
        horizon = replica_horizon() if on_replica else None
        if horizon is not None and horizon >= timezone.now() - LAG:
            return changes_page(
                client, after=after, since=since, kinds=kinds, limit=limit, cutoff=horizon - LAG
            )
    return changes_page(client, after=after, since=since, kinds=kinds, limit=limit)


@router.get(
    "/changes",
    response={200: ChangesOut, **ERRORS},
    summary="Follow the change feed",
    openapi_extra={"x-scope": ["feed"]},
)
def changes(
    request: HttpRequest,
    purpose: str = Query(..., description=PURPOSE_HELP),
    cursor: str = Query("", description="The next_cursor of the previous page; none to start."),
    since: datetime | None = Query(  # noqa: B008 - ninja's way of declaring a parameter
        None, description="Without a cursor: start at changes recorded from this time on."
    ),
    limit: int = Query(PAGE, ge=1, le=PAGE, description="Changes a page (at most 1,000)."),
    kinds: str = Query("", description=KINDS_HELP),
) -> ChangesOut:
    """The changes to the register in the client's districts, oldest first: births, deaths,
    marriages, members added or corrected, moves between families, migrations, merges,
    deactivations. Each names the Family ID and Member ID it concerns, IDs, dates and LGD codes
    only: read the record for more (that read is logged). Needs the ``feed`` scope.

    Start without a cursor (from the beginning) or with ``since``; then give each answer's
    ``next_cursor``. A page shorter than ``limit`` means you are at the end for now: ask again
    later with the same cursor. Changes are given once they are 5 seconds old. A move between
    districts is given in both: the row's area is the one left or the one joined."""
    client = client_of(request)
    require_scopes(client, "feed")
    require_purpose(client, purpose)
    wanted = _kinds(kinds)
    if cursor and since is not None:
        raise ApiProblem("invalid-request", _("Give either a cursor or since, not both."))
    if cursor:
        after, since = _position(client, cursor)
    else:
        if since is not None and timezone.is_naive(since):
            since = timezone.make_aware(since)
        after = _first_id_before(since) if since is not None else 0
    page = _read_page(client, after=after, since=since, kinds=wanted, limit=limit)
    families: dict[str, list[str]] = {}
    for row in page:
        ids = families.setdefault(row["family_id"], [])
        if row["member_id"] and row["member_id"] not in ids:
            ids.append(row["member_id"])
    log_reads(
        client,
        purpose=purpose,
        operation="feed",
        scopes=["feed"],
        families=families.items(),
        request_id=request_id(request),
    )
    last = page[-1]["id"] if page else after
    return ChangesOut.model_validate({"changes": page, "next_cursor": _cursor(client, last, since)})
