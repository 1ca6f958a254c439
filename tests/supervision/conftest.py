from tests.supervision.support import export_dir

__all__ = ["export_dir"]
