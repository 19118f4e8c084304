// A loopback GOPROXY serving one small module, so a job has something to download into
// its module cache and a tool to `go install pkg@version`.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';

export const MODULE = 'example.test/greet';
export const VERSION = 'v1.0.0';

const FILES: Record<string, string> = {
  'go.mod': `module ${MODULE}\n\ngo 1.22\n`,
  'greet.go': 'package greet\n\n// Hello greets.\nfunc Hello(name string) string { return "hello, " + name }\n',
  'cmd/greeter/main.go': `package main\n\nimport (\n\t"fmt"\n\n\t"${MODULE}"\n)\n\nfunc main() { fmt.Println(greet.Hello("tool")) }\n`,
};

/** A stored (uncompressed) zip: enough for the go command's module zip reader. */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const nameBuf = Buffer.from(name);
    const crc = zlib.crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(0x00210000, 10); // DOS time/date: 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    locals.push(local, nameBuf, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(0x00210000, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const n = Object.keys(files).length;
  end.writeUInt16LE(n, 8);
  end.writeUInt16LE(n, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export interface GoProxy {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** Serves MODULE@VERSION with `files` (default: a greeter library and a tool). */
export async function startGoProxy(files: Record<string, string> = FILES): Promise<GoProxy> {
  const prefixed: Record<string, string> = {};
  for (const [k, v] of Object.entries(files)) prefixed[`${MODULE}@${VERSION}/${k}`] = v;
  const zipped = zip(prefixed);
  const info = JSON.stringify({ Version: VERSION, Time: '2026-01-01T00:00:00Z' });
  const s: GoProxy = { url: '', requests: [], close: async () => {} };
  const server = http.createServer((req, res) => {
    const p = req.url ?? '';
    s.requests.push(p);
    const base = `/${MODULE}/@v/`;
    const routes: Record<string, [string, string | Buffer]> = {
      [`${base}list`]: ['text/plain', `${VERSION}\n`],
      [`/${MODULE}/@latest`]: ['application/json', info],
      [`${base}${VERSION}.info`]: ['application/json', info],
      [`${base}${VERSION}.mod`]: ['text/plain', files['go.mod'] ?? `module ${MODULE}\n`],
      [`${base}${VERSION}.zip`]: ['application/zip', zipped],
    };
    const hit = routes[p];
    if (!hit) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': hit[0] }).end(hit[1]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  s.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  s.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return s;
}
