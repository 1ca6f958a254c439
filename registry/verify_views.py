"""The public page a family card's QR code opens: is this card genuine, and is it still what
the register says? No sign-in; limited per client so that it cannot be used to walk the
register (a forged link is refused before the register is read, and a genuine one shows only
what its card printed)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from core.authz import public
from core.net import client_address
from core.ratelimit import rate_limit_hit
from registry.card_verify import card_answer

HOUR = 3600
# A payload is ~30 bytes plus 8 per member: 2,000 characters is far more than any card's.
MAX_PAYLOAD = 2000


@never_cache
@public
def card_verify_view(request: HttpRequest, payload: str) -> HttpResponse:
    context: dict[str, object] = {
        "issuer_hi": settings.CARD_ISSUER_HI,
        "issuer_en": settings.CARD_ISSUER_EN,
    }
    if not rate_limit_hit(
        f"card-verify:{client_address(request)}",
        limit=settings.CARD_VERIFY_PER_HOUR,
        window_seconds=HOUR,
    ):
        context["limited"] = True
        return render(request, "registry/card_verify.html", context, status=429)
    answer = card_answer(payload if len(payload) <= MAX_PAYLOAD else "")
    return render(request, "registry/card_verify.html", {**context, "answer": answer})
