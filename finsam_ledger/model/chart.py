"""The chart (kontoplan): where every account lands in the statements.

An account's place follows from its position in the tree, so that a small
ledger needs little metadata; metadata on its ``open`` directive says what
the tree cannot (see ``docs/ledger-format.md``). Metadata is inherited from
the nearest opened ancestor. An income, expense, balance or equity account
that cannot be placed is an error at its ``open`` line: a report never drops
an account silently.

Beancount reads every included file with its own options, so a file that
does not repeat the ledger's ``option "name_*"`` lines gets an "Invalid
account name" for each of its accounts; :func:`root_name_errors` names the
missing lines once per file, at its first line.
"""

from __future__ import annotations

import collections
import datetime
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from beancount.core import account as account_module
from beancount.core import data
from beancount.parser.options import OPTIONS_DEFAULTS

from finsam_ledger.model.errors import LedgerError

RULE = "kontoplan"

ASSETS, LIABILITIES, EQUITY, INCOME, EXPENSES = (
    "Assets",
    "Liabilities",
    "Equity",
    "Income",
    "Expenses",
)
_ROOT_OPTIONS = {
    "name_assets": ASSETS,
    "name_liabilities": LIABILITIES,
    "name_equity": EQUITY,
    "name_income": INCOME,
    "name_expenses": EXPENSES,
}

# Kassaflödesanalys parts for balance-sheet lines.
KF_INVESTERING = "investering"
KF_FORRAD = "forrad"
KF_FORDRINGAR = "fordringar"
KF_PLACERINGAR = "placeringar"
KF_LIKVIDA = "likvida"
KF_EGET_KAPITAL = "eget_kapital"
KF_AVSATTNINGAR = "avsattningar"
KF_FINANSIERING = "finansiering"
KF_SKULDER = "skulder"


@dataclass(frozen=True)
class Post:
    """A line of the resultaträkning or balansräkning that accounts land on."""

    name: str
    types: frozenset[str]
    note: int | None = None
    kassaflode: str | None = None


def _post(name: str, *types: str, note: int | None = None, kf: str | None = None) -> Post:
    return Post(name, frozenset(types), note, kf)


VERKSAMHETENS_INTAKTER = _post("Verksamhetens intäkter", INCOME, note=2)
VERKSAMHETENS_KOSTNADER = _post("Verksamhetens kostnader", EXPENSES, note=3)
AVSKRIVNINGAR = _post("Avskrivningar", EXPENSES)
FINANSIELLA_INTAKTER = _post("Finansiella intäkter", INCOME)
FINANSIELLA_KOSTNADER = _post("Finansiella kostnader", EXPENSES)
EXTRAORDINARA_POSTER = _post("Extraordinära poster", INCOME, EXPENSES)

IMMATERIELLA = _post("Immateriella anläggningstillgångar", ASSETS, kf=KF_INVESTERING)
MATERIELLA = _post("Materiella anläggningstillgångar", ASSETS, kf=KF_INVESTERING)
FINANSIELLA_AT = _post("Finansiella anläggningstillgångar", ASSETS, kf=KF_INVESTERING)
FORRAD = _post("Förråd m.m.", ASSETS, kf=KF_FORRAD)
FORDRINGAR = _post("Fordringar", ASSETS, note=4, kf=KF_FORDRINGAR)
KORTFRISTIGA_PLACERINGAR = _post("Kortfristiga placeringar", ASSETS, kf=KF_PLACERINGAR)
KASSA_OCH_BANK = _post("Kassa och bank", ASSETS, kf=KF_LIKVIDA)
EGET_KAPITAL = _post("Eget kapital", EQUITY, kf=KF_EGET_KAPITAL)
AVSATTNINGAR = _post("Avsättningar", LIABILITIES, kf=KF_AVSATTNINGAR)
LANGFRISTIGA_SKULDER = _post("Långfristiga skulder", LIABILITIES, kf=KF_FINANSIERING)
KORTFRISTIGA_SKULDER = _post("Kortfristiga skulder", LIABILITIES, note=5, kf=KF_SKULDER)

