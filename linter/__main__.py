"""`python -m linter`: the `copydesk` command."""

from linter.cli import main

main()
