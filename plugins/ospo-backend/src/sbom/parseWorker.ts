import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { LicensePolicy } from '../metrics/LicensePolicy';
import { parseCycloneDxSbom } from './parseCycloneDxSbom';

/** This module's file, which `SbomWorkerParser` starts as its worker. */
export const PARSE_WORKER_FILE = __filename;

/** Tells this module's worker from other workers of the process. */
export const PARSE_WORKER_KIND = 'ospo-sbom-parser';

/** A body to parse, as the parser posts it to the worker. */
export interface ParseRequest {
  id: number;
  body: Uint8Array;
  maxComponents: number;
}

/** The worker's answer: the parsed SBOM, or the error it was refused with. */
export type ParseResponse =
  | { id: number; parsed: Awaited<ReturnType<typeof parseCycloneDxSbom>> }
  | {
      id: number;
      error: { name: string; message: string; statusCode?: number };
    };

// Started as the worker: parses what it is sent, one body at a time.
if (!isMainThread && workerData?.kind === PARSE_WORKER_KIND && parentPort) {
  const port = parentPort;
  const licensePolicy = LicensePolicy.create(workerData.licenses);
  port.on('message', async (request: ParseRequest) => {
    let response: ParseResponse;
    try {
      const parsed = await parseCycloneDxSbom(
        Buffer.from(
          request.body.buffer,
          request.body.byteOffset,
          request.body.byteLength,
        ),
        { licensePolicy, maxComponents: request.maxComponents },
      );
      response = { id: request.id, parsed };
    } catch (error) {
      const e = error as Error & { statusCode?: number };
      response = {
        id: request.id,
        error: { name: e.name, message: e.message, statusCode: e.statusCode },
      };
    }
    port.postMessage(response);
  });
}
