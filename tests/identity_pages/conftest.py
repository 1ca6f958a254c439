# The development vault key and the UIDAI sandbox, answering (autouse, as in identity_vault).
from tests.identity_vault.conftest import development_vault_and_sandbox

__all__ = ["development_vault_and_sandbox"]
