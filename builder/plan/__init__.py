"""Stage 3, plan: what the site, the PDFs and the private kit contain; public views; charts."""
