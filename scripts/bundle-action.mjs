// Bundles the GitHub Action's entry points into dist/action/{main,post}.cjs.
// The @actions/* packages are ESM-only; CommonJS output keeps the action runnable by any
// node the runner brings (node20 and node24) without a package.json beside the bundle.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'action');

export async function bundleAction() {
  fs.mkdirSync(outdir, { recursive: true });
  for (const entry of ['main', 'post']) {
    const result = await esbuild.build({
      entryPoints: [path.join(root, 'action', `${entry}.ts`)],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      write: false,
      minify: false,
      sourcemap: false,
      legalComments: 'none',
      logLevel: 'warning',
      absWorkingDir: root,
      // Some ESM dependencies read import.meta.url; in CommonJS it comes from __filename.
      define: { 'import.meta.url': '__goweave_import_meta_url' },
      banner: { js: 'const __goweave_import_meta_url = require("url").pathToFileURL(__filename).href;' },
    });
    const file = path.join(outdir, `${entry}.cjs`);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, result.outputFiles[0].contents);
    fs.renameSync(tmp, file);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bundleAction();
}
