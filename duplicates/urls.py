from django.urls import path

from duplicates import views

app_name = "duplicates"
urlpatterns = [
    path("", views.case_list_view, name="case_list"),
    path("members/<str:member_id>/", views.member_view, name="member"),
    path("members/<str:member_id>/merge/", views.merge_view, name="merge"),
    path("members/<str:member_id>/deactivate/", views.deactivate_view, name="deactivate"),
    path("members/<str:member_id>/reactivate/", views.reactivate_view, name="reactivate"),
    path("members/<str:member_id>/report/", views.report_view, name="report"),
    path("<int:case_id>/", views.case_detail_view, name="case_detail"),
    path("<int:case_id>/objection/", views.case_object_view, name="case_object"),
    path("<int:case_id>/decision/", views.case_decide_view, name="case_decide"),
    path("citizen/<int:case_id>/objection/", views.citizen_object_view, name="citizen_object"),
    path("citizen/report/", views.citizen_report_view, name="citizen_report"),
]
