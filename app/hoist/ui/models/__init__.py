"""What the views show, computed without widgets: the queue model, totals, part frames, words and numbers."""
