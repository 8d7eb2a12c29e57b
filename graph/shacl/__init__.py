"""The SHACL gate: our SHACL Core validator and the shapes it compiles."""
