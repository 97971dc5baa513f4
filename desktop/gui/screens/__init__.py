"""The app's main screens, one module each; each takes its collaborators explicitly."""
