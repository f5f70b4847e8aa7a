"""Voucher numbers (verifikationsnummer): the convention, the check and the numbering.

Every transaction carries its voucher number as metadata ``ver``: the
series, a space and the number, ``ver: "A 12"``. Numbers run from 1 in
each series and räkenskapsår and ascend with the date (Bokföringslagen 5
kap. 7 §; SIE's ``#VER`` series and number). :mod:`.nummer` reads and
writes the value.
"""
