# The grants pages' words (es).
