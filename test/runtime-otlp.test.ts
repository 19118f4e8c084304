// End-to-end tests of the Go tracing runtime: a real Go program, built with
// the real toolchain against runtime/, exports to a real OTLP receiver on
// loopback.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startReceiver, formatTraceTree, type ReceivedSpan } from "./support/otlp-receiver.ts";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const runtimeDir = join(repoRoot, "runtime");
const goBin = process.env.GOWEAVE_GO ?? "go";
// No network beyond loopback: resolve modules only through the replace.
const goEnv = { ...process.env, GOTOOLCHAIN: "local", GOPROXY: "off", GOFLAGS: "-mod=mod" };

const PROGRAM = `package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	_ "go-weave.dev/runtime/auto"
	"go-weave.dev/runtime/trace"
)

func main() {
	defer trace.Shutdown()
	ctx := context.Background()
	if tp := os.Getenv("IN_TRACEPARENT"); tp != "" {
		ctx = trace.ExtractHeaders(ctx, map[string][]string{"traceparent": {tp}})
	}
	ctx, parent := trace.Start(ctx, "parent-op", trace.KindServer)
	parent.SetAttribute("http.request.method", "GET")
	parent.SetAttribute("app.count", 42)
	parent.SetAttribute("app.ratio", 0.5)
	parent.SetAttribute("app.flag", true)
	parent.SetAttribute("app.tags", []string{"a", "b"})
	_, child := trace.Start(ctx, "child-op", trace.KindClient)
	child.SetAttribute("db.system.name", "sqlite")
	child.RecordError(errors.New("child failed"))
	child.End()
	fmt.Println(parent.TraceID(), parent.SpanID(), child.SpanID())
	mode := ""
	if len(os.Args) > 1 {
		mode = os.Args[1]
	}
	switch mode {
	case "sleep":
		_, pending := trace.Start(ctx, "pending", trace.KindInternal)
		defer pending.End()
		time.Sleep(2 * time.Minute)
	case "exit":
		// What a woven os.Exit call site does: deferred calls do not run.
		parent.End()
		trace.Exit(3)
	case "graceful":
		// What a woven signal.Notify call site does: tell the runtime first.
		trace.ProgramHandlesSignals(syscall.SIGTERM)
		stop := make(chan os.Signal, 1)
		signal.Notify(stop, syscall.SIGTERM)
		fmt.Println("ready")
		select {
		case <-stop:
			fmt.Println("graceful")
		case <-time.After(2 * time.Minute):
		}
	}
	parent.End()
}
`;

let workDir = "";
let prog = "";

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

// Guards against a hung child, not timing assertions. Builds get far longer:
// a cold cache compiles net/http and friends on a busy 2-core machine.
const PROGRAM_GUARD_MS = 120_000;
const GO_GUARD_MS = 15 * 60_000;

function collect(child: ChildProcess, guardMs = PROGRAM_GUARD_MS): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const guard = setTimeout(() => child.kill("SIGKILL"), guardMs);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

function waitForOutput(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes(text)) resolve();
    });
    child.on("close", () => reject(new Error(`exited before printing ${JSON.stringify(text)}; stdout: ${out}`)));
  });
}

function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  const guardMs = cmd === goBin ? GO_GUARD_MS : PROGRAM_GUARD_MS;
  return collect(spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? goEnv, stdio: ["ignore", "pipe", "pipe"] }), guardMs);
}

function progEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith("OTEL_")) delete env[k];
  // A long schedule delay: what arrives was delivered by the exit-time flush.
  return { ...env, OTEL_BSP_SCHEDULE_DELAY: "60000", ...extra };
}

before(async () => {
  workDir = await mkdtemp(join(tmpdir(), "go-weave-runtime-"));
  await writeFile(
    join(workDir, "go.mod"),
    `module example.com/tracedemo\n\ngo 1.25\n\nrequire go-weave.dev/runtime v0.0.0\n\nreplace go-weave.dev/runtime => ${runtimeDir}\n`,
  );
  await writeFile(join(workDir, "main.go"), PROGRAM);
  prog = join(workDir, "tracedemo");
  const r = await run(goBin, ["build", "-o", prog, "."], { cwd: workDir });
  assert.equal(r.code, 0, `go build failed (code ${r.code}, signal ${r.signal}):\n${r.stderr}`);
});

