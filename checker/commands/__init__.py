"""The command line's subcommands: the interface layer, above everything they call (see tests/test_layers.py)."""
