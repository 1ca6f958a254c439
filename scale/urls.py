from django.urls import path

from scale import views

app_name = "scale"
urlpatterns = [
    path("up/", views.floor_view, name="floor"),
    path("duplicates/", views.cluster_list_view, name="cluster_list"),
    path("duplicates/<int:cluster_id>/", views.cluster_detail_view, name="cluster_detail"),
]
