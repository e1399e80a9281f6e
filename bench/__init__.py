"""caredesk's benchmark harness: seed large databases, load a real server, print one table.

Run ``python -m bench`` (or ``make bench``); ``--quick`` for a short pass. See bench/README.md.
"""
