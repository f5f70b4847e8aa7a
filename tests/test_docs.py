"""The worked example in docs/ledger-format.md loads cleanly and gives the figures it states."""

from __future__ import annotations

import re
from pathlib import Path

from finsam_ledger.model.books import load
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import printed
from finsam_ledger.statements.arsredovisning import statements

from ledgers import REPO


def test_worked_example(tmp_path: Path) -> None:
    text = (REPO / "docs" / "ledger-format.md").read_text(encoding="utf-8")
    example = re.findall(r"```beancount\n(.*?)```", text, re.S)[-1]
    path = tmp_path / "main.beancount"
    path.write_text(example, encoding="utf-8")
    books, errors = load(path)
    assert books is not None, [e.message for e in errors]
    tables = statements(books, Period.year(2024))
    rr = tables["resultatrakning"]
    assert [printed(v) for v in rr.row("Verksamhetens intäkter").values[:2]] == [2000000, 2000000]
    assert [printed(v) for v in rr.row("Verksamhetens kostnader").values[:2]] == [
        -1960000,
        -1286838,
    ]
    assert printed(rr.row("Årets resultat").values[1]) == 711902
    br = tables["balansrakning"]
    assert printed(br.row("Kassa och bank").values[0]) == 1835840
    assert printed(br.row("Kortfristiga skulder").values[0]) == 583938
    not3 = tables["not3"]
    assert [row.label for row in not3.rows if row.kind == "line"] == [
        "Arbetsträning",
        "Samverkansutbildning",
        "Kansli",
        "Revision",
    ]
    # Every documented option and plugin line is in the worked example too.
    for line in re.findall(r"^(?:option|plugin) .*$", text.split("## 2.")[0], re.M):
        assert line in example


def test_every_directive_the_docs_show_is_well_formed() -> None:
    """Each ``custom`` line of the project in a beancount block parses as documented."""
    from beancount.core import data
    from beancount.parser import parser

    from finsam_ledger.model.directives import NAMES, parse_direktiv

    shown = 0
    for name in ("ledger-format.md", "sie-import.md", "importers.md"):
        text = (REPO / "docs" / name).read_text(encoding="utf-8")
        for block in re.findall(r"```beancount\n(.*?)```", text, re.S):
            entries, _, _ = parser.parse_string(block)
            customs = [e for e in entries if isinstance(e, data.Custom) and e.type in NAMES]
            shown += len(customs)
            _, errors = parse_direktiv(customs)
            assert not errors, (name, [e.message for e in errors])
    assert shown >= 20
