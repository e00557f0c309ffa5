// Generates the demo SBOMs as the CI pipeline of each example component would:
// resolves its npm manifest (packages/backend/examples/sbom/<component>/) to a
// lockfile, has cyclonedx-npm write a CycloneDX 1.6 SBOM from it, and merges
// in what a vulnerability scanner reported (the fixture vulnerabilities.json).
// The lockfile stays in a temporary folder: it names registry hosts and is
// never committed. SBOMs are cached in .tools/sbom-cache, keyed by a hash of
// the manifest, so that a later run only merges and validates.
//
// Usage: node scripts/sbom/generate-demo-sboms.mjs [--fresh] [--jobs N]
//   --fresh   ignore cached SBOMs
//   --jobs N  components generated at once (2)
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import yaml from 'js-yaml';
import { componentsOf, mergeVulnerabilities } from './mergeVulnerabilities.mjs';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const examplesDir = path.join(repoRoot, 'packages/backend/examples');
const manifestsDir = path.join(examplesDir, 'sbom');
/** `.tools` is a symlink in git worktrees, hence a path from the root. */
export const cacheDir = path.join(repoRoot, '.tools/sbom-cache');
/** The SBOMs as uploaded: generated, scanned and validated. */
export const outputDir = path.join(cacheDir, 'demo');

const SPEC_VERSION = '1.6';
const cyclonedxNpmBin = path.join(repoRoot, 'node_modules/.bin/cyclonedx-npm');
// Its package.json is not among its exports, so read as a file.
const cyclonedxNpmVersion = JSON.parse(
  await fs.readFile(
    path.join(repoRoot, 'node_modules/@cyclonedx/cyclonedx-npm/package.json'),
    'utf8',
  ),
).version;

