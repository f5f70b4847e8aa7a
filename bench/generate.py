"""Generate a synthetic finsam ledger of a given size, for benchmarks.

Usage::

    python bench/generate.py --transactions 50000 -o /tmp/finsam-bench
    python bench/generate.py --transactions 2000 -o DIR --years 2020-2022 --seed 7

The generator writes a complete, fictitious ledger for an invented
samordningsförbund ("Samordningsförbundet Mälarskog") in ``DIR``. It passes
``bean-check`` with every plugin of the example ledger and no error, and
``finsam report main.beancount --year LAST`` gives all tables for its last
year, which is a full year (the default is five years, 2019-2023).

``main.beancount``
    The same options block and Fava options as ``ledger/main.beancount``,
    its ``custom "fava-extension"`` line (the page "Kommunal redovisning"),
    and its ``plugin`` lines copied verbatim, settings included (read from
    that file when the ledger is generated, ``--example`` to read another;
    if it cannot be read, the six lines it had when this was written:
    kontoplan, direktiv, finansieringsandelar, balanskrav, beviljat,
    eget_kapital). Fava's ``import-config``/``import-dirs`` options are left
    out, as there is no import folder. Then one ``include`` per file below.
    Every included file repeats the five ``name_*`` options: Beancount
    parses each file on its own with the English root names unless told
    otherwise (Beancount issue #359). Its first line is a stamp,
    ``; generated-by: bench/generate.py --transactions N --years A-B --seed S``,
    which ``bench/run.py`` reads to decide whether a ledger can be reused.
``plain.beancount``
    The same file without the project's plugin lines (every ``plugin`` line
    but Beancount's own ``beancount.*`` plugins), including the same files:
    the same entries, checked by Beancount alone.
``kontoplan.beancount``
    The chart, shaped like ``ledger/kontoplan.beancount``: six member
    contribution accounts (staten 50 %, region 25 %, four kommuner sharing
    25 %) with ``part``/``medlem``, 24 to 40 insats cost accounts under
    ``Kostnader:Insatser`` with ``klass``, the Kansli sub-accounts with
    ``budgetpost``, Fordringar, Kortfristiga skulder, the bank, and ``konto``
    numbers on every account.
``budget.beancount``
    Per year: Fava ``custom "budget" ACCOUNT "yearly" AMOUNT SEK`` for every
    member (negative, 50/25/25) and for the insatser and administration
    (positive); ``custom "budgetunderskott"`` (dated 20 November the year
    before) when the budget shows a deficit; ``custom "beviljat"`` for every
    running project, at least its utfall in the year (no insats costs more
    than granted); ``custom "anstallda"``; a comment with the year's result;
    and for a year with a deficit the board's decision of the following
    March: ``custom "atgardsplan" YEAR LAST`` restoring it by the ledger's
    last year at the latest (at most three years on), or, should the later
    surpluses not restore it in time, ``custom "synnerliga-skal" YEAR``.
``ingaende-balans.beancount``
    One opening-balance transaction on 1 January of the first year, posting
    to ``Eget-kapital:Ingående-balanser``.
``YYYY.beancount``
    One file per year: quarterly member invoices and their payments, supplier
    invoices to ``Leverantörsskulder`` (some with moms) and their payments
    (now and then with öresutjämning), card purchases, sales to other
    förbund, monthly salaries with preliminary tax and social fees, payments
    to the skattekonto, moms claims, quarterly prepaid rent dissolved month
    by month, bank fees, interest, and year-end accruals (semesterlöneskuld,
    särskild löneskatt, upplupna kostnader and intäkter, reversed on
    1 January). A ``balance`` assertion on the bank opens every month from
    February of the first year on; the generator keeps the running balance.
    Every transaction but the ingående balans carries its voucher number,
    ``ver: "A N"`` from 1 each year in date order (the ``verifikationer``
    plugin of the example checks them).

The year's results are planned: the third year from the end (of a
two-year ledger the first; a one-year ledger has none) has a deficit of
2.5–4 % of the medlemsbidrag, with a deficit budget, and the two years after
it have surpluses that restore it; the other years have small surpluses and
balanced budgets. The insatser cost what the planned result leaves once
salaries, fees, rent, the other targets and the year-end accruals are
counted. The decisions are written from the results actually booked, so the
ledger passes the ``balanskrav`` plugin whatever the size (a ledger near the
minimum size books too few insats costs for the planned deficit and has
none).

The ledger holds exactly ``--transactions`` transactions in all, counting the
opening balance. About 130 of them per year are the fixed calendar (salaries,
member invoices, taxes, rent, fees, year-end); the rest are supplier invoices
and other day-to-day entries spread evenly over the years. A number below the
size of the fixed calendar is refused with the minimum in the message.

Amounts are kept in whole öre and written as Decimal strings, so there are
no float artefacts; every transaction balances to the öre. Yearly totals are
realistic once a year has a few hundred day-to-day transactions, whatever
their number: a larger ledger has more and smaller invoices (a ledger at the
minimum has salaries and contributions but no insats costs). The output is
a pure function of the arguments and the example's plugin lines: the same
``--transactions``, ``--years`` and ``--seed`` give byte-identical files.
50 000 transactions take a few seconds. The ledger contains no personal
data: people appear by role only, and every organisation except the state
agencies is invented.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

STAMP_PREFIX = "; generated-by: bench/generate.py"

CURRENCY = "SEK"
FORBUND = "Samordningsförbundet Mälarskog"

# Balance-sheet accounts.
BANK = "Tillgångar:Kassa-och-bank:Bank"
KUNDFORDRINGAR = "Tillgångar:Fordringar:Kundfordringar"
SKATTEKONTO = "Tillgångar:Fordringar:Skattekonto"
MOMSFORDRAN = "Tillgångar:Fordringar:Momsfordran"
FORUTBETALDA_HYROR = "Tillgångar:Fordringar:Förutbetalda-hyror"
INTERIMSFORDRINGAR = "Tillgångar:Fordringar:Övriga-interimsfordringar"
INGAENDE = "Eget-kapital:Ingående-balanser"
LEVERANTORSSKULDER = "Skulder:Kortfristiga:Leverantörsskulder"
SKATTESKULDER = "Skulder:Kortfristiga:Skatteskulder"
MOMSREDOVISNING = "Skulder:Kortfristiga:Moms-redovisningskonto"
PERSONALSKATT = "Skulder:Kortfristiga:Personalskatt"
SOCIALA_SKULD = "Skulder:Kortfristiga:Sociala-avgifter"
SEMESTERLONER = "Skulder:Kortfristiga:Upplupna-semesterlöner"
UPPLUPNA_SOCIALA = "Skulder:Kortfristiga:Upplupna-sociala-avgifter"
INTERIMSSKULDER = "Skulder:Kortfristiga:Övriga-interimsskulder"

# Income.
FORSALJNING_KANSLI = "Intäkter:Försäljning-tjänst:Kansli"
FORSALJNING_KOMP = "Intäkter:Försäljning-tjänst:Kompetensutveckling"
OVRIGA_KANSLI = "Intäkter:Övriga-intäkter:Kansli"
OVRIGA_KOMP = "Intäkter:Övriga-intäkter:Kompetensutveckling"
ORESUTJAMNING = "Intäkter:Öresutjämning"
RANTEINTAKTER = "Intäkter:Finansiella:Ränteintäkter"

# Costs.
KANSLI = "Kostnader:Administration:Kansli"
LONER = f"{KANSLI}:Löner"
SOCIALA = f"{KANSLI}:Sociala-avgifter"
PENSION = f"{KANSLI}:Pensionskostnader"
LOKALHYRA = f"{KANSLI}:Lokalhyra"
KANSLI_OVRIGT = f"{KANSLI}:Övriga-kostnader"
VU_KANSLI = f"{KANSLI}:Verksamhetsutvecklare"
VU_LONER = f"{VU_KANSLI}:Löner"
VU_SOCIALA = f"{VU_KANSLI}:Sociala-avgifter"
INFORMATION = "Kostnader:Administration:Information"
STYRELSE = "Kostnader:Administration:Styrelse"
EKONOMI = "Kostnader:Administration:Ekonomihantering"
BANKAVGIFTER = f"{EKONOMI}:Bankavgifter"
RANTEKOSTNADER = "Kostnader:Finansiella:Räntekostnader"

INSATSER = "Kostnader:Insatser"
INS_VU = f"{INSATSER}:Verksamhetsutvecklare"
INS_TILLGANGLIGT = f"{INSATSER}:Tillgängligt-nya-projekt"
INS_PROJEKTGEMENSAMT = f"{INSATSER}:Projektgemensamt"
INS_KOMPETENS = f"{INSATSER}:Kompetensutveckling"

# Rates, as (numerator, denominator).
SOCIAL_RATE = (3142, 10000)  # arbetsgivaravgifter 31,42 %
TAX_RATE = (30, 100)  # preliminärskatt, roughly
SLP_RATE = (2426, 10000)  # särskild löneskatt på pensionskostnader 24,26 %
MOMS_RATE = (25, 100)

MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip

# (account name component, member name, part, per mille of the total).
MEMBERS: tuple[tuple[str, str, str, int], ...] = (
    ("Försäkringskassan", "Försäkringskassan", "staten", 500),
    ("Region-Mälarskog", "Region Mälarskog", "region", 250),
    ("Älvby-kommun", "Älvby kommun", "kommun", 24),
    ("Sjöviks-kommun", "Sjöviks kommun", "kommun", 152),
    ("Granås-kommun", "Granås kommun", "kommun", 14),
    ("Lindhamns-kommun", "Lindhamns kommun", "kommun", 60),
)

# Candidate insats projects: (account name component, klass).
PROJECTS: tuple[tuple[str, str], ...] = (
    ("Arbetsträning", "individinriktad"),
    ("Stegvis", "individinriktad"),
    ("Vägen-vidare", "individinriktad"),
    ("Samverkansteam", "individinriktad"),
    ("Aktivitetshuset", "individinriktad"),
    ("Jobbverkstan", "individinriktad"),
    ("Ung-framtid", "individinriktad"),
    ("Språkstöd-arbete", "individinriktad"),
    ("Hälsospåret", "individinriktad"),
    ("IPS-individstöd", "individinriktad"),
    ("Lots-till-arbete", "individinriktad"),
    ("Motivationsgruppen", "individinriktad"),
    ("Nya-steg", "individinriktad"),
    ("Praktikbanken", "individinriktad"),
    ("Kompassen", "individinriktad"),
    ("Studiemotivation", "individinriktad"),
    ("Familjecoach", "individinriktad"),
    ("Arbetsförmåga-i-fokus", "individinriktad"),
    ("Tidiga-insatser", "individinriktad"),
    ("Unga-vuxna", "individinriktad"),
    ("Stödcoach", "individinriktad"),
    ("Rehabkoordinering", "individinriktad"),
    ("Trappan", "individinriktad"),
    ("Bron", "individinriktad"),
    ("Resursteamet", "individinriktad"),
    ("Etableringsstöd", "individinriktad"),
    ("Språkpraktik", "individinriktad"),
    ("Arbetslivsintroduktion", "individinriktad"),
    ("Efterstöd", "individinriktad"),
    ("Basverksamhet", "individinriktad"),
    ("Digital-delaktighet", "strukturinriktad"),
    ("Mötesplats-arbete", "strukturinriktad"),
    ("Samordnad-rehabilitering", "strukturinriktad"),
    ("Förstudie-psykisk-hälsa", "strukturinriktad"),
    ("Förstudie-unga", "strukturinriktad"),
    ("Kunskapsnätverket", "strukturinriktad"),
    ("Metodstöd", "strukturinriktad"),
    ("Utvärdering-och-uppföljning", "strukturinriktad"),
    ("Samverkansdagar", "strukturinriktad"),
    ("Kartläggning-behov", "strukturinriktad"),
)

PROJECT_SUPPLIERS = (
    "Älvby kommun",
    "Sjöviks kommun",
    "Granås kommun",
    "Lindhamns kommun",
    "Region Mälarskog",
    "Arbetsförmedlingen",
    "Rehabkonsult Norrskog AB",
    "Coachning och Utveckling i Mälarskog AB",
    "Studieförbundet Vägval",
    "Utbildningscentrum Sjövik AB",
    "Friskvårdshuset Granås AB",
)
PROJECT_ITEMS = (
    "personalkostnad",
    "handledning",
    "lokalkostnad",
    "utbildning för deltagare",
    "konsultstöd",
    "resor och material",
    "kartläggning",
    "arbetsträningsplatser",
)
ADMIN_SUPPLIERS: dict[str, tuple[str, ...]] = {
    KANSLI_OVRIGT: ("Kontorsmaterial Norden AB", "IT-drift Lindhamn AB", "Telia"),
    PENSION: ("Pensionsförvaltningen AB",),
    INFORMATION: ("Tryckeri Granås AB", "Webbyrån Mälarskog AB"),
    STYRELSE: ("Konferensgården Sjövik AB", "Restaurang Hamnen AB"),
    EKONOMI: ("Ekonomiservice Sjöviks kommun", "Revisionsbyrån Älvby AB"),
    INS_VU: ("Utbildningscentrum Sjövik AB", "SJ AB"),
    INS_KOMPETENS: ("Konferensgården Sjövik AB", "Föreläsarbyrån Norr AB"),
    INS_PROJEKTGEMENSAMT: ("Utvärderingsinstitutet AB", "Tryckeri Granås AB"),
}
ADMIN_ITEMS: dict[str, tuple[str, ...]] = {
    KANSLI_OVRIGT: ("kontorsmaterial", "IT-tjänster", "telefoni", "licenser"),
    PENSION: ("pensionspremie", "avgiftsbestämd pension"),
    INFORMATION: ("trycksaker", "webbplats", "informationsmaterial"),
    STYRELSE: ("styrelsemöte", "förtäring", "lokalhyra styrelsedag"),
    EKONOMI: ("ekonomitjänster", "revision", "lönehantering"),
    INS_VU: ("kurs", "resa"),
    INS_KOMPETENS: ("utbildningsdag", "föreläsare", "konferens"),
    INS_PROJEKTGEMENSAMT: ("utvärdering", "gemensamt material"),
}
CARD_ACCOUNTS = (
    KANSLI_OVRIGT,
    INFORMATION,
    STYRELSE,
    INS_KOMPETENS,
    INS_PROJEKTGEMENSAMT,
    INS_VU,
)
OTHER_FORBUND = (
    "Samordningsförbundet Norrskog",
    "Samordningsförbundet Västra Sjöbygden",
    "Samordningsförbundet Ekdalen",
)

Posting = tuple[str, int]
ONE_DAY = timedelta(days=1)


# ---------------------------------------------------------------------------
# Amounts and dates


def fmt(ore: int) -> str:
    """An amount in öre as a Decimal string with two decimals."""
    return str(Decimal(ore).scaleb(-2))


def kr(kronor: int) -> int:
    """Whole kronor in öre."""
    return kronor * 100


def mul(ore: int, rate: tuple[int, int]) -> int:
    """``ore * rate`` rounded to the öre, halves away from zero."""
    num, den = rate
    q, r = divmod(abs(ore * num), den)
    if 2 * r >= den:
        q += 1
    return q if ore * num >= 0 else -q


def round_to(ore: int, step_kronor: int) -> int:
    """Round an amount (öre) to a multiple of ``step_kronor`` kronor."""
    step = kr(step_kronor)
    return (ore + step // 2) // step * step


def weekday(day: date) -> date:
    """A weekday near ``day`` in the same year (Saturday back, Sunday forward)."""
    if day.weekday() == 5:
        return day - ONE_DAY
    if day.weekday() == 6:
        return day - 2 * ONE_DAY if (day.month, day.day) == (12, 31) else day + ONE_DAY
    return day


def forward(day: date) -> date:
    """The first weekday on or after ``day``."""
    while day.weekday() >= 5:
        day += ONE_DAY
    return day


def back(day: date) -> date:
    """The last weekday on or before ``day``."""
    while day.weekday() >= 5:
        day -= ONE_DAY
    return day


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return nxt - ONE_DAY


def allocate(total: int, weights: Sequence[int], minimum: int) -> list[int]:
    """Split ``total`` öre in proportion to integer weights, each >= minimum."""
    whole = sum(weights)
    out: list[int] = []
    done = 0
    cumulative = 0
    for weight in weights:
        cumulative += weight
        upto = total * cumulative // whole
        out.append(max(upto - done, minimum))
        done = upto
    return out


# ---------------------------------------------------------------------------
# Transactions


@dataclass
class Books:
    """Running balances, for transactions whose amounts depend on them."""

    balances: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    month_totals: dict[tuple[str, int, int], int] = field(default_factory=lambda: defaultdict(int))

    def balance(self, account: str) -> int:
        """The balance of an account (öre)."""
        return self.balances[account]

    def month_total(self, account: str, day: date) -> int:
        """The sum of an account's postings in the month of ``day`` (öre)."""
        return self.month_totals[account, day.year, day.month]

    def year_total(self, account: str, day: date) -> int:
        """The sum of an account's postings in the year of ``day`` (öre)."""
        return sum(self.month_totals[account, day.year, m] for m in range(1, 13))

    def post(self, day: date, postings: Sequence[Posting]) -> None:
        """Apply postings."""
        for account, amount in postings:
            self.balances[account] += amount
            self.month_totals[account, day.year, day.month] += amount


