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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from beancount.core import data

from finsam_ledger.importers.model import BankRow, ImportFault

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
    ledger_banks: Mapping[str, str] = field(default_factory=dict)
    ledger_cash: tuple[str, ...] = ()
    csv_formats: tuple[Mapping[str, Any], ...] = ()
    currency: str = "SEK"
    config_path: str = "config"

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
            for number, account in self.ledger_banks.items():
                if digits and _same_account(digits, number):
                    return account
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


def _pattern(config: str, index: int, rule: Mapping[str, Any], key: str) -> re.Pattern[str] | None:
    value = rule.get(key)
    if value is None:
        return None
    try:
        return re.compile(str(value), re.IGNORECASE)
    except re.error as exc:
        raise ImportFault(config, None, f"regel {index}: {key} {value!r}: {exc}") from None


def load(config: str | None = None, ledger_entries: Sequence[data.Directive] = ()) -> Settings:
    """Settings from a config file (optional) and a loaded ledger (optional)."""
    values: dict[str, Any] = {}
    if config is not None:
        try:
            values = tomllib.loads(Path(config).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ImportFault(config, None, f"cannot read the config: {exc.strerror}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ImportFault(config, getattr(exc, "lineno", None), f"not TOML: {exc}") from None
    known = {"bankkonto", "oklart", "regel", "csv"}
    unknown = set(values) - known
    if unknown:
        raise ImportFault(str(config), None, f"unknown settings: {', '.join(sorted(unknown))}")
    rules = []
    for index, rule in enumerate(values.get("regel", []), start=1):
        if not isinstance(rule, dict) or not isinstance(rule.get("konto"), str):
            raise ImportFault(str(config), None, f'regel {index}: needs konto = "..."')
        extra = set(rule) - {"konto", "text", "motpart", "referens", "belopp"}
        if extra:
            raise ImportFault(str(config), None, f"regel {index}: unknown keys {sorted(extra)}")
        if rule.get("belopp") not in (None, "in", "ut"):
            raise ImportFault(str(config), None, f'regel {index}: belopp must be "in" or "ut"')
        patterns = [_pattern(str(config), index, rule, k) for k in ("text", "motpart", "referens")]
        if not any(patterns):
            raise ImportFault(str(config), None, f"regel {index}: give text, motpart or referens")
        text, counterparty, reference = patterns
        rules.append(
            Rule(
                rule["konto"],
                text=text,
                counterparty=counterparty,
                reference=reference,
                direction=rule.get("belopp"),
            )
        )
    banks: dict[str, str] = {}
    cash: list[str] = []
    for entry in ledger_entries:
        if isinstance(entry, data.Open):
            number = (entry.meta or {}).get(BANK_ACCOUNT_KEY)
            if number:
                banks[re.sub(r"\D", "", str(number))] = entry.account
            if ":Kassa-och-bank:" in entry.account + ":":
                cash.append(entry.account)
    unmatched = str(values.get("oklart", DEFAULT_UNMATCHED))
    return Settings(
        bank_account=values.get("bankkonto"),
        unmatched=unmatched,
        rules=tuple(rules),
        ledger_banks=banks,
        ledger_cash=tuple(cash),
        csv_formats=tuple(values.get("csv", [])),
        config_path=str(config) if config is not None else "config",
    )
