"""Presentation of lookup results: plain text for terminals, Block Kit for Slack."""
