# The applications pages' words (en).
