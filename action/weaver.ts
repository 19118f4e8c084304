// The weaver the action ships with (dist/weaver/go-weave.cjs beside dist/action/) and the
// facts about it that go into cache keys.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

/** The repository root of the action: dist/action/<entry>.cjs lives two levels below it. */
export function actionRoot(): string {
  return process.env.GOWEAVE_ACTION_ROOT || path.resolve(__dirname, '..', '..');
}

export function weaverBundle(): string {
  return path.join(actionRoot(), 'dist', 'weaver', 'go-weave.cjs');
}

/** go-weave's command beside the bundle: it replays unchanged builds without starting Node. */
export function weaverEntry(): string {
  return path.join(actionRoot(), 'dist', 'weaver', 'go-weave');
}

export function weaverVersion(): string {
  const pkg = path.join(actionRoot(), 'package.json');
  try {
    const v = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version?: unknown }).version;
    if (typeof v === 'string' && v) return v;
  } catch {
    // fall through
  }
  throw new Error(`cannot read the go-weave version from ${pkg}`);
}

/**
 * The aspect part of the build and weave cache keys: the weaver's hash of its built-in
 * aspects (`aspects --hash`), the bytes of the go-weave.yml in use, and the weaver version.
 * `aspects -c FILE` is not used: it reads FILE as a plain aspect file, not as a go-weave.yml
 * layered over the built-ins, and would reject a valid `disable:` of a built-in id. A broken
 * go-weave.yml is reported by the woven build itself (and annotated by the post step).
 */
export function aspectHash(config: string | undefined, version: string, log: (m: string) => void): string {
  const h = crypto.createHash('sha256').update(`go-weave ${version}\0`);
  const bundle = weaverBundle();
  try {
    const out = execFileSync(process.execPath, [bundle, 'aspects', '--hash'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    if (/^[0-9a-f]{8,}$/.test(out)) h.update(out);
    else log(`go-weave aspects --hash printed "${out.slice(0, 80)}", not a hex hash; the key relies on the weaver version`);
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    log(`go-weave aspects --hash failed (${(err.stderr || err.message).trim().split('\n')[0]}); the key relies on the weaver version`);
  }
  h.update('\0');
  if (config) h.update(fs.readFileSync(config));
  return h.digest('hex').slice(0, 16);
}

