"""The portal's production settings, as security/scan runs it, with two changes that let the
scanners' requests reach the code they test:

- fast password hashing. The sign-in form hashes every guess (PBKDF2 with a million rounds, on
  purpose), and the scanners send thousands of guesses; how passwords are hashed is not what
  they test, and at full cost the sign-in form alone would take most of the scan's time on a
  2-core machine;
- no practical per-device limit on the public status page. With the production limit (10 an
  hour) every scanner request after the tenth is answered 429 before the view runs, so sqlmap
  would test the limiter, not the lookup. The limit itself is tested in
  tests/registration_views/test_status_page.py.

And one addition: the URLconf security/scan_urls.py, the portal's pages and a planted SQL injection
(security/canary.py) that the scan must find, to show that its sqlmap still finds one.
"""

from samagra.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATUS_LOOKUPS_PER_HOUR = 1_000_000
ROOT_URLCONF = "security.scan_urls"
