"""secondround: a job candidate's evidence, built into what wins a second interview."""

__version__ = "0.1.0"
