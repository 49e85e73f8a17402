"""The analysis engine: plain NumPy/SciPy, no Django.

Functions take arrays (coordinates in projected metres, dates as ``datetime64[D]``) and return
small frozen dataclasses. ``overvalregie.analysis.commands`` holds the command-line tools
analysts run on CSV files (``overvalregie near-repeat``, ``overvalregie hotspots``, ...).
"""
