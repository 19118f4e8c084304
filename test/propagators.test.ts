// Trace context formats chosen with OTEL_PROPAGATORS (runtime/trace/propagators.go): W3C trace
// context and baggage by default, Zipkin B3 as one header (b3) or several (b3multi), or none. A
// woven program receives a request carrying a parent in one format, calls a second endpoint with
// the woven client, and prints the headers that endpoint received; its spans are exported to an
// OTLP receiver on loopback, so the test sees both sides of each hop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goWeave, run, tempDir } from './support/go-tool.ts';
import type { ReceivedSpan } from './support/otlp-receiver.ts';
import { runTraced } from './support/traced-run.ts';

const PROGRAM = `package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
)

// The propagation headers the back end can receive.
var propagated = []string{"Traceparent", "Tracestate", "Baggage", "B3", "X-B3-Traceid", "X-B3-Spanid", "X-B3-Sampled", "X-B3-Flags", "X-B3-Parentspanid"}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	base := "http://" + ln.Addr().String()
	mux := http.NewServeMux()
	mux.HandleFunc("/back", func(w http.ResponseWriter, r *http.Request) {
		for _, k := range propagated {
			if v := r.Header.Values(k); len(v) > 0 {
				fmt.Fprintf(w, "%s: %s\\n", k, strings.Join(v, " | "))
			}
		}
	})
	mux.HandleFunc("/front", func(w http.ResponseWriter, r *http.Request) {
		req, _ := http.NewRequestWithContext(r.Context(), "GET", base+"/back", nil)
		// The program's own tracing may have put trace context in its request already.
		if tp := os.Getenv("OUTGOING"); tp != "" {
			req.Header.Set("Traceparent", tp)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			http.Error(w, err.Error(), 502)
			return
		}
		defer resp.Body.Close()
		io.Copy(w, resp.Body)
	})
	go http.Serve(ln, mux)
	// The caller writes its request by hand: the front end gets exactly the headers in INCOMING.
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		panic(err)
	}
	incoming := strings.ReplaceAll(os.Getenv("INCOMING"), "\\n", "\\r\\n")
	method := os.Getenv("METHOD")
	if method == "" {
		method = "GET"
	}
	fmt.Fprintf(conn, "%s /front HTTP/1.1\\r\\nHost: front\\r\\nConnection: close\\r\\n%s\\r\\n", method, incoming)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		panic(err)
	}
	body, _ := io.ReadAll(resp.Body)
	fmt.Print(string(body))
}
`;

const SERVER = 2;
const CLIENT = 3;
const TID = '4bf92f3577b34da6a3ce929d0e0e4736';
const TID64 = 'a3ce929d0e0e4736';
const SID = '00f067aa0ba902b7';
const BAGGAGE = 'tenant=acme, user=alice;vip';
const OWN = '1111222233334444';
const OTHER_TID = '5555666677778888999900001111aaaa';

/** Runs the program with these incoming headers and OTEL_PROPAGATORS: what /back received, and the spans. */
async function hop(binary: string, incoming: string[], propagators?: string, outgoing?: string, method?: string): Promise<{ back: Record<string, string>; spans: ReceivedSpan[] }> {
  const env: NodeJS.ProcessEnv = {
    INCOMING: incoming.map((h) => h + '\n').join(''),
    ...(propagators === undefined ? {} : { OTEL_PROPAGATORS: propagators }),
    ...(outgoing === undefined ? {} : { OUTGOING: outgoing }),
    ...(method === undefined ? {} : { METHOD: method }),
  };
  const { stdout, stderr, spans } = await runTraced(binary, { env });
  assert.equal(stderr, '');
  const back = Object.fromEntries(stdout.trim().split('\n').filter(Boolean).map((l) => l.split(': ', 2) as [string, string]));
  return { back, spans };
}

/** The front end's server span and its client span to /back, which must be its child. */
function frontHop(spans: ReceivedSpan[]): { server: ReceivedSpan; client: ReceivedSpan } {
  const server = spans.find((s) => s.kind === SERVER && s.attributes['url.path'] === '/front');
  const client = spans.find((s) => s.kind === CLIENT);
  assert.ok(server && client, `spans: ${spans.map((s) => `${s.name}/${s.kind}`).join(', ')}`);
  assert.equal(client.parentSpanId, server.spanId);
  assert.equal(client.traceId, server.traceId);
  return { server, client };
}

