"""Check that the Hindi catalogue is complete and its compiled form is current.

Run as `python -m core.i18n_check`; bin/test does. Steps: collect the strings from the code
(makemessages, into a temporary copy of the catalogue), fail on any msgid without a Hindi msgstr
or marked fuzzy, and fail when the committed .mo differs from a fresh compile."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "hi" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _untranslated(po: Path) -> list[str]:
    out = subprocess.run(  # noqa: S603 (fixed arguments)
        ["msgattrib", "--untranslated", "--no-obsolete", str(po)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fuzzy = subprocess.run(  # noqa: S603
        ["msgattrib", "--only-fuzzy", "--no-obsolete", str(po)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ids = [line for line in (out + fuzzy).splitlines() if line.startswith("msgid ")]
    return [i for i in ids if i != 'msgid ""']


def main() -> int:
    if shutil.which("msgfmt") is None:
        print("GNU gettext is not installed (apt-get install gettext); cannot check.")
        return 1
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samagra.settings")
    os.environ.setdefault("SAMAGRA_DEBUG", "1")
    import django
    from django.core.management import call_command

    django.setup()
    with tempfile.TemporaryDirectory() as tmp:
        backup = Path(tmp) / "django.po"
        shutil.copy(PO, backup)
        try:
            call_command(
                "makemessages",
                locale=["hi"],
                no_obsolete=True,
                add_location="file",
                ignore_patterns=[".venv/*", "var/*", "tests/*", "bench/*"],
                verbosity=0,
            )
            missing = _untranslated(PO)
        finally:
            fresh = PO.read_text(encoding="utf-8")
            shutil.copy(backup, PO)
        if missing:
            (Path(tmp) / "fresh.po").write_text(fresh, encoding="utf-8")
            print(f"{len(missing)} string(s) have no Hindi translation:")
            print("\n".join(missing[:50]))
            print(
                "Run: uv run python manage.py makemessages -l hi --no-obsolete --add-location file"
                " -i '.venv/*' -i 'var/*' -i 'tests/*' -i 'bench/*', translate, then "
                "compilemessages."
            )
            return 1
        compiled = Path(tmp) / "django.mo"
        subprocess.run(  # noqa: S603 (fixed arguments)
            ["msgfmt", "--check", "-o", str(compiled), str(PO)],  # noqa: S607
            check=True,
        )
        if not MO.exists() or MO.read_bytes() != compiled.read_bytes():
            print(
                "locale/hi/LC_MESSAGES/django.mo is stale: run "
                "`uv run python manage.py compilemessages`."
            )
            return 1
    print("Hindi translations complete.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
