"""The Slack app: the Bolt app, one listener per surface, Block Kit answers, delivery, transport.

The only package that imports `slack_bolt`, `slack_sdk` and (in `transport/`) waitress. It may
import everything else; nothing outside it imports it, except `ikeerr serve`.
"""
