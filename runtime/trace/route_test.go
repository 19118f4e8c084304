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
	// An outer router records after the inner one returns: the last word is its.
	SetRoute(ctx, "/api/users/{id}")
	if got := Route(child); got != "/api/users/{id}" {
		t.Fatalf("Route(child) = %q", got)
	}
	// No span, no route, no panic.
	SetRoute(context.Background(), "/x")
	if Route(nil) != "" {
		t.Fatal("Route(nil) is not empty")
	}
}
