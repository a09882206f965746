from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps.views import sitemap
from django.urls import path

from .sitemaps import SITEMAPS
from .views import editor, offices, public, units

app_name = "edukasi"

# Mounted at the site's root: the guidance lives under /edukasi/, the directory and the offices have their
# own top-level addresses. A unit's page, its poster and an office's page are the site's stable public
# addresses and are registered in desabinaan/urls.py.
urlpatterns = [
    # Public guidance.
    path("edukasi/", public.home, name="home"),
    path("edukasi/topik/<slug:slug>/", public.topic_detail, name="topic_detail"),
    path("edukasi/artikel/<slug:slug>/", public.article_detail, name="article_detail"),
    path("edukasi/artikel/<slug:slug>/selebaran.pdf", public.article_leaflet, name="article_leaflet"),
    path("edukasi/m-paspor/", public.mpaspor, name="mpaspor"),
    path("edukasi/bekerja-ke-luar-negeri/", public.legal_path, name="legal_path"),
    path("edukasi/daftar-dokumen/", public.checklist, name="checklist"),
    path("edukasi/biaya/", public.fees, name="fees"),
    path("edukasi/cek-tawaran-kerja/", public.job_check, name="job_check"),
    path("edukasi/layanan-pengaduan/", public.hotlines, name="hotlines"),
    path("edukasi/cari/", public.search, name="search"),
    path("edukasi/sitemap.xml", login_not_required(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    # The directory of desa binaan and the immigration offices.
    path("direktori/", units.directory, name="directory"),
    path("kantor/", offices.office_list, name="office_list"),
    # Editors.
    path("edukasi/kelola/", editor.editor_home, name="editor_home"),
    path("edukasi/kelola/artikel/baru/", editor.article_create, name="article_create"),
    path("edukasi/kelola/artikel/<int:pk>/", editor.editor_article, name="editor_article"),
    path("edukasi/kelola/artikel/<int:pk>/ubah/", editor.article_edit, name="article_edit"),
    path("edukasi/kelola/artikel/<int:pk>/ajukan/", editor.article_submit, name="article_submit"),
    path("edukasi/kelola/artikel/<int:pk>/terbitkan/", editor.article_publish, name="article_publish"),
    path("edukasi/kelola/artikel/<int:pk>/arsipkan/", editor.article_archive, name="article_archive"),
    path("edukasi/kelola/artikel/<int:pk>/kembalikan/", editor.article_return, name="article_return"),
    path("edukasi/kelola/artikel/<int:pk>/revisi/", editor.article_revisions, name="article_revisions"),
    path("edukasi/kelola/artikel/<int:pk>/revisi/<int:number>/", editor.revision_detail, name="revision_detail"),
    path(
        "edukasi/kelola/artikel/<int:pk>/revisi/<int:number>/pulihkan/",
        editor.revision_restore,
        name="revision_restore",
    ),
    path("edukasi/kelola/biaya/", editor.fee_list, name="fee_list"),
    path("edukasi/kelola/persyaratan/", editor.requirement_list, name="requirement_list"),
    path("edukasi/kelola/persyaratan/<slug:situation>/", editor.requirement_edit, name="requirement_edit"),
    path("edukasi/kelola/layanan-pengaduan/", editor.hotline_list, name="hotline_list"),
    path("edukasi/kelola/layanan-pengaduan/baru/", editor.hotline_create, name="hotline_create"),
    path("edukasi/kelola/layanan-pengaduan/<int:pk>/", editor.hotline_edit, name="hotline_edit"),
    # What each office serves: proposed by its staff or an editor, reviewed before the public sees it.
    path("edukasi/kelola/kantor/", editor.office_facts_home, name="office_facts_home"),
    path("edukasi/kelola/kantor/<slug:slug>/", editor.office_facts, name="office_facts"),
    path("edukasi/kelola/data-kantor/<int:pk>/terbitkan/", editor.office_fact_publish, name="office_fact_publish"),
    path("edukasi/kelola/data-kantor/<int:pk>/tolak/", editor.office_fact_reject, name="office_fact_reject"),
]
