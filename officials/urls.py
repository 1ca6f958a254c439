from django.urls import path

from officials.views import auth, manage

app_name = "officials"
urlpatterns = [
    path("login/", auth.login_view, name="login"),
    path("logout/", auth.logout_view, name="logout"),
    path("password/", auth.password_change_view, name="password_change"),
    path("password/forgot/", auth.password_reset_request_view, name="password_reset"),
    path("password/forgot/verify/", auth.password_reset_verify_view, name="password_reset_verify"),
    path("officials/", manage.official_list_view, name="list"),
    path("officials/new/", manage.official_create_view, name="create"),
    path("officials/<int:pk>/", manage.official_detail_view, name="detail"),
    path("officials/<int:pk>/edit/", manage.official_edit_view, name="edit"),
    path("officials/<int:pk>/active/", manage.official_set_active_view, name="set_active"),
    path(
        "officials/<int:pk>/reset-password/",
        manage.official_reset_password_view,
        name="reset_password",
    ),
    path("area/", manage.choose_area_view, name="choose_area"),
]
