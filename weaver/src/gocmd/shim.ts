import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.js';

// A `go` command in front of the real one, for builds that call go itself (a Makefile, an IDE, a
// CI step): the GitHub Action puts one on the job's PATH, `go-weave shellenv --go` on a shell's.

// Build flags that take their value as the next argument ("-tags x"), so that value is not
// mistaken for a package.
const VALUE_FLAGS = ['C', 'o', 'p', 'asmflags', 'buildmode', 'compiler', 'covermode', 'coverpkg', 'exec', 'gccgoflags', 'gcflags', 'installsuffix', 'ldflags', 'mod', 'modfile', 'overlay', 'pgo', 'pkgdir', 'tags', 'toolexec'];

/**
 * A `go` on PATH in front of the real one. Only the building subcommands go through the
 * weaver; `go install`/`go run` of pkg@version (an unrelated tool) and everything else
 * run the real go directly, so `go env`, `go mod` and tool installs behave exactly as without
 * go-weave. For `go run` only the first package argument counts: what follows it are the
 * program's own arguments.
 */
export function goShimScript(node: string, entry: string, realGo: string, writtenBy: string): string {
  const q = shellQuote;
  const valueFlags = VALUE_FLAGS.flatMap((f) => [`-${f}`, `--${f}`]).join('|');
  return `${SHIM_HEAD}${writtenBy}.
real_go=${q(realGo)}
case "$1" in
  build|test|vet) ;;
  install|run)
    sub="$1"; first=1; skip=0
    for a in "$@"; do
      if [ "$first" = 1 ]; then first=0; continue; fi
      if [ "$skip" = 1 ]; then skip=0; continue; fi
      case "$a" in
        ${valueFlags}) skip=1 ;;
        -*) ;;
        *@*) exec "$real_go" "$@" ;;
        *) if [ "$sub" = run ]; then break; fi ;;
      esac
    done ;;
  *) exec "$real_go" "$@" ;;
esac
GOWEAVE_GO="$real_go" GOWEAVE_NODE=${q(node)} exec ${q(entry)} go "$@"
`;
}

export function writeGoShim(dir: string, node: string, entry: string, realGo: string, writtenBy: string): void {
  writeFileAtomic(join(dir, 'go'), goShimScript(node, entry, realGo, writtenBy), 0o755);
}

/** How every shim starts; what follows names its writer, which always says go-weave. */
const SHIM_HEAD = '#!/bin/sh\n# Written by ';

/** Whether the file at path is a shim of go-weave's (the Action's or shellenv's). */
export function isGoShim(path: string): boolean {
  try {
    const head = readFileSync(path).subarray(0, 256).toString('latin1');
    return head.startsWith(SHIM_HEAD) && head.split('\n')[1].includes('go-weave');
  } catch {
    return false;
  }
}

/** s as one word for sh, in single quotes. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
