"""Overvalregie: the information system for the Dutch integrated approach to robbery crime."""

__version__ = "0.1.0"
