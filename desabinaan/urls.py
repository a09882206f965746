from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView
from django.views.i18n import set_language

from desabinaan import forms as site_forms
from desabinaan import views as site_views
from desabinaan.lib.ratelimit import rate_limit
from edukasi.sitemaps import SITEMAPS
from edukasi.views import offices as office_pages
from edukasi.views import units as unit_pages


def _posted_email(request, *args, **kwargs) -> str | None:
    return request.POST.get("email")


# Public account forms: a reset mail per attempt and guessable links are worth limiting (login has axes).
password_reset_view = rate_limit(scope="password_reset", limit=5, window=15 * 60, account=_posted_email)(
    auth_views.PasswordResetView.as_view(form_class=site_forms.PasswordResetForm)
)
password_reset_confirm_view = rate_limit(scope="password_reset_confirm", limit=10, window=15 * 60)(
    auth_views.PasswordResetConfirmView.as_view(form_class=site_forms.SetPasswordForm)
)

urlpatterns = [
    path("", site_views.home, name="home"),
    # Each person's own home; the address of the former staff work list, so old bookmarks still lead home.
    path("tugas/", site_views.my_home, name="my_home"),
    path("kesehatan/", site_views.health, name="health"),
    path("sitemap.xml", login_not_required(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        login_not_required(TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
        name="robots",
    ),
    # No CSRF token: the form sits on cached public pages, and a forged switch only changes the language
    # (docs/security.md).
    path("bahasa/", login_not_required(csrf_exempt(set_language)), name="set_language"),
    path("akun/masuk/", site_views.PortalLoginView.as_view(), name="login"),
    path("akun/keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "akun/kata-sandi/ubah/",
        auth_views.PasswordChangeView.as_view(form_class=site_forms.PasswordChangeForm),
        name="password_change",
    ),
    path(
        "akun/kata-sandi/ubah/selesai/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("akun/kata-sandi/lupa/", password_reset_view, name="password_reset"),
    path(
        "akun/kata-sandi/lupa/terkirim/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "akun/kata-sandi/atur/<uidb64>/<token>/",
        password_reset_confirm_view,
        name="password_reset_confirm",
    ),
    path(
        "akun/kata-sandi/atur/selesai/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # The site's stable public addresses: a unit's page, its poster and an office's page. Printed posters
    # carry a unit's address as a QR code, so these paths never change; the names belong to the site, not
    # to an app, so any app (the registry's staff pages, e-mails, model URLs) may link to them without
    # reaching into the app that renders them (edukasi, the portal's public face).
    path("direktori/<int:pk>/", unit_pages.unit_public, name="unit_public"),
    path("direktori/<int:pk>/poster.pdf", unit_pages.unit_poster, name="unit_poster"),
    path("kantor/<slug:slug>/", office_pages.office_detail, name="office_public"),
    # Guidance first: the busiest public pages resolve without walking the registry's patterns.
    path("", include("edukasi.urls")),
    path("", include("villages.urls")),
    path("laporan/", include("reports.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "desabinaan.views.permission_denied"
handler404 = "desabinaan.views.page_not_found"
handler500 = "desabinaan.views.server_error"
