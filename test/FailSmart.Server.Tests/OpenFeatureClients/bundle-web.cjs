// Bundles web-page.mjs and the packages it imports (from NODE_PATH) into one browser script.
// Usage: NODE_PATH=… node bundle-web.cjs <out-file>
const path = require('node:path');
const esbuild = require('esbuild');

esbuild.buildSync({
  entryPoints: [path.join(__dirname, 'web-page.mjs')],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  nodePaths: [process.env.NODE_PATH],
  outfile: process.argv[2],
  logLevel: 'error',
});
