app_name = "commendations"

# Each area's module owns its own patterns (campaigns, nominations, expert review, publicity and
# honours); URL names are unique across them.
urlpatterns: list = []

# Public notice, conferral and the honours roll (area "pub").
from commendations.views.honours import urlpatterns as honours_patterns  # noqa: E402

urlpatterns += honours_patterns
