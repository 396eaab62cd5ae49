"""The test server answers as the Kamer's OData service would: its one inference checked against
the data it serves (tests/record_server.py)."""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict

from conftest import needs_shared
from record_server import OPENDATA, besluiten, zaken

pytestmark = needs_shared


def _adoption_rates(order) -> tuple[float, float]:
    """Adopted share of the moties the cabinet left to the Kamer ("Oordeel Kamer"), and of those it
    advised against ("Ontraden"), when each Besluit is given the zaak at its place in ``order``."""
    by_agendapunt: dict[str, dict] = defaultdict(dict)
    for page in sorted((OPENDATA / "stemmingen").glob("*.json")):
        for s in json.loads(page.read_text(encoding="utf-8"))["value"]:
            by_agendapunt[s["Besluit"]["Agendapunt_Id"]][s["Besluit"]["Id"]] = s["Besluit"]
    seen: Counter = Counter()
    for decided in by_agendapunt.values():
        ordered = order(next(iter(decided.values()))["Agendapunt"]["Zaak"])
        for b in decided.values():
            n = b["AgendapuntZaakBesluitVolgorde"]
            if n <= len(ordered):
                seen[(ordered[n - 1]["Kabinetsappreciatie"], b["BesluitSoort"].rsplit(" ", 1)[-1])] += 1
    rate = lambda advice: seen[(advice, "aangenomen")] / (seen[(advice, "aangenomen")] + seen[(advice, "verworpen")])  # noqa: E731
    return rate("Oordeel Kamer"), rate("Ontraden")


def test_a_besluit_decides_the_zaak_at_its_place_in_volgnummer_order():
    """``AgendapuntZaakBesluitVolgorde`` read as the place of the zaak among its Agendapunt's zaken
    in Volgnummer order: the cabinet's advice then predicts the vote (a motie left to the Kamer is
    adopted far more often than one advised against); in a random order it predicts nothing."""
    left, against = _adoption_rates(lambda zs: sorted(zs, key=lambda z: z["Volgnummer"]))
    assert left > 0.75 and against < 0.4, (left, against)
    rng = random.Random(1)
    shuffled = [_adoption_rates(lambda zs: rng.sample(zs, len(zs))) for _ in range(3)]
    assert all(abs(a - b) < 0.2 for a, b in shuffled), shuffled


def test_the_served_moties_have_their_decisions():
    decided = [rid for rid, z in zaken().items() if besluiten().get(z["Id"])]
    assert len(decided) >= 40
