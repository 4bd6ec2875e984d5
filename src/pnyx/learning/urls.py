"""Pages of the learning app: partners and their committees, courses, study groups, engagement
records, credit applications and credentials. Each area's module lists its own paths."""

from pnyx.learning.views import courses, credentials, credits, engagement, groups, partners

app_name = "learning"
urlpatterns = [
    *partners.urlpatterns,
    *courses.urlpatterns,
    *groups.urlpatterns,
    *engagement.urlpatterns,
    *credits.urlpatterns,
    *credentials.urlpatterns,
]
