#!/usr/bin/env node
// Runs the compiled CLI; `npm run build` produces dist/.
import('../dist/cli/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND') {
    console.error('duban: dist/ is missing — run `npm run build` first (npm start does it for you).');
    process.exit(1);
  }
  throw err;
});
