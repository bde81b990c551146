"""Settings for the guide platform, read from the environment.

Every variable is declared once in ``env`` below, with its type and default, and listed in the README.
Security values have no default when DEBUG is off, so a bad deploy fails at start-up instead of running
with a guessable key.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env(
    DEBUG=(bool, False),
    DEMO_MODE=(bool, False),
    SECRET_KEY=(str, None),
    ALLOWED_HOSTS=(list, []),
    CSRF_TRUSTED_ORIGINS=(list, []),
    DATABASE_URL=(str, f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
    REDIS_URL=(str, ""),
    EMAIL_URL=(str, "consolemail://"),
    DEFAULT_FROM_EMAIL=(str, "Privacy guides <guides@localhost>"),
    SITE_URL=(str, "http://127.0.0.1:8000"),
    MEDIA_ROOT=(str, str(BASE_DIR / "media")),
    STATIC_ROOT=(str, str(BASE_DIR / "static")),
    LOG_LEVEL=(str, "INFO"),
    CELERY_QUEUE=(str, "celery"),
    CELERY_VISIBILITY_TIMEOUT=(int, 240),
    # Production and caching (section at the end of this file).
    SECURE_SSL_REDIRECT=(bool, True),
    SECURE_HSTS_SECONDS=(int, 31536000),
    PAGE_CACHE_SECONDS=(int, 600),
    VARNISH_URL=(list, []),
    TRUSTED_PROXIES=(list, []),
    API_RATE_LIMIT=(str, "300/h"),
    AXES_FAILURE_LIMIT=(int, 5),
    AXES_COOLOFF_MINUTES=(int, 30),
    RATINGS_VOTES_PER_ADDRESS=(int, 3),
    RATINGS_REPORTS_PER_ADDRESS=(int, 2),
    SOURCE_WATCH_ALLOW_PRIVATE=(bool, False),
)
# A local .env (written by `make run`, ignored by git) fills in what the shell did not set.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env("DEBUG")
# Demo mode adds demo accounts and content; it is never meant for a public deployment.
DEMO_MODE = env("DEMO_MODE")
# Django's model backend, except that the demo accounts sign in only in demo mode.
# django-axes first: it refuses a locked-out username or address before any password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "guides.demo.authentication.DemoAwareModelBackend"]

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set (make run writes one into .env for local use).")

ALLOWED_HOSTS = env("ALLOWED_HOSTS") or (["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

# The public address of the site, used for links in e-mails, feeds and calendar files.
SITE_URL = env("SITE_URL").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL

INSTALLED_APPS = [
    # modeltranslation must come before the apps whose models it translates and before the admin.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "guides",
    "ratings",
    "notices",
    "editorial",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "axes",
    # The page cache (page_cache/): Varnish keeps what the application marks public and purges by surrogate key.
    "page_cache",
]

MIDDLEWARE = [
    # Outermost: the page cache's headers see every cookie and header the other middleware add.
    "page_cache.middleware.PageCacheMiddleware",
    # Everything after it sees the reader's address, not the proxy's (config/client_address.py).
    "config.client_address.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before whitenoise, so that static files get the security headers too.
    "config.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication (its page speaks the editor's admin language), before anything reads the form: an admin
    # form too large to read gets a page that says nothing was saved (editorial/oversize_posts.py).
    "editorial.oversize_posts.OversizeAdminPostMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # After the other Django and Wagtail middleware, as django-axes asks: it turns a refused sign-in into the
    # lockout page.
    "axes.middleware.AxesMiddleware",
    # Near the view, so that it sees the view's exception first and answers with the 503 page.
    "config.middleware.DatabaseUnavailableMiddleware",
    # Innermost, so that it sees the 5xx answer Django makes of an admin view's exception and rolls back.
    "config.middleware.AtomicAdminChangesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db_url("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
postgres_database = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# Reuse connections between requests; health checks drop the ones the server closed.
DATABASES["default"]["CONN_MAX_AGE"] = 60 if postgres_database else 0
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    VAR_DIR.mkdir(exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, Celery broker and result store -------------------------------------------------------
REDIS_URL = env("REDIS_URL")


def redis_cache(url):
    """The default cache on the Redis at ``url``. A cache outage must not take pages down: a failed call counts
    as a miss (rate limits then fail open, see ratings/views.py)."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }


if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
    # An outage is reported once by the code that depends on the cache (config/rate_limits.py), not as a
    # traceback for every cache call of every request.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
# Without Redis the site still works: tasks run in the request that enqueues them.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = "Europe/Berlin"
# A task that hangs must not hold a worker forever; each task may set tighter limits of its own.
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# One queue name per deployment (or per test run) keeps workers from taking each other's tasks.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Celery keeps Django's logging (and its filter), rather than setting up its own root logger.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# A publish must not wait for a broker that is down: try briefly, then leave the work to the sweepers.
# A task of a worker that died (acks_late: the notices' sending tasks) goes back to the queue once it has been
# unacknowledged for the visibility timeout; Redis's default is an hour. Those tasks end within 200 s
# (notices.tasks.TASK_OPTIONS), so 240 s never hands a running task to a second worker, and a killed worker's
# followers wait at most about four minutes (the timeout plus the workers' 10-second check).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "visibility_timeout": env("CELERY_VISIBILITY_TIMEOUT"),
}

