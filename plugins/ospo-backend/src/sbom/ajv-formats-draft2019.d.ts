// The package ships no types.
declare module 'ajv-formats-draft2019' {
  import type Ajv from 'ajv';

  /** Adds the JSON schema draft 2019-09 formats (`idn-email`, ...) to Ajv. */
  export default function addFormats2019(
    ajv: Ajv,
    options?: { formats?: string[] },
  ): Ajv;
}
