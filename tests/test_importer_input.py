"""Bad and unusual input: each file imports correctly or is rejected with file, line and reason.

Property-based (hypothesis) tests for the amount and date parsers and for
whole generated Swedbank files.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finsam_ledger.cli import main
from finsam_ledger.importers import parse
from finsam_ledger.importers.csvformat import CsvReader
from finsam_ledger.importers.model import ImportFault
from finsam_ledger.importers.swedbank import SWEDBANK_2019, SWEDBANK_LEGACY

PREAMBLE = "* Transaktioner Period 2021-03-01–2021-03-31 Skapad 2021-04-01 09:15 CEST"
HEADER = ",".join(SWEDBANK_2019.header or ())


def swedbank_file(rows: list[tuple[datetime.date, Decimal, str]], opening: Decimal) -> str:
    """A Swedbank 2019 file for the rows (given oldest first; the file lists newest first)."""
    balance = opening
    lines = []
    for number, (day, amount, text) in enumerate(rows):
        balance += amount
        lines.append(
            f'{number},83279,0000000000,"Företagskonto",SEK,{day},{day},{day},'
            f'"{text}","Överföring",{amount:.2f},{balance:.2f}'
        )
    lines.reverse()
    return "\r\n".join([PREAMBLE, HEADER, *lines]) + "\r\n"


ROWS = [
    (datetime.date(2021, 3, 1), Decimal("918500.00"), "FÖRSÄKRINGSKASSAN"),
    (datetime.date(2021, 3, 15), Decimal("-25000.00"), "JÖNKÖPINGS KOMMUN"),
]


def _read(path: Path) -> list[tuple[datetime.date, Decimal]]:
    statement = CsvReader(SWEDBANK_2019).read(str(path))
    return [(row.date, row.amount) for row in statement.rows]


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [("cp1252", "\r\n"), ("utf-8", "\n"), ("utf-8-sig", "\r\n"), ("iso-8859-15", "\n")],
)
def test_encodings_and_line_ends(tmp_path: Path, encoding: str, newline: str) -> None:
    path = tmp_path / "t.csv"
    text = swedbank_file(ROWS, Decimal(1000)).replace("\r\n", newline)
    if encoding == "iso-8859-15":
        text = text.replace("–", "-")  # the en dash does not exist in ISO-8859-15
    path.write_bytes(text.encode(encoding))
    reader = CsvReader(SWEDBANK_2019)
    assert reader.sniff(path.read_bytes())
    assert _read(path) == [(d, a) for d, a, _ in ROWS]
    texts = [row.counterparty for row in reader.read(str(path)).rows]
    assert texts == ["FÖRSÄKRINGSKASSAN", "JÖNKÖPINGS KOMMUN"]


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("-2 135,00", ",", "-2135.00"),
        ("-2\u00a0135,00", ",", "-2135.00"),
        ("-2\u2009135,00", ",", "-2135.00"),
        ("-2\u202f135,00", ",", "-2135.00"),
        ("\u22122 135,00", ",", "-2135.00"),
        ("-1 000,00 kr", ",", "-1000.00"),
        ("-2.500,00", ",", "-2500.00"),
        ("+395,5", ",", "395.50"),
        ("-253.520", ".", "-253.52"),
        ("1407", ".", "1407.00"),
        ("1,234.50", ".", "1234.50"),
    ],
)
def test_amounts(text: str, decimal: str, expected: str) -> None:
    assert parse.amount(text, decimal) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "decimal", "reason"),
    [
        ("", ",", "empty amount"),
        ("12,3,4", ",", "not an amount"),
        ("1.23.45", ",", "not an amount"),
        ("-253.521", ".", "fractions of an öre"),
        ("1,2345", ",", "more than three decimals"),
        ("tio", ",", "not an amount"),
        ("1 23,00", ",", "not an amount"),
    ],
)
def test_bad_amounts(text: str, decimal: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse.amount(text, decimal)


@pytest.mark.parametrize(
    ("mangle", "line", "reason"),
    [
        (lambda t: t.replace("2021-03-15", "2021-15-03", 1), 3, "not a date: '2021-15-03'"),
        (lambda t: t.replace("-25000.00", "-25 000,00", 1), 3, "fields where the header has 12"),
        (lambda t: t[: t.rindex(',"FÖRS')], 4, "fields where the header has 12"),
        (lambda t: t.replace("918500.00", "918500.0O", 1), 4, "not an amount: '918500.0O'"),
    ],
)
def test_rejected_with_line_and_reason(
    tmp_path: Path, mangle: object, line: int, reason: str
) -> None:
    assert callable(mangle)
    path = tmp_path / "t.csv"
    path.write_bytes(mangle(swedbank_file(ROWS, Decimal(1000))).encode("cp1252"))
    with pytest.raises(ImportFault) as raised:
        _read(path)
    assert (raised.value.path, raised.value.line) == (str(path), line)
    assert reason in raised.value.reason


def test_header_only_and_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    header_only = tmp_path / "header.csv"
    header_only.write_bytes(f"{PREAMBLE}\r\n{HEADER}\r\n".encode("cp1252"))
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    ledger = tmp_path / "ledger.beancount"
    ledger.write_text("", encoding="utf-8")
    assert main(["import", "extract", str(header_only), "--append", str(ledger)]) == 1
    assert f"{header_only}: no transactions in the file" in capsys.readouterr().err
    assert main(["import", "extract", str(empty), "--append", str(ledger)]) == 1
    assert f"{empty}: not a known bank format" in capsys.readouterr().err
    assert ledger.read_text(encoding="utf-8") == ""


def test_wrong_delimiter_is_not_claimed(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(swedbank_file(ROWS, Decimal(1000)).replace(",", ";").encode("cp1252"))
    assert not CsvReader(SWEDBANK_2019).sniff(path.read_bytes())


def test_legacy_reserved_rows_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(
        "SKYDDAT BELOPP;2019-07-19;-;-196,00;-\r\n"
        "Kortköp;2019-07-18;2019-07-19;-99,00;1 000,00\r\n".encode()
    )
    rows = CsvReader(SWEDBANK_LEGACY).read(str(path)).rows
    assert [(r.date, r.amount, r.balance) for r in rows] == [
        (datetime.date(2019, 7, 19), Decimal("-99.00"), Decimal("1000.00"))
    ]


# --- properties ---------------------------------------------------------------------------

money = st.decimals(
    min_value=Decimal("-99999999.99"),
    max_value=Decimal("99999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@given(
    money,
    st.sampled_from([" ", "\u00a0", "\u2009", "\u202f", ""]),
    st.sampled_from(["-", "\u2212"]),
    st.sampled_from(["", " kr"]),
)
def test_swedish_amounts_round_trip(value: Decimal, space: str, minus: str, suffix: str) -> None:
    text = f"{abs(value):,.2f}".replace(",", space).replace(".", ",")
    text = (minus if value < 0 else "") + text + suffix
    assert parse.amount(text, ",") == value


@given(money)
def test_point_decimal_amounts_round_trip(value: Decimal) -> None:
    assert parse.amount(f"{value:.2f}", ".") == value
    assert parse.amount(f"{value:.3f}", ".") == value  # SEB's three decimals


amount_like = st.one_of(
    st.text(),
    st.from_regex(
        r"[-+\u2212]?[0-9 .,\u00a0\u0660-\u0669\uff10-\uff19]{0,45}( ?kr)?", fullmatch=True
    ),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)


@settings(max_examples=400)
@given(amount_like, st.sampled_from([",", "."]))
def test_any_text_is_an_amount_in_ore_or_a_value_error(text: str, decimal: str) -> None:
    """Never another exception (28 digits gave decimal.InvalidOperation), never a non-ASCII
    digit taken for a number, never more than 16 digits before the decimal sign."""
    try:
        value = parse.amount(text, decimal)
    except ValueError:
        return
    assert value.as_tuple().exponent == -2
    assert abs(value) < Decimal(10) ** parse.MAX_DIGITS
    assert all(char.isascii() for char in text if char.isdigit())


@given(st.decimals(allow_nan=True, allow_infinity=True))
def test_any_decimal_is_cents_or_a_value_error(value: Decimal) -> None:
    try:
        cents = parse.cents(value, str(value))
    except ValueError:
        return
    assert cents == value
    assert cents.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1" * 28, "more than 16 digits before the decimal sign"),
        ("1" * 17 + ",00", "more than 16 digits before the decimal sign"),
        ("-" + "9" * 40, "more than 16 digits before the decimal sign"),
        ("\u0661\u0662\u0663", "not an amount"),  # Arabic-Indic digits
        ("\uff11\uff12,00", "not an amount"),  # full-width digits
    ],
)
def test_odd_amounts_are_value_errors(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse.amount(text, ",")


def test_sixteen_digits_and_leading_zeros_are_amounts() -> None:
    """Guard for the limit: 16 digits (BgMax's 18 digits of öre) are still an amount."""
    assert parse.amount("9999999999999999,99", ",") == Decimal("9999999999999999.99")
    assert parse.amount("0" * 30 + "1,50", ",") == Decimal("1.50")


@given(st.text(), st.sampled_from([("%Y-%m-%d",), ("%Y/%m/%d", "%d.%m.%Y"), ("%Y%m%d",)]))
def test_any_text_is_a_date_or_a_value_error(text: str, formats: tuple[str, ...]) -> None:
    """Guard: a date parser never raises anything but ValueError, and reads ASCII only."""
    try:
        day = parse.date(text, formats)
    except ValueError:
        return
    assert text.strip().isascii()
    assert isinstance(day, datetime.date)


@given(st.binary(max_size=300), st.sampled_from([("utf-8", "cp1252"), ("utf-8", "iso-8859-1")]))
def test_any_bytes_decode_or_give_a_parse_error_with_a_line(
    raw: bytes, encodings: tuple[str, ...]
) -> None:
    text, _ = parse.decode(raw, encodings, strict=False)  # recognising: never refuses
    assert isinstance(text, str)
    try:
        parse.decode(raw, encodings)
    except parse.ParseError as error:
        assert error.line is not None
        assert 1 <= error.line <= raw.count(b"\n") + raw.count(b"\r") + 1


@given(st.text())
def test_clean_text_has_no_control_or_format_characters(text: str) -> None:
    import unicodedata

    cleaned = parse.clean(text)
    assert not any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") for c in cleaned)
    assert parse.clean(cleaned) == cleaned


@given(st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2099, 12, 31)))
def test_dates_round_trip(day: datetime.date) -> None:
    formats = ("%Y-%m-%d", "%Y/%m/%d")
    assert parse.date(day.strftime("%Y/%m/%d"), formats) == day
    assert parse.date(day.isoformat(), formats) == day


