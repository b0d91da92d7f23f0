"""Interchange: the documents other systems exchange with the library.

:mod:`~wuxing.interchange.documents` wraps every entity in a versioned JSON envelope and keeps
the registry of document kinds; :mod:`~wuxing.interchange.schema` publishes a JSON Schema per
kind. The converter underneath knows no kind (:mod:`wuxing._core.convert`).
:mod:`~wuxing.interchange.spreadsheets` gives a round as a workbook or a folder of CSV files,
for the office.
"""
