import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Worker } from 'node:worker_threads';
import { PayloadTooLargeError } from '../http/PayloadTooLargeError';
import { LicensePolicy } from '../metrics/LicensePolicy';
import { ParsedSbom, parseCycloneDxSbom } from './parseCycloneDxSbom';
import {
  PARSE_WORKER_FILE,
  PARSE_WORKER_KIND,
  ParseRequest,
  ParseResponse,
} from './parseWorker';

/**
 * Reads SBOM bodies into what a scan stores (see `parseCycloneDxSbom`).
 *
 * @internal
 */
export interface SbomParser {
  parse(body: Buffer, options: { maxComponents: number }): Promise<ParsedSbom>;
}

/**
 * Parses on the calling thread: for tests, and where no worker can start.
 *
 * @internal
 */
export function createInlineSbomParser(
  licensePolicy: LicensePolicy,
): SbomParser {
  return {
    parse: (body, options) =>
      parseCycloneDxSbom(body, { licensePolicy, ...options }),
  };
}

interface Job {
  request: ParseRequest;
  transfer: ArrayBuffer[];
  resolve(parsed: ParsedSbom): void;
  reject(error: Error): void;
}

/**
 * Parses SBOMs in a worker thread, one at a time. Parsing and validating a
 * large SBOM is a second of CPU (JSON, the CycloneDX schema, every
 * component's license): on the event loop, every other request of the
 * backend would wait for it. Uploads queue for the worker, which also bounds
 * the memory they take at once. The worker starts with the first upload and
 * again after it died.
 *
 * @internal
 */
export class SbomWorkerParser implements SbomParser {
  private worker?: Worker;
  private readonly queue: Job[] = [];
  private current?: Job;
  private nextId = 1;

  private constructor(
    private readonly options: {
      licensePolicy: LicensePolicy;
      logger: LoggerService;
      execArgv?: string[];
    },
  ) {}

  /**
   * `execArgv` are the worker's Node options; by default the process's
   * (which carry the TypeScript transform when running from source).
   */
  static create(options: {
    licensePolicy: LicensePolicy;
    logger: LoggerService;
    execArgv?: string[];
  }): SbomWorkerParser {
    return new SbomWorkerParser(options);
  }

  parse(body: Buffer, options: { maxComponents: number }): Promise<ParsedSbom> {
    // The body's memory moves to the worker when it is the body's own;
    // a slice of a shared pool is copied.
    const owned =
      body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
    const bytes = owned
      ? new Uint8Array(body.buffer, 0, body.byteLength)
      : new Uint8Array(body);
    return new Promise<ParsedSbom>((resolve, reject) => {
      this.queue.push({
        request: {
          id: this.nextId++,
          body: bytes,
          maxComponents: options.maxComponents,
        },
        transfer: [bytes.buffer as ArrayBuffer],
        resolve,
        reject,
      });
      this.next();
    });
  }

  /** Stops the worker; queued and running parses fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    const stopped = new Error('The SBOM parser was stopped');
    for (const job of this.queue.splice(0)) job.reject(stopped);
    this.current?.reject(stopped);
    this.current = undefined;
    await worker?.terminate();
  }

  private next() {
    if (this.current || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    this.current = job;
    this.workerNow().postMessage(job.request, job.transfer);
  }

  private workerNow(): Worker {
    if (!this.worker) {
      const worker = new Worker(bootstrap(PARSE_WORKER_FILE), {
        eval: true,
        workerData: {
          kind: PARSE_WORKER_KIND,
          licenses: this.options.licensePolicy.lists,
        },
        ...(this.options.execArgv ? { execArgv: this.options.execArgv } : {}),
      });
      // An idle worker does not keep the process running.
      worker.unref();
      worker.on('message', (response: ParseResponse) => this.settle(response));
      worker.on('error', error => this.fail(worker, error as Error));
      worker.on('exit', code =>
        this.fail(worker, new Error(`The SBOM parser exited with ${code}`)),
      );
      this.worker = worker;
    }
    return this.worker;
  }

  private settle(response: ParseResponse) {
    const job = this.current;
    if (!job || job.request.id !== response.id) return;
    this.current = undefined;
    if ('parsed' in response) {
      job.resolve(response.parsed);
    } else {
      job.reject(toError(response.error));
    }
    this.next();
  }

  private fail(worker: Worker, error: Error) {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.options.logger.error('The SBOM parser worker failed', error);
    const job = this.current;
    this.current = undefined;
    job?.reject(error);
    this.next();
  }
}

/**
 * The worker's code: the parse module, which acts as the worker when started
 * as one. Run from source (a `.ts` file) in a process without a TypeScript
 * transform, as under Jest, it loads Backstage's.
 */
function bootstrap(file: string): string {
  return `
const file = ${JSON.stringify(file)};
if (file.endsWith('.ts') && !require.extensions['.ts']) {
  require(require.resolve('@backstage/cli-node/config/nodeTransform.cjs', { paths: [file] }));
}
require(file);
`;
}

/** The error the worker refused a body with, as the routes answer it. */
function toError(error: {
  name: string;
  message: string;
  statusCode?: number;
}): Error {
  if (error.name === 'InputError') return new InputError(error.message);
  if (error.statusCode === 413) return new PayloadTooLargeError(error.message);
  return new Error(error.message);
}
