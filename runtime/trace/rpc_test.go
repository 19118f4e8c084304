package trace

import "testing"

func TestRPCStatusName(t *testing.T) {
	for code, want := range map[uint32]string{0: "OK", 1: "CANCELLED", 5: "NOT_FOUND", 16: "UNAUTHENTICATED", 17: "17", 1 << 31: "2147483648"} {
		if got := RPCStatusName(code); got != want {
			t.Errorf("RPCStatusName(%d) = %q, want %q", code, got, want)
		}
	}
}
