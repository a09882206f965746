"""Settings for the deploy tests' ``collectstatic`` only: the portal's settings and static storage, minus brotli.

whitenoise writes a ``.br`` beside every ``.gz`` at brotli's highest quality, which is more than nine tenths of
``collectstatic``'s time (about 35 s of 37 s here). Debian's nginx has no brotli module and serves only the
``.gz`` files (``gzip_static``), so the test's STATIC_ROOT lacks nothing nginx would send. The manifest, the
hashed names and the ``.gz`` files are made by the portal's own storage class, and gunicorn runs with the
portal's unmodified settings.
"""

from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage

from desabinaan.settings import *  # noqa: F403

PORTAL_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
assert STORAGES["staticfiles"]["BACKEND"] == PORTAL_STORAGE, "the portal changed its static storage"  # noqa: F405


class GzipOnlyStorage(CompressedManifestStaticFilesStorage):
    def create_compressor(self, **kwargs):
        return Compressor(use_brotli=False, **kwargs)


STORAGES = {**STORAGES, "staticfiles": {"BACKEND": f"{__name__}.GzipOnlyStorage"}}  # noqa: F405
