#!/bin/bash
# Links a main package. Arguments (execroot-relative):
#   LINK STD_IMPORTCFG DEPS_IMPORTCFG OUT MAIN_ARCHIVE [--stamp STABLE_STATUS VOLATILE_STATUS] [-X importpath.name=value]...
# With --stamp, {KEY} in an -X value is replaced by KEY's value in the workspace status files
# (one "KEY value" per line); a KEY in neither is an error naming it. Without, an -X whose value
# names a KEY is left out, so the variable keeps the value its source gives it.
set -euo pipefail
export PATH=/usr/bin:/bin

link=$1 stdcfg=$2 depscfg=$3 out=$4 main=$5
shift 5
declare -A status=()
stamping=
if [ "${1:-}" = --stamp ]; then
  stamping=1
  while IFS= read -r line || [ -n "$line" ]; do
    [ -n "$line" ] || continue
    key=${line%% *}
    if [ "$key" = "$line" ]; then status[$key]=""; else status[$key]=${line#* }; fi
  done < <(cat "$3" "$2")
  shift 3
fi

# One pass from left to right, so a value that itself holds braces is never expanded again.
# Unstamped, returns 2 at the first {KEY}.
expand() {
  local text=$1 result="" key
  while [[ $text == *"{"* ]]; do
    result+=${text%%"{"*}
    text=${text#*"{"}
    key=${text%%"}"*}
    if [[ $text == *"}"* && $key =~ ^[A-Za-z0-9_]+$ ]]; then
      if [ -z "$stamping" ]; then return 2; fi
      if [ -z "${status[$key]+set}" ]; then
        echo "go_weave: x_defs ${def%%=*}: {$key} is not in the workspace status (stable-status.txt, volatile-status.txt; set it with --workspace_status_command)" >&2
        return 1
      fi
      result+=${status[$key]}
      text=${text#*"}"}
    else
      result+="{"
    fi
  done
  printf '%s' "$result$text"
}

flags=()
while [ $# -gt 0 ]; do
  if [ "$1" = -X ]; then
    def=$2
    shift 2
    rc=0
    value=$(expand "$def") || rc=$?
    if [ "$rc" = 0 ]; then
      flags+=(-X "$value")
    elif [ "$rc" != 2 ]; then
      exit "$rc"
    fi
  else
    flags+=("$1")
    shift
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/go-weave-link.XXXXXX")
trap 'rm -rf "$work"' EXIT
cat "$stdcfg" "$depscfg" >"$work/importcfg"
# A redacted build ID keeps binaries byte-identical across clean rebuilds.
"$link" -importcfg "$work/importcfg" -buildmode=exe -buildid=redacted "${flags[@]}" -o "$out" "$main" 1>&2
