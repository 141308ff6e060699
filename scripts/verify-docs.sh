#!/usr/bin/env bash
# Converts a full four-language pack to PDF with LibreOffice headless, renders the first pages
# to PNG, and checks that every document converted and that the Chinese PDFs embed a CJK font.
set -euo pipefail
out=${1:-sop-pack-verify}
sopgen=${SOPGEN:-.venv/bin/sopgen}

rm -rf "$out" && mkdir -p "$out"
"$sopgen" pack --lang da,en,zh-TW,id --out "$out/docx"
cd "$out"
profile="file://$PWD/lo-profile"
find docx -name '*.docx' -printf '%h\n' | sort -u | while read -r dir; do
  mkdir -p "pdf/${dir#docx/}"
  soffice -env:UserInstallation="$profile" --headless --convert-to pdf --outdir "pdf/${dir#docx/}" "$dir"/*.docx >/dev/null 2>&1
done
find pdf -name '*.pdf' | while read -r pdf; do
  png="png/${pdf#pdf/}"
  mkdir -p "$(dirname "$png")"
  pdftoppm -r 60 -png -f 1 -l 2 "$pdf" "${png%.pdf}"
done
documents=$(find docx -name '*.docx' | wc -l)
pdfs=$(find pdf -name '*.pdf' | wc -l)
[ "$documents" -eq "$pdfs" ] || { echo "only $pdfs of $documents documents converted" >&2; exit 1; }
find pdf/zh-TW -name '*.pdf' | while read -r pdf; do
  pdffonts "$pdf" | grep -qiE 'cjk|hei|ming' || { echo "no CJK font in $pdf" >&2; exit 1; }
done
echo "$pdfs documents converted; first pages as PNG in $out/png"
