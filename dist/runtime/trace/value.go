package trace

import (
	"fmt"
	"math"
	"strconv"
)

// normalizeValue maps any attribute value onto the small set of types
// exporters handle (see Attribute), so no exporter needs reflection.
func normalizeValue(v any) any {
	switch x := v.(type) {
	case string, bool, int64, float64, []string, []bool, []int64, []float64:
		return x
	case int:
		return int64(x)
	case int8:
		return int64(x)
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case uint8:
		return int64(x)
	case uint16:
		return int64(x)
	case uint32:
		return int64(x)
	case uint:
		return uintValue(uint64(x))
	case uint64:
		return uintValue(x)
	case float32:
		return float64(x)
	case []int:
		out := make([]int64, len(x))
		for i, n := range x {
			out[i] = int64(n)
		}
		return out
	case []byte:
		return string(x)
	case nil:
		return ""
	case error:
		return safeString(x.Error)
	case fmt.Stringer:
		return safeString(x.String)
	}
	return fmt.Sprint(v)
}

// uintValue keeps unsigned values that fit int64 numeric and renders the
// rest as decimal strings instead of letting them wrap negative.
func uintValue(u uint64) any {
	if u > math.MaxInt64 {
		return strconv.FormatUint(u, 10)
	}
	return int64(u)
}

// safeString calls a user String/Error method, which may panic on a nil
// receiver; attribute setting must not panic into the program.
func safeString(f func() string) (s string) {
	defer func() {
		if r := recover(); r != nil {
			s = fmt.Sprintf("<panic in String: %v>", r)
		}
	}()
	return f()
}
