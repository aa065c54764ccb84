"""Staff work on form definitions (issue 12): the builder's operations and the readable summary of a form."""
