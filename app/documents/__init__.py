"""The printed annexes 41, 49, 50 and 51: form definitions, locale formatting and PDF rendering.

Entry points: :func:`app.documents.render.render_annex` and :mod:`app.documents.specimen`.
"""
