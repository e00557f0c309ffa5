/**
 * SPDX license expression of the entity's source, e.g. `Apache-2.0` or
 * `MIT OR Apache-2.0`.
 *
 * @public
 */
export const OSPO_LICENSE_ANNOTATION = 'ospo-kit.io/license';

/**
 * URL of the entity's software bill of materials (SPDX or CycloneDX).
 *
 * @public
 */
export const OSPO_SBOM_ANNOTATION = 'ospo-kit.io/sbom';

/**
 * URL of the public repository where the entity is published as open source.
 *
 * @public
 */
export const OSPO_PUBLISHED_ANNOTATION = 'ospo-kit.io/published-at';

/**
 * URL of the upstream open source project the entity is a fork of.
 *
 * @public
 */
export const OSPO_UPSTREAM_ANNOTATION = 'ospo-kit.io/fork-of';
