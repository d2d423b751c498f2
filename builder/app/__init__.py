"""The application around the pipeline: the command line (one handler per command), serve, init, import, apply."""
