from django.urls import path

from supervision import views

app_name = "supervision"

urlpatterns = [
    path("", views.index_view, name="index"),
    path("families/", views.families_view, name="families"),
    path("pending-ekyc/", views.pending_ekyc_view, name="pending_ekyc"),
    path("audit/", views.audit_view, name="audit"),
    path("exports/<str:export_id>/", views.export_view, name="export"),
    path("exports/<str:export_id>/file", views.export_file_view, name="export_file"),
]
