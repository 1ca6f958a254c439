"""``core`` is the base kit every app uses (authorization decorators, middleware, PDFs, rate
limits, pagination): it imports no app of the portal, so that the arrows run one way. The top
of the house (home pages, manuals, demo data) is ``portal``."""

import ast
from pathlib import Path

from django.conf import settings

CORE = Path(__file__).resolve().parents[2] / "core"
# The portal's own apps; Django, the standard library and packages are not among them.
DOMAIN = {app.split(".")[0] for app in settings.INSTALLED_APPS} - {
    "core",
    "django",
    "django_tasks",
    "django_tasks_db",
}


def _imported(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_imports_no_app_of_the_portal() -> None:
    found = {}
    for path in CORE.rglob("*.py"):
        wrong = _imported(ast.parse(path.read_text(encoding="utf-8"))) & DOMAIN
        if wrong:
            found[str(path.relative_to(CORE.parent))] = sorted(wrong)
    assert found == {}


def test_the_check_sees_an_import_of_an_app() -> None:
    tree = ast.parse("def f():\n    from identity.citizen import current_citizen\n")
    assert _imported(tree) & DOMAIN == {"identity"}
