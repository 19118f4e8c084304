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
// parentheses): what names a span without the query's values. Comments,
// strings and quoted names are read as SQL reads them, so a keyword inside one
// is no keyword. A SELECT from a subquery, or a name the reader cannot tell,
// gives no table.
func sqlSummary(query string) (op, table string) {
	l := sqlLexer{s: query}
	first := l.next()
	if !isSQLWord(first) {
		return "", ""
	}
	op = strings.ToUpper(first)
	var after string
	switch op {
	case "SELECT", "DELETE":
		after = "FROM"
	case "INSERT":
		after = "INTO"
	case "UPDATE":
		return op, sqlTable(&l)
	default:
		return op, ""
	}
	for depth := 0; ; {
		t := l.next()
		switch {
		case t == "":
			return op, ""
		case t == "(":
			depth++
		case t == ")":
			depth--
		case t == ";" && depth == 0:
			return op, ""
		case depth == 0 && strings.EqualFold(t, after):
			table := sqlTable(&l)
			// FROM unnest($1), FROM generate_series(1, 9): a function, no table. (INTO t (a, b)
			// is a table and its columns.)
			if after == "FROM" && l.peek() == "(" {
				return op, ""
			}
			return op, table
		}
	}
}

// sqlTable reads the table name that follows FROM, INTO or UPDATE, past the
// modifiers some dialects put first (ONLY, LOW_PRIORITY, IGNORE, OR REPLACE).
func sqlTable(l *sqlLexer) string {
	for {
		t := l.next()
		switch strings.ToUpper(t) {
		case "ONLY", "LOW_PRIORITY", "IGNORE", "OR", "REPLACE", "ROLLBACK", "ABORT", "FAIL":
			continue
		}
		if !isSQLName(t) {
			return ""
		}
		name := t
		// schema.table, "schema"."table", [db].[dbo].[table]: the parts and their dots.
		for l.peekDot() {
			l.pos++
			part := l.next()
			if !isSQLName(part) {
				return ""
			}
			name += "." + part
		}
		return name
	}
}

// sqlLexer splits a query into words, quoted names and single characters,
// skipping white space, comments and string literals.
type sqlLexer struct {
	s   string
	pos int
}

func (l *sqlLexer) next() string {
	for l.pos < len(l.s) {
		c := l.s[l.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			l.pos++
		case strings.HasPrefix(l.s[l.pos:], "--"):
			if i := strings.IndexByte(l.s[l.pos:], '\n'); i >= 0 {
				l.pos += i + 1
			} else {
				l.pos = len(l.s)
			}
		case strings.HasPrefix(l.s[l.pos:], "/*"):
			if i := strings.Index(l.s[l.pos+2:], "*/"); i >= 0 {
				l.pos += i + 4
			} else {
				l.pos = len(l.s)
			}
		case c == '\'':
			l.skipQuoted('\'')
			return "'"
		case c == '"' || c == '`' || c == '[':
			start := l.pos
			end := byte(c)
			if c == '[' {
				end = ']'
			}
			l.skipQuoted(end)
			return l.s[start:l.pos]
		case isSQLWordByte(c):
			start := l.pos
			for l.pos < len(l.s) && isSQLWordByte(l.s[l.pos]) {
				l.pos++
			}
			return l.s[start:l.pos]
		default:
			l.pos++
			return l.s[l.pos-1 : l.pos]
		}
	}
	return ""
}

// skipQuoted moves past a quoted run that starts at pos and ends with end,
// where a doubled end stands for itself.
func (l *sqlLexer) skipQuoted(end byte) {
	for l.pos++; l.pos < len(l.s); l.pos++ {
		if l.s[l.pos] != end {
			continue
		}
		if l.pos+1 < len(l.s) && l.s[l.pos+1] == end {
			l.pos++
			continue
		}
		l.pos++
		return
	}
}

func (l *sqlLexer) peekDot() bool { return l.pos < len(l.s) && l.s[l.pos] == '.' }

// peek is the token next would return, leaving it to be read.
func (l *sqlLexer) peek() string {
	pos := l.pos
	t := l.next()
	l.pos = pos
	return t
}

// isSQLWordByte: letters (any script, as UTF-8 bytes), digits, _ and $ (as in
// names, and in $1 parameters).
func isSQLWordByte(c byte) bool {
	return c >= 0x80 || c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// isSQLWord tells a keyword: a word that starts with a letter.
func isSQLWord(t string) bool {
	return t != "" && (t[0] >= 'a' && t[0] <= 'z' || t[0] >= 'A' && t[0] <= 'Z')
}

// isSQLName tells a table name: a word that starts with a letter or _, or a
// quoted name.
func isSQLName(t string) bool {
	if t == "" {
		return false
	}
	switch c := t[0]; {
	case c == '"' || c == '`' || c == '[':
		return len(t) >= 2
	case c == '_' || c >= 0x80:
		return true
	}
	return isSQLWord(t)
}
