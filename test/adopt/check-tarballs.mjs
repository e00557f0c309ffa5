// Checks packed tarballs before anything installs them: the manifest points at
// files the tarball holds, the backend ships its migrations, no `workspace:`
// range is left, and every package the published code or type declarations
// import is declared (a type from an undeclared package is an error in an
// adopter's `tsc`, an undeclared runtime import a crash where it is not hoisted).
//
// Usage: node check-tarballs.mjs <tarball>...
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const builtins = new Set(builtinModules);

/** The package a bare import specifier names: `@scope/name` or `name`. */
function packageOf(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  if (specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@')
    ? parts.slice(0, 2).join('/')
    : parts[0];
  return builtins.has(name) ? undefined : name;
}

/** Import specifiers of a JavaScript or declaration file. */
function importsOf(text) {
  const found = new Set();
  const patterns = [
    /\bfrom\s+['"]([^'"\s]+)['"]/g,
    /\bimport\s+['"]([^'"\s]+)['"]/g,
    /\bimport\(\s*['"]([^'"\s]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"\s]+)['"]\s*\)/g,
    /\/\/\/\s*<reference\s+types=['"]([^'"\s]+)['"]/g,
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) found.add(match[1]);
  }
  return found;
}

/** Whether a package brings its own type declarations (else `@types/<name>` must be declared). */
function hasOwnTypes(name) {
  try {
    const manifestPath = require.resolve(`${name}/package.json`);
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    if (manifest.types || manifest.typings) return true;
    const dir = path.dirname(manifestPath);
    return fs.existsSync(path.join(dir, 'index.d.ts'));
  } catch {
    // Not resolvable from the repository: trust the declared package.
    return true;
  }
}

function typesPackageOf(name) {
  return `@types/${
    name.startsWith('@') ? name.slice(1).replace('/', '__') : name
  }`;
}

/** Every relative file path a manifest field points at. */
function manifestTargets(manifest) {
  const targets = [];
  const add = (field, value) => {
    if (typeof value === 'string') targets.push([field, value]);
    else if (Array.isArray(value)) value.forEach(v => add(field, v));
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value))
        add(`${field}[${JSON.stringify(key)}]`, v);
    }
  };
  add('main', manifest.main);
  add('module', manifest.module);
  add('types', manifest.types);
  add('exports', manifest.exports);
  add('typesVersions', manifest.typesVersions);
  add('configSchema', manifest.configSchema);
  // An export's `backstage` condition names a feature type, not a file.
  return targets.filter(([field]) => !field.endsWith('["backstage"]'));
}

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

function checkTarball(tarball) {
  const problems = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-tarball-'));
  try {
    execFileSync('tar', ['-xzf', tarball, '-C', dir]);
    const root = path.join(dir, 'package');
    const manifest = JSON.parse(
      fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
    );
    const name = manifest.name;

    for (const [field, target] of manifestTargets(manifest)) {
      if (!fs.existsSync(path.join(root, target))) {
        problems.push(
          `${field} points at ${target}, which is not in the tarball`,
        );
      }
    }
    if (!fs.existsSync(path.join(root, 'README.md')))
      problems.push('no README.md');
    if (!fs.existsSync(path.join(root, 'dist'))) problems.push('no dist/');
    if (manifest.backstage?.role === 'backend-plugin') {
      const migrations = path.join(root, 'migrations');
      const count = fs.existsSync(migrations)
        ? fs.readdirSync(migrations).filter(f => f.endsWith('.js')).length
        : 0;
      if (count === 0)
        problems.push('no migrations/*.js (the plugin reads them at start-up)');
    }
    const declared = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ]);
    for (const [dep, range] of Object.entries({
      ...manifest.dependencies,
      ...manifest.peerDependencies,
    })) {
      if (String(range).startsWith('workspace:')) {
        problems.push(`dependency ${dep} is still ${range}`);
      }
    }
    if (!manifest.backstage?.role || !manifest.backstage?.pluginId) {
      problems.push('backstage.role or backstage.pluginId missing');
    }

    const distFiles = fs.existsSync(path.join(root, 'dist'))
      ? walk(path.join(root, 'dist'))
      : [];
    for (const file of distFiles) {
      const isTypes = file.endsWith('.d.ts');
      if (!isTypes && !/\.(c|m)?js$/.test(file)) continue;
      for (const specifier of importsOf(fs.readFileSync(file, 'utf8'))) {
        const dep = packageOf(specifier);
        if (!dep || dep === name) continue;
        const where = path.relative(root, file);
        if (!declared.has(dep)) {
          problems.push(
            `${where} imports ${specifier}, but ${dep} is not a dependency`,
          );
        } else if (isTypes && !dep.startsWith('@types/') && !hasOwnTypes(dep)) {
          const typesPackage = typesPackageOf(dep);
          if (!declared.has(typesPackage)) {
            problems.push(
              `${where} uses the types of ${dep}, but ${typesPackage} is not a dependency`,
            );
          }
        }
      }
    }
    return { name, problems: [...new Set(problems)] };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

let failed = false;
for (const tarball of process.argv.slice(2)) {
  const { name, problems } = checkTarball(tarball);
  if (problems.length === 0) {
    console.log(`adopt: ${name} (${path.basename(tarball)}): ok`);
  } else {
    failed = true;
    console.log(`adopt: ${name} (${path.basename(tarball)}):`);
    for (const problem of problems) console.log(`  - ${problem}`);
  }
}
process.exit(failed ? 1 : 0);
