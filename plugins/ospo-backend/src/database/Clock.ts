/**
 * Tells the time that answers expire and reminders are due by. The plugin
 * asks its database (see {@link DatabaseClock}), so that every instance of
 * the backend agrees; tests set a fixed time.
 *
 * @internal
 */
export interface Clock {
  now(): Promise<Date>;
}
