package rasp

import (
	"fmt"
	"strings"
	"sync"

	"go-weave.dev/runtime/internal/sqltok"
)

// Input is one value taken from a request, named for the decision record.
type Input struct {
	Source string // "query", "form", "json", "path", "header"
	Name   string // parameter, field path, wildcard or header name
	Value  string
}

func (in Input) String() string { return in.Source + ":" + in.Name }

// Finding describes an input that changed the structure of a query or a path.
type Finding struct {
	Rule   string // "sql-injection" or "path-traversal"
	Input  Input
	Reason string
}

const (
	RuleSQLInjection  = "sql-injection"
	RulePathTraversal = "path-traversal"
)

// maxOccurrences bounds the work per input for pathological queries.
const maxOccurrences = 32

// CheckSQL reports the first input that, found verbatim inside query, does
// not sit inside a single token: it ends a string literal, adds a comment,
// or spans several tokens (a new clause, operator or statement). Inputs that
// do not occur in the query (bound parameters, escaped values) are never
// findings.
//
// The query is tokenized under each dialect. Dialects that tokenize the
// whole query cleanly are the plausible ones, and an input is an attack if it
// changes the structure under any of them; when none is clean the input
// that left something unterminated is the culprit.
func CheckSQL(query string, inputs []Input) *Finding {
	return checkSQL(query, inputs, sqltok.Dialects)
}

func checkSQL(query string, inputs []Input, ds []sqltok.Dialect) *Finding {
	var toks [][]sqltok.Token // per dialect, tokenized on first need
	var tokBuf [2][]sqltok.Token
	var occBuf [maxOccurrences]int
	defer func() {
		if toks != nil {
			releaseTokens(toks)
		}
	}()
	for _, in := range inputs {
		if in.Value == "" || len(in.Value) > len(query) {
			continue
		}
		occ := occurrences(query, in.Value, occBuf[:0])
		if len(occ) == 0 {
			continue
		}
		if toks == nil {
			toks = tokenizeAll(query, ds, tokBuf[:0])
		}
		if reason := judgeSQL(query, ds, toks, occ, len(in.Value)); reason != "" {
			return &Finding{Rule: RuleSQLInjection, Input: in, Reason: reason}
		}
	}
	return nil
}

// tokenizeAll tokenizes query under each dialect. The dialects only
// disagree around backslashes, double quotes, #, $ and [; a query without
// them is tokenized once and the result shared.
func tokenizeAll(query string, ds []sqltok.Dialect, toks [][]sqltok.Token) [][]sqltok.Token {
	for range ds {
		toks = append(toks, nil)
	}
	if len(ds) > 1 && !strings.ContainsAny(query, "\\\"#$[") {
		ts := sqltok.TokenizeInto(pooledTokens(), query, ds[0])
		for i := range toks {
			toks[i] = ts
		}
		return toks
	}
	for i, d := range ds {
		toks[i] = sqltok.TokenizeInto(pooledTokens(), query, d)
	}
	return toks
}

// Token slices are reused: every guarded query is tokenized, and the
// garbage would otherwise be a large part of the check's cost.
var tokenPool = sync.Pool{New: func() any { s := make([]sqltok.Token, 0, 64); return &s }}

func pooledTokens() []sqltok.Token { return (*tokenPool.Get().(*[]sqltok.Token))[:0] }

func releaseTokens(toks [][]sqltok.Token) {
	for i, ts := range toks {
		if i > 0 && len(ts) > 0 && len(toks[0]) > 0 && &ts[0] == &toks[0][0] {
			continue // shared with an earlier dialect
		}
		if cap(ts) <= 4096 {
			// A fresh variable per slice: the module's go line predates per-iteration
			// loop variables, and &ts would hand the pool one pointer many times.
			empty := ts[:0]
			tokenPool.Put(&empty)
		}
	}
}

func occurrences(s, sub string, out []int) []int {
	for from := 0; from <= len(s)-len(sub) && len(out) < maxOccurrences; {
		i := strings.Index(s[from:], sub)
		if i < 0 {
			break
		}
		out = append(out, from+i)
		from += i + 1
	}
	return out
}

func judgeSQL(query string, ds []sqltok.Dialect, toks [][]sqltok.Token, occ []int, n int) string {
	anyClean := false
	for _, ts := range toks {
		if clean(ts) {
			anyClean = true
			break
		}
	}
	for di, ts := range toks {
		if anyClean && !clean(ts) {
			continue
		}
		for _, s := range occ {
			if r := structural(query, ts, s, s+n); r != "" {
				return r + " (" + ds[di].Name + " SQL)"
			}
		}
	}
	return ""
}

func clean(ts []sqltok.Token) bool { return len(ts) == 0 || ts[len(ts)-1].Kind != sqltok.Error }

// structural explains how the input at query[s:e] alters the token
// structure, or returns "" when it lies within one token without touching
// that token's delimiters (or is one complete literal or identifier).
func structural(query string, ts []sqltok.Token, s, e int) string {
	first, count := -1, 0
	for i, t := range ts {
		if t.Start < e && s < t.End {
			if first < 0 {
				first = i
			}
			count++
		} else if t.Start >= e {
			break
		}
	}
	if count == 0 {
		return ""
	}
	if count > 1 {
		kinds := make([]string, 0, count)
		for _, t := range ts[first : first+count] {
			kinds = append(kinds, t.Kind.String())
		}
		return fmt.Sprintf("input spans %d tokens (%s)", count, strings.Join(kinds, ", "))
	}
	// Inside one token. Crossing a string's delimiter without creating a
	// second token only happens when the input's quote pairs up with a quote
	// of the program as an escape (an escaped '' followed by the closing
	// quote); the statement keeps its shape, so that is not flagged.
	t := ts[first]
	switch {
	case t.Kind == sqltok.Error:
		return "input leaves an unterminated literal or comment"
	case t.Kind == sqltok.Comment && s <= t.Start:
		return "input starts a comment"
	case t.Kind == sqltok.Comment && t.Close > 0 && e > t.End-int(t.Close):
		return "input ends a comment"
	}
	return ""
}
