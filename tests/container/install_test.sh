#!/usr/bin/env bash
# `cmake --install` gives a working dossier with no checkout: installed
# into a fresh prefix, it builds and verifies a dossier from another
# working directory while the checkout's templates, fonts and data are out
# of reach (hidden under empty mounts in a private mount namespace, so the
# checkout itself is never touched), and it never falls back to the
# checkout when its own share/dossier/ lacks a file.
#
#   install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail

build="${1:?usage: install_test.sh BUILD_DIR SOURCE_DIR}"
src="${2:?usage: install_test.sh BUILD_DIR SOURCE_DIR}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

cmake --install "$build" --prefix "$prefix" >"$work/install.log" || {
  cat "$work/install.log"
  exit 1
}
for f in bin/dossier share/dossier/fonts/fonts.toml share/dossier/templates/dossier.toml \
  share/dossier/data/sample/surnames.tsv share/doc/dossier/LICENSE share/doc/dossier/licences.md; do
  [[ -e "$prefix/$f" ]] || fail "cmake --install did not install $f"
done

mkdir "$work/elsewhere"
cd "$work/elsewhere"
# Hides SRC's folders named after the first two arguments under empty
# read-only mounts, then builds 2,000 synthetic signatures (the point is
# where the files come from; the sanitized build runs this too) and
# verifies them.
# shellcheck disable=SC2016 # expanded by the inner shell
hide_and_render='src=$1 dossier=$2; shift 2
  for d in "$@"; do
    mount -t tmpfs -o ro,size=4k none "$src/$d" && [ -z "$(ls -A "$src/$d")" ] || exit 3
  done
  "$dossier" build --sample-count 2000 --out out --quiet && "$dossier" verify out --quiet'
hidden=(templates fonts data)
if unshare --mount true 2>/dev/null; then
  if unshare --mount sh -c "$hide_and_render" sh "$src" "$prefix/bin/dossier" "${hidden[@]}" \
    >"$work/run.log" 2>&1; then
    echo "built and verified with the checkout's ${hidden[*]} hidden"
  else
    cat "$work/run.log"
    fail "the installed dossier failed with the checkout's ${hidden[*]} hidden"
  fi
else
  echo "note: no private mount namespace here (not root?); the checkout stays visible, and the"
  echo "      check below that the installed dossier never reads it carries the test"
  sh -c "$hide_and_render" sh "$src" "$prefix/bin/dossier" >"$work/run.log" 2>&1 || {
    cat "$work/run.log"
    fail "the installed dossier failed"
  }
fi
ls out/*.pdf >/dev/null 2>&1 || fail "no volume written"

# With a file missing from its prefix, the installed dossier must say so,
# naming the prefix, even though the checkout's copy is right there.
rm "$prefix/share/dossier/templates/dossier.toml"
set +e
"$prefix/bin/dossier" build --sample-count 100 --out out2 --quiet >"$work/missing.log" 2>&1
code=$?
set -e
if [[ $code -ne 2 ]] || ! grep -q "$prefix/share/dossier/templates/dossier.toml" "$work/missing.log"; then
  cat "$work/missing.log"
  fail "a file missing from the prefix was not reported as such (exit $code); read from the checkout?"
else
  echo "a file missing from the prefix is an error naming it: $(head -1 "$work/missing.log")"
fi

((failures == 0))
