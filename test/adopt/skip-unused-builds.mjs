// Not an adopter's step, to save CI time: native modules the install test never
// loads are not compiled (the tree-sitter parsers of the API docs' Swagger UI,
// ssh2 and cpu-features of TechDocs' Docker client, keytar of the CLI's login),
// as the repository's own package.json does for some of them. better-sqlite3,
// which the backend uses, is built.
//
// Usage: node skip-unused-builds.mjs <app dir>
import fs from 'node:fs';
import path from 'node:path';

const file = path.join(process.argv[2], 'package.json');
const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
const unused = [
  'tree-sitter',
  'tree-sitter-json',
  '@tree-sitter-grammars/tree-sitter-yaml',
  'ssh2',
  'cpu-features',
  'keytar',
];
pkg.dependenciesMeta = {
  ...pkg.dependenciesMeta,
  ...Object.fromEntries(unused.map(name => [name, { built: false }])),
};
fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