Compute = Callable[[Books, date], list[Posting]]


@dataclass
class Txn:
    """A transaction; ``compute`` fills in postings from the running books."""

    day: date
    payee: str
    narration: str
    postings: list[Posting] = field(default_factory=list)
    compute: Compute | None = None
    links: tuple[str, ...] = ()
    late: bool = False
    filename: str | None = None
    seq: int = 0
    ver: int | None = None

    def render(self) -> str:
        """The transaction in Beancount syntax (with its voucher number, if any)."""
        head = f'{self.day} * "{self.payee}" "{self.narration}"'
        for link in self.links:
            head += f" ^{link}"
        shown = [p for p in self.postings if p[1] != 0] or self.postings
        lines = [head]
        if self.ver is not None:
            lines.append(f'  ver: "A {self.ver}"')
        for account, amount in shown:
            lines.append(f"  {account:<62} {fmt(amount):>14} {CURRENCY}")
        return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# The plan: accounts, budgets and targets


@dataclass
class Item:
    """A day-to-day entry: its account, its share of the year, its transactions.

    ``card`` marks a single bank transaction (a card purchase or a payment
    received); otherwise the first transaction is an invoice and the second,
    if any, its payment.
    """

    account: str
    weight: int
    txns: list[Txn]
    card: bool = False


