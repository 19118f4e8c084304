#!/bin/bash
# Compiles the standard library and the go-weave runtime module in one go command run,
# after weaving the std packages the aspects target. Arguments (execroot-relative):
#   SDK_ROOT RUNTIME_ROOT OUT_DIR IMPORTCFG WEAVER STD_PKGS [ASPECT.yml...]
# STD_PKGS is comma-separated; WEAVER is only run when it is non-empty.
set -euo pipefail
export PATH=/usr/bin:/bin

execroot=$PWD
sdk=$execroot/$1
runtime=$execroot/$2
out=$3
cfg=$4
weaver=${5:+$execroot/$5}
pkgs=$6
shift 6
weave_args=()
for aspect in "$@"; do
  weave_args+=(-c "$execroot/$aspect")
done

work=$(mktemp -d "${TMPDIR:-/tmp}/go-weave-stdlib.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
goroot=$work/goroot
mkdir -p "$goroot/pkg"
# The sandbox stages inputs as symlinks and //go:embed rejects symlinks: copy the sources.
cp -RL "$sdk/src" "$goroot/src"
chmod -R u+w "$goroot/src"
cp -L "$sdk/VERSION" "$goroot/VERSION"
if [ -e "$sdk/go.env" ]; then cp -L "$sdk/go.env" "$goroot/go.env"; fi
ln -s "$sdk/bin" "$goroot/bin"
ln -s "$sdk/pkg/tool" "$goroot/pkg/tool"
if [ -e "$sdk/pkg/include" ]; then ln -s "$sdk/pkg/include" "$goroot/pkg/include"; fi

if [ -n "$weaver" ] && [ -n "$pkgs" ]; then
  # Relative paths make the //line directives read like std positions (net/http/server.go).
  cd "$goroot/src"
  for pkg in ${pkgs//,/ }; do
    if [ ! -d "$pkg" ]; then
      echo "go_weave_stdlib: std package $pkg does not exist in this Go SDK" >&2
      exit 1
    fi
    files=()
    for f in "$pkg"/*.go; do
      case "$f" in *_test.go) ;; *) files+=("$f") ;; esac
    done
    "$weaver" weave "${weave_args[@]}" -p "$pkg" -o "$work/woven/$pkg" "${files[@]}"
    cp -f "$work/woven/$pkg"/*.go "$pkg/"
  done
  cd "$execroot"
fi

mkdir -p "$work/runtime" "$work/mod"
cp -RL "$runtime/." "$work/runtime/"
chmod -R u+w "$work/runtime"
cat >"$work/mod/go.mod" <<GOMOD
module go-weave.local/stdlib

go 1.25

require go-weave.dev/runtime v0.0.0

replace go-weave.dev/runtime => $work/runtime
GOMOD

cd "$work/mod"
env -i PATH=/usr/bin:/bin HOME="$work" GOROOT="$goroot" GOPATH="$work/gopath" \
  GOCACHE="$work/cache" GOTOOLCHAIN=local GOFLAGS=-mod=mod GOPROXY=off GOSUMDB=off \
  GO111MODULE=on GOENV=off GOWORK=off CGO_ENABLED=0 \
  "$goroot/bin/go" list -export -trimpath -deps \
  -f '{{if .Export}}{{.ImportPath}} {{.Export}}{{end}}' \
  std go-weave.dev/runtime/... >"$work/exports"
cd "$execroot"

mkdir -p "$out"
echo "# import config" >"$cfg"
while read -r importpath export; do
  mkdir -p "$out/$(dirname "$importpath")"
  cp "$export" "$out/$importpath.a"
  echo "packagefile $importpath=$out/$importpath.a" >>"$cfg"
done <"$work/exports"
