"""STORAGES from the environment; imported by settings.py, so no Django imports here.

The file system (MEDIA_ROOT) by default. With IMAGES_S3_BUCKET set, photos go to an
S3-compatible bucket through django-storages (AWS, Cloudflare R2, MinIO, Hetzner ...).
Credentials come from boto3's usual sources (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in
the environment, an instance role), never from the repository."""

from collections.abc import Mapping

STATICFILES = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


def storages_from_env(environ: Mapping[str, str]) -> dict:
    bucket = environ.get("IMAGES_S3_BUCKET", "").strip()
    if not bucket:
        default = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    else:
        options = {
            "bucket_name": bucket,
            "location": environ.get("IMAGES_S3_PREFIX", "").strip("/"),
            "default_acl": None,  # the bucket stays private: readers get photos via /foto/
            "querystring_auth": True,
            "file_overwrite": True,  # renditions are deterministic: same name, same bytes
        }
        for env_name, option in (
            ("IMAGES_S3_ENDPOINT_URL", "endpoint_url"),
            ("IMAGES_S3_REGION", "region_name"),
        ):
            if environ.get(env_name):
                options[option] = environ[env_name]
        default = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    return {"default": default, "staticfiles": STATICFILES}