test('OTEL_PROPAGATORS: W3C trace context and baggage by default, B3 single and multi, none', { timeout: 600_000 }, async () => {
  const dir = tempDir('propagators');
  writeFileSync(join(dir, 'go.mod'), 'module example.com/propagators\n\ngo 1.25\n');
  writeFileSync(join(dir, 'main.go'), PROGRAM);
  const b = goWeave(['build', '-o', join(dir, 'woven'), '.'], { cwd: dir });
  assert.equal(b.code, 0, b.stderr);

  // Default: traceparent and baggage in, traceparent and the same baggage out.
  {
    const { back, spans } = await hop(join(dir, 'woven'), [`traceparent: 00-${TID}-${SID}-01`, `baggage: ${BAGGAGE}`]);
    const { server, client } = frontHop(spans);
    assert.equal(server.traceId, TID);
    assert.equal(server.parentSpanId, SID);
    assert.deepEqual(back, { Traceparent: `00-${TID}-${client.spanId}-01`, Baggage: 'tenant=acme,user=alice;vip' });
  }
  // b3multi,baggage: a 64-bit B3 trace id is widened; X-B3-* and baggage out, no traceparent.
  {
    const { back, spans } = await hop(join(dir, 'woven'), [`X-B3-TraceId: ${TID64}`, `X-B3-SpanId: ${SID}`, 'X-B3-Sampled: 1', `baggage: ${BAGGAGE}`], 'b3multi,baggage');
    const { server, client } = frontHop(spans);
    assert.equal(server.traceId, '0000000000000000' + TID64);
    assert.equal(server.parentSpanId, SID);
    assert.deepEqual(back, { 'X-B3-Traceid': server.traceId, 'X-B3-Spanid': client.spanId, 'X-B3-Sampled': '1', Baggage: 'tenant=acme,user=alice;vip' });
  }
  // b3: the caller's "don't sample" holds across the hop, and nothing is exported.
  {
    const { back, spans } = await hop(join(dir, 'woven'), [`b3: ${TID}-${SID}-0`, `traceparent: 00-${TID}-${SID}-01`], 'b3');
    assert.deepEqual(spans, []);
    assert.deepEqual(Object.keys(back), ['B3']);
    assert.match(back.B3, new RegExp(`^${TID}-[0-9a-f]{16}-0$`));
    assert.ok(!back.B3.includes(SID), 'the client span has an id of its own');
  }
  // b3 with the decision deferred: this side's sampler decides (always on by default).
  {
    const { back, spans } = await hop(join(dir, 'woven'), [`b3: ${TID}-${SID}`], 'b3');
    const { server, client } = frontHop(spans);
    assert.equal(server.parentSpanId, SID);
    assert.deepEqual(back, { B3: `${TID}-${client.spanId}-1` });
  }
  // none: the incoming parent is not read, and nothing is sent on.
  {
    const { back, spans } = await hop(join(dir, 'woven'), [`traceparent: 00-${TID}-${SID}-01`, `baggage: ${BAGGAGE}`], 'none');
    const { server } = frontHop(spans);
    assert.notEqual(server.traceId, TID);
    assert.equal(server.parentSpanId, '');
    assert.deepEqual(back, {});
  }
  // The program set a traceparent on its request itself (its own tracing): of the trace the server
  // span is in, the server span stays the client span's parent; of another trace, the request
  // stays in that one, under the program's span.
  {
    const { back, spans } = await hop(join(dir, 'woven'), [`traceparent: 00-${TID}-${SID}-01`], undefined, `00-${TID}-${OWN}-01`);
    const { client } = frontHop(spans);
    assert.equal(back.Traceparent, `00-${TID}-${client.spanId}-01`);
  }
  {
    const { back, spans } = await hop(join(dir, 'woven'), [], undefined, `00-${OTHER_TID}-${OWN}-01`);
    const server = spans.find((s) => s.kind === SERVER && s.attributes['url.path'] === '/front');
    const client = spans.find((s) => s.kind === CLIENT);
    assert.ok(server && client);
    assert.notEqual(server.traceId, OTHER_TID);
    assert.equal(client.traceId, OTHER_TID);
    assert.equal(client.parentSpanId, OWN);
    assert.equal(back.Traceparent, `00-${OTHER_TID}-${client.spanId}-01`);
  }
  // A method HTTP does not define names no span: "HTTP" before the route, and _OTHER beside the method sent.
  {
    const { spans } = await hop(join(dir, 'woven'), [], undefined, undefined, 'PROPFIND');
    const server = spans.find((s) => s.kind === SERVER && s.attributes['url.path'] === '/front');
    assert.ok(server);
    assert.equal(server.name, 'HTTP /front');
    assert.equal(server.attributes['http.request.method'], '_OTHER');
    assert.equal(server.attributes['http.request.method_original'], 'PROPFIND');
    assert.equal(spans.find((s) => s.kind === CLIENT)?.name, 'GET');
  }
  // The plain build sends nothing on.
  const plain = run('go', ['build', '-o', join(dir, 'plain'), '.'], { cwd: dir });
  assert.equal(plain.code, 0, plain.stderr);
  assert.deepEqual((await hop(join(dir, 'plain'), [`traceparent: 00-${TID}-${SID}-01`])).back, {});
});
