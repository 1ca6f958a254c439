"""Settings for Samagra. Every value that differs between machines comes from the environment
(see the README's "Configuration" table)."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from samagra.env import env_bool, env_int, env_json_dict, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("SAMAGRA_DEBUG", False)
# Production refuses to start without a real key; development gets a fixed, clearly unsafe one.
SECRET_KEY = env_str("SAMAGRA_SECRET_KEY", "dev-only-insecure-key" if DEBUG else None)
ALLOWED_HOSTS = env_list("SAMAGRA_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("SAMAGRA_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "core",
    "geography",
    "officials",
    "identity",
    "audit",
    "sms",
    "registry",
    "registration",
    "documents",
    "migration",
    "updates",
    "scale",
    "duplicates",
    "api",
    "grievances",
    "tracking",
    "dashboards",
    "escalation",
    "supervision",
    "ops",
    "portal",  # the top of the house: home pages, manuals, seed_demo (imports every app)
]

MIDDLEWARE = [
    # The request id, then metrics, the access log and /metrics, around everything (ops/).
    "ops.middleware.RequestIdMiddleware",
    "ops.middleware.MetricsMiddleware",
    # Read-your-writes for the read replica (ops/replicas.py): nothing without one.
    "ops.replicas.ReplicaStickyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    # /healthz is answered here, before anything reads a session (it says why).
    "core.middleware.HealthzMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SessionIdleRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "officials.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "registry.middleware.RetiredMemberIdMiddleware",
]

ROOT_URLCONF = "samagra.urls"
WSGI_APPLICATION = "samagra.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'samagra.sqlite3'}"),
        conn_max_age=env_int("SAMAGRA_DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the worker process use the file at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters bound by the server and statements prepared after a few runs (psycopg 3): the
    # register's pages repeat the same few queries, which PostgreSQL then plans once a
    # connection. Off behind a PgBouncer older than 1.21 in transaction mode (docs/deployment.md).
    prepared = env_bool("SAMAGRA_DB_PREPARED_STATEMENTS", True)
    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": prepared,
        "prepare_threshold": 5 if prepared else None,
        # A database that drops packets makes /healthz answer 503, not hang.
        "connect_timeout": env_int("SAMAGRA_DB_CONNECT_TIMEOUT", 5),
    }
# A streaming replica for the pages that only read (ops/replicas.py): searches, lists,
# dashboards, exports, the API's reads. Without it every query goes to "default".
REPLICA_DATABASE_URL = env_str("SAMAGRA_REPLICA_DATABASE_URL", "")
if REPLICA_DATABASE_URL:
    DATABASES["replica"] = dj_database_url.parse(
        REPLICA_DATABASE_URL, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"]
    )
    DATABASES["replica"]["OPTIONS"] = dict(DATABASES["default"].get("OPTIONS", {}))
    # Tests read the replica as the test database itself (Django makes no copy of it).
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["ops.replicas.ReplicaRouter"]
# Read-your-writes: after a client's write, its reads stay on the primary this long.
REPLICA_STICKY_SECONDS = env_int("SAMAGRA_REPLICA_STICKY_SECONDS", 10)
# Reads go to the primary while the replica is further behind than this, or unreachable;
# checked at most every REPLICA_CHECK_SECONDS in each process.
REPLICA_MAX_LAG_SECONDS = env_int("SAMAGRA_REPLICA_MAX_LAG_SECONDS", 30)
REPLICA_CHECK_SECONDS = env_int("SAMAGRA_REPLICA_CHECK_SECONDS", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "officials.Official"
AUTHENTICATION_BACKENDS = ["officials.backends.OfficialBackend"]
LOGIN_URL = "officials:login"
LOGIN_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["user_id", "name", "mobile"]},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions expire after inactivity and when the browser closes. A session in use is written
# again at most every SESSION_REFRESH_SECONDS (core.middleware.SessionIdleRefreshMiddleware),
# not on every request: a write and a commit per page view is the largest cost of a page.
SESSION_COOKIE_AGE = env_int("SAMAGRA_SESSION_SECONDS", 30 * 60)
SESSION_REFRESH_SECONDS = env_int("SAMAGRA_SESSION_REFRESH_SECONDS", 60)
SESSION_SAVE_EVERY_REQUEST = False

# A shared cache (Redis) for production: the rate limits of public pages count across all
# server processes, and sessions are read from it (cached_db: written through to the database,
# so a cache restart signs nobody out). Without it, each process has its own memory cache, which
# is right for one process (./bin/run) and sessions stay in the database alone.
CACHE_URL = env_str("SAMAGRA_CACHE_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "samagra",
            # A Redis that drops packets fails fast (rate limits, sessions, /healthz's 503).
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie (the portal has no JavaScript), so none may (wapiti's finding).
CSRF_COOKIE_HTTPONLY = True
SECURE = env_bool("SAMAGRA_SECURE", not DEBUG)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = env_bool("SAMAGRA_SSL_REDIRECT", SECURE)
# The language cookie is kept like the others (wapiti found it sent over HTTP and to scripts).
LANGUAGE_COOKIE_SECURE = SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("SAMAGRA_BEHIND_PROXY", False) else None
)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "core.views.csrf_failure_view"

LANGUAGE_CODE = "hi"
LANGUAGES = [("hi", _("Hindi")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Kolkata"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env_str("SAMAGRA_MEDIA_ROOT", str(BASE_DIR / "var" / "media"))},
    },
    # Uploaded documents: outside the web root, never served by a static file server.
    "documents": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env_str("SAMAGRA_DOCUMENTS_ROOT", str(BASE_DIR / "var" / "documents")),
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
    # The department API's export files (api.exports): outside the web root, deleted when
    # they expire (manage.py api_exports_expire).
    "api_exports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env_str("SAMAGRA_API_EXPORTS_ROOT", str(BASE_DIR / "var" / "api-exports")),
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
    # The supervisors' list exports (supervision.services): the same rules, their own folder.
    "list_exports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env_str(
                "SAMAGRA_LIST_EXPORTS_ROOT", str(BASE_DIR / "var" / "list-exports")
            ),
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

TASKS = {
    "default": {
        "BACKEND": env_str("SAMAGRA_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "sms"],
    }
}
# A task whose worker has not said it is alive for this long is run again (manage.py run_worker).
TASK_LEASE_SECONDS = env_int("SAMAGRA_TASK_LEASE_SECONDS", 300)

# --- The portal's own settings ------------------------------------------------------------
# Officials' sign-in (officials/throttle.py): failures slow the client that makes them, and no
# number of them locks the owner out.
LOGIN_WINDOW_MINUTES = env_int("SAMAGRA_LOGIN_WINDOW_MINUTES", 15)
LOGIN_FREE_FAILURES = env_int("SAMAGRA_LOGIN_FREE_FAILURES", 3)
LOGIN_DELAY_SECONDS = env_int("SAMAGRA_LOGIN_DELAY_SECONDS", 30)
LOGIN_MAX_DELAY_SECONDS = env_int("SAMAGRA_LOGIN_MAX_DELAY_SECONDS", 15 * 60)
LOGIN_ACCOUNT_MAX_FAILURES = env_int("SAMAGRA_LOGIN_ACCOUNT_MAX_FAILURES", 10)
LOGIN_MAX_FAILURES_PER_CLIENT = env_int("SAMAGRA_LOGIN_MAX_FAILURES_PER_CLIENT", 20)

OTP_VALID_SECONDS = env_int("SAMAGRA_OTP_VALID_SECONDS", 600)
OTP_MAX_ATTEMPTS = env_int("SAMAGRA_OTP_MAX_ATTEMPTS", 5)
# Per client and identifiers asked for (identity/otp.py): the owner's own allowance.
OTP_RESEND_SECONDS = env_int("SAMAGRA_OTP_RESEND_SECONDS", 60)
OTP_HOURLY_CAP_PER_REQUESTER = env_int("SAMAGRA_OTP_HOURLY_CAP_PER_REQUESTER", 5)
# Hard caps: per identifiers from every client (real or not), per mobile, per client.
OTP_HOURLY_CAP_PER_IDENTIFIERS = env_int("SAMAGRA_OTP_HOURLY_CAP_PER_IDENTIFIERS", 30)
OTP_HOURLY_CAP_PER_MOBILE = env_int("SAMAGRA_OTP_HOURLY_CAP_PER_MOBILE", 40)
OTP_HOURLY_CAP_PER_CLIENT = env_int("SAMAGRA_OTP_HOURLY_CAP_PER_CLIENT", 20)
# A citizen's session (one family) ends this long after sign-in, whatever they do.
CITIZEN_SESSION_SECONDS = env_int("SAMAGRA_CITIZEN_SESSION_SECONDS", 15 * 60)

SMS_GATEWAY = env_str("SAMAGRA_SMS_GATEWAY", "outbox")  # "outbox" or "http"
SMS_HTTP_URL = env_str("SAMAGRA_SMS_HTTP_URL", "")
# Where the gateway answers "did you get the message with this key?" (after a worker died).
SMS_HTTP_STATUS_URL = env_str("SAMAGRA_SMS_HTTP_STATUS_URL", "")
SMS_HTTP_SENDER = env_str("SAMAGRA_SMS_HTTP_SENDER", "")
SMS_HTTP_USERNAME = env_str("SAMAGRA_SMS_HTTP_USERNAME", "")
SMS_HTTP_PASSWORD = env_str("SAMAGRA_SMS_HTTP_PASSWORD", "")
SMS_HTTP_TIMEOUT_SECONDS = env_int("SAMAGRA_SMS_HTTP_TIMEOUT_SECONDS", 10)
SMS_DLT_TEMPLATE_IDS = env_json_dict("SAMAGRA_SMS_DLT_TEMPLATE_IDS")
SMS_MAX_ATTEMPTS = env_int("SAMAGRA_SMS_MAX_ATTEMPTS", 5)
SMS_RETRY_BASE_SECONDS = env_int("SAMAGRA_SMS_RETRY_BASE_SECONDS", 30)

UPLOAD_MAX_BYTES = env_int("SAMAGRA_UPLOAD_MAX_MB", 5) * 1024 * 1024
UPLOAD_MAX_IMAGE_PIXELS = env_int("SAMAGRA_UPLOAD_MAX_MEGAPIXELS", 40) * 1_000_000

PAGE_SIZE = env_int("SAMAGRA_PAGE_SIZE", 25)
# A pending migration request older than this shows as overdue to its supervisors.
MIGRATION_OVERDUE_DAYS = env_int("SAMAGRA_OVERDUE_DAYS_MIGRATION", 7)

# --- Registration ---
# Days an application may wait on one official before supervisors see it as overdue.
OVERDUE_DAYS_APPLICATION = env_int("SAMAGRA_OVERDUE_DAYS_APPLICATION", 7)
# Lookups of the public application status page per client address per hour.
STATUS_LOOKUPS_PER_HOUR = env_int("SAMAGRA_STATUS_LOOKUPS_PER_HOUR", 10)

# Kinds of change request (updates.models.ChangeKind) the local body verifies before they apply;
# the others apply as soon as the official submits them.
UPDATES_VERIFIED_KINDS = env_list(
    "SAMAGRA_UPDATES_VERIFIED_KINDS", "CORRECT_MEMBER,BIRTH,MISSED_MEMBER,DEATH,MARRIAGE,RELATIONS"
)
OVERDUE_DAYS_CHANGE = env_int("SAMAGRA_OVERDUE_DAYS_CHANGE", 7)

# --- Duplicates (merge, deactivation with notice) ---
# Days the family has to object before a member under notice becomes inactive.
DEACTIVATION_NOTICE_DAYS = env_int("SAMAGRA_DEACTIVATION_NOTICE_DAYS", 30)
# Days an objected case may wait on the local body officer before supervisors see it overdue.
OVERDUE_DAYS_DUPLICATE = env_int("SAMAGRA_OVERDUE_DAYS_DUPLICATE", 7)
# Seconds a process keeps the name words' counts it has read (registry.word_counts).
NAME_WORDS_REFRESH_SECONDS = env_int("SAMAGRA_NAME_WORDS_REFRESH_SECONDS", 900)
# --- Grievances ---
# Days a grievance may wait at one level (field official, local body, district) before it goes
# up one level, by category; the variable overrides some or all, e.g. {"no_action": 5}.
GRIEVANCE_DAYS = {"wrong_data": 15, "no_action": 7, "refused": 7, "other": 15} | env_json_dict(
    "SAMAGRA_GRIEVANCE_DAYS"
)
# Days the family has to accept or reopen a closure; after them manage.py grievances_escalate
# accepts it on the family's behalf.
GRIEVANCE_ACCEPT_DAYS = env_int("SAMAGRA_GRIEVANCE_ACCEPT_DAYS", 15)
# --- Escalation ---
# Days a piece of work may stay overdue before it goes up to the local body officer ("LB") and
# then to the district officer ("DISTRICT"), counted from when it became overdue; the variable
# overrides one or both, e.g. {"LB": 2, "DISTRICT": 7}. Work with nobody to act on it goes to
# the local body officer at once. manage.py escalate_overdue applies it, daily.
ESCALATE_AFTER_DAYS = {"LB": 3, "DISTRICT": 10} | env_json_dict("SAMAGRA_ESCALATE_AFTER_DAYS")

# Error reports never show an Aadhaar number, OTP or password typed into a form.
DEFAULT_EXCEPTION_REPORTER_FILTER = "core.error_reports.ReporterFilter"

# Log lines (ops/logs.py): JSON by default in production, text in development; each with the
# request id, and Aadhaar and mobile numbers masked. SAMAGRA_ACCESS_LOG=1 adds a line a request
# (view name, status, time; no query string), for when gunicorn's own access log is off.
LOG_FORMAT = env_str("SAMAGRA_LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"SAMAGRA_LOG_FORMAT must be json or text, not {LOG_FORMAT!r}.")
ACCESS_LOG = env_bool("SAMAGRA_ACCESS_LOG", False)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "ops.logs.JsonLogFormatter"},
        "text": {"()": "ops.logs.TextLogFormatter"},
    },
    "filters": {
        "no_client_error_traces": {"()": "core.logging.NoClientErrorTraces"},
        "personal_data": {"()": "ops.logs.PersonalDataFilter"},
        "request_id": {"()": "ops.logs.RequestIdFilter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["no_client_error_traces", "personal_data", "request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("SAMAGRA_LOG_LEVEL", "INFO")},
    "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
# /metrics for Prometheus (ops/endpoint.py): a bearer token and/or the scrapers' addresses;
# with neither, there is no /metrics.
METRICS_TOKEN = env_str("SAMAGRA_METRICS_TOKEN", "")
METRICS_ALLOWED_IPS = env_list("SAMAGRA_METRICS_ALLOWED_IPS", "")

# --- Identity (Aadhaar vault, UIDAI) ---
# Vault keys: "id:base64-of-32-bytes" pairs, comma-separated, from the variable and/or a file.
AADHAAR_KEYS = env_str("SAMAGRA_AADHAAR_KEYS", "")
AADHAAR_KEYS_FILE = env_str("SAMAGRA_AADHAAR_KEYS_FILE", "")
AADHAAR_ACTIVE_KEY = env_str("SAMAGRA_AADHAAR_ACTIVE_KEY", "")
# Decided here, not at use: the test runner turns DEBUG off, and production must never fall
# back to the published development key.
AADHAAR_DEV_KEY_ALLOWED = DEBUG
# "sandbox", or the dotted path of a licensed AUA/KUA adapter class (identity/uidai/README.md).
UIDAI_ADAPTER = env_str("SAMAGRA_UIDAI_ADAPTER", "sandbox" if DEBUG else "")
UIDAI_SANDBOX_TIMEOUT = env_bool("SAMAGRA_UIDAI_SANDBOX_TIMEOUT", False)
EKYC_NAME_MIN_SCORE = env_int("SAMAGRA_EKYC_NAME_MIN_SCORE", 85)

# The department API (api app): bearer tokens' life, and how long an export's file is kept.
API_TOKEN_SECONDS = env_int("SAMAGRA_API_TOKEN_SECONDS", 15 * 60)
API_EXPORT_KEEP_HOURS = env_int("SAMAGRA_API_EXPORT_KEEP_HOURS", 48)

# --- Family cards anyone can verify (registry.card_signing, registry.card_verify) ---
# The card's QR code links to <base>/verify/<signed payload>. The portal's public address, as
# printed on cards for years: set it, or each card carries the host it was downloaded from.
PUBLIC_BASE_URL = env_str("SAMAGRA_PUBLIC_BASE_URL", "").rstrip("/")
# Ed25519: the current signing key (base64url of its 32-byte seed) and its short id, printed in
# every card; older keys' public halves ("id:base64url", comma-separated) still accepted.
# Outside DEBUG a missing key is an error of `check --deploy` and of every card download.
CARD_SIGNING_KEY = env_str("SAMAGRA_CARD_SIGNING_KEY", "")
CARD_KEY_ID = env_str("SAMAGRA_CARD_KEY_ID", "")
CARD_OLD_PUBLIC_KEYS = env_str("SAMAGRA_CARD_OLD_PUBLIC_KEYS", "")
# Decided here, not at use: the test runner turns DEBUG off (as AADHAAR_DEV_KEY_ALLOWED).
CARD_DEV_KEY_ALLOWED = DEBUG
# Verify page lookups per client address per hour (a ration shop checks many cards).
CARD_VERIFY_PER_HOUR = env_int("SAMAGRA_CARD_VERIFY_PER_HOUR", 60)
# Who issues the card, printed on it and on the verify page beside the family's local body.
CARD_ISSUER_HI = env_str("SAMAGRA_CARD_ISSUER_HI", "राज्य जनसंख्या पंजी (समग्र) मिशन कार्यालय")
CARD_ISSUER_EN = env_str(
    "SAMAGRA_CARD_ISSUER_EN", "State Population Register (Samagra) Mission Office"
)
# The supervisors' list exports (supervision app): hours a file is kept before
# manage.py list_exports_expire deletes it.
LIST_EXPORT_KEEP_HOURS = env_int("SAMAGRA_LIST_EXPORT_KEEP_HOURS", 24)
# The duplicate sweep's engine (scale.sweep_engines): "duckdb" in the process, or "spark"
# (pyspark and Java installed), in local mode unless SAMAGRA_SPARK_MASTER names a cluster.
SWEEP_ENGINE = env_str("SAMAGRA_SWEEP_ENGINE", "duckdb")
SPARK_MASTER = env_str("SAMAGRA_SPARK_MASTER", "local[*]")
# The memory the DuckDB engine holds before it writes to its temporary folder (a DuckDB size,
# "8GB"; empty: DuckDB's default, 80% of the machine's).
SWEEP_MEMORY = env_str("SAMAGRA_SWEEP_MEMORY", "")
