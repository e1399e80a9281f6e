"""The verbs on tickets. Every writer (API, views, channel adapters, tasks) goes through these.

Each public service runs in one transaction, records its timeline events there, keeps the search
index in step, and defers side effects (tasks, notifications) to ``transaction.on_commit``.
"""
