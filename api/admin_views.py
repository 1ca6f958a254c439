"""The state admin's pages for department clients: list, register, a client's page with its
figures, change, replace the secret, revoke.

A secret is shown once, on the answer to the POST that made it: it is kept nowhere (not in
the session, not in a message), so a later page cannot show it again. Those answers, like
every page, carry "Cache-Control: no-store" (core.middleware), and never_cache says so here too.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from api import selectors
from api.forms import ClientAccessForm, ClientForm, RevokeForm
from api.labels import operation_label, purpose_label, scope_labels
from api.models import DepartmentClient
from api.services import (
    AlreadyRegistered,
    Credentials,
    client_register,
    client_revoke,
    client_rotate_secret,
    client_update,
)
from core.authz import officials_only
from core.forms import add_service_errors
from core.pagination import paginate
from officials.models import Official, Role


def _client(client_id: str) -> DepartmentClient:
    client = selectors.client_by_id(client_id)
    if client is None:
        raise Http404
    return client


def _credentials_page(
    request: HttpRequest, credentials: Credentials, *, rotated: bool
) -> HttpResponse:
    token_url = request.build_absolute_uri("/api/v1/token")
    return render(
        request,
        "api/client_credentials.html",
        {
            "client": credentials.client,
            "client_id": credentials.client_id,
            "client_secret": credentials.client_secret,
            "token_url": token_url,
            "rotated": rotated,
        },
    )


@officials_only(Role.STATE_ADMIN)
def client_list_view(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.clients_for_list())
    for client in page:
        client.scope_labels = scope_labels(client.scopes)  # type: ignore[attr-defined]
    return render(
        request,
        "api/client_list.html",
        {
            "page": page,
            "window_days": selectors.LIST_WINDOW_DAYS,
            "cap": selectors.READS_COUNT_CAP,
        },
    )


@never_cache
@officials_only(Role.STATE_ADMIN)
def client_create_view(request: HttpRequest) -> HttpResponse:
    actor: Official = request.user  # type: ignore[assignment]
    form = ClientForm(request.POST or None, initial={"area": "districts"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            credentials = client_register(
                actor=actor,
                name=data["name"],
                department=data["department"],
                contact_email=data["contact_email"],
                request_key=data.get("request_key") or "",
                **form.access(),
            )
        except AlreadyRegistered as again:
            messages.info(
                request,
                _(
                    "This form was sent already and registered the client below. Its secret "
                    "was shown once; if it was not kept, replace the secret."
                ),
            )
            return redirect("api:client", client_id=again.client.client_id)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _credentials_page(request, credentials, rotated=False)
    return render(request, "api/client_form.html", {"form": form, "creating": True})


@officials_only(Role.STATE_ADMIN)
def client_detail_view(request: HttpRequest, client_id: str) -> HttpResponse:
    client = _client(client_id)
    figures = selectors.client_figures(client)
    by_operation = [
        {
            "operation": operation_label(str(row["operation"])),
            "purpose": purpose_label(str(row["purpose"])),
            "n": row["n"],
        }
        for row in figures.by_operation
    ]
    return render(
        request,
        "api/client_detail.html",
        {
            "client": client,
            "scope_labels": scope_labels(client.scopes),
            "figures": figures,
            "days": selectors.FIGURES_DAYS,
            "by_operation": by_operation,
            "latest": [
                (read, operation_label(read.operation), purpose_label(read.purpose))
                for read in figures.latest
            ],
        },
    )


@officials_only(Role.STATE_ADMIN)
def client_edit_view(request: HttpRequest, client_id: str) -> HttpResponse:
    actor: Official = request.user  # type: ignore[assignment]
    client = _client(client_id)
    form = ClientAccessForm(request.POST or None, initial=ClientAccessForm.initial_for(client))
    if request.method == "POST" and form.is_valid():
        try:
            client_update(actor=actor, client=client, **form.access())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("api:client", client_id=client.client_id)
    return render(request, "api/client_form.html", {"form": form, "client": client})


@never_cache
@officials_only(Role.STATE_ADMIN)
def client_rotate_view(request: HttpRequest, client_id: str) -> HttpResponse:
    """Asks first (GET); the POST replaces the secret and shows the new one once."""
    actor: Official = request.user  # type: ignore[assignment]
    client = _client(client_id)
    error = ""
    if request.method == "POST":
        try:
            credentials = client_rotate_secret(actor=actor, client=client)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            return _credentials_page(request, credentials, rotated=True)
    return render(request, "api/client_rotate.html", {"client": client, "error": error})


@officials_only(Role.STATE_ADMIN)
def client_revoke_view(request: HttpRequest, client_id: str) -> HttpResponse:
    """Asks for the reason (GET); the POST revokes the client at once."""
    actor: Official = request.user  # type: ignore[assignment]
    client = _client(client_id)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        client_revoke(actor=actor, client=client, reason=form.cleaned_data["reason"])
        messages.success(
            request, _("The client is revoked: its tokens no longer work and it gets no new one.")
        )
        return redirect("api:client", client_id=client.client_id)
    return render(request, "api/client_revoke.html", {"client": client, "form": form})
