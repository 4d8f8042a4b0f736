"""Tortoise models and configuration; plugged into the services."""
