// The SDK repository rules: pinned downloads are verified by sha256 (served from loopback here),
// and bad settings fail with errors that say what was expected.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type BazelRun, repoRoot, requireBazel, startBazelRun } from './support/bazel-harness.ts';

/** A .tar.gz laid out like a Go release: go/VERSION, go/bin/go. */
function fakeGoArchive(dir: string): Buffer {
  const src = join(dir, 'archive-src');
  mkdirSync(join(src, 'go', 'bin'), { recursive: true });
  writeFileSync(join(src, 'go', 'VERSION'), 'go1.26.8\ntime 2026-01-01T00:00:00Z\n');
  writeFileSync(join(src, 'go', 'bin', 'go'), '#!/bin/sh\necho fake\n', { mode: 0o755 });
  const out = join(dir, 'go.tar.gz');
  const r = spawnSync('tar', ['-czf', out, '-C', src, 'go']);
  assert.equal(r.status, 0, r.stderr?.toString());
  return readFileSync(out);
}

describe('go_weave_dependencies repository rules', () => {
  let run: BazelRun;
  let server: Server;
  let baseUrl: string;
  let archive: Buffer;
  let requests: string[];

  before(async () => {
    requireBazel();
    run = startBazelRun();
    archive = fakeGoArchive(run.root);
    requests = [];
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/dl/go1.26.8.linux-amd64.tar.gz') {
        res.writeHead(200, { 'content-type': 'application/gzip' }).end(archive);
      } else res.writeHead(404).end();
    });
    server.listen(0, '127.0.0.1');
    await new Promise((done) => server.once('listening', done));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dl/`;
  });
  after(async () => {
    await run?.dispose();
    server?.close();
  });

  // One workspace, rewritten per case: a new WORKSPACE re-evaluates the repositories without
  // paying for another Bazel server.
  let ws = '';
  function workspace(depsArgs: string): string {
    ws ||= mkdtempSync(join(run.root, 'ws-'));
    writeFileSync(
      join(ws, 'WORKSPACE'),
      [
        'workspace(name = "repo_test")',
        `local_repository(name = "go_weave", path = ${JSON.stringify(repoRoot)})`,
        'load("@go_weave//bazel:repositories.bzl", "go_weave_dependencies")',
        `go_weave_dependencies(${depsArgs})`,
        '',
      ].join('\n'),
    );
    writeFileSync(join(ws, 'BUILD.bazel'), '');
    return ws;
  }

  test('a pinned Go SDK is downloaded from the configured base URL and checked', async () => {
    const sha = createHash('sha256').update(archive).digest('hex');
    const ws = workspace(`go_base_url = "${baseUrl}", go_sdks = {"linux_amd64": ["go1.26.8.linux-amd64.tar.gz", "${sha}"]}, node_path = "host"`);
    const r = await run.bazel(ws, 'query', ['@go_weave_go_sdk//:all']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /@go_weave_go_sdk\/\/:files/);
    assert.ok(requests.includes('/dl/go1.26.8.linux-amd64.tar.gz'));
  });

  test('an SDK sha256 mismatch fails naming both digests', async () => {
    const wrong = 'ab'.repeat(32);
    const ws = workspace(`go_base_url = "${baseUrl}", go_sdks = {"linux_amd64": ["go1.26.8.linux-amd64.tar.gz", "${wrong}"]}, node_path = "host"`);
    const r = await run.bazel(ws, 'query', ['@go_weave_go_sdk//:all']);
    assert.notEqual(r.code, 0);
    const actual = createHash('sha256').update(archive).digest('hex');
    assert.match(r.stderr, /[Cc]hecksum/);
    assert.ok(r.stderr.includes(wrong), r.stderr);
    assert.ok(r.stderr.includes(actual), r.stderr);
  });

  test('an unpinned version and a non-GOROOT path are clear errors', async () => {
    const ws1 = workspace('go_version = "1.19.0", node_path = "host"');
    const r1 = await run.bazel(ws1, 'query', ['@go_weave_go_sdk//:all']);
    assert.notEqual(r1.code, 0);
    assert.match(r1.stderr, /no pinned Go SDK 1\.19\.0; known versions: 1\.25\.9, 1\.26\.8/);
    const ws2 = workspace(`go_sdk_path = ${JSON.stringify(run.root)}, node_path = "host"`);
    const r2 = await run.bazel(ws2, 'query', ['@go_weave_go_sdk//:all']);
    assert.notEqual(r2.code, 0);
    assert.ok(r2.stderr.includes(`${run.root} is not a GOROOT (expected ${run.root}/bin/go)`), r2.stderr);
  });
});
