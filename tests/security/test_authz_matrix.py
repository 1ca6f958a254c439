"""Every URL of the portal by every persona, built from the URL configuration itself.

A new view without an authz decorator, or a new path parameter the matrix cannot fill, fails
here by name. Path parameters always name an object outside the requester's jurisdiction; the
answer must be a refusal (sign-in redirect, 403, 404) that shows none of that object's data.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from documents.models import Document, DocumentKind
from identity.actors import Citizen
from identity.citizen import SESSION_KEY
from identity.uidai.residents import sandbox_aadhaar
from migration.models import MigrationRequest, MigrationType
from officials.models import Official, Role
from registration.attachments import application_document_attach
from registration.models import Application, ApplicationDocument, PossibleDuplicate
from registry.card_signing import CardPayload, card_sign
from registry.card_verify import family_digest, member_digest
from registry.models import Family
from tests import factories as f
from tests.conftest import World, client_for
from tests.documents.test_hostile_uploads import PDF_BODY
from tests.registration import builders
from tests.security.urlconf import ROUTES, Route
from updates.models import ChangeRequest

# "citizen" is signed in (citizen sign-in) to family_a1, another family than the targets'.
PERSONAS = ["anonymous", "citizen", "alice", "carol", "erin"]
# A field official of the other district: the official an LB officer could manage, were they
# in the same local body.
TARGET_OFFICIALS = ["dave", "xena"]


@pytest.fixture(autouse=True)
def production_error_pages(settings: Any) -> None:
    """The pages a real visitor gets for 403/404, not Django's debug pages."""
    settings.DEBUG = False


@dataclass
class Targets:
    world: World
    xena: Official

    def change_x1(self) -> "ChangeRequest":
        """A pending change request of family_x1, with a document (updates app)."""
        from tests.security.update_targets import pending_change_with_document

        return pending_change_with_document(self.world)

    def official(self, key: str) -> Official:
        return self.xena if key == "xena" else self.world.dave

    @cached_property
    def application(self) -> Application:
        """A submitted application in x1, and a second one with the same head (its duplicate)."""
        head = builders.head(name_en="Xerxes Outlander", name_hi="ज़र्क्सीज़ आउटलैंडर")
        first = builders.submitted(self.xena, self.world.x1, [head])
        builders.submitted(self.xena, self.world.x1, [head])
        return first

    @cached_property
    def duplicate(self) -> PossibleDuplicate:
        self.application  # noqa: B018 (creates both applications)
        return PossibleDuplicate.objects.filter(application__area=self.world.x1).first()  # type: ignore[return-value]

    @cached_property
    def document(self) -> ApplicationDocument:
        """A document attached to the outside application, while it was a draft."""
        draft = builders.draft(self.xena, self.world.x1, [builders.head(mobile="")])
        upload = SimpleUploadedFile("proof.pdf", PDF_BODY)
        return application_document_attach(
            actor=self.xena, application=draft, upload=upload, kind="supporting"
        )

    def secrets(self) -> list[str]:
        """Strings that only appear on a page that shows the outside objects."""
        family = self.world.family_x1
        member = family.members.get()
        return [
            family.family_id,
            member.member_id,
            member.name_en,
            member.name_hi,
            self.world.dave.mobile,
            self.world.dave.user_id,
            self.xena.mobile,
            self.xena.user_id,
            self.xena.name,
            "Xerxes Outlander",
            "ज़र्क्सीज़ आउटलैंडर",
        ]


@pytest.fixture
def targets(world: World, settings: Any, tmp_path: Any) -> Targets:
    # Documents the fillers attach are stored in the test's own folder.
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "documents")},
        },
    }
    member = world.family_x1.members.get()
    member.name_en, member.name_hi = "Xanthippe Quorra", "ज़ैन्थिप्पे क्वोरा"
    member.save()
    return Targets(
        world=world, xena=f.field_official(world.x1, user_id="xena", name="Xena Outsider")
    )


