"""One module a command; each registers itself on :data:`crmselect.cli.app` when imported."""
