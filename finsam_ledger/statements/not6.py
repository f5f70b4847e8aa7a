"""Not 6 Kompletterande nettouppgifter jämförda med budget.

The budget is a net budget per post; the books are gross. Every income or
expense account that names a ``budgetpost`` is netted into that post: a
salary booked under Kansli that belongs to the Verksamhetsutvecklare post,
revenue from selling the förbundschef's time that offsets Kansli. A post
that nets any revenue is labelled "<post> netto". Posts come in the order of
their cost rows in Not 3.
"""

from __future__ import annotations

from finsam_ledger.figures.budget import budget
from finsam_ledger.figures.utfall import utfall
from finsam_ledger.model import chart as c
from finsam_ledger.model.books import Books
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Row, Table, is_blank
from finsam_ledger.statements.noter import kostnadsgrupper


def budgetposter(books: Books) -> dict[str, list[c.Placement]]:
    """Each budget post with its income and expense accounts, in Not 3 order."""
    order: list[str] = []
    for _, rows in kostnadsgrupper(books):
        for accounts, _ in rows.values():
            for account in accounts:
                post = books.chart.placements[account].budgetpost
                if post is not None and post not in order:
                    order.append(post)
    posts: dict[str, list[c.Placement]] = {}
    for placement in books.chart.ordered():
        if placement.budgetpost is not None and placement.type in (c.INCOME, c.EXPENSES):
            posts.setdefault(placement.budgetpost, []).append(placement)
    ranked = sorted(posts, key=lambda p: order.index(p) if p in order else len(order))
    return {post: posts[post] for post in ranked}


def not6(books: Books, period: Period) -> Table | None:
    """Each budget post netted: budget, the period and the previous period."""
    if not budgetposter(books):  # nothing is netted: a ledger without budgetpost has no Not 6
        return None
    previous = period.previous()
    rows = []
    for post, placements in budgetposter(books).items():
        accounts = [p.account for p in placements]
        netto = any(p.type == c.INCOME for p in placements)
        values = (
            budget(books, accounts, period),
            utfall(books, accounts, period),
            utfall(books, accounts, previous),
        )
        if not is_blank(values):
            rows.append(Row(f"{post} netto" if netto else post, values, accounts=tuple(accounts)))
    return Table(
        key="not6",
        title="Not 6 Kompletterande nettouppgifter jämförda med budget",
        columns=(f"Budget {period.label}", period.label, previous.label),
        rows=tuple(rows),
        periods=(None, period, previous),
    )