/** `1 component`, `2 components`; `1 vulnerability`, `2 vulnerabilities`. */
export function counted(n, noun) {
  if (n === 1) return `1 ${noun}`;
  return `${n} ${noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`}`;
}

/**
 * Writes a file whole or not at all: a run that stops halfway, or another
 * run at the same time (`.tools` may be shared by worktrees), leaves no
 * partial file behind.
 */
async function writeWhole(file, data) {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  await fs.writeFile(partial, data);
  await fs.rename(partial, file);
}

/** Runs a command, resolving to its output; on failure, the error says why. */
function run(command, args, options) {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { maxBuffer: 64 * 1024 * 1024, ...options },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(stdout);
          return;
        }
        const tail = `${stderr}`.trim().split('\n').slice(-15).join('\n');
        reject(
          new Error(
            `${path.basename(command)} ${args.join(' ')} failed (${
              error.code ?? error.signal
            })${tail ? `:\n${tail}` : ''}`,
          ),
        );
      },
    );
  });
}

/**
 * The environment for npm and cyclonedx-npm. Under `yarn start`, npm_execpath
 * is Yarn's: cyclonedx-npm would run Yarn for `npm ls`. Without it, it asks
 * the npm on PATH where it is.
 */
function npmEnv() {
  const env = { ...process.env };
  delete env.npm_execpath;
  delete env.npm_node_execpath;
  return env;
}

/** The example catalog's Components, by name. */
async function exampleComponents() {
  const docs = yaml.loadAll(
    await fs.readFile(path.join(examplesDir, 'entities.yaml'), 'utf8'),
  );
  return new Map(
    docs
      .filter(doc => doc?.kind === 'Component')
      .map(doc => [doc.metadata.name, doc]),
  );
}

/** The component folders under examples/sbom, with their manifests. */
async function demoManifests() {
  const entries = await fs.readdir(manifestsDir, { withFileTypes: true });
  const manifests = [];
  for (const entry of entries.filter(e => e.isDirectory())) {
    const file = path.join(manifestsDir, entry.name, 'package.json');
    manifests.push({ name: entry.name, text: await fs.readFile(file, 'utf8') });
  }
  return manifests.sort((a, b) => a.name.localeCompare(b.name));
}

/** Resolves a manifest in a temporary folder and writes its SBOM to `file`. */
async function generateSbom(manifest, mcType, file, signal) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ospo-sbom-'));
  try {
    await fs.writeFile(path.join(dir, 'package.json'), manifest.text);
    const env = npmEnv();
    await run(
      'npm',
      [
        'install',
        '--package-lock-only',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
      ],
      { cwd: dir, env, signal },
    );
    const output = path.join(dir, 'bom.cdx.json');
    // With the Node that runs this script: the bin's shebang would take
    // whichever `node` comes first on PATH.
    await run(
      process.execPath,
      [
        cyclonedxNpmBin,
        '--package-lock-only',
        '--output-format',
        'JSON',
        '--spec-version',
        SPEC_VERSION,
        '--mc-type',
        mcType,
        '--output-file',
        output,
      ],
      { cwd: dir, env, signal },
    );
    await writeWhole(file, await fs.readFile(output));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Runs `fn` over `items`, `jobs` at a time; the results in their order. */
async function mapLimit(items, jobs, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  return results;
}

/**
 * Generates (or takes from the cache) the SBOM of each demo component, merges
 * in the fixture's vulnerabilities for the components it scanned, validates
 * the result against the CycloneDX 1.6 schema and writes it to `outputDir`.
 * A component that fails is reported in its result; the others go on.
 *
 * `signal` stops npm and cyclonedx-npm: the components left fail.
 *
 * @param {{ fresh?: boolean, jobs?: number, log?: (line: string) => void,
 *   signal?: AbortSignal }} [options]
 * @returns {Promise<Array<{ name: string, file?: string, bom?: object,
 *   cached?: boolean, components?: number, vulnerabilities?: number,
 *   error?: Error }>>}
 */
export async function generateDemoSboms(options = {}) {
  const { fresh = false, jobs = 2, log = () => {}, signal } = options;
  const catalog = await exampleComponents();
  const fixture = JSON.parse(
    await fs.readFile(path.join(manifestsDir, 'vulnerabilities.json'), 'utf8'),
  );
  const scanned = new Set(fixture.scanned);
  const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
  const reported = new Set();

  const results = await mapLimit(
    await demoManifests(),
    jobs,
    async manifest => {
      const { name } = manifest;
      try {
        const entity = catalog.get(name);
        if (!entity) {
          throw new Error(
            `examples/sbom/${name} names no Component of examples/entities.yaml`,
          );
        }
        const mcType =
          entity.spec?.type === 'library' ? 'library' : 'application';
        const key = createHash('sha256')
          .update(
            [manifest.text, cyclonedxNpmVersion, SPEC_VERSION, mcType].join(
              '\0',
            ),
          )
          .digest('hex')
          .slice(0, 16);
        const cached = path.join(cacheDir, 'npm', `${name}-${key}.cdx.json`);
        const hit =
          !fresh &&
          (await fs.access(cached).then(
            () => true,
            () => false,
          ));
        if (!hit) {
          await generateSbom(manifest, mcType, cached, signal);
          // SBOMs of earlier versions of the manifest are of no more use.
          const earlier = new RegExp(`^${name}-[0-9a-f]{16}\\.cdx\\.json$`);
          for (const file of await fs.readdir(path.dirname(cached))) {
            if (earlier.test(file) && file !== path.basename(cached)) {
              await fs.rm(path.join(path.dirname(cached), file), {
                force: true,
              });
            }
          }
        }

        let bom = JSON.parse(await fs.readFile(cached, 'utf8'));
        if (scanned.has(name)) {
          const merged = mergeVulnerabilities(bom, fixture.vulnerabilities);
          bom = merged.bom;
          for (const id of merged.ids) reported.add(id);
        }
        const text = `${JSON.stringify(bom, null, 2)}\n`;
        const invalid = await validator.validate(text);
        if (invalid) {
          throw new Error(
            `the SBOM is not valid CycloneDX ${SPEC_VERSION}: ${JSON.stringify(
              invalid,
            ).slice(0, 500)}`,
          );
        }
        const file = path.join(outputDir, `${name}.cdx.json`);
        await writeWhole(file, text);
        const result = {
          name,
          file,
          bom,
          cached: hit,
          components: componentsOf(bom).length,
          vulnerabilities: bom.vulnerabilities?.length,
        };
        log(
          `sbom: ${name}: ${counted(result.components, 'component')}, ${
            scanned.has(name)
              ? counted(result.vulnerabilities, 'vulnerability')
              : 'not scanned'
          }${hit ? ' (cached)' : ''}`,
        );
        return result;
      } catch (error) {
        log(`sbom: ${name}: generation failed: ${error.message}`);
        return { name, error };
      }
    },
  );

  const generated = results.filter(r => !r.error).map(r => r.name);
  if (generated.length === results.length) {
    // A fixture entry no SBOM has: the lockfile resolved another version.
    for (const vulnerability of fixture.vulnerabilities) {
      if (!reported.has(vulnerability.id)) {
        log(
          `sbom: ${vulnerability.id} of vulnerabilities.json affects no package of the scanned SBOMs`,
        );
      }
    }
  }
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      fresh: { type: 'boolean', default: false },
      jobs: { type: 'string', default: '2' },
    },
  });
  const start = Date.now();
  const results = await generateDemoSboms({
    fresh: values.fresh,
    jobs: Number(values.jobs),
    log: line => console.log(line),
  });
  const failed = results.filter(r => r.error).length;
  console.log(
    `sbom: ${results.length - failed} SBOMs in ${path.relative(
      process.cwd(),
      outputDir,
    )}, ${failed} failed, in ${((Date.now() - start) / 1000).toFixed(1)} s`,
  );
  process.exitCode = failed ? 1 : 0;
}
