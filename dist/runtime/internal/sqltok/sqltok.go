// Package sqltok splits SQL text into tokens. It only has to tell where the
// token boundaries of a query are, and what kind each token is; it never
// validates grammar. Dialects disagree on what ends a string literal, so a
// caller that must not be fooled (the injection check) tokenizes once per
// dialect and compares; one that only reads a query's shape (a span's name)
// takes the standard dialect.
package sqltok

// Kind classifies a token; only the distinctions callers need are made.
type Kind uint8

const (
	Word    Kind = iota // keyword or bare identifier
	Ident               // quoted identifier: "x", `x`, [x]
	String              // string literal, any quoting
	Number              // numeric literal, with a unary sign when one applies
	Param               // placeholder: ?, $1, :name, @name
	Op                  // operator or punctuation
	Comment             // -- …, # … (MySQL), /* … */
	Error               // unterminated literal or comment: the rest of the query
)

var kindNames = [...]string{"word", "identifier", "string", "number", "parameter", "operator", "comment", "unterminated"}

func (k Kind) String() string { return kindNames[k] }

// Token is a half-open byte range [Start, End) of the query. Open and Close
// are the lengths of the delimiters (quotes, comment markers) at each end.
type Token struct {
	Kind        Kind
	Open, Close uint8
	Start, End  int
}

// Dialect selects the lexical rules that differ between engines.
type Dialect struct {
	Name string
	// BackslashEscapes: \x inside '…' escapes x (MySQL, and PostgreSQL E'…').
	BackslashEscapes bool
	// DoubleQuoteStrings: "…" is a string (MySQL) rather than an identifier.
	DoubleQuoteStrings bool
	// HashComments: # starts a line comment (MySQL).
	HashComments bool
	// DollarQuotes: $tag$…$tag$ strings (PostgreSQL).
	DollarQuotes bool
	// BracketIdents: [x] is an identifier (SQL Server, SQLite).
	BracketIdents bool
}

var (
	// Standard: a doubled quote is the only escape (PostgreSQL, SQLite, SQL Server).
	Standard = Dialect{Name: "standard", DollarQuotes: true, BracketIdents: true}
	// MySQL: backslash escapes, "…" strings, # comments.
	MySQL = Dialect{Name: "mysql", BackslashEscapes: true, DoubleQuoteStrings: true, HashComments: true}
)

// Dialects are the interpretations a query may be read under.
var Dialects = []Dialect{Standard, MySQL}

// ByName is the dialect of that name, if there is one.
func ByName(name string) (Dialect, bool) {
	for _, d := range Dialects {
		if d.Name == name {
			return d, true
		}
	}
	return Dialect{}, false
}

// Tokenize splits q into tokens. Whitespace separates tokens and is not
// itself a token. An unterminated literal or comment yields a final Error
// covering the rest of q.
func Tokenize(q string, d Dialect) []Token {
	return TokenizeInto(make([]Token, 0, len(q)/3+8), q, d)
}

// TokenizeInto appends the tokens of q to toks (normally empty, reused).
func TokenizeInto(toks []Token, q string, d Dialect) []Token {
	prev := -1 // index of the last token that is not a comment
	for i := 0; i < len(q); {
		if isSpace(q[i]) {
			i++
			continue
		}
		var p *Token
		if prev >= 0 {
			p = &toks[prev]
		}
		t := scan(q, i, &d, p)
		if t.Kind != Comment {
			prev = len(toks)
		}
		toks = append(toks, t)
		i = t.End
	}
	return toks
}

// Lexer reads a query's tokens one at a time, for a caller that stops early.
// A copy of a Lexer reads on from where the original stood.
type Lexer struct {
	q       string
	d       Dialect
	pos     int
	prev    Token // the last token that is not a comment
	hasPrev bool
}

func NewLexer(q string, d Dialect) Lexer { return Lexer{q: q, d: d} }

// Next returns the next token, or false at the end of the query.
func (l *Lexer) Next() (Token, bool) {
	for l.pos < len(l.q) && isSpace(l.q[l.pos]) {
		l.pos++
	}
	if l.pos >= len(l.q) {
		return Token{}, false
	}
	var p *Token
	if l.hasPrev {
		p = &l.prev
	}
	t := scan(l.q, l.pos, &l.d, p)
	l.pos = t.End
	if t.Kind != Comment {
		l.prev, l.hasPrev = t, true
	}
	return t, true
}

