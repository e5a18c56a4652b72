// Bundles the dashboard page (src/) with uPlot into one folder the jar serves from its class path.
// Usage: node build.mjs OUT_DIR   (bin/build-web passes target/classes/web)
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs OUT_DIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ['src/app.js'],
  bundle: true,
  minify: true,
  sourcemap: false,
  target: ['es2020'],
  outdir: out,
  loader: { '.css': 'css' },
  logLevel: 'warning',
});
copyFileSync('src/index.html', join(out, 'index.html'));