def _kwargs(route: Route, targets: Targets, official_key: str) -> dict[str, object]:
    fillers: dict[str, Callable[[], object]] = {
        "family_id": lambda: targets.world.family_x1.family_id,
        "pk": lambda: (
            # escalation:assign names a piece of work: the application in x1.
            targets.application.pk
            if route.name == "escalation:assign"
            else targets.official(official_key).pk
        ),
        "kind": lambda: "application",
        "role": lambda: "local-body-officer",
        "number": lambda: (
            _x1_migration(targets.world).number
            if route.name.startswith("migration:")
            else targets.document.application.number
            if "document_id" in route.params
            else targets.application.number
        ),
        "duplicate_id": lambda: targets.duplicate.pk,
        "document_id": lambda: targets.document.pk,
        "token": lambda: _x1_migration(targets.world).documents.get().token,
        "member_id": lambda: targets.world.family_x1.members.get().member_id,
        "change_number": lambda: targets.change_x1().number,
        "document_token": lambda: targets.change_x1().documents.get().token,
        "cluster_id": lambda: _outside_cluster(targets).pk,
        "case_id": lambda: _outside_case(targets).pk,
        # An API export (api.v1.exports) is the client's own: none is the portal's to name.
        "export_id": lambda: "0" * 24,
        "client_id": lambda: _department_client(targets).client_id,
        "grievance_number": lambda: _outside_grievance(targets).number,
        # A card link of family_x1 whose signature is broken: a forged card shows nothing.
        "payload": lambda: _forged_card(targets.world.family_x1),
    }
    unknown = [p for p in route.params if p not in fillers]
    assert not unknown, f"{route.name}: teach the matrix how to fill {unknown}"
    return {p: fillers[p]() for p in route.params}


def _forged_card(family: Family) -> str:
    members = tuple((m.member_id, member_digest(m)) for m in family.members.all())
    payload = CardPayload(family.family_id, family_digest(family), members, timezone.now())
    signed = card_sign(payload)
    return signed[:-10] + ("A" if signed[-10] != "A" else "B") + signed[-9:]


def _x1_migration(world: World) -> MigrationRequest:
    """A pending migration request of family_x1 into another area of lb_x (dave's)."""
    found = MigrationRequest.objects.filter(family=world.family_x1).first()
    if found is not None:
        return found
    now = timezone.now()
    request = MigrationRequest.objects.create(
        number="MIG-2026-XTARGET2",
        family=world.family_x1,
        requested_by_member_id=world.family_x1.members.get().member_id,
        type=MigrationType.WITHIN_LOCAL_BODY,
        from_area=world.x1,
        to_area=f.AreaFactory(local_body=world.lb_x),
        locality="Outside Lane",
        pin_code="462001",
        auth_method="otp",
        auth_txn="SBXtarget",
        auth_at=now,
    )
    request.documents.add(
        Document.objects.create(
            kind=DocumentKind.PROOF_OF_ADDRESS,
            storage_name="2026/01/target.pdf",
            content_type="application/pdf",
            size=10,
            sha256="0" * 64,
            original_name="target.pdf",
        )
    )
    return request


def citizen_client(family: Family) -> Client:
    """A browser signed in as a citizen of ``family`` (as identity.citizen.citizen_login
    leaves it)."""
    client = Client()
    member = family.members.first()
    assert member is not None
    citizen_login_in(client, Citizen(family_id=family.family_id, member_id=member.member_id))
    return client


def citizen_login_in(client: Client, citizen: Citizen) -> None:
    session = client.session
    session[SESSION_KEY] = {
        "family_id": citizen.family_id,
        "member_id": citizen.member_id,
        "expires": (timezone.now() + timedelta(minutes=10)).isoformat(),
    }
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key


def _outside_cluster(targets: Targets) -> object:
    """A duplicate-sweep group of x1's member, in the other district."""
    from scale.models import DuplicateCluster, DuplicateClusterMember

    world = targets.world
    cluster = DuplicateCluster.objects.create(
        sweep="matrix", area=world.x1, size=1, best_probability=0.99
    )
    DuplicateClusterMember.objects.create(cluster=cluster, member=world.family_x1.members.get())
    return cluster


