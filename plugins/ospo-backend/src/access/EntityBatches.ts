import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Refs per catalog request, to keep each one small. */
const BATCH_SIZE = 500;
/** Requests on their way per queue; what is asked meanwhile waits for the next. */
const MAX_IN_FLIGHT = 2;

interface Queue {
  credentials: BackstageCredentials;
  fields: string[];
  /** Refs not yet sent, each with the promise its callers share. */
  waiting: Map<string, Pending>;
  /** The promise of every ref waiting or on its way, for callers to share. */
  promises: Map<string, Promise<Entity | undefined>>;
  inFlight: number;
  scheduled: boolean;
}

interface Pending {
  promise: Promise<Entity | undefined>;
  resolve(entity: Entity | undefined): void;
  reject(error: unknown): void;
}

/**
 * Reads of single catalog entities, batched: refs asked for in the same
 * turn of the event loop, or while the queue's earlier requests are on their
 * way, go together in one `getEntitiesByRefs` request. Under load the
 * catalog then answers a request per burst of page views rather than one
 * per view, and each on-behalf-of token is made once per burst.
 *
 * A queue is named by its caller and fields: each holds the credentials it
 * was created with, so only reads that may share credentials may share it.
 *
 * @internal
 */
export class EntityBatches {
  private readonly queues = new Map<string, Queue>();

  private constructor(private readonly catalog: CatalogService) {}

  static create(options: { catalog: CatalogService }): EntityBatches {
    return new EntityBatches(options.catalog);
  }

  /** The entity with `fields`, as `credentials` see it; undefined when they do not. */
  read(options: {
    queue: string;
    ref: string;
    fields: string[];
    credentials: BackstageCredentials;
  }): Promise<Entity | undefined> {
    let queue = this.queues.get(options.queue);
    if (!queue) {
      queue = {
        credentials: options.credentials,
        fields: options.fields,
        waiting: new Map(),
        promises: new Map(),
        inFlight: 0,
        scheduled: false,
      };
      this.queues.set(options.queue, queue);
    }
    const shared = queue.promises.get(options.ref);
    if (shared) return shared;

    let resolve!: Pending['resolve'];
    let reject!: Pending['reject'];
    const promise = new Promise<Entity | undefined>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    queue.waiting.set(options.ref, { promise, resolve, reject });
    queue.promises.set(options.ref, promise);
    if (!queue.scheduled && queue.inFlight < MAX_IN_FLIGHT) {
      queue.scheduled = true;
      const name = options.queue;
      setImmediate(() => this.send(name));
    }
    return promise;
  }

  private send(name: string): void {
    const queue = this.queues.get(name);
    if (!queue) return;
    queue.scheduled = false;
    if (queue.waiting.size === 0 || queue.inFlight >= MAX_IN_FLIGHT) return;

    const batch = [...queue.waiting].slice(0, BATCH_SIZE);
    for (const [ref] of batch) queue.waiting.delete(ref);
    queue.inFlight += 1;
    const settle = () => {
      for (const [ref] of batch) queue.promises.delete(ref);
      queue.inFlight -= 1;
      if (queue.waiting.size > 0) {
        this.send(name);
      } else if (queue.inFlight === 0) {
        this.queues.delete(name);
      }
    };
    this.catalog
      .getEntitiesByRefs(
        { entityRefs: batch.map(([ref]) => ref), fields: queue.fields },
        { credentials: queue.credentials },
      )
      .then(
        ({ items }) => {
          settle();
          // The catalog answers in the order asked, null for what it hides.
          batch.forEach(([, pending], i) =>
            pending.resolve(items[i] ?? undefined),
          );
        },
        error => {
          settle();
          for (const [, pending] of batch) pending.reject(error);
        },
      );
    // More than a batch waiting: the rest goes out alongside.
    if (queue.waiting.size > 0 && queue.inFlight < MAX_IN_FLIGHT) {
      this.send(name);
    }
  }
}
