"""Every URL pattern of the portal, found by walking the URL configuration."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str
    callback: Callable[..., Any]
    params: tuple[str, ...]

    @property
    def authz(self) -> object:
        return getattr(self.callback, "authz", None)

    @property
    def is_public(self) -> bool:
        return self.authz == "public"

    @property
    def is_citizens(self) -> bool:
        return self.authz == "citizens"

    @property
    def is_api(self) -> bool:
        """The department API's (api/urls.py): a client's bearer token, not a session, decides;
        tests/api/test_authz_matrix.py walks them."""
        return self.authz == "api-client"

    @property
    def roles(self) -> tuple[str, ...]:
        assert isinstance(self.authz, tuple), self.name
        return self.authz[1]


def _walk(
    resolver: URLResolver, namespace: str = "", params: tuple[str, ...] = ()
) -> Iterator[Route]:
    for entry in resolver.url_patterns:
        own = tuple(entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, inner, params + own)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else f"<unnamed {entry.pattern}>"
            yield Route(name=name, callback=entry.callback, params=params + own)


ROUTES = sorted(_walk(get_resolver()), key=lambda r: r.name)
