"""Stage 4, render: templates, the site engine (MkDocs), the PDF engine (WeasyPrint), mail and calendar."""
