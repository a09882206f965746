app_name = "edukasi"

urlpatterns: list = []
