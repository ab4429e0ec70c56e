/** Text with French no-break spaces (U+00A0, U+202F) made ordinary, to match a sentence in a test. */
export function plainSpaces(text: string): string {
  return text.replace(/[\u00A0\u202F]/g, ' ');
}
