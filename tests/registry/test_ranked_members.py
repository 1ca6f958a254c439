from django.core.paginator import Paginator

from registry.models import Member
from registry.search import RankedMembers
from tests import factories as f
from tests.conftest import World


def test_ranked_members_keep_the_ranking_and_read_one_page(
    world: World, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    family = f.FamilyFactory(area=world.a1)
    a, b, c = (f.MemberFactory(family=family) for _ in range(3))
    ranked = RankedMembers(Member.objects.select_related("family"), [c.pk, a.pk, b.pk])
    assert len(ranked) == 3
    with django_assert_num_queries(1):
        assert ranked[0:2] == [c, a]
    assert ranked[2] == b and ranked[-1] == b
    with django_assert_num_queries(1):
        assert list(ranked) == [c, a, b]
    page = Paginator(ranked, 2).get_page(2)
    assert list(page) == [b] and page.paginator.num_pages == 2


def test_a_member_gone_since_the_ranking_is_left_out(world: World) -> None:
    family = f.FamilyFactory(area=world.a1)
    a, b = (f.MemberFactory(family=family) for _ in range(2))
    ranked = RankedMembers(Member.objects.exclude(pk=a.pk), [a.pk, b.pk])
    assert ranked[0:2] == [b]
