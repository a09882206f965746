from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Topic


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.visible().order_by("pk")

    def lastmod(self, article: Article):
        return article.updated_at


class TopicSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Topic.objects.all()


class StaticPageSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return ["home", "mpaspor", "legal_path", "checklist", "fees", "job_check", "hotlines"]

    def location(self, item: str) -> str:
        return reverse(f"edukasi:{item}")


SITEMAPS = {"pages": StaticPageSitemap, "topics": TopicSitemap, "articles": ArticleSitemap}
