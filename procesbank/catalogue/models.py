"""Tables of the app (none yet)."""
