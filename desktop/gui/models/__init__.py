"""Qt item models over the store and the domain's plain results."""
