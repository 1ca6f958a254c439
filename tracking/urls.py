from django.urls import path

from tracking import views

app_name = "tracking"
urlpatterns = [
    path("status/", views.status_view, name="status"),
    path("status/verify/", views.verify_view, name="verify"),
    path("status/<str:number>/", views.detail_view, name="detail"),
    path("citizen/requests/", views.citizen_requests_view, name="citizen_requests"),
]
