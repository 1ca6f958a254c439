from django.urls import path

from identity import member_views as m
from identity import mobile_views as mv
from identity import views

app_name = "identity"
urlpatterns = [
    path("citizen/sign-in/", views.citizen_sign_in_view, name="citizen_sign_in"),
    path("citizen/sign-in/otp/", views.citizen_sign_in_verify_view, name="citizen_sign_in_verify"),
    path("citizen/sign-out/", views.citizen_sign_out_view, name="citizen_sign_out"),
    path("citizen/family/", views.citizen_family_view, name="citizen_family"),
    path("citizen/family/card.pdf", m.citizen_family_card_view, name="citizen_family_card"),
    # Member e-KYC and mobile linking: officials (members in their areas)...
    path("members/<str:member_id>/ekyc/", m.ekyc_start_view, name="ekyc_start"),
    path("members/<str:member_id>/ekyc/otp/", m.ekyc_otp_view, name="ekyc_otp"),
    path("members/<str:member_id>/ekyc/biometric/", m.ekyc_biometric_view, name="ekyc_biometric"),
    path("members/<str:member_id>/ekyc/done/", m.ekyc_done_view, name="ekyc_done"),
    path("members/<str:member_id>/mobile/", m.mobile_link_view, name="mobile_link"),
    path(
        "members/<str:member_id>/mobile/otp/",
        m.mobile_link_verify_view,
        name="mobile_link_verify",
    ),
    # A change of a linked mobile asked for by an official: the local body officer decides.
    path("mobile-changes/", mv.mobile_change_list_view, name="mobile_change_list"),
    path("members/<str:member_id>/mobile/change/", mv.mobile_change_view, name="mobile_change"),
    # ... and the signed-in citizen (members of their own family).
    path(
        "citizen/members/<str:member_id>/ekyc/",
        m.citizen_ekyc_start_view,
        name="citizen_ekyc_start",
    ),
    path(
        "citizen/members/<str:member_id>/ekyc/otp/",
        m.citizen_ekyc_otp_view,
        name="citizen_ekyc_otp",
    ),
    path(
        "citizen/members/<str:member_id>/ekyc/biometric/",
        m.citizen_ekyc_biometric_view,
        name="citizen_ekyc_biometric",
    ),
    path(
        "citizen/members/<str:member_id>/ekyc/done/",
        m.citizen_ekyc_done_view,
        name="citizen_ekyc_done",
    ),
    path(
        "citizen/members/<str:member_id>/mobile/",
        m.citizen_mobile_link_view,
        name="citizen_mobile_link",
    ),
    path(
        "citizen/members/<str:member_id>/mobile/otp/",
        m.citizen_mobile_link_verify_view,
        name="citizen_mobile_link_verify",
    ),
]
