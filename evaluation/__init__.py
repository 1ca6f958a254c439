"""Evaluation material for the portal's duplicate detection, kept apart from the portal's code."""
