"""The upload engine: planner, scheduler, part workers, retry, resume. No Qt."""
