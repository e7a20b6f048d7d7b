"""Presentation of results for terminals and scripts: one `Format`, text or JSON.

May import: `bot.domain`, `bot.knowledge` (for the schema's field list) and the standard library.
Slack's Block Kit lives in `bot.slack.ui`.
"""
