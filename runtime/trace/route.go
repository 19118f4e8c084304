package trace

import (
	"context"
	"strings"
)

// routeKey is the SetLocal key of the route a router matched.
const routeKey = "http.route"

// SetRoute records the route template a router matched (such as
// "/items/{id}") for the server request that ctx belongs to. The request's
// server span, the first span of its trace in this process, names itself
// after it when the request ends.
//
// Routers nest: a ServeMux whose "/" or "/api/" hands a whole subtree to
// another router (a second ServeMux, chi, gorilla/mux...), which matches the
// rest. Whichever records last (routers record as they return, outer ones
// after inner ones, but some record as they match), the route that names
// more of the path stays: one inside a subtree route recorded for the same
// request wins over it. Otherwise the last word is the latest router's.
func SetRoute(ctx context.Context, route string) {
	if route == "" {
		return
	}
	setRoute(SpanFromContext(ctx).LocalRoot(), route)
}

// setRoute records route on root, the request's server span.
func setRoute(root *Span, route string) {
	if old, _ := root.Local(routeKey).(string); within(old, route) {
		return
	}
	root.SetLocal(routeKey, route)
}

// SetRouteFor records route as SetRoute does, for a router that saw path as
// the request's path: a handler in front of it (http.StripPrefix) may have cut
// off the start of the path the server received, and the route then starts
// with what was cut, the route of the whole path.
func SetRouteFor(ctx context.Context, route, path string) {
	if route == "" {
		return
	}
	root := SpanFromContext(ctx).LocalRoot()
	prefix := cutPrefix(root, path)
	if strings.HasPrefix(route, "/") {
		prefix = strings.TrimSuffix(prefix, "/")
	}
	setRoute(root, prefix+route)
}

// ServerPathKey is the span local (SetLocal) of an HTTP server span holding
// the path of the request the server received, which SetRouteFor compares the
// routers' paths with.
const ServerPathKey = "url.path"

// cutPrefix is the start of the server's request path that path lacks (what
// a StripPrefix in front of the router cut off), or "".
func cutPrefix(root *Span, path string) string {
	whole, _ := root.Local(ServerPathKey).(string)
	if len(path) >= len(whole) || !strings.HasSuffix(whole, path) {
		return ""
	}
	return whole[:len(whole)-len(path)]
}

// within tells a route that lies inside subtree, a route that matches every
// path below it ("/", "/api/"), and names more than it.
func within(route, subtree string) bool {
	return len(route) > len(subtree) && strings.HasSuffix(subtree, "/") && strings.HasPrefix(route, subtree)
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
