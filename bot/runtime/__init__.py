"""What only a running server needs: state stores, metrics, logs and knowledge reloads.

The only package that imports `redis` and `prometheus_client`. May import the core packages;
never Slack.
"""
