package trace

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Woven net/http, database/sql, log and testing import this package;
// importing any of them (or what imports them) back would be an import cycle.
func TestForbiddenDependencies(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	out, err := exec.Command(goBin, "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	forbidden := map[string]bool{
		"net/http": true, "database/sql": true, "testing": true, "net": true, "crypto/tls": true,
		"database/sql/driver": true, "net/http/httptrace": true, "net/textproto": true,
		"log": true, "log/slog": true, "os/exec": true,
	}
	deps := strings.Fields(string(out))
	if len(deps) < 5 {
		t.Fatalf("suspiciously few deps: %v", deps)
	}
	for _, d := range deps {
		if forbidden[d] || strings.HasPrefix(d, "net/") || strings.HasPrefix(d, "crypto/") || strings.HasPrefix(d, "testing/") {
			t.Errorf("go-weave.dev/runtime/trace depends on %s", d)
		}
	}
}
