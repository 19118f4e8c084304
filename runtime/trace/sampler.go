package trace

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// sampler decides at span start whether a new span is sampled.
type sampler interface {
	sample(parent *Span, traceID [16]byte) bool
}

type alwaysOn struct{}

func (alwaysOn) sample(*Span, [16]byte) bool { return true }

type alwaysOff struct{}

func (alwaysOff) sample(*Span, [16]byte) bool { return false }

// traceIDRatio samples when the low 63 bits of the trace id's last 8 bytes
// fall under the ratio, so every process reaches the same verdict for a trace.
type traceIDRatio struct{ bound uint64 }

func newTraceIDRatio(ratio float64) traceIDRatio {
	if ratio >= 1 {
		return traceIDRatio{bound: 1 << 63}
	}
	if ratio <= 0 {
		return traceIDRatio{bound: 0}
	}
	return traceIDRatio{bound: uint64(ratio * (1 << 63))}
}

func (r traceIDRatio) sample(_ *Span, id [16]byte) bool {
	return binary.BigEndian.Uint64(id[8:])>>1 < r.bound
}

// parentBased follows the parent's sampled flag and uses root for new traces.
type parentBased struct{ root sampler }

func (p parentBased) sample(parent *Span, id [16]byte) bool {
	if parent != nil && !parent.deferred {
		return parent.flags&FlagSampled != 0
	}
	return p.root.sample(nil, id)
}

// samplerFromEnv reads OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG. An
// unknown name or bad ratio returns the default with a warning text.
func samplerFromEnv(name, arg string) (sampler, error) {
	ratio := func() (float64, error) {
		if strings.TrimSpace(arg) == "" {
			return 1, nil
		}
		r, err := strconv.ParseFloat(strings.TrimSpace(arg), 64)
		if err != nil || r < 0 || r > 1 {
			return 1, fmt.Errorf("OTEL_TRACES_SAMPLER_ARG=%q: expected a ratio between 0 and 1", arg)
		}
		return r, nil
	}
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "parentbased_always_on":
		return parentBased{alwaysOn{}}, nil
	case "always_on":
		return alwaysOn{}, nil
	case "always_off":
		return alwaysOff{}, nil
	case "parentbased_always_off":
		return parentBased{alwaysOff{}}, nil
	case "traceidratio":
		r, err := ratio()
		return newTraceIDRatio(r), err
	case "parentbased_traceidratio":
		r, err := ratio()
		return parentBased{newTraceIDRatio(r)}, err
	}
	return parentBased{alwaysOn{}}, fmt.Errorf("OTEL_TRACES_SAMPLER=%q: expected always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off or parentbased_traceidratio", name)
}
