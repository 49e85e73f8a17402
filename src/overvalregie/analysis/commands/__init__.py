"""Command-line tools for analysts: each module has ``main(argv) -> int``."""
