#!/usr/bin/env bash
# Renders the demo pack, a tailored Taiwanese and a tailored Indonesian pack (and a bilingual da+id
# pack once `sopgen pack` offers it) to PDF with LibreOffice headless and to page images with
# pdftoppm, then checks every document: each table's rows in the PDF text, the handbook's contents
# filled, no blank page, chart text at least 6 pt at print size. The checks live in
# src/sopgen/build/verify_docs.py; this script only finds the Python to run them with.
set -euo pipefail
out=${1:-sop-pack-verify}
python=${PYTHON_BIN:-.venv/bin/python}
exec "$python" -m sopgen.build.verify_docs "$out"
