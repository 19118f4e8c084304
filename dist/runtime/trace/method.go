package trace

// The request methods HTTP defines (RFC 9110, and PATCH of RFC 5789), which
// OpenTelemetry's HTTP conventions name as they are. Any other is "_OTHER" in
// http.request.method, kept whole in http.request.method_original, and names
// the span "HTTP": a method is whatever a client sends, up to the server's
// limit on a request line, and a span name should not be that.
var knownMethods = map[string]bool{
	"GET": true, "HEAD": true, "POST": true, "PUT": true, "DELETE": true,
	"CONNECT": true, "OPTIONS": true, "TRACE": true, "PATCH": true,
}

// HTTPSpanName is the name of an HTTP span for a request with this method,
// before a route is known: the method, or "HTTP" for one HTTP does not define.
func HTTPSpanName(method string) string {
	if knownMethods[method] {
		return method
	}
	return "HTTP"
}

// SetHTTPMethod records a request's method on its span as the conventions
// say: http.request.method, and http.request.method_original for a method
// HTTP does not define.
func SetHTTPMethod(s *Span, method string) {
	if knownMethods[method] {
		s.SetAttribute("http.request.method", method)
		return
	}
	s.SetAttribute("http.request.method", "_OTHER")
	s.SetAttribute("http.request.method_original", method)
}
