# The applications pages' words (fr).
