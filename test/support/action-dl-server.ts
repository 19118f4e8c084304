// A loopback stand-in for go.dev/dl: the JSON listing at /?mode=json&include=all and the
// archives beside it, with switches for the ways a download goes wrong.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PackedToolchain } from './action-toolchain.ts';

export type ArchiveMode = 'ok' | '404' | '500' | 'truncate';

export interface DlServer {
  baseUrl: string;
  mode: ArchiveMode;
  listedSha: string; // what the listing claims for the real archive
  requests: string[];
  archiveRequests(): number;
  close(): Promise<void>;
}

export async function startDlServer(tc: PackedToolchain): Promise<DlServer> {
  const fake = (v: string, stable: boolean) => ({
    version: v,
    stable,
    files: [
      { filename: `${v}.src.tar.gz`, os: '', arch: '', version: v, sha256: 'b'.repeat(64), size: 1, kind: 'source' },
      { filename: `${v}.linux-amd64.tar.gz`, os: 'linux', arch: 'amd64', version: v, sha256: 'a'.repeat(64), size: 1, kind: 'archive' },
      { filename: `${v}.linux-arm64.tar.gz`, os: 'linux', arch: 'arm64', version: v, sha256: 'a'.repeat(64), size: 1, kind: 'archive' },
    ],
  });
  const state: DlServer = {
    baseUrl: '',
    mode: 'ok',
    listedSha: tc.sha256,
    requests: [],
    archiveRequests: () => state.requests.filter((r) => r.endsWith(tc.filename)).length,
    close: async () => {},
  };
  const goarch = tc.filename.split('.').slice(-3)[0].split('-')[1];
  const server = http.createServer((req, res) => {
    state.requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/dl/' && url.searchParams.get('mode') === 'json') {
      const real = {
        version: tc.goName,
        stable: true,
        files: [{ filename: tc.filename, os: 'linux', arch: goarch, version: tc.goName, sha256: state.listedSha, size: tc.size, kind: 'archive' }],
      };
      // Newest first, as go.dev lists them: a release candidate above the real one.
      const body = JSON.stringify([fake('go1.99rc1', false), real, fake('go1.25.9', true), fake('go1.20', true)]);
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      return;
    }
    if (url.pathname === `/dl/${tc.filename}`) {
      if (state.mode === '404') return void res.writeHead(404).end('not found');
      if (state.mode === '500') return void res.writeHead(500).end('internal error');
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(tc.size) });
      const stream = fs.createReadStream(tc.file, state.mode === 'truncate' ? { start: 0, end: Math.floor(tc.size / 3) } : {});
      stream.pipe(res, { end: state.mode !== 'truncate' });
      // Cut the connection mid-body, as a dropped download does.
      if (state.mode === 'truncate') stream.on('end', () => res.socket?.destroy());
      return;
    }
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  state.baseUrl = `http://127.0.0.1:${port}/dl`;
  state.close = () => new Promise((r) => {
    server.closeAllConnections();
    server.close(() => r());
  });
  return state;
}
