"""`python -m agents` runs the CLI."""

from agents.cli import main

# Guarded: eval workers start by spawning, which re-imports this module.
if __name__ == "__main__":
    main()
