"""`python -m builder` runs the `secondround` command."""

from builder.cli import main

raise SystemExit(main())
