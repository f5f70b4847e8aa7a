"""A CSV layout from the import config (``[[csv]]``): a region economy system's export.

The golden-file harness extracts with zero configuration, so configured
layouts are tested here: the config loaded with ``settings.load``,
identification by the header, the rows, bad config values, and the whole
thing through ``finsam import extract`` with the config's rules.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from beancount.core import data
from beancount.parser import parser

from finsam_ledger.cli import main
from finsam_ledger.importers.configurable import from_settings
from finsam_ledger.importers.model import ImportFault
from finsam_ledger.importers.registry import importers
from finsam_ledger.importers.settings import Settings, load

SWEDBANK = Path(__file__).parent / "importers" / "swedbank" / "transaktioner-2019.csv"

LAYOUT = """\
[[csv]]
namn = "region-ekonomi"
rubrik = ["Verifikationsdatum", "Verifikation", "Text", "Motpart", "Debet", "Kredit"]
kodning = "cp1252"
hoppa_over = 2
decimaltecken = ","
datumformat = ["%Y-%m-%d", "%Y%m%d"]
datum = "Verifikationsdatum"
belopp = ["Debet", "Kredit"]
text = ["Text"]
motpart = "Motpart"
referens = "Verifikation"
nyast_forst = false
"""

TOP = """\
oklart = "Skulder:Kortfristiga:Oklara-poster"

"""

RULES = """
[[regel]]
motpart = "försäkringskassan"
belopp = "in"
konto = "Intäkter:Medlemsbidrag:Försäkringskassan"

[[regel]]
motpart = "kommun$"
belopp = "in"
konto = "Tillgångar:Fordringar:Kundfordringar"

[[regel]]
text = "lokalhyra"
belopp = "ut"
konto = "Kostnader:Lokaler:Hyra"

