from django.urls import path

from notices import views

app_name = "notices"

urlpatterns = [
    path("", views.notice_list_view, name="notice-list"),
    path("<int:pk>/", views.notice_detail_view, name="notice-detail"),
    path("<int:pk>/close/", views.notice_close_view, name="notice-close"),
    path("objections/receipt/", views.objection_receipt_view, name="objection-receipt"),
    path("objections/", views.objection_list_view, name="objection-list"),
    path("objections/<int:pk>/resolve/", views.objection_resolve_view, name="objection-resolve"),
    path("objections/<int:pk>/attachment/", views.objection_attachment_view, name="objection-attachment"),
]
