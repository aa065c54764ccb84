"""E-forms (issue 11): the field types (`portal.eforms.fields`) and the runner built on them."""
