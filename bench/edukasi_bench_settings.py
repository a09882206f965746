"""Settings for bench/edukasi_article.py: the portal's own settings plus one bare view to compare with."""

from desabinaan.settings import *  # noqa: F403

ROOT_URLCONF = "edukasi_bench_urls"
# The bench serves templates with {% static %} without running collectstatic.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# Static files from the finders (no collectstatic), as WhiteNoise would serve them from STATIC_ROOT.
WHITENOISE_USE_FINDERS = True
