from django.urls import path

from grievances import citizen_views, public_views, views

app_name = "grievances"
urlpatterns = [
    # Without signing in: the Family ID and an OTP to the family's linked mobile open the
    # family's pages below. Before "<grievance_number>/", which "file" would match.
    path("file/", public_views.grievance_otp_start_view, name="otp_start"),
    path("file/verify/", public_views.grievance_otp_verify_view, name="otp_verify"),
    # The family's own (citizen sign-in, or the OTP above); before "<grievance_number>/", which
    # "mine" would match.
    path("mine/", citizen_views.citizen_grievance_list_view, name="citizen_list"),
    path("mine/new/", citizen_views.citizen_grievance_new_view, name="citizen_new"),
    path(
        "mine/<str:grievance_number>/",
        citizen_views.citizen_grievance_detail_view,
        name="citizen_detail",
    ),
    path(
        "mine/<str:grievance_number>/reply/",
        citizen_views.citizen_grievance_reply_view,
        name="citizen_reply",
    ),
    path(
        "mine/<str:grievance_number>/accept/",
        citizen_views.citizen_grievance_accept_view,
        name="citizen_accept",
    ),
    path(
        "mine/<str:grievance_number>/reopen/",
        citizen_views.citizen_grievance_reopen_view,
        name="citizen_reopen",
    ),
    # Officials'.
    path("", views.grievance_list_view, name="list"),
    path("families/<str:family_id>/new/", views.grievance_new_view, name="new"),
    path("<str:grievance_number>/", views.grievance_detail_view, name="detail"),
    path("<str:grievance_number>/reply/", views.grievance_reply_view, name="reply"),
    path("<str:grievance_number>/close/", views.grievance_close_view, name="close"),
]
