#!/usr/bin/env node
// Bundle the extension with esbuild (dist/extension.js), or the unit tests (out/test/).
//
//   node scripts/build.mjs               the extension, with a source map
//   node scripts/build.mjs --production  the extension, minified, for the .vsix
//   node scripts/build.mjs --tests       each test/*.test.ts into out/test/ for `node --test`
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const common = { bundle: true, platform: 'node', target: 'node18', format: 'cjs', logLevel: 'warning' };

if (process.argv.includes('--tests')) {
    const outdir = join(root, 'out', 'test');
    rmSync(outdir, { recursive: true, force: true });
    const entryPoints = readdirSync(join(root, 'test'))
        .filter((name) => name.endsWith('.test.ts'))
        .map((name) => join(root, 'test', name));
    // The units under test must not need `vscode`: bundling fails if one imports it.
    await build({ ...common, entryPoints, outdir, sourcemap: 'inline' });
} else {
    await build({
        ...common,
        entryPoints: [join(root, 'src', 'extension.ts')],
        outfile: join(root, 'dist', 'extension.js'),
        external: ['vscode'],
        minify: production,
        sourcemap: !production,
    });
}
