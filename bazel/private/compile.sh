#!/bin/bash
# Compiles one package from its woven sources. Arguments (execroot-relative):
#   COMPILE STD_IMPORTCFG DEPS_IMPORTCFG OUT_EXPORT OUT_ARCHIVE IMPORTPATH EMBEDCFG WOVEN_DIR MODE SRC...
# A source the weaver left unchanged is compiled from its original path, so its recorded
# position is the original one; woven files carry //line directives naming the original.
# MODE "all": every SRC is in the package, but for those build constraints exclude (listed in
# WOVEN_DIR/goweave-excluded.txt). MODE "some" (go_weaved_test, whose sources hold two
# packages): the SRCs the weaver wrote into WOVEN_DIR are. Either way, so are the files the
# weaver generated there (an executable's link-package imports, a stand-in TestMain).
# Assembly SRCs (.s) are assembled when the weaver listed them in WOVEN_DIR/goweave-asm.txt
# (the build context selects them as it selects Go files); .h SRCs are there to be included.
set -euo pipefail
export PATH=/usr/bin:/bin

compile=$1 stdcfg=$2 depscfg=$3 export=$4 archive=$5 importpath=$6 embedcfg=$7 woven=$8 mode=$9
shift 9
work=$(mktemp -d "${TMPDIR:-/tmp}/go-weave-compile.XXXXXX")
trap 'rm -rf "$work"' EXIT
cat "$stdcfg" "$depscfg" >"$work/importcfg"

files=()
asm=()
names=" "
for src in "$@"; do
  case $src in
    *.h) continue ;;
    *.s)
      if grep -qxF "$(basename "$src")" "$woven/goweave-asm.txt" 2>/dev/null; then asm+=("$src"); fi
      continue
      ;;
  esac
  names="$names$(basename "$src") "
  candidate=$woven/$(basename "$src")
  if [ ! -e "$candidate" ]; then
    if [ "$mode" = some ] || grep -qxF "$(basename "$src")" "$woven/goweave-excluded.txt" 2>/dev/null; then continue; fi
    echo "go_weave: the weaver wrote no $candidate for $src" >&2
    exit 1
  fi
  if cmp -s "$src" "$candidate"; then files+=("$src"); else files+=("$candidate"); fi
done
for generated in "$woven"/*.go; do
  case $names in
    *" $(basename "$generated") "*) ;;
    *) if [ -e "$generated" ]; then files+=("$generated"); fi ;;
  esac
done

flags=(-p "$importpath" -importcfg "$work/importcfg" -pack -trimpath "$PWD=>" -buildid "")
if [ -n "$embedcfg" ]; then flags+=(-embedcfg "$embedcfg"); fi
if [ ${#asm[@]} -eq 0 ]; then
  # Every function has a body: the compiler may say so when one is missing.
  flags+=(-complete)
else
  # As the go command assembles: the tools of pkg/tool/<host goos>_<host goarch> build for
  # GOOS/GOARCH when set, else for that host; headers come from the SDK's pkg/include and from
  # the compiler's go_asm.h, which the ABI pass reads before it exists (empty, as go does).
  tooldir=$(dirname "$compile")
  host=$(basename "$tooldir")
  goos=${GOOS:-${host%%_*}}
  goarch=${GOARCH:-${host#*_}}
  defines=(-D "GOOS_$goos" -D "GOARCH_$goarch")
  if [ "$goarch" = amd64 ]; then defines+=(-D "GOAMD64_${GOAMD64:-v1}"); fi
  if [ "$goarch" = arm ]; then
    goarm=${GOARM:-7}
    for v in 7 6 5; do if [ "$v" -le "${goarm%%,*}" ]; then defines+=(-D "GOARM_$v"); fi; done
  fi
  asmflags=(-p "$importpath" -trimpath "$PWD=>" -I "$work" -I "$(dirname "$(dirname "$tooldir")")/include" "${defines[@]}")
  : >"$work/go_asm.h"
  "$tooldir/asm" "${asmflags[@]}" -gensymabis -o "$work/symabis" "${asm[@]}"
  flags+=(-symabis "$work/symabis" -asmhdr "$work/go_asm.h")
fi
# Export data and object code go to separate files: dependents only see the former.
# The compiler reports errors on stdout; send them where Bazel users look.
"$compile" "${flags[@]}" -o "$export" -linkobj "$archive" -- "${files[@]}" 1>&2

# Each assembled object joins the archive as one more member (the ar format the go command's
# own packing writes: a 60-byte header, the data, padded to an even length).
n=0
for src in ${asm[@]+"${asm[@]}"}; do
  obj=$work/asm$n.o
  "$tooldir/asm" "${asmflags[@]}" -o "$obj" "$src"
  size=$(stat -c %s "$obj")
  printf '%-16s%-12d%-6d%-6d%-8o%-10d`\n' "asm$n.o" 0 0 0 420 "$size" >>"$archive"
  cat "$obj" >>"$archive"
  if [ $((size % 2)) -eq 1 ]; then printf '\n' >>"$archive"; fi
  n=$((n + 1))
done
