"""The regkg vocabulary: ontology terms, plain-string names, deterministic IRIs."""
