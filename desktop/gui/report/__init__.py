"""The printed score report (Qt drawing of desktop/services/report_data.py)."""
