"""The ``stance`` command: a thin shell over the stance library."""
