"""The triples of one monetary amount, written the same way by the curated build and the
importers, so that an amount reads the same whichever file stated it."""

from __future__ import annotations

from decimal import Decimal

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib import Graph as RDFGraph
from rdflib.namespace import XSD

from graph.cleaning.money import Conversion, decimal_text
from graph.vocabulary.namespaces import REG


def add_amount(
    g: RDFGraph,
    node: URIRef,
    *,
    value: Decimal,
    currency: str,
    conversion: Conversion,
    what: str,
    note: str | None = None,
) -> None:
    """Write ``node`` as a ``reg:MonetaryAmount`` of ``value`` ``currency``, labelled
    ``"<value> <currency> (<what>)"``, with its EUR conversion.

    Written: the value and its EUR value in plain decimal notation
    (:func:`graph.cleaning.money.decimal_text`), the currency, the ECB rate and its date when one
    applied, and the conversion note saying which rule applied.
    """
    text = decimal_text(value)
    g.add((node, RDF.type, REG.MonetaryAmount))
    g.add((node, RDFS.label, Literal(f"{text} {currency} ({what})")))
    g.add((node, REG.amountValue, Literal(text, datatype=XSD.decimal)))
    g.add((node, REG.currency, Literal(currency)))
    if conversion.eur_value is not None:
        eur = decimal_text(conversion.eur_value)
        g.add((node, REG.eurValue, Literal(eur, datatype=XSD.decimal)))
    if conversion.rate is not None and conversion.rate_date is not None:
        g.add((node, REG.eurRate, Literal(str(conversion.rate), datatype=XSD.decimal)))
        g.add((node, REG.eurRateDate, Literal(conversion.rate_date, datatype=XSD.date)))
    g.add((node, REG.conversionNote, Literal(conversion.note)))
    if note:
        g.add((node, REG.note, Literal(note)))
