"""What the lines do when something happens elsewhere."""

from overvalregie.lines import services


def open_follow_ups_after_import(sender, **kwargs) -> None:
    services.open_follow_ups()
