package trace

import (
	"context"
	"strings"
)

type sqlDriverKey struct{}

// WithSQLDriver marks ctx as the context a database/sql driver opens a
// connection with. Woven database/sql traces what goes through such a
// connection, so a driver's own tracing (go-weave's for pgx) leaves it alone
// rather than report each query twice.
func WithSQLDriver(ctx context.Context) context.Context {
	return withMark(ctx, sqlDriverKey{})
}

// IsSQLDriver reports whether ctx was marked by WithSQLDriver.
func IsSQLDriver(ctx context.Context) bool {
	return marked(ctx, sqlDriverKey{})
}

// BatchSpanName names the span of a batch of operations as the OpenTelemetry
// database conventions do: "BATCH INSERT" when they are all the same
// operation, else "BATCH".
func BatchSpanName(ops []string) string {
	if len(ops) == 0 || ops[0] == "" {
		return "BATCH"
	}
	for _, op := range ops[1:] {
		if op != ops[0] {
			return "BATCH"
		}
	}
	return "BATCH " + ops[0]
}

// SQLSpanName names a database client span after its query's first keyword
// ("SELECT"), as the woven database clients do; "db.query" for an empty query.
func SQLSpanName(query string) string {
	q := strings.TrimSpace(query)
	if i := strings.IndexAny(q, " \t\r\n("); i > 0 {
		q = q[:i]
	}
	if q == "" {
		return "db.query"
	}
	return strings.ToUpper(q)
}
