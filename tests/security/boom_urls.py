"""The portal's URLs plus one view that fails, to see the 500 page a visitor would get."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from core.authz import public
from samagra.urls import urlpatterns as portal_urlpatterns

SECRET_IN_TRACEBACK = "Ramesh-9876543210-secret"


@public
def boom_view(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(SECRET_IN_TRACEBACK)


urlpatterns = [*portal_urlpatterns, path("boom/", boom_view, name="boom")]
