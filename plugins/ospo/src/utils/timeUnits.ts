/** Calendar units, largest first, with their (approximate) length in ms. */
export const TIME_UNITS: Array<
  [Intl.RelativeTimeFormatUnit & Intl.NumberFormatOptions['unit'], number]
> = [
  ['year', 365 * 24 * 60 * 60 * 1000],
  ['month', 30 * 24 * 60 * 60 * 1000],
  ['week', 7 * 24 * 60 * 60 * 1000],
  ['day', 24 * 60 * 60 * 1000],
  ['hour', 60 * 60 * 1000],
  ['minute', 60 * 1000],
];
