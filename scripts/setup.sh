#!/usr/bin/env bash
# One command on a fresh machine: install everything, compile licat, then validate and build the
# bundled Guangdong sample catalog into dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
npm run build
node bin/licat.cjs validate catalog
node bin/licat.cjs build catalog --out dist
node bin/licat.cjs stats catalog
