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
"""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from typing import Any

from finsam_ledger.importers.csvformat import Column, CsvFormat, CsvReader
from finsam_ledger.importers.model import ImportFault
from finsam_ledger.importers.settings import Settings

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


def _column(value: Any, where: str) -> Column:
    if isinstance(value, str | int) and not isinstance(value, bool):
        return value
    raise ImportFault(where, None, f"a column must be a header name or an index, not {value!r}")


def reader(spec: Mapping[str, Any], where: str = "config") -> CsvReader:
    """A reader for one ``[[csv]]`` table."""
    unknown = set(spec) - KEYS
    if unknown:
        raise ImportFault(where, None, f"[[csv]] unknown keys: {', '.join(sorted(unknown))}")
    for key in ("namn", "datum", "belopp", "text"):
        if key not in spec:
            raise ImportFault(where, None, f"[[csv]] needs {key}")
    header = spec.get("rubrik")
    if header is not None and not (
        isinstance(header, list) and all(isinstance(name, str) for name in header)
    ):
        raise ImportFault(where, None, f"[[csv]] rubrik must be a list of names, not {header!r}")
    if header is None and "kolumner" not in spec:
        raise ImportFault(where, None, "[[csv]] needs rubrik (the header) or kolumner")
    belopp = spec["belopp"]
    amount: Column | tuple[Column, Column]
    if isinstance(belopp, list):
        if len(belopp) != 2:
            raise ImportFault(where, None, "[[csv]] belopp: one column, or [insättning, uttag]")
        amount = (_column(belopp[0], where), _column(belopp[1], where))
    else:
        amount = _column(belopp, where)
    text = spec["text"] if isinstance(spec["text"], list) else [spec["text"]]
    formats = spec.get("datumformat", ["%Y-%m-%d"])
    if spec.get("decimaltecken", ",") not in (",", "."):
        raise ImportFault(where, None, '[[csv]] decimaltecken must be "," or "."')
    delimiter = spec.get("avgransare", ";")
    if not isinstance(delimiter, str) or len(delimiter) != 1:
        raise ImportFault(where, None, f"[[csv]] avgransare must be one character: {delimiter!r}")
    for key in ("kolumner", "hoppa_over"):
        value = spec.get(key, 0)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ImportFault(where, None, f"[[csv]] {key} must be a whole number, not {value!r}")
    if "kodning" in spec:
        try:
            codecs.lookup(str(spec["kodning"]))
        except LookupError:
            raise ImportFault(where, None, f"[[csv]] kodning {spec['kodning']!r} unknown") from None
    fmt = CsvFormat(
        name=str(spec["namn"]),
        description=f"configured layout {spec['namn']!r}",
        header=tuple(header) if header is not None else None,
        columns=int(spec["kolumner"]) if "kolumner" in spec else None,
        delimiter=str(spec.get("avgransare", ";")),
        decimal=str(spec.get("decimaltecken", ",")),
        date_formats=tuple(formats if isinstance(formats, list) else [formats]),
        encodings=(str(spec["kodning"]),) if "kodning" in spec else ("utf-8", "cp1252"),
        skip_lines=int(spec.get("hoppa_over", 0)),
        date=_column(spec["datum"], where),
        amount=amount,
        text=tuple(_column(c, where) for c in text),
        balance=_column(spec["saldo"], where) if "saldo" in spec else None,
        counterparty=_column(spec["motpart"], where) if "motpart" in spec else None,
        reference=_column(spec["referens"], where) if "referens" in spec else None,
        newest_first=bool(spec.get("nyast_forst", True)),
    )
    return CsvReader(fmt)


def from_settings(settings: Settings) -> list[CsvReader]:
    """The readers of every ``[[csv]]`` table in the config."""
    return [reader(spec, settings.config_path) for spec in settings.csv_formats]
