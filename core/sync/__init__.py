"""Sync with the academy's central API: HTTP client, retry policy, outbox sender, remote worker."""
