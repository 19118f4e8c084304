package otlp

import "go-weave.dev/runtime/trace"

// resourceGroup is the ResourceSpans/ScopeSpans nesting OTLP requires: spans
// grouped by resource, then by scope, in first-seen order.
type resourceGroup struct {
	resource *trace.Resource
	scopes   []scopeGroup
}

type scopeGroup struct {
	scope trace.Scope
	spans []*trace.ReadOnlySpan
}

func groupSpans(spans []trace.ReadOnlySpan) []resourceGroup {
	var groups []resourceGroup
	for i := range spans {
		s := &spans[i]
		gi := -1
		for j := range groups {
			if groups[j].resource == s.Resource {
				gi = j
				break
			}
		}
		if gi < 0 {
			groups = append(groups, resourceGroup{resource: s.Resource})
			gi = len(groups) - 1
		}
		g := &groups[gi]
		si := -1
		for j := range g.scopes {
			if g.scopes[j].scope == s.Scope {
				si = j
				break
			}
		}
		if si < 0 {
			g.scopes = append(g.scopes, scopeGroup{scope: s.Scope})
			si = len(g.scopes) - 1
		}
		g.scopes[si].spans = append(g.scopes[si].spans, s)
	}
	return groups
}
