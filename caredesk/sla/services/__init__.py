"""The verbs of service levels: clocks that start, pause, resume and stop with the ticket, and the
sweep that fires warnings and breaches when they fall due."""