def _department_client(targets: Targets) -> Any:
    """A department API client (api app), registered by the state admin."""
    from api.models import DepartmentClient
    from api.services import client_register

    found = DepartmentClient.objects.first()
    if found is not None:
        return found
    return client_register(
        actor=targets.world.sam,
        name="Outside Pension System",
        department="Social Justice",
        scopes=["identity"],
        purposes=["old-age-pension-eligibility"],
        statewide=True,
        districts=[],
        rate_per_minute=60,
        expires_on=timezone.localdate() + timedelta(days=30),
    ).client


def _outside_grievance(targets: Targets) -> object:
    """A grievance of family_x1 (grievances app), held by dave, in the other district."""
    from grievances.models import Grievance

    world = targets.world
    found = Grievance.objects.filter(family=world.family_x1).first()
    if found is not None:
        return found
    return Grievance.objects.create(
        number="GR260101XTARGET",
        family=world.family_x1,
        category="no_action",
        description="Outside grievance",
        filed_by_member_id=world.family_x1.members.get().member_id,
        level="LB",
        holder=world.dave,
        deadline_at=timezone.now() + timedelta(days=7),
    )


def _outside_case(targets: Targets) -> object:
    """A deactivation notice on x1's member (duplicates app), in the other district."""
    from duplicates.models import DuplicateCase

    world = targets.world
    member = world.family_x1.members.get()
    found = DuplicateCase.objects.filter(member=member).first()
    if found is not None:
        return found
    return DuplicateCase.objects.create(
        kind="DEACTIVATE",
        source="OFFICIAL",
        ground="NOT_EXISTING",
        status="NOTICE",
        area=world.x1,
        member=member,
        reason="Outside case",
        notice_until=timezone.now() + timedelta(days=30),
        created_by=world.dave,
    )


def _client(persona: str, world: World) -> Client:
    if persona == "anonymous":
        return Client()
    if persona == "citizen":
        return citizen_client(world.family_a1)
    return client_for(getattr(world, persona))


# What a POST carries: enough to change the target if the view forgot to refuse.
POST_DATA = {
    "officials:edit": {
        "name": "Changed By Outsider",
        "designation": "GP_SECRETARY",
        "mobile": "9111111111",
    },
    "officials:set_active": {"active": "0"},
    "officials:choose_area": {"area": "x1"},
    "registration:reject": {"reject-reason": "Rejected by an outsider"},
    "registration:return": {"return-reason": "Returned by an outsider"},
    "registration:duplicate_decide": {"decision": "duplicate", "dup-reason": "By an outsider"},
    "registration:edit": {"action": "save", "area": "x1", "members-TOTAL_FORMS": "0"},
    "migration:reject": {"reason": "OTHER", "details": "Rejected by an outsider"},
    "updates:correction_new": {"step": "preview", "name_en": "Changed By Outsider"},
    "updates:death_new": {"step": "preview", "date_of_death": "2025-01-01"},
    "updates:change_reject": {"reason": "Rejected by an outsider"},
    # The family's own reports (updates/citizen_views.py): a member of another family is a 404.
    "updates:citizen_correction_new": {"name_en": "Changed By Outsider", "gender": "M"},
    # Member e-KYC and mobile linking (identity/member_views.py), for officials and citizens.
    **{
        f"identity:{door}{step}": data
        for door in ("", "citizen_")
        for step, data in {
            "ekyc_start": {"aadhaar": sandbox_aadhaar(1), "method": "otp"},
            "ekyc_otp": {"otp": "123456"},
            "ekyc_biometric": {"modality": "finger", "sandbox_device": "enrolled"},
            "mobile_link": {"mobile": "9111111111"},
            "mobile_link_verify": {"code": "123456"},
        }.items()
    },
    "scale:cluster_detail": {"status": "DISTINCT", "reason": "Changed by an outsider"},
    # Duplicates: merges, notices, objections and decisions (duplicates/views.py).
    "duplicates:merge": {"survivor": "000000000", "source": "OFFICIAL", "reason": "Outsider"},
    "duplicates:deactivate": {"ground": "NOT_EXISTING", "source": "OFFICIAL", "reason": "Outsider"},
    "duplicates:reactivate": {"reason": "Reactivated by an outsider"},
    "duplicates:case_object": {"text": "Objected by an outsider"},
    "duplicates:case_decide": {"action": "withdraw", "reason": "Withdrawn by an outsider"},
    "duplicates:citizen_object": {"text": "Objected by an outsider"},
    # Department API clients (api/admin_views.py): the state admin's only.
    "api:client_edit": {"scopes": ["identity"], "purposes": "outsider", "area": "state"},
    "api:client_revoke": {"reason": "Revoked by an outsider"},
    "duplicates:report": {"other": "000000000", "reason": "Reported by an outsider"},
    # Grievances (grievances/views.py, citizen_views.py): officials' and the family's writes.
    "grievances:new": {"category": "other", "description": "Filed by an outsider"},
    "grievances:reply": {"text": "Replied by an outsider"},
    "grievances:close": {"reason": "Closed by an outsider"},
    "grievances:citizen_reply": {"text": "Replied by an outsider"},
    "grievances:citizen_reopen": {"reason": "Reopened by an outsider"},
}


