package rasp

// The SQL tokenizer only has to be good enough to answer one question: where
// are the token boundaries of a query? It never validates grammar. Dialects
// disagree on what ends a string literal, so the caller tokenizes once per
// dialect and compares.

// tokenKind classifies a token; only the distinctions the injection check
// needs are made.
type tokenKind uint8

const (
	tokWord    tokenKind = iota // keyword or bare identifier
	tokIdent                    // quoted identifier: "x", `x`, [x]
	tokString                   // string literal, any quoting
	tokNumber                   // numeric literal, with a unary sign when one applies
	tokParam                    // placeholder: ?, $1, :name, @name
	tokOp                       // operator or punctuation
	tokComment                  // -- …, # … (MySQL), /* … */
	tokError                    // unterminated literal or comment: the rest of the query
)

var tokenKindNames = [...]string{"word", "identifier", "string", "number", "parameter", "operator", "comment", "unterminated"}

func (k tokenKind) String() string { return tokenKindNames[k] }

// token is a half-open byte range [start, end) of the query. open and close
// are the lengths of the delimiters (quotes, comment markers) at each end.
type token struct {
	kind        tokenKind
	open, close uint8
	start, end  int
}

// dialect selects the lexical rules that differ between engines.
type dialect struct {
	name string
	// backslashEscapes: \x inside '…' escapes x (MySQL, and PostgreSQL E'…').
	backslashEscapes bool
	// doubleQuoteStrings: "…" is a string (MySQL) rather than an identifier.
	doubleQuoteStrings bool
	// hashComments: # starts a line comment (MySQL).
	hashComments bool
	// dollarQuotes: $tag$…$tag$ strings (PostgreSQL).
	dollarQuotes bool
	// bracketIdents: [x] is an identifier (SQL Server, SQLite).
	bracketIdents bool
}

// dialects are the interpretations every query is checked under. A standard
// one (a doubled quote is the only escape: PostgreSQL, SQLite, SQL Server)
// and MySQL's.
var dialects = []dialect{
	{name: "standard", dollarQuotes: true, bracketIdents: true},
	{name: "mysql", backslashEscapes: true, doubleQuoteStrings: true, hashComments: true},
}

// tokenize splits q into tokens. Whitespace separates tokens and is not
// itself a token. An unterminated literal or comment yields a final tokError
// covering the rest of q.
func tokenize(q string, d dialect) []token {
	return tokenizeInto(make([]token, 0, len(q)/3+8), q, d)
}

// tokenizeInto appends the tokens of q to toks (normally empty, reused).
func tokenizeInto(toks []token, q string, d dialect) []token {
	i := 0
	for i < len(q) {
		c := q[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
			continue
		case c == '-' && i+1 < len(q) && q[i+1] == '-':
			toks = append(toks, lineComment(q, i, 2))
		case c == '#' && d.hashComments:
			toks = append(toks, lineComment(q, i, 1))
		case c == '/' && i+1 < len(q) && q[i+1] == '*':
			toks = append(toks, blockComment(q, i))
		case c == '\'':
			toks = append(toks, quoted(q, i, '\'', d.backslashEscapes, tokString))
		case (c == 'E' || c == 'e') && d.dollarQuotes && i+1 < len(q) && q[i+1] == '\'' && !wordBefore(q, i):
			// PostgreSQL escape string: E'…' honours backslashes.
			t := quoted(q, i+1, '\'', true, tokString)
			t.start, t.open = i, 2
			toks = append(toks, t)
		case (c == 'N' || c == 'n' || c == 'X' || c == 'x' || c == 'B' || c == 'b') && i+1 < len(q) && q[i+1] == '\'' && !wordBefore(q, i):
			// National, hex and bit string prefixes belong to the literal.
			t := quoted(q, i+1, '\'', d.backslashEscapes, tokString)
			t.start, t.open = i, 2
			toks = append(toks, t)
		case c == '"':
			kind := tokIdent
			if d.doubleQuoteStrings {
				kind = tokString
			}
			toks = append(toks, quoted(q, i, '"', d.backslashEscapes && d.doubleQuoteStrings, kind))
		case c == '`':
			toks = append(toks, quoted(q, i, '`', false, tokIdent))
		case c == '[' && d.bracketIdents:
			toks = append(toks, bracketed(q, i))
		case c == '$' && d.dollarQuotes && dollarTagEnd(q, i) > 0:
			toks = append(toks, dollarQuoted(q, i))
		case isDigit(c) || (c == '.' && i+1 < len(q) && isDigit(q[i+1])):
			toks = append(toks, token{kind: tokNumber, start: i, end: numberEnd(q, i)})
		case (c == '+' || c == '-') && signStartsNumber(q, i, toks):
			toks = append(toks, token{kind: tokNumber, start: i, end: numberEnd(q, i+1)})
		case c == '?':
			toks = append(toks, token{kind: tokParam, start: i, end: i + 1})
		case (c == '$' || c == ':' || c == '@') && i+1 < len(q) && isWordByte(q[i+1]) && !(c == ':' && i > 0 && q[i-1] == ':'):
			j := i + 1
			for j < len(q) && isWordByte(q[j]) {
				j++
			}
			toks = append(toks, token{kind: tokParam, start: i, end: j})
		case isWordByte(c):
			j := i + 1
			for j < len(q) && isWordByte(q[j]) {
				j++
			}
			toks = append(toks, token{kind: tokWord, start: i, end: j})
		default:
			toks = append(toks, token{kind: tokOp, start: i, end: operatorEnd(q, i)})
		}
		i = toks[len(toks)-1].end
	}
	return toks
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isWordByte accepts every non-ASCII byte: engines allow Unicode letters in
// identifiers, and splitting a UTF-8 sequence would create bogus boundaries.
func isWordByte(c byte) bool {
	return c == '_' || isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'z') || c >= 0x80
}

