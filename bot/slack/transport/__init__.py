"""How requests reach the app: the WSGI app, the waitress server, Socket Mode, the hand-off.

The only place that imports waitress.
"""
