from django.urls import path

from portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home_view, name="home"),
    path("registration-is-open/", views.registration_open_view, name="registration_open"),
    path("manual/", views.manual_index_view, name="manual_index"),
    path("manual/<slug:role>/", views.manual_view, name="manual"),
]
