"""``regkg serve``: the read-only SPARQL 1.1 Protocol endpoint."""
