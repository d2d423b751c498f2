"""The commands of `secondround`, one module each: its arguments (`arguments`) and what it
does with them (`run`, which returns the exit status). The command line (cli.py) assembles
them in the order of `COMMANDS`."""