[[regel]]
referens = "^V2"
konto = "Kostnader:Administration:Ekonomihantering"
"""

# Invented: organisations only, amounts with space thousands and decimal comma,
# Debet (money in) and Kredit (money out) in separate columns, Windows line ends.
EXPORT = (
    "Huvudbok, konto 1930 Företagskonto\r\n"
    "Period 2021-01-01 – 2021-03-31;;;;;\r\n"
    "Verifikationsdatum;Verifikation;Text;Motpart;Debet;Kredit\r\n"
    "2021-01-15;V101;Medlemsbidrag kvartal 1;Försäkringskassan;1 250 000,00;\r\n"
    "2021-01-20;V102;Medlemsbidrag kvartal 1;Norrby kommun;312 500,50;\r\n"
    "20210203;V103;Lokalhyra februari;Fastighets AB Exempelgården;;8 450,50\r\n"
    "2021-02-28;V201;Avgift ekonomitjänst;Exempelregionen;;1 200,00\r\n"
    "2021-03-05;V104;Återbetalning förskott;Stiftelsen Exempelfonden;0,05;\r\n"
    "2021-03-31;V105;Kurs, deltagaravgift;Utbildnings AB Prov;;-99,95\r\n"
)


ROOTS = "".join(
    f'option "name_{kind}" "{name}"\n'
    for kind, name in (
        ("assets", "Tillgångar"),
        ("liabilities", "Skulder"),
        ("equity", "Eget-kapital"),
        ("income", "Intäkter"),
        ("expenses", "Kostnader"),
    )
)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "import.toml"
    path.write_text(TOP + LAYOUT + RULES, encoding="utf-8")
    return path


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "huvudbok-1930.csv"
    path.write_bytes(EXPORT.encode("cp1252"))
    return path


def _write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "fel.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_export_really_is_cp1252() -> None:
    raw = EXPORT.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


def test_identified_by_its_header(config: Path, export: Path, tmp_path: Path) -> None:
    settings = load(str(config))
    assert [spec["namn"] for spec in settings.csv_formats] == ["region-ekonomi"]
    (reader,) = from_settings(settings)
    assert reader.name == "region-ekonomi"
    claimed = [imp.name for imp in importers(settings) if imp.identify(str(export))]
    assert claimed == ["finsam.region-ekonomi"]
    # Without the config no format knows the file, and the layout claims no bank's file.
    assert not [imp for imp in importers(Settings()) if imp.identify(str(export))]
    assert not reader.sniff(SWEDBANK.read_bytes())
    # Another header (a column renamed) is not this layout.
    other = tmp_path / "annan.csv"
    other.write_bytes(EXPORT.replace("Motpart", "Kund").encode("cp1252"))
    assert not reader.sniff(other.read_bytes())
    # Nor the same header without the two lines before it.
    headless = tmp_path / "utan-inledning.csv"
    headless.write_bytes(EXPORT.split("\r\n", 2)[2].encode("cp1252"))
    assert not reader.sniff(headless.read_bytes())


def test_rows(config: Path, export: Path) -> None:
    (reader,) = from_settings(load(str(config)))
    statement = reader.read(str(export))
    rows = statement.rows
    assert [row.line for row in rows] == [4, 5, 6, 7, 8, 9]  # file order: nyast_forst = false
    assert [row.date.isoformat() for row in rows] == [
        "2021-01-15",
        "2021-01-20",
        "2021-02-03",  # the second date format
        "2021-02-28",
        "2021-03-05",
        "2021-03-31",
    ]
    assert [row.amount for row in rows] == [
        Decimal("1250000.00"),
        Decimal("312500.50"),
        Decimal("-8450.50"),  # Kredit: money out
        Decimal("-1200.00"),
        Decimal("0.05"),
        Decimal("-99.95"),  # Kredit written with its minus stays money out
    ]
    assert all(row.amount.as_tuple().exponent == -2 for row in rows)
    assert [row.counterparty for row in rows] == [
        "Försäkringskassan",
        "Norrby kommun",
        "Fastighets AB Exempelgården",
        "Exempelregionen",
        "Stiftelsen Exempelfonden",
        "Utbildnings AB Prov",
    ]
    assert rows[4].text == "Återbetalning förskott"
    assert [row.reference for row in rows] == ["V101", "V102", "V103", "V201", "V104", "V105"]
    assert len({row.identity for row in rows}) == len(rows)
    assert statement.closing_balance() is None  # no saldo column


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda t: t + 'farg = "blå"\n', "unknown keys: farg"),
        (lambda t: t.replace('datum = "Verifikationsdatum"\n', ""), "needs datum"),
        (lambda t: t.replace('decimaltecken = ","', 'decimaltecken = ";"'), "decimaltecken"),
        (lambda t: t.replace('belopp = ["Debet", "Kredit"]', 'belopp = ["Debet"]'), "belopp"),
        (lambda t: t.replace("rubrik = [", "rubriker = ["), "unknown keys: rubriker"),
    ],
    ids=["unknown-key", "missing-datum", "bad-decimaltecken", "one-of-two-amounts", "typo"],
)
def test_bad_config_values(tmp_path: Path, change: object, words: str) -> None:
    bad = _write_config(tmp_path, change(LAYOUT))  # type: ignore[operator]
    settings = load(str(bad))  # the [[csv]] tables are checked when the importers are made
    with pytest.raises(ImportFault) as caught:
        importers(settings)
    assert caught.value.path == str(bad)  # the config file, by name
    assert "[[csv]]" in caught.value.reason
    assert words in caught.value.reason


def test_bad_config_values_through_the_cli(
    tmp_path: Path, export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _write_config(tmp_path, LAYOUT + 'farg = "blå"\n')
    assert main(["import", "extract", str(export), "-c", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "[[csv]] unknown keys: farg" in captured.err


def test_bad_top_level_and_rule_values_name_the_config(tmp_path: Path) -> None:
    bad = _write_config(tmp_path, 'bankkonot = "Tillgångar:Kassa-och-bank:Bank"\n' + LAYOUT)
    with pytest.raises(ImportFault) as caught:
        load(str(bad))
    assert caught.value.path == str(bad)
    assert "bankkonot" in caught.value.reason
    bad = _write_config(
        tmp_path, LAYOUT + '[[regel]]\ntext = "x"\nbelopp = "inut"\nkonto = "A:B"\n'
    )
    with pytest.raises(ImportFault) as caught:
        load(str(bad))
    assert caught.value.path == str(bad)
    assert "belopp" in caught.value.reason


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (("hoppa_over = 2", 'hoppa_over = "två"'), "hoppa_over"),
        (('kodning = "cp1252"', 'kodning = "cp-1252x"'), "kodning"),
        (('kodning = "cp1252"', 'kodning = "cp1252"\navgransare = ";;"'), "avgransare"),
    ],
    ids=["hoppa_over-text", "unknown-kodning", "two-character-avgransare"],
)
def test_values_of_the_wrong_kind_are_import_faults(
    tmp_path: Path, change: tuple[str, str], words: str
) -> None:
    bad = _write_config(tmp_path, LAYOUT.replace(*change))
    with pytest.raises(ImportFault) as caught:
        importers(load(str(bad)))
    assert caught.value.path == str(bad)
    assert words in caught.value.reason


def test_a_blank_line_among_the_lines_before_the_header(config: Path, tmp_path: Path) -> None:
    """hoppa_over counts physical lines: one more line before the header needs one more."""
    path = tmp_path / "tom-rad.csv"
    path.write_bytes(EXPORT.replace("Företagskonto\r\n", "Företagskonto\r\n\r\n").encode("cp1252"))
    (reader,) = from_settings(load(str(config)))
    assert not reader.sniff(path.read_bytes())
    three = tmp_path / "tre.toml"
    three.write_text(
        config.read_text(encoding="utf-8").replace("hoppa_over = 2", "hoppa_over = 3"),
        encoding="utf-8",
    )
    (reader,) = from_settings(load(str(three)))
    assert reader.sniff(path.read_bytes())
    assert [row.line for row in reader.read(str(path)).rows] == [5, 6, 7, 8, 9, 10]


def test_a_utf8_export_longer_than_the_sniffed_head(tmp_path: Path) -> None:
    config = _write_config(
        tmp_path,
        '[[csv]]\nnamn = "region-utf8"\nrubrik = ["Bokföringsdatum", "Text", "Belopp"]\n'
        'datum = "Bokföringsdatum"\nbelopp = "Belopp"\ntext = "Text"\n',
    )
    lines = ["Bokföringsdatum;Text;Belopp"]
    lines += [f"2021-01-{i % 28 + 1:02d};Återbetalning förskott nr {i};1,00" for i in range(200)]
    raw = "\n".join(lines).encode("utf-8")
    # Lengthen the first row until the 8192nd byte is the first half of an å or ö.
    pad = next(n for n in range(40) if raw[8191 - n : 8192 - n] == b"\xc3")
    path = tmp_path / "lang.csv"
    path.write_bytes(raw.replace(b"nr 0;", b"nr 0" + b"0" * pad + b";", 1))
    assert path.read_bytes()[8191:8192] == b"\xc3"
    (importer,) = [imp for imp in importers(load(str(config))) if imp.name == "finsam.region-utf8"]
    assert importer.identify(str(path))


def test_extract_through_the_cli_with_rules(
    config: Path, export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "extract", str(export), "-c", str(config)]) == 0
    captured = capsys.readouterr()
    assert f"**** {export}" in captured.out
    entries, errors, _ = parser.parse_string(ROOTS + captured.out)
    assert not errors
    assert all(isinstance(entry, data.Transaction) for entry in entries)  # no balance: no saldo
    booked = {
        (entry.date.isoformat(), entry.payee, entry.narration): {
            posting.account: posting.units.number for posting in entry.postings
        }
        for entry in entries
    }
    bank = "Tillgångar:Kassa-och-bank:Bank"
    unmatched = "Skulder:Kortfristiga:Oklara-poster"
    assert booked == {
        ("2021-01-15", "Försäkringskassan", "Medlemsbidrag kvartal 1 V101"): {
            bank: Decimal("1250000.00"),
            "Intäkter:Medlemsbidrag:Försäkringskassan": Decimal("-1250000.00"),
        },
        ("2021-01-20", "Norrby kommun", "Medlemsbidrag kvartal 1 V102"): {
            bank: Decimal("312500.50"),
            "Tillgångar:Fordringar:Kundfordringar": Decimal("-312500.50"),
        },
        ("2021-02-03", "Fastighets AB Exempelgården", "Lokalhyra februari V103"): {
            bank: Decimal("-8450.50"),
            "Kostnader:Lokaler:Hyra": Decimal("8450.50"),
        },
        # By the reference alone (V2…).
        ("2021-02-28", "Exempelregionen", "Avgift ekonomitjänst V201"): {
            bank: Decimal("-1200.00"),
            "Kostnader:Administration:Ekonomihantering": Decimal("1200.00"),
        },
        # No rule: oklart.
        ("2021-03-05", "Stiftelsen Exempelfonden", "Återbetalning förskott V104"): {
            bank: Decimal("0.05"),
            unmatched: Decimal("-0.05"),
        },
        ("2021-03-31", "Utbildnings AB Prov", "Kurs, deltagaravgift V105"): {
            bank: Decimal("-99.95"),
            unmatched: Decimal("99.95"),
        },
    }
    assert all(entry.meta["bankrad"] for entry in entries)
    assert captured.err.splitlines() == [
        f"finsam import: 2 row(s) matched no rule, booked to {unmatched}:",
        f"  {export}:8: 2021-03-05 0.05 Återbetalning förskott V104",
        f"  {export}:9: 2021-03-31 -99.95 Kurs, deltagaravgift V105",
    ]


def test_identify_through_the_cli(
    config: Path, export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "identify", str(export), "-c", str(config)]) == 0
    assert capsys.readouterr().out == (
        f"{export}: finsam.region-ekonomi -> Tillgångar:Kassa-och-bank:Bank\n"
    )
    assert main(["import", "extract", str(export)]) == 1
    captured = capsys.readouterr()
    assert "not a known bank format" in captured.err
    assert captured.out == ""


def test_hoppa_over_counts_every_line_blank_ones_too(tmp_path: Path) -> None:
    config = tmp_path / "import.toml"
    config.write_text(
        "[[csv]]\n"
        'namn = "huvudbok"\n'
        'rubrik = ["Datum", "Text", "Debet", "Kredit"]\n'
        "hoppa_over = 2\n"
        'datum = "Datum"\n'
        'belopp = ["Debet", "Kredit"]\n'
        'text = ["Text"]\n'
        "nyast_forst = false\n",
        encoding="utf-8",
    )
    export = tmp_path / "huvudbok.csv"
    export.write_text(
        "Huvudbok 1930 mars 2021\n\nDatum;Text;Debet;Kredit\n"
        "2021-03-01;Medlemsbidrag;918 500,00;0,00\n2021-03-02;Avgift;0,00;-125,00\n",
        encoding="utf-8",
    )
    (reader,) = from_settings(load(str(config)))
    assert reader.sniff(export.read_bytes())
    rows = reader.read(str(export)).rows
    # A 0,00 in the unused column counts as empty.
    assert [(r.line, r.amount) for r in rows] == [
        (4, Decimal("918500.00")),
        (5, Decimal("-125.00")),
    ]


# Issue 8: a value of the wrong kind is one fault naming the config, the key and its line
# (LAYOUT's lines: 2 namn, 3 rubrik, 4 kodning, 5 hoppa_over, 7 datumformat, 8 datum,
# 9 belopp, 10 text, 11 motpart, 13 nyast_forst).
WRONG_KINDS = [
    ('datumformat = ["%Y-%m-%d", "%Y%m%d"]', "datumformat = [1]", 7,
     "datumformat must be a list of formats, not [1]"),
    ('datumformat = ["%Y-%m-%d", "%Y%m%d"]', 'datumformat = ["%d.%m"]', 7,
     "datumformat '%d.%m' does not give a whole date"),
    ('kodning = "cp1252"', 'kodning = "rot13"', 4,
     "kodning 'rot13' unknown or not a text encoding"),
    ('kodning = "cp1252"', 'kodning = "utf-16"', 4,
     "kodning 'utf-16' does not read a CSV file's ASCII as ASCII"),
    ('kodning = "cp1252"', "kodning = 1252", 4, "kodning must be the name of an encoding"),
    ('datum = "Verifikationsdatum"', "datum = 9", 8,
     "datum: column 9 is beyond the 6 columns (0–5)"),
    ('datum = "Verifikationsdatum"', "datum = -1", 8, "datum: column -1 is beyond"),
    ('datum = "Verifikationsdatum"', 'datum = "Datum"', 8,
     "datum: column 'Datum' is not in rubrik"),
    ('belopp = ["Debet", "Kredit"]', 'belopp = ["Debet", 1.5]', 9,
     "belopp: a column must be a header name or an index, not 1.5"),
    ('text = ["Text"]', "text = []", 10, "text: give at least one column"),
    ('motpart = "Motpart"', "motpart = { namn = 1 }", 11, "motpart: a column must be"),
    ("nyast_forst = false", 'nyast_forst = "nej"', 13,
     "nyast_forst must be true or false, not 'nej'"),
    ('namn = "region-ekonomi"', "namn = 3", 2, "namn must be a text, not 3"),
    ('"Debet", "Kredit"]', '"Debet", 7]', 3, "rubrik must be a list of names"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("old", "new", "line", "reason"), WRONG_KINDS, ids=[w[1][:24] for w in WRONG_KINDS]
)
def test_wrong_kinds_in_csv_name_the_config_key_and_line(
    tmp_path: Path, old: str, new: str, line: int, reason: str
) -> None:
    assert old in LAYOUT
    bad = _write_config(tmp_path, LAYOUT.replace(old, new, 1))
    with pytest.raises(ImportFault) as caught:
        importers(load(str(bad)))
    assert (caught.value.path, caught.value.line) == (str(bad), line)
    assert caught.value.reason.startswith(f"[[csv]] {reason}")


def test_a_column_index_beyond_a_headerless_layout(tmp_path: Path) -> None:
    config = _write_config(
        tmp_path,
        '[[csv]]\nnamn = "utan-rubrik"\nkolumner = 3\ndatum = 5\nbelopp = 1\ntext = 2\n',
    )
    with pytest.raises(ImportFault) as caught:
        importers(load(str(config)))
    assert (caught.value.line, caught.value.reason) == (
        4,
        "[[csv]] datum: column 5 is beyond the 3 columns (0–2)",
    )


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('csv = "region"\n', 1, "csv must be tables [[csv]], not 'region'"),
        ("[csv]\nnamn = 'x'\n", 1, "csv must be tables [[csv]]"),
        ('oklart = "A"\nbankkonto = 1930\n', 2, "bankkonto must be an account name, not 1930"),
        (
            '[[regel]]\nkonto = "Intäkter:Bidrag"\ntext = 5\n',
            3,
            "regel 1: text must be a text (a regular expression), not 5",
        ),
        ('[[regel]]\nkonto = "A:B"\ntext = "("\n', 3, "regel 1: text '(': missing )"),
        ('oklart = "A"\nokand = 1\n', 2, "unknown settings: okand"),
        ('bankkonto = "A"\nregel = [1]\n', 2, "regel must be tables [[regel]], not [1]"),
        ('[[regel]]\ntext = "x"\n', 1, 'regel 1: needs konto = "..."'),
        ('bankkonto = "A:B"\nbelopp = \n', 2, "not TOML: "),
    ],
)
def test_wrong_kinds_at_the_top_level_name_the_config_and_line(
    tmp_path: Path, text: str, line: int | None, reason: str
) -> None:
    bad = _write_config(tmp_path, text)
    with pytest.raises(ImportFault) as caught:
        load(str(bad))
    assert (caught.value.path, caught.value.line) == (str(bad), line)
    assert caught.value.reason.startswith(reason)


def test_a_config_that_is_not_utf8(tmp_path: Path) -> None:
    bad = tmp_path / "import.toml"
    bad.write_bytes('oklart = "A"\n[[regel]]\ntext = "försäkringskassan"\n'.encode("cp1252"))
    with pytest.raises(ImportFault) as caught:
        load(str(bad))
    assert (caught.value.line, caught.value.reason) == (3, "the config is not UTF-8 text")


def test_wrong_kind_through_the_cli_is_one_line(
    tmp_path: Path, export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _write_config(tmp_path, LAYOUT.replace('kodning = "cp1252"', 'kodning = "rot13"'))
    assert main(["import", "extract", str(export), "-c", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"finsam import: {bad}:4: [[csv]] kodning 'rot13' unknown or not a text encoding\n"
    )
