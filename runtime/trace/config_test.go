package trace

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestResourceFromEnv(t *testing.T) {
	env := map[string]string{
		"OTEL_RESOURCE_ATTRIBUTES": "service.name=from-attrs,deployment.environment=prod%20eu,team=a%2Cb",
	}
	r, err := resourceFromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if r.Get("service.name") != "from-attrs" || r.Get("deployment.environment") != "prod eu" || r.Get("team") != "a,b" {
		t.Fatalf("%+v", r.Attributes)
	}
	env["OTEL_SERVICE_NAME"] = "svc"
	r, _ = resourceFromEnv(func(k string) string { return env[k] })
	if r.Get("service.name") != "svc" || r.Get("telemetry.sdk.language") != "go" || r.Get("telemetry.sdk.version") != sdkVersion {
		t.Fatalf("%+v", r.Attributes)
	}
	r, _ = resourceFromEnv(func(string) string { return "" })
	if name, _ := r.Get("service.name").(string); !strings.HasPrefix(name, "unknown_service:") || len(name) <= len("unknown_service:") {
		t.Fatalf("default service.name %q", name)
	}
	_, err = resourceFromEnv(func(k string) string {
		if k == "OTEL_RESOURCE_ATTRIBUTES" {
			return "a=1,novalue"
		}
		return ""
	})
	if err == nil || !strings.Contains(err.Error(), "OTEL_RESOURCE_ATTRIBUTES") || !strings.Contains(err.Error(), "novalue") {
		t.Fatalf("want an error naming the variable and entry, got %v", err)
	}
}

func TestConfigWarningsNameVariable(t *testing.T) {
	env := map[string]string{"OTEL_BSP_MAX_QUEUE_SIZE": "lots", "OTEL_TRACES_SAMPLER": "maybe"}
	cfg, warns := configFromEnv(func(k string) string { return env[k] })
	joined := strings.Join(warns, "\n")
	if !strings.Contains(joined, "OTEL_BSP_MAX_QUEUE_SIZE=\"lots\": expected a positive integer") || !strings.Contains(joined, "OTEL_TRACES_SAMPLER") {
		t.Fatalf("warnings: %v", warns)
	}
	if cfg.bsp.maxQueue != 2048 || cfg.bsp.maxBatch != 512 {
		t.Fatalf("defaults not applied: %+v", cfg.bsp)
	}
	if got := exporterNames(" OTLP , console"); len(got) != 2 || got[0] != "otlp" || got[1] != "console" {
		t.Fatalf("exporterNames: %v", got)
	}
}

func TestBuildExportersUnknownAndNone(t *testing.T) {
	RegisterExporter("test-ok", func() (Exporter, error) { return &recorder{}, nil })
	RegisterExporter("test-err", func() (Exporter, error) { return nil, errors.New("no") })
	got := buildExporters([]string{"none", "test-ok", "test-err", "nosuch", "test-ok"}, true, false)
	if len(got) != 1 || got[0].name != "test-ok" {
		t.Fatalf("%+v", got)
	}
}

func TestGuards(t *testing.T) {
	if err := Guard(context.Background(), "test.none", "x"); err != nil {
		t.Fatal(err)
	}
	RegisterGuard("test.sql", func(_ context.Context, subject string) error {
		if strings.Contains(subject, "DROP") {
			return errors.New("blocked")
		}
		return nil
	})
	RegisterGuard("test.sql", func(context.Context, string) error { panic("guard bug") })
	if err := Guard(context.Background(), "test.sql", "SELECT 1"); err != nil {
		t.Fatalf("allowed query blocked: %v", err)
	}
	if err := Guard(context.Background(), "test.sql", "DROP TABLE t"); err == nil || err.Error() != "blocked" {
		t.Fatalf("want blocked, got %v", err)
	}
}

func TestIsTestBinary(t *testing.T) {
	for args, want := range map[string]bool{
		"/tmp/go-build1/b001/p.test": true, `C:\b001\p.test.exe`: true, "p.test": true,
		"/usr/bin/server": false, "/tmp/.test": false, "": false,
	} {
		if got := isTestBinary([]string{args}); got != want {
			t.Errorf("isTestBinary(%q) = %v, want %v", args, got, want)
		}
	}
	if isTestBinary(nil) {
		t.Error("isTestBinary(nil)")
	}
}