# --- Languages ------------------------------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("pt", _("Portuguese")),
]
LANGUAGE_COOKIE_NAME = "language"
LOCALE_PATHS = [BASE_DIR / "locales"]
USE_I18N = True
USE_TZ = True
# One date format per language, and Portuguese month names in lower case (config/formats/__init__.py).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Berlin"

MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
# An empty translation shows the German text; templates say so to the reader.
MODELTRANSLATION_FALLBACK_LANGUAGES = ("de",)
WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS = True
# Translation happens field by field (modeltranslation), not through Wagtail's per-locale page trees.
WAGTAIL_I18N_ENABLED = False

# --- Static and media files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT")
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT")

# --- Wagtail ---------------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Privacy guides"
WAGTAILSEARCH_BACKENDS = {
    # On PostgreSQL this backend uses its full-text search; on SQLite, FTS5 or a plain fallback.
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILIMAGES_EXTENSIONS = ["png", "jpg", "jpeg", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: the admin makes no third-party requests (its CSP would block them); avatars are Wagtail's own.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Draftail as Wagtail ships it, with its content sent to the browser as compact JSON (guides/rich_text_editor.py).
WAGTAILADMIN_RICH_TEXT_EDITORS = {"default": {"WIDGET": "guides.rich_text_editor.CompactDraftailRichTextArea"}}
# Approving a review publishes the revision that was approved, not whatever is latest (editorial/moderation_guard.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "editorial.moderation_guard.publish_approved_revision"
# Wagtail's background tasks (search and reference index) go to the Celery workers once the editor's transaction
# commits, instead of running inside the editor's request (config/wagtail_tasks.py); without Redis they run at once.
TASKS = {"default": {"BACKEND": "config.wagtail_tasks.CeleryTaskBackend"}}
CELERY_IMPORTS = ["config.wagtail_tasks"]  # the worker's side of that backend

# --- E-mail ----------------------------------------------------------------------------------------------
# EMAIL_URL names the backend and the server; its parts become Django's EMAIL_* settings.
email = env.email_url("EMAIL_URL")
EMAIL_BACKEND = email["EMAIL_BACKEND"]
EMAIL_HOST = email["EMAIL_HOST"]
EMAIL_PORT = email["EMAIL_PORT"]
EMAIL_HOST_USER = email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = email["EMAIL_HOST_PASSWORD"]
EMAIL_FILE_PATH = email["EMAIL_FILE_PATH"]
EMAIL_USE_TLS = email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security --------------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Logging: to stdout, as the process manager expects ---------------------------------------------------
# No e-mail or IP addresses in any line (config/log_filters.py), the worker's included: Celery keeps Django's
# logging.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s %(message)s"}},
    "filters": {"redact_personal_data": {"()": "config.log_filters.RedactPersonalData"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact_personal_data"]},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL")},
    "loggers": {
        # Django's request logger prints client details we do not want in logs.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # runserver's request lines (make run) go through the same redacting handler as everything else.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Wagtail runs its search-index and reference updates as tasks; one line each is noise.
        "django_tasks": {"level": "WARNING"},
    },
}

# --- ratings ---------------------------------------------------------------------------------------------
# Votes and step reports per reader (keyed by the daily client hash, never the address), per group.
RATINGS_RATE_LIMIT = "30/10m"
# One address (a reader, or an office or mobile network behind one address) adds at most this many counted votes,
# and this many step reports, per page and day, whatever its cookies and User-Agent say. Readers on one network
# each count up to that number; a reader changing their own vote uses none of it. Two reports are fewer than the
# GUIDE_FLAG_OPEN_REPORTS that flag a guide, so one network alone cannot flag it in a day.
RATINGS_VOTES_PER_ADDRESS = env("RATINGS_VOTES_PER_ADDRESS")
RATINGS_REPORTS_PER_ADDRESS = env("RATINGS_REPORTS_PER_ADDRESS")

# --- Production and caching ------------------------------------------------------------------------------
# TLS ends at the load balancer in front of Varnish, which must set X-Forwarded-Proto (and drop a client's own).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = not DEBUG and env("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = 0 if DEBUG else env("SECURE_HSTS_SECONDS")
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
# Reader pages: everything from this host, no inline code, no framing (frame-ancestors replaces X-Frame-Options
# in current browsers; both are sent). JSON-LD blocks are data, which script-src does not govern.
CSP_READER_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# The Wagtail admin writes inline styles and scripts, and shows page previews of its own in frames.
CSP_ADMIN_PATH_PREFIX = "/admin/"
CSP_ADMIN_DIRECTIVES = {
    **CSP_READER_DIRECTIVES,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

# How long shared caches keep an anonymous page that nothing purged (s-maxage); purges go to every Varnish in
# VARNISH_URL (none: no purges) and give up after PAGE_CACHE_PURGE_TIMEOUT seconds.
PAGE_CACHE_SECONDS = env("PAGE_CACHE_SECONDS")
VARNISH_URLS = env("VARNISH_URL")
PAGE_CACHE_PURGE_TIMEOUT = 2.0
DATABASE_OUTAGE_RETRY_AFTER = 30

# The public read API (guides/api.py): absolute links, rich text as display HTML, a page size a partner can
# ask for, how many requests one address may make (django-ratelimit's rate syntax), and how long a shared cache
# keeps an answer (a publish does not purge the API).
WAGTAILAPI_BASE_URL = SITE_URL
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_LIMIT_MAX = 50
API_RATE_LIMIT = env("API_RATE_LIMIT")
API_CACHE_SECONDS = 60

# Addresses or networks of the proxies in front of gunicorn (Varnish, a load balancer): only their
# X-Forwarded-For entries are believed (config/client_address.py).
TRUSTED_PROXIES = env("TRUSTED_PROXIES")

# Sign-in throttle (django-axes): AXES_FAILURE_LIMIT wrong passwords for one username, or from one address, lock
# that username or address out for AXES_COOLOFF_TIME. Failed attempts are counted in the database, so the
# throttle holds while Redis is down, and are deleted once their cool-off has passed; successful sign-ins are not
# recorded. An administrator unlocks a username in the admin (Settings › Sign-in lockouts) or with
# `manage.py axes_reset_username NAME`, an address with `manage.py axes_reset_ip ADDRESS`.
AXES_DISABLE_ACCESS_LOG = True
AXES_FAILURE_LIMIT = env("AXES_FAILURE_LIMIT")
AXES_COOLOFF_TIME = timedelta(minutes=env("AXES_COOLOFF_MINUTES"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.client_address.request_client_address"
AXES_LOCKOUT_CALLABLE = "editorial.sign_in_lockouts.lockout_response"


# --- notices ---------------------------------------------------------------------------------------------
# Fan-out reads this many subscription ids per query (memory stays flat); each sending task gets one chunk of
# deliveries and one SMTP connection.
NOTICES_FANOUT_BATCH_SIZE = 1000
NOTICES_SEND_CHUNK_SIZE = 100
# Sent marks are committed per group of this many messages: fewer commits, and a worker killed mid-group
# re-sends at most this many.
NOTICES_SEND_COMMIT_EVERY = 20
# Confirmation e-mails per address (all must hold), and subscribe posts per client (hashed address).
NOTICES_ADDRESS_RATES = ("4/m", "40/h")
NOTICES_CLIENT_RATE = "20/h"

# --- editorial -------------------------------------------------------------------------------------------
# A guide needs verification when nobody checked its steps for this many days …
GUIDE_VERIFY_AFTER_DAYS = 30
# … when at least this many step reports ("this step does not match") are open …
GUIDE_FLAG_OPEN_REPORTS = 3
# … or when a link in its steps stopped answering. The link check is bounded per guide and per request.
GUIDE_LINK_CHECK_MAX_LINKS = 40
GUIDE_LINK_CHECK_TIMEOUT = 5
GUIDE_LINK_CHECK_MAX_REDIRECTS = 5
# Wagtail's workflow e-mails (submitted, approved, rejected) go out in each recipient's admin language.
WAGTAILADMIN_NOTIFICATION_USE_HTML = False
# Links to loopback or private addresses are not requested (tests against a local server switch this on).
GUIDE_LINK_CHECK_ALLOW_PRIVATE = False
# Watched sources (editorial/source_watch.py): the platforms' own pages, fetched once a day within these bounds,
# at least SOURCE_WATCH_HOST_INTERVAL seconds apart per host (more if a site's Crawl-delay asks), each site's
# robots.txt kept for a day at most (RFC 9309). Private addresses only for tests (a test's worker process gets it
# from the environment).
SOURCE_WATCH_TIMEOUT = 10
SOURCE_WATCH_MAX_BYTES = 2_000_000
SOURCE_WATCH_MAX_REDIRECTS = 5
SOURCE_WATCH_HOST_INTERVAL = 30
SOURCE_WATCH_ROBOTS_MAX_AGE = 24 * 60 * 60
SOURCE_WATCH_ALLOW_PRIVATE = env("SOURCE_WATCH_ALLOW_PRIVATE")

# --- Admin form limits -----------------------------------------------------------------------------------
# A guide's edit form posts every step of every surface in all five languages, and Wagtail's StreamField posts
# 11 fields per step plus 4 per menu label (its own order, id and deleted markers among them): the demo's
# Facebook guide (3 surfaces × 5 steps) sends about 1,250 fields and a guide of 3 × 12 steps about 4,300, where
# Django stops at 1,000. 15,000 fits the largest guide the blocks allow (3 surfaces × 30 steps, menu paths of
# five labels: about 14,100) with the rest of the page. Reader forms send a handful of fields, and the limit
# still bounds what one request may make the server parse. A larger form gets a page that says nothing was
# saved (editorial/oversize_posts.py); the page editor warns before it sends one.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 15_000
# Field names and texts of that largest guide come to about 1.8 MB with every text at its longest and long
# instructions; 5 MB leaves room (Django's default is 2.5 MB). Uploaded files do not count: they go to disk.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 2**20
