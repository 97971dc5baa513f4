"""Build-time helpers for build.spec (the installed app's folder); never imported by the app."""