def _post_data(route: Route, targets: Targets) -> dict[str, object]:
    data = dict(POST_DATA.get(route.name, {}))
    if data.get("area") == "x1":
        data["area"] = targets.world.x1.pk
    if "dup-reason" in data:
        data[f"dup{targets.duplicate.pk}-reason"] = data.pop("dup-reason")
    return data


def _requests(client: Client, route: Route, url: str, targets: Targets) -> list[HttpResponse]:
    """GET, and POST too when the view is POST-only or names an object (forms that write)."""
    got = client.get(url)
    responses = [got] if got.status_code != 405 else []
    if got.status_code == 405 or route.params:
        responses.append(client.post(url, _post_data(route, targets)))
    return responses


def _assert_refused(response: HttpResponse, persona: str, route: Route, where: str) -> None:
    if route.is_citizens and persona != "citizen":
        assert response.status_code == 302, where
        assert response["Location"].startswith(reverse("identity:citizen_sign_in")), where
    elif persona in ("anonymous", "citizen") and not route.is_citizens:
        assert response.status_code == 302, where
        assert response["Location"].startswith(reverse("officials:login")), where
    else:
        assert response.status_code in (403, 404), f"{where}: {response.status_code}"


CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _assert_no_leak(response: HttpResponse, url: str, targets: Targets, where: str) -> None:
    # The requested path is echoed (language switcher's "next"); it is the requester's own input.
    # CSRF tokens are random letters and digits: one held "dave" once (a 4-letter secret).
    body = CSRF_TOKEN.sub("", response.content.decode(errors="replace").replace(url, ""))
    leaked = [s for s in targets.secrets() if s in body]
    assert not leaked, f"{where} shows {leaked}"


def test_every_view_declares_who_may_reach_it() -> None:
    # given the URL configuration / then every view carries public or officials_only
    undeclared = [r.name for r in ROUTES if r.authz is None]
    assert not undeclared, f"views without core.authz.public / officials_only: {undeclared}"
    assert len(ROUTES) >= 15


# Each URL once, and URLs naming an official once per target official.
CASES = [
    pytest.param(route, key, id=f"{route.name}-{key}" if "pk" in route.params else route.name)
    for route in ROUTES
    if not route.is_api  # the API's own matrix: test_the_api_routes_are_left_to_the_api_matrix
    for key in (TARGET_OFFICIALS if "pk" in route.params else TARGET_OFFICIALS[:1])
]


