#!/usr/bin/env bash
# The container image as campaign staff get it: built by scripts/image from
# a fresh clone (so it needs nothing that is not committed), then used by a
# throw-away image FROM it whose RUN steps, as the image's non-root user,
# build the default sample and the committed 3,000-row export into
# /data/out, verify both and print their SHA-256. The same builds run
# natively with this build tree's dossier; every file must be
# byte-identical. (RUN steps, not `run`: on this project's CI machines
# podman builds with chroot isolation but cannot start a container.) The
# runtime image's packages are listed and any -dev package or compiler
# fails the test.
#
#   image_test.sh SOURCE_DIR DOSSIER_BINARY
#
# Exit 77 (skipped, and said loudly) only when neither podman nor docker
# is there or can be installed.
set -euo pipefail

src="${1:?usage: image_test.sh SOURCE_DIR DOSSIER_BINARY}"
native="${2:?usage: image_test.sh SOURCE_DIR DOSSIER_BINARY}"
# A fixed date: the export's build takes it from SOURCE_DATE_EPOCH (its
# templates have none), so the image must honour the variable to match.
epoch=1670574600

work=$(mktemp -d)
probe_tag="localhost/dossier-probe:$$"
engine=
cleanup() {
  [[ -n "$engine" ]] && "$engine" rmi -f "$probe_tag" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

started=$SECONDS
elapsed() { echo "$((SECONDS - started)) s"; }

find_engine() {
  if command -v podman >/dev/null && podman info >/dev/null 2>&1; then
    engine=podman
  elif command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    engine=docker
  fi
}
find_engine
if [[ -z "$engine" && $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "no podman or docker: installing podman and mmdebstrap"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends podman mmdebstrap \
    >"$work/apt.log" 2>&1 || tail -5 "$work/apt.log"
  find_engine
fi
if [[ -z "$engine" ]]; then
  cat <<EOF
**********************************************************************
SKIPPED: the container image was NOT tested. Neither podman nor a
running docker daemon is available, and podman could not be installed
(scripts/install-deps --tests installs it on Debian).
**********************************************************************
EOF
  exit 77
fi

echo "== image: scripts/image in a fresh clone of $src ($engine)"
git clone -q "$src" "$work/clone"
commit=$(git -C "$work/clone" rev-parse --short HEAD)
if ! tag=$(cd "$work/clone" && scripts/image 2>"$work/image.log"); then
  tail -60 "$work/image.log"
  echo "FAIL: scripts/image failed (last lines above)"
  exit 1
fi
grep '^image: ' "$work/image.log" || true
echo "built $tag in $(elapsed)"
"$engine" image inspect --format '{{.Size}}' "$tag" |
  awk '{ printf "runtime image size: %.0f MB\n", $1 / 1e6 }'

# The inputs, laid out as a user's folder mounted on /data: the default
# sample needs none; the export is built with a copy of the templates
# without their date.
mkdir -p "$work/probe/in" "$work/native"
cp "$src/tests/fixtures/signatures-3000.csv" "$work/probe/in/"
cp -r "$src/templates" "$work/probe/in/templates"
sed -i '/^date *=/d' "$work/probe/in/templates/dossier.toml"
cp -r "$work/probe/in" "$work/native/in"

builds=(
  "build --out out/sample --quiet"
  "build --signatures in/signatures-3000.csv --templates in/templates --out out/export --quiet"
)
hash_lines='find out -type f ! -name .dossier.lock | LC_ALL=C sort | xargs sha256sum'
# Each result line is marked "probe-WHAT "; the steps spell the mark as
# ${p}WHAT so that the build's echo of a step's command never matches.
# shellcheck disable=SC2016,SC2028 # written for the probe's shell, as is
{
  echo "ARG IMAGE"
  echo "FROM \${IMAGE}"
  echo "COPY in/ /data/in/"
  echo "ENV SOURCE_DATE_EPOCH=$epoch p=probe-"
  echo 'RUN echo "${p}user $(id -un) $(id -u)" && dossier --version | sed "s/^/${p}version /"'
  for b in "${builds[@]}"; do echo "RUN dossier $b"; done
  echo 'RUN dossier verify out/sample --quiet && dossier verify out/export --quiet && echo "${p}verify passed"'
  echo "RUN $hash_lines | sed \"s/^/\${p}hash /\""
  echo 'RUN dpkg-query -W -f="${p}package \${Package} \${Version}\n"'
} >"$work/probe/Containerfile"

echo "== probe: dossier in the image, as its user"
probe_args=(build --no-cache -f "$work/probe/Containerfile" --build-arg "IMAGE=$tag" -t "$probe_tag")
[[ "$engine" == podman ]] && probe_args+=(--isolation "${BUILDAH_ISOLATION:-chroot}")
[[ "$engine" == docker ]] && probe_args+=(--progress=plain)
if ! "$engine" "${probe_args[@]}" "$work/probe" >"$work/probe.log" 2>&1; then
  tail -60 "$work/probe.log"
  echo "FAIL: the probe image's RUN steps failed (last lines above)"
  exit 1
fi
# docker prefixes each line of a RUN step's output ("#9 0.512 ...").
probe() { grep -o "probe-$1 .*" "$work/probe.log" | sed "s/^probe-$1 //" || true; }
echo "probe done in $(elapsed)"

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

user=$(probe user)
echo "user in the image: $user"
[[ -n "$user" && "${user##* }" != 0 ]] || fail "dossier ran as root in the image (\"$user\")"

probe version
versions=$(probe version)
for name in dossier HarfBuzz FreeType ICU libharu poppler; do
  grep -q "^$name [0-9]" <<<"$versions" || fail "dossier --version in the image does not name $name"
done
grep -q "(commit $commit)" <<<"$versions" || fail "the image's dossier is not built from $commit"
[[ "$(probe verify)" == passed ]] || fail "dossier verify did not pass in the image"

echo "== native: $native, same inputs, SOURCE_DATE_EPOCH=$epoch"
(
  cd "$work/native"
  for b in "${builds[@]}"; do
    # shellcheck disable=SC2086 # the words of one command line
    SOURCE_DATE_EPOCH=$epoch LANG=C.UTF-8 "$native" $b
  done
  eval "$hash_lines"
) >"$work/native.hashes" 2>"$work/native.log" || {
  cat "$work/native.log"
  fail "the native builds failed"
}
probe hash >"$work/image.hashes"

pdfs=$(grep -c '\.pdf$' "$work/image.hashes" || true)
echo "files compared: $(wc -l <"$work/image.hashes") ($pdfs PDF volumes)"
if ((pdfs < 8)); then
  fail "the image built $pdfs PDF volumes, expected 4 per build"
elif diff -u "$work/native.hashes" "$work/image.hashes"; then
  echo "byte-identical: every file of both builds (image and native)"
  cat "$work/image.hashes"
else
  fail "the image's output differs from the native build's (- native, + image)"
  dirty=$(git -C "$src" status --porcelain --untracked-files=no -- src templates fonts data CMakeLists.txt)
  [[ -z "$dirty" ]] || echo "note: the image is built from HEAD, the native binary from a tree with changes: $dirty"
  # Or the libraries and fonts differ: the image's packages against this machine's.
  while read -r package version; do
    here=$(dpkg-query -W -f='${Version}' "$package" 2>/dev/null || echo "not installed")
    [[ "$here" == "$version" ]] || echo "note: $package is $version in the image, $here here"
  done < <(probe package)
fi

probe package >"$work/packages"
echo "packages in the runtime image: $(wc -l <"$work/packages")"
# Build dependencies: any -dev package, a compiler, the build tools.
if forbidden=$(grep -E '^([^ ]+-dev|gcc|g\+\+|cpp|clang|(gcc|g\+\+|cpp|clang)-[0-9.]+|build-essential|cmake|make|binutils|pkg-config|pkgconf) ' \
  "$work/packages"); then
  fail "the runtime image holds build dependencies:"$'\n'"$forbidden"
else
  echo "no -dev package, compiler or build tool in the runtime image"
fi

echo "container test took $(elapsed)"
if ((failures)); then
  # The logs outlive the temporary folder: ctest runs this in the build tree.
  mkdir -p image_test.out
  cp "$work"/*.log "$work"/*.hashes "$work/probe/Containerfile" image_test.out/ 2>/dev/null || true
  echo "logs and hashes kept in $PWD/image_test.out"
  exit 1
fi
