"""``python -m graph`` runs the CLI."""

from graph.cli import main

raise SystemExit(main())
