package rasp

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

const (
	// maxBody bounds how much of a request body is buffered for inspection;
	// a larger body is passed through unread beyond this point and its
	// values are not inputs.
	maxBody = 1 << 20
	// maxInputs bounds the values kept per request (a huge form must not
	// make every query check slow).
	maxInputs = 512
)

// captureBody reads a JSON or URL-encoded body, records its values and gives
// the handler a body that replays the same bytes. It must run before the
// handler reads the body, which is why rasp.yml calls it at request start.
func captureBody(r *http.Request) []Input {
	if r.Body == nil || r.Body == http.NoBody {
		return nil
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	isJSON := mt == "application/json" || strings.HasSuffix(mt, "+json")
	isForm := mt == "application/x-www-form-urlencoded"
	// Clients often send JSON untyped or as text/plain; such a body is
	// taken as JSON if it parses as JSON.
	maybeJSON := mt == "" || mt == "text/plain"
	if !isJSON && !isForm && !maybeJSON {
		return nil
	}
	orig := r.Body
	buf, err := io.ReadAll(io.LimitReader(orig, maxBody+1))
	r.Body = replayBody{Reader: io.MultiReader(bytes.NewReader(buf), orig), Closer: orig}
	if err != nil || len(buf) > maxBody {
		return nil
	}
	if maybeJSON {
		if t := bytes.TrimLeft(buf, " \t\r\n"); len(t) == 0 || (t[0] != '{' && t[0] != '[') {
			return nil
		}
	}
	if isForm {
		vals, err := url.ParseQuery(string(buf))
		if err != nil {
			return nil
		}
		return valuesInputs("form", vals, nil)
	}
	dec := json.NewDecoder(bytes.NewReader(buf))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil
	}
	return jsonInputs("", v, nil)
}

// replayBody serves the buffered prefix, then the rest of the original body;
// Close closes the original so the server's bookkeeping is unchanged.
type replayBody struct {
	io.Reader
	io.Closer
}

func valuesInputs(source string, vals map[string][]string, out []Input) []Input {
	for name, vs := range vals {
		for _, v := range vs {
			if len(out) >= maxInputs {
				return out
			}
			out = append(out, Input{Source: source, Name: name, Value: v})
		}
	}
	return out
}

// jsonInputs flattens strings, numbers and object keys; the name is the
// path in dotted form (items.0.name).
func jsonInputs(path string, v any, out []Input) []Input {
	if len(out) >= maxInputs {
		return out
	}
	switch x := v.(type) {
	case string:
		out = append(out, Input{Source: "json", Name: path, Value: x})
	case json.Number:
		out = append(out, Input{Source: "json", Name: path, Value: x.String()})
	case []any:
		for i, e := range x {
			out = jsonInputs(join(path, strconv.Itoa(i)), e, out)
		}
	case map[string]any:
		for k, e := range x {
			if len(out) < maxInputs {
				out = append(out, Input{Source: "json", Name: join(path, k) + "#key", Value: k})
			}
			out = jsonInputs(join(path, k), e, out)
		}
	}
	return out
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// requestInputs gathers the values a client controls: the query string,
// parsed forms, the captured body, path wildcards and the chosen headers.
func requestInputs(r *http.Request, body []Input, headers []string) []Input {
	var out []Input
	out = valuesInputs("query", r.URL.Query(), out)
	if r.PostForm != nil && body == nil {
		out = valuesInputs("form", r.PostForm, out)
	}
	if r.MultipartForm != nil {
		out = valuesInputs("form", r.MultipartForm.Value, out)
	}
	out = append(out, body...)
	out = pathInputs(r, out)
	for _, h := range headers {
		for _, v := range r.Header.Values(h) {
			out = append(out, Input{Source: "header", Name: h, Value: v})
		}
	}
	if len(out) > maxInputs {
		out = out[:maxInputs]
	}
	return out
}

// pathInputs takes the wildcards of the ServeMux pattern that matched, or,
// for other routers, every segment of the path (decoded after splitting, so
// an encoded slash stays inside its segment as it does for a router).
func pathInputs(r *http.Request, out []Input) []Input {
	if names := patternWildcards(r.Pattern); len(names) > 0 {
		for _, n := range names {
			if v := r.PathValue(n); v != "" {
				out = append(out, Input{Source: "path", Name: n, Value: v})
			}
		}
		return out
	}
	for i, seg := range strings.Split(strings.TrimPrefix(r.URL.EscapedPath(), "/"), "/") {
		if v, err := url.PathUnescape(seg); err == nil && v != "" {
			out = append(out, Input{Source: "path", Name: "segment" + strconv.Itoa(i), Value: v})
		}
	}
	return out
}

// patternWildcards returns the wildcard names of a pattern such as
// "GET /files/{dir}/{name...}".
func patternWildcards(p string) []string {
	var names []string
	for {
		i := strings.IndexByte(p, '{')
		if i < 0 {
			return names
		}
		j := strings.IndexByte(p[i:], '}')
		if j < 0 {
			return names
		}
		n := strings.TrimSuffix(p[i+1:i+j], "...")
		if n != "$" && n != "" {
			names = append(names, n)
		}
		p = p[i+j+1:]
	}
}
