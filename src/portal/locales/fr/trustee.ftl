# The trustee pages' words (fr).
