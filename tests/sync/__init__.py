"""Tests for core/sync, settings, secrets and cloud control."""
