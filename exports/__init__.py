"""Renderers of the report tables.

Each export turns the same :class:`~finsam_ledger.model.table.Table` objects into
one format; none computes a figure of its own.
"""
