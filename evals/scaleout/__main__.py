"""`python -m evals.scaleout [--quick]`: the rehearsal without going through `guichet`."""

import typer

from guichet.cli_scaleout import scaleout

if __name__ == "__main__":
    typer.run(scaleout)
