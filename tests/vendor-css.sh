#!/bin/sh
# vendor-css.sh: copy the NL Design System component CSS from tests/node_modules into xslt/static/vendor/.
# Run through `make css` after changing the version in tests/package.json.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
pkg="$root/tests/node_modules/@utrecht/component-library-css"
dest="$root/xslt/static/vendor"

if [ ! -f "$pkg/dist/index.css" ]; then
	echo "vendor-css.sh: $pkg missing; run 'npm ci' in tests/ first" >&2
	exit 1
fi
version=$(node -p "require('$pkg/package.json').version")

mkdir -p "$dest"
cp "$pkg/dist/index.css" "$dest/utrecht-component-library.css"
cp "$pkg/LICENSE.md" "$dest/LICENSE-EUPL-1.2.md"
cat > "$dest/VERSION" <<NOTE
@utrecht/component-library-css $version (npm), dist/index.css
Licence: EUPL-1.2, see LICENSE-EUPL-1.2.md. Copied by tests/vendor-css.sh; do not edit by hand.
sha256 $(sha256sum "$dest/utrecht-component-library.css" | cut -d' ' -f1)
NOTE
echo "vendored @utrecht/component-library-css $version into xslt/static/vendor/"