after(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

function byName(spans: ReceivedSpan[], name: string): ReceivedSpan {
  const s = spans.find((x) => x.name === name);
  assert.ok(s, `no span named ${name} in:\n${formatTraceTree(spans)}`);
  return s;
}

async function exportRoundTrip(protocol: "http/protobuf" | "http/json", gzip: boolean): Promise<void> {
  const receiver = await startReceiver();
  try {
    const incomingParent = "b7ad6b7169203331";
    const incomingTrace = "0af7651916cd43dd8448eb211c80319c";
    const r = await run(prog, [], {
      env: progEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
        OTEL_SERVICE_NAME: "demo-svc",
        OTEL_RESOURCE_ATTRIBUTES: "deployment.environment=test%20env",
        OTEL_EXPORTER_OTLP_HEADERS: "x-api-key=secret%20value,x-team=weave",
        IN_TRACEPARENT: `00-${incomingTrace}-${incomingParent}-01`,
        ...(gzip ? { OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: "gzip" } : {}),
      }),
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "", "a healthy export prints nothing");
    const [traceId, parentId, childId] = r.stdout.trim().split(" ");

    const spans = await receiver.waitFor((s) => s.length >= 2, 10_000);
    assert.equal(spans.length, 2, formatTraceTree(spans));
    const parent = byName(spans, "parent-op");
    const child = byName(spans, "child-op");

    // Ids and the tree, continuing the incoming W3C trace.
    assert.equal(traceId, incomingTrace);
    assert.equal(parent.traceId, incomingTrace);
    assert.equal(child.traceId, incomingTrace);
    assert.equal(parent.spanId, parentId);
    assert.equal(child.spanId, childId);
    assert.equal(parent.parentSpanId, incomingParent);
    assert.equal(child.parentSpanId, parent.spanId);
    assert.match(parent.spanId, /^[0-9a-f]{16}$/);
    assert.equal(parent.flags, 0x301, "sampled, with a remote parent");
    assert.equal(child.flags, 0x101, "sampled, local parent");
    assert.equal(parent.kind, 2);
    assert.equal(child.kind, 3);
    assert.ok(BigInt(parent.endTimeUnixNano) >= BigInt(child.endTimeUnixNano));
    assert.ok(BigInt(child.startTimeUnixNano) >= BigInt(parent.startTimeUnixNano));

    assert.deepEqual(parent.attributes, {
      "http.request.method": "GET",
      "app.count": 42,
      "app.ratio": 0.5,
      "app.flag": true,
      "app.tags": ["a", "b"],
    });
    assert.equal(child.attributes["db.system.name"], "sqlite");
    assert.deepEqual(child.status, { code: 2, message: "child failed" });
    assert.equal(child.events.length, 1);
    assert.equal(child.events[0].name, "exception");
    assert.equal(child.events[0].attributes["exception.message"], "child failed");
    assert.equal(child.events[0].attributes["exception.type"], "*errors.errorString");
    assert.deepEqual(parent.status, { code: 0, message: "" });

    assert.equal(parent.resource["service.name"], "demo-svc");
    assert.equal(parent.resource["deployment.environment"], "test env");
    assert.equal(parent.resource["telemetry.sdk.name"], "go-weave");
    assert.equal(parent.resource["telemetry.sdk.language"], "go");
    assert.equal(parent.scope.name, "go-weave.dev/runtime/trace");

    assert.ok(receiver.requests.length >= 1);
    for (const req of receiver.requests) {
      assert.equal(req.contentType, protocol === "http/json" ? "application/json" : "application/x-protobuf");
      assert.equal(req.headers["x-api-key"], "secret value");
      assert.equal(req.headers["x-team"], "weave");
      assert.equal(req.headers["content-encoding"], gzip ? "gzip" : undefined);
    }
    assert.deepEqual(receiver.errors, []);

    const tree = formatTraceTree(spans);
    assert.match(tree, new RegExp(`^trace ${incomingTrace}`));
    assert.match(tree, /parent-op \[SERVER\] [\d.]+ms  \(demo-svc\)  http\.request\.method=GET/);
    assert.match(tree, /\n {3}└─ child-op \[CLIENT\] [\d.]+ms  db\.system\.name=sqlite  ERROR: child failed/);
  } finally {
    await receiver.close();
  }
}

test("runtime exports a parent/child trace over OTLP http/protobuf", () => exportRoundTrip("http/protobuf", false));

test("runtime exports a parent/child trace over OTLP http/json, gzip-compressed", () => exportRoundTrip("http/json", true));

test("exporter retries a 503 from the collector and the spans still arrive", async () => {
  const receiver = await startReceiver({ failures: [503] });
  try {
    const r = await run(prog, [], { env: progEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint }) });
    assert.equal(r.code, 0, r.stderr);
    const spans = await receiver.waitFor((s) => s.length >= 2, 10_000);
    assert.equal(spans.length, 2);
    assert.equal(receiver.requests.length, 2, "one refused request, one retry");
  } finally {
    await receiver.close();
  }
});

