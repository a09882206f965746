from django.urls import reverse


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_work_pages(client, db):
    response = client.get(reverse("robots"))
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /laporan/" in body


def test_the_root_sitemap_is_the_guidance_sitemap(client, db):
    root = client.get(reverse("sitemap"))
    assert root.status_code == 200
    assert root.content == client.get(reverse("edukasi:sitemap")).content
