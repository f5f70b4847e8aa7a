"""The books are built once per load: the rule plugins, the report and Fava share one build.

Also: loading never imports Fava or the exporters, and the kassaflöde
identity is checked where the ledger is loaded, as an error at a line.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from beancount import loader
from beancount.core import data

from finsam_ledger.model import books as books_module
from finsam_ledger.model.books import books_of, built_of, load
from finsam_ledger.model.kassaflode import kassaflode_errors, kassaflode_fel, kolumn
from finsam_ledger.model.period import Period

from ledgers import CHART, EXAMPLE, HEADER, TRANSACTIONS

BEAN_CHECK = Path(sys.executable).parent / "bean-check"
ALL_PLUGINS = """\
plugin "finsam_ledger.plugins.finansieringsandelar"
plugin "finsam_ledger.plugins.balanskrav"
plugin "finsam_ledger.plugins.beviljat"
plugin "finsam_ledger.plugins.eget_kapital"
"""


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Count the calls of :func:`books.build` (one item per build: its number of entries)."""
    calls: list[int] = []
    real = books_module.build

    def counting(entries: Any, options: Any) -> books_module.Built:
        calls.append(len(entries))
        return real(entries, options)

    monkeypatch.setattr(books_module, "build", counting)
    yield calls


def test_one_load_of_the_example_builds_once(builds: list[int]) -> None:
    """Seven plugins and the report: one build (the report reuses the plugins' books)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count('plugin "finsam_ledger.plugins.') == 7
    books, errors = load(EXAMPLE)
    assert books is not None, errors
    assert len(builds) == 1
    assert books.entries is not None and len(books.entries) == builds[0]


def test_the_report_gets_the_books_of_the_final_entries(builds: list[int]) -> None:
    entries, errors, options = loader.load_file(str(EXAMPLE))
    assert not errors
    assert len(builds) == 1
    books, own = books_of(entries, options)
    assert not own
    assert books.entries is entries  # the loader's final list, not a plugin's copy
    assert books.options is options
    assert len(builds) == 1


def test_changed_entries_are_built_anew_never_stale(builds: list[int]) -> None:
    entries, _, options = loader.load_file(str(EXAMPLE))
    assert len(builds) == 1
    first = built_of(entries, options)
    assert len(builds) == 1
    # Same objects, another list: reused.
    assert built_of(list(entries), options).books.chart is first.books.chart
    assert len(builds) == 1
    # One entry replaced by an equal copy: built anew.
    changed = list(entries)
    index = next(i for i, e in enumerate(changed) if isinstance(e, data.Transaction))
    changed[index] = changed[index]._replace(meta=dict(changed[index].meta))
    assert built_of(changed, options).books.chart is not first.books.chart
    assert len(builds) == 2
    # One entry fewer: built anew (and, kept, it replaces the shared build).
    built_of(changed[:-1], options)
    assert len(builds) == 3
    built_of(changed[:-1], options)
    assert len(builds) == 3
    # books_of does not replace what is kept.
    books_of(entries, options)
    assert len(builds) == 4
    books_of(changed[:-1], options)
    assert len(builds) == 4


def test_the_shared_build_is_not_pickled_with_the_options() -> None:
    """Beancount's load cache pickles the options: the build stays out of it."""
    _, _, options = loader.load_file(str(EXAMPLE))
    assert books_module.SHARED in options
    size = len(pickle.dumps(options))
    restored = pickle.loads(pickle.dumps(options))
    assert restored[books_module.SHARED].built is None
    options_without = {k: v for k, v in options.items() if k != books_module.SHARED}
    assert size < len(pickle.dumps(options_without)) + 200


def test_favas_reload_reuses_the_build_of_its_load(
    builds: list[int], ledger: Callable[[str], Path]
) -> None:
    """Fava's ``ledger.all_entries`` and ``ledger.options`` are the loader's own objects."""
    from fava.core import FavaLedger

    path = ledger(CHART + TRANSACTIONS, header=HEADER + ALL_PLUGINS)
    fava = FavaLedger(str(path))
    assert len(builds) == 1
    entries: Any = fava.all_entries
    books, own = books_of(entries, fava.options)
    assert books.entries is entries
    assert all(error in fava.load_errors for error in own)  # the plugins reported them
    assert len(builds) == 1
    fava.load_file()
    assert len(builds) == 2
    books_of(fava.all_entries, fava.options)  # type: ignore[arg-type]
    assert len(builds) == 2


