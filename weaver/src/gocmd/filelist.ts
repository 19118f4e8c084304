/**
 * Packages made of files named on the command line (`go run main.go`, `go test a.go a_test.go`)
 * compile exactly those files: a file the overlay adds beside them (a stand-in TestMain, a
 * linkdeps file) never reaches the compiler. What go-weave would add as a file goes into one of
 * the named files instead, on its package clause's line and after its last line, so that every
 * line of the user's code keeps its number.
 */

import type { ListedPackage } from './golist.js';

/** Whether a go list package (or a test variant of it) is made of files named on the command line. */
export function isFileList(p: Pick<ListedPackage, 'ImportPath' | 'Module' | 'Standard'>): boolean {
  return p.ImportPath.split(' [')[0] === 'command-line-arguments' && !p.Module && !p.Standard;
}

/**
 * The offset just past the package clause (`package name`), found by skipping the comments and
 * white space before it; undefined when the file does not start that way.
 */
export function packageClauseEnd(src: string): number | undefined {
  let i = 0;
  for (;;) {
    while (i < src.length && /\s/.test(src[i])) i++;
    if (src.startsWith('//', i)) {
      const nl = src.indexOf('\n', i);
      if (nl < 0) return undefined;
      i = nl + 1;
    } else if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) return undefined;
      i = end + 2;
    } else break;
  }
  const m = /^package[ \t]+[\p{L}_][\p{L}\p{N}_]*/u.exec(src.slice(i));
  return m ? i + m[0].length : undefined;
}

/** One import declaration: `_ "path"` or `name "path"`. */
export interface ImportSpec {
  name: string;
  path: string;
}

/**
 * src with import declarations on the package clause's line and declarations after its end. Go
 * takes `package p; import x "y"` on one line, and a file may import a package twice under two
 * names, so nothing the file already imports is in the way. Undefined for a file that does not
 * start with its package clause: the go command reports that file's error in its own words.
 */
export function extendedSource(src: string, imports: ImportSpec[], decls = ''): string | undefined {
  const at = packageClauseEnd(src);
  if (at === undefined) return undefined;
  const specs = imports.map((i) => `; import ${i.name} ${JSON.stringify(i.path)}`).join('');
  const tail = decls ? (src.endsWith('\n') ? '' : '\n') + decls : '';
  return src.slice(0, at) + specs + src.slice(at) + tail;
}

/** The stand-in TestMain (testmain.ts) for a named test file: it imports testing under a name of its own. */
export function standInTestMain(src: string): string | undefined {
  return extendedSource(src, [{ name: '__weave_testing', path: 'testing' }], `
// Added by go-weave: a TestMain for aspects about test binaries (see runtime.testmain).
func TestMain(m *__weave_testing.M) {
	m.Run()
}
`);
}
