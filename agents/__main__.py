"""`python -m agents` runs the CLI."""

from agents.cli import main

main()
