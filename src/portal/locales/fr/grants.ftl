# The grants pages' words (fr).