row = st.tuples(
    st.dates(min_value=datetime.date(2021, 1, 1), max_value=datetime.date(2021, 12, 31)),
    money,
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ ", min_size=1, max_size=20)
    .map(str.strip)
    .filter(bool),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(row, min_size=1, max_size=30), money)
def test_generated_files_import_exactly(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[datetime.date, Decimal, str]],
    opening: Decimal,
) -> None:
    rows = sorted(rows, key=lambda r: r[0])
    path = tmp_path_factory.mktemp("gen") / "t.csv"
    path.write_bytes(swedbank_file(rows, opening).encode("cp1252"))
    statement = CsvReader(SWEDBANK_2019).read(str(path))
    assert [(r.date, r.amount, r.counterparty) for r in statement.rows] == rows
    closing = statement.closing_balance()
    assert closing == (rows[-1][0], opening + sum((a for _, a, _ in rows), Decimal(0)))
    # Every row has its own identity, even when a balance comes back (+100, -100, +100).
    assert len({r.identity for r in statement.rows}) == len(rows)


def swedbank_export(
    rows: list[tuple[datetime.date, Decimal, str]], opening: Decimal, created: datetime.date
) -> str:
    """Like swedbank_file, with the export's creation date in the preamble."""
    text = swedbank_file(rows, opening)
    return text.replace("Skapad 2021-04-01", f"Skapad {created}", 1)


