"""The Slack app: Bolt listeners, Block Kit answers and the HTTP or Socket Mode transport."""
