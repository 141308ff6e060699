#!/usr/bin/env bash
# Installs the system parts sopgen needs when they are missing: Graphviz's dot and a CJK font,
# Chromium, the browser the workshop page's tests drive (Playwright's own download is not used),
# and LibreOffice (Writer), poppler-utils and Carlito, with which the tests and `make verify-docs`
# render the documents to PDF and check them. With --tests also Node and npm, which run the
# parsers that check the BPMN and Mermaid exports.
set -euo pipefail

packages=()
command -v dot >/dev/null 2>&1 || packages+=(graphviz)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh-tw 2>/dev/null)" ]; then
  packages+=(fonts-noto-cjk fontconfig)
fi
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v soffice >/dev/null 2>&1 || packages+=(libreoffice-writer)
command -v pdftoppm >/dev/null 2>&1 || packages+=(poppler-utils)
# Carlito has Calibri's metrics, so LibreOffice breaks pages where Word does.
[ -n "$(fc-list :family=Carlito 2>/dev/null)" ] || packages+=(fonts-crosextra-carlito)
if [ "${1:-}" = "--tests" ]; then
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi
[ ${#packages[@]} -eq 0 ] && exit 0

echo "Installing system packages: ${packages[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "error: need root to install ${packages[*]}; install them with your package manager" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: no apt-get here; install ${packages[*]} with your package manager (macOS: brew install graphviz font-noto-sans-cjk)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fc-cache -f >/dev/null 2>&1 || true
