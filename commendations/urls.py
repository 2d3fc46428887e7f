from commendations.views import nominations

app_name = "commendations"

# Each area's module owns its own patterns (campaigns, nominations, expert review, publicity and
# honours); URL names are unique across them.
urlpatterns: list = []
urlpatterns += nominations.urlpatterns
