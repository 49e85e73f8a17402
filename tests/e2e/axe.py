"""axe-core in the page: the WCAG 2.1 A/AA rules (and best practices) with serious impact."""

from functools import cache

AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
}


@cache
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def serious_violations(page) -> list[str]:
    """The serious and critical violations on the page, one readable line each."""
    results = _axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(str(n["target"][0]) if n["target"] else "?" for n in v["nodes"][:5])
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
