"""`python -m builder` runs the `secondround` command."""

from builder.app.cli import main

raise SystemExit(main())
