import { Config } from '@backstage/config';

/**
 * The limits of SBOM uploads, from `ospo.sbom`.
 *
 * @internal
 */
export interface SbomConfig {
  /** Largest request body taken, in bytes. */
  maxSizeBytes: number;
  /** Most components (nested ones included) one SBOM may list. */
  maxComponents: number;
}

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1024,
  mb: 1024 ** 2,
  gb: 1024 ** 3,
};
const MIN_SIZE = 1024;
const MAX_SIZE = 1024 ** 3;
const MAX_COMPONENTS = 10_000_000;

/**
 * Reads `ospo.sbom`; throws at start-up on a bad value, naming the key.
 *
 * @internal
 */
export function readSbomConfig(config: Config): SbomConfig {
  const sbom = config.getOptionalConfig('ospo.sbom');
  const size = sbom?.getOptional('maxSize') ?? '50mb';
  const maxSizeBytes = toBytes(size);
  if (
    maxSizeBytes === undefined ||
    maxSizeBytes < MIN_SIZE ||
    maxSizeBytes > MAX_SIZE
  ) {
    throw new Error(
      `ospo.sbom.maxSize must be a size from 1kb to 1gb, such as '50mb' or a number of bytes, not ${JSON.stringify(
        size,
      )}`,
    );
  }
  const maxComponents = sbom?.getOptionalNumber('maxComponents') ?? 100_000;
  if (
    !Number.isInteger(maxComponents) ||
    maxComponents < 1 ||
    maxComponents > MAX_COMPONENTS
  ) {
    throw new Error(
      `ospo.sbom.maxComponents must be a whole number from 1 to ${MAX_COMPONENTS}, not ${maxComponents}`,
    );
  }
  return { maxSizeBytes, maxComponents };
}

/** `50mb`, `512 KB`, `1.5gb` or a number of bytes, in bytes. */
function toBytes(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) ? value : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(value);
  if (!match) return undefined;
  const unit = UNITS[(match[2] ?? 'b').toLocaleLowerCase('en-US')];
  return Math.floor(Number(match[1]) * unit);
}
