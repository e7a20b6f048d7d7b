"""What the app shows in Slack: Block Kit blocks, entry cards, views, escaped mrkdwn, answers.

May import the core, `slack_sdk.models` and `bot.runtime.metrics`.
"""
