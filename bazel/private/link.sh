#!/bin/bash
# Links a main package. Arguments (execroot-relative):
#   LINK STD_IMPORTCFG DEPS_IMPORTCFG OUT MAIN_ARCHIVE [-X importpath.name=value]...
set -euo pipefail
export PATH=/usr/bin:/bin

link=$1 stdcfg=$2 depscfg=$3 out=$4 main=$5
shift 5
work=$(mktemp -d "${TMPDIR:-/tmp}/go-weave-link.XXXXXX")
trap 'rm -rf "$work"' EXIT
cat "$stdcfg" "$depscfg" >"$work/importcfg"
# A redacted build ID keeps binaries byte-identical across clean rebuilds.
"$link" -importcfg "$work/importcfg" -buildmode=exe -buildid=redacted "$@" -o "$out" "$main" 1>&2
