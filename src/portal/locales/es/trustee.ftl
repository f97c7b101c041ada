# The trustee pages' words (es).
