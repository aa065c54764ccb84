"""E-forms: the runner's helpers (prefill, the receipt and what happens after submitting)."""
