// Lists the packages installed under the OSPO packages' own node_modules in the
// app (run in the app's root): a copy there means the app resolved a different
// version of that package than the plugin's range accepts, so the app carries
// two. A second copy of a frontend library that holds React context or API
// refs (e.g. @backstage/plugin-catalog-react) is what breaks plugins.
//
// Usage: node report-duplicates.mjs [--strict]; with --strict a nested
// @backstage/* or React package fails (exit code 1).
import fs from 'node:fs';
import path from 'node:path';

function versionAt(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
      .version;
  } catch {
    return undefined;
  }
}

function packagesIn(modulesDir) {
  if (!fs.existsSync(modulesDir)) return [];
  return fs.readdirSync(modulesDir).flatMap(entry => {
    if (entry.startsWith('.')) return [];
    if (entry.startsWith('@')) {
      return fs
        .readdirSync(path.join(modulesDir, entry))
        .map(name => `${entry}/${name}`);
    }
    return [entry];
  });
}

const strict = process.argv.includes('--strict');
const shared = name =>
  name.startsWith('@backstage/') ||
  /^react(-dom|-router|-router-dom)?$/.test(name);
let sharedNested = 0;
const nested = [];
for (const plugin of packagesIn('node_modules').filter(n =>
  n.startsWith('@ospo-kit/'),
)) {
  const own = path.join('node_modules', plugin, 'node_modules');
  for (const dep of packagesIn(own)) {
    const version = versionAt(path.join(own, dep));
    if (!version) continue;
    if (shared(dep)) sharedNested += 1;
    nested.push(
      `${plugin} has its own ${dep}@${version} (the app has ${
        versionAt(path.join('node_modules', dep)) ?? 'none'
      })`,
    );
  }
}
if (nested.length === 0) {
  console.log('adopt: the OSPO packages share every dependency with the app');
} else {
  console.log(
    `adopt: ${nested.length} packages nested under the OSPO packages:`,
  );
  for (const line of nested) console.log(`  ${line}`);
}
if (strict && sharedNested > 0) {
  console.log(
    `adopt: ${sharedNested} of them are @backstage or React packages the app has in another version`,
  );
  process.exit(1);
}
