"""Pages of the consultations; each area keeps its routes in its own module."""

from pnyx.participation.urls import community, processes, propositions, results

app_name = "participation"
urlpatterns = [
    *processes.urlpatterns,
    *propositions.urlpatterns,
    *community.urlpatterns,
    *results.urlpatterns,
]
