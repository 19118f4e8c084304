// Downloads one archive and proves it is the one the listing describes. The toolkit's
// downloadTool has no checksum parameter and sleeps 10-20 s between retries, so the
// download is done here: streamed to disk, hashed on the way, size and sha256 checked.
import { HttpClient } from '@actions/http-client';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface Expected {
  sha256: string;
  size: number; // 0 when the listing gives none
}

class PermanentError extends Error {}

const ATTEMPTS = 3;

async function attempt(url: string, dest: string, expected: Expected): Promise<void> {
  const client = new HttpClient('go-weave-action');
  try {
    const res = await client.get(url);
    const status = res.message.statusCode ?? 0;
    if (status !== 200) {
      res.message.resume();
      const msg = `download of ${url} failed: HTTP ${status}${status === 404 ? ' (not found; check go-download-base-url and the version)' : ''}`;
      if (status >= 500 || status === 408 || status === 429) throw new Error(msg);
      throw new PermanentError(msg);
    }
    const declared = Number(res.message.headers['content-length'] ?? NaN);
    const hash = crypto.createHash('sha256');
    let received = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        received += chunk.length;
        cb(null, chunk);
      },
    });
    try {
      await pipeline(res.message, tap, fs.createWriteStream(dest));
    } catch (e) {
      throw new Error(`download of ${url} was cut off after ${received} bytes${Number.isFinite(declared) ? ` of ${declared}` : ''}: ${(e as Error).message}`);
    }
    if (Number.isFinite(declared) && received !== declared) {
      throw new Error(`download of ${url} was truncated: received ${received} bytes, the server announced ${declared}`);
    }
    if (expected.size > 0 && received !== expected.size) {
      throw new PermanentError(`download of ${url} has ${received} bytes but the listing says ${expected.size}; the archive is truncated or not the listed one`);
    }
    const actual = hash.digest('hex');
    if (actual !== expected.sha256.toLowerCase()) {
      throw new PermanentError(`sha256 mismatch for ${url}: the listing says ${expected.sha256}, the download is ${actual}; refusing to install it`);
    }
  } finally {
    client.dispose();
  }
}

/**
 * Writes the verified archive to `dest`; on any failure `dest` is removed and the error
 * says what went wrong. Server errors and cut connections are retried briefly.
 */
export async function downloadVerified(
  url: string,
  dest: string,
  expected: Expected,
  log: (msg: string) => void,
): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await attempt(url, dest, expected);
      return;
    } catch (e) {
      fs.rmSync(dest, { force: true });
      if (e instanceof PermanentError || i >= ATTEMPTS) throw new Error((e as Error).message);
      log(`attempt ${i} of ${ATTEMPTS}: ${(e as Error).message}; retrying`);
      await new Promise((r) => setTimeout(r, 1000 * i));
    }
  }
}
