"""Tests of builder/app/: the command line and the commands around the build."""
