"""The one settings module. Everything that varies between machines comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from shpalta.images.storage_settings import storages_from_env

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("SHPALTA_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
DEV_MODE = env_bool("SHPALTA_DEV", True)  # dev-safe defaults unless production is declared

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEV_MODE:
        raise ImproperlyConfigured("SECRET_KEY must be set when SHPALTA_DEV=0 (production).")
    SECRET_KEY = "dev-only-not-secret-" + "x" * 40
elif not DEV_MODE and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 10):
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 random characters in production.")
if DEBUG and not DEV_MODE:
    raise ImproperlyConfigured("DEBUG must be off when SHPALTA_DEV=0 (production).")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEV_MODE else "")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when SHPALTA_DEV=0 (production).")

SITE_NAME = os.environ.get("SITE_NAME", "Шпальта")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_prose_editor",
    "shpalta.core",
    "shpalta.images",
    "shpalta.news",
    "shpalta.ratings",
    "shpalta.search",
    "ninja",
    "shpalta.feeds",
    "shpalta.api",
    "shpalta.entities",
    "shpalta.importers",
    "axes",
    "shpalta.newsroom",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "shpalta.core.middleware.SecurityHeadersMiddleware",
    "shpalta.core.middleware.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "shpalta.core.messages.LazyMessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "shpalta.importers.middleware.LegacyRedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "shpalta.urls"
# The largest article the API accepts (500,000 characters of body) sent as JSON with every
# character escaped (\ud83d\ude00: 12 bytes for one emoji) is about 6.2 MB; bigger is a 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024
WSGI_APPLICATION = "shpalta.wsgi.application"

TEMPLATES = [
    {
        # The public pages (docs/benchmarks.md: Django's templates were half of a render).
        "BACKEND": "shpalta.core.jinja.PublicTemplates",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "shpalta.core.jinja.environment"},
    },
    {
        # The admin and forms.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "shpalta.core.context_processors.site",
            ],
        },
    },
]


def database_from_env(variable: str = "DATABASE_URL") -> dict:
    default_sqlite = f"sqlite:///{VAR_DIR / 'shpalta.sqlite3'}"
    config = dj_database_url.parse(os.environ.get(variable, default_sqlite), conn_max_age=60)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers work while a writer commits; IMMEDIATE takes the write lock at
        # BEGIN so concurrent votes queue instead of failing with "database is locked".
        # A connection is kept by its thread: opening one costs more than a whole cached
        # article render (the WAL pragma takes a lock), measured in docs/benchmarks.md.
        config["CONN_MAX_AGE"] = None
        config["OPTIONS"] = {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    elif config["ENGINE"] == "django.db.backends.postgresql":
        # Django's backend with a health check that needs no round trip (its module says how).
        config["ENGINE"] = "shpalta.core.postgresql"
        config["CONN_HEALTH_CHECKS"] = True
        # Parameters bound by the server and statements prepared on their fifth run in a
        # connection: the article page's queries then skip the planner, which took two
        # thirds of their server time at 1,000,000 articles (docs/benchmarks.md). Behind
        # PgBouncer in transaction mode: its max_prepared_statements (1.21+), or
        # DATABASE_PREPARED=0.
        if env_bool("DATABASE_PREPARED", True):
            options = config.setdefault("OPTIONS", {})
            options.update(server_side_binding=True, prepare_threshold=5)
    else:
        config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {"default": database_from_env()}
if os.environ.get("DATABASE_REPLICA_URL"):
    # Reads of the public pages go to a streaming replica; writes and everything inside a
    # write transaction stay on the primary (shpalta.core.db_router).
    DATABASES["replica"] = database_from_env("DATABASE_REPLICA_URL")
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["shpalta.core.db_router.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(0, "shpalta.core.db_router.PrimaryForEditorsMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "shpalta.core.redis_cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "shpalta"),
            "TIMEOUT": 3600,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The page cache in front of the application (shpalta/core/pagecache.py, docs/caching.md).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses locked-out logins before checking passwords
    "django.contrib.auth.backends.ModelBackend",
]
# Admin login lockout. Editors of one newsroom share an office IP, so the lock is on the pair
# (username, IP): one editor's typos never lock out the whole newsroom, and a guesser is
# stopped on every account it tries.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "shpalta.core.client_ip.client_ip"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    # Older hashes still verify and are upgraded to argon2 at the editor's next login.
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

LANGUAGE_CODE = "uk"
TIME_ZONE = "Europe/Kyiv"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", PROJECT_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = storages_from_env(os.environ)  # IMAGES_S3_BUCKET moves photos to object storage

# Photo library (shpalta.images): limits on what an upload may be, and rendition quality.
IMAGES_STORAGE = "default"
IMAGES_MAX_UPLOAD_BYTES = int(os.environ.get("IMAGES_MAX_UPLOAD_MB", "25")) * 1024 * 1024
IMAGES_MAX_PIXELS = int(os.environ.get("IMAGES_MAX_MEGAPIXELS", "60")) * 1_000_000
IMAGES_JPEG_QUALITY = 80
IMAGES_WEBP_QUALITY = 78
WHITENOISE_USE_FINDERS = DEV_MODE

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEV_MODE)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "" if DEV_MODE else SITE_URL)
# HSTS is a promise browsers keep for its whole lifetime: switch it on (HSTS_SECONDS=31536000)
# only once every subdomain answers over HTTPS. Production defaults to one year.
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", "0" if DEV_MODE else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", SECURE_HSTS_SECONDS > 0)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", False)
# nginx redirects plain HTTP itself; Django redirecting too would only matter without nginx.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The header nginx puts the reader's address in (X-Forwarded-For in deploy/nginx-proxy.conf;
# its last hop is used). REMOTE_ADDR: readers reach the app server directly.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
SILENCED_SYSTEM_CHECKS = [
    # nginx answers plain HTTP with a redirect before Django sees it (docs/deploy.md).
    *([] if SECURE_SSL_REDIRECT else ["security.W008"]),
    # Preload lists are near-permanent; a newsroom opts in with HSTS_PRELOAD=1 on purpose.
    "security.W021",
]

# Reader identity for votes: a signed cookie, never an IP address.
READER_COOKIE_NAME = "shpalta_reader"
READER_COOKIE_MAX_AGE = 60 * 60 * 24 * 365 * 2
# Vote rate limits, "count/seconds", kept in the shared cache so every app server counts
# together. The per-IP limit is generous: mobile carriers put thousands of Ukrainian readers
# behind one address.
VOTE_RATE_READER = os.environ.get("VOTE_RATE_READER", "20/600")
VOTE_RATE_IP = os.environ.get("VOTE_RATE_IP", "600/600")

NEWS_PAGE_SIZE = 20
OTHER_NEWS_COUNT = 6
TEASER_LENGTH = 160

# Feeds and sitemaps (shpalta.feeds). Full text puts the whole body in content:encoded /
# Atom <content>; otherwise readers of a feed get the lede and come to the site.
FEEDS_FULL_TEXT = env_bool("FEEDS_FULL_TEXT", False)
FEEDS_ITEMS = int(os.environ.get("FEEDS_ITEMS", "30"))
FEEDS_MAX_AGE = 120
SITEMAP_LIMIT = 50_000  # URLs a file, the sitemap protocol's limit
SITEMAP_MAX_AGE = 600
SITEMAP_INDEX_CACHE = 300  # seconds; article changes clear it at once
NEWS_SITEMAP_LIMIT = 1_000  # Google News: at most 1,000 URLs a file
NEWS_SITEMAP_DAYS = 2
NEWS_SITEMAP_MAX_AGE = 120
SITE_LOGO = os.environ.get("SITE_LOGO", "")  # a static path, e.g. "img/logo.png"
SITE_DEFAULT_IMAGE = os.environ.get("SITE_DEFAULT_IMAGE", "")  # static path, for cards
TWITTER_SITE = os.environ.get("TWITTER_SITE", "")  # "@handle"
# An editor's lock on an article lapses this long after their page last checked in.
NEWSROOM_EDIT_LOCK_SECONDS = int(os.environ.get("NEWSROOM_EDIT_LOCK_SECONDS", "300"))

LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain" if DEV_MODE else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "shpalta.core.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