POSTER: Mapping[str, Post] = {
    post.name: post
    for post in (
        VERKSAMHETENS_INTAKTER,
        VERKSAMHETENS_KOSTNADER,
        AVSKRIVNINGAR,
        FINANSIELLA_INTAKTER,
        FINANSIELLA_KOSTNADER,
        EXTRAORDINARA_POSTER,
        IMMATERIELLA,
        MATERIELLA,
        FINANSIELLA_AT,
        FORRAD,
        FORDRINGAR,
        KORTFRISTIGA_PLACERINGAR,
        KASSA_OCH_BANK,
        EGET_KAPITAL,
        AVSATTNINGAR,
        LANGFRISTIGA_SKULDER,
        KORTFRISTIGA_SKULDER,
    )
}

# Default line by (root type, second component of the account name).
TREE: Mapping[tuple[str, str | None], Post] = {
    (ASSETS, "Immateriella-anläggningstillgångar"): IMMATERIELLA,
    (ASSETS, "Materiella-anläggningstillgångar"): MATERIELLA,
    (ASSETS, "Finansiella-anläggningstillgångar"): FINANSIELLA_AT,
    (ASSETS, "Förråd"): FORRAD,
    (ASSETS, "Fordringar"): FORDRINGAR,
    (ASSETS, "Kortfristiga-placeringar"): KORTFRISTIGA_PLACERINGAR,
    (ASSETS, "Kassa-och-bank"): KASSA_OCH_BANK,
    (LIABILITIES, "Avsättningar"): AVSATTNINGAR,
    (LIABILITIES, "Långfristiga"): LANGFRISTIGA_SKULDER,
    (LIABILITIES, "Kortfristiga"): KORTFRISTIGA_SKULDER,
    (INCOME, "Finansiella"): FINANSIELLA_INTAKTER,
    (INCOME, "Extraordinära"): EXTRAORDINARA_POSTER,
    (INCOME, None): VERKSAMHETENS_INTAKTER,
    (EXPENSES, "Avskrivningar"): AVSKRIVNINGAR,
    (EXPENSES, "Finansiella"): FINANSIELLA_KOSTNADER,
    (EXPENSES, "Extraordinära"): EXTRAORDINARA_POSTER,
    (EXPENSES, None): VERKSAMHETENS_KOSTNADER,
    (EQUITY, None): EGET_KAPITAL,
}

INDIVIDINRIKTAD = "individinriktad"
STRUKTURINRIKTAD = "strukturinriktad"
ADMINISTRATION = "administration"
# Budget set aside for activities not yet decided ("Tillgängligt nya projekt").
NY_VERKSAMHET = "ny-verksamhet"
KLASSER = (INDIVIDINRIKTAD, STRUKTURINRIKTAD, ADMINISTRATION, NY_VERKSAMHET)
_KLASSER_TEXT = '"individinriktad", "strukturinriktad", "administration" or "ny-verksamhet"'
# On a kortfristig placering due within three months: it counts as likvida medel (RKR R13).
LIKVIDA_MEDEL = "likvida-medel"
# On an account with note rows (an insats): its sub-accounts are detail rows under its row.
DELRADER = "delrader"
# On a sub-account of such an account: its detail row's label.
DELRAD = "delrad"
PARTER = ("staten", "region", "kommun")
MEDLEMSBIDRAG = "Medlemsbidrag"


