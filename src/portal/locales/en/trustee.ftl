# The trustee pages' words (en).
