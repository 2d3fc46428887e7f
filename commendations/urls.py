from commendations.views import campaigns, nominations, review
from commendations.views.honours import urlpatterns as honours_patterns

app_name = "commendations"

# Each area's module owns its own patterns (campaigns, nominations, expert review, publicity and
# honours); URL names are unique across them.
urlpatterns: list = [
    *campaigns.urlpatterns,
    *nominations.urlpatterns,
    *review.urlpatterns,
    # Public notice, conferral and the honours roll.
    *honours_patterns,
]