def test_loading_imports_neither_fava_nor_exporters() -> None:
    """The plugins, model, figures and rules import no Fava, openpyxl, pandas or exporter."""
    code = (
        "import sys\n"
        "from beancount import loader\n"
        f"loader.load_file({str(EXAMPLE)!r})\n"
        "import finsam_ledger.figures.budget, finsam_ledger.figures.saldo\n"
        "import finsam_ledger.figures.utfall, finsam_ledger.rules.periodisering\n"
        "import finsam_ledger.rules.prognos, finsam_ledger.model.table\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('fava', 'openpyxl', 'pandas', 'flask') or m.startswith('finsam_ledger.exports') "
        "or m.startswith('finsam_ledger.statements') or m == 'finsam_ledger.cli')\n"
        "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"BEANCOUNT_DISABLE_LOAD_CACHE": "1", "PATH": ""},
    )
    assert result.stdout.strip() == "[]"


# --- the kassaflöde identity, checked at load ----------------------------------------

CORRECTION = (
    '2020-02-01 * "Ingående balans, rättelse"\n'
    "  Tillgångar:Kassa-och-bank:Bank  500.00 SEK\n"
    "  Eget-kapital:Ingående-balanser\n"
)
KASSAFLODE_2020 = (
    "kontoplan: kassaflödesanalys 2020: årets kassaflöde 10000.00 differs from the change "
    "in likvida medel 10500.00 (100000.00 to 110500.00): this ingående balans (a "
    "transaction on Eget-kapital:Ingående-balanser) is dated inside the period and brings "
    "500.00 into likvida medel that no kassaflöde explains; date it on or before "
    "2020-01-01, or book the correction as a transaction on another equity account"
)


def _line(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_an_opening_balance_inside_the_year_is_an_error_at_its_line_in_bean_check(
    ledger: Callable[[str], Path],
) -> None:
    """The second step of an ingående balans falls inside 2020: 2020's cash flow fails."""
    path = ledger(CHART + TRANSACTIONS + CORRECTION)
    result = subprocess.run([BEAN_CHECK, path], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    lineno = _line(path, '2020-02-01 * "Ingående balans, rättelse"')
    first_lines = [line for line in result.stderr.splitlines() if line.startswith(f"{path}:")]
    assert first_lines == [f"{path}:{lineno}: {KASSAFLODE_2020}"]


def test_the_report_and_the_check_give_the_same_error(ledger: Callable[[str], Path]) -> None:
    path = ledger(CHART + TRANSACTIONS + CORRECTION)
    books, errors = load(path)
    assert books is None
    lineno = _line(path, '2020-02-01 * "Ingående balans, rättelse"')
    assert [(e.source["lineno"], e.message) for e in errors if e.source] == [
        (lineno, KASSAFLODE_2020)
    ]
    # The same from a load without the project's plugins (the report checks it itself).
    plain = ledger(CHART + TRANSACTIONS + CORRECTION, header=HEADER.split("plugin")[0])
    books, errors = load(plain)
    assert books is None
    assert [e.message for e in errors] == [KASSAFLODE_2020]


def test_the_statements_can_call_the_check(ledger: Callable[[str], Path]) -> None:
    path = ledger(CHART + TRANSACTIONS + CORRECTION, header=HEADER.split("plugin")[0])
    entries, _, options = loader.load_file(str(path))
    built = built_of(entries, options)
    books = built.books
    assert [e.message for e in built.kassaflode_errors] == [KASSAFLODE_2020]
    assert [e.message for e in kassaflode_errors(books)] == [KASSAFLODE_2020]
    error = kassaflode_fel(books, Period.year(2020))
    assert error is not None and error.entry is not None
    assert error.entry.narration == "Ingående balans, rättelse"
    assert kassaflode_fel(books, Period.year(2021)) is None
    column = kolumn(books, Period.year(2020))
    assert column is not None and column["kassaflode"] == 10000
    assert column["slut"] - column["borjan"] == 10500
    assert kolumn(books, Period.year(2019)) is None


def test_a_residual_beancount_tolerates_is_an_error_at_its_transaction(
    ledger: Callable[[str], Path],
) -> None:
    """Beancount lets a transaction be off by less than its tolerance; the cash flow is not."""
    body = (
        CHART
        + TRANSACTIONS
        + '2021-11-02 * "Avrundning"\n'
        + "  Kostnader:Administration:Kansli  100.004 SEK\n"
        + "  Tillgångar:Kassa-och-bank:Bank  -100.00 SEK\n"
    )
    path = ledger(body)
    books, errors = load(path)
    assert books is None
    lineno = _line(path, '2021-11-02 * "Avrundning"')
    assert [(e.source["lineno"] if e.source else None) for e in errors] == [lineno]
    assert errors[0].message.startswith("kontoplan: kassaflödesanalys 2021: årets kassaflöde ")
    assert errors[0].message.endswith(
        ": this transaction's postings on the statements' accounts sum to 0.004, "
        "not zero; correct its amounts"
    )


def test_the_example_and_the_shared_ledgers_have_no_kassaflode_error(
    ledger: Callable[[str], Path],
) -> None:
    books, errors = load(EXAMPLE)
    assert books is not None, errors
    assert kassaflode_errors(books) == []
    books, errors = load(ledger(CHART + TRANSACTIONS))
    assert books is not None, errors
