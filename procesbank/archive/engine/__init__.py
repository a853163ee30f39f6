"""Pure parts of the archive: the zip container with its limits (no Django)."""
