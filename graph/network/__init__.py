"""networkx views of the store: the entity graph, registered views, metrics."""
