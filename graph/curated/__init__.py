"""The curated data: ``data/`` files -> typed records -> one RDF graph per file."""
