package trace

import (
	"context"
	"testing"
)

func TestParseSQLSpanName(t *testing.T) {
	for q, want := range map[string]string{
		"select * from t":              "SELECT t",
		"  INSERT INTO t VALUES(1)":    "INSERT t",
		"with x as (select 1)\nselect": "WITH",
		"vacuum":                       "VACUUM",
		"":                             "db.query",
		"-- who asked\n/* and why */ SELECT password FROM users": "SELECT users",
		"SELECT a, (SELECT b FROM inner_t) FROM outer_t":         "SELECT outer_t",
		"SELECT x FROM (SELECT 1 AS x) AS sub":                   "SELECT",
		"select 'from t' from \"My Table\" where a = 1":          `SELECT "My Table"`,
		"SELECT 1":                                      "SELECT",
		"SELECT 1; SELECT 2 FROM t":                     "SELECT",
		"update public.users set a = 1":                 "UPDATE public.users",
		"UPDATE ONLY \"s\".\"t\" SET a = $1":            `UPDATE "s"."t"`,
		"DELETE FROM [dbo].[Orders] WHERE id = @id":     "DELETE [dbo].[Orders]",
		"INSERT OR REPLACE INTO kv(k, v) VALUES (?, ?)": "INSERT kv",
		"insert into `db`.`t` values (1)":               "INSERT `db`.`t`",
		"SELECT * FROM t WHERE s = 'it''s FROM other'":  "SELECT t",
		"CREATE TABLE items (id int)":                   "CREATE",
		"BEGIN":                                         "BEGIN",
		"SELECT * FROM /* unterminated":                 "SELECT",
		"(SELECT 1)":                                    "db.query",
		"SELECT * FROM unnest($1) AS u":                 "SELECT",
		"SELECT extract(year FROM d) FROM events":       "SELECT events",
		"INSERT INTO t (a, b) VALUES ($1, $2)":          "INSERT t",
		"42":                                            "db.query",
		// PostgreSQL's dollar-quoted and escape strings hide what is in them.
		"SELECT $$ FROM x $$, 1 FROM t":      "SELECT t",
		"SELECT $fn$ FROM x $fn$ FROM t":     "SELECT t",
		`SELECT E'it\'s FROM x' AS s FROM t`: "SELECT t",
		"SELECT N'a' FROM t2":                "SELECT t2",
		"SELECT * FROM s . t":                "SELECT s.t",
	} {
		if got := ParseSQL(q).SpanName(); got != want {
			t.Errorf("ParseSQL(%q).SpanName() = %q, want %q", q, got, want)
		}
	}
}

func TestSetSQLQuery(t *testing.T) {
	rec := &recorder{}
	useProvider(t, nil, rec)
	for _, q := range []string{"SELECT id FROM users WHERE name = $1", "BEGIN", ""} {
		parsed := ParseSQL(q)
		_, s := Start(context.Background(), parsed.SpanName(), KindClient)
		SetSQLQuery(s, parsed)
		s.End()
	}
	Flush()
	got := rec.got()
	if len(got) != 3 {
		t.Fatalf("%d spans", len(got))
	}
	want := []map[string]any{
		{"db.query.text": "SELECT id FROM users WHERE name = $1", "db.operation.name": "SELECT", "db.collection.name": "users"},
		{"db.query.text": "BEGIN", "db.operation.name": "BEGIN"},
		{"db.query.text": ""},
	}
	for i, s := range got {
		attrs := map[string]any{}
		for _, a := range s.Attributes {
			attrs[a.Key] = a.Value
		}
		if len(attrs) != len(want[i]) {
			t.Errorf("span %q: attributes %v, want %v", s.Name, attrs, want[i])
		}
		for k, v := range want[i] {
			if attrs[k] != v {
				t.Errorf("span %q: %s = %v, want %v", s.Name, k, attrs[k], v)
			}
		}
	}
	if ParseSQL("  insert into t values (1)").Operation != "INSERT" || ParseSQL("").Operation != "" {
		t.Error("ParseSQL(…).Operation")
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