def test_the_api_routes_are_left_to_the_api_matrix() -> None:
    """Each API route serves operations of the schema, all walked by tests/api's matrix, or is
    one of ninja's own (its root, the schema itself)."""
    from tests.api.test_authz_matrix import SECURED, api_route_paths

    paths = api_route_paths()
    assert paths, "no route is marked api-client"
    ninja_own = {n for n in paths if n.endswith((":api-root", ":openapi-json"))}
    served = {op.path for op in SECURED} | {"/api/v1/token"}
    assert {paths[n] for n in paths.keys() - ninja_own} == served


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("route", "official_key"), CASES)
def test_it_refuses_objects_outside_the_jurisdiction(
    route: Route, official_key: str, persona: str, targets: Targets
) -> None:
    # given a persona and a URL naming an object outside their jurisdiction
    world = targets.world
    url = reverse(route.name, kwargs=_kwargs(route, targets, official_key))
    client = _client(persona, world)
    # when they request it
    for response in _requests(client, route, url, targets):
        where = f"{persona} {response.request['REQUEST_METHOD']} {url} ({route.name})"
        # then it is refused, unless the view is public or open to their role and names nothing
        assert response.status_code < 500, where
        if not route.is_public:
            if route.is_citizens:
                role_allowed = persona == "citizen"
            else:
                role_allowed = persona not in ("anonymous", "citizen") and (
                    not route.roles or getattr(world, persona).role in route.roles
                )
            if not role_allowed or route.params:
                _assert_refused(response, persona, route, where)
        # and it never shows the outside objects' data
        _assert_no_leak(response, url, targets, where)


@pytest.mark.parametrize("persona", ["alice", "carol", "erin"])
def test_refused_writes_change_nothing(persona: str, targets: Targets) -> None:
    # given outside officials and a persona with no power over them
    world = targets.world
    client = client_for(getattr(world, persona))
    for target in (world.dave, targets.xena):
        before = Official.objects.values().get(pk=target.pk)
        # when the persona posts to every write of the target
        for name in ("officials:edit", "officials:set_active", "officials:reset_password"):
            client.post(reverse(name, kwargs={"pk": target.pk}), POST_DATA.get(name, {}))
        # then the target is unchanged
        assert Official.objects.values().get(pk=target.pk) == before


def test_a_field_official_cannot_choose_an_outside_area(targets: Targets) -> None:
    # given alice, a field official of a1 and a2
    world = targets.world
    client = client_for(world.alice)
    # when she asks to work in x1, another district's area
    client.post(reverse("officials:choose_area"), {"area": world.x1.pk})
    # then nothing is chosen and x1's family is not listed
    assert "current_area" not in client.session
    body = client.get(reverse("registry:family_list")).content.decode()
    assert world.family_x1.family_id not in body
    assert world.family_a1.family_id in body


def test_the_leak_check_sees_the_data_where_access_is_granted(targets: Targets) -> None:
    # given sam, the state admin, who may see everything (a control for the checks above)
    world = targets.world
    client = client_for(world.sam)
    family_url = reverse("registry:family_detail", kwargs={"family_id": world.family_x1.family_id})
    official_url = reverse("officials:detail", kwargs={"pk": targets.xena.pk})
    # when sam opens the outside family and official
    family_page = client.get(family_url)
    official_page = client.get(official_url)
    # then both are shown, and the leak check would have caught them
    assert family_page.status_code == official_page.status_code == 200
    assert "Xanthippe Quorra" in family_page.content.decode()
    assert targets.xena.mobile in official_page.content.decode()
    with pytest.raises(AssertionError):
        _assert_no_leak(official_page, official_url, targets, "control")


def test_role_mismatches_are_forbidden(world: World) -> None:
    # given officials whose role does not open these pages
    cases = [
        (world.alice, "officials:list"),
        (world.alice, "officials:create"),
        (world.alice, "sms_outbox"),
        (world.alice, "audit_list"),
        (world.carol, "officials:choose_area"),
    ]
    for official, name in cases:
        assert official.role in (Role.FIELD_OFFICIAL, Role.LOCAL_BODY_OFFICER)
        client = client_for(official)
        # when they open them / then they are refused with 403
        response = client.get(reverse(name))
        if response.status_code == 405:
            response = client.post(reverse(name))
        assert response.status_code == 403, f"{official.user_id} {name}"
