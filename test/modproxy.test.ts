// The pieces of go-weave's module proxy that follow the go command's rules: pseudo-versions that
// sort right after a release, go.sum's h1 hashes, GONOPROXY patterns and the proxy's escaping.
// (gocmd-modcache.test.ts has the real go command download, verify and build a served version.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import semver from 'semver';
import { bypassesProxy, escapeModulePath, hash1, proxyList, pseudoVersionAfter } from '../weaver/src/gocmd/modproxy.ts';

const T = '20260101123456';
const REV = '0123456789ab';

test('the pseudo-version sorts after the version it was woven from and before the next release', () => {
  const cases: [string, string, string][] = [
    ['v1.83.2', 'v1.83.3-0.20260101123456-0123456789ab', 'v1.83.3'],
    ['v0.0.0', 'v0.0.1-0.20260101123456-0123456789ab', 'v0.0.1'],
    ['v2.1.0-rc.1', 'v2.1.0-rc.1.0.20260101123456-0123456789ab', 'v2.1.0-rc.2'],
    // A pseudo-version already (no tag at all, and after a release).
    ['v0.0.0-20230101000000-abcdefabcdef', 'v0.0.0-20230101000000-abcdefabcdef.0.20260101123456-0123456789ab', 'v0.0.0-20230102000000-000000000000'],
    ['v1.2.4-0.20230101000000-abcdefabcdef', 'v1.2.4-0.20230101000000-abcdefabcdef.0.20260101123456-0123456789ab', 'v1.2.4'],
    ['v1.2.3', 'v1.2.4-0.20260101123456-0123456789ab', 'v1.2.4'],
  ];
  for (const [from, want, next] of cases) {
    const got = pseudoVersionAfter(from, T, REV);
    assert.equal(got, want, from);
    assert.ok(semver.gt(got.slice(1), from.slice(1)), `${got} > ${from}`);
    assert.ok(semver.lt(got.slice(1), next.slice(1)), `${got} < ${next}`);
    // The go command's pseudo-version form (module.IsPseudoVersion).
    assert.match(got, /^v[0-9]+\.(0\.0-|\d+\.\d+-([^+]*\.)?0\.)\d{14}-[A-Za-z0-9]+$/);
  }
  // +incompatible ties a version to a module without go.mod; not a version at all.
  for (const v of ['v2.0.0+incompatible', 'v1.2', '1.2.3', 'v1.2.3-01', 'latest', '']) assert.equal(pseudoVersionAfter(v, T, REV), undefined, v);
  assert.equal(pseudoVersionAfter('v1.2.3', '2026', REV), undefined);
});

test('h1 hashes are the go command\'s: SHA-256 of "<sha256>  <name>" lines in byte order of names', () => {
  // examples/service/go.sum: github.com/ncruces/julianday v1.0.0/go.mod, whose go.mod is this.
  assert.equal(hash1([{ name: 'go.mod', data: Buffer.from('module github.com/ncruces/julianday\n\ngo 1.17\n') }]), 'h1:Dusn2KvZrrovOMJuOt0TNXL6tB7U2E8kvza5fFc9G7g=');
  const a = { name: 'm@v1.0.0/a.go', data: Buffer.from('package a\n') };
  const b = { name: 'm@v1.0.0/B.go', data: Buffer.from('package a\n') };
  assert.equal(hash1([a, b]), hash1([b, a]));
  assert.notEqual(hash1([a, b]), hash1([a]));
  assert.throws(() => hash1([{ name: 'a\nb', data: Buffer.alloc(0) }]), /newline/);
});

test('GONOPROXY patterns match a module path or its leading elements, as globs', () => {
  assert.equal(bypassesProxy('example.com/a/b', 'example.com'), true);
  assert.equal(bypassesProxy('example.com/a/b', 'example.com/a'), true);
  assert.equal(bypassesProxy('example.com/a/b', '*.com'), true);
  assert.equal(bypassesProxy('git.corp.example/x', 'other.example,*.corp.example'), true);
  assert.equal(bypassesProxy('example.com/a/b', 'example.com/b'), false);
  assert.equal(bypassesProxy('example.community/a', 'example.com'), false);
  assert.equal(bypassesProxy('example.com/a', 'example.com/a/b'), false);
  assert.equal(bypassesProxy('example.com/a', ''), false);
  assert.equal(bypassesProxy('example.com/a', undefined), false);
  assert.equal(bypassesProxy('example.com/a', 'example.com/[ab]'), true);
  assert.equal(bypassesProxy('example.com/a', 'example.com/[^ab]'), false);
});

test('paths escape as the proxy protocol says, and the proxy goes first in GOPROXY', () => {
  assert.equal(escapeModulePath('github.com/Azure/azure-SDK'), 'github.com/!azure/azure-!s!d!k');
  assert.equal(proxyList('/cache/v1/modproxy', 'https://proxy.golang.org,direct'), 'file:///cache/v1/modproxy,https://proxy.golang.org,direct');
  assert.equal(proxyList('/cache/v1/modproxy', 'off'), 'file:///cache/v1/modproxy,off');
});
