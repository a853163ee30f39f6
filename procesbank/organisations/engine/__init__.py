"""Pure computation of the organisations app (no Django): the unit tree and its import."""
