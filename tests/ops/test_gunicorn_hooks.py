"""deploy/gunicorn.conf.py's hooks (ops.gunicorn)."""

import gc

from ops.gunicorn import post_worker_init


def test_a_loaded_worker_freezes_its_objects_out_of_the_collectors_passes() -> None:
    assert gc.get_freeze_count() == 0
    try:
        post_worker_init(worker=None)
        assert gc.get_freeze_count() > 10_000  # Django, the apps, every view
    finally:
        gc.unfreeze()


def test_the_configuration_file_names_the_hooks() -> None:
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py").read_text()
    assert "from ops.gunicorn import child_exit, post_worker_init" in text
