"""Composition root and services. Qt lives only in gui.py, operations.py and pdf.py."""
