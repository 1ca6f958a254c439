from django.urls import path

from registration.views import apply, status, verify, work

app_name = "registration"
urlpatterns = [
    path("registration/new/", apply.application_new_view, name="new"),
    path("registration/queue/", verify.queue_view, name="queue"),
    path("registration/<str:number>/", verify.application_detail_view, name="detail"),
    path("registration/<str:number>/edit/", apply.application_edit_view, name="edit"),
    path(
        "registration/<str:number>/submitted/", apply.application_submitted_view, name="submitted"
    ),
    path(
        "registration/<str:number>/acknowledgement.pdf",
        apply.acknowledgement_view,
        name="acknowledgement",
    ),
    path("registration/<str:number>/approve/", verify.application_approve_view, name="approve"),
    path("registration/<str:number>/reject/", verify.application_reject_view, name="reject"),
    path("registration/<str:number>/return/", verify.application_return_view, name="return"),
    path(
        "registration/<str:number>/duplicates/",
        verify.application_check_duplicates_view,
        name="check_duplicates",
    ),
    path(
        "registration/<str:number>/duplicates/<int:duplicate_id>/",
        verify.duplicate_decide_view,
        name="duplicate_decide",
    ),
    path(
        "registration/<str:number>/documents/<int:document_id>/",
        verify.application_document_view,
        name="document",
    ),
    path(
        "registration/<str:number>/documents/<int:document_id>/remove/",
        apply.document_remove_view,
        name="document_remove",
    ),
    path("work/", work.work_list_view, name="work_list"),
    path("work/overdue/", work.overdue_view, name="overdue"),
    path("status/", status.status_view, name="status"),
]
