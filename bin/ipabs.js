#!/usr/bin/env node
'use strict';
// CommonJS (bin/package.json), so that Node starts it without its ESM loader: see loadCli.js.
const { loadCli } = require('./loadCli.js');

loadCli()
  .then(({ main }) => main(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code;
  });
