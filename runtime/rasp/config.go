package rasp

import (
	"fmt"
	"net/textproto"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"go-weave.dev/runtime/internal/sqltok"
)

// Mode says what a detected attack leads to.
type Mode int

const (
	// Off: no checks at all.
	Off Mode = iota
	// Monitor: record a rasp.decision event on the request span, let the
	// operation run.
	Monitor
	// Block: record the event, refuse the operation with a *BlockedError and
	// answer the request with 403 if nothing was written yet.
	Block
)

func (m Mode) String() string {
	switch m {
	case Off:
		return "off"
	case Block:
		return "block"
	}
	return "monitor"
}

// config is read from the environment once, at the first check:
//
//	GOWEAVE_RASP              off | monitor | block (default monitor)
//	GOWEAVE_RASP_HEADERS      request headers whose values count as inputs
//	                          (comma-separated, or none; default User-Agent,Referer,X-Forwarded-For)
//	GOWEAVE_RASP_SQL_DIALECT  auto | standard | mysql (default auto: both readings)
type config struct {
	mode     Mode
	headers  []string
	dialects []sqltok.Dialect
}

var (
	cfgOnce sync.Once
	cfg     atomic.Pointer[config]
)

func currentConfig() config {
	cfgOnce.Do(func() {
		c, problems := configFrom(os.Getenv)
		for _, p := range problems {
			fmt.Fprintf(os.Stderr, "go-weave: rasp: %s\n", p)
		}
		cfg.CompareAndSwap(nil, &c)
	})
	return *cfg.Load()
}

// configFrom parses the settings; problems name the variable, the bad value
// and what was expected, and the default is used instead.
func configFrom(getenv func(string) string) (config, []string) {
	c := config{mode: Monitor, dialects: sqltok.Dialects}
	var problems []string
	switch v := strings.ToLower(strings.TrimSpace(getenv("GOWEAVE_RASP"))); v {
	case "", "monitor":
	case "off", "false", "0":
		c.mode = Off
	case "block":
		c.mode = Block
	default:
		problems = append(problems, fmt.Sprintf("GOWEAVE_RASP=%q: expected off, monitor or block; using monitor", v))
	}
	headers := strings.TrimSpace(getenv("GOWEAVE_RASP_HEADERS"))
	switch strings.ToLower(headers) {
	case "":
		headers = "User-Agent,Referer,X-Forwarded-For"
	case "none":
		headers = ""
	}
	for _, h := range strings.Split(headers, ",") {
		if h = strings.TrimSpace(h); h != "" {
			c.headers = append(c.headers, textproto.CanonicalMIMEHeaderKey(h))
		}
	}
	switch v := strings.ToLower(strings.TrimSpace(getenv("GOWEAVE_RASP_SQL_DIALECT"))); v {
	case "", "auto":
	default:
		if d, ok := sqltok.ByName(v); ok {
			c.dialects = []sqltok.Dialect{d}
			break
		}
		problems = append(problems, fmt.Sprintf("GOWEAVE_RASP_SQL_DIALECT=%q: expected auto, standard or mysql; using auto", v))
	}
	return c, problems
}
