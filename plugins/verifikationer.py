"""Verifikationer: every voucher has a number, once, ascending with the date.

The Bokföringslag and SIE need a stable number per voucher, ascending in
its series. A transaction carries it as metadata ``ver``: the series, one
space and the number, ``ver: "A 12"`` (series: one to ten letters or
digits; number: from 1, no leading zero). Numbers run per series and
calendar year::

    plugin "finsam_ledger.plugins.verifikationer"

    2021-03-02 * "Försäkringskassan" "Medlemsbidrag 2021"
      ver: "A 12"
      Tillgångar:Kassa-och-bank:Bank  3674000.00 SEK
      Intäkter:Medlemsbidrag:Försäkringskassan

Without the plugin line nothing is checked. With it, each of these is an
error at the transaction's line:

* a voucher without ``ver``;
* a ``ver`` that is not a series and a number (``"2021-0001"``, ``"A12"``);
* a number used twice in a series and year (at every use after the
  first, naming the first);
* numbers that do not ascend with the date in a series and year: the
  fewest vouchers that break the order are reported, each with the
  neighbour its date contradicts (vouchers of one day may have their
  numbers in any order).

Gaps are allowed. Not vouchers, so never numbered nor required to have a
number: the ingående balans (a transaction on
``Eget-kapital:Ingående-balanser``, the account of
``account_previous_balances``; a number it carries is checked like any
other), Beancount's own transactions (``pad``, summaries: their flags
``P``, ``S``, ``T``, ``C``, ``M``) and transactions a plugin generates that
name no line of the ledger's files. A plugin that copies a written line
onto the transactions it makes should stand below this plugin's line
(plugins run in the order of their lines).

``finsam verifikationer numrera main.beancount`` gives every unnumbered
voucher the next number of its series and year, in date order, and
``finsam import extract --append`` numbers the bank rows it adds.

Settings, all optional::

    plugin "finsam_ledger.plugins.verifikationer" "{'serie': 'A', 'fran': '2022-01-01'}"

``serie``: the series numbering gives new vouchers (``A``). ``fran``: the
first date the rule applies to; older transactions are neither checked
nor numbered (default: all), for books that start numbering in a later
year.
"""

from __future__ import annotations

from finsam_ledger.rules import verifikationer as rule
from finsam_ledger.rules.plugin import plugin

__plugins__ = ("verifikationer",)

verifikationer = plugin(
    __name__,
    rule.check,
    "Check every voucher's number: present, well-formed, once, ascending; entries pass unchanged.",
    rule.DEFAULTS,
)
