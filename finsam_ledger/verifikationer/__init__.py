"""Voucher numbers (verifikationsnummer): the convention, the check and the numbering.

Every voucher carries its voucher number as metadata ``ver``: the series, a
space and the number, ``ver: "A 12"``. Numbers run from 1 in each series
and räkenskapsår (the calendar year) and ascend with the date
(Bokföringslagen 5 kap. 7 §; SIE's ``#VER`` series and number). A voucher
is a transaction written in the ledger's files that is no ingående balans;
what Beancount or a plugin generates is none.

* :mod:`.nummer` reads and writes the value (:func:`~.nummer.of`,
  :func:`~.nummer.parse`).
* :mod:`finsam_ledger.rules.verifikationer` is the check (the
  ``verifikationer`` plugin) and says which transactions are vouchers
  (:func:`~finsam_ledger.rules.verifikationer.verifikationer`).
* :mod:`.numrera` gives unnumbered vouchers the next numbers, in their
  files (``finsam verifikationer numrera``, :mod:`.cli`) or as ``finsam
  import`` appends them.
"""
