"""Reading input files safely and writing outputs atomically."""
