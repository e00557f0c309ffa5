// The edits an adopter makes to a new create-app app, exactly as the packages'
// READMEs give them (plugins/ospo/README.md, plugins/ospo-backend/README.md):
//
// - packages/app/package.json: one dependency, @ospo-kit/plugin-ospo; the app's
//   `app.packages: all` discovery picks up its `/alpha` plugin, no code line;
// - packages/backend/package.json: one dependency, @ospo-kit/plugin-ospo-backend,
//   and one line in packages/backend/src/index.ts;
// - the root package.json: `resolutions` for ospo-common and ospo-node, which
//   the two plugins depend on, while the packages come from tarballs (`file:`);
// - app-config.yaml: `ospo.office.group`, and that Group in the catalog.
//
// Usage: node add-plugins.mjs <app dir> <tarball dir>
import fs from 'node:fs';
import path from 'node:path';

const [appDir, tarballDir] = process.argv.slice(2).map(p => path.resolve(p));
const tarball = name => `file:${path.join(tarballDir, `${name}.tgz`)}`;

function editJson(file, edit) {
  const full = path.join(appDir, file);
  const json = JSON.parse(fs.readFileSync(full, 'utf8'));
  edit(json);
  fs.writeFileSync(full, `${JSON.stringify(json, null, 2)}\n`);
}

function editText(file, edit) {
  const full = path.join(appDir, file);
  const before = fs.readFileSync(full, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`adopt: could not edit ${file}`);
  fs.writeFileSync(full, after);
}

editJson('packages/app/package.json', pkg => {
  pkg.dependencies['@ospo-kit/plugin-ospo'] = tarball('plugin-ospo');
});
editJson('packages/backend/package.json', pkg => {
  pkg.dependencies['@ospo-kit/plugin-ospo-backend'] = tarball(
    'plugin-ospo-backend',
  );
});
editJson('package.json', pkg => {
  pkg.resolutions = {
    ...pkg.resolutions,
    '@ospo-kit/plugin-ospo-common': tarball('plugin-ospo-common'),
    '@ospo-kit/plugin-ospo-node': tarball('plugin-ospo-node'),
  };
});

editText('packages/backend/src/index.ts', text =>
  text.replace(
    /\nbackend\.start\(\);/,
    "\nbackend.add(import('@ospo-kit/plugin-ospo-backend'));\n\nbackend.start();",
  ),
);

editText(
  'app-config.yaml',
  text =>
    `${text.trimEnd()}\n
ospo:
  office:
    group: group:default/ospo # members are OSPO staff; the Group must exist in the catalog
`,
);
editText(
  'examples/org.yaml',
  text =>
    `${text.trimEnd()}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ospo
  description: The Open Source Program Office
spec:
  type: team
  children: []
  members: [guest]
`,
);
console.log(`adopt: added the OSPO packages to ${appDir}`);
