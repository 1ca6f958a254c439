from django.urls import path

from updates import citizen_views as cv
from updates import views

app_name = "updates"
urlpatterns = [
    path("members/<str:member_id>/correct/", views.correction_new_view, name="correction_new"),
    path("members/<str:member_id>/death/", views.death_new_view, name="death_new"),
    path(
        "families/<str:family_id>/address/",
        views.family_correction_new_view,
        name="family_correction_new",
    ),
    path("families/<str:family_id>/birth/", views.birth_new_view, name="birth_new"),
    path("families/<str:family_id>/missed/", views.missed_member_new_view, name="missed_new"),
    path("families/<str:family_id>/marriage/", views.marriage_new_view, name="marriage_new"),
    path("families/<str:family_id>/head/", views.relations_new_view, name="relations_new"),
    path("families/<str:family_id>/transfer/", views.transfer_new_view, name="transfer_new"),
    path("families/<str:family_id>/split/", views.split_new_view, name="split_new"),
    path("families/<str:family_id>/merge/", views.merge_new_view, name="merge_new"),
    # The family's own reports and requests (a citizen signed in to it): before the numbers.
    path("mine/", cv.citizen_change_list_view, name="citizen_change_list"),
    path("mine/report/", cv.citizen_report_view, name="citizen_report"),
    path("mine/report/birth/", cv.citizen_birth_new_view, name="citizen_birth_new"),
    path("mine/report/death/", cv.citizen_death_new_view, name="citizen_death_new"),
    path(
        "mine/members/<str:member_id>/correct/",
        cv.citizen_correction_new_view,
        name="citizen_correction_new",
    ),
    path("mine/<str:change_number>/", cv.citizen_change_detail_view, name="citizen_change_detail"),
    path("", views.change_list_view, name="change_list"),
    path("<str:change_number>/", views.change_detail_view, name="change_detail"),
    path("<str:change_number>/approve/", views.change_approve_view, name="change_approve"),
    path("<str:change_number>/reject/", views.change_reject_view, name="change_reject"),
    path(
        "<str:change_number>/documents/<str:document_token>/",
        views.change_document_view,
        name="change_document",
    ),
]
