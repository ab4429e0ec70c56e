/**
 * Remembers the latest results of a pure rendering function. A batch of e-mails repeats the same
 * few values: the same meeting's invitation for its twenty attendees, the same dates in the same
 * zone. Rendering them once instead of once per e-mail is what keeps the activity close to
 * nodemailer's own cost (BENCHMARKS.md B5). Only for pure functions of their key: same key, same
 * output, so a retried activity still sends the same bytes.
 *
 * @module
 */

/** At most `capacity` results are kept; the oldest goes first. Errors are not remembered. */
export function rememberRecent<Args extends unknown[], Result>(
  compute: (...args: Args) => Result,
  keyOf: (...args: Args) => string,
  capacity = 256,
): (...args: Args) => Result {
  const results = new Map<string, Result>();
  return (...args: Args): Result => {
    const key = keyOf(...args);
    const known = results.get(key);
    if (known !== undefined) return known;
    const result = compute(...args);
    if (results.size >= capacity) results.delete(results.keys().next().value!);
    results.set(key, result);
    return result;
  };
}
