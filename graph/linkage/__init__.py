"""Cross-source linkage: which records are one decision (pairs, clusters, reviews, appeals)."""
