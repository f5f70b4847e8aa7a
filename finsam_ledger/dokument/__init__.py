"""The årsredovisning (or delårsrapport) as a document: the books' tables and the förbund's text.

* :mod:`~finsam_ledger.dokument.texter`: the förbund's text, Markdown files
  in a folder beside the ledger, with placeholders;
* :mod:`~finsam_ledger.dokument.platshallare`: the placeholders, one registry;
* :mod:`~finsam_ledger.dokument.modell`: the document as data (title page,
  chapters, tables, charts, signatures);
* :mod:`~finsam_ledger.dokument.export`: ``finsam export --format docx|pdf``.

The renderers are :mod:`finsam_ledger.exports.docx` (Word) and
:mod:`finsam_ledger.exports.dokument_html` (the HTML the PDF is printed from).
"""
