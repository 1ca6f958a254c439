from django.urls import path

from registry import verify_views, views

app_name = "registry"
urlpatterns = [
    path("families/", views.family_list_view, name="family_list"),
    path("search/", views.search_view, name="search"),
    path("families/<str:family_id>/", views.family_detail_view, name="family_detail"),
    path("families/<str:family_id>/card.pdf", views.family_card_view, name="family_card"),
    path("verify/<str:payload>", verify_views.card_verify_view, name="card_verify"),
]
