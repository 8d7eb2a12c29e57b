"""Dated snapshots (RDF, GraphML, GEXF, JSON), their diff, and push to a remote store."""
