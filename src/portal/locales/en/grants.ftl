# The grants pages' words (en).
