#!/usr/bin/env bash
# One command on a fresh machine: install everything, compile licat, then validate and build the
# bundled Guangdong sample catalog into dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
npm run build
node bin/licat.js validate catalog
node bin/licat.js build catalog --out dist
node bin/licat.js stats catalog
