"""A CSV layout described in the import config, for whatever the region's economy system exports.

::

    [[csv]]
    namn = "region-ekonomi"                 # the format's name
    rubrik = ["Datum", "Text", "Belopp", "Saldo"]   # the exact header, or:
    # kolumner = 4                          # a headerless file with this many columns
    avgransare = ";"                        # delimiter (default ";")
    decimaltecken = ","                     # "," or "." (default ",")
    datumformat = ["%Y-%m-%d"]              # strptime formats (default ISO)
    kodning = "cp1252"                      # encoding (default: UTF-8, else cp1252)
    hoppa_over = 2                          # lines before the header, blank ones too (default 0)
    datum = "Datum"                         # columns by header name, or 0-based index
    belopp = "Belopp"                       # or ["Insättning", "Uttag"]
    text = ["Text"]
    saldo = "Saldo"                         # optional
    motpart = "Motpart"                     # optional
    referens = "Verifikation"               # optional
    nyast_forst = false                     # row order (default true)

A file is recognised by its header (and the number of lines before it).

Every value is checked when the reader is made: a key that is unknown,
missing or of the wrong kind (a number for a text, a column that is not in
``rubrik`` or beyond ``kolumner``, a date format that does not give a whole
date, an encoding that is not a text encoding reading ASCII as ASCII) is an
:class:`~finsam_ledger.importers.model.ImportFault` naming the config file,
the key and, where it can be found, its line.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from finsam_ledger.importers.csvformat import Column, CsvFormat, CsvReader
from finsam_ledger.importers.model import ImportFault
from finsam_ledger.importers.settings import ConfigLines, Settings, config_line

KEYS = {
    "namn",
    "rubrik",
    "kolumner",
    "avgransare",
    "decimaltecken",
    "datumformat",
    "kodning",
    "hoppa_over",
    "datum",
    "belopp",
    "text",
    "saldo",
    "motpart",
    "referens",
    "nyast_forst",
}
SAMPLE_DAY = datetime.date(2021, 3, 4)
# What a bank file's header and amounts are made of: an encoding must read it as it is.
ASCII_SAMPLE = b'Datum;Belopp,Saldo\t0123456789 .-+"\r\n'


class _Bad(Exception):
    """A value of a ``[[csv]]`` table that cannot be used: the key and why."""

    def __init__(self, key: str | None, reason: str) -> None:
        super().__init__(reason)
        self.key, self.reason = key, reason


def _text(spec: Mapping[str, Any], key: str) -> str:
    value = spec[key]
    if not isinstance(value, str) or not value:
        raise _Bad(key, f"{key} must be a text, not {value!r}")
    return value


def _whole(spec: Mapping[str, Any], key: str, default: int, least: int) -> int:
    value = spec.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < least:
        raise _Bad(key, f"{key} must be a whole number (at least {least}), not {value!r}")
    return value


def _header(spec: Mapping[str, Any]) -> tuple[str, ...] | None:
    header = spec.get("rubrik")
    if header is None:
        if "kolumner" not in spec:
            raise _Bad(None, "needs rubrik (the header) or kolumner")
        return None
    if not (isinstance(header, list) and header and all(isinstance(n, str) for n in header)):
        raise _Bad("rubrik", f"rubrik must be a list of names, not {header!r}")
    return tuple(header)


def _date_formats(spec: Mapping[str, Any]) -> tuple[str, ...]:
    value = spec.get("datumformat", ["%Y-%m-%d"])
    formats = value if isinstance(value, list) else [value]
    if not formats or not all(isinstance(f, str) for f in formats):
        raise _Bad("datumformat", f"datumformat must be a list of formats, not {value!r}")
    for fmt in formats:
        try:
            again = datetime.datetime.strptime(SAMPLE_DAY.strftime(fmt), fmt).date()
        except ValueError:
            again = None
        if again != SAMPLE_DAY:
            raise _Bad(
                "datumformat",
                f"datumformat {fmt!r} does not give a whole date (year, month and day, "
                'as in "%Y-%m-%d")',
            )
    return tuple(formats)


def _encodings(spec: Mapping[str, Any]) -> tuple[str, ...]:
    if "kodning" not in spec:
        return ("utf-8", "cp1252")
    name = spec["kodning"]
    if not isinstance(name, str):
        raise _Bad("kodning", f"kodning must be the name of an encoding, not {name!r}")
    try:
        sample = "Åäö é €".encode(name, "replace").decode(name)
        readable = ASCII_SAMPLE.decode(name) == ASCII_SAMPLE.decode("ascii")
    except LookupError:
        raise _Bad("kodning", f"kodning {name!r} unknown or not a text encoding") from None
    except (UnicodeError, TypeError, ValueError):
        readable, sample = False, ""
    if not readable or not sample:
        raise _Bad(
            "kodning",
            f"kodning {name!r} does not read a CSV file's ASCII as ASCII "
            '(use e.g. "utf-8", "cp1252" or "iso-8859-15")',
        )
    return (name,)


def _delimiter(spec: Mapping[str, Any]) -> str:
    value = spec.get("avgransare", ";")
    if not isinstance(value, str) or len(value) != 1 or value in '"\r\n':
        raise _Bad("avgransare", f"avgransare must be one character: {value!r}")
    return value


def _decimal(spec: Mapping[str, Any]) -> str:
    value = spec.get("decimaltecken", ",")
    if not isinstance(value, str) or value not in (",", "."):
        raise _Bad("decimaltecken", f'decimaltecken must be "," or ".", not {value!r}')
    return value


def _column(value: Any, key: str, header: tuple[str, ...] | None, width: int) -> Column:
    """A column by header name or 0-based index, which the layout must have."""
    if isinstance(value, str):
        if header is None:
            raise _Bad(key, f"{key}: a column name ({value!r}) needs rubrik; give an index")
        if value not in header:
            raise _Bad(key, f"{key}: column {value!r} is not in rubrik")
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        if not 0 <= value < width:
            raise _Bad(key, f"{key}: column {value} is beyond the {width} columns (0–{width - 1})")
        return value
    raise _Bad(key, f"{key}: a column must be a header name or an index, not {value!r}")


def _format(spec: Mapping[str, Any]) -> CsvFormat:
    """The CsvFormat of one ``[[csv]]`` table, or :class:`_Bad`."""
    unknown = set(spec) - KEYS
    if unknown:
        raise _Bad(min(unknown), f"unknown keys: {', '.join(sorted(unknown))}")
    for key in ("namn", "datum", "belopp", "text"):
        if key not in spec:
            raise _Bad(None, f"needs {key}")
    name = _text(spec, "namn")
    header = _header(spec)
    columns = _whole(spec, "kolumner", 1, 1) if "kolumner" in spec else None
    width = len(header) if header is not None else columns or 0

    def column(key: str, value: Any = None) -> Column:
        return _column(spec[key] if value is None else value, key, header, width)

    belopp = spec["belopp"]
    amount: Column | tuple[Column, Column]
    if isinstance(belopp, list):
        if len(belopp) != 2:
            raise _Bad("belopp", "belopp: one column, or [insättning, uttag]")
        amount = (column("belopp", belopp[0]), column("belopp", belopp[1]))
    else:
        amount = column("belopp")
    texts = spec["text"] if isinstance(spec["text"], list) else [spec["text"]]
    if not texts:
        raise _Bad("text", "text: give at least one column")
    newest_first = spec.get("nyast_forst", True)
    if not isinstance(newest_first, bool):
        raise _Bad("nyast_forst", f"nyast_forst must be true or false, not {newest_first!r}")
    return CsvFormat(
        name=name,
        description=f"configured layout {name!r}",
        header=header,
        columns=columns,
        delimiter=_delimiter(spec),
        decimal=_decimal(spec),
        date_formats=_date_formats(spec),
        encodings=_encodings(spec),
        skip_lines=_whole(spec, "hoppa_over", 0, 0),
        date=column("datum"),
        amount=amount,
        text=tuple(column("text", c) for c in texts),
        balance=column("saldo") if "saldo" in spec else None,
        counterparty=column("motpart") if "motpart" in spec else None,
        reference=column("referens") if "referens" in spec else None,
        newest_first=newest_first,
    )


def reader(
    spec: Mapping[str, Any],
    where: str = "config",
    *,
    index: int = 1,
    lines: ConfigLines | None = None,
) -> CsvReader:
    """A reader for one ``[[csv]]`` table (the ``index``-th of the config ``where``)."""
    if not isinstance(spec, Mapping):
        raise ImportFault(where, None, f"[[csv]] must be a table, not {spec!r}")
    try:
        return CsvReader(_format(spec))
    except _Bad as bad:
        line = config_line(lines or {}, "csv", index, bad.key)
        raise ImportFault(where, line, f"[[csv]] {bad.reason}") from None


def from_settings(settings: Settings) -> list[CsvReader]:
    """The readers of every ``[[csv]]`` table in the config."""
    return [
        reader(spec, settings.config_path, index=index, lines=settings.config_lines)
        for index, spec in enumerate(settings.csv_formats, start=1)
    ]
