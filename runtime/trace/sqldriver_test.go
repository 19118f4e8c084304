package trace

import (
	"context"
	"testing"
)

func TestSQLSpanName(t *testing.T) {
	for q, want := range map[string]string{
		"select * from t":              "SELECT",
		"  INSERT INTO t VALUES(1)":    "INSERT",
		"with x as (select 1)\nselect": "WITH",
		"vacuum":                       "VACUUM",
		"":                             "db.query",
	} {
		if got := SQLSpanName(q); got != want {
			t.Errorf("SQLSpanName(%q) = %q, want %q", q, got, want)
		}
	}
}

func TestSQLDriverMark(t *testing.T) {
	if IsSQLDriver(context.Background()) || IsSQLDriver(nil) {
		t.Fatal("an unmarked context is marked")
	}
	if !IsSQLDriver(WithSQLDriver(context.Background())) || !IsSQLDriver(WithSQLDriver(nil)) {
		t.Fatal("a marked context is not")
	}
}

func TestBatchSpanName(t *testing.T) {
	cases := []struct {
		ops  []string
		want string
	}{
		{nil, "BATCH"},
		{[]string{"INSERT", "INSERT"}, "BATCH INSERT"},
		{[]string{"INSERT", "SELECT"}, "BATCH"},
		{[]string{"", ""}, "BATCH"},
	}
	for _, c := range cases {
		if got := BatchSpanName(c.ops); got != c.want {
			t.Errorf("BatchSpanName(%q) = %q, want %q", c.ops, got, c.want)
		}
	}
}
