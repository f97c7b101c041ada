# The applications pages' words (es).
