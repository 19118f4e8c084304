#!/bin/bash
# Compiles the standard library and the go-weave runtime module in one go command run,
# after weaving the std packages the aspects may touch. Arguments (execroot-relative):
#   SDK_ROOT RUNTIME_ROOT OUT_DIR IMPORTCFG BUILDCTX TAGS GOOS GOARCH WEAVER [--skip STD_PKG]... [ASPECT.yml...]
# WEAVER is only run when it is non-empty. TAGS is go build's -tags (comma-separated, may be
# empty), those of the build's tags std's files name; GOOS and GOARCH name the platform to build for (empty: the host's). BUILDCTX receives go list's build context, which the weaver selects the files of every
# other package by, so that they follow the same GOOS, GOARCH, release and tool tags as std.
set -euo pipefail
export PATH=/usr/bin:/bin

execroot=$PWD
sdk=$execroot/$1
runtime=$execroot/$2
out=$3
cfg=$4
buildctx=$5
tags=$6
goos=$7
goarch=$8
weaver=${9:+$execroot/$9}
shift 9
weave_args=()
while [ $# -gt 0 ]; do
  if [ "$1" = --skip ]; then
    weave_args+=(--skip "$2")
    shift 2
  else
    weave_args+=(-c "$execroot/$1")
    shift
  fi
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

if [ -n "$weaver" ]; then
  "$weaver" weave-std "${weave_args[@]}" "$goroot/src"
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
golist() {
  env -i PATH=/usr/bin:/bin HOME="$work" GOROOT="$goroot" GOPATH="$work/gopath" \
    GOCACHE="$work/cache" GOTOOLCHAIN=local GOFLAGS=-mod=mod GOPROXY=off GOSUMDB=off \
    GO111MODULE=on GOENV=off GOWORK=off CGO_ENABLED=0 ${goos:+GOOS=$goos} ${goarch:+GOARCH=$goarch} \
    "$goroot/bin/go" list -tags="$tags" "$@"
}
golist -export -trimpath -deps \
  -f '{{if .Export}}{{.ImportPath}} {{.Export}}{{end}}' \
  std go-weave.dev/runtime/... >"$work/exports"
# The format weaver/src/parse/constraints.ts parseBuildContext reads.
golist -f 'goos {{context.GOOS}}
goarch {{context.GOARCH}}
compiler {{context.Compiler}}
cgo {{context.CgoEnabled}}
tags {{join context.ReleaseTags " "}} {{join context.ToolTags " "}} {{join context.BuildTags " "}}' \
  go-weave.dev/runtime/trace >"$work/buildctx"
cd "$execroot"
cp "$work/buildctx" "$buildctx"

mkdir -p "$out"
echo "# import config" >"$cfg"
while read -r importpath export; do
  mkdir -p "$out/$(dirname "$importpath")"
  cp "$export" "$out/$importpath.a"
  echo "packagefile $importpath=$out/$importpath.a" >>"$cfg"
done <"$work/exports"