func wordBefore(q string, i int) bool { return i > 0 && isWordByte(q[i-1]) }

func lineComment(q string, i, open int) token {
	j := i + open
	for j < len(q) && q[j] != '\n' {
		j++
	}
	return token{kind: tokComment, start: i, end: j, open: uint8(open)}
}

func blockComment(q string, i int) token {
	for j := i + 2; j+1 < len(q); j++ {
		if q[j] == '*' && q[j+1] == '/' {
			return token{kind: tokComment, start: i, end: j + 2, open: 2, close: 2}
		}
	}
	return token{kind: tokError, start: i, end: len(q), open: 2}
}

// quoted scans a literal delimited by quote starting at q[i]; a doubled quote
// is an escaped quote in every dialect.
func quoted(q string, i int, quote byte, backslash bool, kind tokenKind) token {
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
			return token{kind: kind, start: i, end: j + 1, open: 1, close: 1}
		}
	}
	return token{kind: tokError, start: i, end: len(q), open: 1}
}

func bracketed(q string, i int) token {
	for j := i + 1; j < len(q); j++ {
		if q[j] == ']' {
			if j+1 < len(q) && q[j+1] == ']' {
				j++
				continue
			}
			return token{kind: tokIdent, start: i, end: j + 1, open: 1, close: 1}
		}
	}
	return token{kind: tokError, start: i, end: len(q), open: 1}
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

func dollarQuoted(q string, i int) token {
	open := dollarTagEnd(q, i)
	tag := q[i:open]
	for j := open; j+len(tag) <= len(q); j++ {
		if q[j] == '$' && q[j:j+len(tag)] == tag {
			return token{kind: tokString, start: i, end: j + len(tag), open: uint8(len(tag)), close: uint8(len(tag))}
		}
	}
	return token{kind: tokError, start: i, end: len(q), open: uint8(len(tag))}
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
// negative number supplied as input counts as one token.
func signStartsNumber(q string, i int, toks []token) bool {
	j := i + 1
	if j >= len(q) || !(isDigit(q[j]) || (q[j] == '.' && j+1 < len(q) && isDigit(q[j+1]))) {
		return false
	}
	for k := len(toks) - 1; k >= 0; k-- {
		t := toks[k]
		if t.kind == tokComment {
			continue
		}
		switch t.kind {
		case tokOp:
			c := q[t.end-1]
			return c != ')' && c != ']'
		case tokWord:
			return isKeyword(q[t.start:t.end])
		default:
			return false
		}
	}
	return true
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

var dialectByName = map[string]dialect{}

func init() {
	for _, d := range dialects {
		dialectByName[d.name] = d
	}
}
