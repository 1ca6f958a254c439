"""Who the duplicate check compares (registration.duplicates): the blocks of one applicant
member, and the one query that reads every block of a family's members.

**Blocks**: a registered member is a candidate when they share the gender and one of: a name key
(registry.names: of a word carrying the name, in either script) as the first or the last word of
their name, with a birth year within ±YEAR_WINDOW (or none); the father's or husband's name key
with that year; the exact date of birth; in the whole state, the strong keys (the same date of
birth and name key; the same name and relative keys and year ±1; the same mobile); and the
member whose e-KYC holds the applicant's Aadhaar. A block is cut at BLOCK_LIMIT rows, the closest
birth years first (never by row order).

Each block reads the member table alone and the union of a family's blocks is joined once to the
families and local bodies: PostgreSQL plans a one-table block in a fraction of the time of a
block with joins, and planning, not running, was most of a family's query.
"""

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from django.db import connection

from geography.models import Area, LocalBody
from identity.models import MemberEkyc
from registration.models import Application, ApplicationMember, ApplicationStatus
from registry.matching import is_placeholder
from registry.models import Family, Member, MemberStatus

if TYPE_CHECKING:
    from registration.duplicates import _Search

YEAR_WINDOW = 2
BLOCK_LIMIT = 300  # rows read per applicant member, block and query at most
PENDING = [ApplicationStatus.SUBMITTED, ApplicationStatus.RETURNED]


class Row(NamedTuple):
    """A registered member as the search reads them: what the comparison needs, nothing more."""

    search: int  # which applicant's block found them
    id: int
    family_id: int
    name_latin: str
    name_hi_latin: str
    relative_latin: str
    gender: str
    date_of_birth: date | None
    birth_year: int | None
    mobile: str
    marital_status: str
    relation: str
    local_body_id: int
    area_id: int
    village_id: int | None
    district_id: int


# Names from the models and placeholders only; every value is a query parameter. Each block
# reads the member table alone (a subquery of one table is cheap to plan: with the joins in
# every block, planning a family's query took longer than running it), and the union of the
# blocks is joined once to the families and local bodies.
MEMBER_SELECT = (
    "SELECT %s AS i, m.id, m.family_id, m.name_latin, m.name_hi_latin, m.relative_latin, "  # noqa: S608
    "m.gender, m.date_of_birth, m.birth_year, m.mobile, m.marital_status, m.relation, "
    f"m.local_body_id FROM {Member._meta.db_table} m "
)
REGISTERED_SELECT = (
    "SELECT u.*, f.area_id, f.village_id, lb.district_id FROM ({blocks}) u "  # noqa: S608
    f"JOIN {Family._meta.db_table} f ON f.id = u.family_id "
    f"JOIN {LocalBody._meta.db_table} lb ON lb.id = u.local_body_id"
)
Param = int | str | date
# The row's member columns in the model's field order, as Model.from_db wants them.
MEMBER_COLUMNS = [f.attname for f in Member._meta.concrete_fields if f.attname in Row._fields]


def _marks(values: Sequence[object]) -> str:
    return ", ".join(["%s"] * len(values))


def _row(values: tuple[Any, ...]) -> Row:
    row = Row(*values)
    if isinstance(row.date_of_birth, str):  # SQLite gives a raw cursor dates as text
        return row._replace(date_of_birth=date.fromisoformat(row.date_of_birth))
    return row


def member_of(row: Row) -> Member:
    """The member with the compared columns loaded (any other loads when first used)."""
    values = row._asdict()
    return Member.from_db(connection.alias, MEMBER_COLUMNS, [values[c] for c in MEMBER_COLUMNS])


class Block(NamedTuple):
    where: str
    params: list[Param]


def _year_window(s: "_Search", window: int = YEAR_WINDOW) -> Block:
    year = s.person.birth_year
    if year is None:
        return Block("", [])
    return Block(
        " AND (m.birth_year BETWEEN %s AND %s OR m.birth_year IS NULL)",
        [year - window, year + window],
    )


def local_blocks(s: "_Search", local_body_ids: list[int]) -> list[Block]:
    """The blocks within these local bodies (the indexes member_duplicate_search,
    member_surname_search, member_relative_search and member_birth_search serve them)."""
    place = f" AND m.gender = %s AND m.local_body_id IN ({_marks(local_body_ids)})"
    around: list[Param] = [s.applicant.gender, *local_body_ids]
    years = _year_window(s)
    blocks = []
    if s.keys:
        for column in ("name_key", "surname_key"):
            blocks.append(
                Block(
                    f"m.{column} IN ({_marks(s.keys)}){place}{years.where}",
                    [*s.keys, *around, *years.params],
                )
            )
    if s.relative_key:
        blocks.append(
            Block(
                f"m.relative_key = %s{place}{years.where}", [s.relative_key, *around, *years.params]
            )
        )
    if s.person.date_of_birth and not is_placeholder(s.person.date_of_birth):
        blocks.append(Block(f"m.date_of_birth = %s{place}", [s.person.date_of_birth, *around]))
    return blocks


