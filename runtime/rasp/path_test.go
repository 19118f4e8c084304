package rasp

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

// buildPath makes the path the way the program under attack does.
func buildPath(t *testing.T, p payload) string {
	v := strings.ReplaceAll(p.value, `\0`, "\x00")
	unescape := func(s string) string {
		u, err := url.PathUnescape(s)
		if err != nil {
			t.Fatalf("line %d: the program could not decode %q: %v", p.line, s, err)
		}
		return u
	}
	switch p.label {
	case "raw":
		return "static/" + v
	case "join":
		return filepath.Join("static", v)
	case "decode":
		return filepath.Join("static", unescape(v))
	case "decode2":
		return filepath.Join("static", unescape(unescape(v)))
	case "nfkc":
		return filepath.Join("static", strings.Map(func(r rune) rune {
			if r >= 0xFF01 && r <= 0xFF5E {
				return r - 0xFF01 + '!'
			}
			return r
		}, v))
	case "whole":
		return v
	}
	t.Fatalf("line %d: unknown mode %q", p.line, p.label)
	return ""
}

func TestPathTraversalAttacksAreFound(t *testing.T) {
	attacks := readPayloads(t, "traversal-attacks.txt")
	if len(attacks) < 30 {
		t.Fatalf("only %d traversal payloads", len(attacks))
	}
	for _, p := range attacks {
		path := buildPath(t, p)
		v := strings.ReplaceAll(p.value, `\0`, "\x00")
		f := CheckPath(path, []Input{{Source: "query", Name: "lang", Value: "en"}, {Source: "query", Name: "file", Value: v}})
		if f == nil {
			t.Errorf("traversal-attacks.txt:%d: not detected: %q", p.line, path)
			continue
		}
		if f.Rule != RulePathTraversal || f.Input.Name != "file" || f.Reason == "" {
			t.Errorf("traversal-attacks.txt:%d: finding %+v", p.line, f)
		}
	}
}

func TestPathBenignNamesAreAllowed(t *testing.T) {
	benign := readPayloads(t, "traversal-benign.txt")
	if len(benign) < 30 {
		t.Fatalf("only %d benign names", len(benign))
	}
	for _, p := range benign {
		path := buildPath(t, p)
		if f := CheckPath(path, []Input{{Source: "query", Name: "file", Value: p.value}}); f != nil {
			t.Errorf("traversal-benign.txt:%d: false positive on %q: %s", p.line, path, f.Reason)
		}
	}
}

func TestPathInputsNotInThePathAreIgnored(t *testing.T) {
	in := []Input{{Source: "header", Name: "Referer", Value: "../../etc/passwd"}}
	if f := CheckPath("static/report.txt", in); f != nil {
		t.Fatalf("finding for an input that did not reach the path: %+v", f)
	}
}
