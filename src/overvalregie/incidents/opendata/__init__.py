"""Police figures published through CBS open data, imported as counts per area and period.

``tables`` describes the supported tables, ``parsers`` reads their files (no database),
``services`` writes them, ``queries`` answers what the dashboards ask.
"""
