/**
 * SMTP servers echo the recipient's address in their answers (`550 5.1.1 <jo@example.org>: user
 * unknown`). Those answers reach the worker's log and the lifecycle's record of failed deliveries,
 * where the recipient is already named by person id: the address is masked so that no personal
 * data leaves the payloads (docs/configuration.md#logs).
 *
 * @module
 */

/** Anything shaped like an address, bracketed or not (a deliberately broad pattern). */
const ADDRESS = /[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+\.[^\s<>"'(),;:@]+/g;

/** What masks an address in an SMTP answer or an error message. */
export const MASKED_ADDRESS = '[address]';

/** `text` with every e-mail address replaced by {@link MASKED_ADDRESS}. */
export function withoutAddresses(text: string): string {
  return text.replace(ADDRESS, MASKED_ADDRESS);
}
