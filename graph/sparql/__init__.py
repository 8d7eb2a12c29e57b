"""SPARQL as text: stored queries, the safety check on the parsed query, bound values."""
