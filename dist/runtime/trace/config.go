package trace

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// bspConfig holds the batch span processor settings (OTEL_BSP_*).
type bspConfig struct {
	maxQueue int
	maxBatch int
	delay    time.Duration
	timeout  time.Duration
}

// spanLimits bound what one span keeps (OTEL_*_LIMIT); excess attributes
// and events are counted as dropped, long strings are cut.
type spanLimits struct {
	attrs      int
	events     int
	eventAttrs int
	valueLen   int // in characters; 0 means unlimited
}

// truncate cuts string values (and the strings of a []string) to valueLen
// characters, on a rune boundary.
func (l *spanLimits) truncate(v any) any {
	if l.valueLen <= 0 {
		return v
	}
	switch x := v.(type) {
	case string:
		return truncateString(x, l.valueLen)
	case []string:
		var out []string
		for i, s := range x {
			if t := truncateString(s, l.valueLen); len(t) != len(s) {
				if out == nil {
					out = append([]string(nil), x...)
				}
				out[i] = t
			}
		}
		if out != nil {
			return out
		}
	}
	return v
}

func truncateString(s string, n int) string {
	if len(s) <= n {
		return s // no more bytes than allowed characters
	}
	chars := 0
	for i := range s {
		if chars == n {
			return s[:i]
		}
		chars++
	}
	return s
}

type config struct {
	limits    spanLimits
	disabled  bool
	sampler   sampler
	resource  *Resource
	exporters []string
	bsp       bspConfig
	signals   bool
}

// configFromEnv reads every setting the trace package understands. Bad
// values fall back to the default and are reported, naming the variable and
// what was expected, in the returned warnings.
func configFromEnv(getenv func(string) string) (config, []string) {
	var warns []string
	warn := func(err error) {
		if err != nil {
			warns = append(warns, err.Error())
		}
	}
	c := config{
		disabled: strings.EqualFold(strings.TrimSpace(getenv("OTEL_SDK_DISABLED")), "true"),
		// A test binary is stopped by the go command, and a handler would be one more goroutine.
		signals: !forTests.Load() && !strings.EqualFold(strings.TrimSpace(getenv("GOWEAVE_TRACE_SIGNALS")), "false"),
	}
	var err error
	c.sampler, err = samplerFromEnv(getenv("OTEL_TRACES_SAMPLER"), getenv("OTEL_TRACES_SAMPLER_ARG"))
	warn(err)
	c.resource, err = resourceFromEnv(getenv)
	warn(err)
	c.exporters = exporterNames(getenv("OTEL_TRACES_EXPORTER"))

	intVar := func(name string, def int) int {
		n, err := positiveInt(getenv, name, def)
		warn(err)
		return n
	}
	c.bsp = bspConfig{
		maxQueue: intVar("OTEL_BSP_MAX_QUEUE_SIZE", 2048),
		maxBatch: intVar("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", 512),
		delay:    time.Duration(intVar("OTEL_BSP_SCHEDULE_DELAY", defaultDelayMs())) * time.Millisecond,
		timeout:  time.Duration(intVar("OTEL_BSP_EXPORT_TIMEOUT", 30000)) * time.Millisecond,
	}
	attrCount := intVar("OTEL_ATTRIBUTE_COUNT_LIMIT", 128)
	valueLen, err := nonNegativeInt(getenv, "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", 0)
	warn(err)
	c.limits = spanLimits{
		attrs:      intVar("OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", attrCount),
		events:     intVar("OTEL_SPAN_EVENT_COUNT_LIMIT", 128),
		eventAttrs: intVar("OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT", attrCount),
	}
	c.limits.valueLen, err = nonNegativeInt(getenv, "OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", valueLen)
	warn(err)
	if c.bsp.maxBatch > c.bsp.maxQueue {
		// The specification requires batch <= queue.
		c.bsp.maxBatch = c.bsp.maxQueue
	}
	return c, warns
}

func positiveInt(getenv func(string) string, name string, def int) (int, error) {
	raw := strings.TrimSpace(getenv(name))
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n <= 0 {
		return def, fmt.Errorf("%s=%q: expected a positive integer; using %d", name, raw, def)
	}
	return n, nil
}

func nonNegativeInt(getenv func(string) string, name string, def int) (int, error) {
	raw := strings.TrimSpace(getenv(name))
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 0 {
		return def, fmt.Errorf("%s=%q: expected a non-negative integer; using %d", name, raw, def)
	}
	return n, nil
}

