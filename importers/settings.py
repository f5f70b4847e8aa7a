"""Import settings: which ledger account a file books to, and categorisation rules.

Zero configuration works: the bank account and the account for
unmatched counter-postings have documented defaults. A ledger (``-e``)
supplies the bank account from the ``bankkonto`` metadata on its ``open``
directive (matched by the digits of the file's account number), or its only
account under Kassa och bank. A config file (TOML) adds rules and CSV
layouts::

    bankkonto = "Tillgångar:Kassa-och-bank:Bank"   # optional
    oklart = "Skulder:Kortfristiga:Oklara-poster"   # optional

    [[regel]]
    motpart = "Försäkringskassan"                   # regular expressions, any case
    konto = "Intäkter:Medlemsbidrag:Försäkringskassan"

    [[regel]]
    text = "arbetsmarknadsenheten"
    belopp = "ut"                                   # "in" or "ut": money in or out
    konto = "Skulder:Kortfristiga:Leverantörsskulder"

A rule matches when every pattern it gives is found (``text`` in the row's
text, ``motpart`` in the counterparty, ``referens`` in the reference); the
first matching rule wins.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from beancount.core import data

from finsam_ledger.importers.model import BankRow, ImportFault
from finsam_ledger.model.chart import KASSA_OCH_BANK, build_chart

DEFAULT_BANK = "Tillgångar:Kassa-och-bank:Bank"
DEFAULT_UNMATCHED = "Skulder:Kortfristiga:Oklara-poster"
BANK_ACCOUNT_KEY = "bankkonto"


@dataclass(frozen=True)
class Rule:
    """Patterns to account."""

    account: str
    text: re.Pattern[str] | None = None
    counterparty: re.Pattern[str] | None = None
    reference: re.Pattern[str] | None = None
    direction: str | None = None

    def matches(self, row: BankRow) -> bool:
        """Whether every pattern of the rule is found in the row."""
        if (self.direction == "in" and row.amount < 0) or (
            self.direction == "ut" and row.amount > 0
        ):
            return False
        checks = (
            (self.text, row.text),
            (self.counterparty, row.counterparty or row.text),
            (self.reference, row.reference),
        )
        return all(pattern.search(value) for pattern, value in checks if pattern is not None)


@dataclass(frozen=True)
class Settings:
    """Where imported rows go."""

    bank_account: str | None = None
    unmatched: str = DEFAULT_UNMATCHED
    rules: tuple[Rule, ...] = ()
    ledger_banks: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    ledger_cash: tuple[str, ...] = ()
    csv_formats: tuple[Mapping[str, Any], ...] = ()
    currency: str = "SEK"
    config_path: str = "config"
    config_lines: Mapping[tuple[str, int, str], int] = field(default_factory=dict)

    def bank_for(self, account_number: str | None) -> str:
        """The ledger account for a file: ``--konto`` or the config, else the ledger.

        A file whose account number is on no ledger account's ``bankkonto``,
        or a file without one when the ledger has several bank accounts, is an
        error (:class:`LookupError`): never a guess. Without a ledger, the
        documented default.
        """
        if self.bank_account:
            return self.bank_account
        if account_number and self.ledger_banks:
            digits = re.sub(r"\D", "", account_number)
            found = sorted(
                {
                    account
                    for number, accounts in self.ledger_banks.items()
                    if digits and _same_account(digits, number)
                    for account in accounts
                }
            )
            if len(found) > 1:
                raise LookupError(
                    f"the file's account {account_number} is the bankkonto of several accounts "
                    f"({', '.join(found)}); keep it on one, or give --konto"
                )
            if found:
                return found[0]
            raise LookupError(
                f"the file's account {account_number} is on no account's bankkonto in the "
                f'ledger; add bankkonto: "{account_number}" to its open line, or give --konto'
            )
        if len(self.ledger_cash) == 1:
            return self.ledger_cash[0]
        if len(self.ledger_cash) > 1:
            raise LookupError(
                "the ledger has several bank accounts (" + ", ".join(self.ledger_cash) + ") and "
                "the file names none of their bankkonto: give --konto"
            )
        return DEFAULT_BANK

    def account_for(self, row: BankRow) -> str | None:
        """The counter account of a row by the rules; ``None`` when no rule matches."""
        for rule in self.rules:
            if rule.matches(row):
                return rule.account
        return None


def _same_account(a: str, b: str) -> bool:
    """The same account number, with or without its clearing number (at most 5 digits)."""
    short, long = sorted((a, b), key=len)
    return long.endswith(short) and len(long) - len(short) <= 5 and len(short) >= 7


_ARRAY_TABLE = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")
_TABLE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")
_TOML_LINE = re.compile(r"at line (\d+)")
ConfigLines = Mapping[tuple[str, int, str], int]


def key_lines(text: str) -> dict[tuple[str, int, str], int]:
    """Where the config's keys are, for messages: ``(table, n, key)`` to a line number.

    ``table`` is ``""`` for the top level, ``n`` counts the ``[[table]]``s
    from 1, and ``key`` ``""`` is the ``[[table]]`` line itself. Best effort
    (plain keys only); a key not found has no line.
    """
    lines: dict[tuple[str, int, str], int] = {}
    seen: Counter[str] = Counter()
    table, index = "", 0
    for number, line in enumerate(text.splitlines(), start=1):
        if found := _ARRAY_TABLE.match(line):
            seen[found[1]] += 1
            table, index = found[1], seen[found[1]]
            lines.setdefault((table, index, ""), number)
        elif found := _TABLE.match(line):
            table, index = found[1], 1
            lines.setdefault((table, index, ""), number)
        elif found := _KEY.match(line):
            lines.setdefault((table, index, found[1]), number)
    return lines


def config_line(lines: ConfigLines, table: str, index: int, key: str | None) -> int | None:
    """The line of a key of the config (else of its table), if known."""
    found = lines.get((table, index, key or ""))
    return found if found is not None else lines.get((table, index, ""))


def _read(config: str) -> tuple[dict[str, Any], ConfigLines]:
    try:
        text = Path(config).read_text(encoding="utf-8")
    except OSError as exc:
        raise ImportFault(config, None, f"cannot read the config: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        line = Path(config).read_bytes()[: exc.start].count(b"\n") + 1
        raise ImportFault(config, line, "the config is not UTF-8 text") from None
    try:
        return tomllib.loads(text), key_lines(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        raise ImportFault(config, int(found[1]) if found else None, f"not TOML: {exc}") from None


def _pattern(
    fault: Callable[[str | None, str], ImportFault], rule: Mapping[str, Any], key: str
) -> re.Pattern[str] | None:
    value = rule.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise fault(key, f"{key} must be a text (a regular expression), not {value!r}")
    try:
        return re.compile(value, re.IGNORECASE)
    except re.error as exc:
        raise fault(key, f"{key} {value!r}: {exc}") from None


def _rule(config: str, lines: ConfigLines, index: int, rule: object) -> Rule:
    """One ``[[regel]]`` table."""

    def fault(key: str | None, reason: str) -> ImportFault:
        return ImportFault(
            config, config_line(lines, "regel", index, key), f"regel {index}: {reason}"
        )

    if not isinstance(rule, dict) or not isinstance(rule.get("konto"), str) or not rule["konto"]:
        raise fault("konto", 'needs konto = "..."')
    extra = set(rule) - {"konto", "text", "motpart", "referens", "belopp"}
    if extra:
        raise fault(min(extra), f"unknown keys {sorted(extra)}")
    if rule.get("belopp") not in (None, "in", "ut"):
        raise fault("belopp", 'belopp must be "in" or "ut"')
    text, counterparty, reference = (
        _pattern(fault, rule, k) for k in ("text", "motpart", "referens")
    )
    if not (text or counterparty or reference):
        raise fault(None, "give text, motpart or referens")
    return Rule(
        rule["konto"],
        text=text,
        counterparty=counterparty,
        reference=reference,
        direction=rule.get("belopp"),
    )


def _top_level(config: str, lines: ConfigLines, values: Mapping[str, Any]) -> None:
    """The top-level keys: known, and each of its kind."""

    def fault(key: str, reason: str) -> ImportFault:
        line = config_line(lines, "", 0, key) or config_line(lines, key, 1, None)
        return ImportFault(config, line, reason)

    unknown = set(values) - {"bankkonto", "oklart", "regel", "csv"}
    if unknown:
        raise fault(min(unknown), f"unknown settings: {', '.join(sorted(unknown))}")
    for key in ("bankkonto", "oklart"):
        value = values.get(key)
        if value is not None and not (isinstance(value, str) and value):
            raise fault(key, f"{key} must be an account name, not {value!r}")
    for key in ("regel", "csv"):
        value = values.get(key, [])
        if not (isinstance(value, list) and all(isinstance(t, dict) for t in value)):
            raise fault(key, f"{key} must be tables [[{key}]], not {value!r}")


def bank_accounts(
    entries: Sequence[data.Directive], options: Mapping[str, Any] | None = None
) -> tuple[str, ...]:
    """The ledger's open accounts on the line Kassa och bank, leaves only.

    With the ledger's options this is the chart's placement (so an account
    placed there with ``post:`` counts, and one moved elsewhere does not);
    without them, the accounts under ``…:Kassa-och-bank:``.
    """
    opened = [e.account for e in entries if isinstance(e, data.Open)]
    closed = {e.account for e in entries if isinstance(e, data.Close)}
    if options is not None:
        chart, _ = build_chart(entries, options)
        candidates = chart.accounts(KASSA_OCH_BANK)
    else:
        candidates = [a for a in opened if ":Kassa-och-bank:" in a]
    parents = {a.rsplit(":", 1)[0] for a in opened if ":" in a}
    return tuple(a for a in candidates if a not in parents and a not in closed)


def load(
    config: str | None = None,
    ledger_entries: Sequence[data.Directive] = (),
    options: Mapping[str, Any] | None = None,
) -> Settings:
    """Settings from a config file (optional) and a loaded ledger (optional).

    A config that cannot be read, is not TOML, or has a key that is unknown
    or of the wrong kind is an :class:`ImportFault` naming the file and,
    where it can be found, the line. ``[[csv]]`` tables are checked when
    their readers are made (:mod:`~finsam_ledger.importers.configurable`).
    """
    values: dict[str, Any] = {}
    lines: ConfigLines = {}
    path = str(config) if config is not None else "config"
    if config is not None:
        values, lines = _read(config)
    _top_level(path, lines, values)
    rules = [_rule(path, lines, i, rule) for i, rule in enumerate(values.get("regel", []), 1)]
    banks: dict[str, tuple[str, ...]] = {}
    for entry in ledger_entries:
        if not isinstance(entry, data.Open):
            continue
        number = (entry.meta or {}).get(BANK_ACCOUNT_KEY)
        if number:
            digits = re.sub(r"\D", "", str(number))
            banks[digits] = (*banks.get(digits, ()), entry.account)
    cash = bank_accounts(ledger_entries, options)
    return Settings(
        bank_account=values.get("bankkonto"),
        unmatched=values.get("oklart", DEFAULT_UNMATCHED),
        rules=tuple(rules),
        ledger_banks=banks,
        ledger_cash=cash,
        csv_formats=tuple(values.get("csv", [])),
        config_path=path,
        config_lines=lines,
    )
