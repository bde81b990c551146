"""Settings for the test suite: the production settings with a few changes that make tests fast and isolated.

DATABASE_URL and REDIS_URL still come from the environment, so CI runs the same code on PostgreSQL and Redis.
"""

import os

# A fixed key is fine here: test databases are thrown away and never face the internet.
os.environ.setdefault("SECRET_KEY", "test-only-key-not-for-any-deployment")

from .settings import *  # noqa: F403
from .settings import REDIS_URL

# MD5 makes creating users in tests cheap; real hashing costs ~100 ms per user.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Each test process keeps its own cache so tests cannot see each other's entries; tests that need Redis
# switch to it themselves.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Tasks run in-process unless a test starts a real worker (tests/conftest.py: celery_worker_process).
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = REDIS_URL or "memory://"

# Plain storage: the manifest storage would need collectstatic before every run.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The test client and live_server speak plain HTTP; production redirects to HTTPS and marks cookies Secure.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["*"]
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
