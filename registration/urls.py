from django.urls import path

from registration.views import apply, self_apply, verify, work

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
        "registration/<str:number>/send-back/",
        verify.application_send_back_view,
        name="send_back",
    ),
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
    path("apply/", self_apply.start_view, name="self_start"),
    path("apply/verify/", self_apply.verify_view, name="self_verify"),
    path("apply/place/", self_apply.place_view, name="self_place"),
    path("apply/family/", self_apply.family_view, name="self_family"),
    path("apply/done/", self_apply.done_view, name="self_done"),
]
