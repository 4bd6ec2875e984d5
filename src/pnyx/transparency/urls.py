"""Pages of the transparency app: the algorithm register, explanations and open data."""

from django.urls import URLPattern, URLResolver, path, re_path

from pnyx.transparency import views
from pnyx.transparency.open_data import views as open_data

app_name = "transparency"

urlpatterns: list[URLPattern | URLResolver] = [
    # The register of algorithms: every card, one card, their JSON files, the debate on each
    # algorithm, the "why" page of one item an algorithm produced.
    path("algorithms/", views.algorithm_list, name="algorithm-list"),
    path("algorithms.json", views.algorithm_register_json, name="algorithm-register-json"),
    path("algorithms/<slug:slug>/", views.algorithm_detail, name="algorithm-detail"),
    path("algorithms/<slug:slug>.json", views.algorithm_card_json, name="algorithm-json"),
    path(
        "algorithms/<slug:slug>/debate/",
        views.AlgorithmDebateView.as_view(),
        name="algorithm-debate",
    ),
    path("algorithms/<slug:slug>/why/<int:item>/", views.algorithm_why, name="algorithm-why"),
    # Open data (pnyx.transparency.open_data): the page, the whole package, each of its files.
    path("open-data/", open_data.open_data_page, name="open-data"),
    path("open-data/pnyx-open-data.zip", open_data.open_data_archive, name="open-data-archive"),
    re_path(
        r"^open-data/files/(?P<name>[a-z0-9-]+\.(?:csv|json))$",
        open_data.open_data_file,
        name="open-data-file",
    ),
]
