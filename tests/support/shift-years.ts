/**
 * The time-skipping server's clock starts at the real "now" and only moves forward, so a test
 * that follows an agreement from its signature moves the agreement into the future instead:
 * every date of the file (and every window or project year) is shifted by whole years.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WINDOW = /^(\d{4})-(H[12]|Q[1-4])$/;

function shiftDate(value: string, years: number): string {
  const [, y, m, d] = DATE.exec(value)!;
  const year = Number(y) + years;
  // 29 February of a leap year becomes the 28th in a common year (month-end clamping).
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === '02' && d === '29' && !leap ? '28' : d;
  return `${year}-${m}-${day}`;
}

export function shiftYears<T>(value: T, years: number, key = ''): T {
  if (typeof value === 'string') {
    if (DATE.test(value)) return shiftDate(value, years) as T;
    const window = WINDOW.exec(value);
    if (window) return `${Number(window[1]) + years}-${window[2]}` as T;
    return value;
  }
  if (typeof value === 'number' && key === 'years') return value;
  if (Array.isArray(value)) {
    return (
      key === 'years'
        ? value.map((v) => (typeof v === 'number' ? v + years : v))
        : value.map((v) => shiftYears(v, years))
    ) as T;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftYears(v, years, k)])) as T;
  }
  return value;
}
