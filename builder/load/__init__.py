"""Stage 1, load: the candidate's files → a validated `Portfolio`, or every problem at once."""
