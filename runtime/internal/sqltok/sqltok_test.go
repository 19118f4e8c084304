package sqltok

import (
	"strings"
	"testing"
)

func TestTokenizer(t *testing.T) {
	cases := []struct {
		d    Dialect
		q    string
		want string // kinds joined by space
	}{
		{Standard, "SELECT 'a''b', \"c\"\"d\" FROM t -- x", "word string operator identifier word word comment"},
		{MySQL, `SELECT 'a\'b', "c" # x`, "word string operator string comment"},
		{Standard, `SELECT 'a\'z'`, "word string word unterminated"},
		{Standard, "SELECT $tag$it's$tag$, $1, E'a\\'b' FROM [my table]", "word string operator parameter operator string word identifier"},
		{Standard, "WHERE x = -5 AND y = 5-3 AND z >= .5e-3", "word word operator number word word operator number operator number word word operator number"},
		// A comment between a keyword and a sign leaves the sign to the number.
		{Standard, "WHERE x = /* c */ -5", "word word operator comment number"},
		{Standard, "SELECT /* open", "word unterminated"},
		{Standard, "SELECT 名前 FROM テーブル", "word word word word"},
		{Standard, "a::int <> b", "word operator word operator word"},
	}
	for _, c := range cases {
		var kinds []string
		for _, tok := range Tokenize(c.q, c.d) {
			kinds = append(kinds, tok.Kind.String())
		}
		if got := strings.Join(kinds, " "); got != c.want {
			t.Errorf("%s %q:\n got %s\nwant %s", c.d.Name, c.q, got, c.want)
		}
	}
}

func TestByName(t *testing.T) {
	for _, name := range []string{"standard", "mysql"} {
		if d, ok := ByName(name); !ok || d.Name != name {
			t.Errorf("ByName(%q) = %+v, %v", name, d, ok)
		}
	}
	if _, ok := ByName("oracle"); ok {
		t.Error("ByName(oracle) found a dialect")
	}
}
