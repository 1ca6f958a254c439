"""The portal's production settings, as security/scan runs it, with one change: fast password
hashing. The sign-in form hashes every guess (PBKDF2 with a million rounds, on purpose), and the
scanners send thousands of guesses; how passwords are hashed is not what they test, and at full
cost the sign-in form alone would take most of the scan's time on a 2-core machine."""

from samagra.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
