from commendations.views import campaigns, nominations, review

app_name = "commendations"

# Each area's module owns its own patterns (campaigns, nominations, expert review, publicity and
# honours); URL names are unique across them.
urlpatterns: list = [
    *campaigns.urlpatterns,
    *nominations.urlpatterns,
    *review.urlpatterns,
]
