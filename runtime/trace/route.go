package trace

import "context"

// routeKey is the SetLocal key of the route a router matched.
const routeKey = "http.route"

// SetRoute records the route template a router matched (such as
// "/items/{id}") for the server request that ctx belongs to. The request's
// server span, the first span of its trace in this process, names itself
// after it when the request ends. A router that matches inside another
// records after it returns, so the outermost router, which sees the whole
// path, has the last word.
func SetRoute(ctx context.Context, route string) {
	if route == "" {
		return
	}
	SpanFromContext(ctx).LocalRoot().SetLocal(routeKey, route)
}

// Route is the route SetRoute recorded for the request of span s (any span of
// its trace in this process), or "".
func Route(s *Span) string {
	r, _ := s.LocalRoot().Local(routeKey).(string)
	return r
}

// EndServerSpan ends the span of an HTTP server's request (net/http's, fasthttp's): named after
// the route a router recorded with SetRoute, with the response's status code, and an error
// status for a 5xx, described by statusText.
func EndServerSpan(s *Span, method string, status int, statusText string) {
	if route := Route(s); route != "" {
		s.SetAttribute("http.route", route)
		s.SetName(HTTPSpanName(method) + " " + route)
	}
	s.SetAttribute("http.response.status_code", status)
	if status >= 500 {
		s.SetStatus(StatusError, statusText)
	}
	s.End()
}
