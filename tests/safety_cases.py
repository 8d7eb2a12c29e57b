"""The adversarial tables shared by the safety tests: every SPARQL 1.1 Update form, SERVICE and
foreign FROM in many disguises, and harmless queries that only look dangerous.

``{url}`` stands for the trap listener's URL (``http://127.0.0.1:PORT/sparql``), ``{base}`` for
its folder (``http://127.0.0.1:PORT/``), ``{g}`` for a graph the store holds.
"""

from __future__ import annotations

#: (query, the operation the refusal names).
UPDATES = [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT DATA"),
    ("insert data { <urn:a> <urn:b> <urn:c> }", "INSERT DATA"),
    ("DELETE DATA { <urn:a> <urn:b> <urn:c> }", "DELETE DATA"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE"),
    ("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "DELETE/INSERT"),
    ("INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", "DELETE/INSERT"),
    ("DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", "DELETE/INSERT"),
    ("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "DELETE/INSERT"),
    ("WITH <{g}> INSERT { ?s ?p 1 } USING <{g}> WHERE { ?s ?p ?o }", "DELETE/INSERT"),
    ("LOAD <{url}>", "LOAD"),
    ("LOAD SILENT <{url}> INTO GRAPH <urn:g>", "LOAD"),
    ("CLEAR ALL", "CLEAR"),
    ("CLEAR SILENT GRAPH <{g}>", "CLEAR"),
    ("CLEAR DEFAULT", "CLEAR"),
    ("CREATE GRAPH <urn:new>", "CREATE"),
    ("DROP ALL", "DROP"),
    ("DROP SILENT NAMED", "DROP"),
    ("COPY DEFAULT TO <urn:g>", "COPY"),
    ("MOVE <{g}> TO DEFAULT", "MOVE"),
    ("ADD <{g}> TO <urn:g>", "ADD"),
    ("PREFIX x: <urn:x#>\n# SELECT * { ?s ?p ?o }\nDROP GRAPH x:g", "DROP"),
    ("\\u0044ROP ALL", "DROP"),
    ("CLEAR ALL ; LOAD <{url}>", "CLEAR"),
    ("BASE <{base}> LOAD <sparql>", "LOAD"),
]

#: SERVICE wherever it can stand, however it is spelt.
SERVICES = [
    "SELECT * { FILTER(1 <2) SERVICE <{url}> { ?x ?p ?o } }",
    "SELECT * { service <{url}> { ?x ?p ?o } }",
    "SELECT * { SeRvIcE SILENT <{url}> { ?x ?p ?o } }",
    "SELECT * { { SELECT * { SERVICE <{url}> { ?x ?p ?o } } } }",
    "SELECT * { ?s ?p ?o FILTER EXISTS { SERVICE <{url}> { ?x ?p ?o } } } LIMIT 1",
    "ASK { FILTER NOT EXISTS { SERVICE <{url}> { ?x ?p ?o } } }",
    "SELECT * { ?s ?p ?o OPTIONAL { SERVICE <{url}> { ?x ?p ?o } } } LIMIT 1",
    "SELECT * { { ?s ?p ?o } UNION { SERVICE <{url}> { ?x ?p ?o } } } LIMIT 1",
    "SELECT * { ?s ?p ?o MINUS { SERVICE <{url}> { ?s ?p ?o } } } LIMIT 1",
    "SELECT * { GRAPH ?g { { { SERVICE <{url}> { ?x ?p ?o } } } } }",
    'SELECT * { BIND("<" AS ?a) SERVICE <{url}> { ?x ?p ?o } }',
    "SELECT * { # } \n SERVICE <{url}> { ?x ?p ?o } }",
    "PREFIX t: <{base}> SELECT * { SERVICE t:sparql { ?x ?p ?o } }",
    "BASE <{base}> SELECT * { SERVICE <sparql> { ?x ?p ?o } }",
    "SELECT * { SERV\\u0049CE <{url}> { ?x ?p ?o } }",
    "SELECT * { VALUES ?e { <{url}> } SERVICE ?e { ?x ?p ?o } }",
    "CONSTRUCT { ?x ?p ?o } WHERE { SERVICE <{url}> { ?x ?p ?o } }",
    "DESCRIBE ?x WHERE { SERVICE <{url}> { ?x ?p ?o } }",
    # Oxigraph reads LATERAL, rdflib's SPARQL 1.1 grammar does not: refused unread, never run.
    "SELECT * { ?s ?p ?o LATERAL { SERVICE <{url}> { ?x ?y ?z } } } LIMIT 1",
]

#: FROM / FROM NAMED naming graphs the store does not hold, in every IRI form.
FOREIGN_FROM = [
    "SELECT * FROM <{url}> { ?s ?p ?o }",
    "SELECT * FROM NAMED <{url}> { GRAPH ?g { ?s ?p ?o } }",
    "PREFIX f: <file:///etc/> SELECT * FROM f:passwd { ?s ?p ?o }",
    "BASE <{base}> SELECT * from <sparql> { ?s ?p ?o }",
    "SELECT * FROM <{g}> FROM <https://w3id.org/regkg/graph/\\u006eo-such> { ?s ?p ?o }",
    "ASK FROM NAMED <file:///etc/passwd> { }",
]

#: Queries that only look dangerous: they must run.
HARMLESS = [
    "SELECT ?service { ?service ?p ?o } LIMIT 1",
    "PREFIX with: <urn:with:> PREFIX load: <urn:load:> SELECT * { ?s ?p ?o FILTER(?p != with:x "
    "&& ?p != load:y) } LIMIT 1",
    'SELECT * { ?s ?p "SERVICE <http://x/> INSERT DATA DROP ALL" } # DELETE WHERE, SERVICE',
    "SELECT ?insert ?delete { ?insert <http://e/SERVICE#FROM> ?delete } LIMIT 1",
    "SELECT * { ?s ?p ?o FILTER(1 < 2 && ?o != <urn:service>) } LIMIT 1",
    "SELECT * FROM <{g}> { ?s ?p ?o } LIMIT 1",
]


def fill(text: str, url: str, graph: str) -> str:
    """A table entry with the trap's URL and a held graph filled in."""
    base = url.rsplit("/", 1)[0] + "/"
    return text.replace("{url}", url).replace("{base}", base).replace("{g}", graph)
