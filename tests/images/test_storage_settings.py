from django.utils.module_loading import import_string

from shpalta.images.storage_settings import storages_from_env


def test_storages_default_to_file_system():
    assert storages_from_env({})["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


def test_storages_use_s3_compatible_bucket_when_configured():
    config = storages_from_env(
        {
            "IMAGES_S3_BUCKET": "shpalta-photos",
            "IMAGES_S3_ENDPOINT_URL": "https://storage.example.net",
            "IMAGES_S3_REGION": "eu-central-1",
            "IMAGES_S3_PREFIX": "/media/",
        }
    )
    assert config["default"] == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "shpalta-photos",
            "location": "media",
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": True,
            "endpoint_url": "https://storage.example.net",
            "region_name": "eu-central-1",
        },
    }
    assert config["staticfiles"]["BACKEND"].endswith("StaticFilesStorage")


def test_s3_storage_builds_from_settings_without_network():
    """The options are ones django-storages accepts; nothing is contacted until a file moves."""
    config = storages_from_env(
        {"IMAGES_S3_BUCKET": "b", "IMAGES_S3_ENDPOINT_URL": "http://127.0.0.1:9"}
    )["default"]
    storage = import_string(config["BACKEND"])(**config["OPTIONS"])
    assert (storage.bucket_name, storage.endpoint_url, storage.file_overwrite) == (
        "b",
        "http://127.0.0.1:9",
        True,
    )
    assert storage.get_available_name("images/renditions/ab/abc/w-640.jpg") == (
        "images/renditions/ab/abc/w-640.jpg"
    )
