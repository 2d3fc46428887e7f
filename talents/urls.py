from django.urls import path

from talents import views

app_name = "talents"

urlpatterns = [
    path("", views.talent_list_view, name="list"),
    path("new/", views.talent_create_view, name="create"),
    path("validate-id/", views.id_number_validate_view, name="validate-id"),
    path("upload/", views.talent_upload_view, name="upload"),
    path("upload/template/", views.upload_template_view, name="upload-template"),
    path("claims/", views.registration_claim_list_view, name="claim-list"),
    path("claims/<int:pk>/", views.registration_claim_detail_view, name="claim-detail"),
    path("<int:pk>/", views.talent_detail_view, name="detail"),
    path("<int:pk>/edit/", views.talent_edit_view, name="edit"),
    path("<int:pk>/reveal-id/", views.talent_reveal_id_view, name="reveal-id"),
    path("<int:pk>/credentials/new/", views.credential_create_view, name="credential-create"),
    path("<int:pk>/credentials/<int:cid>/edit/", views.credential_edit_view, name="credential-edit"),
    path("<int:pk>/credentials/<int:cid>/delete/", views.credential_delete_view, name="credential-delete"),
    path("<int:pk>/honours/new/", views.honour_create_view, name="honour-create"),
]