async function closedPortEndpoint(): Promise<string> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const addr = srv.address();
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  assert.ok(addr && typeof addr === "object");
  return `http://127.0.0.1:${addr.port}`;
}

test("an unreachable collector does not fail the program and warns at most once", async () => {
  const receiver = await startReceiver();
  const endpoint = receiver.endpoint;
  await receiver.close();
  for (const endpointUrl of [endpoint, await closedPortEndpoint()]) {
    const r = await run(prog, [], { env: progEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: endpointUrl }) });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^[0-9a-f]{32} [0-9a-f]{16} [0-9a-f]{16}\n$/);
    const lines = r.stderr.split("\n").filter((l) => l.trim() !== "");
    assert.ok(lines.length <= 1, `more than one warning line:\n${r.stderr}`);
    if (lines.length === 1) assert.match(lines[0], /^go-weave: otlp: export to .* failed/);
  }
});

test("OTEL_TRACES_EXPORTER=console writes one JSON line per span; OTEL_SDK_DISABLED silences it", async () => {
  const r = await run(prog, [], { env: progEnv({ OTEL_TRACES_EXPORTER: "console", OTEL_SERVICE_NAME: "c-svc" }) });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stderr.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(lines.map((l) => l.name), ["child-op", "parent-op"]);
  assert.equal(lines[0].parentSpanId, lines[1].spanId);
  assert.equal((lines[1].resource as Record<string, unknown>)["service.name"], "c-svc");

  const off = await run(prog, [], { env: progEnv({ OTEL_TRACES_EXPORTER: "console", OTEL_SDK_DISABLED: "true" }) });
  assert.equal(off.code, 0);
  assert.equal(off.stderr, "");
  assert.equal(off.stdout.trim(), "", "a disabled SDK hands out nil spans with empty ids");
});

test("SIGTERM flushes ended spans, then the program still dies of the signal", async () => {
  const receiver = await startReceiver();
  try {
    const child = spawn(prog, ["sleep"], {
      env: progEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_SERVICE_NAME: "sig-svc" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const done = collect(child);
    // Wait until the program has ended its child span and is sleeping.
    await waitForOutput(child, "\n");
    assert.equal(receiver.spans().length, 0, "nothing is exported before the schedule delay or a signal");
    child.kill("SIGTERM");
    const r = await done;
    assert.equal(r.signal, "SIGTERM", `exit code ${r.code}, stderr:\n${r.stderr}`);
    const spans = await receiver.waitFor((s) => s.some((x) => x.name === "child-op"), 10_000);
    const ended = byName(spans, "child-op");
    assert.equal(ended.resource["service.name"], "sig-svc");
    assert.equal(ended.status.code, 2);
  } finally {
    await receiver.close();
  }
});

test("trace.Exit flushes before exiting with the given code", async () => {
  const receiver = await startReceiver();
  try {
    const r = await run(prog, ["exit"], { env: progEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint }) });
    assert.equal(r.code, 3, r.stderr);
    const spans = await receiver.waitFor((s) => s.length >= 2, 10_000);
    assert.deepEqual(spans.map((s) => s.name).sort(), ["child-op", "parent-op"]);
  } finally {
    await receiver.close();
  }
});

test("a program that handles SIGTERM itself keeps control and its spans arrive", async () => {
  const receiver = await startReceiver();
  try {
    const child = spawn(prog, ["graceful"], {
      env: progEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const done = collect(child);
    await waitForOutput(child, "ready\n");
    child.kill("SIGTERM");
    const r = await done;
    assert.equal(r.signal, null, r.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\ngraceful\n$/);
    const spans = await receiver.waitFor((s) => s.length >= 2, 10_000);
    assert.deepEqual(spans.map((s) => s.name).sort(), ["child-op", "parent-op"]);
  } finally {
    await receiver.close();
  }
});

test("go vet ./... and go test ./... pass in runtime/", async () => {
  const vet = await run(goBin, ["vet", "./..."], { cwd: runtimeDir });
  assert.equal(vet.code, 0, vet.stderr);
  const t = await run(goBin, ["test", "-count=1", "./..."], { cwd: runtimeDir });
  assert.equal(t.code, 0, t.stdout + t.stderr);
  for (const pkg of ["trace", "otlp", "rasp"]) assert.match(t.stdout, new RegExp(`ok\\s+go-weave\\.dev/runtime/${pkg}\\s`));
});
