"""paramlab."""