@dataclass(frozen=True)
class Insats:
    """An insats cost account."""

    name: str
    klass: str
    konto: str
    notrad: str | None
    first: int
    last: int
    project: bool
    weight: int

    @property
    def account(self) -> str:
        """The full account name."""
        return f"{INSATSER}:{self.name}"

    def active(self, year: int) -> bool:
        """Whether the insats runs in ``year``."""
        return self.first <= year <= self.last


@dataclass
class Year:
    """Everything decided for one year before transactions are drawn."""

    year: int
    contributions: dict[str, int]  # member account -> yearly amount (öre)
    monthly_gross: dict[str, int]  # role -> monthly gross salary (öre)
    semesterskuld: int
    rent_month: int
    budgets: dict[str, int] = field(default_factory=dict)
    beviljat: dict[str, int] = field(default_factory=dict)
    cost_targets: dict[str, int] = field(default_factory=dict)
    income_targets: dict[str, int] = field(default_factory=dict)
    accrued_costs: list[Posting] = field(default_factory=list)  # insats, amount (öre)
    accrued_income: int = 0
    result_goal: int = 0  # the planned årets resultat (öre), income positive

    @property
    def staff(self) -> int:
        """Number of employees."""
        return len(self.monthly_gross)


class Plan:
    """Accounts, salaries, budgets and yearly targets for a ledger."""

    def __init__(self, rng: random.Random, years: Sequence[int]) -> None:
        self.rng = rng
        self.years = list(years)
        self.first = self.years[0]
        self.last = self.years[-1]
        self.members = [
            (f"Intäkter:Medlemsbidrag:{acc}", name, part, share, f"{3511 + i}")
            for i, (acc, name, part, share) in enumerate(MEMBERS)
        ]
        self.insatser = self._draw_insatser()
        # The year planned with a deficit (and a deficit budget): the third
        # year from the end, so that the two years after it restore it.
        self.deficit_year = self.years[max(0, len(self.years) - 3)] if len(self.years) > 1 else None
        admin_from = self.first + rng.randint(1, 3)
        self.admin_from = admin_from if admin_from <= self.last else None
        self.opening_bank = kr(rng.randint(3_000_000, 5_000_000)) + rng.randint(0, 99)
        self.plan: dict[int, Year] = {}
        total = kr(rng.randint(600, 900) * 10_000)
        for year in [self.first - 1, *self.years, self.last + 1]:
            self.plan[year] = self._draw_year(year, total)
            total = round_to(total * (1000 + rng.randint(0, 40)) // 1000, 1000)
        for year in self.years:
            self._budget(self.plan[year])

    def _draw_insatser(self) -> list[Insats]:
        rng = self.rng
        count = rng.randint(20, 36)
        chosen = sorted(rng.sample(range(len(PROJECTS)), count))
        span = self.last - self.first
        insatser: list[Insats] = []
        for n, index in enumerate(chosen):
            name, klass = PROJECTS[index]
            if rng.random() < 0.55 or span == 0:
                first, last = self.first, self.last
            else:
                first = self.first + rng.randint(0, span)
                last = min(self.last, first + rng.randint(0, 3))
            notrad = None
            if rng.random() < 0.3:
                notrad = f"Projekt {name.replace('-', ' ')}"
            weight = int(rng.lognormvariate(0, 0.7) * 1000) + 100
            insatser.append(Insats(name, klass, f"{4601 + n}", notrad, first, last, True, weight))
        specials = (
            ("Verksamhetsutvecklare", "strukturinriktad", "4690"),
            ("Tillgängligt-nya-projekt", "ny-verksamhet", "4691"),
            ("Projektgemensamt", "strukturinriktad", "4692"),
            ("Kompetensutveckling", "strukturinriktad", "4693"),
        )
        for name, klass, konto in specials:
            insatser.append(Insats(name, klass, konto, None, self.first, self.last, False, 0))
        return insatser

    def _draw_year(self, year: int, total: int) -> Year:
        rng = self.rng
        index = year - self.first
        contributions: dict[str, int] = {}
        for account, _name, _part, share, _konto in self.members:
            contributions[account] = round_to(total * share // 1000, 1)
        raise_ = (1025 + rng.randint(0, 15)) ** max(index, 0)
        base = 1000 ** max(index, 0)
        gross = {
            "förbundschef": round_to(kr(52_000) * raise_ // base, 100),
            "verksamhetsutvecklare": round_to(kr(41_500) * raise_ // base, 100),
        }
        if self.admin_from is not None and year >= self.admin_from:
            gross["administratör"] = round_to(kr(18_400) * raise_ // base, 100)
        month_total = sum(gross.values())
        semesterskuld = month_total * rng.randint(80, 140) // 100 + rng.randint(1, 99)
        rent = round_to(kr(9_500) * (1000 + 20 * max(index, 0)) // 1000, 1)
        return Year(year, contributions, gross, semesterskuld, rent)

    def _budget(self, y: Year) -> None:
        rng = self.rng
        u = rng.randint
        members_total = sum(y.contributions.values())
        for account, amount in y.contributions.items():
            y.budgets[account] = -amount

        # Administration and other small accounts: targets, then budgets.
        chef_admin = sum(v for k, v in y.monthly_gross.items() if k != "verksamhetsutvecklare")
        vu = y.monthly_gross["verksamhetsutvecklare"]
        targets = {
            KANSLI_OVRIGT: kr(u(60_000, 120_000)),
            PENSION: mul(12 * sum(y.monthly_gross.values()), (u(45, 65), 1000)),
            INFORMATION: kr(u(25_000, 60_000)),
            STYRELSE: kr(u(4_000, 15_000)),
            EKONOMI: kr(u(60_000, 90_000)),
            INS_VU: kr(u(15_000, 40_000)),
            INS_KOMPETENS: kr(u(120_000, 220_000)),
            INS_PROJEKTGEMENSAMT: kr(u(30_000, 70_000)),
        }
        y.cost_targets.update(targets)
        kansli = (
            12 * chef_admin
            + mul(12 * chef_admin, SOCIAL_RATE)
            + targets[PENSION]
            + mul(targets[PENSION], SLP_RATE)
            + 12 * y.rent_month
            + targets[KANSLI_OVRIGT]
        )
        y.budgets[KANSLI] = round_to(kansli * u(98, 106) // 100, 1000)
        y.budgets[INFORMATION] = round_to(targets[INFORMATION] * u(95, 115) // 100, 1000)
        y.budgets[STYRELSE] = round_to(targets[STYRELSE] * u(95, 130) // 100, 1000)
        y.budgets[EKONOMI] = round_to((targets[EKONOMI] + kr(3_600)) * u(95, 110) // 100, 1000)
        vu_cost = 12 * vu + mul(12 * vu, SOCIAL_RATE) + targets[INS_VU]
        y.budgets[INS_VU] = round_to(vu_cost * u(98, 105) // 100, 100)
        y.budgets[INS_KOMPETENS] = round_to(targets[INS_KOMPETENS] * u(95, 115) // 100, 1000)
        y.budgets[INS_PROJEKTGEMENSAMT] = round_to(
            targets[INS_PROJEKTGEMENSAMT] * u(95, 120) // 100, 1000
        )
        # Money set aside for new projects: budgeted, rarely spent.
        y.budgets[INS_TILLGANGLIGT] = round_to(members_total * u(2, 6) // 100, 100_000)
        y.income_targets = {
            FORSALJNING_KANSLI: kr(u(80_000, 250_000)) + u(0, 99),
            FORSALJNING_KOMP: kr(u(20_000, 80_000)) + u(0, 99),
            OVRIGA_KANSLI: kr(u(5_000, 40_000)) + u(0, 99),
            OVRIGA_KOMP: kr(u(5_000, 20_000)) + u(0, 99),
        }
        active = [i for i in self.insatser if i.project and i.active(y.year)]
        # Year-end accruals (reversed on 1 January), drawn here so that the
        # year's result can be planned.
        y.accrued_costs = [
            (i.account, kr(u(5_000, 60_000)) + u(0, 99))
            for i in rng.sample(active, min(len(active), u(2, 4)))
        ]
        y.accrued_income = kr(u(10_000, 40_000)) + u(0, 99)

        # The planned result: a deficit in the deficit year, restored by the
        # following years; a small surplus otherwise.
        deficit = self.deficit_year
        if y.year == deficit:
            y.result_goal = -members_total * u(25, 40) // 1000
        elif deficit is not None and deficit < y.year <= deficit + 2:
            y.result_goal = members_total * u(30, 45) // 1000
        else:
            y.result_goal = members_total * u(5, 30) // 1000

        # The projects cost what the result leaves of the income. Everything
        # else is known here: salaries, fees, rent, the targets, the accruals.
        previous = self.plan[y.year - 1]
        income = members_total + sum(y.income_targets.values())
        income += y.accrued_income - previous.accrued_income
        social = 12 * (mul(chef_admin, SOCIAL_RATE) + mul(vu, SOCIAL_RATE))
        semester = y.semesterskuld - previous.semesterskuld
        semester_social = mul(y.semesterskuld, SOCIAL_RATE) - mul(
            previous.semesterskuld, SOCIAL_RATE
        )
        other = (
            12 * sum(y.monthly_gross.values())
            + social
            + semester
            + semester_social
            + sum(targets.values())
            + mul(targets[PENSION], SLP_RATE)
            + 12 * y.rent_month
            + kr(12 * 300 + 250)  # bank fees and interest on the skattekonto, about
            + sum(a for _, a in y.accrued_costs)
            - sum(a for _, a in previous.accrued_costs)
        )
        projects = max(income - other - y.result_goal, members_total // 5)
        weights = [i.weight for i in active]
        spent = allocate(projects, weights, 0) if active else []
        for insats, amount in zip(active, spent, strict=True):
            y.cost_targets[insats.account] = amount

        # Project budgets: a balanced budget, or a deficit budget (with the
        # board's decision) in the deficit year; shared as the costs are.
        if y.year == deficit:
            budget_total = members_total * (1000 + u(20, 40)) // 1000
        else:
            budget_total = members_total * (1000 - u(2, 15)) // 1000
        others = sum(v for a, v in y.budgets.items() if not a.startswith("Intäkter"))
        noisy = [max(amount, 1) * u(95, 105) // 100 + 1 for amount in spent]
        shares = allocate(max(budget_total - others, 0), noisy, kr(50_000)) if active else []
        for insats, amount in zip(active, shares, strict=True):
            budget = round_to(amount, 100)
            y.budgets[insats.account] = budget
            y.beviljat[insats.account] = round_to(budget * u(100, 115) // 100, 100)


ROOT_OPTIONS = (
    ("name_assets", "Tillgångar"),
    ("name_liabilities", "Skulder"),
    ("name_equity", "Eget-kapital"),
    ("name_income", "Intäkter"),
    ("name_expenses", "Kostnader"),
)


def include_header(title: str) -> str:
    """The first lines of an included file: a title and the root names.

    Beancount parses every included file on its own, with the default root
    names, and only the top file's options count; an included file that uses
    Swedish root names must repeat the ``name_*`` options, or each of its
    account names is an "Invalid account name" error (Beancount issue #359).
    """
    lines = [
        f"; {title}",
        ";",
        "; Rotnamnen upprepas här: Beancount läser varje inkluderad fil för sig",
        "; och godtar annars bara de engelska rotnamnen (Beancount issue #359).",
        *(f'option "{key}" "{value}"' for key, value in ROOT_OPTIONS),
    ]
    return "\n".join(lines) + "\n\n"


# ---------------------------------------------------------------------------
# The example ledger's plugin lines

EXAMPLE = Path(__file__).resolve().parent.parent / "ledger" / "main.beancount"

# What ledger/main.beancount enables, should it not be there to read.
FALLBACK_PLUGINS = (
    'plugin "finsam_ledger.plugins.kontoplan"',
    'plugin "finsam_ledger.plugins.direktiv"',
    'plugin "finsam_ledger.plugins.finansieringsandelar" "{\'tolerans\': 100}"',
    'plugin "finsam_ledger.plugins.balanskrav"',
    'plugin "finsam_ledger.plugins.beviljat"',
    'plugin "finsam_ledger.plugins.eget_kapital" "{\'andel\': 15}"',
)
FALLBACK_EXTENSIONS = ('"finsam_ledger.fava"',)

PLUGIN_LINE = re.compile(r'^plugin\s+"([^"]+)"')
EXTENSION_LINE = re.compile(r'^\d{4}-\d\d-\d\d\s+custom\s+"fava-extension"\s+(\S.*?)\s*$')


@dataclass(frozen=True)
class Example:
    """The plugin lines and Fava extensions of the example ledger, verbatim."""

    source: str
    plugins: tuple[str, ...]
    extensions: tuple[str, ...]


def read_example(path: Path = EXAMPLE) -> Example:
    """The plugin lines (as written) and ``fava-extension`` arguments of a ledger file.

    Falls back to the lines ``ledger/main.beancount`` had when this was
    written if the file cannot be read; raises ValueError if it has no
    plugin line.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return Example("ledger/main.beancount", FALLBACK_PLUGINS, FALLBACK_EXTENSIONS)
    plugins: list[str] = []
    extensions: list[str] = []
    for line in text.splitlines():
        if PLUGIN_LINE.match(line):
            plugins.append(line.rstrip())
        elif found := EXTENSION_LINE.match(line):
            extensions.append(found.group(1))
    if not plugins:
        raise ValueError(f"{path} has no plugin line to copy")
    try:
        source = str(path.resolve().relative_to(EXAMPLE.parent.parent))
    except ValueError:
        source = str(path)
    return Example(source, tuple(plugins), tuple(extensions))


def is_project_plugin(line: str) -> bool:
    """Whether a plugin line enables one of the project's plugins (not Beancount's own)."""
    found = PLUGIN_LINE.match(line)
    return found is not None and not found.group(1).startswith("beancount.")


# ---------------------------------------------------------------------------
# The generator


class Generator:
    """Draws the transactions of a ledger and renders its files."""

    def __init__(
        self,
        transactions: int,
        years: Sequence[int],
        seed: int,
        example: Example | None = None,
    ) -> None:
        self.n = transactions
        self.seed = seed
        self.example = example if example is not None else read_example()
        self.rng = random.Random(seed)
        self.plan = Plan(self.rng, years)
        self.txns: list[Txn] = []
        self.invoice_no: dict[str, int] = defaultdict(int)
        self.end = date(self.plan.last, 12, 31)
        self.books = Books()  # the books once built

    # -- helpers ------------------------------------------------------------

    def add(self, txn: Txn) -> Txn:
        """Record a transaction."""
        txn.seq = len(self.txns)
        self.txns.append(txn)
        return txn

    def number(self, kind: str, year: int) -> str:
        """The next invoice number of a kind in a year."""
        self.invoice_no[f"{kind}{year}"] += 1
        return f"{kind}-{year}-{self.invoice_no[f'{kind}{year}']:05d}"

    def random_day(self, year: int) -> date:
        """A random weekday in a year."""
        days = (date(year + 1, 1, 1) - date(year, 1, 1)).days
        return weekday(date(year, 1, 1) + timedelta(days=self.rng.randrange(days)))

    def due(self, day: date, days: int) -> date:
        """A payment date ``days`` after ``day``, never after the ledger ends."""
        return min(forward(day + timedelta(days=days)), self.end)

    # -- fixed calendar -------------------------------------------------------

    def opening(self) -> None:
        """The opening balance and the payment of last year's open invoices."""
        plan = self.plan
        rng = self.rng
        first = plan.first
        before = plan.plan[first - 1]
        gross = sum(before.monthly_gross.values())
        open_invoices = [kr(rng.randint(8_000, 90_000)) + rng.randint(0, 99) for _ in range(3)]
        postings: list[Posting] = [
            (BANK, plan.opening_bank),
            (FORUTBETALDA_HYROR, 3 * plan.plan[first].rent_month),
            (MOMSFORDRAN, kr(rng.randint(15_000, 60_000)) + rng.randint(0, 99)),
            (LEVERANTORSSKULDER, -sum(open_invoices)),
            (PERSONALSKATT, -round_to(mul(gross, TAX_RATE), 1)),
            (SOCIALA_SKULD, -mul(gross, SOCIAL_RATE)),
            (SEMESTERLONER, -before.semesterskuld),
            (UPPLUPNA_SOCIALA, -mul(before.semesterskuld, SOCIAL_RATE)),
        ]
        postings.append((INGAENDE, -sum(a for _, a in postings)))
        self.add(
            Txn(
                date(first, 1, 1),
                FORBUND,
                f"Ingående balans {first} enligt fastställd balansräkning {first - 1}",
                postings,
                filename="ingaende-balans.beancount",
            )
        )
        for amount in open_invoices:
            supplier = rng.choice(PROJECT_SUPPLIERS)
            self.add(
                Txn(
                    forward(date(first, 1, rng.randint(8, 28))),
                    supplier,
                    f"Betalning av faktura från {first - 1}",
                    [(LEVERANTORSSKULDER, amount), (BANK, -amount)],
                )
            )

    def members(self, y: Year) -> None:
        """Quarterly invoices to the members and their payments."""
        rng = self.rng
        for quarter in range(4):
            invoice_day = forward(date(y.year, 3 * quarter + 1, rng.randint(3, 8)))
            for account, name, _part, _share, _konto in self.plan.members:
                yearly = y.contributions[account]
                amount = yearly // 4 if quarter < 3 else yearly - 3 * (yearly // 4)
                link = self.number("kund", y.year)
                narration = f"Driftbidrag kvartal {quarter + 1} {y.year}"
                self.add(
                    Txn(
                        invoice_day,
                        name,
                        narration,
                        [(KUNDFORDRINGAR, amount), (account, -amount)],
                        links=(link,),
                    )
                )
                self.add(
                    Txn(
                        self.due(invoice_day, rng.randint(18, 40)),
                        name,
                        f"Inbetalning: {narration.lower()}",
                        [(BANK, amount), (KUNDFORDRINGAR, -amount)],
                        links=(link,),
                    )
                )

    def salaries(self, y: Year) -> None:
        """Monthly salaries, and the payment of tax and fees the month after."""
        roles = ", ".join(y.monthly_gross)
        chef_admin = sum(v for k, v in y.monthly_gross.items() if k != "verksamhetsutvecklare")
        vu = y.monthly_gross["verksamhetsutvecklare"]
        gross = chef_admin + vu
        tax = sum(round_to(mul(g, TAX_RATE), 1) for g in y.monthly_gross.values())
        social = mul(chef_admin, SOCIAL_RATE) + mul(vu, SOCIAL_RATE)
        for month in range(1, 13):
            self.add(
                Txn(
                    back(date(y.year, month, 25)),
                    FORBUND,
                    f"Löner {MONTHS[month - 1]} {y.year}: {roles}",
                    [
                        (LONER, chef_admin),
                        (VU_LONER, vu),
                        (SOCIALA, mul(chef_admin, SOCIAL_RATE)),
                        (VU_SOCIALA, mul(vu, SOCIAL_RATE)),
                        (PERSONALSKATT, -tax),
                        (SOCIALA_SKULD, -social),
                        (BANK, -(gross - tax)),
                    ],
                )
            )
            self.add(
                Txn(
                    back(date(y.year, month, 10)),
                    "Skatteverket",
                    f"Insättning på skattekontot {MONTHS[month - 1]} {y.year}",
                    compute=_deposit_tax,
                )
            )
            self.add(
                Txn(
                    forward(date(y.year, month, 12)),
                    "Skatteverket",
                    f"Skattedeklaration {MONTHS[month - 1]} {y.year}",
                    compute=_declare_tax,
                )
            )

    def moms(self, y: Year) -> None:
        """Moms of the past quarter, claimed in January, April, July and October."""
        for month in (1, 4, 7, 10):
            quarter = f"kvartal {(month + 8) // 3 % 4 + 1} {y.year - (month == 1)}"
            self.add(
                Txn(
                    forward(date(y.year, month, 12)),
                    "Skatteverket",
                    f"Ansökan om momsersättning {quarter}",
                    compute=_claim_moms,
                )
            )
            self.add(
                Txn(
                    forward(date(y.year, month, 26)),
                    "Skatteverket",
                    f"Utbetalning av momsersättning {quarter}",
                    compute=_refund_moms,
                )
            )

    def bank_and_rent(self, y: Year) -> None:
        """Monthly bank fees, quarterly prepaid rent and its monthly cost."""
        rng = self.rng
        for month in range(1, 13):
            fee = kr(rng.randint(150, 450)) + rng.randint(0, 99)
            self.add(
                Txn(
                    back(month_end(y.year, month)),
                    "Banken",
                    f"Bankavgifter {MONTHS[month - 1]}",
                    [(BANKAVGIFTER, fee), (BANK, -fee)],
                )
            )
            self.add(
                Txn(
                    date(y.year, month, 1),
                    "Fastighetsbolaget Kvarnen AB",
                    f"Lokalhyra {MONTHS[month - 1]} {y.year}",
                    [(LOKALHYRA, y.rent_month), (FORUTBETALDA_HYROR, -y.rent_month)],
                )
            )
            if month % 3 == 0:
                next_year = y.year + 1 if month == 12 else y.year
                quarter_rent = 3 * self.plan.plan[next_year].rent_month
                quarter = month // 3 % 4 + 1
                self.add(
                    Txn(
                        back(date(y.year, month, 28)),
                        "Fastighetsbolaget Kvarnen AB",
                        f"Förskottshyra kvartal {quarter} {next_year}",
                        [(FORUTBETALDA_HYROR, quarter_rent), (BANK, -quarter_rent)],
                        links=(self.number("lev", y.year),),
                    )
                )

    def year_end(self, y: Year) -> None:
        """Accruals on 31 December and their reversal on 1 January."""
        rng = self.rng
        year = y.year
        dec31 = date(year, 12, 31)
        previous = self.plan.plan[year - 1]
        change = y.semesterskuld - previous.semesterskuld
        social_change = mul(y.semesterskuld, SOCIAL_RATE) - mul(previous.semesterskuld, SOCIAL_RATE)
        self.add(
            Txn(
                dec31,
                FORBUND,
                f"Förändring semesterlöneskuld {year}",
                [
                    (LONER, change),
                    (SOCIALA, social_change),
                    (SEMESTERLONER, -change),
                    (UPPLUPNA_SOCIALA, -social_change),
                ],
                late=True,
            )
        )
        self.add(
            Txn(
                dec31,
                FORBUND,
                f"Särskild löneskatt på pensionskostnader {year}",
                compute=_slp,
                late=True,
            )
        )
        total = sum(a for _, a in y.accrued_costs)
        costs: list[Posting] = [*y.accrued_costs, (INTERIMSSKULDER, -total)]
        income: list[Posting] = [
            (INTERIMSFORDRINGAR, y.accrued_income),
            (FORSALJNING_KANSLI, -y.accrued_income),
        ]
        if y.accrued_costs:
            narration = f"Upplupna kostnader insatser {year}"
            self.add(Txn(dec31, FORBUND, narration, costs, late=True))
        self.add(Txn(dec31, FORBUND, f"Upplupna intäkter försäljning {year}", income, late=True))
        if year < self.plan.last:
            jan1 = date(year + 1, 1, 1)
            reversals = [(f"Återföring upplupna intäkter {year}", income)]
            if y.accrued_costs:
                reversals.insert(0, (f"Återföring upplupna kostnader {year}", costs))
            for narration, postings in reversals:
                reversed_ = [(a, -v) for a, v in postings]
                self.add(Txn(jan1, FORBUND, narration, reversed_))
        interest = kr(rng.randint(100, 3_000)) + rng.randint(0, 99)
        self.add(
            Txn(
                dec31,
                "Banken",
                f"Ränta på bankkonto {year}",
                [(BANK, interest), (RANTEINTAKTER, -interest)],
                late=True,
            )
        )
        charge = kr(rng.randint(10, 500)) + rng.randint(0, 99)
        self.add(
            Txn(
                self.random_day(year),
                "Skatteverket",
                "Kostnadsränta på skattekontot",
                [(RANTEKOSTNADER, charge), (BANK, -charge)],
            )
        )

    # -- day-to-day entries -----------------------------------------------------

    def variable(self, year: int, count: int) -> None:
        """Exactly ``count`` day-to-day transactions dated in ``year``.

        An invoice pair is the invoice and its payment; an invoice whose
        payment would fall after the ledger's last day stays unpaid.
        """
        rng = self.rng
        y = self.plan.plan[year]
        cost_accounts = [a for a, t in y.cost_targets.items() if t > 0]
        cost_weights = [y.cost_targets[a] for a in cost_accounts]
        card_weights = [y.cost_targets[a] for a in CARD_ACCOUNTS]
        costs: list[Item] = []
        income: list[Item] = []
        kinds = ("faktura", "kort", "försäljning", "övrigt")
        left = count
        while left > 0:
            kind = rng.choices(kinds, (80, 12, 5, 3))[0]
            if left == 1 and kind in ("faktura", "försäljning"):
                kind = "kort"
            day = self.random_day(year)
            if kind == "faktura":
                account = rng.choices(cost_accounts, cost_weights)[0]
                weight = int(rng.lognormvariate(0, 0.9) * 1000) + 1
                item = Item(account, weight, self._supplier_invoice(account, day))
                costs.append(item)
            elif kind == "kort":
                account = rng.choices(CARD_ACCOUNTS, card_weights)[0]
                weight = int(rng.lognormvariate(0, 0.6) * 150) + 1
                what = rng.choice(ADMIN_ITEMS[account])
                txn = self.add(Txn(day, "Kortköp", f"Kortköp: {what}"))
                item = Item(account, weight, [txn], card=True)
                costs.append(item)
            elif kind == "försäljning":
                account = rng.choice((FORSALJNING_KANSLI, FORSALJNING_KANSLI, FORSALJNING_KOMP))
                weight = int(rng.lognormvariate(0, 0.5) * 1000) + 1
                item = Item(account, weight, self._sales_invoice(account, day))
                income.append(item)
            else:
                account = rng.choice((OVRIGA_KANSLI, OVRIGA_KOMP))
                weight = int(rng.lognormvariate(0, 0.5) * 1000) + 1
                what = "kursavgifter" if account == OVRIGA_KOMP else "ersättning"
                payer = rng.choice(OTHER_FORBUND)
                txn = self.add(Txn(day, payer, f"Övrig intäkt: {what}"))
                item = Item(account, weight, [txn], card=True)
                income.append(item)
            left -= len(item.txns)
        self._amounts(costs, y.cost_targets, self._fill_cost)
        self._amounts(income, y.income_targets, self._fill_income)

    def _supplier_invoice(self, account: str, day: date) -> list[Txn]:
        rng = self.rng
        if account in ADMIN_SUPPLIERS:
            supplier = rng.choice(ADMIN_SUPPLIERS[account])
            what = rng.choice(ADMIN_ITEMS[account])
        else:
            supplier = rng.choice(PROJECT_SUPPLIERS)
            what = rng.choice(PROJECT_ITEMS)
        link = self.number("lev", day.year)
        label = account.rsplit(":", 1)[-1].replace("-", " ")
        txns = [self.add(Txn(day, supplier, f"{label}: {what}", links=(link,)))]
        paid = forward(day + timedelta(days=30))
        if paid <= self.end:
            narration = f"Betalning leverantörsfaktura {link}"
            txns.append(self.add(Txn(paid, supplier, narration, links=(link,))))
        return txns

    def _sales_invoice(self, account: str, day: date) -> list[Txn]:
        rng = self.rng
        buyer = rng.choice(OTHER_FORBUND)
        link = self.number("kund", day.year)
        kansli = account == FORSALJNING_KANSLI
        what = "förbundschefens tid" if kansli else "utbildningsdag"
        narration = f"Fakturerad tjänst: {what}"
        txns = [self.add(Txn(day, buyer, narration, links=(link,)))]
        paid = forward(day + timedelta(days=rng.randint(20, 40)))
        if paid <= self.end:
            narration = "Inbetalning kundfaktura"
            txns.append(self.add(Txn(paid, buyer, narration, links=(link,))))
        return txns

    def _amounts(
        self,
        items: list[Item],
        targets: dict[str, int],
        fill: Callable[[Item, int], None],
    ) -> None:
        groups: dict[str, list[Item]] = defaultdict(list)
        for item in items:
            groups[item.account].append(item)
        for account, group in groups.items():
            weights = [item.weight for item in group]
            amounts = allocate(targets[account], weights, kr(50))
            for item, amount in zip(group, amounts, strict=True):
                fill(item, amount)

    def _fill_cost(self, item: Item, amount: int) -> None:
        rng = self.rng
        account = item.account
        if item.card:
            item.txns[0].postings = [(account, amount), (BANK, -amount)]
            return
        moms = mul(amount, MOMS_RATE) if rng.random() < 0.3 else 0
        gross = amount + moms
        invoice = item.txns[0]
        invoice.postings = [(account, amount)]
        if moms:
            invoice.postings.append((MOMSFORDRAN, moms))
        invoice.postings.append((LEVERANTORSSKULDER, -gross))
        if len(item.txns) == 1:  # unpaid when the ledger ends
            return
        paid = gross
        if gross % 100 and rng.random() < 0.05:
            paid = round_to(gross, 1)
        payment = item.txns[1]
        payment.postings = [(LEVERANTORSSKULDER, gross), (BANK, -paid)]
        if paid != gross:
            payment.postings.append((ORESUTJAMNING, paid - gross))

    def _fill_income(self, item: Item, amount: int) -> None:
        account = item.account
        if item.card:
            item.txns[0].postings = [(BANK, amount), (account, -amount)]
            return
        item.txns[0].postings = [(KUNDFORDRINGAR, amount), (account, -amount)]
        if len(item.txns) == 2:
            item.txns[1].postings = [(BANK, amount), (KUNDFORDRINGAR, -amount)]

    # -- assembling -------------------------------------------------------------

    def build(self) -> list[Txn | tuple[date, int]]:
        """All transactions and bank balance assertions, in date order."""
        plan = self.plan
        self.opening()
        for year in plan.years:
            y = plan.plan[year]
            self.members(y)
            self.salaries(y)
            self.moms(y)
            self.bank_and_rent(y)
            self.year_end(y)
        fixed = len(self.txns)
        if self.n < fixed:
            raise ValueError(
                f"{self.n} transactions is too few for {len(plan.years)} year(s): "
                f"the fixed calendar alone has {fixed}; use at least {fixed}"
            )
        rest = self.n - fixed
        per_year, extra = divmod(rest, len(plan.years))
        for i, year in enumerate(plan.years):
            self.variable(year, per_year + (1 if i < extra else 0))
        if len(self.txns) != self.n:  # pragma: no cover - a bug in the generator
            raise AssertionError(f"generated {len(self.txns)} transactions, not {self.n}")
        return self._resolve()

    def _resolve(self) -> list[Txn | tuple[date, int]]:
        """Compute dependent amounts in date order and place the assertions."""
        books = Books()
        starts = [
            date(year, month, 1)
            for year in self.plan.years
            for month in range(1, 13)
            if (year, month) != (self.plan.first, 1)
        ]
        out: list[Txn | tuple[date, int]] = []
        next_start = 0
        for txn in sorted(self.txns, key=lambda t: (t.day, t.late, t.seq)):
            while next_start < len(starts) and starts[next_start] <= txn.day:
                out.append((starts[next_start], books.balance(BANK)))
                next_start += 1
            if txn.compute is not None:
                txn.postings = txn.compute(books, txn.day)
            if len(txn.postings) < 2 or sum(a for _, a in txn.postings) != 0:
                raise AssertionError(f"unbalanced transaction: {txn}")
            books.post(txn.day, txn.postings)
            out.append(txn)
        out.extend((start, books.balance(BANK)) for start in starts[next_start:])
        self.books = books
        return out

    def results(self) -> dict[int, int]:
        """Årets resultat per year (öre, a surplus positive), from the books."""
        totals: dict[int, int] = dict.fromkeys(self.plan.years, 0)
        for (account, year, _month), amount in self.books.month_totals.items():
            if account.startswith(("Intäkter:", "Kostnader:")):
                totals[year] -= amount
        return totals

    def decisions(self) -> dict[int, tuple[str, int]]:
        """The board's decision on every deficit year: (kind, last year of restoration).

        An åtgardsplan restores the deficit by the last year of the ledger (at
        most three years on); when the later surpluses do not restore it by
        then, the decision is not to restore it, for synnerliga skäl. This is
        the tracking of the balanskravsutredning: surpluses restore the oldest
        open deficit first, and a synnerliga skäl deficit is not carried.
        """
        results = self.results()
        last = self.plan.last
        kinds = {
            year: ("atgardsplan", min(year + 3, max(year + 1, last)))
            for year, result in results.items()
            if result < 0
        }
        while True:
            open_: list[list[int]] = []  # [year, remaining]
            failed = None
            for year in self.plan.years:
                result = results[year]
                if result > 0:
                    for deficit in open_:
                        used = min(result, deficit[1])
                        deficit[1] -= used
                        result -= used
                    open_ = [d for d in open_ if d[1] > 0]
                elif result < 0 and kinds[year][0] == "atgardsplan":
                    open_.append([year, -result])
                failed = next((d[0] for d in open_ if kinds[d[0]][1] == year), None)
                if failed is not None:
                    break
            if failed is None:
                return kinds
            kinds[failed] = ("synnerliga-skal", kinds[failed][1])

    def files(self) -> dict[str, str]:
        """File name -> content of the whole ledger."""
        entries = self.build()
        plan = self.plan
        year_files = {year: f"{year}.beancount" for year in plan.years}
        bodies: dict[str, list[str]] = {name: [] for name in year_files.values()}
        bodies["ingaende-balans.beancount"] = []
        numbers: dict[int, int] = {}
        for entry in entries:
            if isinstance(entry, Txn):
                name = entry.filename or year_files[entry.day.year]
                if entry.filename is None:  # a voucher; the ingående balans is none
                    numbers[entry.day.year] = entry.ver = numbers.get(entry.day.year, 0) + 1
                bodies[name].append(entry.render())
            else:
                day, amount = entry
                bodies[year_files[day.year]].append(
                    f"{day} balance {BANK:<47} {fmt(amount):>14} {CURRENCY}\n"
                )
        files = {
            "main.beancount": self.main(),
            "plain.beancount": self.main(plain=True),
            "kontoplan.beancount": self.kontoplan(),
            "budget.beancount": self.budget(),
        }
        head = include_header("Syntetisk ingående balans (bench/generate.py).")
        files["ingaende-balans.beancount"] = head + "\n".join(bodies["ingaende-balans.beancount"])
        for year, name in year_files.items():
            head = include_header(f"Verifikationer {year} (syntetiska, bench/generate.py).")
            files[name] = head + "\n".join(bodies[name])
        return files

    # -- rendering ----------------------------------------------------------------

    def main(self, *, plain: bool = False) -> str:
        """main.beancount, or with ``plain`` the same ledger without the project's plugins."""
        plan = self.plan
        span = f"{plan.first}-{plan.last}"
        includes = [
            "kontoplan.beancount",
            "budget.beancount",
            "ingaende-balans.beancount",
            *(f"{year}.beancount" for year in plan.years),
        ]
        if plain:
            kept = [line for line in self.example.plugins if not is_project_plugin(line)]
            about = [
                "; Samma huvudbok som main.beancount, men utan projektets plugin-rader:",
                "; bench/run.py mäter här vad Beancount ensamt kostar.",
            ]
        else:
            kept = list(self.example.plugins)
            about = [
                "; Plugin-raderna och Fava-tillägget är desamma som i",
                f"; {self.example.source}.",
            ]
        lines = [
            f"{STAMP_PREFIX} --transactions {self.n} --years {span} --seed {self.seed}",
            ";",
            f"; Syntetisk huvudbok för prestandamätning: {FORBUND} (påhittat),",
            f"; {plan.first}–{plan.last}, {self.n} verifikationer. Skapad av",
            "; bench/generate.py; ändra inte för hand.",
            *about,
            ";",
            f";   finsam report main.beancount --year {plan.last}",
            "",
            f'option "title" "Syntetisk huvudbok: {FORBUND} ({self.n} verifikationer)"',
            'option "operating_currency" "SEK"',
            "",
            "; Svenska namn på rotkontona och på Beancounts härledda eget kapital-konton,",
            "; så att inget engelskt kontonamn syns, inte heller i Fava.",
            'option "name_assets" "Tillgångar"',
            'option "name_liabilities" "Skulder"',
            'option "name_equity" "Eget-kapital"',
            'option "name_income" "Intäkter"',
            'option "name_expenses" "Kostnader"',
            'option "account_previous_balances" "Ingående-balanser"',
            'option "account_previous_earnings" "Balanserat-resultat"',
            'option "account_previous_conversions" "Omräkningar:Tidigare"',
            'option "account_current_earnings" "Årets-resultat"',
            'option "account_current_conversions" "Omräkningar:Innevarande"',
            'option "account_unrealized_gains" "Orealiserade-vinster"',
            "",
            "; Fava på svenska, med svenska talformat, och sidan Kommunal redovisning.",
            f'{plan.first}-01-01 custom "fava-option" "language" "sv"',
            f'{plan.first}-01-01 custom "fava-option" "locale" "sv_SE"',
            *(
                f'{plan.first}-01-01 custom "fava-extension" {ext}'
                for ext in self.example.extensions
            ),
            "",
            *kept,
            "",
            *(f'include "{name}"' for name in includes),
        ]
        return "\n".join(lines) + "\n"

    def kontoplan(self) -> str:
        """kontoplan.beancount."""
        plan = self.plan
        opened = date(plan.first, 1, 1)
        out: list[str] = [
            include_header(
                "Kontoplan för en syntetisk huvudbok (bench/generate.py), med samma\n"
                "; form och metadata som ledger/kontoplan.beancount."
            ).rstrip("\n"),
            "",
            f"{opened} commodity SEK",
            '  name: "Svenska kronor"',
            "",
        ]

        def open_(account: str, **meta: str) -> None:
            out.append(f"{opened} open {account} SEK")
            out.extend(f'  {key}: "{value}"' for key, value in meta.items())

        out.append("; Tillgångar")
        open_(KUNDFORDRINGAR, konto="1510")
        open_(SKATTEKONTO, konto="1630")
        open_(MOMSFORDRAN, notrad="Fordran Moms", konto="1650")
        open_(FORUTBETALDA_HYROR, konto="1710")
        open_(INTERIMSFORDRINGAR, notrad="Övriga interimfordringar", konto="1790")
        open_(BANK, konto="1930", bankkonto="0000-0 000 000 000-0")
        out += ["", "; Eget kapital och skulder"]
        open_(INGAENDE, konto="2010")
        open_(LEVERANTORSSKULDER, notrad="Leverantörsskulder (insatskostnader)", konto="2440")
        open_(SKATTESKULDER, konto="2510")
        open_(MOMSREDOVISNING, notrad="Moms redovisningskonto", konto="2650")
        open_(PERSONALSKATT, konto="2710")
        open_(SOCIALA_SKULD, notrad="Avräkning lagstadgade sociala avgifter", konto="2731")
        open_(SEMESTERLONER, konto="2920")
        open_(
            UPPLUPNA_SOCIALA,
            notrad="Beräknade upplupna lagstadgade sociala avgifter",
            konto="2941",
        )
        open_(INTERIMSSKULDER, konto="2990")
        out += ["", "; Intäkter: ett konto per medlems driftbidrag"]
        for account, name, part, _share, konto in plan.members:
            open_(
                account,
                notrad=f"Driftbidrag från {name}",
                part=part,
                medlem=name,
                konto=konto,
            )
        open_(FORSALJNING_KANSLI, notrad="Försäljning tjänst", budgetpost="Kansli", konto="3610")
        open_(
            FORSALJNING_KOMP,
            notrad="Försäljning tjänst",
            budgetpost="Kompetensutveckling",
            konto="3611",
        )
        open_(
            OVRIGA_KANSLI,
            notrad="Övriga ersättningar och intäkter",
            budgetpost="Kansli",
            konto="3990",
        )
        open_(
            OVRIGA_KOMP,
            notrad="Övriga ersättningar och intäkter",
            budgetpost="Kompetensutveckling",
            konto="3991",
        )
        open_(ORESUTJAMNING, notrad="Öres och kronutjämning", konto="3740")
        out += ["", "; Kostnader: ett konto per insats, med dess Finsam-klass"]
        for insats in plan.insatser:
            meta: dict[str, str] = {}
            if insats.notrad:
                meta["notrad"] = insats.notrad
            meta["klass"] = insats.klass
            if insats.account == INS_VU:
                meta["budgetpost"] = "Verksamhetsutvecklare"
            elif insats.account == INS_KOMPETENS:
                meta["budgetpost"] = "Kompetensutveckling"
            meta["konto"] = insats.konto
            open_(insats.account, **meta)
        out += ["", "; Administration (klass administration följer av platsen i trädet)"]
        open_(KANSLI, budgetpost="Kansli")
        open_(LONER, konto="5010")
        open_(SOCIALA, konto="5610")
        open_(PENSION, konto="5710")
        open_(LOKALHYRA, konto="6010")
        open_(KANSLI_OVRIGT, konto="6990")
        open_(VU_KANSLI, budgetpost="Verksamhetsutvecklare")
        open_(VU_LONER, konto="5011")
        open_(VU_SOCIALA, konto="5611")
        open_(INFORMATION, konto="6910")
        open_(STYRELSE, konto="6920")
        open_(EKONOMI, konto="7460")
        open_(BANKAVGIFTER, konto="6570")
        out += ["", "; Finansiella poster"]
        open_(RANTEKOSTNADER, budgetpost="Kansli", konto="8510")
        open_(RANTEINTAKTER, budgetpost="Kansli", konto="8410")
        return "\n".join(out) + "\n"

    def budget(self) -> str:
        """budget.beancount."""
        plan = self.plan
        out: list[str] = [
            include_header(
                "Budget, beviljade medel och antal anställda per år (syntetiska).\n"
                "; Beloppen har Beancounts tecken: kostnader positiva, intäkter negativa."
            ).rstrip("\n"),
        ]
        ended: set[str] = set()
        results = self.results()
        decisions = self.decisions()
        for year in plan.years:
            y = plan.plan[year]
            jan1 = date(year, 1, 1)
            out += ["", f"; --- Budget {year} " + "-" * 60]
            for account, amount in y.budgets.items():
                out.append(f'{jan1} custom "budget" {account} "yearly" {fmt(amount)} SEK')
            deficit = sum(y.budgets.values())
            if deficit > 0:
                out += [
                    "",
                    f"; Budgeten {year} visar ett underskott på {fmt(deficit)} kr.",
                    f'{date(year - 1, 11, 20)} custom "budgetunderskott" {year} '
                    f'"Styrelsen beslutade att budgetera {year} med underskott '
                    'som täcks av eget kapital"',
                ]
            # A finished insats gets a zero budget, so Fava stops carrying it.
            for insats in plan.insatser:
                if insats.last == year - 1 and insats.account not in ended:
                    ended.add(insats.account)
                    out.append(f'{jan1} custom "budget" {insats.account} "yearly" 0.00 SEK')
            # The grant covers the year's utfall: no insats costs more than granted.
            out += ["", f"; --- Beviljade medel {year}"]
            dec31 = date(year, 12, 31)
            for account, amount in y.beviljat.items():
                utfall = self.books.year_total(account, dec31)
                granted = max(amount, -(-utfall // kr(100)) * kr(100))
                out.append(f'{jan1} custom "beviljat" {account} {fmt(granted)} SEK')
            out += ["", f'{dec31} custom "anstallda" {y.staff}']
            result = results[year]
            if year in decisions:
                kind, last = decisions[year]
                day = back(date(year + 1, 3, 24))
                out += [
                    "",
                    f"; Årets resultat {year}: {fmt(result)} kr, ett underskott"
                    " (balanskravsresultat).",
                ]
                if kind == "atgardsplan":
                    out.append(
                        f'{day} custom "atgardsplan" {year} {last} '
                        f'"Åtgärdsplan antagen av styrelsen: underskottet {year} '
                        f'återställs senast {last}"'
                    )
                else:
                    out.append(
                        f'{day} custom "synnerliga-skal" {year} '
                        '"Eget kapital över rekommenderad nivå förbrukas medvetet"'
                    )
            else:
                out += ["", f"; Årets resultat {year}: {fmt(result)} kr."]
        return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Transactions whose amounts follow from the books


def _deposit_tax(books: Books, _day: date) -> list[Posting]:
    due = -(
        books.balance(PERSONALSKATT) + books.balance(SOCIALA_SKULD) + books.balance(SKATTESKULDER)
    ) - books.balance(SKATTEKONTO)
    return [(SKATTEKONTO, due), (BANK, -due)]


def _declare_tax(books: Books, _day: date) -> list[Posting]:
    postings = [
        (account, -books.balance(account))
        for account in (PERSONALSKATT, SOCIALA_SKULD, SKATTESKULDER)
    ]
    postings.append((SKATTEKONTO, -sum(a for _, a in postings)))
    return postings


def _claim_moms(books: Books, day: date) -> list[Posting]:
    # Moms of the quarter just ended: what was booked this month is left over.
    claim = books.balance(MOMSFORDRAN) - books.month_total(MOMSFORDRAN, day)
    return [(MOMSREDOVISNING, claim), (MOMSFORDRAN, -claim)]


def _refund_moms(books: Books, _day: date) -> list[Posting]:
    refund = books.balance(MOMSREDOVISNING)
    return [(BANK, refund), (MOMSREDOVISNING, -refund)]


def _slp(books: Books, day: date) -> list[Posting]:
    slp = mul(books.year_total(PENSION, day), SLP_RATE)
    return [(PENSION, slp), (SKATTESKULDER, -slp)]


# ---------------------------------------------------------------------------
# Command line


def parse_years(text: str) -> list[int]:
    """``2019-2023`` or ``2021`` as a list of years."""
    first, _, last = text.partition("-")
    try:
        start = int(first)
        end = int(last) if last else start
    except ValueError as exc:
        msg = f"expected years such as 2019-2023: {text!r}"
        raise argparse.ArgumentTypeError(msg) from exc
    if not 1900 < start <= end < 2200:
        raise argparse.ArgumentTypeError(f"expected years such as 2019-2023: {text!r}")
    return list(range(start, end + 1))


def generate(
    transactions: int,
    out: Path,
    years: Sequence[int],
    seed: int,
    example: Path = EXAMPLE,
) -> None:
    """Write the ledger to ``out``; main.beancount is written last."""
    files = Generator(transactions, years, seed, read_example(example)).files()
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        if name != "main.beancount":
            (out / name).write_text(text, encoding="utf-8")
    (out / "main.beancount").write_text(files["main.beancount"], encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description="Write a synthetic finsam ledger with exactly N transactions.",
        epilog="See the module docstring (python -m pydoc bench/generate.py).",
    )
    parser.add_argument(
        "--transactions", "-n", type=int, required=True, metavar="N",
        help="number of transactions in the ledger, opening balance included",
    )  # fmt: skip
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="DIR",
        help="directory to write main.beancount and its includes to",
    )  # fmt: skip
    parser.add_argument(
        "--years", type=parse_years, default=parse_years("2019-2023"),
        help="first-last year, default 2019-2023",
    )  # fmt: skip
    parser.add_argument("--seed", type=int, default=1, help="random seed, default 1")
    parser.add_argument(
        "--example", type=Path, default=EXAMPLE, metavar="FILE",
        help="the ledger whose plugin lines and Fava extension to copy "
        "(default: ledger/main.beancount of this repository)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    try:
        generate(args.transactions, args.output, args.years, args.seed, args.example)
    except ValueError as exc:
        parser.exit(2, f"generate.py: {exc}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
