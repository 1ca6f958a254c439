from django.urls import path

from migration.views import citizen, official, wizard

app_name = "migration"
urlpatterns = [
    # The citizen (SOP steps 3-6, and following a request)
    path("", citizen.my_requests_view, name="mine"),
    path("new/", wizard.new_type_view, name="new"),
    path("new/district/", wizard.new_district_view, name="new_district"),
    path("new/local-body/", wizard.new_local_body_view, name="new_local_body"),
    path("new/area/", wizard.new_area_view, name="new_area"),
    path("new/village/", wizard.new_village_view, name="new_village"),
    path("new/address/", wizard.new_address_view, name="new_address"),
    path("new/aadhaar/", wizard.new_aadhaar_view, name="new_aadhaar"),
    path("new/review/", wizard.new_review_view, name="new_review"),
    path("requests/<str:number>/", citizen.detail_view, name="detail"),
    path("requests/<str:number>/confirmation.pdf", citizen.confirmation_view, name="confirmation"),
    path("requests/<str:number>/withdraw/", citizen.withdraw_view, name="withdraw"),
    path("requests/<str:number>/correct/", citizen.correct_view, name="correct"),
    path("status/", citizen.status_view, name="status"),
    path("status/otp/", citizen.status_verify_view, name="status_verify"),
    path("status/<str:number>/", citizen.status_detail_view, name="status_detail"),
    # Officials (SOP steps 7-10)
    path("review/", official.pending_view, name="pending"),
    path("review/<str:number>/", official.review_view, name="review"),
    path("review/<str:number>/approve/", official.approve_view, name="approve"),
    path("review/<str:number>/reject/", official.reject_view, name="reject"),
    path("review/<str:number>/documents/<str:token>/", official.document_view, name="document"),
    path("moved-out/", official.moved_out_view, name="moved_out"),
    path("overdue/", official.overdue_view, name="overdue"),
    path("report/", official.report_view, name="report"),
]