small = st.sampled_from(
    [Decimal("100.00"), Decimal("-100.00"), Decimal("250.50"), Decimal("-30.00")]
)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 4), small), min_size=1, max_size=25),
    st.integers(0, 4),
    st.integers(0, 4),
    st.integers(0, 100),
)
def test_overlapping_and_partial_exports_import_each_row_once(
    tmp_path_factory: pytest.TempPathFactory,
    spec: list[tuple[int, Decimal]],
    cut_day: int,
    overlap: int,
    cut_share: int,
) -> None:
    """Export A is made during day `cut_day` (part of that day's rows); export B starts days
    earlier and covers everything. Importing A, then B, books each row exactly once and every
    balance assertion holds, whatever the amounts (balances often come back: +100, -100, +100)."""
    from beancount.core import amount as bamount
    from beancount.core import data
    from beancount.ops import balance

    from finsam_ledger.importers.importer import BankImporter
    from finsam_ledger.importers.settings import Settings

    start = datetime.date(2021, 3, 1)
    rows = sorted(
        [(start + datetime.timedelta(days=d), a, "EXEMPEL AB") for d, a in spec],
        key=lambda r: r[0],
    )
    cut = start + datetime.timedelta(days=cut_day)
    on_cut_day = [r for r in rows if r[0] == cut]
    keep = len(on_cut_day) * cut_share // 100
    first_export = [r for r in rows if r[0] < cut] + on_cut_day[:keep]
    from_day = cut - datetime.timedelta(days=overlap)
    before_b = [r for r in rows if r[0] < from_day]
    second_export = [r for r in rows if r[0] >= from_day]
    opening = Decimal(1000)
    folder = tmp_path_factory.mktemp("overlap")
    importer = BankImporter(CsvReader(SWEDBANK_2019), Settings())
    ledger: list[data.Directive] = [
        data.Open(data.new_metadata("<t>", 0), start - datetime.timedelta(days=1), acc, None, None)
        for acc in (
            "Tillgångar:Kassa-och-bank:Bank",
            "Skulder:Kortfristiga:Oklara-poster",
            "Eget-kapital:Ingående-balanser",
        )
    ]
    ledger.append(
        data.Transaction(
            data.new_metadata("<t>", 0),
            start - datetime.timedelta(days=1),
            "*",
            None,
            "IB",
            frozenset(),
            frozenset(),
            [
                data.Posting(
                    "Tillgångar:Kassa-och-bank:Bank",
                    bamount.Amount(opening, "SEK"),
                    None,
                    None,
                    None,
                    None,
                ),
                data.Posting(
                    "Eget-kapital:Ingående-balanser",
                    bamount.Amount(-opening, "SEK"),
                    None,
                    None,
                    None,
                    None,
                ),
            ],
        )
    )
    exports = []
    if first_export:
        exports.append((first_export, opening, cut))  # made during the cut day
    b_opening = opening + sum((a for _, a, _ in before_b), Decimal(0))
    if second_export:
        last = second_export[-1][0]
        exports.append((second_export, b_opening, last + datetime.timedelta(days=1)))
    for number, (export_rows, export_opening, created) in enumerate(exports):
        path = folder / f"export-{number}.csv"
        path.write_bytes(swedbank_export(export_rows, export_opening, created).encode("cp1252"))
        entries = importer.extract(str(path), ledger)
        importer.deduplicate(entries, ledger)
        ledger += [e for e in entries if not e.meta.get("__duplicate__")]
    booked = sorted(
        (e.date, e.postings[0].units.number)
        for e in ledger
        if isinstance(e, data.Transaction) and e.narration != "IB"
    )
    assert booked == sorted((d, a) for d, a, _ in rows)
    from beancount.parser import options

    defaults = dict(options.OPTIONS_DEFAULTS)
    _, errors = balance.check(sorted(ledger, key=data.entry_sortkey), defaults)
    assert errors == []
