#!/bin/bash
# Compiles one package from its woven sources. Arguments (execroot-relative):
#   COMPILE STD_IMPORTCFG DEPS_IMPORTCFG OUT_EXPORT OUT_ARCHIVE IMPORTPATH EMBEDCFG WOVEN_DIR MODE SRC...
# A source the weaver left unchanged is compiled from its original path, so its recorded
# position is the original one; woven files carry //line directives naming the original.
# MODE "all": every SRC is in the package, but for those build constraints exclude (listed in
# WOVEN_DIR/goweave-excluded.txt). MODE "some" (go_weaved_test, whose sources hold two
# packages): the SRCs the weaver wrote into WOVEN_DIR are. Either way, so are the files the
# weaver generated there (an executable's link-package imports, a stand-in TestMain).
set -euo pipefail
export PATH=/usr/bin:/bin

compile=$1 stdcfg=$2 depscfg=$3 export=$4 archive=$5 importpath=$6 embedcfg=$7 woven=$8 mode=$9
shift 9
work=$(mktemp -d "${TMPDIR:-/tmp}/go-weave-compile.XXXXXX")
trap 'rm -rf "$work"' EXIT
cat "$stdcfg" "$depscfg" >"$work/importcfg"

files=()
names=" "
for src in "$@"; do
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

flags=(-p "$importpath" -importcfg "$work/importcfg" -pack -complete -trimpath "$PWD=>" -buildid "")
if [ -n "$embedcfg" ]; then flags+=(-embedcfg "$embedcfg"); fi
# Export data and object code go to separate files: dependents only see the former.
# The compiler reports errors on stdout; send them where Bazel users look.
"$compile" "${flags[@]}" -o "$export" -linkobj "$archive" -- "${files[@]}" 1>&2
