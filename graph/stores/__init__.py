"""The store contract, its embedded and remote backends, and results read from them."""
