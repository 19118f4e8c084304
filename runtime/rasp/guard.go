// Package rasp is go-weave's run-time application self-protection: at the
// point where a database query or a file path is used, it checks whether a
// value from the current HTTP request changed the query's token structure
// (SQL injection) or made the path leave its directory (path traversal).
//
// It registers guards with go-weave.dev/runtime/trace at init: "sql" (called
// by the woven database/sql and pgx before a query is sent), "file" (called by the
// wrappers in files.go that rasp.yml substitutes for os.Open and friends)
// and "http.request" (called by rasp.yml at request start to capture the
// body). Every detection is recorded on the request's server span as a
// rasp.decision event; GOWEAVE_RASP selects off, monitor or block.
package rasp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"

	"go-weave.dev/runtime/trace"
)

// ErrBlocked matches every *BlockedError with errors.Is.
var ErrBlocked = errors.New("go-weave rasp: blocked")

// BlockedError is returned in place of the operation's result when block
// mode refuses it. Match it with errors.As, or errors.Is(err, ErrBlocked).
type BlockedError struct {
	Rule   string // RuleSQLInjection or RulePathTraversal
	Input  Input  // the offending request value
	Reason string
}

func (e *BlockedError) Error() string {
	return fmt.Sprintf("go-weave rasp: %s blocked: %s %q: %s", e.Rule, e.Input, e.Input.Value, e.Reason)
}

func (e *BlockedError) Is(target error) bool { return target == ErrBlocked }

func init() {
	trace.RegisterGuard("sql", func(ctx context.Context, query string) error {
		return decide(ctx, query, func(in []Input, c config) *Finding { return checkSQL(query, in, c.dialects) })
	})
	trace.RegisterGuard("file", func(ctx context.Context, path string) error {
		return decide(ctx, path, func(in []Input, _ config) *Finding { return CheckPath(path, in) })
	})
	trace.RegisterGuard("http.request", captureRequest)
}

// requestState is kept on the request's server span.
type requestState struct {
	mu        sync.Mutex
	body      []Input
	inputs    []Input
	gathered  bool
	responded bool
}

const (
	localRequest = "http.request"
	localWriter  = "http.response_writer"
	localState   = "rasp.state"
	// localDone is set by rasp.yml when the handler has returned.
	localDone = "rasp.request.done"
)

var stateMu sync.Mutex // makes "get or create the state" atomic per span

func stateOf(root *trace.Span) *requestState {
	stateMu.Lock()
	defer stateMu.Unlock()
	st, _ := root.Local(localState).(*requestState)
	if st == nil {
		st = &requestState{}
		root.SetLocal(localState, st)
	}
	return st
}

// requestSpan finds the server span of the request being served: through
// the span in ctx, else the goroutine's span (go-weave:gls), as callers such
// as os.Open have no context.
func requestSpan(ctx context.Context) *trace.Span {
	s := trace.SpanFromContext(ctx)
	if s == nil {
		if cur := trace.CurrentGoroutineSpan; cur != nil {
			s = cur()
		}
	}
	return s.LocalRoot()
}

func captureRequest(ctx context.Context, _ string) error {
	if currentConfig().mode == Off {
		return nil
	}
	root := requestSpan(ctx)
	req, _ := root.Local(localRequest).(*http.Request)
	if req == nil {
		return nil
	}
	st := stateOf(root)
	body := captureBody(req)
	st.mu.Lock()
	st.body = body
	st.mu.Unlock()
	return nil
}

func (st *requestState) inputsFor(r *http.Request, headers []string) []Input {
	st.mu.Lock()
	defer st.mu.Unlock()
	// Gathered once, at the first check, which runs inside the handler:
	// by then the router has set the path wildcards.
	if !st.gathered {
		st.inputs = requestInputs(r, st.body, headers)
		st.gathered = true
	}
	return st.inputs
}

// decide runs check against the current request's inputs, records a finding
// and, in block mode, refuses.
func decide(ctx context.Context, subject string, check func([]Input, config) *Finding) error {
	c := currentConfig()
	if c.mode == Off {
		return nil
	}
	root := requestSpan(ctx)
	req, _ := root.Local(localRequest).(*http.Request)
	if req == nil {
		return nil // not serving a request: no untrusted input to compare with
	}
	if done, _ := root.Local(localDone).(bool); done {
		// A goroutine that outlived the request (it inherited the span):
		// its writer must not be touched, and the work is not the request's.
		return nil
	}
	st := stateOf(root)
	f := check(st.inputsFor(req, c.headers), c)
	if f == nil {
		return nil
	}
	action := "monitored"
	if c.mode == Block {
		action = "blocked"
	}
	root.AddEvent("rasp.decision",
		"rule", f.Rule,
		"input", f.Input.Value,
		"input.source", f.Input.String(),
		"mode", c.mode.String(),
		"action", action,
		"reason", f.Reason,
		"subject", truncate(subject, 1024),
	)
	if c.mode != Block {
		return nil
	}
	root.SetAttribute("rasp.blocked", true)
	st.forbid(root)
	return &BlockedError{Rule: f.Rule, Input: f.Input, Reason: f.Reason}
}

// forbid answers 403 through the request's ResponseWriter, once. A handler
// that already wrote its header keeps its status (net/http logs the
// superfluous WriteHeader); the refused operation still fails.
func (st *requestState) forbid(root *trace.Span) {
	w, _ := root.Local(localWriter).(http.ResponseWriter)
	if w == nil {
		return
	}
	st.mu.Lock()
	done := st.responded
	st.responded = true
	st.mu.Unlock()
	if done {
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusForbidden)
	_, _ = io.WriteString(w, "Forbidden: blocked by run-time protection\n")
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
