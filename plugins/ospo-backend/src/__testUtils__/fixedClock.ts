import { Clock } from '../database/Clock';

/**
 * A clock that stands still at a time the test sets: expiry and reminders
 * judged at exact instants, whatever the machine's and database's clocks say.
 */
export class FixedClock implements Clock {
  private time: Date;

  private constructor(time: Date) {
    this.time = time;
  }

  static at(time: string | Date): FixedClock {
    return new FixedClock(new Date(time));
  }

  async now(): Promise<Date> {
    return new Date(this.time);
  }

  set(time: string | Date): void {
    this.time = new Date(time);
  }
}
