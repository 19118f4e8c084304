package trace

import (
	"context"
	"strings"

	"go-weave.dev/runtime/internal/sqltok"
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

// SQLQuery is a query as its database client span shows it: the text, and
// the operation and table read from it once (ParseSQL) for the span's name
// and attributes alike.
type SQLQuery struct {
	Text string
	// Operation is the first keyword upper-cased ("SELECT"), or "" when the
	// query has none.
	Operation string
	// Table is the table the query works on, as written there, schema and
	// quotes included, or "".
	Table string
}

// ParseSQL reads a query's operation and, for the statements that name one,
// its table.
func ParseSQL(text string) SQLQuery {
	op, table := sqlSummary(text)
	return SQLQuery{Text: text, Operation: op, Table: table}
}

// SpanName names a database client span as the OpenTelemetry database
// conventions do: the operation and the table ("SELECT users", "INSERT
// orders"); the operation alone without one ("BEGIN", "CREATE"); "db.query"
// for a query without an operation.
func (q SQLQuery) SpanName() string {
	switch {
	case q.Operation == "":
		return "db.query"
	case q.Table == "":
		return q.Operation
	}
	return q.Operation + " " + q.Table
}

// SetSQLQuery records a database client span's query: db.query.text, and
// db.operation.name and db.collection.name when known.
func SetSQLQuery(s *Span, q SQLQuery) {
	if !s.IsRecording() {
		return
	}
	s.SetAttribute("db.query.text", q.Text)
	if q.Operation != "" {
		s.SetAttribute("db.operation.name", q.Operation)
	}
	if q.Table != "" {
		s.SetAttribute("db.collection.name", q.Table)
	}
}

// sqlSummary reads a query's first keyword and, for SELECT, INSERT, UPDATE and
// DELETE, the table of its first FROM, INTO or UPDATE at the top level (not in
// parentheses): what names a span without the query's values. The query is
// read as SQL reads it (comments, strings in any quoting, quoted names), so a
// keyword inside one is no keyword. A SELECT from a subquery or a function,
// or a name the reader cannot tell, gives no table.
func sqlSummary(query string) (op, table string) {
	r := sqlReader{q: query, l: sqltok.NewLexer(query, sqltok.Standard)}
	first, ok := r.next()
	if !ok || first.Kind != sqltok.Word || !isASCIILetter(query[first.Start]) {
		return "", ""
	}
	op = strings.ToUpper(r.text(first))
	var after string
	switch op {
	case "SELECT", "DELETE":
		after = "FROM"
	case "INSERT":
		after = "INTO"
	case "UPDATE":
		return op, sqlTable(&r)
	default:
		return op, ""
	}
	for depth := 0; ; {
		t, ok := r.next()
		switch {
		case !ok || t.Kind == sqltok.Error:
			return op, ""
		case r.isOp(t, '('):
			depth++
		case r.isOp(t, ')'):
			depth--
		case r.isOp(t, ';') && depth == 0:
			return op, ""
		case depth == 0 && t.Kind == sqltok.Word && strings.EqualFold(r.text(t), after):
			table := sqlTable(&r)
			// FROM unnest($1), FROM generate_series(1, 9): a function, no table. (INTO t (a, b)
			// is a table and its columns.)
			if after == "FROM" && r.nextIsOp('(') {
				return op, ""
			}
			return op, table
		}
	}
}

// sqlTable reads the table name that follows FROM, INTO or UPDATE, past the
// modifiers some dialects put first (ONLY, LOW_PRIORITY, IGNORE, OR REPLACE).
func sqlTable(r *sqlReader) string {
	for {
		t, ok := r.next()
		if ok && t.Kind == sqltok.Word {
			switch strings.ToUpper(r.text(t)) {
			case "ONLY", "LOW_PRIORITY", "IGNORE", "OR", "REPLACE", "ROLLBACK", "ABORT", "FAIL":
				continue
			}
		}
		if !ok || !isSQLName(t) {
			return ""
		}
		name := r.text(t)
		// schema.table, "schema"."table", [db].[dbo].[table]: the parts and their dots.
		for r.nextIsOp('.') {
			r.next()
			part, ok := r.next()
			if !ok || !isSQLName(part) {
				return ""
			}
			name += "." + r.text(part)
		}
		return name
	}
}

// sqlReader reads a query's tokens with its comments left out.
type sqlReader struct {
	q string
	l sqltok.Lexer
}

func (r *sqlReader) next() (sqltok.Token, bool) {
	for {
		t, ok := r.l.Next()
		if !ok || t.Kind != sqltok.Comment {
			return t, ok
		}
	}
}

func (r *sqlReader) text(t sqltok.Token) string { return r.q[t.Start:t.End] }

func (r *sqlReader) isOp(t sqltok.Token, c byte) bool {
	return t.Kind == sqltok.Op && t.End == t.Start+1 && r.q[t.Start] == c
}

// nextIsOp tells whether the next token is the operator c, leaving it to be read.
func (r *sqlReader) nextIsOp(c byte) bool {
	saved := r.l
	t, ok := r.next()
	r.l = saved
	return ok && r.isOp(t, c)
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// isSQLName tells a table name: a bare word (one that starts with a letter, _
// or a non-ASCII byte: the tokenizer reads digits first as a number) or a
// quoted name.
func isSQLName(t sqltok.Token) bool { return t.Kind == sqltok.Word || t.Kind == sqltok.Ident }