@dataclass(frozen=True)
class Placement:
    """Where one account lands."""

    account: str
    type: str
    post: Post
    notrad: str
    klass: str | None
    part: str | None
    medlem: str | None
    budgetpost: str | None
    konto: str | None
    order: int
    kassaflode: str | None
    """The part of the kassaflödesanalys the account is in: its line's, unless
    a kortfristig placering is classified as likvida medel (``likvida-medel``)."""
    opened: datetime.date
    """The date of the account's ``open`` line."""
    closed: datetime.date | None = None
    """The date of its ``close`` line: the last day it may be posted to (Beancount)."""
    delrader: str | None = None
    """The account whose open line says ``delrader: TRUE`` that this one is a
    sub-account of (the nearest such ancestor); ``None`` for that account itself."""
    delrad: str | None = None
    """The label of its detail row under the note row of :attr:`delrader`."""

    def open_during(self, first: datetime.date, last: datetime.date) -> bool:
        """Whether the account is open on some day from ``first`` to ``last``.

        Opened on or before ``last`` and not closed before ``first``: Beancount
        allows postings on the day of the ``close`` line.
        """
        return self.opened <= last and (self.closed is None or self.closed >= first)


@dataclass(frozen=True)
class Chart:
    """All opened accounts with their placement."""

    placements: Mapping[str, Placement]
    roots: Mapping[str, str]
    opening_account: str
    _lists: dict[tuple[str, object], tuple[str, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def _select(self, key: tuple[str, object], keep: Callable[[Placement], bool]) -> list[str]:
        found = self._lists.get(key)
        if found is None:
            found = self._lists[key] = tuple(p.account for p in self.ordered() if keep(p))
        return list(found)

    def accounts(self, post: Post) -> list[str]:
        """The accounts on a statement line, in chart order."""
        return self._select(("post", post), lambda p: p.post == post)

    def of_type(self, *types: str) -> list[str]:
        """The accounts of the types (``ASSETS``, ``INCOME`` …), in chart order."""
        return self._select(("types", types), lambda p: p.type in types)

    def in_kassaflode(self, part: str) -> list[str]:
        """The accounts whose line counts in a part of the kassaflödesanalys, in chart order."""
        return self._select(("kassaflode", part), lambda p: p.kassaflode == part)

    def ordered(self) -> list[Placement]:
        """Placements in the order the accounts were declared."""
        return sorted(self.placements.values(), key=lambda p: p.order)

    def open_during(
        self, accounts: Iterable[str], first: datetime.date, last: datetime.date
    ) -> bool:
        """Whether any of the accounts is open on some day from ``first`` to ``last``."""
        return any(
            placement.open_during(first, last)
            for placement in (self.placements.get(account) for account in accounts)
            if placement is not None
        )

    def type_of(self, account: str) -> str | None:
        """Assets, Liabilities, Equity, Income or Expenses, from the root name."""
        return self.roots.get(account.split(":", 1)[0])


def root_types(options: Mapping[str, Any]) -> dict[str, str]:
    """Map the ledger's root names (``name_assets`` …) to account types."""
    return {options[key]: kind for key, kind in _ROOT_OPTIONS.items()}


def opening_account(options: Mapping[str, Any]) -> str:
    """The equity account that opening balances (ingående balans) post to."""
    return f"{options['name_equity']}:{options['account_previous_balances']}"


def build_chart(
    entries: Sequence[data.Directive], options: Mapping[str, Any]
) -> tuple[Chart, list[LedgerError]]:
    """Place every opened account; errors for those that cannot be placed."""
    roots = root_types(options)
    opens = {entry.account: entry for entry in entries if isinstance(entry, data.Open)}
    closes = {entry.account: entry.date for entry in entries if isinstance(entry, data.Close)}
    files = include_order(options)
    declared = sorted(
        opens.values(),
        key=lambda e: (
            files.get(str(e.meta.get("filename", "")), len(files)),
            str(e.meta.get("filename", "")),
            int(e.meta.get("lineno", 0)),
        ),
    )
    placements: dict[str, Placement] = {}
    errors: list[LedgerError] = []
    for order, entry in enumerate(declared):
        try:
            placements[entry.account] = _place(
                entry, opens, roots, order, closes.get(entry.account)
            )
        except _Unplaceable as exc:
            errors.append(LedgerError(entry.meta, f"{RULE}: {entry.account}: {exc}", entry))
    errors += root_name_errors(entries, options)
    return Chart(placements, roots, opening_account(options)), errors


_OPTION = re.compile(r'^\s*option\s+"(name_[a-z]+)"\s+"([^"]*)"')


def _accounts(entry: data.Directive) -> list[str]:
    """The accounts an entry names (those Beancount's parser checks)."""
    account = getattr(entry, "account", None)
    found = [account] if isinstance(account, str) else []
    if isinstance(entry, data.Transaction):
        found += [posting.account for posting in entry.postings]
    if isinstance(entry, data.Custom):
        found += [v.value for v in entry.values or [] if v.dtype == account_module.TYPE]
    if isinstance(entry, data.Pad):
        found.append(entry.source_account)
    return found


def root_name_errors(
    entries: Sequence[data.Directive], options: Mapping[str, Any]
) -> list[LedgerError]:
    """One error per included file that lacks root-name options its accounts need.

    The main file's ``name_*`` options hold for the main file only; an
    included file that uses a renamed root without setting the option gets
    Beancount's "Invalid account name" on each such account. The error is
    at the file's first line and names the lines to add.
    """
    renamed = {
        options[key]: key
        for key in _ROOT_OPTIONS
        if options.get(key) and options[key] != OPTIONS_DEFAULTS[key]
    }
    main = str(options.get("filename") or "")
    if not renamed:
        return []
    # The renamed roots each file does not set itself: only those files' entries matter.
    lacking: dict[str, set[str]] = {}
    roots: dict[str, set[str]] = collections.defaultdict(set)
    for entry in entries:
        filename = str((entry.meta or {}).get("filename", ""))
        need = lacking.get(filename)
        if need is None:
            need = lacking[filename] = _lacking(filename, main, renamed)
        if not need:
            continue
        for name in _accounts(entry):
            root = name.split(":", 1)[0]
            if root in need:
                roots[filename].add(root)
    errors: list[LedgerError] = []
    order = include_order(options) if roots else {}
    for filename in sorted(roots, key=lambda name: (order.get(name, len(order)), name)):
        missing = [
            f'option "{key}" "{options[key]}"'
            for key in _ROOT_OPTIONS
            if options[key] in roots[filename]
        ]
        errors.append(
            LedgerError(
                {"filename": filename, "lineno": 1},
                f"{RULE}: this included file does not set {', '.join(missing)}, so "
                'Beancount reports its accounts as "Invalid account name" (it reads each '
                "file with its own options); add these option lines at the top of the file",
                None,
            )
        )
    return errors


def _lacking(filename: str, main: str, renamed: Mapping[str, str]) -> set[str]:
    """The renamed roots an included file does not set with its own option lines."""
    if filename == main:
        return set()
    try:
        text = Path(filename).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    own: dict[str, str] = {}
    for line in lines_with(text, "option"):
        match = _OPTION.match(line)
        if match is not None:
            own[match.group(1)] = match.group(2)
    return {root for root, key in renamed.items() if own.get(key) != root}


_INCLUDE = re.compile(r'^\s*include\s+"([^"]+)"')


def lines_with(text: str, word: str) -> Iterator[str]:
    """The lines of ``text`` that contain ``word`` (found by ``str.find``, not line by line)."""
    found = text.find(word)
    while found != -1:
        start = text.rfind("\n", 0, found) + 1
        end = text.find("\n", found)
        if end == -1:
            end = len(text)
        yield text[start:end]
        found = text.find(word, end)


def include_order(options: Mapping[str, Any]) -> dict[str, int]:
    """The ledger's files in the order they are included (depth first from the main file)."""
    order: dict[str, int] = {}

    def visit(path: Path) -> None:
        name = str(path)
        if name in order:
            return
        order[name] = len(order)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return
        for line in lines_with(text, "include"):
            match = _INCLUDE.match(line)
            if match is None:
                continue
            pattern = path.parent / match.group(1)
            found = sorted(pattern.parent.glob(pattern.name)) or [pattern]
            for included in found:
                visit(included.resolve())

    main = options.get("filename")
    if main and Path(main).is_file():
        visit(Path(main).resolve())
    return order


class _Unplaceable(Exception):
    pass


def _lookup(account: str, key: str, opens: Mapping[str, data.Open]) -> Any:
    parts = account.split(":")
    while parts:
        entry = opens.get(":".join(parts))
        if entry is not None and entry.meta and key in entry.meta:
            return entry.meta[key]
        parts.pop()
    return None


def _text(account: str, key: str, opens: Mapping[str, data.Open]) -> str | None:
    value = _lookup(account, key, opens)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _Unplaceable(f'metadata {key!r} is {value!r}, not a text; write {key}: "..."')
    return value.strip()


def _place(
    entry: data.Open,
    opens: Mapping[str, data.Open],
    roots: Mapping[str, str],
    order: int,
    closed: datetime.date | None = None,
) -> Placement:
    account = entry.account
    parts = account.split(":")
    kind = roots.get(parts[0])
    if kind is None:
        raise _Unplaceable(f"unknown root {parts[0]!r}; use one of {', '.join(roots)}")
    second = parts[1] if len(parts) > 1 else None

    post_name = _text(account, "post", opens)
    if post_name is not None:
        post = POSTER.get(post_name)
        if post is None:
            raise _Unplaceable(
                f"post {post_name!r} is not a statement line; use one of: "
                + ", ".join(name for name, p in POSTER.items() if kind in p.types)
            )
    else:
        found = TREE.get((kind, second)) or TREE.get((kind, None))
        if found is None:
            where = {ASSETS: "tillgångar", LIABILITIES: "skulder"}.get(kind, kind)
            raise _Unplaceable(
                f"cannot place this account in the balansräkning: no line for "
                f'{where} under {second!r}; add metadata post: "..." with one of: '
                + ", ".join(name for name, p in POSTER.items() if kind in p.types)
            )
        post = found
    if kind not in post.types:
        raise _Unplaceable(
            f"post {post.name!r} does not take {kind} accounts; use one of: "
            + ", ".join(name for name, p in POSTER.items() if kind in p.types)
        )

    klass = _text(account, "klass", opens)
    if post == VERKSAMHETENS_KOSTNADER:
        if klass is None and second == "Administration":
            klass = ADMINISTRATION
        if klass is None:
            raise _Unplaceable(f"Finsam class missing; add klass: {_KLASSER_TEXT}")
    if klass is not None and klass not in KLASSER:
        raise _Unplaceable(
            f"klass {klass!r} is not one of the Finsam classes; write klass: {_KLASSER_TEXT}"
        )
    if klass is not None and post != VERKSAMHETENS_KOSTNADER:
        raise _Unplaceable("klass applies only to verksamhetens kostnader; remove it")

    part = _text(account, "part", opens)
    if part is None and kind == INCOME and second == MEDLEMSBIDRAG:
        raise _Unplaceable(
            'medlemsbidrag without its party; add part: "staten", "region" or "kommun"'
        )
    medlem = _text(account, "medlem", opens)
    if part is None and medlem is not None:
        raise _Unplaceable(
            f'medlem {medlem!r} without its party; add part: "staten", "region" or "kommun"'
        )
    if part is not None and part not in PARTER:
        raise _Unplaceable(
            f'part {part!r} is not one of the parties; write part: "staten", "region" or "kommun"'
        )
    if part is not None and post != VERKSAMHETENS_INTAKTER:
        raise _Unplaceable("part applies only to medlemsbidrag (verksamhetens intäkter); remove it")

    kassaflode = post.kassaflode
    likvida = _lookup(account, LIKVIDA_MEDEL, opens)
    if likvida is not None:
        if not isinstance(likvida, bool):
            raise _Unplaceable(
                f"metadata {LIKVIDA_MEDEL!r} is {likvida!r}, not TRUE or FALSE; write "
                f"{LIKVIDA_MEDEL}: TRUE for a placement due within three months"
            )
        if post != KORTFRISTIGA_PLACERINGAR:
            raise _Unplaceable(
                f"{LIKVIDA_MEDEL} applies only to kortfristiga placeringar "
                "(Tillgångar:Kortfristiga-placeringar); remove it"
            )
        if likvida:
            kassaflode = KF_LIKVIDA

    delrader, delrad = _delrad(parts, opens, kind, post)
    # A sub-account of an account with delrader is in that account's row by default.
    notrad = _text(account, "notrad", opens) or _default_row(
        delrader.split(":") if delrader is not None else parts
    )
    return Placement(
        account=account,
        type=kind,
        post=post,
        notrad=notrad,
        klass=klass,
        part=part,
        medlem=medlem,
        budgetpost=_text(account, "budgetpost", opens),
        konto=_konto(entry),
        order=order,
        kassaflode=kassaflode,
        opened=entry.date,
        closed=closed,
        delrader=delrader,
        delrad=delrad,
    )


def _delrad(
    parts: Sequence[str], opens: Mapping[str, data.Open], kind: str, post: Post
) -> tuple[str | None, str | None]:
    """The account with ``delrader: TRUE`` above this one, and this one's detail row label.

    The nearest ancestor (or the account itself) whose open line has the key
    decides: ``TRUE`` makes each of its sub-accounts (with everything below
    them) a detail row, labelled by the sub-account's ``delrad`` or else its
    own name, hyphens as spaces; ``FALSE`` turns it off below that account.
    """
    depth = None
    for found in range(len(parts), 0, -1):
        entry = opens.get(":".join(parts[:found]))
        if entry is None or not entry.meta or DELRADER not in entry.meta:
            continue
        value = entry.meta[DELRADER]
        if not isinstance(value, bool):
            raise _Unplaceable(
                f"metadata {DELRADER!r} is {value!r}, not TRUE or FALSE; write "
                f"{DELRADER}: TRUE for a detail row per sub-account under this account's row"
            )
        if kind not in (INCOME, EXPENSES) and post not in (FORDRINGAR, KORTFRISTIGA_SKULDER):
            raise _Unplaceable(
                f"{DELRADER} applies only to accounts with note rows (intäkter, kostnader, "
                "fordringar, kortfristiga skulder); remove it"
            )
        depth = found if value else None
        break
    label_at = None
    for found in range(len(parts), 0, -1):
        entry = opens.get(":".join(parts[:found]))
        if entry is not None and entry.meta and DELRAD in entry.meta:
            label_at = found
            break
    if label_at is not None and (depth is None or label_at <= depth):
        raise _Unplaceable(
            f"{DELRAD} labels a detail row: it belongs on a sub-account of an account "
            f"with {DELRADER}: TRUE; remove it or add {DELRADER}: TRUE to that account"
        )
    if depth is None or depth == len(parts):
        return None, None
    label = _text(":".join(parts), DELRAD, opens) or _default_row([parts[depth]])
    return ":".join(parts[:depth]), label


def _konto(entry: data.Open) -> str | None:
    """The account number: the account's own, never inherited."""
    value = (entry.meta or {}).get("konto")
    if value is None:
        return None
    text = str(value)
    if not text.isdigit():
        raise _Unplaceable(f'konto {value!r} is not an account number; write e.g. konto: "1930"')
    return text


def _default_row(parts: Sequence[str]) -> str:
    """The note row of an account: its ancestor at depth three, as words."""
    component = parts[2] if len(parts) > 2 else parts[-1]
    return component.replace("-", " ")
