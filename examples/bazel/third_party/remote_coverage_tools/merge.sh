#!/bin/sh
# Stands in for Bazel's LCOV merger on a machine that cannot download it: bazel coverage runs it
# after a test with --coverage_dir=DIR --output_file=FILE (and more flags, ignored here); it
# concatenates the LCOV tracefiles (*.dat) the test wrote into DIR. Bazel's own merger also
# merges records of the same file and filters sources.
dir= out=
for arg; do
  case $arg in
  --coverage_dir=*) dir=${arg#--coverage_dir=} ;;
  --output_file=*) out=${arg#--output_file=} ;;
  esac
done
[ -n "$dir" ] && [ -n "$out" ] || exit 0
find "$dir" -name '*.dat' ! -path "$out" -exec cat {} + > "$out.tmp" && mv "$out.tmp" "$out"
