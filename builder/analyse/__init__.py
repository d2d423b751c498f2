"""Stage 2, analyse: facts computed from the validated portfolio, for pages, PDFs, the kit and `check`."""
