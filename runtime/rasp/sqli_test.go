package rasp

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"go-weave.dev/runtime/internal/sqltok"
)

// payload is one line of a testdata list: a label (context or escaping) and
// the value, with \t standing for a tab.
type payload struct {
	label, value string
	line         int
}

func readPayloads(t *testing.T, name string) []payload {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []payload
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		label, value, ok := strings.Cut(line, " ")
		if !ok {
			t.Fatalf("testdata/%s:%d: want LABEL VALUE, got %q", name, n, line)
		}
		out = append(out, payload{label: label, value: strings.ReplaceAll(value, `\t`, "\t"), line: n})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

const (
	stringQuery = "SELECT id, name, email FROM users WHERE name = '%s' AND active = 1"
	numberQuery = "SELECT id, name, email FROM users WHERE id = %s AND active = 1"
)

// build pastes v into a query the way a vulnerable program does.
func build(context, v string) string {
	switch context {
	case "number":
		return strings.Replace(numberQuery, "%s", v, 1)
	case "double":
		v = strings.ReplaceAll(v, "'", "''")
	case "backslash":
		v = strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v)
	}
	return strings.Replace(stringQuery, "%s", v, 1)
}

func attackInputs(v string) []Input {
	return []Input{
		{Source: "query", Name: "page", Value: "2"},
		{Source: "header", Name: "User-Agent", Value: "Go-http-client/1.1"},
		{Source: "query", Name: "name", Value: v},
	}
}

func TestSQLInjectionAttacksAreFound(t *testing.T) {
	attacks := readPayloads(t, "sqli-attacks.txt")
	if len(attacks) < 50 {
		t.Fatalf("only %d attack payloads", len(attacks))
	}
	for _, p := range attacks {
		q := build(p.label, p.value)
		f := CheckSQL(q, attackInputs(p.value))
		if f == nil {
			t.Errorf("sqli-attacks.txt:%d: not detected: %s", p.line, q)
			continue
		}
		if f.Rule != RuleSQLInjection || f.Input.Name != "name" || f.Input.Value != p.value || f.Reason == "" {
			t.Errorf("sqli-attacks.txt:%d: finding %+v", p.line, f)
		}
	}
}

func TestSQLBenignInputsAreAllowed(t *testing.T) {
	benign := readPayloads(t, "sqli-benign.txt")
	if len(benign) < 50 {
		t.Fatalf("only %d benign values", len(benign))
	}
	for _, p := range benign {
		q := build(p.label, p.value)
		ds := sqltok.Dialects
		if p.label == "backslash" {
			ds = []sqltok.Dialect{sqltok.MySQL}
		}
		if f := checkSQL(q, attackInputs(p.value), ds); f != nil {
			t.Errorf("sqli-benign.txt:%d: false positive on %s: %s", p.line, q, f.Reason)
		}
	}
}

func TestSQLBackslashEscapeIsAmbiguousWithoutDialect(t *testing.T) {
	// Read as standard SQL, \' does not escape: the rest is a clause.
	v := "' OR 1=1 --"
	q := build("backslash", v)
	if f := CheckSQL(q, attackInputs(v)); f == nil || !strings.Contains(f.Reason, "standard") {
		t.Fatalf("want a standard-SQL finding, got %+v", f)
	}
	if f := checkSQL(q, attackInputs(v), []sqltok.Dialect{sqltok.MySQL}); f != nil {
		t.Fatalf("MySQL reading: want no finding, got %+v", f)
	}
}

func TestSQLBoundParametersNeverMatch(t *testing.T) {
	q := "SELECT id FROM users WHERE name = ? OR email = $2"
	if f := CheckSQL(q, attackInputs("' OR 1=1 --")); f != nil {
		t.Fatalf("finding for a parameterised query: %+v", f)
	}
}

func TestSQLInputInsideExistingComment(t *testing.T) {
	q := "SELECT 1 /* report for alice OR bob */ FROM t WHERE a = 'x'"
	if f := CheckSQL(q, attackInputs("alice OR bob")); f != nil {
		t.Fatalf("an input inside the program's own comment is not an injection: %+v", f)
	}
	q = "SELECT 1 /* note: x */ FROM t WHERE a = 'y'"
	if f := CheckSQL(q, attackInputs("x */ FROM t WHERE a = 'y")); f == nil {
		t.Fatal("an input that closes a comment must be found")
	}
}
