package trace

import (
	"context"
	"testing"
)

func TestSetRouteNamesTheLocalRoot(t *testing.T) {
	useProvider(t, nil, &recorder{})
	ctx, server := Start(context.Background(), "GET", KindServer)
	defer server.End()
	inner, child := Start(ctx, "middleware", KindInternal)
	defer child.End()
	if Route(child) != "" {
		t.Fatalf("Route before any router = %q", Route(child))
	}
	SetRoute(inner, "/users/{id}")
	SetRoute(inner, "")
	if got := Route(server); got != "/users/{id}" {
		t.Fatalf("Route(server) = %q, want the route recorded through a child's context", got)
	}
	// Routers record one after another for the same request: an outer one after the inner one
	// returns, some as they match.
	for _, step := range []struct{ set, want, why string }{
		{"/api/users/{id}", "/api/users/{id}", "an outer router records last: the last word is its"},
		{"/api/", "/api/users/{id}", "unless it matched a whole subtree that the route recorded lies in"},
		{"/", "/api/users/{id}", "the catch-all subtree"},
		{"/static/", "/static/", "a subtree that does not hold the route replaces it"},
		{"/static/{file}", "/static/{file}", "a router inside a subtree that recorded first names more of the path"},
	} {
		SetRoute(ctx, step.set)
		if got := Route(child); got != step.want {
			t.Fatalf("after SetRoute(%q): Route = %q, want %q (%s)", step.set, got, step.want, step.why)
		}
	}
	// No span, no route, no panic.
	SetRoute(context.Background(), "/x")
	if Route(nil) != "" {
		t.Fatal("Route(nil) is not empty")
	}
}

func TestSetRouteForPutsBackAStrippedPrefix(t *testing.T) {
	useProvider(t, nil, &recorder{})
	for _, c := range []struct{ server, routed, route, want string }{
		{"/api/items/3", "/items/3", "/items/{id}", "/api/items/{id}"},
		{"/api/items/3", "/api/items/3", "/api/items/{id}", "/api/items/{id}"},
		{"/v2/users", "users", "users", "/v2/users"},
		{"/a/b", "/rewritten", "/rewritten", "/rewritten"},
		{"/x", "", "", ""},
	} {
		ctx, server := Start(context.Background(), "GET", KindServer)
		server.SetLocal(ServerPathKey, c.server)
		SetRouteFor(ctx, c.route, c.routed)
		if got := Route(server); got != c.want {
			t.Errorf("server path %q, router saw %q and matched %q: route %q, want %q", c.server, c.routed, c.route, got, c.want)
		}
		server.End()
	}
	// Without the server's path (a server go-weave did not start) the route is the router's own.
	ctx, server := Start(context.Background(), "GET", KindServer)
	defer server.End()
	SetRouteFor(ctx, "/items/{id}", "/items/3")
	if got := Route(server); got != "/items/{id}" {
		t.Errorf("route %q", got)
	}
}

func TestHTTPMethodsHTTPDoesNotDefine(t *testing.T) {
	rec := &recorder{}
	useProvider(t, nil, rec)
	for _, m := range []string{"GET", "PATCH", "get", "PROPFIND", string(make([]byte, 8000))} {
		ctx, s := Start(context.Background(), HTTPSpanName(m), KindServer)
		SetHTTPMethod(s, m)
		SetRoute(ctx, "/r")
		EndServerSpan(s, m, 200, "OK")
	}
	Flush()
	want := [][3]string{{"GET /r", "GET", ""}, {"PATCH /r", "PATCH", ""}, {"HTTP /r", "_OTHER", "get"}, {"HTTP /r", "_OTHER", "PROPFIND"}, {"HTTP /r", "_OTHER", string(make([]byte, 8000))}}
	got := rec.got()
	if len(got) != len(want) {
		t.Fatalf("%d spans", len(got))
	}
	for i, s := range got {
		attrs := map[string]any{}
		for _, a := range s.Attributes {
			attrs[a.Key] = a.Value
		}
		orig, _ := attrs["http.request.method_original"].(string)
		if s.Name != want[i][0] || attrs["http.request.method"] != want[i][1] || orig != want[i][2] {
			t.Errorf("span %d: %q %v %.20q", i, s.Name, attrs["http.request.method"], orig)
		}
	}
}
