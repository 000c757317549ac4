"""`python -m tessera`: the same CLI as the `tessera` console script."""

from tessera.agents.cli import main

# Guarded: eval workers start by spawning, which re-imports the main module.
if __name__ == "__main__":
    main()
