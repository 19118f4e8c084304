/**
 * The result types of standard-library constructors (and of golang.org/x/sync's errgroup,
 * which the Go project keeps under the same promise), and the types of a few variables,
 * for join points that need an expression's type when the syntax gives none: `logger :=
 * log.New(…)`, `db, err := sql.Open(…)`, `http.DefaultClient.Do(req)`. Go's compatibility
 * promise keeps these fixed. Types are written as the matcher's canonical types:
 * `*<import path>.<Name>`.
 */
const STD_RESULTS: Record<string, readonly string[]> = {
  'bufio.NewReader': ['*bufio.Reader'],
  'bufio.NewScanner': ['*bufio.Scanner'],
  'bufio.NewWriter': ['*bufio.Writer'],
  'database/sql.Open': ['*database/sql.DB', 'error'],
  'database/sql.OpenDB': ['*database/sql.DB'],
  'golang.org/x/sync/errgroup.WithContext': ['*golang.org/x/sync/errgroup.Group', 'context.Context'],
  'log.Default': ['*log.Logger'],
  'log.New': ['*log.Logger'],
  'log/slog.Default': ['*log/slog.Logger'],
  'log/slog.New': ['*log/slog.Logger'],
  'net.Dial': ['net.Conn', 'error'],
  'net.Listen': ['net.Listener', 'error'],
  'net/http.NewRequest': ['*net/http.Request', 'error'],
  'net/http.NewRequestWithContext': ['*net/http.Request', 'error'],
  'net/http.NewServeMux': ['*net/http.ServeMux'],
  'os.Create': ['*os.File', 'error'],
  'os.Open': ['*os.File', 'error'],
  'os.OpenFile': ['*os.File', 'error'],
  'os/exec.Command': ['*os/exec.Cmd'],
  'os/exec.CommandContext': ['*os/exec.Cmd'],
};

/** Package-level variables of the standard library, by the same rule. */
const STD_VARS: Record<string, string> = {
  'net/http.DefaultClient': '*net/http.Client',
  'net/http.DefaultServeMux': '*net/http.ServeMux',
  'os.Stderr': '*os.File',
  'os.Stdin': '*os.File',
  'os.Stdout': '*os.File',
};

/** The type of `<import path>.<name>` when it is a known package-level variable. */
export function stdVar(importPath: string, name: string): string | undefined {
  return STD_VARS[`${importPath}.${name}`];
}

/** The result types of `<import path>.<func>` when it is a known constructor. */
export function stdResults(importPath: string, func: string): readonly string[] | undefined {
  return STD_RESULTS[`${importPath}.${func}`];
}
