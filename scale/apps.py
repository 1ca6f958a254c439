from django.apps import AppConfig


class ScaleConfig(AppConfig):
    name = "scale"
    verbose_name = "Scale: synthetic state, bulk import, duplicate sweep"
