"""Pure computation of the documentation report (no Django): the RACI matrix and what the
report says about each task."""