// exporterNames splits OTEL_TRACES_EXPORTER; unset means "otlp".
func exporterNames(raw string) []string {
	var names []string
	for _, n := range strings.Split(raw, ",") {
		n = strings.ToLower(strings.TrimSpace(n))
		if n != "" {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return []string{"otlp"}
	}
	return names
}

// resourceFromEnv builds the resource: telemetry.sdk.*, then
// OTEL_RESOURCE_ATTRIBUTES, then OTEL_SERVICE_NAME, each overriding the last.
func resourceFromEnv(getenv func(string) string) (*Resource, error) {
	attrs := []Attribute{
		{Key: "telemetry.sdk.name", Value: "go-weave"},
		{Key: "telemetry.sdk.language", Value: "go"},
		{Key: "telemetry.sdk.version", Value: sdkVersion},
		{Key: "process.runtime.name", Value: "go"},
		{Key: "process.runtime.version", Value: runtime.Version()},
		{Key: "process.pid", Value: int64(os.Getpid())},
		{Key: "process.executable.name", Value: exeName()},
	}
	if h, err := os.Hostname(); err == nil && h != "" {
		attrs = append(attrs, Attribute{Key: "host.name", Value: h})
	}
	set := func(k string, v any) { attrs, _ = setAttr(attrs, 0, 1<<30, k, v) }
	parsed, err := parseKeyValueList(getenv("OTEL_RESOURCE_ATTRIBUTES"))
	if err != nil {
		err = fmt.Errorf("OTEL_RESOURCE_ATTRIBUTES: %v; ignoring the variable", err)
	}
	for _, kv := range parsed {
		set(kv[0], kv[1])
	}
	if name := strings.TrimSpace(getenv("OTEL_SERVICE_NAME")); name != "" {
		set("service.name", name)
	}
	has := false
	for _, a := range attrs {
		has = has || a.Key == "service.name"
	}
	if !has {
		set("service.name", "unknown_service:"+exeName())
	}
	return &Resource{Attributes: attrs}, err
}

func exeName() string {
	if p, err := os.Executable(); err == nil {
		return filepath.Base(p)
	}
	if len(os.Args) > 0 {
		return filepath.Base(os.Args[0])
	}
	return "go"
}

// parseKeyValueList parses the W3C-baggage-like "k=v,k2=v2" form used by
// OTEL_RESOURCE_ATTRIBUTES and the OTLP header variables. Values (and keys)
// are percent-decoded. Any malformed member rejects the whole list.
func parseKeyValueList(raw string) ([][2]string, error) {
	var out [][2]string
	if strings.TrimSpace(raw) == "" {
		return nil, nil
	}
	for i, member := range strings.Split(raw, ",") {
		member = strings.TrimSpace(member)
		if member == "" {
			continue
		}
		eq := strings.IndexByte(member, '=')
		if eq <= 0 {
			return nil, fmt.Errorf("entry %d %q: expected key=value", i+1, member)
		}
		k, err1 := PercentDecode(strings.TrimSpace(member[:eq]))
		v, err2 := PercentDecode(strings.TrimSpace(member[eq+1:]))
		if err1 != nil || err2 != nil || k == "" {
			return nil, fmt.Errorf("entry %d %q: expected key=value with valid %%XX escapes", i+1, member)
		}
		out = append(out, [2]string{k, v})
	}
	return out, nil
}

// ParseKeyValueList is parseKeyValueList for the exporter packages, which
// read OTEL_EXPORTER_OTLP_HEADERS in the same format.
func ParseKeyValueList(raw string) ([][2]string, error) { return parseKeyValueList(raw) }

// PercentDecode decodes %XX escapes (and nothing else: '+' stays '+').
func PercentDecode(s string) (string, error) {
	if strings.IndexByte(s, '%') < 0 {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		if i+2 >= len(s) {
			return "", fmt.Errorf("truncated escape in %q", s)
		}
		n, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
		if err != nil {
			return "", fmt.Errorf("bad escape %q in %q", s[i:i+3], s)
		}
		b.WriteByte(byte(n))
		i += 2
	}
	return b.String(), nil
}

// defaultDelayMs is the schedule delay unless OTEL_BSP_SCHEDULE_DELAY says otherwise: a test
// binary exports almost at once, so that its export goroutine is gone soon after a test.
func defaultDelayMs() int {
	if forTests.Load() {
		return 10
	}
	return 5000
}