def state_blocks(s: "_Search") -> list[Block]:
    """The strong keys, anywhere in the state: someone registered in another district (indexes
    member_birth_search, member_state_search, member_mobile)."""
    blocks = []
    gender = s.applicant.gender
    if s.keys and s.person.date_of_birth and not is_placeholder(s.person.date_of_birth):
        blocks.append(
            Block(
                f"m.date_of_birth = %s AND m.gender = %s AND m.name_key IN ({_marks(s.keys)})",
                [s.person.date_of_birth, gender, *s.keys],
            )
        )
    if s.keys and s.relative_key and s.person.birth_year is not None:
        year = s.person.birth_year
        blocks.append(
            Block(
                f"m.name_key IN ({_marks(s.keys)}) AND m.relative_key = %s "
                "AND m.birth_year BETWEEN %s AND %s AND m.gender = %s",
                [*s.keys, s.relative_key, year - 1, year + 1, gender],
            )
        )
    if s.person.mobile:
        blocks.append(Block("m.mobile = %s AND m.gender = %s", [s.person.mobile, gender]))
    return blocks


def aadhaar_blocks(s: "_Search") -> list[Block]:
    """The registered member whose e-KYC holds the applicant's Aadhaar (one at most: the
    e-KYC's token is unique), whatever their gender or place."""
    token = s.applicant.aadhaar_token_id
    if not token:
        return []
    ekyc = MemberEkyc._meta.db_table
    where = f"m.id IN (SELECT e.member_id FROM {ekyc} e WHERE e.aadhaar_token = %s)"  # noqa: S608
    return [Block(where, [token])]


def _block_sql(index: int, s: "_Search", block: Block) -> tuple[str, list[Param]]:
    """One block of one applicant, at most BLOCK_LIMIT rows: the closest birth years first."""
    year = s.person.birth_year
    order = "m.id" if year is None else "abs(coalesce(m.birth_year, %s) - %s), m.id"
    order_params: list[Param] = [] if year is None else [year, year]
    sql = (
        f"SELECT * FROM ({MEMBER_SELECT}WHERE {block.where} AND m.status <> %s "  # noqa: S608
        f"ORDER BY {order} LIMIT %s) s"
    )
    # A retired Member ID is not a candidate: the one it was merged into is.
    return sql, [index, *block.params, MemberStatus.MERGED, *order_params, BLOCK_LIMIT]


def registered_in(
    searches: Sequence[tuple[int, "_Search"]],
    blocks: Callable[["_Search"], list["Block"]],
    *,
    aadhaar: bool = False,
) -> list[Row]:
    """Registered members in one of the blocks of each of ``searches``, in one query. With
    ``aadhaar``, also the member of the same Aadhaar: their row's ``search`` is -1 - index
    (same_aadhaar_rows)."""
    parts: list[str] = []
    params: list[Param] = []
    for index, s in searches:
        found = [(index, block) for block in blocks(s)]
        if aadhaar:
            found += [(-1 - index, block) for block in aadhaar_blocks(s)]
        for mark, block in found:
            sql, values = _block_sql(mark, s, block)
            parts.append(sql)
            params += values
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute(REGISTERED_SELECT.format(blocks=" UNION ALL ".join(parts)), params)
        return [_row(values) for values in cursor.fetchall()]


def pending_in_district(searches: "list[_Search]") -> list[ApplicationMember]:
    """Members of the district's other pending applications in the block of one of the family
    (few: applications wait days, not years). One query; a second one loads those found."""
    first = searches[0]
    keys = sorted({k for s in searches for k in s.keys})
    if not keys:
        return []
    other = "" if first.applicant.application_id is None else " AND am.application_id <> %s"
    sql = (
        f"SELECT am.id, am.name_key, am.gender, am.birth_year "  # noqa: S608 - values as parameters
        f"FROM {ApplicationMember._meta.db_table} am "
        f"JOIN {Application._meta.db_table} a ON a.id = am.application_id "
        f"JOIN {Area._meta.db_table} ar ON ar.id = a.area_id "
        f"JOIN {LocalBody._meta.db_table} lb ON lb.id = ar.local_body_id "
        f"WHERE am.name_key IN ({_marks(keys)}) "
        f"AND a.status IN ({_marks(PENDING)}) AND lb.district_id = %s{other}"
    )
    params: list[Param] = [*keys, *PENDING, first.person.district_id]
    if other:
        params.append(first.applicant.application_id)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = [
            pk for pk, *block in cursor.fetchall() if any(s.shares_block(*block) for s in searches)
        ]
    if not ids:
        return []
    return list(
        ApplicationMember.objects.filter(pk__in=sorted(ids)[: BLOCK_LIMIT * len(searches)])
        .select_related("application__area__local_body")
        .order_by("pk")
    )
