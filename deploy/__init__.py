"""The deployment kit: gunicorn, systemd and nginx files (docs/deployment.md)."""
