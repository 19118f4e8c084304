// The module's go line (kept low, see go.mod) would select the Go 1.21 ServeMux,
// which has no path wildcards; the tests exercise the current one.
//go:debug httpmuxgo121=0

package rasp

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

func inputStrings(in []Input) []string {
	var out []string
	for _, i := range in {
		out = append(out, i.String()+"="+i.Value)
	}
	slices.Sort(out)
	return out
}

func TestCaptureJSONBodyIsReplayedToTheHandler(t *testing.T) {
	body := `{"user": {"name": "x' OR 1=1 --", "tags": ["a", 7]}, "ok": true}`
	r := httptest.NewRequest("POST", "/api", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json; charset=utf-8")
	got := inputStrings(captureBody(r))
	want := []string{"json:ok#key=ok", "json:user#key=user", "json:user.name#key=name", "json:user.name=x' OR 1=1 --", "json:user.tags#key=tags", "json:user.tags.0=a", "json:user.tags.1=7"}
	if !slices.Equal(got, want) {
		t.Fatalf("inputs\n got %q\nwant %q", got, want)
	}
	replayed, err := io.ReadAll(r.Body)
	if err != nil || string(replayed) != body {
		t.Fatalf("handler reads %q, %v", replayed, err)
	}
}

func TestCaptureLeavesLargeAndOtherBodiesIntact(t *testing.T) {
	big := bytes.Repeat([]byte("a"), maxBody+10)
	r := httptest.NewRequest("POST", "/", bytes.NewReader(big))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if in := captureBody(r); in != nil {
		t.Fatalf("inputs from a body over the limit: %d", len(in))
	}
	if b, _ := io.ReadAll(r.Body); !bytes.Equal(b, big) {
		t.Fatalf("handler got %d bytes, want %d", len(b), len(big))
	}
	r = httptest.NewRequest("POST", "/", strings.NewReader("raw bytes"))
	r.Header.Set("Content-Type", "application/octet-stream")
	if in := captureBody(r); in != nil {
		t.Fatalf("inputs from an opaque body: %v", in)
	}
	if b, _ := io.ReadAll(r.Body); string(b) != "raw bytes" {
		t.Fatalf("handler got %q", b)
	}
}

func TestRequestInputsFromEverySource(t *testing.T) {
	mux := http.NewServeMux()
	var got []string
	mux.HandleFunc("GET /files/{dir}/{rest...}", func(w http.ResponseWriter, r *http.Request) {
		got = inputStrings(requestInputs(r, []Input{{Source: "json", Name: "k", Value: "v"}}, []string{"Referer", "X-Api-Key"}))
	})
	r := httptest.NewRequest("GET", "/files/docs/a%2Fb/c?q=1&q=2", nil)
	r.Header.Set("Referer", "http://x/'--")
	r.Header.Set("User-Agent", "not chosen")
	mux.ServeHTTP(httptest.NewRecorder(), r)
	want := []string{"header:Referer=http://x/'--", "json:k=v", "path:dir=docs", "path:rest=a/b/c", "query:q=1", "query:q=2"}
	if !slices.Equal(got, want) {
		t.Fatalf("inputs\n got %q\nwant %q", got, want)
	}
}

func TestPathSegmentsWithoutAPattern(t *testing.T) {
	r := httptest.NewRequest("GET", "/static/..%2f..%2fetc%2fpasswd/x", nil)
	got := inputStrings(pathInputs(r, nil))
	want := []string{"path:segment0=static", "path:segment1=../../etc/passwd", "path:segment2=x"}
	if !slices.Equal(got, want) {
		t.Fatalf("inputs\n got %q\nwant %q", got, want)
	}
}

func TestCaptureUntypedJSON(t *testing.T) {
	r := httptest.NewRequest("POST", "/", strings.NewReader(` ["1 OR 1=1"]`))
	got := inputStrings(captureBody(r))
	if !slices.Equal(got, []string{"json:0=1 OR 1=1"}) {
		t.Fatalf("inputs %q", got)
	}
	r = httptest.NewRequest("POST", "/", strings.NewReader("plain words"))
	r.Header.Set("Content-Type", "text/plain")
	if in := captureBody(r); in != nil {
		t.Fatalf("inputs from text: %v", in)
	}
	if b, _ := io.ReadAll(r.Body); string(b) != "plain words" {
		t.Fatalf("handler got %q", b)
	}
}
