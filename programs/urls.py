from django.urls import path

from programs import views

app_name = "programs"

urlpatterns = [
    path("plans/", views.plan_list_view, name="plan-list"),
    path("plans/<int:pk>/", views.plan_detail_view, name="plan-detail"),
    path("plans/<int:pk>/targets/", views.target_split_view, name="plan-targets"),
    path("plans/<int:pk>/progress/", views.progress_view, name="plan-progress"),
    path("plans/<int:pk>/progress/export/", views.progress_export_view, name="plan-progress-export"),
    path("plans/<int:pk>/progress/refresh/", views.progress_refresh_view, name="plan-progress-refresh"),
    path("activities/", views.activity_list_view, name="activity-list"),
    path("activities/new/", views.activity_create_view, name="activity-create"),
    path("activities/<int:pk>/", views.activity_detail_view, name="activity-detail"),
    path("activities/<int:pk>/edit/", views.activity_edit_view, name="activity-edit"),
    path("activities/<int:pk>/status/", views.activity_status_view, name="activity-status"),
    path("activities/<int:pk>/enrol/", views.activity_enrol_view, name="activity-enrol"),
    path("activities/<int:pk>/enrol/template/", views.enrolment_template_view, name="enrolment-template"),
    path(
        "activities/<int:pk>/enrolments/<int:eid>/complete/",
        views.enrolment_complete_view,
        name="enrolment-complete",
    ),
    path("activities/<int:pk>/questions/new/", views.question_create_view, name="question-create"),
    path("questions/<int:qid>/answer/", views.question_answer_view, name="question-answer"),
    path("questions/<int:qid>/group/", views.question_group_view, name="question-group"),
    path("questions/<int:qid>/publish/", views.question_publish_view, name="question-publish"),
    path("platforms/", views.platform_list_view, name="platform-list"),
    path("platforms/new/", views.platform_create_view, name="platform-create"),
    path("platforms/<int:pk>/edit/", views.platform_edit_view, name="platform-edit"),
]
