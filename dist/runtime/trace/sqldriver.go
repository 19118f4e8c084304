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
	if ctx == nil {
		ctx = context.Background()
	}
	return context.WithValue(ctx, sqlDriverKey{}, true)
}

// IsSQLDriver reports whether ctx was marked by WithSQLDriver.
func IsSQLDriver(ctx context.Context) bool {
	if ctx == nil {
		return false
	}
	v, _ := ctx.Value(sqlDriverKey{}).(bool)
	return v
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