// scan reads the token that starts at q[i], which is not white space; prev is
// the token before it, comments aside (nil at the start).
func scan(q string, i int, d *Dialect, prev *Token) Token {
	c := q[i]
	switch {
	case c == '-' && i+1 < len(q) && q[i+1] == '-':
		return lineComment(q, i, 2)
	case c == '#' && d.HashComments:
		return lineComment(q, i, 1)
	case c == '/' && i+1 < len(q) && q[i+1] == '*':
		return blockComment(q, i)
	case c == '\'':
		return quoted(q, i, '\'', d.BackslashEscapes, String)
	case (c == 'E' || c == 'e') && d.DollarQuotes && i+1 < len(q) && q[i+1] == '\'' && !wordBefore(q, i):
		// PostgreSQL escape string: E'…' honours backslashes.
		t := quoted(q, i+1, '\'', true, String)
		t.Start, t.Open = i, 2
		return t
	case (c == 'N' || c == 'n' || c == 'X' || c == 'x' || c == 'B' || c == 'b') && i+1 < len(q) && q[i+1] == '\'' && !wordBefore(q, i):
		// National, hex and bit string prefixes belong to the literal.
		t := quoted(q, i+1, '\'', d.BackslashEscapes, String)
		t.Start, t.Open = i, 2
		return t
	case c == '"':
		kind := Ident
		if d.DoubleQuoteStrings {
			kind = String
		}
		return quoted(q, i, '"', d.BackslashEscapes && d.DoubleQuoteStrings, kind)
	case c == '`':
		return quoted(q, i, '`', false, Ident)
	case c == '[' && d.BracketIdents:
		return bracketed(q, i)
	case c == '$' && d.DollarQuotes && dollarTagEnd(q, i) > 0:
		return dollarQuoted(q, i)
	case isDigit(c) || (c == '.' && i+1 < len(q) && isDigit(q[i+1])):
		return Token{Kind: Number, Start: i, End: numberEnd(q, i)}
	case (c == '+' || c == '-') && signStartsNumber(q, i, prev):
		return Token{Kind: Number, Start: i, End: numberEnd(q, i+1)}
	case c == '?':
		return Token{Kind: Param, Start: i, End: i + 1}
	case (c == '$' || c == ':' || c == '@') && i+1 < len(q) && isWordByte(q[i+1]) && !(c == ':' && i > 0 && q[i-1] == ':'):
		return Token{Kind: Param, Start: i, End: wordEnd(q, i+1)}
	case isWordByte(c):
		return Token{Kind: Word, Start: i, End: wordEnd(q, i)}
	}
	return Token{Kind: Op, Start: i, End: operatorEnd(q, i)}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func wordEnd(q string, j int) int {
	for j < len(q) && isWordByte(q[j]) {
		j++
	}
	return j
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isWordByte accepts every non-ASCII byte: engines allow Unicode letters in
// identifiers, and splitting a UTF-8 sequence would create bogus boundaries.
func isWordByte(c byte) bool {
	return c == '_' || isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'z') || c >= 0x80
}

func wordBefore(q string, i int) bool { return i > 0 && isWordByte(q[i-1]) }

func lineComment(q string, i, open int) Token {
	j := i + open
	for j < len(q) && q[j] != '\n' {
		j++
	}
	return Token{Kind: Comment, Start: i, End: j, Open: uint8(open)}
}

func blockComment(q string, i int) Token {
	for j := i + 2; j+1 < len(q); j++ {
		if q[j] == '*' && q[j+1] == '/' {
			return Token{Kind: Comment, Start: i, End: j + 2, Open: 2, Close: 2}
		}
	}
	return Token{Kind: Error, Start: i, End: len(q), Open: 2}
}

// quoted scans a literal delimited by quote starting at q[i]; a doubled quote
// is an escaped quote in every dialect.
func quoted(q string, i int, quote byte, backslash bool, kind Kind) Token {
	for j := i + 1; j < len(q); j++ {
		switch q[j] {
		case '\\':
			if backslash {
				j++
			}
		case quote:
			if j+1 < len(q) && q[j+1] == quote {
				j++
				continue
			}
			return Token{Kind: kind, Start: i, End: j + 1, Open: 1, Close: 1}
		}
	}
	return Token{Kind: Error, Start: i, End: len(q), Open: 1}
}

func bracketed(q string, i int) Token {
	for j := i + 1; j < len(q); j++ {
		if q[j] == ']' {
			if j+1 < len(q) && q[j+1] == ']' {
				j++
				continue
			}
			return Token{Kind: Ident, Start: i, End: j + 1, Open: 1, Close: 1}
		}
	}
	return Token{Kind: Error, Start: i, End: len(q), Open: 1}
}

// dollarTagEnd returns the index just past a $tag$ opener at q[i], or 0.
func dollarTagEnd(q string, i int) int {
	j := i + 1
	for j < len(q) && (q[j] == '_' || (q[j]|0x20 >= 'a' && q[j]|0x20 <= 'z') || (j > i+1 && isDigit(q[j]))) {
		j++
	}
	// Tags are short in practice; a bound keeps the delimiter length small.
	if j < len(q) && q[j] == '$' && j-i < 64 {
		return j + 1
	}
	return 0
}

func dollarQuoted(q string, i int) Token {
	open := dollarTagEnd(q, i)
	tag := q[i:open]
	for j := open; j+len(tag) <= len(q); j++ {
		if q[j] == '$' && q[j:j+len(tag)] == tag {
			return Token{Kind: String, Start: i, End: j + len(tag), Open: uint8(len(tag)), Close: uint8(len(tag))}
		}
	}
	return Token{Kind: Error, Start: i, End: len(q), Open: uint8(len(tag))}
}

func numberEnd(q string, i int) int {
	j := i
	if j+1 < len(q) && q[j] == '0' && (q[j+1]|0x20 == 'x' || q[j+1]|0x20 == 'b') {
		j += 2
		for j < len(q) && (isDigit(q[j]) || (q[j]|0x20 >= 'a' && q[j]|0x20 <= 'f')) {
			j++
		}
		return j
	}
	for j < len(q) && isDigit(q[j]) {
		j++
	}
	if j < len(q) && q[j] == '.' {
		j++
		for j < len(q) && isDigit(q[j]) {
			j++
		}
	}
	if j < len(q) && q[j]|0x20 == 'e' {
		k := j + 1
		if k < len(q) && (q[k] == '+' || q[k] == '-') {
			k++
		}
		if k < len(q) && isDigit(q[k]) {
			j = k
			for j < len(q) && isDigit(q[j]) {
				j++
			}
		}
	}
	return j
}

// signStartsNumber reports whether the + or - at q[i] is the sign of a
// numeric literal (x = -5) rather than a binary operator (5 - 3), so that a
// negative number supplied as input counts as one token. prev is the token
// before it, comments aside (nil at the start of the query).
func signStartsNumber(q string, i int, prev *Token) bool {
	j := i + 1
	if j >= len(q) || !(isDigit(q[j]) || (q[j] == '.' && j+1 < len(q) && isDigit(q[j+1]))) {
		return false
	}
	if prev == nil {
		return true
	}
	switch prev.Kind {
	case Op:
		c := q[prev.End-1]
		return c != ')' && c != ']'
	case Word:
		return isKeyword(q[prev.Start:prev.End])
	}
	return false
}

func operatorEnd(q string, i int) int {
	if i+1 < len(q) {
		a, b := q[i], q[i+1]
		switch {
		case (a == '<' || a == '>' || a == '!') && b == '=',
			a == '<' && (b == '>' || b == '<'),
			a == '>' && b == '>',
			a == '|' && b == '|',
			a == '&' && b == '&',
			a == ':' && (b == ':' || b == '='):
			return i + 2
		}
	}
	return i + 1
}

// keywords that may precede a signed number; everything else that is a bare
// word is treated as an identifier there (a column named x in x-1).
var signKeywords = map[string]bool{
	"SELECT": true, "WHERE": true, "AND": true, "OR": true, "NOT": true, "BY": true, "LIMIT": true,
	"OFFSET": true, "VALUES": true, "SET": true, "THEN": true, "ELSE": true, "WHEN": true, "IN": true,
	"IS": true, "LIKE": true, "BETWEEN": true, "RETURN": true, "HAVING": true, "ON": true, "CASE": true,
}

func isKeyword(w string) bool {
	if len(w) > 8 {
		return false
	}
	var buf [8]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		buf[i] = c
	}
	return signKeywords[string(buf[:len(w)])]
}
