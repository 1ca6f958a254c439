from django.urls import path

from escalation import views

app_name = "escalation"
urlpatterns = [
    path("", views.escalated_view, name="list"),
    path("assign/<str:kind>/<int:pk>/", views.assign_view, name="assign"),
]
