// A loopback cache service speaking what @actions/cache v6 sends with
// ACTIONS_CACHE_SERVICE_V2 set: Twirp JSON calls under
// /twirp/github.actions.results.api.v1.CacheService/, and an Azure-blob-like store behind
// the signed URLs it hands out (Put Blob for single-shot uploads, Put Block + Put Block
// List for large ones, plain GET for downloads). Blobs live on disk.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

const SERVICE = '/twirp/github.actions.results.api.v1.CacheService/';
const TOKEN = 'test-runtime-token';

interface Entry {
  id: number;
  key: string;
  version: string;
  blob: string; // blob name under the store
  finalized: boolean;
  size: number;
  created: number;
}

export interface CacheServer {
  url: string; // ACTIONS_RESULTS_URL
  env: Record<string, string>;
  entries: Entry[];
  calls: string[]; // "CreateCacheEntry <key>", "GET blob", …
  finalized(): Entry[];
  close(): Promise<void>;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

function twirpError(res: http.ServerResponse, status: number, code: string, msg: string): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ code, msg }));
}

export async function startCacheServer(dir: string): Promise<CacheServer> {
  fs.mkdirSync(dir, { recursive: true });
  let nextId = 1;
  const sigs = new Map<string, string>(); // blob name → signature issued for it
  const blocks = new Map<string, Map<string, Buffer>>(); // blob → blockid → data
  const s: CacheServer = {
    url: '',
    env: {},
    entries: [],
    calls: [],
    finalized: () => s.entries.filter((e) => e.finalized),
    close: async () => {},
  };

  const signedUrl = (blob: string): string => {
    let sig = sigs.get(blob);
    if (!sig) {
      sig = crypto.randomBytes(12).toString('hex');
      sigs.set(blob, sig);
    }
    // Path-style like a local storage emulator: /<account>/<container>/<blob>.
    return `${s.url}devstoreaccount1/caches/${blob}?sv=2024-01-01&sp=rw&sig=${sig}`;
  };

  async function twirp(method: string, body: Record<string, unknown>, res: http.ServerResponse): Promise<void> {
    const key = String(body.key ?? '');
    const version = String(body.version ?? '');
    if (!key || !version) return twirpError(res, 400, 'invalid_argument', 'key and version are required');
    s.calls.push(`${method} ${key}`);
    if (method === 'GetCacheEntryDownloadURL') {
      const restoreKeys = Array.isArray(body.restore_keys) ? body.restore_keys.map(String) : [];
      const done = s.finalized().filter((e) => e.version === version).sort((a, b) => b.created - a.created);
      for (const k of [key, ...restoreKeys]) {
        const hit = done.find((e) => e.key === k) ?? done.find((e) => e.key.startsWith(k));
        if (hit) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: true, signed_download_url: signedUrl(hit.blob), matched_key: hit.key }));
          return;
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false }));
      return;
    }
    if (method === 'CreateCacheEntry') {
      if (s.entries.some((e) => e.key === key && e.version === version && e.finalized)) {
        return twirpError(res, 409, 'already_exists', 'cache entry with the same key, version, and scope already exists');
      }
      const id = nextId++;
      const entry: Entry = { id, key, version, blob: `entry-${id}`, finalized: false, size: 0, created: Date.now() + id };
      s.entries.push(entry);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, signed_upload_url: signedUrl(entry.blob) }));
      return;
    }
    if (method === 'FinalizeCacheEntryUpload') {
      const entry = s.entries.find((e) => e.key === key && e.version === version && !e.finalized);
      const file = entry && path.join(dir, entry.blob);
      const size = Number(body.size_bytes ?? -1);
      if (!entry || !file || !fs.existsSync(file)) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, message: `no upload for ${key}` }));
        return;
      }
      if (fs.statSync(file).size !== size) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, message: `size mismatch: uploaded ${fs.statSync(file).size}, finalize says ${size}` }));
        return;
      }
      entry.finalized = true;
      entry.size = size;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, entry_id: String(entry.id) }));
      return;
    }
    twirpError(res, 404, 'bad_route', `no method ${method}`);
  }

  function blobHeaders(extra: Record<string, string> = {}): Record<string, string> {
    return {
      'x-ms-request-id': crypto.randomUUID(),
      'x-ms-version': '2024-11-04',
      date: new Date().toUTCString(),
      etag: `"0x${crypto.randomBytes(8).toString('hex').toUpperCase()}"`,
      'last-modified': new Date().toUTCString(),
      ...extra,
    };
  }

  function blobError(res: http.ServerResponse, status: number, code: string): void {
    res.writeHead(status, { 'content-type': 'application/xml', 'x-ms-error-code': code });
    res.end(`<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
  }

  async function blob(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const name = url.pathname.split('/').pop() ?? '';
    if (!sigs.has(name) || url.searchParams.get('sig') !== sigs.get(name)) return blobError(res, 403, 'AuthenticationFailed');
    const file = path.join(dir, name);
    const comp = url.searchParams.get('comp');
    if (req.method === 'GET' || req.method === 'HEAD') {
      s.calls.push(`${req.method} ${name}`);
      if (!fs.existsSync(file)) return blobError(res, 404, 'BlobNotFound');
      const size = fs.statSync(file).size;
      res.writeHead(200, blobHeaders({ 'content-length': String(size), 'content-type': 'application/octet-stream', 'x-ms-blob-type': 'BlockBlob' }));
      if (req.method === 'HEAD') return void res.end();
      fs.createReadStream(file).pipe(res);
      return;
    }
    if (req.method !== 'PUT') return blobError(res, 405, 'UnsupportedHttpVerb');
    const body = await readBody(req);
    if (comp === 'block') {
      const id = url.searchParams.get('blockid');
      if (!id) return blobError(res, 400, 'InvalidQueryParameterValue');
      if (!blocks.has(name)) blocks.set(name, new Map());
      blocks.get(name)!.set(id, body);
      s.calls.push(`PutBlock ${name}`);
      return void res.writeHead(201, blobHeaders({ 'content-length': '0' })).end();
    }
    if (comp === 'blocklist') {
      const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map((m) => m[1]);
      const staged = blocks.get(name) ?? new Map<string, Buffer>();
      if (ids.some((id) => !staged.has(id))) return blobError(res, 400, 'InvalidBlockList');
      const tmp = `${file}.tmp`;
      fs.writeFileSync(tmp, Buffer.concat(ids.map((id) => staged.get(id)!)));
      fs.renameSync(tmp, file);
      blocks.delete(name);
      s.calls.push(`PutBlockList ${name}`);
      return void res.writeHead(201, blobHeaders({ 'content-length': '0' })).end();
    }
    if (req.headers['x-ms-blob-type'] !== 'BlockBlob') return blobError(res, 400, 'MissingRequiredHeader');
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, body);
    fs.renameSync(tmp, file);
    s.calls.push(`PutBlob ${name}`);
    res.writeHead(201, blobHeaders({ 'content-length': '0', 'content-md5': crypto.createHash('md5').update(body).digest('base64') })).end();
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', s.url || 'http://127.0.0.1/');
    const handle = async () => {
      if (url.pathname.startsWith(SERVICE) && req.method === 'POST') {
        if (req.headers.authorization !== `Bearer ${TOKEN}`) return twirpError(res, 401, 'unauthenticated', 'bad token');
        if (!String(req.headers['content-type']).startsWith('application/json')) return twirpError(res, 415, 'malformed', 'expected JSON');
        let body: Record<string, unknown>;
        try {
          body = JSON.parse((await readBody(req)).toString('utf8')) as Record<string, unknown>;
        } catch {
          return twirpError(res, 400, 'malformed', 'body is not JSON');
        }
        return twirp(url.pathname.slice(SERVICE.length), body, res);
      }
      if (url.pathname.startsWith('/devstoreaccount1/caches/')) return blob(req, res, url);
      res.writeHead(404).end();
    };
    handle().catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(e));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  s.url = `http://127.0.0.1:${port}/`;
  s.env = { ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RESULTS_URL: s.url, ACTIONS_RUNTIME_TOKEN: TOKEN };
  s.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return s;
}
